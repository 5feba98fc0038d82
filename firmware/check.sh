#!/usr/bin/env bash
# The AVR portability gate (`npm test` runs it): builds the fridge firmware for the
# ATmega328P with avr-g++ 5.4 from the same core/ sources the simulator uses (firmware/build.sh),
# prints flash/RAM of each variant, runs each on simavr checking its serial output, and fails
# unless the firmware fits the budget:
#   - every variant: static RAM <= RAM_LIMIT (512 B) and a correct simulated run;
#   - the smallest variant: flash <= FIRMWARE_FLASH_LIMIT (6700 B: the wired variant is 6570 B
#     since the size work of issue 13, 7102 B before; the gate keeps it from silently regrowing).
#   A variant over the flash limit is reported with the bytes it is over.
# Then tests/firmware/export_check.sh: `emflow export` sketches built with the Arduino core
# (Uno and Mega 2560), run on simavr, hostile names, refusals, the activity sketch against the
# native run on a virtual Uno (avr8js) and on simavr's ATmega2560 (Mega export, A0..A2 on ADC
# channels 0..2, via model_check.sh); and tests/board/parity.sh: the
# exported fridge sketch on a simulated board with a DS18B20 and the fridge world, switching
# its relays as the native simulation does; tests/firmware/link_check.sh: the serial link's
# frame decoder on simavr, line for line the same as natively; and the generic firmware
# (firmware/generic) driven over the serial link: the Uno's on avr8js
# (tests/firmware/generic_link.mjs), the Mega 2560's on simavr (generic_link_mega.mjs).
set -euo pipefail
FIRMWARE_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$FIRMWARE_DIR/.." && pwd)"
OUT="$ROOT/build/firmware"
FIRMWARE_FLASH_LIMIT="${FIRMWARE_FLASH_LIMIT:-6700}"
RAM_LIMIT="${RAM_LIMIT:-512}"
mkdir -p "$OUT"

for tool in avr-g++ avr-size simavr; do
  command -v "$tool" >/dev/null || { echo "firmware: $tool is missing (run scripts/bootstrap.sh)"; exit 1; }
done

# shellcheck source=firmware/build.sh
. "$FIRMWARE_DIR/build.sh"
build_fridge_firmware "$OUT"

fail=0
smallest=""
smallest_flash=999999
for variant in "${FIRMWARE_VARIANTS[@]}"; do
  elf="$OUT/fridge-$variant.elf"
  # Flash = code + initialised data; static RAM = initialised data + zeroed data (no heap).
  read -r text data bss < <(avr-size "$elf" | awk 'NR==2 {print $1, $2, $3}')
  flash=$((text + data)); ram=$((data + bss))
  note=""
  [ "$flash" -le "$FIRMWARE_FLASH_LIMIT" ] ||
    note=" ($((flash - FIRMWARE_FLASH_LIMIT)) B over the ${FIRMWARE_FLASH_LIMIT} B limit the smallest variant must fit)"
  printf 'firmware: fridge-%s.elf: flash %d B, static RAM %d B (text %d, data %d, bss %d)%s\n' \
    "$variant" "$flash" "$ram" "$text" "$data" "$bss" "$note"
  [ "$ram" -le "$RAM_LIMIT" ] || { echo "firmware: FAIL fridge-$variant static RAM $ram B > $RAM_LIMIT B"; fail=1; }
  if [ "$flash" -lt "$smallest_flash" ]; then smallest_flash=$flash; smallest=$variant; fi

  # The simulated board: no DS18B20 on the bus, so the graph must report errors and go on.
  log="$OUT/simavr-$variant.log"; serial="$OUT/serial-$variant.txt"
  status=0
  timeout 60 simavr -m atmega328p -f 16000000 "$OUT/fridge-$variant-sim.elf" >"$log" 2>&1 || status=$?
  # simavr colours UART lines and ends each with '.'; strip both for matching.
  sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\.$//' "$log" | grep -v '^Loaded' >"$serial" || true
  echo "firmware: fridge-$variant on simavr (ATmega328P, 16 MHz), serial output:"
  sed 's/^/  | /' "$serial"
  [ "$status" = 0 ] || { echo "firmware: FAIL simavr exited with $status"; fail=1; }
  for expected in "${FIRMWARE_EXPECT[@]}"; do
    grep -q -- "$expected" "$serial" || { echo "firmware: FAIL fridge-$variant serial output lacks /$expected/"; fail=1; }
  done
done

echo "firmware: smallest variant: $smallest ($smallest_flash B flash, limit $FIRMWARE_FLASH_LIMIT B)"
[ "$smallest_flash" -le "$FIRMWARE_FLASH_LIMIT" ] ||
  { echo "firmware: FAIL no variant fits $FIRMWARE_FLASH_LIMIT B of flash"; fail=1; }

# The exported Arduino sketches (emflow export): built as the IDE builds them, run on simavr.
bash "$ROOT/tests/firmware/export_check.sh" "$(emflow_cli)" "$OUT/export" || fail=1

# Simulated-board parity: the exported fridge sketch on a simulated ATmega328P with a DS18B20
# on its 1-Wire pin and the fridge world on its relays, against the native simulation.
bash "$ROOT/tests/board/parity.sh" "$(emflow_cli)" "$OUT/board" || fail=1
# The serial link's frame decoder on the ATmega328P (simavr) against the native build.
bash "$ROOT/tests/firmware/link_check.sh" "$OUT/link" || fail=1

# The generic firmware (every component the board holds + the serial link), built for the Uno
# and the Mega 2560 (flash and RAM printed by build.sh): on a virtual Uno (avr8js), Blink loaded
# over the link, run, watched, persisted across a reset; on a simulated ATmega2560 (simavr,
# behind Debian's STK500v2 bootloader), hello as a mega2560, Blink uploaded and kept in EEPROM
# across a reset.
if bash "$FIRMWARE_DIR/generic/build.sh" "$OUT/generic"; then
  "$(emflow_cli)" compile "$ROOT/examples/blink.fbp" -o "$OUT/generic/blink.bin" >/dev/null
  node "$ROOT/tests/firmware/generic_link.mjs" "$OUT/generic/generic-uno.hex" \
    "$OUT/generic/blink.bin" || fail=1
  # AvrIO's Mega pin map, PWM and analog pins against the Arduino core's (on simavr's ATmega2560).
  arduino_avr=/usr/share/arduino/hardware/arduino/avr
  mega_flags=()
  for flag in "${AVR_FLAGS[@]}"; do
    [[ $flag == -mmcu=* ]] && mega_flags+=(-mmcu=atmega2560) || mega_flags+=("$flag")
  done
  avr-g++ "${mega_flags[@]}" -I"$arduino_avr/cores/arduino" -I"$arduino_avr/variants/mega" \
    -I"$ROOT/core" -I"$FIRMWARE_DIR/avr" "$ROOT/tests/firmware/mega_pins_check.cpp" \
    "$FIRMWARE_DIR"/avr/{avr_io,uart0,ds18b20,one_wire,cxx_support}.cpp "${AVR_LINK[@]}" \
    -o "$OUT/generic/mega_pins_check.elf"
  timeout 60 simavr -m atmega2560 -f 16000000 "$OUT/generic/mega_pins_check.elf" 2>&1 |
    sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\.$//' | grep '^mega pins' | tee "$OUT/generic/mega_pins.txt"
  grep -q 'analog pins: ok$' "$OUT/generic/mega_pins.txt" || { echo "firmware: FAIL Mega pin map"; fail=1; }
  bash "$ROOT/tests/flash/build-board.sh" "$OUT/generic/bootloader_board"
  node "$ROOT/tests/firmware/generic_link_mega.mjs" "$OUT/generic/bootloader_board" \
    /usr/share/arduino/hardware/arduino/avr/bootloaders/stk500v2/stk500boot_v2_mega2560.hex \
    "$OUT/generic/generic-mega2560.hex" "$OUT/generic/blink.bin" || fail=1
else
  fail=1
fi
[ $fail = 0 ] && echo "firmware: ok"
exit $fail
