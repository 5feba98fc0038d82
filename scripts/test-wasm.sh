#!/usr/bin/env bash
# WebAssembly engine tests (run by `npm test` after the native build):
#   1. build the engine and the C++ GoogleTest suites as WebAssembly; run those under Node
#   2. node --test tests/wasm/ (protocol round trips, fridge world, parity with the native CLI)
#   3. vitest: the TypeScript client (web/src/engine) over the engine in the same thread
#   4. fbp-protocol's compliance suite (fbp-test) and the component specs (fbp-spec)
#      against bin/emflow-runtime.mjs over WebSocket; fbp-test again with --serial against the
#      generic firmware on a simulated Uno
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
untracked_before=$(untracked_files)

bash scripts/build-wasm.sh --tests
echo "==> C++ tests as WebAssembly (node)"
ctest --test-dir build/wasm/wasm --output-on-failure --timeout 600

echo "==> node --test tests/wasm"
node --test tests/wasm/

echo "==> vitest: the TypeScript engine client (web/src/engine) against the real engine"
npx --no-install vitest run --config tests/wasm/vitest.config.mjs

echo "==> fbp-test (fbp-protocol compliance) against bin/emflow-runtime.mjs"
# The config (tests/protocol/fbp-config.json) starts the runtime on port 3571 with a secret;
# the runtime exits by itself when fbp-test ends the shell that started it.
PROJECT_HOME="$EMFLOW_ROOT/tests/protocol" FBP_PROTOCOL_SECRET=fbp-test-secret \
  npx --no-install fbp-test --colors=false

echo "==> fbp-test against bin/emflow-runtime.mjs --serial (the generic firmware on simavr)"
bash tests/protocol/fbp-test-serial.sh

echo "==> fbp-spec (component specs in tests/protocol/specs) against bin/emflow-runtime.mjs"
# The input-driven clock (--clock input) lets time-based components (Timer, DS18B20,
# MonitorPin) run deterministically; the fridge world gives the DS18B20 and the door switch;
# the three models are what the Classify / Regress / AnomalyScore specs expect.
models=tests/protocol/models
npx --no-install fbp-spec --address ws://localhost:3572 --secret fbp-spec-secret \
  --command "node bin/emflow-runtime.mjs --port 3572 --secret fbp-spec-secret --world fridge \
    --clock input --model 0=$models/classifier.bin --model 1=$models/regressor.bin \
    --model 2=$models/anomaly.bin" \
  tests/protocol/specs/
echo "==> fbp-spec (tests/protocol/specs/activity) against the activity world"
npx --no-install fbp-spec --address ws://localhost:3573 --secret fbp-spec-secret \
  --command "node bin/emflow-runtime.mjs --port 3573 --secret fbp-spec-secret --world activity \
    --clock input" \
  tests/protocol/specs/activity/
check_no_litter "$untracked_before"
