#!/usr/bin/env bash
# Builds the generic firmware (firmware/generic/main.cpp) for the Arduino Uno with avr-g++ 5.4:
# every component, the model engine, the runtime and the serial link, the firmware's flags
# (firmware/build.sh), and capacities chosen to fit the Uno's 2 KB of RAM with room for the
# stack. Writes OUT/generic-uno.elf and .hex and prints flash and static RAM.
# Usage: firmware/generic/build.sh OUT_DIR
set -euo pipefail
out="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
FIRMWARE_DIR="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$FIRMWARE_DIR/.." && pwd)"
# shellcheck source=firmware/build.sh
. "$FIRMWARE_DIR/build.sh"
mkdir -p "$out"

# Graph capacities of the generic Uno firmware (the fridge sketch's exact-fit ones are 12
# nodes, 16 edges). EMFLOW_TRACE=1 keeps the send path's watch check, which calls the
# session's handler (no trace ring: EMFLOW_TRACE_SIZE stays 0).
UNO_CAPACITIES=(-DEMFLOW_MAX_NODES=24 -DEMFLOW_MAX_EDGES=32 -DEMFLOW_QUEUE_SIZE=16
  -DEMFLOW_MAX_INITIALS=32 -DEMFLOW_MAX_WAKEUPS=8 -DEMFLOW_STATE_BYTES=256 -DEMFLOW_TRACE=1)
# The Uno's subset (measured: the whole library with float and int16 models is 44.4 KB): every
# component but WindowFeatures (uno_components.h), and int16 (fixed-point) models only.
UNO_SUBSET=(-DEMFLOW_LIBRARY_SUBSET='"uno_components.h"' -DEMFLOW_MODELS_NO_FLOAT=1)
UNO_FLASH=32256  # 32 KB minus Optiboot's 512 B
UNO_RAM_STATIC=1536  # of 2048: the rest is the stack's

sources=("$HERE/main.cpp" "$FIRMWARE_DIR"/avr/*.cpp "$ROOT"/core/runtime/*.cpp
  "$ROOT"/core/components/*.cpp "$ROOT"/core/ml/*.cpp "$ROOT"/core/dsp/*.cpp "$ROOT"/core/link/*.cpp)
elf="$out/generic-uno.elf"
avr-g++ "${AVR_FLAGS[@]}" "${UNO_CAPACITIES[@]}" "${UNO_SUBSET[@]}" -I"$HERE" -I"$ROOT/core" -I"$FIRMWARE_DIR/avr" \
  "${sources[@]}" "${AVR_LINK[@]}" -o "$elf"
avr-objcopy -O ihex -R .eeprom "$elf" "$out/generic-uno.hex"
read -r text data bss < <(avr-size "$elf" | awk 'NR==2 {print $1, $2, $3}')
flash=$((text + data)); ram=$((data + bss))
echo "generic firmware: uno: flash $flash B of $UNO_FLASH, static RAM $ram B of 2048 (limit $UNO_RAM_STATIC)"
[ "$flash" -le "$UNO_FLASH" ] || { echo "generic firmware: FAIL over the Uno's flash by $((flash - UNO_FLASH)) B"; exit 1; }
[ "$ram" -le "$UNO_RAM_STATIC" ] || { echo "generic firmware: FAIL static RAM over $UNO_RAM_STATIC B"; exit 1; }
