#!/usr/bin/env bash
# fbp-protocol's compliance suite (fbp-test) against emflow-runtime --serial (run by
# scripts/test-wasm.sh): the generic firmware on a simulated Uno (simavr behind a pty,
# tests/flash/bootloader_board.cpp without the bootloader) is the runtime's network, so the suite's
# network tests start, watch and stop a graph on the board. The config mirrors
# tests/protocol/fbp-config.json, with the pty as --serial.
# Usage: tests/protocol/fbp-test-serial.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# This checkout's generic firmware (firmware/check.sh builds it), else the app's copy.
hex="${EMFLOW_GENERIC_HEX:-$ROOT/build/firmware/generic/generic-uno.hex}"
[ -f "$hex" ] || hex="$ROOT/web/public/firmware/generic-uno.hex"
[ -f "$hex" ] || { echo "fbp-test-serial: no generic firmware (firmware/generic/build.sh build/firmware/generic)"; exit 1; }
work="$(mktemp -d)"
board_pid=""
cleanup() {
  [ -n "$board_pid" ] && kill "$board_pid" 2>/dev/null && wait "$board_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
bash "$ROOT/tests/flash/build-board.sh" "$work/uno_pty"
"$work/uno_pty" "$hex" --seconds 600 --eeprom "$work/eeprom.bin" >"$work/board.out" &
board_pid=$!
for _ in $(seq 50); do grep -q '^pty ' "$work/board.out" && break; sleep 0.1; done
pty="$(awk '/^pty / {print $2}' "$work/board.out")"
[ -n "$pty" ] || { echo "fbp-test-serial: the simulated board did not start"; exit 1; }
mkdir -p "$work/locks"
cat >"$work/fbp-config.json" <<JSON
{
  "name": "emflow --serial",
  "command": "EMFLOW_LOCK_DIR=$work/locks node $ROOT/bin/emflow-runtime.mjs --port 3574 --secret fbp-test-secret --world none --serial $pty",
  "host": "localhost",
  "port": 3574,
  "collection": "core",
  "version": "0.7"
}
JSON
cd "$ROOT"
# A board answers slower than the engine (a start writes the graph to EEPROM: ~3.4 ms a byte
# on an ATmega328P, more when simavr shares a loaded machine): mocha's 2 s per test is raised.
PROJECT_HOME="$work" FBP_PROTOCOL_SECRET=fbp-test-secret npx --no-install fbp-test --colors=false \
  --timeout 30000
