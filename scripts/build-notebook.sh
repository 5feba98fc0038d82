#!/usr/bin/env bash
# Builds the standalone notebook page into web/dist/notebook-standalone/ (served by
# `vite preview` beside the app; tests/e2e/notebook.spec.ts opens it). Run it after the app's
# `vite build` (which empties web/dist) and after scripts/copy-pyodide.sh (which puts Pyodide
# and the emflow package into web/public, so into web/dist).
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
if [ ! -f web/dist/pyodide/pyodide.mjs ] || [ ! -f web/dist/py/emflow.zip ]; then
  echo "build-notebook: web/dist lacks pyodide/ or py/emflow.zip: run scripts/copy-pyodide.sh before the app's vite build" >&2
  exit 1
fi
npx vite build --config web/src/notebook/standalone/vite.config.ts --logLevel warn
echo "build-notebook: web/dist/notebook-standalone ($(du -sh web/dist/notebook-standalone | cut -f1))"
