#!/usr/bin/env bash
# Web playground tests: the production build (with the WebAssembly engine), Vitest (state,
# graph <-> text, persistence, undo/redo, the engine session against the real engine; jsdom),
# the notebook's Vitest suite (Pyodide kernel in Node), then Playwright end-to-end tests in Debian's Chromium (tests/e2e).
# Screenshots of the main views land in test-results/screenshots/.
#   EMFLOW_WEB_DIST=DIR EMFLOW_E2E_PORT=N bash scripts/test-web.sh   build and serve DIR (relative
#   to web/) on port N instead of web/dist on 4179, e.g. beside another engineer's run.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
untracked_before=$(untracked_files)
bash scripts/build-web.sh
npx vitest run --config web/vitest.config.ts
npx vitest run --config web/src/notebook/vitest.config.ts
npx playwright test --config playwright.config.ts "$@"
check_no_litter "$untracked_before"
