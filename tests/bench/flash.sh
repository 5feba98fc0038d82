#!/usr/bin/env bash
# Flash times (`npm run bench`; reports, asserts nothing): the generic firmware of each board
# written and verified by `emflow flash` (bin/emflow.mjs) at 115200 baud through the board's real
# Debian bootloader (Optiboot / STK500v2) on simavr, behind a pseudo-terminal
# (tests/flash/bootloader_board.cpp, paced to real time). Wall time of the whole command, and
# the time the command itself reports for the flash (without Node's start). A real USB serial
# chip adds its own latency per message; see docs/flash.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/build/bench-flash"
mkdir -p "$OUT"
BOOTLOADERS=/usr/share/arduino/hardware/arduino/avr/bootloaders
bash "$ROOT/firmware/generic/build.sh" "$OUT/generic" >/dev/null
bash "$ROOT/tests/flash/build-board.sh" "$OUT/bootloader_board"

flash_board() {  # flash_board BOARD MCU BOOTLOADER PAGE_BYTES
  local board="$1" mcu="$2" bootloader="$3" page="$4"
  local ctl="$OUT/$board.ctl"
  rm -f "$ctl" && mkfifo "$ctl"
  "$OUT/bootloader_board" "$bootloader" --mcu "$mcu" --seconds 300 --control-stdin <"$ctl" >"$OUT/$board.pty" &
  local harness=$!
  exec 9>"$ctl"  # the harness's stdin stays open (it stops when stdin closes)
  for _ in $(seq 100); do [ -s "$OUT/$board.pty" ] && break; sleep 0.05; done
  local pty start end flash_bytes
  pty="$(awk '{print $2}' "$OUT/$board.pty")"
  flash_bytes="$(sed 's/.*"flash":\([0-9]*\).*/\1/' "$OUT/generic/generic-$board.json")"
  start=$(date +%s.%N)
  node "$ROOT/bin/emflow.mjs" flash "$OUT/generic/generic-$board.hex" --port "$pty" --board "$board" \
    2>"$OUT/$board.log" || echo "flash: $board: FAILED ($(tail -1 "$OUT/$board.log"))"
  end=$(date +%s.%N)
  exec 9>&-
  wait "$harness" || true
  printf 'flash: %s: %d B in %d pages of %d B, write+verify at 115200 baud: %.1f s wall (%s)\n' \
    "$board" "$flash_bytes" $(((flash_bytes + page - 1) / page)) "$page" "$(echo "$end - $start" | bc)" \
    "$(grep -o 'in [0-9.]* s$' "$OUT/$board.log" | sed 's/^in /emflow flash reports /')"
}

flash_board uno atmega328p "$BOOTLOADERS/optiboot/optiboot_atmega328.hex" 128
flash_board mega2560 atmega2560 "$BOOTLOADERS/stk500v2/stk500boot_v2_mega2560.hex" 256
