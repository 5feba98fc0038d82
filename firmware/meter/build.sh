#!/usr/bin/env bash
# Builds the model meter (firmware/meter/main.cpp) for the Uno with the generic firmware's flags
# and model engine (float and int16 models): OUT/model-meter-uno.elf, .hex and .json — the
# meter's area capacity, and the flash and static RAM of the engine without the area (what a
# model costs beyond its blob: web/src/virtual-board/modelMeter.ts adds the blob's bytes).
# Usage: firmware/meter/build.sh OUT_DIR
set -euo pipefail
out="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
FIRMWARE_DIR="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$FIRMWARE_DIR/.." && pwd)"
# shellcheck source=firmware/build.sh
. "$FIRMWARE_DIR/build.sh"
mkdir -p "$out"
AREA=${EMFLOW_METER_AREA:-12288}
build() {  # area bytes, output elf
  avr-g++ "${AVR_FLAGS[@]}" -DEMFLOW_MODELS_NO_FLOAT=1 -DEMFLOW_METER_AREA="$1" -I"$ROOT/core" -I"$FIRMWARE_DIR/avr" \
    "$HERE/main.cpp" "$FIRMWARE_DIR/avr/uart0.cpp" "$FIRMWARE_DIR/avr/cxx_support.cpp" \
    "$ROOT"/core/ml/*.cpp "$ROOT/core/runtime/status.cpp" "${AVR_LINK[@]}" -o "$2"
}
build "$AREA" "$out/model-meter-uno.elf"
build 2 "$out/model-meter-empty.elf"  # the meter without its area: its own flash
avr-objcopy -O ihex -R .eeprom "$out/model-meter-uno.elf" "$out/model-meter-uno.hex"
read -r text data bss < <(avr-size "$out/model-meter-empty.elf" | awk 'NR==2 {print $1, $2, $3}')
flash=$((text + data - 18)); ram=$((data + bss))
echo "model meter: uno: area $AREA B; meter without the area: flash $flash B, static RAM $ram B"
printf '{"board":"uno","area":%d,"flash":%d,"ram":%d}\n' "$AREA" "$flash" "$ram" \
  >"$out/model-meter-uno.json"
rm -f "$out"/*.o
