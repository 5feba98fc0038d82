#!/usr/bin/env bash
# WebAssembly engine numbers (start-up, fridge simulation speed, batch prediction).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/build-wasm.sh >/dev/null
node tests/wasm/bench.mjs
