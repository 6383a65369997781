// package.json is the contract VS Code reads; these tests keep it in step with
// the code (settings, commands, languages, activation) so neither drifts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { CLIENT_COMMANDS, REINDEX, REINDEX_PARAMS, withoutClientCommands } from '../src/commands';
import { LEVELS, readServerSettings, SECTION } from '../src/config';
import { BRAT_ANN, DOCUMENT_SELECTOR, WEBANNO_TSV } from '../src/documents';
import { DEFAULT_COMMAND } from '../src/serverPath';

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  engines: { vscode: string };
  repository?: unknown;
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    languages: { id: string; extensions: string[] }[];
    grammars: { language: string; path: string }[];
    configuration: { properties: Record<string, { default?: unknown; enum?: string[]; additionalProperties?: { enum?: string[] } }> };
  };
}

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe('package.json', () => {
  it('identifies the extension', () => {
    assert.equal(manifest.name, 'dateline');
    assert.equal(manifest.publisher, 'dateline');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.engines.vscode, '^1.85.0');
    assert.ok(manifest.repository, 'vsce asks for a repository field');
  });

  it('declares exactly the settings the brief names', () => {
    assert.deepEqual(Object.keys(properties).sort(), [
      'dateline.checks.severity',
      'dateline.inlayHints.dates',
      'dateline.inlayHints.roles',
      'dateline.server.extraArgs',
      'dateline.server.path',
      'dateline.trace.server',
    ]);
    assert.equal(properties['dateline.server.path']?.default, DEFAULT_COMMAND);
    assert.deepEqual(properties['dateline.trace.server']?.enum, ['off', 'messages', 'verbose']);
    assert.deepEqual(properties['dateline.checks.severity']?.additionalProperties?.enum, [...LEVELS]);
  });

  it('has defaults that read back as the server defaults', () => {
    const defaults = (key: string): unknown => properties[`${SECTION}.${key}`]?.default;
    const { settings, problems } = readServerSettings(defaults);
    assert.deepEqual(settings, { checks: { severity: {} }, inlayHints: { dates: true, roles: false } });
    assert.deepEqual(problems, []);
  });

  it('contributes every command the extension registers, and activates on each', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), [...CLIENT_COMMANDS].sort());
    for (const command of CLIENT_COMMANDS) {
      assert.ok(manifest.activationEvents.includes(`onCommand:${command}`), command);
    }
  });

  it('activates on a corpus and on the languages it serves', () => {
    for (const event of [
      'workspaceContains:**/dateline.toml',
      'onLanguage:markdown',
      'onLanguage:plaintext',
      `onLanguage:${BRAT_ANN}`,
      `onLanguage:${WEBANNO_TSV}`,
    ]) {
      assert.ok(manifest.activationEvents.includes(event), event);
    }
  });

  it('contributes the two annotation languages with grammars', () => {
    const languages = new Map(manifest.contributes.languages.map((l) => [l.id, l.extensions]));
    assert.deepEqual(languages.get(BRAT_ANN), ['.ann']);
    assert.deepEqual(languages.get(WEBANNO_TSV), ['.tsv']);
    for (const id of [BRAT_ANN, WEBANNO_TSV]) {
      const grammar = manifest.contributes.grammars.find((g) => g.language === id);
      assert.ok(grammar, id);
      const text = readFileSync(path.join(root, grammar.path), 'utf8');
      assert.doesNotThrow(() => JSON.parse(text) as unknown, grammar.path);
    }
  });
});

describe('document selector', () => {
  it('covers Markdown, plain text, TOML and both annotation formats, on disk only', () => {
    assert.deepEqual(
      DOCUMENT_SELECTOR.map((filter) => filter.language),
      ['markdown', 'plaintext', 'toml', BRAT_ANN, WEBANNO_TSV],
    );
    assert.ok(DOCUMENT_SELECTOR.every((filter) => filter.scheme === 'file'));
  });
});

describe('commands', () => {
  it('sends dateline.reindex with no arguments', () => {
    assert.deepEqual(REINDEX_PARAMS, { command: 'dateline.reindex' });
    assert.equal(REINDEX, 'dateline.reindex');
    assert.equal(JSON.stringify(REINDEX_PARAMS), '{"command":"dateline.reindex"}');
  });

  it('keeps server commands the extension registers itself out of the client feature', () => {
    assert.deepEqual(withoutClientCommands({ commands: ['dateline.reindex', 'dateline.applyFix'], workDoneProgress: true }), {
      commands: ['dateline.applyFix'],
      workDoneProgress: true,
    });
    assert.deepEqual(withoutClientCommands({}), {});
  });
});
