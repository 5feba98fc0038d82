#!/usr/bin/env bash
# WebAssembly engine numbers: start-up, .wasm size, the fridge's simulated seconds per wall
# second in WebAssembly and natively, and the WASM/native time ratio of model prediction
# (tests/wasm/bench.mjs; docs/wasm.md lists what each line measures).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh
bash scripts/build-wasm.sh >/dev/null
# The native half of the prediction ratio: the same loop as the engine's ModelRunner, over the
# device sources at -O2 (what a native build of the CLI uses).
predict_native="${EMFLOW_BENCH_DIR:-$EMFLOW_ROOT/build/bench}/predict_native"
mkdir -p "$(dirname "$predict_native")"
c++ -O2 -std=c++14 -fno-exceptions -fno-rtti -Icore core/runtime/status.cpp core/ml/*.cpp \
  core/dsp/*.cpp tests/wasm/predict_native.cpp -o "$predict_native"
EMFLOW_PREDICT_NATIVE="$predict_native" node tests/wasm/bench.mjs
