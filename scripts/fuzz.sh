#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each one.
#   scripts/fuzz.sh            run each target for 60 s
#   scripts/fuzz.sh --ci       run each target for FUZZ_SECONDS (default 20 s) — what npm test does
#   scripts/fuzz.sh NAME SECS  run one target
#   scripts/fuzz.sh --runs N [NAME]  run each target (or one) for N executions, no time limit:
#                              `npm run fuzz -- --runs 10000000` is the long campaign. Its corpus
#                              lives on in build/fuzz/campaign/NAME, so a stopped campaign
#                              continues where it was; the per-input timeout is 120 s there, since
#                              a campaign runs for hours beside other work (nice) and libFuzzer's
#                              timeout counts wall time. ASan records no allocation stacks
#                              there (malloc_context_size=0: 1.6x the executions per second,
#                              measured on fuzz_protocol_messages); re-run a crash input alone
#                              for the full report.
# A crash, leak or timeout input is kept in build/fuzz/artifacts/ (the path is printed).
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
FUZZ_BUILD="$EMFLOW_ROOT/build/fuzz"
seconds=60; only=""; runs=""
if [ "${1:-}" = "--ci" ]; then seconds="${FUZZ_SECONDS:-20}"
elif [ "${1:-}" = "--runs" ]; then runs="${2:?--runs needs a count}"; only="${3:-}"
elif [ -n "${1:-}" ]; then only="$1"; seconds="${2:-60}"; fi
limit=(-max_total_time="$seconds"); [ -n "$runs" ] && limit=(-runs="$runs")
CC=clang CXX=clang++ cmake -S . -B "$FUZZ_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEMFLOW_FUZZ=ON >/dev/null
cmake --build "$FUZZ_BUILD" -j "$JOBS"
shopt -s nullglob
for bin in "$FUZZ_BUILD"/tests/fuzz/fuzz_*; do
  name=$(basename "$bin"); short=${name#fuzz_}
  [ -n "$only" ] && [ "$only" != "$name" ] && [ "$only" != "$short" ] && continue
  corpus="$EMFLOW_ROOT/tests/fuzz/corpus/$short"
  timeout=5
  if [ -n "$runs" ]; then
    work="$FUZZ_BUILD/campaign/$short"; timeout=120
    export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0}"
    mkdir -p "$work"; cp -rn "$corpus"/. "$work"/ 2>/dev/null || true
  else
    work=$(mktemp -d); cp -r "$corpus"/. "$work"/ 2>/dev/null || true
  fi
  mkdir -p "$FUZZ_BUILD/artifacts"
  echo "fuzz: $name for ${runs:-${seconds}s} ${runs:+runs }(seed corpus: $(ls "$corpus" 2>/dev/null | wc -l) files)"
  dict=(); [ -f "$EMFLOW_ROOT/tests/fuzz/$short.dict" ] && dict=(-dict="$EMFLOW_ROOT/tests/fuzz/$short.dict")
  status=0
  log="$FUZZ_BUILD/artifacts/$short.log"
  "$bin" "${limit[@]}" -timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$FUZZ_BUILD/artifacts/$short-" "${dict[@]}" "$work" >"$log" 2>&1 || status=$?
  grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|Done|Test unit written' "$log" || true
  [ "$status" = 0 ] || tail -40 "$log"
  [ -n "$runs" ] || rm -rf "$work"
  [ "$status" = 0 ] || { echo "fuzz: $name FAILED"; exit 1; }
done
