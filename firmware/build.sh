# Sourced by firmware/check.sh: how the fridge firmware is built with avr-g++ 5.4.
# Flags from ../shared TOOLCHAIN facts: C++14 is avr-g++ 5.4's ceiling; LTO plus section GC
# drop every component and function the graph does not use.
AVR_FLAGS=(-mmcu=atmega328p -DF_CPU=16000000L -Os -flto -ffunction-sections -fdata-sections
  -std=gnu++14 -fno-exceptions -fno-rtti -fno-threadsafe-statics -Wall -Wextra -Werror
  -Wno-unused-parameter -DEMFLOW_STRIP_ERROR_STRINGS)
AVR_LINK=(-Wl,--gc-sections -lm)

# What the simulated run must print (checked by check.sh).
FIRMWARE_EXPECT=("emflow fridge firmware" "sensor pin 9: status 23")

build_fridge_firmware() {  # build_fridge_firmware OUT_DIR
  local out="$1"
  local sources=("$FIRMWARE_DIR"/avr/*.cpp "$FIRMWARE_DIR"/fridge/*.cpp "$ROOT"/core/runtime/status.cpp)
  local includes=(-I"$ROOT/core" -I"$FIRMWARE_DIR/avr" -I"$out")
  avr-g++ "${AVR_FLAGS[@]}" "${includes[@]}" "${sources[@]}" "${AVR_LINK[@]}" -o "$out/fridge.elf"
  # The simulated build stops itself after a few seconds of board time (simavr has no limit).
  avr-g++ "${AVR_FLAGS[@]}" -DEMFLOW_FIRMWARE_RUN_MS=3000 "${includes[@]}" "${sources[@]}" \
    "${AVR_LINK[@]}" -o "$out/fridge-sim.elf"
}
