#!/usr/bin/env bash
# The playground's numbers for `npm run bench`: bundle size (gzipped), time to the first
# interactive graph and frames per second at x1000 in headless Chromium (tests/e2e/bench.mjs).
. "$(dirname "$0")/../../scripts/lib.sh"
cd "$EMFLOW_ROOT"
node tests/e2e/bench.mjs
