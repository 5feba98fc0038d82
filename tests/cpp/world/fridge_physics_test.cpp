// Physics sanity of the fridge model: each flow does what a fridge does, with the magnitudes
// docs/world.md derives.
#include <gtest/gtest.h>

#include "world/fridge_world.h"

namespace emflow::world {
namespace {

constexpr TimeMs kMinute = 60 * 1000;
constexpr TimeMs kHour = 60 * kMinute;

TEST(FridgeThermalModel, OneStepFollowsTheHeatBalance) {
  FridgeThermalParams p;
  FridgeThermalState s{5.0, 3.0};
  FridgeThermalInputs in{22.0, true, false, 10.0};
  FridgeThermalState next = stepFridge(p, s, in, 1.0);
  // air: wall 1.0*(22-5)=17 W, to contents 3*(5-3)=6 W out, compressor 60 W out
  EXPECT_DOUBLE_EQ(next.airC, 5.0 + (17.0 - 6.0 - 60.0) / 12000.0);
  // contents: 6 W from the air + 10 W load
  EXPECT_DOUBLE_EQ(next.contentsC, 3.0 + 16.0 / 30000.0);
}

TEST(FridgeThermalModel, OpenDoorStepAddsTheDoorConductance) {
  FridgeThermalParams p;  // the defaults docs/world.md derives: door 25 W/K beside the wall's 1
  FridgeThermalState s{5.0, 3.0};
  FridgeThermalInputs in{22.0, false, true, 0.0};
  FridgeThermalState next = stepFridge(p, s, in, 1.0);
  // air: (wall 1 + door 25) * (22 - 5) = 442 W in, 3 * (5 - 3) = 6 W to the contents
  EXPECT_DOUBLE_EQ(next.airC, 5.0 + (442.0 - 6.0) / 12000.0);
  EXPECT_DOUBLE_EQ(next.contentsC, 3.0 + 6.0 / 30000.0);
}

TEST(FridgeWorld, WithoutControlApproachesAmbient) {
  VirtualIO io;
  FridgeConfig config;
  config.ambientC = 22.0;
  FridgeWorld world(io, config);
  double previous = world.airC();
  for (TimeMs t = kHour; t <= 7 * 24 * kHour; t += kHour) {
    io.advanceTo(t);
    EXPECT_GE(world.airC(), previous - 1e-9) << "warming must be monotonic, t=" << t;
    previous = world.airC();
  }
  // time constant (12 + 30 kJ/K) / 1 W/K ≈ 11.7 h, so a week is ~14 time constants
  EXPECT_NEAR(world.airC(), 22.0, 0.05);
  EXPECT_NEAR(world.contentsC(), 22.0, 0.05);
  EXPECT_FALSE(world.compressorOn());
}

TEST(FridgeWorld, RunningCompressorCoolsTowardsItsEquilibrium) {
  VirtualIO io;
  FridgeConfig config;
  config.compressorInitiallyOn = true;
  FridgeWorld world(io, config);
  io.advanceTo(10 * kMinute);
  // 60 W against ~17 W of leak: the air drops by well over a degree in 10 minutes
  EXPECT_LT(world.airC(), 5.0 - 1.0);
  EXPECT_LT(world.contentsC(), 5.0);
  EXPECT_EQ(world.compressorOnMs(), 10u * kMinute);
  io.advanceTo(10 * 24 * kHour);
  // equilibrium: ambient - Q/UA = 22 - 60 = -38 °C (a fridge left on "max" freezes)
  EXPECT_NEAR(world.airC(), -38.0, 0.1);
}

TEST(FridgeWorld, OpenDoorWarmsTheAir) {
  VirtualIO closedIo, openIo;
  FridgeConfig config;
  FridgeWorld closed(closedIo, config);
  config.doors.addOpening(kMinute, 2 * kMinute);
  FridgeWorld open(openIo, config);
  closedIo.advanceTo(kMinute / 2);
  openIo.advanceTo(kMinute / 2);
  EXPECT_FALSE(open.doorOpen());
  closedIo.advanceTo(2 * kMinute);
  openIo.advanceTo(2 * kMinute);
  EXPECT_TRUE(open.doorOpen());
  closedIo.advanceTo(3 * kMinute);
  openIo.advanceTo(3 * kMinute);
  EXPECT_FALSE(open.doorOpen());
  // With the door open the air relaxes towards (26 * 22 + 3 * 5) / 29 = 20.2 °C with a time
  // constant of 12000 / 29 = 414 s: after 2 minutes 5 + 15.2 * (1 - e^(-120/414)) = 8.84 °C,
  // while the closed fridge has only warmed to 5.25 °C (17 W for 3 minutes): 3.6 K apart.
  // A door 10 % weaker would give 3.3 K; the contents barely move.
  EXPECT_NEAR(open.airC() - closed.airC(), 3.6, 0.1);
  EXPECT_LT(open.contentsC() - closed.contentsC(), 0.1);
}

TEST(FridgeWorld, ManualDoorAndAmbientAreLiveControls) {
  VirtualIO io;
  FridgeConfig config;
  FridgeWorld world(io, config);
  world.setDoorOpen(true);
  world.setAmbientC(35.0);
  io.advanceTo(kMinute);
  EXPECT_TRUE(world.doorOpen());
  const double warmed = world.airC();
  EXPECT_GT(warmed, 5.0 + 2.0);
  world.setDoorOpen(false);
  world.setAmbientC(5.0);
  io.advanceTo(2 * kMinute);
  EXPECT_LT(world.airC(), warmed);  // now the room is colder than the compartment
}

TEST(FridgeWorld, ThermalLoadWarmsTheContents) {
  VirtualIO io;
  FridgeConfig config;
  config.ambientC = 5.0;  // no leak, so only the load moves the contents
  config.thermalLoadW = 100.0;
  FridgeWorld world(io, config);
  io.advanceTo(10 * kMinute);
  EXPECT_GT(world.contentsC(), 5.0 + 0.5);
  EXPECT_GT(world.contentsC(), world.airC());
}

TEST(FridgeWorld, RelayPinsDriveTheLatchingContactor) {
  VirtualIO io;
  FridgeConfig config;
  FridgeWorld world(io, config);
  EXPECT_FALSE(world.compressorOn());
  // active-low relay modules: LOW on pin 11 energises SET
  io.digitalWrite(11, false);
  EXPECT_TRUE(world.compressorOn());
  io.digitalWrite(11, true);
  EXPECT_TRUE(world.compressorOn()) << "a latching contactor holds without coil power";
  io.digitalWrite(12, false);
  EXPECT_FALSE(world.compressorOn());
  io.digitalWrite(11, false);  // both coils energised: a fault, nothing moves
  EXPECT_FALSE(world.compressorOn());
  EXPECT_EQ(world.contactor().overlapCount(), 1u);
  io.digitalWrite(12, true);
  EXPECT_TRUE(world.compressorOn());
  EXPECT_EQ(world.contactor().closeCount(), 2u);
}

TEST(FridgeWorld, PhysicsRunsOnAFixedGridWhateverTheCallPattern) {
  VirtualIO coarseIo, fineIo;
  FridgeConfig config;
  config.compressorInitiallyOn = true;
  FridgeWorld coarse(coarseIo, config), fine(fineIo, config);
  coarseIo.advanceTo(kHour);
  for (TimeMs t = 7; t <= kHour; t += 7) fineIo.advanceTo(t);
  fineIo.advanceTo(kHour);
  EXPECT_EQ(coarse.airC(), fine.airC());
  EXPECT_EQ(coarse.contentsC(), fine.contentsC());
}

}  // namespace
}  // namespace emflow::world
