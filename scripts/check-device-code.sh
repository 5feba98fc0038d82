#!/usr/bin/env bash
# Device code must compile on avr-g++ 5.4 without a C++ standard library: only C headers
# that avr-libc provides, no exceptions, no heap. This check catches the slips early, before
# the AVR build does, with a clearer message.
. "$(dirname "$0")/lib.sh"
cd "$EMFLOW_ROOT"
DEVICE_DIRS=(core/runtime core/components core/ml core/dsp core/link)
ALLOWED='^(stdint\.h|stddef\.h|string\.h|math\.h|stdlib\.h|limits\.h|float\.h|avr/pgmspace\.h|avr/io\.h|avr/eeprom\.h|avr/interrupt\.h|util/delay\.h)$'
fail=0
while IFS= read -r file; do
  while IFS= read -r line; do
    header=$(sed -E 's/.*#\s*include\s*<([^>]+)>.*/\1/' <<<"$line")
    if ! grep -Eq "$ALLOWED" <<<"$header"; then
      echo "$file: device code includes <$header> (not available on avr-g++ without a C++ library)"; fail=1
    fi
  done < <(grep -E '^\s*#\s*include\s*<' "$file" || true)
  # String literals and comments are stripped first: "try again" or "new value" in text is no code.
  hits=$(sed -E -e 's#"([^"\\]|\\.)*"#""#g' -e 's#//.*$##' "$file" | grep -nE '\bthrow\b|\btry\s*\{|\bnew\s+[A-Za-z_]|\bdelete\b|\bmalloc\s*\(|\bfree\s*\(|std::' || true)
  if [ -n "$hits" ]; then
    sed "s|^|$file:|" <<<"$hits" | head -3
    echo "$file: device code must not use exceptions, the heap or std::"; fail=1
  fi
done < <(find "${DEVICE_DIRS[@]}" -name '*.h' -o -name '*.cpp' 2>/dev/null | sort)
exit $fail
