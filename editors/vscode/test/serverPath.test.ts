import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { explicitServerPath, Resolution, resolveServerCommand, ResolveInput } from '../src/serverPath';

/** A POSIX machine whose executable files are `files`. */
function posix(files: string[], overrides: Partial<ResolveInput> = {}): ResolveInput {
  const set = new Set(files);
  return {
    configured: undefined,
    extensionPath: '/ext/dateline',
    workspaceFolder: '/work/corpus',
    platform: 'linux',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    homedir: '/home/ann',
    isExecutable: (file) => set.has(file),
    ...overrides,
  };
}

function windows(files: string[], overrides: Partial<ResolveInput> = {}): ResolveInput {
  const set = new Set(files.map((file) => file.toLowerCase()));
  return {
    configured: undefined,
    extensionPath: 'C:\\ext\\dateline',
    workspaceFolder: 'C:\\work\\corpus',
    platform: 'win32',
    env: { Path: 'C:\\Windows;C:\\Users\\ann\\.cargo\\bin', PATHEXT: '.COM;.EXE;.BAT' },
    homedir: 'C:\\Users\\ann',
    isExecutable: (file) => set.has(file.toLowerCase()),
    ...overrides,
  };
}

function command(resolution: Resolution): [string, string] {
  assert.ok(resolution.ok, resolution.ok ? '' : resolution.message);
  return [resolution.command, resolution.source];
}

function failure(resolution: Resolution): string {
  assert.ok(!resolution.ok, 'expected no server to be found');
  return resolution.message;
}

describe('resolveServerCommand', () => {
  it('prefers a bundled binary over PATH', () => {
    const input = posix(['/ext/dateline/server/dateline', '/usr/bin/dateline']);
    assert.deepEqual(command(resolveServerCommand(input)), ['/ext/dateline/server/dateline', 'bundled']);
  });

  it('falls back to PATH, first hit wins', () => {
    const input = posix(['/usr/local/bin/dateline', '/usr/bin/dateline']);
    assert.deepEqual(command(resolveServerCommand(input)), ['/usr/local/bin/dateline', 'path']);
  });

  it('skips empty and relative PATH entries', () => {
    const input = posix(['dateline', 'bin/dateline', '/opt/bin/dateline'], { env: { PATH: ':bin:.:/opt/bin' } });
    assert.deepEqual(command(resolveServerCommand(input)), ['/opt/bin/dateline', 'path']);
  });

  it('says what to do when nothing is found', () => {
    const message = failure(resolveServerCommand(posix([])));
    assert.match(message, /dateline language server was not found/);
    assert.match(message, /dateline\.server\.path/);
    assert.match(message, /cargo install/);
  });

  it('survives a missing PATH', () => {
    assert.match(failure(resolveServerCommand(posix([], { env: {} }))), /not found/);
  });

  it('uses an absolute setting over the bundled binary', () => {
    const input = posix(['/ext/dateline/server/dateline', '/opt/dateline/target/release/dateline'], {
      configured: '/opt/dateline/target/release/dateline',
    });
    assert.deepEqual(command(resolveServerCommand(input)), ['/opt/dateline/target/release/dateline', 'setting']);
  });

  it('reports a setting that points at nothing, without falling back', () => {
    const input = posix(['/usr/bin/dateline'], { configured: '/opt/missing/dateline' });
    const message = failure(resolveServerCommand(input));
    assert.match(message, /dateline\.server\.path is "\/opt\/missing\/dateline", but there is no executable file at \/opt\/missing\/dateline/);
  });

  it('expands ~ in the setting', () => {
    const input = posix(['/home/ann/.cargo/bin/dateline'], { configured: '~/.cargo/bin/dateline' });
    assert.deepEqual(command(resolveServerCommand(input)), ['/home/ann/.cargo/bin/dateline', 'setting']);
  });

  it('resolves a relative setting against the workspace folder', () => {
    const input = posix(['/work/corpus/target/debug/dateline'], { configured: './target/debug/dateline' });
    assert.deepEqual(command(resolveServerCommand(input)), ['/work/corpus/target/debug/dateline', 'setting']);
  });

  it('refuses a relative setting with no folder open', () => {
    const input = posix(['/work/corpus/target/debug/dateline'], { configured: 'target/debug/dateline', workspaceFolder: undefined });
    assert.match(failure(resolveServerCommand(input)), /relative path "target\/debug\/dateline", but no folder is open/);
  });

  it('looks a bare-name setting up on PATH, skipping the bundled binary', () => {
    const input = posix(['/ext/dateline/server/dateline', '/usr/bin/dateline-nightly'], { configured: 'dateline-nightly' });
    assert.deepEqual(command(resolveServerCommand(input)), ['/usr/bin/dateline-nightly', 'setting']);
  });

  it('reports a bare-name setting that is not on PATH', () => {
    const input = posix(['/ext/dateline/server/dateline'], { configured: 'dateline-nightly' });
    assert.match(failure(resolveServerCommand(input)), /"dateline-nightly", but no such program is on PATH/);
  });

  it('treats a blank setting as unset', () => {
    const input = posix(['/usr/bin/dateline'], { configured: '   ' });
    assert.deepEqual(command(resolveServerCommand(input)), ['/usr/bin/dateline', 'path']);
  });

  describe('on Windows', () => {
    it('finds the bundled dateline.exe', () => {
      const input = windows(['C:\\ext\\dateline\\server\\dateline.exe']);
      assert.deepEqual(command(resolveServerCommand(input)), ['C:\\ext\\dateline\\server\\dateline.exe', 'bundled']);
    });

    it('finds dateline.exe on Path through PATHEXT', () => {
      const input = windows(['C:\\Users\\ann\\.cargo\\bin\\dateline.exe']);
      assert.deepEqual(command(resolveServerCommand(input)), ['C:\\Users\\ann\\.cargo\\bin\\dateline.exe', 'path']);
    });

    it('does not take an extensionless file for a program', () => {
      assert.match(failure(resolveServerCommand(windows(['C:\\Windows\\dateline']))), /not found/);
    });

    it('adds .exe to a configured path without one', () => {
      const input = windows(['D:\\src\\dateline\\target\\release\\dateline.exe'], {
        configured: 'D:\\src\\dateline\\target\\release\\dateline',
      });
      assert.deepEqual(command(resolveServerCommand(input)), ['D:\\src\\dateline\\target\\release\\dateline.exe', 'setting']);
    });
  });
});

describe('explicitServerPath', () => {
  it('is undefined when the setting is left at its default', () => {
    assert.equal(explicitServerPath({}, true), undefined);
    assert.equal(explicitServerPath(undefined, true), undefined);
  });

  it('prefers folder over workspace over user values', () => {
    const inspected = { globalValue: '/user/dateline', workspaceValue: '/ws/dateline', workspaceFolderValue: '/folder/dateline' };
    assert.equal(explicitServerPath(inspected, true), '/folder/dateline');
    assert.equal(explicitServerPath({ globalValue: '/user/dateline', workspaceValue: '/ws/dateline' }, true), '/ws/dateline');
    assert.equal(explicitServerPath({ globalValue: '/user/dateline' }, true), '/user/dateline');
  });

  it('ignores workspace values in an untrusted workspace', () => {
    assert.equal(explicitServerPath({ workspaceValue: '/evil/bin' }, false), undefined);
    assert.equal(explicitServerPath({ globalValue: '/user/dateline', workspaceFolderValue: '/evil/bin' }, false), '/user/dateline');
  });

  it('skips blank and non-string values', () => {
    assert.equal(explicitServerPath({ workspaceValue: '', globalValue: 42 }, true), undefined);
  });
});
