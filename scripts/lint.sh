#!/usr/bin/env bash
# Formatters and linters for every language in the repository. `--fix` rewrites in place.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
fix=0; [ "${1:-}" = "--fix" ] && fix=1

mapfile -t cpp_files < <(git ls-files -co --exclude-standard '*.cpp' '*.h' '*.hpp' '*.ino' | grep -v '^node_modules/' || true)
if [ ${#cpp_files[@]} -gt 0 ]; then
  if [ $fix = 1 ]; then clang-format -i "${cpp_files[@]}"; else clang-format --dry-run --Werror "${cpp_files[@]}"; fi
fi
bash scripts/check-device-code.sh

mapfile -t py_files < <(git ls-files -co --exclude-standard '*.py' || true)
if [ ${#py_files[@]} -gt 0 ]; then
  if [ $fix = 1 ]; then black -q "${py_files[@]}"; else black -q --check "${py_files[@]}"; fi
  flake8 "${py_files[@]}"
fi

if [ -f eslint.config.js ]; then
  # One command a line: under `set -e` a failure inside `a && b` would not stop the script.
  if [ $fix = 1 ]; then
    npx prettier --write --log-level warn .
    npx eslint --fix .
  else
    npx prettier --check --log-level warn .
    npx eslint .
  fi
fi
# Vite strips types without checking them: the type checker runs here.
npx tsc --noEmit -p tsconfig.json
echo "lint: clean"
