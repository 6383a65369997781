// Command ids, shared by package.json (checked by a test), the extension and
// the server. No `vscode` import.

export const RESTART_SERVER = 'dateline.restartServer';
export const SHOW_LOG = 'dateline.showLog';
export const REINDEX = 'dateline.reindex';

/** The commands this extension registers itself. */
export const CLIENT_COMMANDS: readonly string[] = [RESTART_SERVER, SHOW_LOG, REINDEX];

/** The `workspace/executeCommand` the `dateline.reindex` command sends: no arguments. */
export const REINDEX_PARAMS: { command: string } = Object.freeze({ command: REINDEX });

/**
 * The server's `executeCommandProvider` options minus the commands this
 * extension registers itself.
 *
 * vscode-languageclient registers a VS Code command for every command the
 * server advertises; `dateline.reindex` is also ours (so it shows in the
 * palette before the server is up), and registering an id twice throws, which
 * would fail the client's start. We keep ours and let it send the request.
 */
export function withoutClientCommands<T extends { commands?: string[] }>(options: T): T {
  if (!options.commands) {
    return options;
  }
  return { ...options, commands: options.commands.filter((command) => !CLIENT_COMMANDS.includes(command)) };
}
