#!/usr/bin/env bash
# `npm run bench`: builds optimised and runs every benchmark. Reports numbers; asserts nothing.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
bash scripts/bootstrap.sh
BENCH_BUILD="$EMFLOW_ROOT/build/bench"
cmake -S . -B "$BENCH_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMFLOW_TESTS=OFF >/dev/null
cmake --build "$BENCH_BUILD" -j "$JOBS"
shopt -s nullglob
for bin in "$BENCH_BUILD"/tests/bench/bench_*; do
  [ -x "$bin" ] || continue
  printf '\n==> %s\n' "$(basename "$bin")"
  "$bin" --benchmark_counters_tabular=true
done
for extra in tests/bench/*.sh; do printf '\n==> %s\n' "$extra"; bash "$extra"; done
