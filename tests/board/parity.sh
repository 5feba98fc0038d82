#!/usr/bin/env bash
# Simulated-board parity for the fridge (run by firmware/check.sh):
#   1. builds the harness (tests/board/*.cpp) against libsimavr and the emflow libraries built
#      beside the CLI (emflow_host for the graph compiler and SimulatedFridge, emflow_world
#      for the fridge world and its DS18B20 model);
#   2. exports tests/board/fridge_parity.fbp with `emflow export` and builds the sketch as the
#      Arduino IDE does (tests/firmware/build_sketch.sh) — the same ELF a user would flash;
#   3. runs board_parity: the native simulation and the ELF on a simulated ATmega328P against
#      the same fridge world and seed, comparing the relay switching (see board_parity.cpp).
# Usage: parity.sh EMFLOW_CLI OUT_DIR [extra board_parity options...]
set -euo pipefail
cli="$1"; out="$2"; shift 2
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PARITY_SECONDS="${PARITY_SECONDS:-60}"
# The libraries the CLI was linked from (EMFLOW_LIBS overrides).
libs="${EMFLOW_LIBS:-$(cd "$(dirname "$cli")" && pwd)}"
mkdir -p "$out"

for lib in emflow_host emflow_world emflow_device; do
  [ -f "$libs/lib$lib.a" ] || { echo "board: $libs/lib$lib.a is missing (build the CLI first)"; exit 1; }
done
[ -f /usr/include/simavr/sim_avr.h ] || { echo "board: libsimavr-dev is missing (scripts/bootstrap.sh)"; exit 1; }

harness="$out/board_parity"
g++ -std=c++17 -O2 -Wall -Wextra -Werror -I"$ROOT/core" "$HERE"/*.cpp \
  "$libs/libemflow_host.a" "$libs/libemflow_world.a" "$libs/libemflow_device.a" \
  -lsimavr -lelf -o "$harness"

rm -rf "$out/sketch"
"$cli" export "$HERE/fridge_parity.fbp" --board uno -o "$out/sketch/" >/dev/null
bash "$ROOT/tests/firmware/build_sketch.sh" "$out/sketch/FridgeParity" uno "$out/uno" \
  >"$out/build.log" 2>&1 || { cat "$out/build.log"; echo "board: FAIL the parity sketch does not build"; exit 1; }
echo "board: FridgeParity sketch (Arduino IDE flags): $(tail -1 "$out/build.log")"

# (simavr's ELF loader prints "Loaded ..." lines: not ours.)
"$harness" "$HERE/fridge_parity.fbp" "$out/uno/FridgeParity.elf" --seconds "$PARITY_SECONDS" \
  --events "$out/relay_events.csv" "$@" | grep -v "^Loaded "
