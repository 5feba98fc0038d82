#!/usr/bin/env bash
# The AVR portability gate (`npm test` runs it): builds the fridge firmware for the
# ATmega328P with avr-g++ 5.4 from the same core/ sources the simulator uses, prints its
# flash/RAM, fails if it exceeds the budget, and runs it on simavr checking its serial output.
#   firmware/check.sh            build, size-check and simulate
#   FLASH_LIMIT=8192 RAM_LIMIT=512 firmware/check.sh   (the defaults)
set -euo pipefail
FIRMWARE_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$FIRMWARE_DIR/.." && pwd)"
OUT="$ROOT/build/firmware"
FLASH_LIMIT="${FLASH_LIMIT:-8192}"
RAM_LIMIT="${RAM_LIMIT:-512}"
mkdir -p "$OUT"

for tool in avr-g++ avr-size simavr; do
  command -v "$tool" >/dev/null || { echo "firmware: $tool is missing (run scripts/bootstrap.sh)"; exit 1; }
done

# shellcheck source=firmware/build.sh
. "$FIRMWARE_DIR/build.sh"
build_fridge_firmware "$OUT"

# Flash = code + initialised data; static RAM = initialised data + zeroed data (no heap).
read -r text data bss < <(avr-size "$OUT/fridge.elf" | awk 'NR==2 {print $1, $2, $3}')
flash=$((text + data)); ram=$((data + bss))
printf 'firmware: fridge.elf for ATmega328P: flash %d B (limit %d), static RAM %d B (limit %d)\n' \
  "$flash" "$FLASH_LIMIT" "$ram" "$RAM_LIMIT"
avr-size "$OUT/fridge.elf"
fail=0
[ "$flash" -le "$FLASH_LIMIT" ] || { echo "firmware: FAIL flash $flash B > $FLASH_LIMIT B"; fail=1; }
[ "$ram" -le "$RAM_LIMIT" ] || { echo "firmware: FAIL static RAM $ram B > $RAM_LIMIT B"; fail=1; }

# The simulated board: no DS18B20 on the bus, so the graph must report "no sensor" errors
# instead of hanging, while the boot line proves the graph loaded from flash.
log="$OUT/simavr.log"
status=0
timeout 60 simavr -m atmega328p -f 16000000 "$OUT/fridge-sim.elf" >"$log" 2>&1 || status=$?
# simavr colours UART lines and ends each with '.'; strip both for matching.
sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\.$//' "$log" | grep -v '^Loaded' >"$OUT/serial.txt" || true
echo "firmware: serial output on simavr:"
sed 's/^/  | /' "$OUT/serial.txt"
[ "$status" = 0 ] || { echo "firmware: FAIL simavr exited with $status"; fail=1; }
for expected in "${FIRMWARE_EXPECT[@]}"; do
  grep -q -- "$expected" "$OUT/serial.txt" || { echo "firmware: FAIL serial output lacks '$expected'"; fail=1; }
done
[ $fail = 0 ] && echo "firmware: ok"
exit $fail
