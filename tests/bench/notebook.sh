#!/usr/bin/env bash
# Notebook start-up and first-cell latency in headless Chromium (tests/bench/notebook-bench.mjs).
. "$(dirname "$0")/../../scripts/lib.sh"
cd "$EMFLOW_ROOT"
node tests/bench/notebook-bench.mjs 3
