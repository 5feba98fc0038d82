#!/usr/bin/env bash
# Web playground tests: the production build (with the WebAssembly engine), Vitest (state,
# graph <-> text, persistence, undo/redo, the engine session against the real engine; jsdom),
# the notebook's Vitest suite (Pyodide kernel in Node), then Playwright end-to-end tests in Debian's Chromium (tests/e2e).
# Screenshots of the main views land in test-results/screenshots/.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
bash scripts/build-web.sh
npx vitest run --config web/vitest.config.ts
npx vitest run --config web/src/notebook/vitest.config.ts
npx playwright test --config playwright.config.ts "$@"
