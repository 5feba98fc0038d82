// The door switch: the world reports the door on pin 2 and examples/door_light.fbp follows it.
#include <gtest/gtest.h>

#include "host/firmware/graph_file.h"
#include "host/sim/simulated_fridge.h"

namespace emflow::world {
namespace {

TEST(DoorSwitch, InputFollowsTheDoor) {
  VirtualIO io;
  FridgeConfig config;
  config.doors.addOpening(1000, 2000);
  FridgeWorld world(io, config);
  bool level = true;
  ASSERT_EQ(io.digitalRead(2, &level), kOk);
  EXPECT_FALSE(level);
  io.advanceTo(1500);
  ASSERT_EQ(io.digitalRead(2, &level), kOk);
  EXPECT_TRUE(level);
  io.advanceTo(3000);
  ASSERT_EQ(io.digitalRead(2, &level), kOk);
  EXPECT_FALSE(level);
  world.setDoorOpen(true);
  ASSERT_EQ(io.digitalRead(2, &level), kOk);
  EXPECT_TRUE(level) << "a manual opening shows at once";
}

TEST(DoorSwitch, DoorLightExampleSwitchesTheLamp) {
  std::vector<std::string> errors;
  auto graph =
      firmware::compileGraphFile(EMFLOW_SOURCE_DIR "/examples/door_light.fbp", {}, &errors);
  ASSERT_TRUE(graph) << errors[0];
  FridgeConfig config;
  config.doors.addOpening(60000, 30000);
  sim::SimulatedFridge fridge(*graph, config);
  std::vector<PinWrite> lamp;
  fridge.io().addPinListener([&](const PinWrite& w) {
    if (w.pin == 13) lamp.push_back(w);
  });
  std::string error;
  ASSERT_TRUE(fridge.load(&error)) << error;
  ASSERT_TRUE(fridge.simulation().runUntil(120000, &error)) << error;
  ASSERT_EQ(lamp.size(), 3u);  // off at start, on, off
  EXPECT_FALSE(lamp[0].level);
  EXPECT_TRUE(lamp[1].level);
  EXPECT_GE(lamp[1].time, 60000u);
  EXPECT_LE(lamp[1].time, 60000u + 150) << "within one 50 ms sample (+ the 100 ms physics step)";
  EXPECT_FALSE(lamp[2].level);
  EXPECT_GE(lamp[2].time, 90000u);
  EXPECT_LE(lamp[2].time, 90000u + 150);
  EXPECT_EQ(fridge.summary().networkErrors, 0u);
}

}  // namespace
}  // namespace emflow::world
