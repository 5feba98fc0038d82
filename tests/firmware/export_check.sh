#!/usr/bin/env bash
# The export gate (run by firmware/check.sh): `emflow export` as a user would use it, then the
# sketch built with Debian's Arduino core exactly as the IDE builds it (build_sketch.sh, checked
# against the IDE's own build engine, arduino-builder: arduino_builder.sh).
#   1. examples/fridge.fbp → Fridge.zip; `unzip -t` checks every CRC; unzipped, it must build
#      for the Uno with the IDE's flags and with the platformio.ini flags (both must fit
#      FLASH_LIMIT / RAM_LIMIT), with arduino-builder to the same size, and for the Mega 2560.
#   2. The exported Uno build runs on simavr (12 s of board time): banner, graph loaded, and
#      the missing DS18B20 reported as error packets without hanging.
#   3. A hostile graph (quotes, newlines, `*/`, backslashes, trigraphs, non-ASCII, keywords,
#      Arduino macro names as node and graph names) exports, builds for both boards, and on
#      simavr prints its name byte for byte and runs.
#   4. A graph over the Uno's capacities is refused with the numbers, and writes nothing.
#   5. The activity example (sensor -> features -> random forest): its model is regenerated
#      (examples/models/make_activity_model.sh) and must equal the checked-in bytes; the
#      exported sketch builds for the Uno with room to spare (sizes printed), runs on simavr
#      (model stored, graph loaded, predictions on serial, no errors); a model too big for
#      the Uno's flash is refused with the numbers.
#   6. Models alone on a simulated ATmega328P (tests/firmware/model_serial.mjs, avr8js):
#      `emflow export MODEL.bin` sketches for the activity model and the reference forest
#      answer feature rows sent over the serial port exactly as `emflow predict` does.
#   7. The activity sketch on a simulated ATmega328P (avr8js) with the activity world on its ADC
#      against `emflow run --world activity` for the same seed: the predicted classes window by
#      window (activity_parity.mjs), and WindowFeatures' features bit for bit
#      (features_parity.mjs); see model_check.sh for the measured agreement.
# Usage: export_check.sh EMFLOW_CLI OUT_DIR
set -euo pipefail
cli="$1"; out="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# The fridge sketch was 8076 B with the IDE's flags before the size work of issue 13 (goal
# <= 7500 B) and 7362 B after it: the gate sits just above, so it cannot silently regrow. The
# boot-time DS18B20 scan (on by default, so a first upload prints the sensor's address) adds
# ~600 B: the sketch as exported has its own gate, the one without the scan keeps 7500 B.
FLASH_LIMIT="${FLASH_LIMIT:-7500}"
SCAN_FLASH_LIMIT="${SCAN_FLASH_LIMIT:-8100}"
RAM_LIMIT="${RAM_LIMIT:-512}"
RUN_MS=12000
rm -rf "$out"; mkdir -p "$out"
fail=0
bad() { echo "export: FAIL $*"; fail=1; }

"$cli" export "$ROOT/examples/fridge.fbp" --board uno -o "$out/Fridge.zip"
unzip -tq "$out/Fridge.zip" >/dev/null || bad "Fridge.zip does not pass unzip -t"
unzip -q "$out/Fridge.zip" -d "$out/unzipped"
sketch="$out/unzipped/Fridge"
for f in core/runtime/network.cpp core/components/hysteresis_latch.h; do
  cmp -s "$ROOT/$f" "$sketch/emflow/${f#core/}" || bad "$f is not copied unchanged"
done

sizes() {  # sizes LABEL BUILD_OUTPUT -> sets flash, ram
  read -r _ flash _ ram < <(tail -1 "$2")
  echo "export: $1: flash $flash B, static RAM $ram B"
}
bash "$HERE/build_sketch.sh" "$sketch" uno "$out/uno-ide" >"$out/uno-ide.log" 2>&1 ||
  { cat "$out/uno-ide.log"; bad "the fridge sketch does not build for the Uno"; }
sizes "Fridge sketch, Uno, Arduino IDE flags" "$out/uno-ide.log"
[ "$ram" -le "$RAM_LIMIT" ] || bad "Uno static RAM $ram B > $RAM_LIMIT B"
ideFlash=$flash
[ "$ideFlash" -le "$SCAN_FLASH_LIMIT" ] ||
  bad "Uno flash $ideFlash B > $SCAN_FLASH_LIMIT B (Arduino IDE flags, with the 1-Wire scan)"
bash "$HERE/build_sketch.sh" "$sketch" uno "$out/uno-noscan" -DEMFLOW_SKETCH_SCAN_ONE_WIRE=0 \
  >"$out/uno-noscan.log" 2>&1 || { cat "$out/uno-noscan.log"; bad "no Uno build without the scan"; }
sizes "Fridge sketch, Uno, Arduino IDE flags, EMFLOW_SKETCH_SCAN_ONE_WIRE=0" "$out/uno-noscan.log"
[ "$flash" -le "$FLASH_LIMIT" ] || bad "Uno flash $flash B > $FLASH_LIMIT B (without the 1-Wire scan)"
echo "export: the boot-time 1-Wire scan costs $((ideFlash - flash)) B of flash"
bash "$HERE/build_sketch.sh" "$sketch" uno "$out/uno-pio" -mcall-prologues -mrelax -Wl,--relax \
  >"$out/uno-pio.log" 2>&1 || { cat "$out/uno-pio.log"; bad "no Uno build with platformio.ini flags"; }
sizes "Fridge sketch, Uno, platformio.ini flags" "$out/uno-pio.log"
[ "$flash" -le "$SCAN_FLASH_LIMIT" ] || bad "Uno flash $flash B > $SCAN_FLASH_LIMIT B (platformio.ini flags)"
[ "$ram" -le "$RAM_LIMIT" ] || bad "Uno static RAM $ram B > $RAM_LIMIT B"
ideRam=$ram
# The IDE's own build engine (arduino-builder) must build it too, to the same bytes: that is
# what proves build_sketch.sh (used for the test-only variants below) builds what users get.
bash "$HERE/arduino_builder.sh" "$sketch" uno "$out/uno-arduino-builder" >"$out/uno-ab.log" 2>&1 ||
  { cat "$out/uno-ab.log"; bad "arduino-builder cannot build the fridge sketch for the Uno"; }
sizes "Fridge sketch, Uno, arduino-builder (the IDE's build engine)" "$out/uno-ab.log"
[ "$flash $ram" = "$ideFlash $ideRam" ] ||
  bad "arduino-builder's build ($flash B / $ram B) differs from build_sketch.sh's ($ideFlash B / $ideRam B)"

"$cli" export "$ROOT/examples/fridge.fbp" --board mega -o "$out/mega/" 2>/dev/null
bash "$HERE/build_sketch.sh" "$out/mega/Fridge" mega "$out/mega-ide" >"$out/mega.log" 2>&1 ||
  { cat "$out/mega.log"; bad "the fridge sketch does not build for the Mega 2560"; }
sizes "Fridge sketch, Mega 2560, Arduino IDE flags" "$out/mega.log"
bash "$HERE/arduino_builder.sh" "$out/mega/Fridge" mega "$out/mega-arduino-builder" >"$out/mega-ab.log" 2>&1 ||
  { cat "$out/mega-ab.log"; bad "arduino-builder cannot build the fridge sketch for the Mega 2560"; }
sizes "Fridge sketch, Mega 2560, arduino-builder" "$out/mega-ab.log"

# simavr: the serial output of a board run (colour codes and simavr's trailing '.' removed).
simulate() {  # simulate ELF LOG -> prints the serial text
  local status=0
  timeout 60 simavr -m atmega328p -f 16000000 "$1" >"$2" 2>&1 || status=$?
  [ "$status" = 0 ] || bad "simavr exited with $status on $1"
  sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\.$//' "$2" | grep -v '^Loaded' || true
}
bash "$HERE/build_sketch.sh" "$sketch" uno "$out/uno-sim" -DEMFLOW_SKETCH_RUN_MS=$RUN_MS \
  >"$out/uno-sim.log" 2>&1 || { cat "$out/uno-sim.log"; bad "no simulation build"; }
simulate "$out/uno-sim/Fridge.elf" "$out/simavr-fridge.log" >"$out/serial-fridge.txt"
echo "export: exported Fridge sketch on simavr (ATmega328P, 16 MHz), serial output:"
sed 's/^/  | /' "$out/serial-fridge.txt"
for expected in "emflow: Fridge" "graph: status 0 nodes 10" "t=50[0-9][0-9] error 8 at node 2 port 0" \
  "t=100[0-9][0-9] error 8 at node 2 port 0" "t=$RUN_MS run: delivered [1-9]"; do
  grep -q -- "$expected" "$out/serial-fridge.txt" || bad "fridge sketch serial output lacks /$expected/"
done

hostile="$HERE/graphs/hostile.json"
"$cli" export "$hostile" --board uno -o "$out/hostile/" 2>/dev/null
"$cli" export "$hostile" --board mega -o "$out/hostile-mega/" 2>/dev/null
hsketch=("$out"/hostile/*/)
bash "$HERE/build_sketch.sh" "${hsketch[0]}" uno "$out/hostile-sim" -DEMFLOW_SKETCH_RUN_MS=2000 \
  >"$out/hostile-uno.log" 2>&1 || { cat "$out/hostile-uno.log"; bad "the hostile sketch does not build (Uno)"; }
msketch=("$out"/hostile-mega/*/)
bash "$HERE/build_sketch.sh" "${msketch[0]}" mega "$out/hostile-mega-build" \
  >"$out/hostile-mega.log" 2>&1 || { cat "$out/hostile-mega.log"; bad "the hostile sketch does not build (Mega)"; }
simulate "$out"/hostile-sim/*.elf "$out/simavr-hostile.log" >"$out/serial-hostile.txt"
# The graph's name must come out byte for byte (newline included), then the graph must run.
/usr/bin/python3 - "$hostile" "$out/serial-hostile.txt" <<'PY' || bad "the hostile graph's name is not printed byte for byte"
import json, sys
name = json.load(open(sys.argv[1], encoding="utf-8"))["properties"]["name"]
sys.exit(0 if ("emflow: " + name + "\n").encode() in open(sys.argv[2], "rb").read() else 1)
PY
grep -q "graph: status 0 nodes 6" "$out/serial-hostile.txt" || bad "the hostile graph did not load"
grep -q "t=2000 run: delivered [1-9]" "$out/serial-hostile.txt" || bad "the hostile graph did not run"
echo "export: hostile graph: exported, built for uno and mega, ran on simavr"

if "$cli" export "$HERE/graphs/too_big.fbp" --board uno -o "$out/too_big.zip" 2>"$out/too_big.txt"; then
  bad "a graph over the Uno's capacities was exported"
fi
grep -q "[0-9]" "$out/too_big.txt" || bad "the refusal gives no numbers"
[ ! -e "$out/too_big.zip" ] || bad "a refused export wrote a file"
echo "export: too_big.fbp refused: $(head -1 "$out/too_big.txt")"
bash "$HERE/model_check.sh" "$cli" "$out/models" || fail=1
[ $fail = 0 ] && echo "export: ok"
exit $fail
