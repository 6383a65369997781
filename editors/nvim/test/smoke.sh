#!/bin/sh
# Loads the plugin in a headless Neovim (0.7.2 on Debian; any later version
# too) and fails on any error. Run from anywhere; needs only `nvim`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
plugin=$(dirname "$here")
cd "$plugin/../.."   # the repository root, so the brief's command works verbatim

nvim --version | head -n 1

# 1. The exact command from the brief: setup() must not error.
err=$(nvim --headless -u NONE --cmd 'set rtp+=editors/nvim' \
  -c 'lua require("dateline").setup{cmd={"/bin/cat"}}' -c 'qa' 2>&1) || {
  echo "smoke: nvim exited non-zero:"; echo "$err"; exit 1; }
if [ -n "$err" ]; then
  echo "smoke: setup printed output (errors?):"; echo "$err"; exit 1
fi
echo "ok: setup{cmd={\"/bin/cat\"}} loads cleanly"

# 2. Unit checks of the Lua (settings shape, filetypes, roots, lsp/dateline.lua,
#    and, with node on PATH, a fake server end to end). test/unit.lua exits
#    through :cquit on the first failure; anything on stderr fails too.
errfile=$(mktemp)
trap 'rm -f "$errfile"' EXIT
status=0
nvim --headless -u NONE --cmd 'set rtp+=editors/nvim' -c "luafile $here/unit.lua" -c 'qa!' 2>"$errfile" || status=$?
if [ "$status" -ne 0 ] || [ -s "$errfile" ]; then
  echo "smoke: unit checks failed (exit $status):"
  cat "$errfile"
  exit 1
fi
