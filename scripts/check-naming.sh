#!/usr/bin/env bash
# Checks the C++ naming convention (docs/conventions.md) with clang-tidy's
# readability-identifier-naming over every core/ translation unit of the native build
# (needs build/native/compile_commands.json: run after the native build).
# Every room of core/ follows it (the ML/DSP/trainer/model-generator rooms were renamed from
# their older snake_case); core/tools holds build-time generators and is not checked.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
[ -f "$NATIVE_BUILD/compile_commands.json" ] || { echo "check-naming: build the native tree first" >&2; exit 1; }
mapfile -t units < <(git ls-files 'core/*.cpp' | grep -v '^core/tools/')
config="$(cat scripts/naming.clang-tidy.yaml)"
headers="^$EMFLOW_ROOT/core/[^.]"
log=$(mktemp)
status=0
run-clang-tidy -quiet -p "$NATIVE_BUILD" -j "$JOBS" -config="$config" -header-filter="$headers" \
  "${units[@]/#/$EMFLOW_ROOT/}" >"$log" 2>&1 || status=$?
warnings=$(grep -E 'warning:|error:' "$log" | grep -v '^Error while processing' | sort -u || true)
if [ "$status" != 0 ] || [ -n "$warnings" ]; then
  echo "$warnings"
  [ -n "$warnings" ] || tail -20 "$log"
  rm -f "$log"
  echo "check-naming: names break the convention (docs/conventions.md)" >&2
  exit 1
fi
rm -f "$log"
echo "check-naming: ${#units[@]} translation units follow the naming convention"
