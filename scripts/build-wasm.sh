#!/usr/bin/env bash
# Builds the WebAssembly engine (wasm/) with Emscripten and copies it where the web app and
# the Node runtime load it from: web/public/engine/emflow-engine.{mjs,wasm} (+ the .d.ts).
#   scripts/build-wasm.sh            engine only
#   scripts/build-wasm.sh --tests    also the C++ GoogleTest suites as WebAssembly
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
WASM_BUILD="$EMFLOW_ROOT/build/wasm"
if [ ! -f "$WASM_BUILD/build.ninja" ]; then
  emcmake cmake -S . -B "$WASM_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node -DEMFLOW_BENCH=OFF >/dev/null
fi
targets=(emflow_engine)
[ "${1:-}" = "--tests" ] && targets+=(wasm_tests)
cmake --build "$WASM_BUILD" -j "$JOBS" --target "${targets[@]}"
out="$EMFLOW_ROOT/web/public/engine"
mkdir -p "$out"
cp "$WASM_BUILD/wasm/emflow-engine.mjs" "$WASM_BUILD/wasm/emflow-engine.wasm" "$out/"
cp "$EMFLOW_ROOT/wasm/emflow-engine.d.ts" "$out/"
printf 'wasm: %s (%s bytes, %s gzipped)\n' "$out/emflow-engine.wasm" \
  "$(stat -c %s "$out/emflow-engine.wasm")" "$(gzip -9c "$out/emflow-engine.wasm" | wc -c)"
