// The fridge thermostat graph of ARCHITECTURE.md, encoded with the runtime's own writer —
// shared by the command-stream, persistence, component and fuzz-corpus tests.
#ifndef EMFLOW_TESTS_FRIDGE_STREAM_H
#define EMFLOW_TESTS_FRIDGE_STREAM_H

#include <vector>

#include "components/components.h"
#include "components/library.h"
#include "runtime/command_stream.h"

namespace emflow {
namespace testing {

enum FridgeNode : NodeId {
  kTimer,
  kThermometer,
  kHysteresis,
  kSwitch,
  kInvertA,
  kInvertC,
  kTurnOn,
  kTurnOff,
  kInvertB,
  kInvertD,
  kBoard,
  kFridgeNodeCount
};

inline void writeFridgeGraph(CommandStreamWriter& w, float low = 2.0f, float high = 5.0f) {
  w.reset();
  w.createNode(kTimer, kComponent_Timer);
  w.createNode(kThermometer, kComponent_ReadDallasTemperature);
  w.createNode(kHysteresis, kComponent_HysteresisLatch);
  w.createNode(kSwitch, kComponent_BreakBeforeMake);
  w.createNode(kInvertA, kComponent_InvertBoolean);
  w.createNode(kInvertC, kComponent_InvertBoolean);
  w.createNode(kTurnOn, kComponent_DigitalWrite);
  w.createNode(kTurnOff, kComponent_DigitalWrite);
  w.createNode(kInvertB, kComponent_InvertBoolean);
  w.createNode(kInvertD, kComponent_InvertBoolean);
  w.createNode(kBoard, kComponent_ArduinoUno);
  w.connect(kTimer, Timer::kOut_out, kThermometer, ReadDallasTemperature::kIn_trigger);
  w.connect(kThermometer, ReadDallasTemperature::kOut_out, kHysteresis, HysteresisLatch::kIn_in);
  w.connect(kHysteresis, HysteresisLatch::kOut_out, kSwitch, BreakBeforeMake::kIn_in);
  w.connect(kSwitch, BreakBeforeMake::kOut_out1, kInvertA, InvertBoolean::kIn_in);
  w.connect(kInvertA, InvertBoolean::kOut_out, kTurnOn, DigitalWrite::kIn_in);
  w.connect(kSwitch, BreakBeforeMake::kOut_out2, kInvertC, InvertBoolean::kIn_in);
  w.connect(kInvertC, InvertBoolean::kOut_out, kTurnOff, DigitalWrite::kIn_in);
  w.connect(kTurnOn, DigitalWrite::kOut_out, kInvertB, InvertBoolean::kIn_in);
  w.connect(kInvertB, InvertBoolean::kOut_out, kSwitch, BreakBeforeMake::kIn_monitor1);
  w.connect(kTurnOff, DigitalWrite::kOut_out, kInvertD, InvertBoolean::kIn_in);
  w.connect(kInvertD, InvertBoolean::kOut_out, kSwitch, BreakBeforeMake::kIn_monitor2);
  w.connect(kBoard, ArduinoUno::kOut_pin9, kThermometer, ReadDallasTemperature::kIn_pin);
  w.connect(kBoard, ArduinoUno::kOut_pin12, kTurnOff, DigitalWrite::kIn_pin);
  w.connect(kBoard, ArduinoUno::kOut_pin11, kTurnOn, DigitalWrite::kIn_pin);
  w.initial(kTimer, Timer::kIn_interval, Packet::Int(5000));
  w.initial(kHysteresis, HysteresisLatch::kIn_lowthreshold, Packet::Float(low));
  w.initial(kHysteresis, HysteresisLatch::kIn_highthreshold, Packet::Float(high));
  w.initial(kThermometer, ReadDallasTemperature::kIn_address, Packet::BracketOpen());
  const uint8_t rom[8] = {0x28, 0xAF, 0x1C, 0xB2, 0x04, 0x00, 0x00, 0x33};
  for (uint8_t b : rom)
    w.initial(kThermometer, ReadDallasTemperature::kIn_address, Packet::Byte(b));
  w.initial(kThermometer, ReadDallasTemperature::kIn_address, Packet::BracketClose());
  w.watchEdge(kHysteresis, HysteresisLatch::kOut_out, kSwitch, BreakBeforeMake::kIn_in, true);
  w.start();
}

inline std::vector<uint8_t> fridgeStream(float low = 2.0f, float high = 5.0f) {
  std::vector<uint8_t> buffer(512);
  CommandStreamWriter w(buffer.data(), static_cast<uint16_t>(buffer.size()));
  writeFridgeGraph(w, low, high);
  uint16_t length = 0;
  if (w.finish(&length) != kOk) return {};
  buffer.resize(length);
  return buffer;
}

}  // namespace testing
}  // namespace emflow

#endif  // EMFLOW_TESTS_FRIDGE_STREAM_H
