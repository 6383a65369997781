import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  configurationSection,
  DEFAULT_SETTINGS,
  didChangeConfigurationParams,
  isLevel,
  readServerSettings,
  ServerSettings,
} from '../src/config';

/** A reader over a flat map of `dateline.`-relative keys, like WorkspaceConfiguration.get. */
function reader(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

describe('readServerSettings', () => {
  it('gives the defaults when nothing is set', () => {
    const { settings, problems } = readServerSettings(reader({}));
    assert.deepEqual(settings, { checks: { severity: {} }, inlayHints: { dates: true, roles: false } });
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  });

  it('passes the VS Code defaults through unchanged', () => {
    // What `getConfiguration('dateline').get` returns on a fresh install.
    const { settings, problems } = readServerSettings(
      reader({ 'checks.severity': {}, 'inlayHints.dates': true, 'inlayHints.roles': false }),
    );
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  });

  it('maps every setting into the contract shape and nothing else', () => {
    const { settings, problems } = readServerSettings(
      reader({
        'checks.severity': { 'name/': 'warning', 'date/event-mismatch': 'error', 'date/relative-unresolved': 'off' },
        'inlayHints.dates': false,
        'inlayHints.roles': true,
        // Settings that are not for the server must not leak into the shape.
        'server.path': '/opt/dateline',
        'server.extraArgs': ['--log', 'debug'],
        'trace.server': 'verbose',
      }),
    );
    assert.deepEqual(settings, {
      checks: { severity: { 'name/': 'warning', 'date/event-mismatch': 'error', 'date/relative-unresolved': 'off' } },
      inlayHints: { dates: false, roles: true },
    });
    assert.deepEqual(Object.keys(settings).sort(), ['checks', 'inlayHints']);
    assert.deepEqual(problems, []);
  });

  it('accepts every level, normalizing case and spaces', () => {
    const { settings, problems } = readServerSettings(
      reader({ 'checks.severity': { 'a/': 'ERROR', 'b/': ' Warning ', 'c/': 'info', 'd/': 'hint', 'e/': 'off' } }),
    );
    assert.deepEqual(settings.checks.severity, { 'a/': 'error', 'b/': 'warning', 'c/': 'info', 'd/': 'hint', 'e/': 'off' });
    assert.deepEqual(problems, []);
  });

  it('drops unknown levels and malformed keys, and says so', () => {
    const { settings, problems } = readServerSettings(
      reader({ 'checks.severity': { 'name/': 'loud', 'date/': 3, '': 'error', 'has space/': 'error', ' kb/ ': 'hint' } }),
    );
    assert.deepEqual(settings.checks.severity, { 'kb/': 'hint' });
    assert.equal(problems.length, 4);
    assert.match(problems[0] ?? '', /"name\/" has level "loud", expected one of error, warning, info, hint, off/);
    assert.match(problems[1] ?? '', /"date\/" has level 3/);
    assert.match(problems[2] ?? '', /"" is not a check code/);
    assert.match(problems[3] ?? '', /"has space\/" is not a check code/);
  });

  it('falls back to the defaults for values of the wrong type', () => {
    const { settings, problems } = readServerSettings(
      reader({ 'checks.severity': ['name/'], 'inlayHints.dates': 'yes', 'inlayHints.roles': 1 }),
    );
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /checks\.severity should be an object/);
    assert.match(problems[1] ?? '', /inlayHints\.dates should be true or false; using true/);
    assert.match(problems[2] ?? '', /inlayHints\.roles should be true or false; using false/);
  });

  it('returns a fresh severity map each time, never the frozen default', () => {
    const first = readServerSettings(reader({})).settings;
    first.checks.severity['name/'] = 'off';
    assert.deepEqual(readServerSettings(reader({})).settings.checks.severity, {});
    assert.deepEqual(DEFAULT_SETTINGS.checks.severity, {});
  });

  it('round-trips through JSON exactly', () => {
    const { settings } = readServerSettings(reader({ 'checks.severity': { 'name/': 'hint' }, 'inlayHints.roles': true }));
    assert.equal(
      JSON.stringify(settings),
      '{"checks":{"severity":{"name/":"hint"}},"inlayHints":{"dates":true,"roles":true}}',
    );
  });
});

describe('didChangeConfigurationParams', () => {
  it('puts the shape under the dateline section', () => {
    const settings: ServerSettings = { checks: { severity: { 'name/': 'off' } }, inlayHints: { dates: true, roles: false } };
    assert.deepEqual(didChangeConfigurationParams(settings), { settings: { dateline: settings } });
  });
});

describe('configurationSection', () => {
  const settings: ServerSettings = {
    checks: { severity: { 'name/': 'warning' } },
    inlayHints: { dates: false, roles: true },
  };

  it('answers the dateline section with the whole shape', () => {
    assert.deepEqual(configurationSection(settings, 'dateline'), settings);
  });

  it('answers sub-sections with the part', () => {
    assert.deepEqual(configurationSection(settings, 'dateline.inlayHints'), { dates: false, roles: true });
    assert.equal(configurationSection(settings, 'dateline.inlayHints.roles'), true);
    assert.deepEqual(configurationSection(settings, 'dateline.checks.severity'), { 'name/': 'warning' });
  });

  it('answers null for a path into the shape that does not exist', () => {
    assert.equal(configurationSection(settings, 'dateline.server'), null);
    assert.equal(configurationSection(settings, 'dateline.inlayHints.dates.x'), null);
    assert.equal(configurationSection(settings, 'dateline.toString'), null);
  });

  it('leaves other sections to the default handler', () => {
    assert.equal(configurationSection(settings, undefined), undefined);
    assert.equal(configurationSection(settings, ''), undefined);
    assert.equal(configurationSection(settings, 'files'), undefined);
    assert.equal(configurationSection(settings, 'datelineX'), undefined);
  });
});

describe('isLevel', () => {
  it('knows the five levels and nothing else', () => {
    for (const level of ['error', 'warning', 'info', 'hint', 'off']) {
      assert.ok(isLevel(level), level);
    }
    for (const other of ['Error', 'information', 'warn', '', undefined, 1]) {
      assert.ok(!isLevel(other), String(other));
    }
  });
});
