#!/usr/bin/env bash
# The virtual Uno's (and the virtual Mega 2560's) speed for `npm run bench`
# (tests/bench/virtual_uno_bench.ts, bundled for Node with rolldown): simulated MHz per wall
# second with every cycle executed, and simulated seconds per wall second with sleep skipped (idle, Blink, the fridge graph), in Node and in
# headless Chromium (virtual_uno_chromium.mjs: also the app's fridge with its world, unpaced).
# Asserts nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FIRMWARE_DIR="$ROOT/firmware"
# shellcheck source=firmware/build.sh
. "$ROOT/firmware/build.sh"
cd "$ROOT"
OUT="$ROOT/build/bench-virtual-uno"
mkdir -p "$OUT"
bash firmware/generic/build.sh "$OUT/generic" >/dev/null
cli="$(emflow_cli)"
"$cli" compile examples/blink.fbp -o "$OUT/blink.bin" >/dev/null
"$cli" compile examples/fridge.fbp -o "$OUT/fridge.bin" >/dev/null
npx rolldown tests/bench/virtual_uno_bench.ts --platform node --format esm \
  --file "$OUT/virtual_uno_bench.mjs" >/dev/null
node "$OUT/virtual_uno_bench.mjs" "$OUT/generic/generic-uno.hex" "$OUT/blink.bin" "$OUT/fridge.bin"
EMFLOW_BENCH_BOARD=mega2560 node "$OUT/virtual_uno_bench.mjs" "$OUT/generic/generic-mega2560.hex" \
  "$OUT/blink.bin" "$OUT/fridge.bin"
# The same in headless Chromium: the engine in a Web Worker, then the app's fridge on the
# virtual Uno with its world at the fastest speed (virtual_uno_chromium.mjs).
npx rolldown tests/bench/virtual_uno_browser.ts --platform browser --format iife \
  --file "$OUT/virtual_uno_browser.js" >/dev/null
node tests/bench/virtual_uno_chromium.mjs "$OUT/virtual_uno_browser.js" \
  "$OUT/generic/generic-uno.hex" "$OUT/blink.bin" "$OUT/fridge.bin"

# The model cycles table: the model meter on avr8js, and the flash and static RAM of each
# model's exported sketch (`emflow export MODEL.bin`, built as the Arduino IDE builds it).
bash firmware/meter/build.sh "$OUT/meter" >/dev/null
"$cli" run examples/activity.fbp --world activity --duration 5m --seed 303 --without-models \
  --features "$OUT/heldout.csv" >/dev/null
sed -n '2,51p' "$OUT/heldout.csv" | cut -d, -f1-30 >"$OUT/activity-rows.csv"
# The reference model's rows: integers in ±3000 from a fixed seed (it is an int16 model).
awk 'BEGIN { srand(7); for (r = 0; r < 50; r++) { line = ""; for (f = 0; f < 8; f++)
  line = line (f ? "," : "") int(rand() * 6001) - 3000; print line } }' >"$OUT/reference-rows.csv"
npx rolldown tests/bench/model_meter_bench.ts --platform node --format esm \
  --file "$OUT/model_meter_bench.mjs" >/dev/null
node "$OUT/model_meter_bench.mjs" "$OUT/meter/model-meter-uno.hex" \
  "activity model (float forest, examples/models)" examples/models/activity.bin "$OUT/activity-rows.csv" \
  "reference model (int16 trees, tests/avr)" tests/avr/fixtures/reference.bin "$OUT/reference-rows.csv"
for model in examples/models/activity.bin tests/avr/fixtures/reference.bin; do
  name="$(basename "$model" .bin)"
  for board in uno mega; do
    rm -rf "$OUT/export-$name-$board"
    if "$cli" export "$model" --board "$board" -o "$OUT/export-$name-$board/" >/dev/null 2>&1; then
      sketch=("$OUT/export-$name-$board"/*/)
      sizes="$(bash tests/firmware/build_sketch.sh "${sketch[0]}" "$board" \
        "$OUT/build-$name-$board" 2>&1 | tail -1)"
      echo "model sketch: $name, $board (Arduino IDE flags): $sizes"
    else
      echo "model sketch: $name, $board: not exported"
    fi
  done
done
