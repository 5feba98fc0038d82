#!/usr/bin/env bash
# Builds an exported sketch folder with arduino-builder — the build engine of the Arduino IDE
# 1.8 (Debian package arduino-builder) — against Debian's Arduino AVR core, as the IDE's
# Verify button does. build_sketch.sh reproduces these recipes so that test-only variants can
# add flags; export_check.sh builds the examples with both and requires identical sizes.
#
# Debian's core 1.8.7 does not compile with its avr-gcc 5.4 unless DECIMAL_DIG is defined
# (TOOLCHAIN.md); that is the one preference added, as a Debian IDE user would add it.
#
# Usage: arduino_builder.sh SKETCH_DIR BOARD(uno|mega) OUT_DIR
# Prints "flash <bytes> ram <bytes>" on its last line; the ELF is OUT_DIR/<name>.ino.elf.
set -euo pipefail
sketch="$(cd "$1" && pwd)"; board="$2"; out="$3"
name="$(basename "$sketch")"
case "$board" in
  uno) fqbn=arduino:avr:uno ;;
  mega) fqbn=arduino:avr:mega:cpu=atmega2560 ;;
  *) echo "arduino_builder: unknown board $board" >&2; exit 2 ;;
esac
command -v arduino-builder >/dev/null ||
  { echo "arduino_builder: arduino-builder is missing (scripts/bootstrap.sh)" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"; out="$(cd "$out" && pwd)"  # it wants an absolute path
# /usr/share/arduino-builder holds the builder's own platform.txt (ctags recipe).
arduino-builder -compile -hardware /usr/share/arduino/hardware -hardware /usr/share/arduino-builder \
  -tools /usr/bin -fqbn "$fqbn" -build-path "$out" -warnings all \
  -prefs "compiler.cpp.extra_flags=-DDECIMAL_DIG=__DECIMAL_DIG__" "$sketch/$name.ino"
read -r text data bss < <(avr-size "$out/$name.ino.elf" | awk 'NR==2 {print $1, $2, $3}')
echo "flash $((text + data)) ram $((data + bss))"
