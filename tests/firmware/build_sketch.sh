#!/usr/bin/env bash
# Builds an exported sketch folder the way the Arduino IDE 1.8 / arduino-builder does, with
# Debian's Arduino AVR core (/usr/share/arduino) and the recipes of its platform.txt:
#   - the core (cores/arduino + the board's variant) compiled once per board into core.a
#   - the sketch: <name>.ino becomes <name>.ino.cpp (#include <Arduino.h> first), then the
#     .cpp files of the sketch root and of src/ (recursively) are compiled; nothing else, and
#     with no include path into the sketch (a sketch must resolve its own includes)
#   - linked with -flto -Wl,--gc-sections; avr-size prints flash/RAM
# The only addition is the DECIMAL_DIG define Debian's core 1.8.7 needs with gcc 5.4
# (TOOLCHAIN.md), and `-Wall -Wextra` (the IDE's "All" warnings level) for the sketch.
#
# Usage: build_sketch.sh SKETCH_DIR BOARD(uno|mega) OUT_DIR [extra flags for the sketch and link...]
# Prints "flash <bytes> ram <bytes>" on its last line; the ELF is OUT_DIR/<name>.elf.
set -euo pipefail
sketch="$(cd "$1" && pwd)"; board="$2"; out="$3"; shift 3
extra=("$@")
name="$(basename "$sketch")"
ARDUINO=/usr/share/arduino/hardware/arduino/avr
case "$board" in
  uno) mcu=atmega328p; variant=standard; boardDefine=AVR_UNO; linkExtra=() ;;
  # arduino-builder links the ATmega2560 with --relax (seen in its verbose output; not in
  # platform.txt), which turns long calls into short ones.
  mega) mcu=atmega2560; variant=mega; boardDefine=AVR_MEGA2560; linkExtra=(-Wl,--relax) ;;
  *) echo "build_sketch: unknown board $board" >&2; exit 2 ;;
esac
[ -f "$sketch/$name.ino" ] || { echo "build_sketch: $sketch/$name.ino missing" >&2; exit 1; }
common=(-mmcu=$mcu -DF_CPU=16000000L -DARDUINO=10807 -DARDUINO_$boardDefine -DARDUINO_ARCH_AVR
  -DDECIMAL_DIG=__DECIMAL_DIG__ -I"$ARDUINO/cores/arduino" -I"$ARDUINO/variants/$variant")
cflags=(-c -g -Os -w -std=gnu11 -ffunction-sections -fdata-sections -flto -fno-fat-lto-objects)
cxxflags=(-c -g -Os -std=gnu++11 -fpermissive -fno-exceptions -ffunction-sections -fdata-sections
  -fno-threadsafe-statics -Wno-error=narrowing -flto)
mkdir -p "$out"

core="$out/../core-$board.a"
if [ ! -f "$core" ]; then
  coreobj="$out/../core-$board"; mkdir -p "$coreobj"
  for src in "$ARDUINO"/cores/arduino/*.{c,cpp,S}; do
    obj="$coreobj/$(basename "$src").o"
    case "$src" in
      *.c) avr-gcc "${cflags[@]}" "${common[@]}" "$src" -o "$obj" ;;
      *.cpp) avr-g++ "${cxxflags[@]}" -w "${common[@]}" "$src" -o "$obj" ;;
      *.S) avr-gcc -c -g -x assembler-with-cpp -flto "${common[@]}" "$src" -o "$obj" ;;
    esac
  done
  rm -f "$core.tmp"; avr-gcc-ar rcs "$core.tmp" "$coreobj"/*.o; mv "$core.tmp" "$core"
fi

# The IDE copies the whole sketch and compiles the root and src/ (arduino-builder PR #172).
rm -rf "$out/sketch"; cp -r "$sketch" "$out/sketch"
{ echo '#include <Arduino.h>'; echo "#line 1 \"$name.ino\""; cat "$sketch/$name.ino"; } \
  >"$out/sketch/$name.ino.cpp"
objects=()
while IFS= read -r src; do
  obj="$out/$(echo "${src#"$out/sketch/"}" | tr '/' '_').o"
  avr-g++ "${cxxflags[@]}" -Wall -Wextra "${common[@]}" "${extra[@]}" "$src" -o "$obj"
  objects+=("$obj")
done < <({ find "$out/sketch" -maxdepth 1 -name '*.cpp'; [ -d "$out/sketch/src" ] &&
  find "$out/sketch/src" -name '*.cpp'; } | sort)
avr-gcc -w -Os -g -flto -fuse-linker-plugin -Wl,--gc-sections "${linkExtra[@]}" -mmcu=$mcu "${extra[@]}" \
  -o "$out/$name.elf" \
  "${objects[@]}" "$core" -lm
read -r text data bss < <(avr-size "$out/$name.elf" | awk 'NR==2 {print $1, $2, $3}')
echo "flash $((text + data)) ram $((data + bss))"
