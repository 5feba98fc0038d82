#!/usr/bin/env bash
# Notebook start-up, first-cell latency and a sweep (serial / engine workers) in headless Chromium (tests/bench/notebook-bench.mjs).
. "$(dirname "$0")/../../scripts/lib.sh"
cd "$EMFLOW_ROOT"
node tests/bench/notebook-bench.mjs 3
