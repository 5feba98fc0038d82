#!/usr/bin/env bash
# Installs everything emflow needs on a fresh Debian 12 machine, by package name.
# Idempotent: each step checks first and does nothing when already satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # native build + tests
  build-essential ccache cmake ninja-build pkg-config googletest libgtest-dev libbenchmark-dev
  nlohmann-json3-dev clang clang-format clang-tidy libclang-rt-14-dev llvm
  # WebAssembly
  emscripten
  # AVR firmware + simulation
  gcc-avr binutils-avr avr-libc arduino-core-avr arduino-builder simavr libsimavr-dev libelf-dev
  # Python parity / converter tests (Debian's scikit-learn, run with /usr/bin/python3)
  python3-sklearn python3-numpy python3-scipy python3-pytest black flake8
  # parallel model sweeps on a Dask cluster (joblib's dask backend; docs/sweep.md)
  python3-dask python3-distributed
  # exported notebooks through Jupyter's own converter (nbconvert --to script)
  jupyter-nbconvert
  # browser end-to-end tests
  chromium
  # zip for exported firmware projects
  zip unzip
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "bootstrap: apt packages present"
fi

# npm packages: install when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] 2>/dev/null; then
  echo "bootstrap: npm install"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
else
  echo "bootstrap: npm packages present"
fi
