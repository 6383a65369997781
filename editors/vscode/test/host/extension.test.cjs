// Runs the bundled extension (dist/extension.js) against a fake `vscode`
// module and a fake server (../../../nvim/test/fake-server.js, shared with the
// Neovim tests), and checks what goes over the wire: the command line, the
// initializationOptions, the answer to workspace/configuration, pushed
// settings changes, dateline.reindex, restart on server settings, and the
// message when no binary is found. Needs `npm run bundle` first.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const { describe, it, before, after } = require('node:test');

const { createFakeVscode } = require('./fake-vscode.cjs');

const bundle = path.resolve(__dirname, '../../dist/extension.js');
const fakeServer = path.resolve(__dirname, '../../../nvim/test/fake-server.js');

/** Loads a fresh copy of the bundle with `vscode` resolved to `fake`. */
function loadExtension(fake) {
  const originalLoad = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') {
      return fake;
    }
    return originalLoad.call(this, request, ...rest);
  };
  try {
    delete require.cache[bundle];
    return require(bundle);
  } finally {
    Module._load = originalLoad;
  }
}

function readLog(file) {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

async function waitFor(what, probe, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function context(extensionPath) {
  return { subscriptions: [], extensionPath, extensionUri: { fsPath: extensionPath }, globalState: {}, workspaceState: {} };
}

const skip = process.platform === 'win32' ? 'uses a POSIX shell script as the server binary' : false;

describe('the bundled extension', { skip }, () => {
  let tmp;
  let savedPath;

  before(() => {
    assert.ok(fs.existsSync(bundle), `${bundle} is missing: run npm run bundle first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-vscode-'));
    savedPath = process.env.PATH;
  });

  after(() => {
    process.env.PATH = savedPath;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('starts `dateline serve` from PATH and speaks the settings contract', async () => {
    const corpus = path.join(tmp, 'corpus');
    const bin = path.join(tmp, 'bin');
    const log = path.join(tmp, 'server.log');
    fs.mkdirSync(corpus, { recursive: true });
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(corpus, 'dateline.toml'), '');
    // `dateline` on PATH: a shell script that runs the fake server.
    const shim = path.join(bin, 'dateline');
    fs.writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${fakeServer}" "${log}" "$@"\n`, { mode: 0o755 });
    process.env.PATH = `${bin}${path.delimiter}${savedPath}`;

    const { vscode, state, changeSettings } = createFakeVscode({
      workspaceFolder: corpus,
      extensionSettings: {
        'dateline.checks.severity': { 'name/': 'warning', 'date/event-mismatch': 'ERROR', 'kb/': 'loud' },
        'dateline.inlayHints.roles': true,
      },
    });
    const extension = loadExtension(vscode);
    extension.activate(context(path.join(tmp, 'no-bundled-server')));

    const expected = {
      checks: { severity: { 'name/': 'warning', 'date/event-mismatch': 'error' } },
      inlayHints: { dates: true, roles: true },
    };

    // initialize: `serve`, then the contract shape as initializationOptions.
    const init = await waitFor('initialize', () => readLog(log).find((e) => e.method === 'initialize'));
    assert.deepEqual(init.args, ['serve']);
    assert.deepEqual(init.params.initializationOptions, expected);

    // The server's workspace/configuration request for `dateline` gets the same shape.
    const answer = await waitFor('the workspace/configuration answer', () =>
      readLog(log).find((e) => e.response === 'workspace/configuration'),
    );
    assert.deepEqual(answer.result, [expected]);
    assert.equal(answer.error, undefined);

    // The ignored severity entry is logged, not sent.
    assert.match(state.output.join(''), /"kb\/" has level "loud"/);

    // The server advertised dateline.reindex; our own command must survive that.
    for (const id of ['dateline.restartServer', 'dateline.showLog', 'dateline.reindex']) {
      assert.ok(state.commands.has(id), `${id} is registered`);
    }
    assert.doesNotMatch(state.output.join(''), /already exists/);
    assert.deepEqual(state.messages.filter((m) => m.kind === 'error'), []);

    // dateline.reindex: workspace/executeCommand with no arguments.
    await vscode.commands.executeCommand('dateline.reindex');
    const executed = await waitFor('workspace/executeCommand', () =>
      readLog(log).find((e) => e.method === 'workspace/executeCommand'),
    );
    assert.deepEqual(executed.params, { command: 'dateline.reindex' });

    // A settings change is pushed under `dateline`, without a restart.
    changeSettings({ 'dateline.inlayHints.dates': false });
    const pushed = await waitFor('workspace/didChangeConfiguration', () =>
      readLog(log).find((e) => e.method === 'workspace/didChangeConfiguration'),
    );
    assert.deepEqual(pushed.params, {
      settings: { dateline: { ...expected, inlayHints: { dates: false, roles: true } } },
    });
    assert.equal(readLog(log).filter((e) => e.method === 'initialize').length, 1);

    // A server setting restarts: the old process is shut down, a new one gets the new arguments.
    changeSettings({ 'dateline.server.extraArgs': ['--log', 'debug'] });
    const second = await waitFor('a second initialize', () =>
      readLog(log).filter((e) => e.method === 'initialize')[1],
    );
    assert.deepEqual(second.args, ['serve', '--log', 'debug']);
    assert.notEqual(second.pid, init.pid);
    assert.ok(readLog(log).some((e) => e.method === 'shutdown' && e.pid === init.pid), 'the first server was shut down');
    assert.deepEqual(second.params.initializationOptions, { ...expected, inlayHints: { dates: false, roles: true } });

    // dateline.restartServer does the same on demand.
    await vscode.commands.executeCommand('dateline.restartServer');
    await waitFor('a third initialize', () => readLog(log).filter((e) => e.method === 'initialize')[2]);

    await extension.deactivate();
    const last = readLog(log).filter((e) => e.method === 'initialize')[2];
    await waitFor('exit of the last server', () => readLog(log).some((e) => e.method === 'exit' && e.pid === last.pid));
  });

  it('says what to do when there is no server binary', async () => {
    process.env.PATH = path.join(tmp, 'empty');
    const { vscode, state } = createFakeVscode({ workspaceFolder: tmp });
    const extension = loadExtension(vscode);
    extension.activate(context(path.join(tmp, 'no-bundled-server')));

    const shown = await waitFor('an error message', () => state.messages.find((m) => m.kind === 'error'));
    assert.match(shown.text, /dateline language server was not found/);
    assert.match(shown.text, /dateline\.server\.path/);
    assert.deepEqual(shown.items, ['Open Settings', 'Show Log']);

    // Re-reading the corpus without a server explains itself instead of failing silently.
    await vscode.commands.executeCommand('dateline.reindex');
    assert.ok(state.messages.some((m) => m.kind === 'warning' && /not running/.test(m.text)));
    await extension.deactivate();
  });
});
