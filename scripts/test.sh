#!/usr/bin/env bash
# `npm test`: installs what is missing, builds everything and runs every test suite.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
untracked_before=$(untracked_files)

stage "bootstrap" bash scripts/bootstrap.sh
stage "lint" bash scripts/lint.sh
stage "native build" build_native
stage "C++ naming convention (clang-tidy)" bash scripts/check-naming.sh
stage "C++ tests (GoogleTest)" ctest --test-dir "$NATIVE_BUILD" -j "$JOBS" --output-on-failure --timeout 300
stage "Python tests (pytest, Debian scikit-learn)" bash scripts/test-python.sh
stage "fuzz (libFuzzer, ASan+UBSan, short runs)" bash scripts/fuzz.sh --ci
stage "firmware (avr-g++ ATmega328P + simulated board)" bash firmware/check.sh
if [ -f tests/avr/check.sh ]; then stage "models on AVR (size, cycles, parity)" bash tests/avr/check.sh; fi
stage "sweep cost models vs avr-gcc + simavr (20 models per form)" /usr/bin/python3 tests/sweep/check_device_cost.py
for extra in scripts/test-wasm.sh scripts/test-web.sh; do
  if [ -f "$extra" ]; then stage "$(basename "$extra" .sh)" bash "$extra"; fi
done
stage "nothing left in the checkout" check_no_litter "$untracked_before"
printf '\nall test stages passed\n'
