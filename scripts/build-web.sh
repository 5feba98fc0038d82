#!/usr/bin/env bash
# Builds the web playground into web/dist (static files; `vite preview` or any server serves it).
# Pyodide is copied in and the standalone notebook page built too (scripts/copy-pyodide.sh,
# then the notebook's own vite config). The WebAssembly engine is built first
# (scripts/build-wasm.sh, into web/public/engine/), so the bundle always ships the engine of
# the current sources; so is the generic board firmware (web/public/firmware/).
#   EMFLOW_WEB_DIST=DIR   build into DIR (relative to web/) instead of web/dist, e.g. for a
#                         second build beside a running preview; tests use the same variable
#   EMFLOW_SKIP_WASM=1    use the engine already in web/public/engine (no Emscripten build)
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
if [ -f scripts/build-wasm.sh ] && [ "${EMFLOW_SKIP_WASM:-0}" != 1 ]; then
  bash scripts/build-wasm.sh
fi
if [ ! -f web/public/engine/emflow-engine.mjs ]; then
  echo "build-web: warning: web/public/engine/emflow-engine.mjs is missing; the playground will show 'engine failed'" >&2
fi
dist="$(cd web && realpath -m "${EMFLOW_WEB_DIST:-dist}")"
# The generic firmware the virtual (and, later, real) boards run: built with avr-g++ and shipped
# as static files with its sizes (docs/serial-link.md). No compiler runs in the browser.
bash firmware/generic/build.sh build/firmware/generic
mkdir -p web/public/firmware
cp build/firmware/generic/generic-{uno,mega2560}.{hex,json} web/public/firmware/
# The model meter: cycles per prediction of a user's model, measured on the virtual Uno.
bash firmware/meter/build.sh build/firmware/meter
cp build/firmware/meter/model-meter-uno.hex build/firmware/meter/model-meter-uno.json web/public/firmware/
# Pyodide and the emflow Python package go into web/public (so into the build) for the notebook.
bash scripts/copy-pyodide.sh
npx vite build --config web/vite.config.ts --logLevel warn
# The standalone notebook page (<dist>/notebook-standalone/), after the app's build empties dist.
if [ ! -f "$dist/pyodide/pyodide.mjs" ] || [ ! -f "$dist/py/emflow.zip" ]; then
  echo "build-web: $dist lacks pyodide/ or py/emflow.zip (scripts/copy-pyodide.sh failed?)" >&2
  exit 1
fi
npx vite build --config web/src/notebook/standalone/vite.config.ts --logLevel warn
echo "build-web: $dist ($(du -sh "$dist" | cut -f1))"
