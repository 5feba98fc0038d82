# Shared helpers for emflow's scripts. Source it: `. "$(dirname "$0")/lib.sh"`.
set -euo pipefail
EMFLOW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export EMFLOW_ROOT
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"  # Emscripten's optimizer needs Debian's acorn
JOBS="${JOBS:-$(nproc)}"
NATIVE_BUILD="$EMFLOW_ROOT/build/native"
export EMFLOW_CLI="$NATIVE_BUILD/core/emflow"

stage() {  # stage NAME COMMAND...: runs a step with a banner and its duration
  local name="$1"; shift
  local start; start=$(date +%s)
  printf '\n==> %s\n' "$name"
  "$@"
  printf '<== %s (%ss)\n' "$name" "$(( $(date +%s) - start ))"
}

build_native() {
  cmake -S "$EMFLOW_ROOT" -B "$NATIVE_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$NATIVE_BUILD" -j "$JOBS"
}

# Tests may write only to ignored folders (build/, test-results/) and temp dirs. untracked_files
# lists what is untracked and not ignored (empty outside a git checkout); check_no_litter fails
# if the list grew since BEFORE (a Pyodide package cache once made a folder `http:` here).
untracked_files() {
  git -C "$EMFLOW_ROOT" ls-files -o --exclude-standard 2>/dev/null | sort || true
}
check_no_litter() {
  local new
  new=$(comm -13 <(printf '%s\n' "$1") <(untracked_files) | sed '/^$/d')
  if [ -n "$new" ]; then
    printf 'tests left files in the checkout:\n%s\n' "$new" >&2
    return 1
  fi
}
