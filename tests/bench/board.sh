#!/usr/bin/env bash
# The simulated board's numbers (`npm run bench`): the runtime's cycles per packet dispatch on
# an ATmega328P (tests/board/avr/dispatch_bench.cpp on simavr, Timer1 counting CPU cycles),
# and the exported fridge sketch's flash and static RAM with the Arduino IDE's flags and with
# platformio.ini's, with where the flash goes (tests/board/size_groups.py).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/build/bench-board"
mkdir -p "$OUT"
FIRMWARE_DIR="$ROOT/firmware"
# shellcheck source=firmware/build.sh
. "$ROOT/firmware/build.sh"

avr-g++ "${AVR_FLAGS[@]}" -DEMFLOW_IO_ANALOG=0 -DEMFLOW_IO_PWM=0 \
  -DEMFLOW_IO_DIGITAL_READ=0 -DEMFLOW_IO_ONEWIRE=0 -I"$ROOT/core" -I"$FIRMWARE_DIR/avr" \
  "$ROOT/tests/board/avr/dispatch_bench.cpp" "$FIRMWARE_DIR"/avr/*.cpp "$ROOT"/core/runtime/*.cpp \
  "${AVR_LINK[@]}" -o "$OUT/dispatch_bench.elf"
timeout 60 simavr -m atmega328p -f 16000000 "$OUT/dispatch_bench.elf" 2>&1 |
  sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\.$//' | grep '^dispatch:' | sed 's/^/board: /'

cli="$(emflow_cli)"
"$cli" export "$ROOT/examples/fridge.fbp" --board uno -o "$OUT/sketch/" >/dev/null 2>&1
sketch="$OUT/sketch/Fridge"
bash "$ROOT/tests/firmware/build_sketch.sh" "$sketch" uno "$OUT/uno-ide" >"$OUT/ide.log" 2>&1
bash "$ROOT/tests/firmware/build_sketch.sh" "$sketch" uno "$OUT/uno-pio" -mcall-prologues -mrelax \
  -Wl,--relax >"$OUT/pio.log" 2>&1
echo "board: Fridge sketch, Uno, Arduino IDE flags: $(tail -1 "$OUT/ide.log")"
echo "board: Fridge sketch, Uno, platformio.ini flags: $(tail -1 "$OUT/pio.log")"
echo "board: where the flash goes (IDE flags):"
/usr/bin/python3 "$ROOT/tests/board/size_groups.py" "$OUT/uno-ide/Fridge.elf" | sed 's/^/  /'
