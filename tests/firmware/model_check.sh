#!/usr/bin/env bash
# Models in exports (run by export_check.sh, so by firmware/check.sh):
#   1. examples/models/activity.bin is current: make_activity_model.sh regenerates it into a
#      scratch folder and the bytes must be equal (its held-out accuracy is printed); and
#      `emflow parse examples/activity.fbp` (with its `# @model` line) equals npm fbp's output.
#   2. examples/activity.fbp exports with its model, builds for the Mega 2560 and for the Uno
#      with the IDE's flags, on the Uno with room to spare (flash <= FLASH_SPARE_LIMIT, static RAM <= RAM_SPARE_LIMIT), and runs
#      on simavr: the model is stored, the graph loads, predictions come out on serial and no
#      error is reported.
#      The activity model's flash as generated C++ and as blob + engine is printed.
#   3. A model too big for the Uno's flash is refused before anything is written, with numbers.
#   4. `emflow export MODEL.bin` sketches on a simulated ATmega328P (avr8js): the activity
#      model on held-out feature rows and the reference forest (int16) on generated rows answer
#      exactly what `emflow predict` answers (model_serial.mjs); the flash and static RAM the
#      export printed are within 1 % of the sketch's real build.
#   5. The activity graph on a simulated ATmega328P against the native run (see below), and
#      (5b) exported for the Mega 2560 on simavr's ATmega2560, its A0..A2 on ADC channels 0..2.
#   6. The exporter's size switches (EMFLOW_MODELS_FLASH_ONLY / _NO_INT16 / _NO_FLOAT, set in
#      emflow_config.h from the graph's models) refuse, with kErrModelType, a model that needs
#      a removed path and keep the rest working (size_switches.cpp, built on the host).
# Usage: model_check.sh EMFLOW_CLI OUT_DIR
set -euo pipefail
cli="$1"; out="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
FLASH_SPARE_LIMIT="${FLASH_SPARE_LIMIT:-28672}"  # 28 KB of the Uno's 32256 B
RAM_SPARE_LIMIT="${RAM_SPARE_LIMIT:-1536}"       # leaves 512 B of the 2 KB for the stack
SERIAL_ROWS="${SERIAL_ROWS:-100}"
rm -rf "$out"; mkdir -p "$out"
fail=0
bad() { echo "models: FAIL $*"; fail=1; }

# 1. The checked-in model is what the script makes.
bash "$ROOT/examples/models/make_activity_model.sh" "$cli" "$out/model" >"$out/model.txt"
sed 's/^/models: /' "$out/model.txt"
cmp -s "$out/model/activity.bin" "$ROOT/examples/models/activity.bin" ||
  bad "examples/models/activity.bin is not current: bash examples/models/make_activity_model.sh $cli"
cmp -s "$out/model/activity.rows.csv" "$ROOT/examples/models/activity.rows.csv" ||
  bad "examples/models/activity.rows.csv is not current: bash examples/models/make_activity_model.sh $cli"

# The `# @model` line is a comment to .fbp parsers: emflow parse = npm fbp, byte for byte.
"$cli" parse "$ROOT/examples/activity.fbp" >"$out/parse-emflow.json"
node "$ROOT/tests/fbp/reference-parse.mjs" "$ROOT/examples/activity.fbp" >"$out/parse-fbp.json"
cmp -s "$out/parse-emflow.json" "$out/parse-fbp.json" ||
  bad "emflow parse examples/activity.fbp differs from npm fbp's (diff $out/parse-*.json)"

# 2. The activity sketch: build, size, simavr.
"$cli" export "$ROOT/examples/activity.fbp" --board uno -o "$out/Activity.zip" 2>/dev/null
unzip -q "$out/Activity.zip" -d "$out/unzipped"
sketch="$out/unzipped/Activity"
grep -q "kMemoryFlash" "$sketch/emflow_models.cpp" || bad "the activity sketch has no model in flash"
bash "$HERE/build_sketch.sh" "$sketch" uno "$out/uno-ide" >"$out/uno-ide.log" 2>&1 ||
  { cat "$out/uno-ide.log"; bad "the activity sketch does not build for the Uno"; }
read -r _ flash _ ram < <(tail -1 "$out/uno-ide.log")
echo "models: Activity sketch (sensor -> features -> forest), Uno, Arduino IDE flags:" \
  "flash $flash B (model blob $(stat -c %s "$ROOT/examples/models/activity.bin") B), static RAM $ram B"
[ "$flash" -le "$FLASH_SPARE_LIMIT" ] || bad "activity sketch flash $flash B > $FLASH_SPARE_LIMIT B"
[ "$ram" -le "$RAM_SPARE_LIMIT" ] || bad "activity sketch static RAM $ram B > $RAM_SPARE_LIMIT B"
bash "$HERE/arduino_builder.sh" "$sketch" uno "$out/uno-arduino-builder" >"$out/uno-ab.log" 2>&1 ||
  { cat "$out/uno-ab.log"; bad "arduino-builder cannot build the activity sketch for the Uno"; }
[ "$(tail -1 "$out/uno-ab.log")" = "flash $flash ram $ram" ] ||
  bad "arduino-builder's activity build ($(tail -1 "$out/uno-ab.log")) differs from build_sketch.sh's"
echo "models: Activity sketch, Uno, arduino-builder (the IDE's build engine): $(tail -1 "$out/uno-ab.log")"
"$cli" export "$ROOT/examples/activity.fbp" --board mega -o "$out/mega/" 2>/dev/null
bash "$HERE/build_sketch.sh" "$out/mega/Activity" mega "$out/mega-ide" >"$out/mega-ide.log" 2>&1 ||
  { cat "$out/mega-ide.log"; bad "the activity sketch does not build for the Mega 2560"; }
echo "models: Activity sketch, Mega 2560, Arduino IDE flags: $(tail -1 "$out/mega-ide.log" |
  awk '{ print "flash " $2 " B, static RAM " $4 " B" }')"
bash "$HERE/build_sketch.sh" "$sketch" uno "$out/uno-sim" -DEMFLOW_SKETCH_RUN_MS=3000 \
  >"$out/uno-sim.log" 2>&1 || { cat "$out/uno-sim.log"; bad "no activity simulation build"; }
status=0
timeout 60 simavr -m atmega328p -f 16000000 "$out/uno-sim/Activity.elf" >"$out/simavr.log" 2>&1 ||
  status=$?
[ "$status" = 0 ] || bad "simavr exited with $status on the activity sketch"
sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\.$//' "$out/simavr.log" | grep -v '^Loaded' >"$out/serial.txt" || true
for expected in "emflow: Activity" "models: status 0" "graph: status 0 nodes 8" "t=3000 run: delivered"; do
  grep -q -- "$expected" "$out/serial.txt" || bad "activity sketch serial output lacks /$expected/"
done
predictions=$(grep -c '^[0-4]$' "$out/serial.txt" || true)
[ "$predictions" -ge 3 ] || bad "the activity sketch printed $predictions predictions in 3 s (expected >= 3)"
! grep -q " error " "$out/serial.txt" || bad "the activity sketch reported errors: $(grep -m1 ' error ' "$out/serial.txt")"
echo "models: activity sketch on simavr: $predictions predictions in 3 s of board time, no errors"

# The activity model's two device forms, measured as the difference to no model (the same
# ATmega328P flags as the tests/avr harness): generated C++ (`emflow codegen`) against the blob
# in flash + the model engine (tree kinds only, the non-tree families stubbed as in a sketch).
forms="$out/forms"; mkdir -p "$forms"
"$cli" codegen "$ROOT/examples/models/activity.bin" --name activity -o "$forms/activity_gen.h" >/dev/null
od -An -v -tu1 "$ROOT/examples/models/activity.bin" | tr -s ' \n' ',' | sed 's/^,//' >"$forms/blob.inc"
cp "$sketch/emflow_model_kinds.cpp" "$forms/kinds.cpp"
sed -i 's|"emflow_config.h"|<stddef.h>|; s|"emflow/ml/families.h"|"ml/families.h"|' "$forms/kinds.cpp"
FORM_FLAGS=(-mmcu=atmega328p -DF_CPU=16000000L -Os -flto -ffunction-sections -fdata-sections
  -std=gnu++14 -fno-exceptions -fno-rtti -fno-threadsafe-statics -I"$ROOT/core" -I"$forms"
  -Wl,--gc-sections -DEMFLOW_TREES_NO_BOOSTING -DEMFLOW_TREES_NO_ISOLATION_FOREST
  -DEMFLOW_MAX_MODELS=1 -DEMFLOW_STRIP_ERROR_STRINGS=1 -DMODEL_FEATURES=30 -DMODEL_OUTPUTS=5)
form_flash() {  # form_flash NAME extra... -> flash bytes
  local name=$1; shift
  avr-g++ "${FORM_FLAGS[@]}" "$@" "$HERE/model_forms.cpp" -o "$forms/$name.elf" -lm \
    2>"$forms/$name.log" || { cat "$forms/$name.log" >&2; echo 0; return; }
  avr-size "$forms/$name.elf" | awk 'NR == 2 { print $1 + $2 }'
}
none=$(form_flash none -DFORM_NONE)
gen=$(form_flash codegen -DFORM_CODEGEN -DMODEL_HEADER='"activity_gen.h"' -DMODEL_NAMESPACE=activity)
blob=$(form_flash blob -DFORM_BLOB -DMODEL_BLOB_INC='"blob.inc"' "$forms/kinds.cpp" \
  "$ROOT/core/ml/model_store.cpp" "$ROOT/core/ml/model.cpp" "$ROOT/core/ml/model_blob.cpp" \
  "$ROOT/core/ml/trees.cpp" "$ROOT/core/runtime/status.cpp")
if [ "$gen" = 0 ] || [ "$blob" = 0 ]; then bad "the model form harness does not build"; fi
echo "models: activity model on the ATmega328P: generated C++ $((gen - none)) B of flash," \
  "blob in flash + engine $((blob - none)) B (blob $(stat -c %s "$ROOT/examples/models/activity.bin") B);" \
  "sketches carry the blob"

# 3. Held-out rows (their own recording, 10 min) for the serial check, and a forest far too
#    big for the Uno.
"$cli" run "$ROOT/examples/activity.fbp" --world activity --duration 10m --seed 303 \
  --without-models --features "$out/heldout.csv" >/dev/null
# Labels from a fixed pseudo-random sequence: nothing to learn, so every tree grows to one
# leaf per few rows and the forest is far larger than the Uno's flash.
awk -F, -v OFS=, 'NR == 1 { print; next } { s = (s * 1103515245 + 12345) % 2147483648;
  $NF = int(s / 65536) % 5; print }' "$out/heldout.csv" >"$out/noise.csv"
"$cli" train "$out/noise.csv" --n-estimators 30 --max-depth none --seed 0 --test-size 0 \
  --quiet -o "$out/big.bin" >/dev/null
if "$cli" export "$ROOT/examples/activity.fbp" --board uno --model 1="$out/big.bin" \
  -o "$out/big.zip" 2>"$out/big.txt"; then
  bad "a model too big for the Uno's flash was exported"
fi
grep -q "too many" "$out/big.txt" || bad "the big model's refusal gives no numbers: $(cat "$out/big.txt")"
[ ! -e "$out/big.zip" ] || bad "a refused export wrote a file"
echo "models: $(stat -c %s "$out/big.bin") B forest refused: $(head -1 "$out/big.txt")"

# 4. Models alone on the simulated board, over serial.
serial_check() {  # serial_check LABEL MODEL.bin ROWS.csv
  local label=$1 model=$2 rows=$3 dir="$out/serial-$1"
  mkdir -p "$dir"
  "$cli" export "$model" --board uno -o "$dir/" 2>"$dir/export.txt"
  local sketchDir=("$dir"/*/)
  bash "$HERE/build_sketch.sh" "${sketchDir[0]}" uno "$dir/build" >"$dir/build.log" 2>&1 ||
    { cat "$dir/build.log"; bad "the $label model sketch does not build"; return; }
  read -r _ mflash _ mram < <(tail -1 "$dir/build.log")
  # The size `emflow export` printed (recorded base + blob) against this real build: within 1 %.
  local said
  said="$(sed -n 's/.*flash ~\([0-9]*\) B.*static RAM ~\([0-9]*\) B.*/\1 \2/p' "$dir/export.txt")"
  read -r sflash sram <<<"${said:-0 0}"
  awk -v a="$sflash" -v b="$mflash" -v c="$sram" -v d="$mram" \
    'BEGIN { exit !(a > 0 && (a - b) ^ 2 <= (b / 100) ^ 2 && (c - d) ^ 2 <= (d / 100) ^ 2) }' ||
    bad "emflow export said flash $sflash B, RAM $sram B for the $label sketch; built: $mflash B, $mram B"
  echo "models: $label model alone: emflow export said flash ~$sflash B, static RAM ~$sram B; built $mflash B, $mram B"
  avr-objcopy -O ihex -R .eeprom "$dir"/build/*.elf "$dir/firmware.hex"
  "$cli" predict "$model" "$rows" >"$dir/labels.txt"
  "$cli" predict "$model" "$rows" --proba >"$dir/outputs.txt"
  echo "models: $label model alone ($(stat -c %s "$model") B blob): Uno flash $mflash B, static RAM $mram B"
  node "$HERE/model_serial.mjs" "$dir/firmware.hex" "$rows" "$dir/labels.txt" "$dir/outputs.txt" \
    >"$dir/serial.txt" 2>&1 || bad "the $label model on the simulated board differs from emflow predict"
  sed "s/^model_serial: /models: $label over serial: /" "$dir/serial.txt"
}
{ head -1 "$out/heldout.csv" | cut -d, -f1-30; sed -n "2,$((SERIAL_ROWS + 1))p" "$out/heldout.csv" |
  cut -d, -f1-30; } >"$out/activity_rows.csv"
serial_check activity "$ROOT/examples/models/activity.bin" "$out/activity_rows.csv"
# The reference forest takes 8 int16 features (make_classification x 1000): rows from a
# fixed linear congruential sequence in -4000..4000.
awk -v n="$SERIAL_ROWS" 'BEGIN { s = 12345; for (r = 0; r < n; r++) { line = "";
  for (f = 0; f < 8; f++) { s = (s * 1103515245 + 12345) % 2147483648;
    line = line (f ? "," : "") (int(s / 65536) % 8001 - 4000) } print line } }' >"$out/reference_rows.csv"
serial_check reference "$ROOT/tests/avr/fixtures/reference.bin" "$out/reference_rows.csv"

# 5. The activity graph on a simulated ATmega328P (avr8js) against the native run of the same
#    graph, world and seed: the exported sketch's ADC converts the world's recording
#    (`emflow run --adc`) at the board's own time, and its predicted classes must be the native
#    ones (activity_parity.mjs); then WindowFeatures alone on the board, fed the native readings
#    window by window, against the native features bit for bit (features_parity.mjs). The
#    figures below are what this seed and duration give (deterministic: avr8js counts cycles);
#    a change that lowers one fails here:
#    - ADC readings: all equal to the native ones (on the board's millis() clock it reads
#      17..19 ms after the native instant, inside the same 40 ms world sample);
#    - classes: all 140 windows equal (PARITY_MIN_CLASSES lowers the requirement);
#    - features: ALL bit-identical (0 ulp), FFT band energies included: the FFT reads its
#      twiddle factors from one correctly rounded table (core/dsp/fft_twiddles.h) instead of
#      each target's sinf/cosf, which differed by 1 ulp (docs/dsp.md).
PARITY_SEED="${PARITY_SEED:-1}"
PARITY_MS="${PARITY_MS:-90000}"
parity="$out/parity"; mkdir -p "$parity"
"$cli" run "$ROOT/examples/activity.fbp" --world activity --duration "${PARITY_MS}ms" \
  --seed "$PARITY_SEED" --adc "$parity/adc.csv" --trace "$parity/trace.csv" >"$parity/native.txt"
# The board stops at this millis(); its graph starts ~250 ms after reset, half a window of
# slack lets it classify the windows the native run did.
parityRunMs=$((PARITY_MS + 320))
bash "$HERE/build_sketch.sh" "$sketch" uno "$parity/uno" -DEMFLOW_SKETCH_RUN_MS=$parityRunMs \
  >"$parity/build.log" 2>&1 || { cat "$parity/build.log"; bad "no activity parity build"; }
avr-objcopy -O ihex -R .eeprom "$parity/uno/Activity.elf" "$parity/Activity.hex"
env ${PARITY_MIN_CLASSES:+"MIN_EQUAL=$PARITY_MIN_CLASSES"} node "$HERE/activity_parity.mjs" \
  "$parity/Activity.hex" "$parity/adc.csv" "$parity/trace.csv" "$parityRunMs" \
  >"$parity/classes.txt" 2>&1 ||
  bad "the activity sketch on avr8js disagrees with emflow run (seed $PARITY_SEED)"
sed "s/^activity_parity: /models: activity parity (seed $PARITY_SEED, ${PARITY_MS} ms): /" "$parity/classes.txt"
avr-g++ -mmcu=atmega328p -DF_CPU=16000000L -Os -flto -ffunction-sections -fdata-sections \
  -std=gnu++14 -fno-exceptions -fno-rtti -fno-threadsafe-statics -Wall -Wextra -Werror \
  -I"$ROOT/core" -I"$ROOT/firmware" -DEMFLOW_WINDOW_CAPACITY=48 -DEMFLOW_STRIP_ERROR_STRINGS=1 \
  -Wl,--gc-sections "$HERE/features_serial.cpp" "$ROOT/core/dsp/features.cpp" \
  "$ROOT/core/dsp/fft.cpp" "$ROOT/firmware/avr/uart0.cpp" "$ROOT/core/runtime/status.cpp" \
  -o "$parity/features.elf" -lm 2>"$parity/features-build.log" ||
  { cat "$parity/features-build.log"; bad "features_serial.cpp does not build"; }
avr-objcopy -O ihex -R .eeprom "$parity/features.elf" "$parity/features.hex"
MAX_ULP=0 node "$HERE/features_parity.mjs" "$parity/features.hex" "$parity/trace.csv" \
  >"$parity/features.txt" 2>&1 || bad "WindowFeatures on avr8js: a feature is not bit-identical"
sed "s/^features_parity: /models: board features vs native: /" "$parity/features.txt"

# 5b. The same graph exported for the Mega 2560 (A0..A2 remapped to pins 54..56) on simavr's
#    ATmega2560 (activity_mega_board.cpp): the world's counts on ADC channels 0..2, the channels
#    the sketch's analogRead(54..56) must select, for the same seed, against the native run
#    (activity_parity.mjs --log): every reading and class equal, every other channel order
#    agreeing less (so a mix-up is caught); a recording with A1 and A2 swapped is refused, and
#    so is the Uno's export built for the Mega (it converts channels 14.., not the world's).
MEGA_MS="${MEGA_MS:-20000}"
megaParity="$out/mega-parity"; mkdir -p "$megaParity"
"$cli" run "$ROOT/examples/activity.fbp" --world activity --duration "${MEGA_MS}ms" \
  --seed "$PARITY_SEED" --adc "$megaParity/adc.csv" --trace "$megaParity/trace.csv" >"$megaParity/native.txt"
megaRunMs=$((MEGA_MS + 320))
bash "$HERE/build_sketch.sh" "$out/mega/Activity" mega "$megaParity/mega" \
  -DEMFLOW_SKETCH_RUN_MS=$megaRunMs >"$megaParity/build.log" 2>&1 ||
  { cat "$megaParity/build.log"; bad "no activity parity build for the Mega"; }
g++ -std=c++17 -O2 -Wall -Wextra -Werror "$HERE/activity_mega_board.cpp" -lsimavr -lelf \
  -o "$megaParity/activity_mega_board" 2>"$megaParity/harness.log" ||
  { cat "$megaParity/harness.log"; bad "activity_mega_board.cpp does not build"; }
megaStart=$(date +%s%N)
timeout 120 "$megaParity/activity_mega_board" "$megaParity/mega/Activity.elf" "$megaParity/adc.csv" \
  "$megaRunMs" >"$megaParity/board.log" 2>"$megaParity/board.err" ||
  bad "the activity sketch on simavr's ATmega2560: $(cat "$megaParity/board.err")"
megaWallMs=$((($(date +%s%N) - megaStart) / 1000000))
node "$HERE/activity_parity.mjs" --log "$megaParity/board.log" "$megaParity/adc.csv" \
  "$megaParity/trace.csv" "$megaRunMs" >"$megaParity/classes.txt" 2>&1 ||
  bad "the Mega's activity sketch on simavr disagrees with emflow run (seed $PARITY_SEED)"
sed "s/^activity_parity: /models: Mega 2560 activity parity (simavr, seed $PARITY_SEED, ${MEGA_MS} ms): /" \
  "$megaParity/classes.txt"
echo "models: Mega 2560 on simavr: $megaRunMs ms of board time in $megaWallMs ms of wall time"
# The comparison itself must see a mix-up: the same recording with channels 1 and 2 swapped.
sed -E 's/^read 1 /read X /; s/^read 2 /read 1 /; s/^read X /read 2 /' "$megaParity/board.log" \
  >"$megaParity/swapped.log"
if node "$HERE/activity_parity.mjs" --log "$megaParity/swapped.log" "$megaParity/adc.csv" \
  "$megaParity/trace.csv" "$megaRunMs" >"$megaParity/swapped.txt" 2>&1; then
  bad "a Mega recording with A1 and A2 swapped passed the parity check"
else
  echo "models: Mega recording with A1 and A2 swapped refused: $(grep -m1 FAIL "$megaParity/swapped.txt")"
fi
# And the harness sees the channel the firmware selects: the Uno's export (analogRead(14..16))
# built for the Mega reads A14.. there, not the world's channels, and is refused (1 s run).
bash "$HERE/build_sketch.sh" "$sketch" mega "$megaParity/uno-on-mega" -DEMFLOW_SKETCH_RUN_MS=1000 \
  >"$megaParity/uno-on-mega.log" 2>&1 ||
  { cat "$megaParity/uno-on-mega.log"; bad "the Uno's activity sketch does not build for the Mega"; }
"$megaParity/activity_mega_board" "$megaParity/uno-on-mega/Activity.elf" "$megaParity/adc.csv" 1000 \
  >"$megaParity/uno-on-mega-board.log" 2>"$megaParity/uno-on-mega-board.err" || true
if node "$HERE/activity_parity.mjs" --log "$megaParity/uno-on-mega-board.log" "$megaParity/adc.csv" \
  "$megaParity/trace.csv" 1000 >"$megaParity/uno-on-mega.txt" 2>&1; then
  bad "the Uno's activity export run on the Mega passed the parity check"
else
  echo "models: the Uno's export on the Mega refused: $(grep -m1 FAIL "$megaParity/uno-on-mega.txt")"
fi

# 6. Size switches: each build opens the activity forest (float) and the reference forest
#    (int16) from "flash" and from RAM, and must refuse exactly what its switches removed.
for switches in "" "-DEMFLOW_MODELS_FLASH_ONLY=1 -DEMFLOW_MODELS_NO_INT16=1" \
  "-DEMFLOW_MODELS_FLASH_ONLY=1 -DEMFLOW_MODELS_NO_FLOAT=1"; do
  # shellcheck disable=SC2086  # the switches are separate words
  g++ -std=c++14 -O1 -Wall -Wextra -Werror -I"$ROOT/core" $switches "$HERE/size_switches.cpp" \
    "$ROOT/firmware/meter/tree_only_families.cpp" "$ROOT/core/ml/model.cpp" "$ROOT/core/ml/model_blob.cpp" \
    "$ROOT/core/ml/trees.cpp" \
    -o "$out/size_switches" 2>"$out/size_switches.log" ||
    { cat "$out/size_switches.log"; bad "size_switches.cpp does not build (${switches:-no switches})"; continue; }
  "$out/size_switches" "$ROOT/examples/models/activity.bin" "$ROOT/tests/avr/fixtures/reference.bin" \
    >"$out/size_switches.txt" 2>&1 || bad "size switches (${switches:-none}): $(cat "$out/size_switches.txt")"
  echo "models: ${switches:-no switches}: $(sed 's/^size_switches: //' "$out/size_switches.txt")"
done

[ $fail = 0 ] && echo "models: ok"
exit $fail
