#!/usr/bin/env bash
# Builds the web playground into web/dist (static files; `vite preview` or any server serves it).
# Pyodide is copied in and the standalone notebook page built too (scripts/copy-pyodide.sh,
# scripts/build-notebook.sh). The WebAssembly engine is built first (scripts/build-wasm.sh, into web/public/engine/), so the
# bundle always ships the engine of the current sources.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
if [ -f scripts/build-wasm.sh ]; then
  bash scripts/build-wasm.sh
fi
if [ ! -f web/public/engine/emflow-engine.mjs ]; then
  echo "build-web: warning: web/public/engine/emflow-engine.mjs is missing; the playground will show 'engine failed'" >&2
fi
# Pyodide and the emflow Python package go into web/public (so into web/dist) for the notebook.
bash scripts/copy-pyodide.sh
npx vite build --config web/vite.config.ts --logLevel warn
# The standalone notebook page (web/dist/notebook-standalone/), after the app's build empties dist.
bash scripts/build-notebook.sh
echo "build-web: web/dist ($(du -sh web/dist | cut -f1))"
