#!/usr/bin/env bash
# Runs one fuzzing campaign: fuzz/run.sh TARGET SECONDS
#
# One libFuzzer job at low priority (nice 15, one rayon thread), restarted after a
# crash, an out-of-memory or a slow input (saved under fuzz/artifacts/TARGET/) so the
# campaign goes on. The working corpus (fuzz/corpus/TARGET/, not committed) starts from the
# repository's fixtures and the committed seeds that pass (fuzz/seeds/TARGET/); set
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

# Built here (not by `cargo fuzz run`) so that DATELINE_FUZZ_NO_BUILD=1 can fuzz the last
# build while the sources change.
if [[ -z ${DATELINE_FUZZ_NO_BUILD:-} ]]; then
    nice -n 15 cargo +nightly fuzz build -s none -a "$target"
fi
binary=target/$(rustc +nightly -vV | sed -n 's/^host: //p')/release/$target

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
# The committed seeds that no longer fail join the corpus (one that still fails would stop
# every run at once: it waits for its fix).
for seed in seeds/"$target"/*; do
    if RAYON_NUM_THREADS=1 nice -n 15 "$binary" -timeout=10 -rss_limit_mb=2048 "$seed" > /dev/null 2>&1; then
        cp "$seed" "$corpus/seed-$(basename "$seed")"
    else
        echo "  still fails: fuzz/$seed"
    fi
done

# Inputs are cut to 4 KB (an article excerpt, a KB file, a brat pair of a few hundred
# annotations): at 16 KB the working corpus drifts to large inputs and a shared 2-core
# machine fell from 500 to 50 executions a second. The 40 KB regression seeds
# (nested-spans-1500) are replayed whole by tests/fuzz_regressions.rs.
max_len=${DATELINE_FUZZ_MAX_LEN:-4096}

log=logs/$target-$(date -u +%Y%m%dT%H%M%S).log
run_log=$log.run
# libFuzzer stops at a crash, an out-of-memory or a timeout (its fork mode goes on, but ran
# six times slower here): start it again on the grown corpus until the time is up.
deadline=$((SECONDS + seconds))
execs=0
runs=0
stops=0
slowest=0
while ((SECONDS < deadline)); do
    runs=$((runs + 1))
    # shellcheck disable=SC2086 # DATELINE_FUZZ_EXTRA is a list of folders
    RAYON_NUM_THREADS=1 nice -n 15 "$binary" "$corpus" ${DATELINE_FUZZ_EXTRA:-} \
        -dict="dict/$target.dict" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
        -max_total_time=$((deadline - SECONDS)) -artifact_prefix="artifacts/$target/" \
        -print_final_stats=1 > "$run_log" 2>&1 && status=0 || status=$?
    cat "$run_log" >> "$log"
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run_log")
    execs=$((execs + ${n:-0}))
    s=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$run_log")
    ((${s:-0} > slowest)) && slowest=$s
    if ((status != 0)); then
        stops=$((stops + 1))
        grep -m1 -E 'panicked at|ERROR: libFuzzer' "$run_log" | sed 's/^/  stop: /' || true
        ((stops >= 50)) && break # the same shallow crash over and over: fix it first
    fi
done
rm -f "$run_log"
commit=$(git -C "$fuzz" rev-parse --short HEAD)
echo "target=$target executions=$execs exec/s=$((execs / (seconds > 0 ? seconds : 1))) runs=$runs" \
    "crashes/ooms/timeouts=$stops slowest_unit=${slowest}s seconds=$seconds commit=$commit log=fuzz/$log"
ls "artifacts/$target" | sed 's/^/  artifact: /'
