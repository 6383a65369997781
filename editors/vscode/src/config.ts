// The settings contract between the editor and `dateline serve`.
//
// The server reads one shape, the same in three places:
//
//   initialize                            params.initializationOptions = <shape>
//   workspace/didChangeConfiguration      params.settings = { dateline: <shape> }
//   workspace/configuration, "dateline"   result[i] = <shape>
//
// where <shape> is
//
//   { "checks": { "severity": { "<code-or-prefix>": "<level>" } },
//     "inlayHints": { "dates": bool, "roles": bool } }
//
// This module turns the `dateline.*` VS Code settings into that shape. It imports
// nothing from `vscode`, so the unit tests run under plain Node.

/** A severity the server understands, or `off` to silence a check. */
export type Level = 'error' | 'warning' | 'info' | 'hint' | 'off';

export const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'hint', 'off'];

/** The configuration section, in VS Code and on the wire. */
export const SECTION = 'dateline';

/** Exactly what the server reads; nothing else goes on the wire. */
export interface ServerSettings {
  checks: {
    /** Check code (`date/event-mismatch`) or group prefix (`name/`) to level. */
    severity: Record<string, Level>;
  };
  inlayHints: {
    /** Resolved values of relative dates. */
    dates: boolean;
    /** The role a person held on the article's date. */
    roles: boolean;
  };
}

export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  checks: Object.freeze({ severity: Object.freeze({}) }),
  inlayHints: Object.freeze({ dates: true, roles: false }),
});

/**
 * Reads one setting below `dateline.`, e.g. `checks.severity`; `undefined` when unset.
 * `vscode.WorkspaceConfiguration.get` has this shape.
 */
export type SettingReader = (key: string) => unknown;

export interface ReadResult {
  settings: ServerSettings;
  /** One sentence per ignored value, for the log; empty when all was well. */
  problems: string[];
}

/**
 * Builds the server's settings from the `dateline.*` settings.
 *
 * Values of the wrong type fall back to the defaults; severity entries with an
 * unknown level or a malformed key are dropped. Each of those is reported in
 * `problems` so the extension can log it, instead of the server seeing garbage.
 */
export function readServerSettings(read: SettingReader): ReadResult {
  const problems: string[] = [];
  const severity = readSeverity(read('checks.severity'), problems);
  const dates = readBool(read('inlayHints.dates'), 'inlayHints.dates', DEFAULT_SETTINGS.inlayHints.dates, problems);
  const roles = readBool(read('inlayHints.roles'), 'inlayHints.roles', DEFAULT_SETTINGS.inlayHints.roles, problems);
  return { settings: { checks: { severity }, inlayHints: { dates, roles } }, problems };
}

/**
 * Whether `key` can be a severity key. The server owns the list of checks and
 * reports codes it does not know, so only keys that cannot be a code at all
 * (empty, or with whitespace) are refused here.
 */
export function isCheckKey(key: string): boolean {
  return key.length > 0 && !/\s/.test(key);
}

function readSeverity(value: unknown, problems: string[]): Record<string, Level> {
  const out: Record<string, Level> = {};
  if (value === undefined || value === null) {
    return out;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`dateline.checks.severity should be an object of check code to level; ignoring ${JSON.stringify(value)}`);
    return out;
  }
  for (const [rawKey, rawLevel] of Object.entries(value as Record<string, unknown>)) {
    const key = rawKey.trim();
    if (!isCheckKey(key)) {
      problems.push(`dateline.checks.severity: ${JSON.stringify(rawKey)} is not a check code like "date/event-mismatch" or a group like "name/"; ignoring it`);
      continue;
    }
    const level = typeof rawLevel === 'string' ? rawLevel.trim().toLowerCase() : rawLevel;
    if (!isLevel(level)) {
      problems.push(`dateline.checks.severity: "${rawKey}" has level ${JSON.stringify(rawLevel)}, expected one of ${LEVELS.join(', ')}; ignoring it`);
      continue;
    }
    out[key] = level;
  }
  return out;
}

function readBool(value: unknown, key: string, fallback: boolean, problems: string[]): boolean {
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value !== 'boolean') {
    problems.push(`dateline.${key} should be true or false; using ${String(fallback)}`);
    return fallback;
  }
  return value;
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** The params of `workspace/didChangeConfiguration`: the shape under `dateline`. */
export function didChangeConfigurationParams(settings: ServerSettings): { settings: { dateline: ServerSettings } } {
  return { settings: { dateline: settings } };
}

/**
 * Answers one item of a `workspace/configuration` request.
 *
 * `dateline` gives the whole shape, `dateline.inlayHints` or
 * `dateline.checks.severity` a part of it, `null` a path into it that does not
 * exist. Any other section (or none) is not ours: `undefined` tells the caller
 * to let the default handling answer.
 */
export function configurationSection(settings: ServerSettings, section: string | undefined): unknown {
  if (section === undefined) {
    return undefined;
  }
  const parts = section.split('.');
  if (parts[0] !== SECTION) {
    return undefined;
  }
  let value: unknown = settings;
  for (const part of parts.slice(1)) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) {
      return null;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Settings whose change needs a new server process rather than a notification. */
export const RESTART_SECTIONS: readonly string[] = [`${SECTION}.server`];

/** Settings the server hears about through `workspace/didChangeConfiguration`. */
export const NOTIFY_SECTIONS: readonly string[] = [`${SECTION}.checks`, `${SECTION}.inlayHints`];
