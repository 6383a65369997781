// Runs the unit tests: bundles each test/*.test.ts with esbuild (no `vscode`
// module exists here, so a test that pulls it in fails to build) and hands the
// bundles to `node --test`.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const tests = readdirSync('test')
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
  .map((name) => path.join('test', name));
if (tests.length === 0) {
  console.error('no tests in test/');
  process.exit(1);
}

rmSync('out/test', { recursive: true, force: true });
await esbuild.build({
  entryPoints: tests,
  outdir: 'out/test',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});

const bundles = tests.map((file) => path.join('out/test', path.basename(file, '.ts') + '.js'));
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', ...bundles], { stdio: 'inherit' });
process.exit(result.status ?? 1);
