#!/usr/bin/env bash
# `npm start`: installs what is missing, builds native + WebAssembly + web app, serves the playground.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
bash scripts/bootstrap.sh
build_native
if [ -f scripts/build-web.sh ]; then
  bash scripts/build-web.sh
  PORT="${PORT:-5173}"
  echo "emflow playground: http://localhost:$PORT/"
  exec npx vite preview --config web/vite.config.ts --port "$PORT" --strictPort
else
  echo "emflow: the web playground is not built yet; the CLI is at $EMFLOW_CLI"
fi
