#!/usr/bin/env bash
# The serial link's frame layer on the ATmega328P and the ATmega2560 (run by firmware/check.sh):
# builds tests/firmware/link_selftest.cpp natively and with avr-g++ 5.4 (the firmware's flags,
# once per chip), runs the AVR builds on simavr and requires all outputs to be identical. Prints the flash the
# frame codec and the board's session cost (each compiled alone with the firmware's flags).
# Usage: link_check.sh OUT_DIR
set -euo pipefail
out="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
FIRMWARE_DIR="$ROOT/firmware"
# shellcheck source=firmware/build.sh
. "$FIRMWARE_DIR/build.sh"
mkdir -p "$out"
sources=("$HERE/link_selftest.cpp" "$ROOT/core/link/frame.cpp" "$ROOT/core/runtime/crc16.cpp")

g++ -std=c++14 -O2 -Wall -Wextra -Werror -I"$ROOT/core" "${sources[@]}" -o "$out/link_selftest"
"$out/link_selftest" >"$out/native.txt"

avr-g++ "${AVR_FLAGS[@]}" -I"$ROOT/core" -I"$FIRMWARE_DIR/avr" "${sources[@]}" \
  "$FIRMWARE_DIR/avr/uart0.cpp" "${AVR_LINK[@]}" -o "$out/link_selftest.elf"
timeout 120 simavr -m atmega328p -f 16000000 "$out/link_selftest.elf" >"$out/simavr.log" 2>&1
# simavr colours UART lines and ends each with '.'; strip both.
sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\.$//' "$out/simavr.log" | grep -v '^Loaded' >"$out/avr.txt" || true

sed 's/^/link: | /' "$out/avr.txt"
if ! diff -u "$out/native.txt" "$out/avr.txt" >"$out/diff.txt"; then
  cat "$out/diff.txt"; echo "link: FAIL the ATmega328P decodes differently from the native build"; exit 1
fi
grep -q '^done$' "$out/avr.txt" || { echo "link: FAIL the AVR run did not finish"; exit 1; }
# The same on the Mega 2560's ATmega2560 (the generic Mega firmware's chip).
mega_flags=()
for flag in "${AVR_FLAGS[@]}"; do [[ $flag == -mmcu=* ]] && mega_flags+=(-mmcu=atmega2560) || mega_flags+=("$flag"); done
avr-g++ "${mega_flags[@]}" -I"$ROOT/core" -I"$FIRMWARE_DIR/avr" "${sources[@]}" \
  "$FIRMWARE_DIR/avr/uart0.cpp" "${AVR_LINK[@]}" -o "$out/link_selftest_mega.elf"
timeout 120 simavr -m atmega2560 -f 16000000 "$out/link_selftest_mega.elf" >"$out/simavr_mega.log" 2>&1
sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\.$//' "$out/simavr_mega.log" | grep -v '^Loaded' >"$out/avr_mega.txt" || true
if ! diff -u "$out/native.txt" "$out/avr_mega.txt" >"$out/diff_mega.txt"; then
  cat "$out/diff_mega.txt"; echo "link: FAIL the ATmega2560 decodes differently from the native build"; exit 1
fi
# Flash of the link's parts: their objects compiled alone with the firmware's flags (LTO
# inlines them into callers in a real build, so symbols in an ELF would undercount them).
object_flags=()
for flag in "${AVR_FLAGS[@]}"; do [ "$flag" = -flto ] || object_flags+=("$flag"); done
flash_of() {  # flash_of SOURCE... → bytes of code and data
  local total=0 src obj
  for src in "$@"; do
    obj="$out/$(basename "$src" .cpp).o"
    avr-g++ "${object_flags[@]}" -I"$ROOT/core" -c "$src" -o "$obj"
    total=$((total + $(avr-size "$obj" | awk 'NR==2 {print $1 + $2}')))
  done
  echo "$total"
}
echo "link: on the ATmega328P: frame codec (frame + crc16) $(flash_of "$ROOT/core/link/frame.cpp" \
  "$ROOT/core/runtime/crc16.cpp") B, session (session + packet bytes) $(flash_of \
  "$ROOT/core/link/session.cpp" "$ROOT/core/runtime/packet_bytes.cpp") B of flash"
echo "link: ok (native = ATmega328P = ATmega2560 on simavr)"
