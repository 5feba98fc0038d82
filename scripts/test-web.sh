#!/usr/bin/env bash
# Web playground tests: Vitest (state, graph <-> text, persistence, undo/redo; jsdom), then the
# production build and Playwright end-to-end tests in Debian's Chromium (tests/e2e).
# Screenshots of the main views land in test-results/screenshots/.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
npx vitest run --config web/vitest.config.ts
bash scripts/build-web.sh
npx playwright test --config playwright.config.ts "$@"
