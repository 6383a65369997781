// Which `dateline` binary to start.
//
// Order: the `dateline.server.path` setting when the user set it; else a binary
// bundled under the extension's `server/` folder; else `dateline` on PATH. No
// `vscode` import and no file system access of its own (the caller passes
// `isExecutable`), so every branch is unit-tested under plain Node.

import * as path from 'node:path';

/** The setting's default: "find `dateline`", not "the user chose this". */
export const DEFAULT_COMMAND = 'dateline';

export interface ResolveInput {
  /** `dateline.server.path` when set by the user (see `explicitServerPath`), else undefined. */
  configured: string | undefined;
  /** The extension's install folder; a bundled binary lives in `<it>/server/`. */
  extensionPath: string;
  /** Base for a relative `configured` path: the first workspace folder, if any. */
  workspaceFolder: string | undefined;
  platform: NodeJS.Platform;
  /** `PATH` (or Windows' `Path`) and `PATHEXT` from the environment. */
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** True when a regular file that may be executed exists at this absolute path. */
  isExecutable: (file: string) => boolean;
}

export type Resolution =
  | { ok: true; command: string; source: 'setting' | 'bundled' | 'path' }
  | { ok: false; message: string };

/**
 * Finds the server binary, or explains in one message what was tried and how to
 * fix it.
 */
export function resolveServerCommand(input: ResolveInput): Resolution {
  const paths = input.platform === 'win32' ? path.win32 : path.posix;
  const configured = input.configured?.trim();

  if (configured) {
    const expanded = expandHome(configured, input.homedir, paths);
    if (!hasSeparator(expanded, input.platform)) {
      const found = searchPath(expanded, input);
      if (found) {
        return { ok: true, command: found, source: 'setting' };
      }
      return {
        ok: false,
        message:
          `dateline.server.path is "${configured}", but no such program is on PATH. ` +
          'Set it to the full path of the dateline binary, or install dateline on PATH.',
      };
    }
    let absolute = expanded;
    if (!paths.isAbsolute(expanded)) {
      if (!input.workspaceFolder) {
        return {
          ok: false,
          message:
            `dateline.server.path is the relative path "${configured}", but no folder is open to resolve it from. ` +
            'Use an absolute path.',
        };
      }
      absolute = paths.resolve(input.workspaceFolder, expanded);
    }
    const found = withExecutableSuffixes(absolute, input).find(input.isExecutable);
    if (found) {
      return { ok: true, command: found, source: 'setting' };
    }
    return {
      ok: false,
      message:
        `dateline.server.path is "${configured}", but there is no executable file at ${absolute}. ` +
        'Build the server (cargo build --release) or fix the setting.',
    };
  }

  const bundled = paths.join(input.extensionPath, 'server', binaryName(input.platform));
  if (input.isExecutable(bundled)) {
    return { ok: true, command: bundled, source: 'bundled' };
  }

  const found = searchPath(DEFAULT_COMMAND, input);
  if (found) {
    return { ok: true, command: found, source: 'path' };
  }

  return {
    ok: false,
    message:
      'The dateline language server was not found: no binary bundled with the extension and no "dateline" on PATH. ' +
      'Install it (cargo install --path . in the dateline repository) or set dateline.server.path to the binary.',
  };
}

/**
 * The value of `dateline.server.path` that the user chose, from the parts of
 * `WorkspaceConfiguration.inspect`. Undefined when it is left at the default.
 * In an untrusted workspace only the user's own (global) value counts: a
 * checked-out repository must not pick the program we run.
 */
export function explicitServerPath(
  inspected: { globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown } | undefined,
  trusted: boolean,
): string | undefined {
  if (!inspected) {
    return undefined;
  }
  const candidates = trusted
    ? [inspected.workspaceFolderValue, inspected.workspaceValue, inspected.globalValue]
    : [inspected.globalValue];
  for (const value of candidates) {
    if (typeof value === 'string' && value.trim() !== '') {
      return value;
    }
  }
  return undefined;
}

export function binaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${DEFAULT_COMMAND}.exe` : DEFAULT_COMMAND;
}

function expandHome(value: string, homedir: string, paths: path.PlatformPath): string {
  if (value === '~') {
    return homedir;
  }
  if (value.startsWith('~/') || value.startsWith('~\\')) {
    return paths.join(homedir, value.slice(2));
  }
  return value;
}

function hasSeparator(value: string, platform: NodeJS.Platform): boolean {
  return value.includes('/') || (platform === 'win32' && value.includes('\\'));
}

/** `name` on PATH, as an absolute file; the first hit wins, as in a shell. */
function searchPath(name: string, input: ResolveInput): string | undefined {
  const paths = input.platform === 'win32' ? path.win32 : path.posix;
  const raw = input.env.PATH ?? input.env.Path ?? '';
  const delimiter = input.platform === 'win32' ? ';' : ':';
  for (const dir of raw.split(delimiter)) {
    // An empty entry means the current directory in POSIX shells; a server
    // found there would depend on where VS Code was started, so skip it.
    const trimmed = dir.trim().replace(/^"(.*)"$/, '$1');
    if (trimmed === '' || !paths.isAbsolute(trimmed)) {
      continue;
    }
    const found = withExecutableSuffixes(paths.join(trimmed, name), input).find(input.isExecutable);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** On Windows `dateline` means `dateline.exe` or another PATHEXT suffix; elsewhere the name as is. */
function withExecutableSuffixes(file: string, input: ResolveInput): string[] {
  if (input.platform !== 'win32' || path.win32.extname(file) !== '') {
    return [file];
  }
  const exts = (input.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD')
    .split(';')
    .map((ext) => ext.trim().toLowerCase())
    .filter((ext) => ext !== '');
  return exts.map((ext) => file + ext);
}
