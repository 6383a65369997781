// End to end: the dateline extension inside a real VS Code workbench.
//
//   DATELINE_E2E_BIN=/path/to/dateline DATELINE_E2E_VSIX=/path/to/dateline.vsix \
//   DATELINE_E2E_CORPUS=/tmp/copy-of-fixtures-corpus node editors/vscode/e2e/run.mjs
//
// code-server (from ./node_modules, see install.sh) serves VS Code 1.100 on a free
// localhost port, with no auth and throwaway user-data and extensions folders; the
// .vsix goes in with `code-server --install-extension`; Debian's chromium, driven
// by playwright-core, opens the corpus copy and articles/2021-11-17-border-clashes.md
// and works the workbench as a person would, with its shortcuts and the mouse:
// Quick Open (Ctrl+P), the Problems panel (Ctrl+Shift+M) filtered to the article,
// a mouse hover on "Hulusi Akar", go to definition (F12) and a quick fix (Ctrl+.).
// What the Problems panel must list comes from `dateline check --output-format
// json` on the same file, before and after the fix.
//
// Each step prints `ok: <step>`; the first failure prints `FAIL: <step>: <why>`
// (and code-server's log on stderr) and exits 1. The last line is `result: <JSON>`
// with what was read off the screen, which tests/vscode_e2e.rs checks. A screenshot
// of every step goes to DATELINE_E2E_SHOTS (default: a temporary folder, named on
// stderr). Waits are on what the screen shows, never fixed sleeps; each gives up
// after DATELINE_E2E_TIMEOUT_MS (default 60000), the whole run after 5 minutes.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ARTICLE = 'articles/2021-11-17-border-clashes.md';
/** A person in the article whose hover card and KB entry we look at. */
const HOVERED = 'Hulusi Akar';
/** A `name/variant` finding in the article, and the title of its quick fix. */
const VARIANT = 'Nikol Pashinian';
const FIX_TITLE = 'Replace with `Nikol Pashinyan`';
const FIXED_LINE = 'Prime Minister Nikol Pashinyan asked';
const RUN_LIMIT_MS = 5 * 60 * 1000;

// ---- setup -------------------------------------------------------------------------------

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.log(`FAIL: environment: ${name} is not set`);
    process.exit(1);
  }
  return value;
}

const bin = required('DATELINE_E2E_BIN');
const vsix = required('DATELINE_E2E_VSIX');
const corpus = required('DATELINE_E2E_CORPUS');
const timeout = Number(process.env.DATELINE_E2E_TIMEOUT_MS) || 60000;
const browserPath = process.env.DATELINE_E2E_CHROMIUM || '/usr/bin/chromium';
const codeServer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules', '.bin', 'code-server');
const scratch = mkdtempSync(path.join(tmpdir(), 'dateline-vscode-e2e-'));
const shots = process.env.DATELINE_E2E_SHOTS || path.join(scratch, 'screenshots');
mkdirSync(shots, { recursive: true });
console.error(`screenshots: ${shots}`);

const userData = path.join(scratch, 'user-data');
const extensions = path.join(scratch, 'extensions');
const config = path.join(scratch, 'config.yaml');

/** Flags every code-server run here shares: our folders, nothing read from or written to ~. */
function serverArgs(...more) {
  return ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions, ...more];
}

// ---- steps, waits and cleanup ------------------------------------------------------------

const result = {};
let server;
let serverLog = '';
let browser;
let page;
let shotCount = 0;

async function screenshot(name) {
  if (!page) {
    return;
  }
  shotCount += 1;
  const file = path.join(shots, `${String(shotCount).padStart(2, '0')}-${name.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file }).catch(() => {});
}

async function cleanUp() {
  await browser?.close().catch(() => {});
  if (server?.exitCode === null) {
    // code-server leads its own process group: the extension host and `dateline serve` too.
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  for (const made of [userData, extensions, config]) {
    rmSync(made, { recursive: true, force: true });
  }
  // Left only when it holds the screenshots (no DATELINE_E2E_SHOTS given).
  if (readdirSync(scratch).length === 0) {
    rmSync(scratch, { recursive: true });
  }
}

async function fail(name, why) {
  await screenshot(`FAIL ${name}`);
  console.log(`FAIL: ${name}: ${why}`);
  // What the workbench told the user (a server that did not start says so here).
  const toasts = await page?.locator('.notification-toast').allInnerTexts().catch(() => []);
  if (toasts?.length) {
    console.log(`notifications on screen:\n${toasts.join('\n')}`);
  }
  if (serverLog) {
    console.error(`---- code-server log\n${serverLog}`);
  }
  await cleanUp();
  process.exit(1);
}

// Never leave code-server behind: not when killed, not when a wait hangs past its timeout.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void fail('run', `stopped by ${signal}`));
}
setTimeout(() => void fail('run', `still running after ${RUN_LIMIT_MS} ms`), RUN_LIMIT_MS).unref();

async function step(name, fn) {
  try {
    await fn();
  } catch (error) {
    await fail(name, error?.stack ?? error);
  }
  await screenshot(name);
  console.log(`ok: ${name}`);
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** Polls `probe` (async, undefined until satisfied) until it gives a value; `describe` says what was seen. */
async function waitFor(what, probe, describe) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      const seen = describe ? `; last seen: ${JSON.stringify(await describe())}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---- what dateline itself says -----------------------------------------------------------

/** A finding (from the CLI or a Problems row) as `line:column code`. */
const key = (finding) => `${finding.line}:${finding.column} ${finding.code}`;
const keys = (findings) => findings.map(key).sort();

/**
 * `dateline check --output-format json` on the article: as on disk, or with `text`
 * (the article as edited, unsaved) read from standard input in its place.
 */
function checkArticle(text) {
  const args = ['check', '--output-format', 'json'];
  const checked = spawnSync(bin, text === undefined ? [...args, ARTICLE] : [...args, '-', '--stdin-filename', ARTICLE], {
    cwd: corpus,
    input: text,
    encoding: 'utf8',
  });
  // 1: findings at or above --fail-on (error); warnings alone exit 0.
  check(checked.status === 0 || checked.status === 1, `dateline check exited ${checked.status}: ${checked.stderr}`);
  return JSON.parse(checked.stdout);
}

/** The article as on disk before VS Code touched it. */
let original;

/** The article with `finding`'s fix applied, for a fix that replaces the finding's own span. */
function withFix(finding) {
  const [edit, ...more] = finding.fix.edits;
  const span = (at) => [at.line, at.column, at.end_line, at.end_column].join();
  check(
    more.length === 0 && span(edit) === span(finding),
    `the fix of ${key(finding)} is not one edit of its own span: ${JSON.stringify(finding.fix)}`,
  );
  return Buffer.concat([
    original.subarray(0, finding.offset),
    Buffer.from(edit.content),
    original.subarray(finding.end_offset),
  ]).toString('utf8');
}

// ---- reading and driving the workbench ---------------------------------------------------

const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

/** Waits until the active editor tab is the file `name` (a preview tab or not). */
async function waitForTab(name) {
  const tab = page.locator('.editor-group-container.active .tab.active .label-name');
  await waitFor(
    `the ${name} tab`,
    async () => ((await tab.count()) === 1 && (await tab.innerText()) === name) || undefined,
    () => tab.allInnerTexts(),
  );
  await page.locator(`${ACTIVE_EDITOR} .view-line`).first().waitFor();
}

/** Opens `relative` (a file name unique in the corpus) with Quick Open (Ctrl+P). */
async function quickOpen(relative) {
  const name = path.basename(relative);
  await page.keyboard.press('Control+p');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(name);
  // File search runs ripgrep on the server: pick the file once it is listed.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  await screenshot(`quick open ${name}`);
  await row.click();
  await waitForTab(name);
}

/**
 * The drawn lines of the active editor, top to bottom: `top` in pixels (a wrapped line
 * is several) and `text` as shown, inlay hints included.
 */
function editorLines() {
  return page.evaluate(
    (editor) =>
      [...document.querySelectorAll(`${editor} .view-lines > .view-line`)]
        .map((line) => ({ top: parseFloat(line.style.top), text: line.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top),
    ACTIVE_EDITOR,
  );
}

/** The screen point in the middle of the first drawn `needle` in the active editor. */
async function pointAt(needle) {
  const point = await page.evaluate(
    ([editor, needle]) => {
      for (const line of document.querySelectorAll(`${editor} .view-line`)) {
        // One text node per token; spaces drawn as no-break spaces.
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes = [];
        let text = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push({ node, start: text.length });
          text += node.data.replace(/\u00a0/g, ' ');
        }
        const at = text.indexOf(needle);
        if (at < 0) {
          continue;
        }
        const locate = (offset) => {
          const hit = nodes.findLast((n) => n.start <= offset);
          return [hit.node, offset - hit.start];
        };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + needle.length - 1));
        const box = range.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
      return null;
    },
    [ACTIVE_EDITOR, needle],
  );
  check(point, `"${needle}" is not drawn in the active editor`);
  return point;
}

/** The findings the Problems panel shows: one per row, with the file it is under. */
function problemRows() {
  return page.evaluate(() => {
    const rows = [];
    let file;
    const text = (row, selector) => row.querySelector(selector)?.textContent ?? '';
    for (const row of document.querySelectorAll('.markers-panel .monaco-list-row')) {
      // Level 1: a file; 2: a finding; 3: one of its related locations.
      const level = row.getAttribute('aria-level');
      if (level === '1') {
        file = row.querySelector('.monaco-icon-label')?.getAttribute('aria-label');
      } else if (level === '2') {
        const at = text(row, '.marker-line').match(/Ln (\d+), Col (\d+)/);
        const icon = row.querySelector('.marker-icon');
        rows.push({
          file,
          line: at && Number(at[1]),
          column: at && Number(at[2]),
          code: text(row, '.marker-code'),
          source: text(row, '.marker-source'),
          severity: ['error', 'warning', 'info'].find((s) => icon?.classList.contains(s)) ?? null,
          message: text(row, '.marker-message'),
        });
      }
    }
    return rows;
  });
}

/** Waits until the Problems panel lists exactly `wanted` (line, column, code) for the article. */
async function waitForProblems(what, wanted) {
  const article = path.join(corpus, ARTICLE);
  const shown = async () => (await problemRows()).filter((row) => row.file === article);
  const want = JSON.stringify(keys(wanted));
  return waitFor(
    what,
    async () => {
      const rows = await shown();
      return JSON.stringify(keys(rows)) === want ? rows : undefined;
    },
    async () => keys(await shown()),
  );
}

// ---- the run -----------------------------------------------------------------------------

let expected;

await step('environment', async () => {
  writeFileSync(config, 'auth: none\n');
  const version = spawnSync(codeServer, serverArgs('--version'), { encoding: 'utf8' });
  check(version.status === 0, `${codeServer} --version failed (run install.sh): ${version.error ?? version.stderr}`);
  result.codeServer = version.stdout.trim();
  original = readFileSync(path.join(corpus, ARTICLE));
  expected = checkArticle();
  check(expected.length > 0, `dateline check finds nothing in ${ARTICLE}`);
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = {
    'dateline.server.path': bin,
    // A quiet workbench: no welcome page, tips, trust prompt, telemetry or update checks.
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'editor.minimap.enabled': false,
  };
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
});

await step('install the extension', async () => {
  const installed = spawnSync(codeServer, serverArgs('--install-extension', vsix), { encoding: 'utf8' });
  check(installed.status === 0, `--install-extension failed: ${installed.stdout}${installed.stderr}`);
  const listed = spawnSync(codeServer, serverArgs('--list-extensions', '--show-versions'), { encoding: 'utf8' });
  check(/^dateline\.dateline@/m.test(listed.stdout), `not among the installed extensions: ${listed.stdout}`);
  result.extension = listed.stdout.trim();
});

let origin;
await step('start code-server', async () => {
  const flags = ['--auth', 'none', '--bind-addr', '127.0.0.1:0', '--disable-telemetry', '--disable-update-check'];
  flags.push('--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened');
  server = spawn(codeServer, serverArgs(...flags), { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [server.stdout, server.stderr]) {
    stream.setEncoding('utf8').on('data', (chunk) => {
      serverLog += chunk;
    });
  }
  origin = await waitFor(
    'code-server to listen',
    () => {
      check(server.exitCode === null, `code-server exited ${server.exitCode}`);
      return serverLog.match(/HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    },
    () => serverLog,
  );
});

await step('open the folder', async () => {
  browser = await chromium.launch({
    executablePath: browserPath,
    headless: true,
    chromiumSandbox: false,
    // Without these, Debian's chromium waits on network lookups this machine cannot make.
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(timeout);
  await page.goto(`${origin}/?folder=${encodeURIComponent(corpus)}`);
  await page.locator('.explorer-folders-view .monaco-list-row[aria-label="articles"]').waitFor();
});

await step('open the article', async () => {
  await quickOpen(ARTICLE);
  const lines = await editorLines();
  check(
    lines.some((line) => line.text.includes(VARIANT)),
    `the editor does not show "${VARIANT}": ${JSON.stringify(lines)}`,
  );
});

await step('problems panel', async () => {
  await page.keyboard.press('Control+Shift+m');
  // Only this article: the server reports on the whole corpus.
  // Typed into, not clicked: a notification toast may lie over it.
  await page.getByPlaceholder('Filter (e.g. text, **/*.ts, !**/node_modules/**)').fill(`**/${ARTICLE}`);
  result.problems = await waitForProblems("the article's findings", expected);
});

await step('hover', async () => {
  const point = await pointAt(HOVERED);
  await page.mouse.move(point.x, point.y);
  const card = page.locator('.monaco-hover:visible', { hasText: `${HOVERED} · person` }).first();
  await card.waitFor();
  result.hover = (await card.innerText()).trim();
});

await step('definition', async () => {
  const point = await pointAt(HOVERED);
  await page.mouse.click(point.x, point.y);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F12');
  await waitForTab('people.toml');
  const selection = page.locator('[id="status.editor.selection"]');
  const at = await waitFor(
    'the cursor position in the status bar',
    async () => {
      const shown = (await selection.innerText()).match(/Ln (\d+), Col (\d+)/);
      return shown ? { line: Number(shown[1]), column: Number(shown[2]) } : undefined;
    },
    () => selection.innerText(),
  );
  // The line drawn where the cursor is, as a person reads it.
  const cursorTop = await page.evaluate(
    (editor) => parseFloat(document.querySelector(`${editor} .cursors-layer .cursor`)?.style.top),
    ACTIVE_EDITOR,
  );
  const lineText = (await editorLines()).find((line) => line.top === cursorTop)?.text;
  check(lineText !== undefined, 'no line drawn at the cursor');
  result.definition = { file: 'people.toml', ...at, lineText };
});

await step('quick fix', async () => {
  const fixed = expected.filter((finding) => finding.fix?.title === FIX_TITLE);
  check(fixed.length === 1, `dateline check offers "${FIX_TITLE}" ${fixed.length} times`);
  await quickOpen(ARTICLE);
  const point = await pointAt(VARIANT);
  await page.mouse.click(point.x, point.y);
  await page.keyboard.press('Escape');
  const before = (await editorLines()).find((line) => line.text.includes(VARIANT)).text;
  await page.keyboard.press('Control+.');
  await page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first().waitFor();
  await screenshot('quick fix menu');
  // The menu takes keys (it ignores the mouse until it moves): down to the fix, Enter.
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  for (let tries = 0; (await focused.getAttribute('aria-label')) !== FIX_TITLE; tries++) {
    check(tries < 10, `"${FIX_TITLE}" is never focused: ${await page.locator('.action-widget').innerText()}`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  const after = await waitFor(
    'the fix in the editor',
    async () => (await editorLines()).find((line) => line.text.includes(FIXED_LINE))?.text,
    editorLines,
  );
  // What the CLI finds in the fixed text: not the fixed finding, but the fixed name now
  // also differs from the lone "Pashinian" a line below, a finding of its own.
  const expectedAfter = checkArticle(withFix(fixed[0]));
  const problemsAfter = await waitForProblems('the Problems panel to follow the fix', expectedAfter);
  result.quickFix = { title: FIX_TITLE, fixed: key(fixed[0]), before, after, problemsAfter, expectedAfter };
});

await cleanUp();
console.log(`result: ${JSON.stringify(result)}`);
process.exit(0);
