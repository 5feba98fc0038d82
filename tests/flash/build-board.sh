#!/usr/bin/env bash
# Builds the simulated board harness (tests/flash/bootloader_board.cpp on libsimavr, with the
# DS18B20 device model) into OUT: the one build command for every test, benchmark and check
# that puts a simulated Uno or Mega behind a pseudo-terminal.
#   tests/flash/build-board.sh OUT
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
[ $# -eq 1 ] || { echo "usage: tests/flash/build-board.sh OUT" >&2; exit 2; }
mkdir -p "$(dirname "$1")"
g++ -std=c++17 -O2 -Wall -Wextra "$ROOT/tests/flash/bootloader_board.cpp" \
  "$ROOT/tests/board/ds18b20_device.cpp" -lsimavr -lelf -o "$1"
