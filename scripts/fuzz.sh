#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for a bounded time (default 30 s each) and fails on the first
# crash, hang or out-of-memory finding. Needs the nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`). Run as root: the layer and archive targets create device nodes
# and set owners as image layers do.
#
#   scripts/fuzz.sh [SECONDS]          every target
#   FUZZ_TARGETS="template subst" scripts/fuzz.sh 60
#   FUZZ_SANITIZER=address scripts/fuzz.sh   (default none: the targets are safe Rust, and
#                                            without ASan they run several times faster)
#   FUZZ_JOBS=2 scripts/fuzz.sh        parallel fuzzing processes per target
#
# The committed seeds are in fuzz/corpus/<target>/ (made by fuzz/make_seeds.py); what a run
# adds goes to fuzz/.work/corpus/<target>/ (not committed). A finding is written to
# fuzz/artifacts/<target>/ with the command that reproduces it; add it as a unit test of the
# parser, fix it, and rerun. Scratch files live under /dev/shm/ferry-fuzz-* and are removed.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

secs=${1:-30}
sanitizer=${FUZZ_SANITIZER:-none}
jobs=${FUZZ_JOBS:-1}
if [ -n "${FUZZ_TARGETS:-}" ]; then
    targets=$FUZZ_TARGETS
    for t in $targets; do cargo +nightly fuzz build -s "$sanitizer" "$t"; done
else
    targets=$(cargo +nightly fuzz list)
    cargo +nightly fuzz build -s "$sanitizer"
fi

status=0
summary=()
for t in $targets; do
    case $t in
        layer_apply | image_archive) max_len=65536 ;;
        *) max_len=8192 ;;
    esac
    mkdir -p ".work/corpus/$t" "artifacts/$t"
    log=".work/$t.log"
    echo "== $t (${secs}s)"
    set +e
    cargo +nightly fuzz run -s "$sanitizer" "$t" ".work/corpus/$t" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -jobs="$jobs" -workers="$jobs" -print_final_stats=1 \
        -artifact_prefix="artifacts/$t/" >"$log" 2>&1
    rc=$?
    set -e
    # With -jobs, each job logs to fuzz-N.log in the current directory.
    if [ "$jobs" -gt 1 ]; then cat fuzz-*.log >>"$log" 2>/dev/null || true; rm -f fuzz-*.log; fi
    rm -rf /dev/shm/ferry-fuzz-*-[0-9]*
    execs=$(awk '/stat::number_of_executed_units/ {s+=$2} END {print s+0}' "$log")
    rate=$(awk '/stat::average_exec_per_sec/ {s+=$2} END {print s+0}' "$log")
    cov=$(awk '{for (i = 1; i < NF; i++) if ($i == "cov:") c = $(i+1)} END {print c}' "$log")
    if [ "$rc" -ne 0 ]; then
        status=1
        summary+=("$t: FAILED (exit $rc) after $execs runs; see fuzz/$log and fuzz/artifacts/$t/")
        grep -h -m1 -A3 -E '^==[0-9]+== ERROR|panicked at|^SUMMARY' "$log" || tail -20 "$log" || true
    else
        summary+=("$t: ok, $execs runs, $rate runs/s, coverage ${cov:-?}")
    fi
done
echo
printf '%s\n' "${summary[@]}"
exit "$status"
