#!/usr/bin/env bash
# The virtual Uno's speed for `npm run bench` (tests/bench/virtual_uno_bench.ts, bundled for
# Node with rolldown): simulated MHz per wall second with every cycle executed, and simulated
# seconds per wall second with sleep skipped (idle, Blink, the fridge graph). Asserts nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FIRMWARE_DIR="$ROOT/firmware"
# shellcheck source=firmware/build.sh
. "$ROOT/firmware/build.sh"
cd "$ROOT"
OUT="$ROOT/build/bench-virtual-uno"
mkdir -p "$OUT"
bash firmware/generic/build.sh "$OUT/generic" >/dev/null
cli="$(emflow_cli)"
"$cli" compile examples/blink.fbp -o "$OUT/blink.bin" >/dev/null
"$cli" compile examples/fridge.fbp -o "$OUT/fridge.bin" >/dev/null
npx rolldown tests/bench/virtual_uno_bench.ts --platform node --format esm \
  --file "$OUT/virtual_uno_bench.mjs" >/dev/null
node "$OUT/virtual_uno_bench.mjs" "$OUT/generic/generic-uno.hex" "$OUT/blink.bin" "$OUT/fridge.bin"
