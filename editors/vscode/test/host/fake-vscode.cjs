// Just enough of the `vscode` module to run dist/extension.js under plain
// Node: real Uri, EventEmitter, Disposable, configuration, commands, output
// channel and messages; every other API is an inert stub (callable,
// constructible, and returning stubs), so vscode-languageclient can register
// its features without an editor behind them.
'use strict';

const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');

function makeStub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then' || prop === Symbol.iterator || prop === Symbol.asyncIterator) {
        return undefined;
      }
      if (prop === Symbol.toPrimitive) {
        return () => `[stub ${name}]`;
      }
      if (prop === 'dispose') {
        return () => undefined;
      }
      return makeStub(`${name}.${String(prop)}`);
    },
    apply() {
      return new Disposable(() => undefined);
    },
    construct() {
      return makeStub(`new ${name}`);
    },
  });
}

class Disposable {
  constructor(callOnDispose) {
    this._callOnDispose = callOnDispose;
  }
  static from(...disposables) {
    return new Disposable(() => disposables.forEach((d) => d && d.dispose && d.dispose()));
  }
  dispose() {
    if (this._callOnDispose) {
      this._callOnDispose();
      this._callOnDispose = undefined;
    }
  }
}

class EventEmitter {
  constructor() {
    this._listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this._listeners.add(bound);
      const d = new Disposable(() => this._listeners.delete(bound));
      if (Array.isArray(disposables)) {
        disposables.push(d);
      }
      return d;
    };
  }
  fire(value) {
    for (const listener of [...this._listeners]) {
      listener(value);
    }
  }
  dispose() {
    this._listeners.clear();
  }
}

class Uri {
  constructor(scheme, fsPath, raw) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
    this.authority = '';
    this.query = '';
    this.fragment = '';
    this._raw = raw;
  }
  static file(fsPath) {
    return new Uri('file', path.resolve(fsPath), pathToFileURL(path.resolve(fsPath)).href);
  }
  static parse(value) {
    const scheme = value.slice(0, value.indexOf(':'));
    return new Uri(scheme, scheme === 'file' ? fileURLToPath(value) : value, value);
  }
  with() {
    return this;
  }
  toString() {
    return this._raw;
  }
  toJSON() {
    return this._raw;
  }
}

/** Creates a fresh fake `vscode` module; `state` records what the extension did. */
function createFakeVscode({ workspaceFolder, extensionSettings = {} }) {
  const state = {
    settings: { ...extensionSettings }, // flat `dateline.*` keys of the user's choice
    commands: new Map(),
    output: [],
    messages: [],
    configListeners: new EventEmitter(),
    trustListeners: new EventEmitter(),
  };

  const defaults = {
    'dateline.server.path': 'dateline',
    'dateline.server.extraArgs': [],
    'dateline.checks.severity': {},
    'dateline.inlayHints.dates': true,
    'dateline.inlayHints.roles': false,
    'dateline.trace.server': 'off',
  };

  function getConfiguration(section) {
    const prefix = section ? `${section}.` : '';
    const read = (key) => {
      const full = prefix + key;
      if (Object.prototype.hasOwnProperty.call(state.settings, full)) {
        return state.settings[full];
      }
      if (Object.prototype.hasOwnProperty.call(defaults, full)) {
        return defaults[full];
      }
      // `dateline.trace` style sub-objects, as VS Code builds them.
      const nested = {};
      let found = false;
      for (const source of [defaults, state.settings]) {
        for (const [k, v] of Object.entries(source)) {
          if (k.startsWith(full + '.')) {
            nested[k.slice(full.length + 1)] = v;
            found = true;
          }
        }
      }
      return found ? nested : undefined;
    };
    return {
      get(key, fallback) {
        const value = read(key);
        return value === undefined ? fallback : value;
      },
      has(key) {
        return read(key) !== undefined;
      },
      inspect(key) {
        const full = prefix + key;
        return {
          key: full,
          defaultValue: defaults[full],
          globalValue: state.settings[full],
        };
      },
      update() {
        return Promise.resolve();
      },
    };
  }

  const folder = { uri: Uri.file(workspaceFolder), name: path.basename(workspaceFolder), index: 0 };

  const workspace = new Proxy(
    {
      workspaceFolders: [folder],
      textDocuments: [],
      notebookDocuments: [],
      isTrusted: true,
      getConfiguration,
      getWorkspaceFolder: () => folder,
      onDidChangeConfiguration: state.configListeners.event,
      onDidGrantWorkspaceTrust: state.trustListeners.event,
    },
    { get: (t, p) => (p in t ? t[p] : makeStub(`workspace.${String(p)}`)) },
  );

  function channel(name) {
    return new Proxy(
      {
        name,
        append: (text) => state.output.push(text),
        appendLine: (text) => state.output.push(text + '\n'),
        show: () => undefined,
        dispose: () => undefined,
      },
      { get: (t, p) => (p in t ? t[p] : makeStub(`OutputChannel.${String(p)}`)) },
    );
  }

  function message(kind) {
    return (text, ...items) => {
      state.messages.push({ kind, text, items: items.filter((i) => typeof i === 'string') });
      return Promise.resolve(undefined);
    };
  }

  const window = new Proxy(
    {
      createOutputChannel: channel,
      showErrorMessage: message('error'),
      showWarningMessage: message('warning'),
      showInformationMessage: message('info'),
      withProgress: (_options, task) => task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => new Disposable() }),
      activeTextEditor: undefined,
      visibleTextEditors: [],
    },
    { get: (t, p) => (p in t ? t[p] : makeStub(`window.${String(p)}`)) },
  );

  const commands = {
    registerCommand(id, handler) {
      if (state.commands.has(id)) {
        throw new Error(`command '${id}' already exists`);
      }
      state.commands.set(id, handler);
      return new Disposable(() => state.commands.delete(id));
    },
    executeCommand(id, ...args) {
      const handler = state.commands.get(id);
      return Promise.resolve(handler ? handler(...args) : undefined);
    },
    getCommands: () => Promise.resolve([...state.commands.keys()]),
  };

  const real = {
    version: '1.85.0',
    Disposable,
    EventEmitter,
    Uri,
    workspace,
    window,
    commands,
    env: { appName: 'fake-vscode', language: 'en', machineId: 'test', sessionId: 'test', uriScheme: 'vscode', uiKind: 1 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  };

  const vscode = new Proxy(real, { get: (t, p) => (p in t ? t[p] : makeStub(`vscode.${String(p)}`)) });

  /** Changes settings the way the user would and fires the change event. */
  function changeSettings(changes) {
    Object.assign(state.settings, changes);
    const keys = Object.keys(changes);
    state.configListeners.fire({
      affectsConfiguration: (section) => keys.some((key) => key === section || key.startsWith(section + '.')),
    });
  }

  return { vscode, state, changeSettings };
}

module.exports = { createFakeVscode };
