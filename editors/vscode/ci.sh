#!/usr/bin/env bash
# CI for the VS Code extension: a clean install from package-lock.json, the
# checks (tsc, eslint, unit tests, bundle), then the .vsix. Any failure fails
# the job. Needs Node >= 20 and npm; nothing else.
set -euo pipefail
cd "$(dirname "$0")"

node --version
npm --version

npm ci --no-audit --no-fund
npm run check
npm run package

# The package must hold the bundle and nothing that should not ship.
node scripts/check-vsix.mjs dateline.vsix
