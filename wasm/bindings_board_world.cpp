// Embind registration of BoardWorld: one of the simulator's worlds (core/sim/world_registry.h,
// the same C++ the model-level simulator runs) on a virtual board's pins instead of a graph's
// VirtualIO calls. The host (web/src/virtual-board/boardWorld.ts, docs/board-worlds.md) steps it
// on the board's time, hands it the levels the firmware drives on its output pins, puts the
// inputs it reports on the board's pins and ADC, and answers the board's DS18B20 conversions
// and scratchpad reads with the world's Ds18b20Model — so the noise, quantisation and the
// 750 ms sampling point are those of the simulator.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>

#include "engine_args.h"
#include "sim/world_registry.h"
#include "world/virtual_io.h"
#include "world/world.h"

namespace emflow::wasm {
namespace {

using emscripten::val;

constexpr uint64_t kMaxSeed = UINT64_MAX >> 1;  // as the other world calls take seeds
// inputs(): per pin its digital input (0, 1, or kUndriven), then per pin its analog counts.
constexpr uint16_t kUndriven = 0xFFFF;

class BoardWorld {
 public:
  // options JSON {world: fridge|activity|replay|none, seed?, data?, and the world's own
  // options by key (the fridge's ambientC, ...)}, as simulateWorld takes them → JSON
  // EngineResult. A BoardWorld is opened once; a new world is a new object.
  std::string open(const std::string& optionsJson) {
    if (world_) return result("open: this world is already open");
    Args args("BoardWorld.open", optionsJson, true);
    std::string name = "fridge";
    sim::WorldParams params;
    args.text("world", &name).text("data", &params.data).whole("seed", 0, kMaxSeed, &params.seed);
    const sim::WorldSpec* spec = sim::findWorld(name);
    if (args.ok() && !spec) args.notOneOf("world", sim::worldNames(), name);
    if (args.ok()) readWorldOptions(args, *spec, &params);
    if (args.ok() && spec->needsData && params.data.empty())
      args.fail("data", "is required: the " + name + " world replays a recording");
    if (!args.ok()) return result(args.error());
    std::string error;
    std::unique_ptr<world::World> created = spec->create(io_, params, &error);
    if (!created) {
      if (error.empty()) error = "the world could not be created";
      return result("BoardWorld.open: data:" + error);
    }
    world_ = std::move(created);
    io_.setWorld(world_.get());
    name_ = name;
    // Time 0: the world puts its first inputs on the pins before the board starts.
    world_->advanceTo(0);
    return result("");
  }

  std::string name() const { return name_; }

  // Moves the world to board time `ms` (whole virtual milliseconds: the board's time rounded
  // down; never backwards) and answers what it now puts on the pins: a Uint16Array view of
  // 2 × 20 values — per pin 0..19 the digital input (0, 1, or 0xFFFF where the world leaves the
  // pin alone), then per pin the analog counts 0..1023. Valid until the next call.
  val advanceTo(double ms) {
    if (world_ && ms >= 0) io_.advanceTo(static_cast<TimeMs>(ms));
    for (uint8_t pin = 0; pin < world::kVirtualPinCount; ++pin) {
      bool level = false;
      io_.digitalRead(pin, &level);
      inputs_[pin] = io_.digitalInputSet(pin) ? (level ? 1 : 0) : kUndriven;
      inputs_[world::kVirtualPinCount + pin] = io_.analogInput(pin);
    }
    return val(emscripten::typed_memory_view(sizeof inputs_ / sizeof inputs_[0], inputs_));
  }

  // The board drives output `pin` to `level` at the world's current time (call advanceTo
  // first): the world's relays, as a graph's DigitalWrite reaches them in the simulator.
  // False for a pin the world has no room for (beyond A5).
  bool writePin(int pin, bool level) {
    if (pin < 0 || pin >= world::kVirtualPinCount) return false;
    return io_.digitalWrite(static_cast<uint8_t>(pin), level) == kOk;
  }

  // The DS18B20s the world attached: [{pin, rom: [8 bytes]}].
  val thermometers() const {
    val list = val::array();
    for (uint8_t pin = 0; pin < world::kVirtualPinCount; ++pin) {
      const world::Ds18b20Model* sensor = io_.thermometerAt(pin);
      if (!sensor) continue;
      val rom = val::array();
      for (uint8_t byte : sensor->rom().bytes) rom.call<void>("push", byte);
      val entry = val::object();
      entry.set("pin", pin);
      entry.set("rom", rom);
      list.call<void>("push", entry);
    }
    return list;
  }

  // CONVERT T addressed to `rom` on `pin`, at the world's current time → the status name
  // ("ok", "no_sensor", ...).
  std::string startConversion(int pin, const val& rom) {
    OneWireAddress address;
    if (!readRom(rom, &address) || pin < 0 || pin >= world::kVirtualPinCount)
      return emflow_status_name(kErrOutOfRange);
    return emflow_status_name(io_.startTemperatureConversion(static_cast<uint8_t>(pin), address));
  }

  // The latched reading of the sensor `rom` on `pin` at the world's current time → {status,
  // raw}: raw 1/16 °C when status is "ok"; "not_ready" before the first conversion ended.
  val readTemperature(int pin, const val& rom) {
    val out = val::object();
    OneWireAddress address;
    int16_t raw = 0;
    Status status = kErrOutOfRange;
    if (readRom(rom, &address) && pin >= 0 && pin < world::kVirtualPinCount)
      status = io_.readTemperature(static_cast<uint8_t>(pin), address, &raw);
    out.set("status", std::string(emflow_status_name(status)));
    out.set("raw", raw);
    return out;
  }

  // The world's state now as JSON text {name: value} (World::sample: the fridge's airC,
  // compressorOn, ...), plus pinN (0/1) for every pin the board drove.
  std::string sample() const {
    Json values = Json::object();
    if (world_) {
      world::WorldValues list;
      world_->sample(&list);
      for (const auto& [key, value] : list) values[key] = value;
    }
    for (uint8_t pin = 0; pin < world::kVirtualPinCount; ++pin)
      if (io_.pinWritten(pin)) values["pin" + std::to_string(pin)] = io_.pinLevel(pin) ? 1 : 0;
    return values.dump();
  }

  // A live input ({name: value}, e.g. {"doorOpen": 1}) → JSON EngineResult.
  std::string setInput(const std::string& name, double value) {
    if (!world_) return result("setInput: no world is open");
    std::string error;
    if (!world_->setInput(name, value, &error)) return result("setInput: " + error);
    return result("");
  }

  // The true class now (the activity world's activity), or -1.
  int truth() { return world_ ? world_->truthAt(io_.timeMs()) : -1; }

  double timeMs() { return io_.timeMs(); }

 private:
  static std::string result(const std::string& error) {
    Json out = {{"ok", error.empty()}, {"error", error}};
    return out.dump();
  }

  static bool readRom(const val& rom, OneWireAddress* address) {
    if (!rom.isArray() || rom["length"].as<int>() != 8) return false;
    for (int i = 0; i < 8; ++i) {
      const double byte = rom[i].as<double>();
      if (!(byte >= 0 && byte <= 255)) return false;
      address->bytes[i] = static_cast<uint8_t>(byte);
    }
    return true;
  }

  world::VirtualIO io_;
  std::unique_ptr<world::World> world_;
  std::string name_ = "none";
  uint16_t inputs_[2 * world::kVirtualPinCount] = {};
};

}  // namespace

EMSCRIPTEN_BINDINGS(emflow_board_world) {
  emscripten::class_<BoardWorld>("BoardWorld")
      .constructor<>()
      .function("open", &BoardWorld::open)
      .function("name", &BoardWorld::name)
      .function("advanceTo", &BoardWorld::advanceTo)
      .function("writePin", &BoardWorld::writePin)
      .function("thermometers", &BoardWorld::thermometers)
      .function("startConversion", &BoardWorld::startConversion)
      .function("readTemperature", &BoardWorld::readTemperature)
      .function("sample", &BoardWorld::sample)
      .function("setInput", &BoardWorld::setInput)
      .function("truth", &BoardWorld::truth)
      .function("timeMs", &BoardWorld::timeMs);
}

}  // namespace emflow::wasm
