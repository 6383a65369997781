// The VS Code side of dateline: starts `dateline serve`, hands it the
// `dateline.*` settings, and offers three commands. Everything decidable
// without VS Code lives in config.ts, serverPath.ts, commands.ts and
// documents.ts, which the unit tests cover.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  ConfigurationParams,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

import { REINDEX, REINDEX_PARAMS, RESTART_SERVER, SHOW_LOG, withoutClientCommands } from './commands';
import {
  configurationSection,
  didChangeConfigurationParams,
  NOTIFY_SECTIONS,
  readServerSettings,
  RESTART_SECTIONS,
  SECTION,
  ServerSettings,
} from './config';
import { DOCUMENT_SELECTOR } from './documents';
import { explicitServerPath, resolveServerCommand } from './serverPath';

const CLIENT_ID = 'dateline'; // also makes the client honour `dateline.trace.server`
const CLIENT_NAME = 'dateline';

let output: vscode.OutputChannel | undefined;
let client: LanguageClient | undefined;
/** Starts and stops run one after another, never interleaved. */
let lifecycle: Promise<void> = Promise.resolve();
let lastProblems = '';

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel(CLIENT_NAME);
  output = channel;
  context.subscriptions.push(
    channel,
    vscode.commands.registerCommand(RESTART_SERVER, () => enqueue(() => restart(context))),
    vscode.commands.registerCommand(SHOW_LOG, () => channel.show(true)),
    vscode.commands.registerCommand(REINDEX, () => reindex()),
    vscode.workspace.onDidChangeConfiguration((event) => onDidChangeConfiguration(event, context)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => enqueue(() => restart(context))),
  );
  void enqueue(() => start(context));
}

export function deactivate(): Thenable<void> {
  return enqueue(stop);
}

function enqueue(task: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(task, task);
  return lifecycle;
}

function log(line: string): void {
  output?.appendLine(`[${new Date().toISOString()}] ${line}`);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const trusted = vscode.workspace.isTrusted;
  const firstFolder = vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file');
  const resolution = resolveServerCommand({
    configured: explicitServerPath(config.inspect<string>('server.path'), trusted),
    extensionPath: context.extensionPath,
    workspaceFolder: firstFolder?.uri.fsPath,
    platform: process.platform,
    env: process.env,
    homedir: os.homedir(),
    isExecutable,
  });
  if (!resolution.ok) {
    log(`error: ${resolution.message}`);
    void vscode.window.showErrorMessage(resolution.message, 'Open Settings', 'Show Log').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
      } else if (choice === 'Show Log') {
        output?.show(true);
      }
    });
    return;
  }

  const args = ['serve', ...extraArgs(config, trusted)];
  log(`starting ${resolution.command} ${args.join(' ')} (found via ${resolution.source})`);
  // No `transport`: the client would append `--stdio`; `dateline serve` speaks stdio already.
  const serverOptions: ServerOptions = { command: resolution.command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...DOCUMENT_SELECTOR],
    initializationOptions: () => currentSettings(),
    outputChannel: output,
    diagnosticCollectionName: CLIENT_ID,
    middleware: {
      workspace: {
        configuration: answerConfiguration,
        // The client would push the raw `dateline.*` tree here; the server gets
        // only the contract shape, sent by `pushSettings`.
        didChangeConfiguration: async () => {},
      },
    },
  };

  const next = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  const executeCommand = next.getFeature(ExecuteCommandRequest.method);
  const register = executeCommand.register.bind(executeCommand);
  executeCommand.register = (data) => register({ ...data, registerOptions: withoutClientCommands(data.registerOptions) });

  client = next;
  try {
    await next.start();
  } catch (error) {
    // The client has already shown its own notification and logged the details.
    log(`error: the server did not start: ${errorMessage(error)}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (!running) {
    return;
  }
  try {
    await running.dispose();
  } catch (error) {
    log(`warning: stopping the server: ${errorMessage(error)}`);
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

function onDidChangeConfiguration(event: vscode.ConfigurationChangeEvent, context: vscode.ExtensionContext): void {
  if (RESTART_SECTIONS.some((section) => event.affectsConfiguration(section))) {
    log('server settings changed; restarting');
    void enqueue(() => restart(context));
    return;
  }
  if (NOTIFY_SECTIONS.some((section) => event.affectsConfiguration(section))) {
    void pushSettings();
  }
}

async function pushSettings(): Promise<void> {
  if (!client?.isRunning()) {
    return; // the next start sends them as initializationOptions
  }
  try {
    await client.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(currentSettings()));
  } catch (error) {
    log(`warning: could not send the new settings: ${errorMessage(error)}`);
  }
}

/** The contract shape for `scope` (a document or folder), logging ignored values once. */
function currentSettings(scope?: vscode.Uri): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const { settings, problems } = readServerSettings((key) => config.get(key));
  const report = problems.join('\n');
  if (report !== lastProblems) {
    lastProblems = report;
    for (const problem of problems) {
      log(`warning: ${problem}`);
    }
  }
  return settings;
}

/** `workspace/configuration`: `dateline[.…]` from the contract, anything else as the client would. */
async function answerConfiguration(
  params: ConfigurationParams,
  token: vscode.CancellationToken,
  next: ConfigurationRequest.HandlerSignature,
): Promise<unknown[]> {
  const ours = params.items.map((item) =>
    configurationSection(currentSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined), item.section),
  );
  if (ours.every((value) => value !== undefined)) {
    return ours;
  }
  const theirs = await next(params, token);
  const fallback: unknown[] = Array.isArray(theirs) ? theirs : [];
  return ours.map((value, index) => (value !== undefined ? value : (fallback[index] ?? null)));
}

async function reindex(): Promise<void> {
  const running = client;
  if (!running?.isRunning()) {
    const choice = await vscode.window.showWarningMessage('dateline: the server is not running.', 'Restart Server', 'Show Log');
    if (choice === 'Restart Server') {
      await vscode.commands.executeCommand(RESTART_SERVER);
    } else if (choice === 'Show Log') {
      output?.show(true);
    }
    return;
  }
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'dateline: re-reading the corpus' },
      () => running.sendRequest(ExecuteCommandRequest.type, REINDEX_PARAMS),
    );
  } catch (error) {
    log(`error: ${REINDEX} failed: ${errorMessage(error)}`);
    void vscode.window.showErrorMessage(`dateline: re-reading the corpus failed: ${errorMessage(error)}`);
  }
}

function extraArgs(config: vscode.WorkspaceConfiguration, trusted: boolean): string[] {
  const inspected = config.inspect<unknown>('server.extraArgs');
  const value = trusted
    ? (inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue)
    : inspected?.globalValue;
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((arg): arg is string => typeof arg === 'string');
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
