#!/usr/bin/env bash
# Builds the model meter (firmware/meter/main.cpp) with the Arduino IDE's flags for the Uno (as
# an exported sketch is built: tests/firmware/build_sketch.sh) and the whole model engine, float
# and int16. The engine and a model's area do not fit the 328P's 32 KB together, so the meter is
# linked for a 328P with 64 KB of flash: the same instructions and cycle counts, run on a
# virtual 328P with a bigger flash (web/src/virtual-board/modelMeter.ts) or on simavr's
# atmega1284p (same registers, 16-bit program counter). Writes OUT/model-meter-uno.hex, and
# OUT/model-meter-uno.json: the area's capacity, the flash and static RAM of the meter
# without its area on the Uno and the Mega 2560, and under "engine" the model engine's flash
# and static RAM per configuration and board as a sketch links it (engine_sizes.sh): what a
# model node costs beyond its blob in the firmware dialog.
# Usage: firmware/meter/build.sh OUT_DIR
set -euo pipefail
out="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
FIRMWARE_DIR="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$FIRMWARE_DIR/.." && pwd)"
mkdir -p "$out"
AREA=30720
build() {  # area bytes, output elf, mcu, extra link flags...
  local area="$1" elf="$2" mcu="$3"
  shift 3
  avr-g++ -mmcu="$mcu" -DF_CPU=16000000L -Os -flto -ffunction-sections -fdata-sections \
    -std=gnu++14 -fno-exceptions -fno-rtti -fno-threadsafe-statics -Wall -Wextra -Werror \
    -Wno-unused-parameter -DEMFLOW_STRIP_ERROR_STRINGS -DEMFLOW_METER_AREA="$area" \
    -I"$ROOT/core" -I"$FIRMWARE_DIR/avr" \
    "$HERE/main.cpp" "$FIRMWARE_DIR/avr/uart0.cpp" "$FIRMWARE_DIR/avr/cxx_support.cpp" \
    "$ROOT"/core/ml/*.cpp "$ROOT/core/runtime/status.cpp" -Wl,--gc-sections -lm "$@" -o "$elf"
}
sizes() {  # elf → "flash ram" without the area's 18 bytes
  avr-size "$1" | awk 'NR==2 {print $1 + $2 - 18, $2 + $3}'
}
build "$AREA" "$out/model-meter-uno.elf" atmega328p -Wl,--defsym=__TEXT_REGION_LENGTH__=64K
build 2 "$out/model-meter-empty.elf" atmega328p -Wl,--defsym=__TEXT_REGION_LENGTH__=64K
build 2 "$out/model-meter-mega-empty.elf" atmega2560
avr-objcopy -O ihex -R .eeprom "$out/model-meter-uno.elf" "$out/model-meter-uno.hex"
read -r flash ram < <(sizes "$out/model-meter-empty.elf")
read -r megaFlash megaRam < <(sizes "$out/model-meter-mega-empty.elf")
echo "model meter: area $AREA B; without it: uno flash $flash B, static RAM $ram B;" \
  "mega2560 flash $megaFlash B, static RAM $megaRam B"
bash "$HERE/engine_sizes.sh" "$out/engine-sizes.json"
printf '{"area":%d,"uno":{"flash":%d,"ram":%d},"mega":{"flash":%d,"ram":%d},"engine":%s}\n' \
  "$AREA" "$flash" "$ram" "$megaFlash" "$megaRam" "$(cat "$out/engine-sizes.json")" \
  >"$out/model-meter-uno.json"
rm -f "$out"/*.o
