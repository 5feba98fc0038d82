# Sourced by firmware/check.sh: how the fridge firmware is built with avr-g++ 5.4.
#   1. `emflow compile examples/fridge.fbp` → the graph as a command stream in a PROGMEM array
#      (--format cpp) and as static wiring (--format wiring), both with the exact-fit runtime
#      capacities, and a component table with only the components the graph uses (built
#      instead of core/components/library.cpp).
#   2. avr-g++ with LTO and section GC over firmware/avr (AvrIO, IO features no component uses
#      compiled out), firmware/fridge (main), the runtime and that table — once per variant:
#        fridge-stream.elf  the stream, applied at boot by the runtime's decoder
#        fridge-wired.elf   static wiring (no decoder)
#      plus a -sim build of each that stops after FRIDGE_RUN_MS for simavr.
# Flags follow TOOLCHAIN facts: C++14 is avr-g++ 5.4's ceiling; no exceptions, RTTI or
# thread-safe statics; -mcall-prologues and linker relaxation save ~1 KB; error strings stripped.
AVR_FLAGS=(-mmcu=atmega328p -DF_CPU=16000000L -Os -flto -mcall-prologues -mrelax
  -ffunction-sections -fdata-sections -std=gnu++14 -fno-exceptions -fno-rtti
  -fno-threadsafe-statics -Wall -Wextra -Werror -Wno-unused-parameter -DEMFLOW_STRIP_ERROR_STRINGS)
AVR_LINK=(-Wl,--gc-sections -Wl,--relax -lm)
FRIDGE_GRAPH="${FRIDGE_GRAPH:-$ROOT/examples/fridge.fbp}"
FRIDGE_RUN_MS=12000  # simulated run: two 5 s timer periods
FIRMWARE_VARIANTS=(stream wired)

# What each simulated run must print (grep regular expressions, checked by check.sh): the
# graph loaded (status 0 = ok, 10 nodes); with no DS18B20 on simavr's pin 9 the thermometer
# sends an error packet each period, which the hysteresis node (node 2) rejects (status 8 =
# bad packet) just after t=5000 and t=10000 (a 1-Wire reset and the UART take a few ms); and
# the network kept running to the end.
FIRMWARE_EXPECT=("emflow fridge firmware" "graph: status 0 nodes 10"
  "t=50[0-9][0-9] error 8 at node 2 port 0" "t=100[0-9][0-9] error 8 at node 2 port 0"
  "t=$FRIDGE_RUN_MS run: delivered [1-9]")

# The native CLI: the one `npm test` built, else a private build.
emflow_cli() {
  if [ -n "${EMFLOW_CLI:-}" ] && [ -x "$EMFLOW_CLI" ]; then echo "$EMFLOW_CLI"; return; fi
  local host="$ROOT/build/firmware-host"
  cmake -S "$ROOT" -B "$host" -G Ninja -DEMFLOW_TESTS=OFF -DEMFLOW_BENCH=OFF >&2
  cmake --build "$host" -j "${JOBS:-2}" --target emflow_cli >&2
  echo "$host/core/emflow"
}

build_fridge_firmware() {  # build_fridge_firmware OUT_DIR
  local out="$1" cli
  cli="$(emflow_cli)"
  "$cli" compile "$FRIDGE_GRAPH" --target uno --format cpp -o "$out/fridge_graph.cpp" \
    --components "$out/fridge_components.cpp"
  "$cli" compile "$FRIDGE_GRAPH" --target uno --format wiring -o "$out/fridge_wiring.cpp" 2>/dev/null
  local capacities components
  read -r -a capacities < <(sed -n 's|^// capacities: ||p' "$out/fridge_graph.cpp")
  components=" $(sed -n 's|^// components: ||p' "$out/fridge_components.cpp") "
  local features=()
  [[ $components == *" AnalogRead "* ]] || features+=(-DEMFLOW_IO_ANALOG=0)
  [[ $components == *" PwmWrite "* ]] || features+=(-DEMFLOW_IO_PWM=0)
  [[ $components == *" DigitalRead "* || $components == *" MonitorPin "* ]] ||
    features+=(-DEMFLOW_IO_DIGITAL_READ=0)
  [[ $components == *" ReadDallasTemperature "* ]] || features+=(-DEMFLOW_IO_ONEWIRE=0)
  echo "firmware: components${components% }; ${capacities[*]} ${features[*]}"
  local common=("$FIRMWARE_DIR"/avr/*.cpp "$FIRMWARE_DIR"/fridge/*.cpp "$out/fridge_components.cpp")
  # All of the runtime: what the graph does not reach, section GC drops.
  local stream_sources=("${common[@]}" "$ROOT"/core/runtime/*.cpp "$out/fridge_graph.cpp")
  local wired_sources=("${common[@]}" "$ROOT"/core/runtime/*.cpp "$out/fridge_wiring.cpp")
  local flags=("${AVR_FLAGS[@]}" "${capacities[@]}" "${features[@]}" -I"$ROOT/core"
    -I"$FIRMWARE_DIR/avr")
  avr-g++ "${flags[@]}" "${stream_sources[@]}" "${AVR_LINK[@]}" -o "$out/fridge-stream.elf"
  avr-g++ "${flags[@]}" -DEMFLOW_FIRMWARE_RUN_MS=$FRIDGE_RUN_MS "${stream_sources[@]}" \
    "${AVR_LINK[@]}" -o "$out/fridge-stream-sim.elf"
  avr-g++ "${flags[@]}" -DEMFLOW_FIRMWARE_WIRED "${wired_sources[@]}" "${AVR_LINK[@]}" \
    -o "$out/fridge-wired.elf"
  avr-g++ "${flags[@]}" -DEMFLOW_FIRMWARE_WIRED -DEMFLOW_FIRMWARE_RUN_MS=$FRIDGE_RUN_MS \
    "${wired_sources[@]}" "${AVR_LINK[@]}" -o "$out/fridge-wired-sim.elf"
}
