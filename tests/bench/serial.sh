#!/usr/bin/env bash
# Serial link timings for emflow-runtime --serial (tests/bench/serial-link.mjs): the generic
# firmware on a simulated Uno. Needs the generic firmware (firmware/check.sh or
# scripts/build-web.sh builds it) and the WebAssembly engine. Numbers only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
node "$ROOT/tests/bench/serial-link.mjs"
