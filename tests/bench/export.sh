#!/usr/bin/env bash
# The exporter's numbers (`npm run bench`; reports, asserts nothing):
#   - flash and static RAM of every example graph's exported sketch for the Uno, built as the
#     Arduino IDE builds it (tests/firmware/build_sketch.sh);
#   - the simulated board's (avr8js, ATmega328P at 16 MHz) cycles per prediction of the
#     activity model: its model-alone sketch (`emflow export MODEL.bin`) built with
#     -DEMFLOW_SKETCH_CYCLES, Timer1 counting around the predict call, on held-out feature rows
#     whose answers are also checked against `emflow predict` (tests/firmware/model_serial.mjs);
#   - the cycles of one WindowFeatures window of the activity graph (16 x 3 readings, 4 FFT
#     bands; tests/firmware/features_serial.cpp, Timer1 at /64).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/build/bench-export"
FIRMWARE_DIR="$ROOT/firmware"
# shellcheck source=firmware/build.sh
. "$ROOT/firmware/build.sh"
FIRMWARE="$ROOT/tests/firmware"
BENCH_ROWS="${BENCH_ROWS:-50}"
rm -rf "$OUT"
mkdir -p "$OUT"
cli="$(emflow_cli)"

for graph in "$ROOT"/examples/*.fbp; do
  name="$(basename "$graph" .fbp)"
  if ! "$cli" export "$graph" --board uno -o "$OUT/$name/" >"$OUT/$name-export.log" 2>&1; then
    echo "export: $name.fbp: not exported: $(grep -v '^$' "$OUT/$name-export.log" | tail -1)"
    continue
  fi
  sketch=("$OUT/$name"/*/)
  if bash "$FIRMWARE/build_sketch.sh" "${sketch[0]}" uno "$OUT/$name-uno" >"$OUT/$name-build.log" 2>&1; then
    read -r _ flash _ ram < <(tail -1 "$OUT/$name-build.log")
    echo "export: $name.fbp sketch, Uno, Arduino IDE flags: flash $flash B, static RAM $ram B"
  else
    echo "export: $name.fbp sketch does not build (see $OUT/$name-build.log)"
  fi
done

# The activity model alone, with Timer1 around each prediction.
model="$ROOT/examples/models/activity.bin"
"$cli" export "$model" --board uno -o "$OUT/model/" >/dev/null 2>&1
modelSketch=("$OUT/model"/*/)
bash "$FIRMWARE/build_sketch.sh" "${modelSketch[0]}" uno "$OUT/model-uno" -DEMFLOW_SKETCH_CYCLES \
  >"$OUT/model-build.log" 2>&1
avr-objcopy -O ihex -R .eeprom "$OUT"/model-uno/*.elf "$OUT/model.hex"
"$cli" run "$ROOT/examples/activity.fbp" --world activity --duration 5m --seed 303 \
  --without-models --features "$OUT/heldout.csv" >/dev/null
{ head -1 "$OUT/heldout.csv" | cut -d, -f1-30; sed -n "2,$((BENCH_ROWS + 1))p" "$OUT/heldout.csv" |
  cut -d, -f1-30; } >"$OUT/rows.csv"
"$cli" predict "$model" "$OUT/rows.csv" >"$OUT/labels.txt"
"$cli" predict "$model" "$OUT/rows.csv" --proba >"$OUT/outputs.txt"
node "$FIRMWARE/model_serial.mjs" "$OUT/model.hex" "$OUT/rows.csv" "$OUT/labels.txt" \
  "$OUT/outputs.txt" >"$OUT/model-serial.txt" 2>&1 || true
echo "export: activity model (10 trees, depth <= 8, blob in flash) on the simulated Uno:" \
  "$(sed -n 's/^model_serial: cycles per prediction/cycles per prediction/p' "$OUT/model-serial.txt")"
grep -q "labels equal $BENCH_ROWS," "$OUT/model-serial.txt" ||
  echo "export: note: $(grep -m1 'rows, labels' "$OUT/model-serial.txt")"

# One WindowFeatures window of the activity graph.
"$cli" run "$ROOT/examples/activity.fbp" --world activity --duration 20s --seed 303 \
  --trace "$OUT/trace.csv" >/dev/null
avr-g++ "${AVR_FLAGS[@]}" -I"$ROOT/core" -I"$FIRMWARE_DIR" -DEMFLOW_WINDOW_CAPACITY=48 \
  "$FIRMWARE/features_serial.cpp" "$ROOT/core/dsp/features.cpp" "$ROOT/core/dsp/fft.cpp" \
  "$FIRMWARE_DIR/avr/uart0.cpp" "$ROOT/core/runtime/status.cpp" "${AVR_LINK[@]}" -o "$OUT/features.elf"
avr-objcopy -O ihex -R .eeprom "$OUT/features.elf" "$OUT/features.hex"
MIN_IDENTICAL_FEATURES=0 MAX_ULP=1000000 node "$FIRMWARE/features_parity.mjs" "$OUT/features.hex" \
  "$OUT/trace.csv" >"$OUT/features.txt" 2>&1 || true
echo "export: WindowFeatures (16 x 3 readings, 4 bands) on the simulated Uno:" \
  "$(sed -n 's/.*; \([0-9]* cycles per window.*\)/\1/p' "$OUT/features.txt")"
