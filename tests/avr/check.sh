#!/usr/bin/env bash
# AVR figures for the reference tree model (see make_reference.py): flash, static RAM and
# cycles per prediction on a simulated ATmega328P (simavr, Timer1 at prescaler 1), for the
# generated inline code, for the generated compact flash tables, and (for reference) for the
# binary blob run by the general engine. Fails if the AVR predictions differ from
# scikit-learn's, or if the inline or table form misses its goal (issue 3). The table form's
# int16 walk is core/ml/tree_table_avr.h on AVR.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${AVR_BUILD_DIR:-$ROOT/build/avr-trees}"
CLI="${EMFLOW_CLI:-$ROOT/build/native/core/emflow}"
mkdir -p "$OUT"
for tool in avr-g++ avr-size simavr /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "tests/avr: $tool is missing (scripts/bootstrap.sh)"; exit 1; }
done
if [ ! -x "$CLI" ]; then
  cmake -S "$ROOT" -B "$ROOT/build/native" -G Ninja >/dev/null
  cmake --build "$ROOT/build/native" --target emflow_cli -j2 >/dev/null
fi

/usr/bin/python3 "$ROOT/tests/avr/make_reference.py" "$OUT"
"$CLI" codegen "$OUT/reference.bin" --name reference -o "$OUT/reference_inline.h"
"$CLI" codegen "$OUT/reference.bin" --name reference_tables --tables -o "$OUT/reference_tables.h"
# tests/bench/bench_trees.cpp uses checked-in copies of these; they must stay current.
for f in reference.bin reference_float.bin reference_inline.h reference_tables.h; do
  if ! cmp -s "$OUT/$f" "$ROOT/tests/avr/fixtures/$f"; then
    echo "tests/avr: fixtures/$f is out of date: cp $OUT/$f tests/avr/fixtures/"; exit 1
  fi
done

FLAGS=(-mmcu=atmega328p -DF_CPU=16000000L -Os -flto -ffunction-sections -fdata-sections
  -std=gnu++14 -fno-exceptions -fno-rtti -fno-threadsafe-statics -Wall -Wextra -Werror
  -I"$ROOT/core" -I"$OUT" -Wl,--gc-sections)
build() {  # variant, extra sources...
  local variant=$1; shift
  avr-g++ "${FLAGS[@]}" -DVARIANT_"${variant^^}" "$ROOT/tests/avr/harness.cpp" "$@" \
    -o "$OUT/$variant.elf" -lm
}
build baseline
build inline
build table
# The general engine is built for what the firmware runs: tree classifiers/regressors.
build blob -DEMFLOW_TREES_NO_BOOSTING -DEMFLOW_TREES_NO_ISOLATION_FOREST \
  "$ROOT/core/ml/model_blob.cpp" "$ROOT/core/ml/trees.cpp"

# avr-size -A: .text + .data go to flash; .data + .bss are static RAM.
section() { avr-size -A "$OUT/$1.elf" | awk -v s="$2" '$1 == s { n += $2 } END { print n + 0 }'; }
flash() { echo $(( $(section "$1" .text) + $(section "$1" .data) )); }
ram() { echo $(( $(section "$1" .data) + $(section "$1" .bss) )); }

run() {  # variant -> OUT/variant.txt ("label cycles" per row)
  timeout 120 simavr -m atmega328p -f 16000000 "$OUT/$1.elf" 2>&1 >/dev/null |
    sed -E 's/\x1b\[[0-9;]*m//g; s/\.$//' | grep -E '^-?[0-9]+ [0-9]+$|done' >"$OUT/$1.raw" || true
  grep -q done "$OUT/$1.raw" || { echo "tests/avr: $1 firmware did not finish"; exit 1; }
  grep -v done "$OUT/$1.raw" >"$OUT/$1.txt"
}
status=0
missed=()
run baseline
base_cycles=$(awk '{ s += $2 } END { printf "%.0f", s / NR }' "$OUT/baseline.txt")
printf '\n%-28s %12s %14s %14s %14s %10s\n' "reference model (ATmega328P)" "flash (B)" "static RAM (B)" "cycles mean" "cycles max" "agree"
# Goals (issue 3), enforced: flash bytes, static RAM bytes, cycles (mean and max).
declare -A GOAL_FLASH=([inline]=3800 [table]=2200) GOAL_RAM=([inline]=0 [table]=0)
declare -A GOAL_CYCLES=([inline]=700 [table]=2000)
for variant in inline table blob; do
  run "$variant"
  cut -d' ' -f1 "$OUT/$variant.txt" >"$OUT/$variant.labels"
  if ! cmp -s "$OUT/$variant.labels" "$OUT/expected.txt"; then
    echo "tests/avr: $variant predictions differ from the host's:"
    diff <(paste -d' ' "$OUT/$variant.labels" "$OUT/expected.txt" | nl) /dev/null | head -5 || true
    status=1
  fi
  agree=$(paste -d' ' "$OUT/$variant.labels" "$OUT/expected.txt" | awk '$1 == $2 { n++ } END { printf "%d/%d", n, NR }')
  mean=$(awk -v b="$base_cycles" '{ s += $2 - b } END { printf "%.0f", s / NR }' "$OUT/$variant.txt")
  max=$(awk -v b="$base_cycles" 'BEGIN { m = 0 } { if ($2 - b > m) m = $2 - b } END { print m }' "$OUT/$variant.txt")
  bytes=$(( $(flash "$variant") - $(flash baseline) ))
  ram_bytes=$(( $(ram "$variant") - $(ram baseline) ))
  printf '%-28s %12d %14d %14d %14d %10s\n' "$variant" "$bytes" "$ram_bytes" "$mean" "$max" "$agree"
  if [ -n "${GOAL_FLASH[$variant]:-}" ]; then
    checks=("flash $bytes ${GOAL_FLASH[$variant]}" "RAM $ram_bytes ${GOAL_RAM[$variant]}")
    if [ -n "${GOAL_CYCLES[$variant]:-}" ]; then
      checks+=("mean-cycles $mean ${GOAL_CYCLES[$variant]}" "max-cycles $max ${GOAL_CYCLES[$variant]}")
    fi
    for check in "${checks[@]}"; do
      set -- $check
      if [ "$2" -gt "$3" ]; then
        missed+=("$variant $1 $2 > goal $3")
        status=1
      fi
    done
  fi
done
printf '%-28s %12d %14d %14d\n' "(harness alone)" "$(flash baseline)" "$(ram baseline)" "$base_cycles"
echo "flash/RAM: difference from the harness alone; cycles: Timer1 minus the harness's own."
echo "goals: inline <= 3800 B, 0 B RAM, <= 700 cycles (mean and max): enforced"
echo "       table <= 2200 B, 0 B RAM, <= 2000 cycles (mean and max): enforced"
echo "       blob: none (the binary model run by the general engine, for reference)"
for m in "${missed[@]}"; do echo "tests/avr: goal missed: $m"; done
exit $status
