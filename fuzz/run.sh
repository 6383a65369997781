#!/usr/bin/env bash
# Runs one fuzzing campaign: fuzz/run.sh TARGET SECONDS
#
# One libFuzzer job at low priority (nice 15, one rayon thread), in fork mode so that a
# crash, an out-of-memory or a slow input is saved under fuzz/artifacts/TARGET/ and the
# campaign goes on. The working corpus (fuzz/corpus/TARGET/, not committed) starts from the
# repository's fixtures and the committed seeds (fuzz/seeds/TARGET/); set
# DATELINE_FUZZ_EXTRA to more corpus folders (space-separated, read only: e.g. a folder of
# real articles that must not be committed). Needs a nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`). Prints the executions, exec/s and crashes at the end; the
# full libFuzzer log is fuzz/logs/TARGET-<time>.log.
#
# A crash: reproduce with `cargo +nightly fuzz run -s none -a TARGET fuzz/artifacts/TARGET/crash-...`,
# minimise with `... fuzz tmin ...`, and save it under fuzz/seeds/TARGET/ with a name that says
# what it breaks; tests/fuzz_regressions.rs replays it from then on.
set -euo pipefail

targets="article kb_file config brat brat_conf webanno conllu dates analysis_article analysis_kb analysis_brat"
if [[ $# -ne 2 || " $targets " != *" $1 "* || ! $2 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 TARGET SECONDS   (TARGET: ${targets// /, })" >&2
    exit 2
fi
target=$1
seconds=$2
fuzz=$(cd "$(dirname "$0")" && pwd)
fixtures=$(dirname "$fuzz")/fixtures
cd "$fuzz"

# Two-file inputs (a brat .txt and .ann; a publication date and a text) are joined by a NUL,
# as dateline::fuzzing::SPLIT says.
corpus=corpus/$target
mkdir -p "$corpus" "artifacts/$target" logs
if [[ -z $(ls -A "$corpus") ]]; then
    n=0
    add() { n=$((n + 1)); cat > "$corpus/fixture-$n"; }
    files() { find "$fixtures" -type f "$@" | sort; }
    case $target in
        article | analysis_article) for f in $(files -name '*.md' -o -name '*.txt' -path '*articles*'); do add < "$f"; done ;;
        kb_file | analysis_kb) for f in $(files -name '*.toml' -not -name dateline.toml); do add < "$f"; done ;;
        config) for f in $(files -name dateline.toml); do add < "$f"; done ;;
        brat_conf) for f in $(files -name annotation.conf); do add < "$f"; done ;;
        webanno) for f in $(files -name '*.tsv'); do add < "$f"; done ;;
        conllu) for f in $(files -name '*.conllu'); do add < "$f"; done ;;
        brat | analysis_brat)
            for ann in $(files -name '*.ann'); do
                txt=${ann%.ann}.txt
                { [[ -f $txt ]] && cat "$txt"; printf '\0'; cat "$ann"; } | add
            done ;;
        dates)
            for f in $(files -name '*.md'); do
                date=$(sed -n 's/^date: *\([0-9-]*\).*/\1/p' "$f" | head -1)
                { printf '%s\0' "${date:-2021-11-10}"; cat "$f"; } | add
            done ;;
    esac
fi

case $target in
    brat | analysis_brat) max_len=65536 ;;
    *) max_len=16384 ;;
esac

log=logs/$target-$(date -u +%Y%m%dT%H%M%S).log
# shellcheck disable=SC2086 # DATELINE_FUZZ_EXTRA is a list of folders
RAYON_NUM_THREADS=1 nice -n 15 cargo +nightly fuzz run -s none -a "$target" "$corpus" "seeds/$target" \
    ${DATELINE_FUZZ_EXTRA:-} -- \
    -dict="dict/$target.dict" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 > "$log" 2>&1 || true

# The fork-mode status lines: "#<execs>: cov: .. ft: .. corp: .. exec/s: <n> oom/timeout/crash: a/b/c time: <s>s ...".
last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)
if [[ -z $last ]]; then
    echo "no status line: see $log" >&2
    tail -20 "$log" >&2
    exit 1
fi
execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<< "$last")
rate=$(sed -E 's/.*exec\/s: ([0-9]+).*/\1/' <<< "$last")
problems=$(sed -E 's/.*oom\/timeout\/crash: ([0-9\/]+).*/\1/' <<< "$last")
commit=$(git -C "$fuzz" rev-parse --short HEAD)
echo "target=$target executions=$execs exec/s=$rate oom/timeout/crash=$problems seconds=$seconds commit=$commit log=fuzz/$log"
ls "artifacts/$target" | sed 's/^/  artifact: /'
