// The "none" world as a bench: nothing simulated behind the pins, but a person (the board
// panel, a test) can drive the graph's inputs by hand — analog counts on A0..A5, levels on
// digital inputs, and a DS18B20 temperature on any pin. It is what a graph runs against when
// it needs no fridge or halter (Blink, a greenhouse thermostat tried on the desk).
#ifndef EMFLOW_WORLD_BENCH_WORLD_H
#define EMFLOW_WORLD_BENCH_WORLD_H

#include <memory>
#include <string>
#include <vector>

#include "ds18b20_model.h"
#include "virtual_io.h"
#include "world.h"

namespace emflow::world {

class BenchWorld : public World {
 public:
  explicit BenchWorld(VirtualIO& io) : io_(io) {}

  void advanceTo(TimeMs now) override { (void)now; }
  // The inputs set so far, by their input names ("A0", "D2", "T9").
  void sample(WorldValues* values) const override;
  // "A0".."A5" (or "A14".."A19"): analog counts 0..1023; "D<pin>": a digital input, 0/1;
  // "T<pin>": °C (-55..125) of a DS18B20 on that pin, attached at the first set. The bench
  // sensor answers whatever ROM address the graph asks for: a bench has one sensor per pin,
  // and the address a graph carries is the real board's (docs/world.md).
  bool setInput(const std::string& name, double value, std::string* error) override;

 private:
  struct Thermometer {
    uint8_t pin;
    std::unique_ptr<Ds18b20Model> sensor;
    double temperatureC;
  };

  VirtualIO& io_;
  std::vector<Thermometer> thermometers_;  // never shrinks: the IO keeps pointers into it
  WorldValues set_;                        // every input set, in the order first set
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_BENCH_WORLD_H
