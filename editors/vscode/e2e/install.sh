#!/usr/bin/env bash
# Installs this folder's packages (code-server and playwright-core, pinned in
# package-lock.json; allowScripts in package.json names the two whose install
# scripts run) with nothing reached but the npm registry. code-server's
# postinstall runs `npm install` in its bundled VS Code, which builds the native
# modules from source (node-gyp, with Node's headers from /usr/include/node) and
# would download ripgrep from GitHub; we hand it Debian's `rg` through the cache
# that @vscode/ripgrep reads first. Needs, from Debian: ripgrep, libkrb5-dev (for
# the kerberos module), g++, make and python3. Skips the work when node_modules
# was installed from this very package.json and package-lock.json. README.md
# ("VS Code, end to end") says what was tried and why each setting is here.
set -euo pipefail
cd "$(dirname "$0")"

stamp=node_modules/.dateline-installed-from
lock=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock" ]; then
  echo "editors/vscode/e2e: node_modules is up to date"
  exit 0
fi

missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
for tool in g++ make python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "editors/vscode/e2e/install.sh needs: ${missing[*]} (apt-get install ${missing[*]})" >&2
  # 3: not installable here (tests/vscode_e2e.rs skips), as opposed to a failed install.
  exit 3
fi

# code-server 4.100.3 bundles @vscode/ripgrep 1.15.11, whose postinstall looks for
# this archive in $TMPDIR/vscode-ripgrep-cache-<its version>/ before going to GitHub.
# A code-server upgrade that moves either version fails below with "Downloading
# ripgrep failed": update these two names from its lib/vscode/npm-shrinkwrap.json
# and node_modules/@vscode/ripgrep/lib/postinstall.js.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cache="$tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache" "$tmp/rg"
cp "$(command -v rg)" "$tmp/rg/rg"
tar -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp/rg" rg

# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's install step runs `npx node-gyp`, which would otherwise ask.
TMPDIR="$tmp" npm_config_unsafe_perm=true npm_config_yes=true \
  npm ci --no-audit --no-fund

echo "$lock" >"$stamp"
echo "editors/vscode/e2e: installed code-server $(node_modules/.bin/code-server --config /dev/null --version)"
