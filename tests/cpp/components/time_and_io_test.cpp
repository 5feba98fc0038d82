// Components that use time or hardware, against the fake IO: Timer, ReadDallasTemperature,
// MonitorPin, DigitalWrite/Read, AnalogRead, PwmWrite, SerialOut.
#include <gtest/gtest.h>

#include "components/components.h"
#include "harness.h"

namespace emflow {
namespace testing {
namespace {

TEST(Timer, BangsEveryIntervalWithoutDrift) {
  ComponentHarness h("Timer");
  EXPECT_TRUE(h.start().empty());
  EXPECT_TRUE(h.send("interval", Packet::Int(5000)).empty());
  EXPECT_TRUE(h.advanceTo(4999).empty());
  EXPECT_EQ(h.advanceTo(5000).size(), 1u);
  // A late loop (t=5100 -> 12000) still yields deadlines at 10000, not 10100.
  EXPECT_EQ(h.advanceTo(12000).size(), 1u);
  TimeMs next;
  ASSERT_TRUE(h.network.nextWakeup(&next));
  EXPECT_EQ(next, 15000u);
  EXPECT_EQ(h.advanceTo(60000).size(), 10u);  // 15000, 20000, ..., 60000
}

TEST(Timer, EnableResetAndZeroInterval) {
  ComponentHarness h("Timer");
  h.start();  // default interval 1000 ms
  EXPECT_EQ(h.advanceTo(1000).size(), 1u);
  h.send("enable", Packet::Bool(false));
  TimeMs next;
  EXPECT_FALSE(h.network.nextWakeup(&next));
  EXPECT_TRUE(h.advanceTo(5000).empty());
  h.send("enable", Packet::Bool(true));  // restarts the period from now
  EXPECT_TRUE(h.advanceTo(5999).empty());
  EXPECT_EQ(h.advanceTo(6000).size(), 1u);
  h.io.now = 6500;
  h.send("reset", Packet::Void());
  EXPECT_TRUE(h.advanceTo(7499).empty());
  EXPECT_EQ(h.advanceTo(7500).size(), 1u);
  h.send("interval", Packet::Int(0));
  EXPECT_FALSE(h.network.nextWakeup(&next));
  h.send("interval", Packet::Int(-5));
  EXPECT_EQ(h.network.stats().rejected, 1u);
}

class Dallas : public ::testing::Test {
 protected:
  Dallas() : h("ReadDallasTemperature") {
    h.start();
    h.io.sensors[9].raw = 4 * 16 + 8;  // 4.5 °C
  }
  void configure() {
    h.send("pin", Packet::Int(9));
    h.send("address", Packet::BracketOpen());
    const uint8_t rom[8] = {0x28, 0xAF, 0x1C, 0xB2, 0x04, 0x00, 0x00, 0x33};
    for (uint8_t b : rom) h.send("address", Packet::Byte(b));
    h.send("address", Packet::BracketClose());
  }
  ComponentHarness h;
};

TEST_F(Dallas, ReadsAfterTheConversionTimeWithoutBlocking) {
  configure();
  EXPECT_EQ(h.network.stats().rejected, 0u);
  EXPECT_TRUE(h.send("trigger", Packet::Void()).empty());
  EXPECT_EQ(h.io.lastAddress.bytes[0], 0x28);
  EXPECT_EQ(h.io.lastAddress.bytes[7], 0x33);
  EXPECT_TRUE(h.advanceTo(749).empty());
  const auto out = h.advanceTo(750);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].packet, Packet::Float(4.5f));
}

TEST_F(Dallas, SlowSensorIsPolledThenTimesOut) {
  configure();
  h.io.sensors[9].conversionMs = 800;
  h.send("trigger", Packet::Void());
  auto out = h.advanceTo(800);
  ASSERT_EQ(out.size(), 1u);  // 750, 760, ... 800
  EXPECT_EQ(out[0].packet, Packet::Float(4.5f));
  h.io.sensors[9].conversionMs = 100000;  // never ready
  h.send("trigger", Packet::Void());
  out = h.advanceTo(5000);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].packet, Packet::Error(kErrNotReady));
}

TEST_F(Dallas, ErrorsBecomeErrorPackets) {
  configure();
  h.io.sensors[9].error = kErrSensorCrc;
  h.send("trigger", Packet::Void());
  auto out = h.advanceTo(1000);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].packet, Packet::Error(kErrSensorCrc));
  h.send("pin", Packet::Int(3));  // nothing on pin 3
  out = h.send("trigger", Packet::Void());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].packet, Packet::Error(kErrNoSensor));
}

TEST_F(Dallas, RejectsTriggersItCannotServe) {
  h.send("trigger", Packet::Void());  // no pin, no address
  EXPECT_EQ(h.network.lastError().status, kErrNotReady);
  configure();
  h.send("trigger", Packet::Void());
  h.send("trigger", Packet::Void());  // conversion running
  EXPECT_EQ(h.network.lastError().status, kErrBusy);
  h.send("address", Packet::BracketOpen());
  h.send("address", Packet::Byte(1));
  h.send("address", Packet::BracketClose());
  EXPECT_EQ(h.network.lastError().status, kErrTruncated);
  h.send("address", Packet::Int(300));
  EXPECT_EQ(h.network.lastError().status, kErrOutOfRange);
  EXPECT_EQ(h.network.stats().rejected, 4u);
}

TEST(DigitalWrite, WritesEchoesAndNeedsAPin) {
  ComponentHarness h("DigitalWrite");
  h.start();
  EXPECT_TRUE(h.send("in", Packet::Bool(true)).empty());
  EXPECT_EQ(h.network.lastError().status, kErrNotReady);
  h.send("pin", Packet::Int(11));
  EXPECT_EQ(h.io.modes[11], kPinOutput);
  EXPECT_EQ(h.send("in", Packet::Bool(true)), (std::vector<Output>{{"out", Packet::Bool(true)}}));
  EXPECT_TRUE(h.io.levels[11]);
  EXPECT_EQ(h.send("in", Packet::Int(0)), (std::vector<Output>{{"out", Packet::Bool(false)}}));
  EXPECT_FALSE(h.io.levels[11]);
  h.io.failPins = kErrUnsupported;
  EXPECT_EQ(h.send("in", Packet::Bool(true)),
            (std::vector<Output>{{"out", Packet::Error(kErrUnsupported)}}));
  h.send("pin", Packet::Int(255));
  EXPECT_EQ(h.network.lastError().status, kErrOutOfRange);
}

TEST(DigitalRead, ReadsOnTriggerWithPullup) {
  ComponentHarness h("DigitalRead");
  h.start();
  h.send("pullup", Packet::Bool(true));
  h.send("pin", Packet::Int(4));
  EXPECT_EQ(h.io.modes[4], kPinInputPullup);
  h.io.levels[4] = true;
  EXPECT_EQ(h.send("trigger", Packet::Void()), (std::vector<Output>{{"out", Packet::Bool(true)}}));
}

TEST(AnalogRead, ReadsOnTrigger) {
  ComponentHarness h("AnalogRead");
  h.start();
  h.send("trigger", Packet::Void());
  EXPECT_EQ(h.network.lastError().status, kErrNotReady);
  h.send("pin", Packet::Int(14));
  h.io.analog[14] = 612;
  EXPECT_EQ(h.send("trigger", Packet::Void()), (std::vector<Output>{{"out", Packet::Int(612)}}));
}

TEST(PwmWrite, WritesDutyAndRejectsOutOfRange) {
  ComponentHarness h("PwmWrite");
  h.start();
  h.send("pin", Packet::Int(6));
  EXPECT_EQ(h.send("in", Packet::Int(128)), (std::vector<Output>{{"out", Packet::Int(128)}}));
  EXPECT_EQ(h.io.pwm[6], 128);
  EXPECT_TRUE(h.send("in", Packet::Int(256)).empty());
  EXPECT_EQ(h.network.lastError().status, kErrOutOfRange);
}

TEST(MonitorPin, SendsInitialLevelAndChangesOnly) {
  ComponentHarness h("MonitorPin");
  h.start();
  h.io.levels[2] = false;
  EXPECT_EQ(h.send("pin", Packet::Int(2)), (std::vector<Output>{{"out", Packet::Bool(false)}}));
  EXPECT_TRUE(h.advanceTo(1000).empty());
  h.io.levels[2] = true;
  EXPECT_TRUE(h.advanceTo(1099).empty());
  EXPECT_EQ(h.advanceTo(1100), (std::vector<Output>{{"out", Packet::Bool(true)}}));
  h.send("interval", Packet::Int(10));
  h.io.levels[2] = false;
  EXPECT_EQ(h.advanceTo(1110), (std::vector<Output>{{"out", Packet::Bool(false)}}));
}

TEST(SerialOut, WritesOneLinePerPacket) {
  ComponentHarness h("SerialOut");
  h.start();
  h.send("in", Packet::Bool(true));
  h.send("in", Packet::Int(-42));
  h.send("in", Packet::Float(21.456f));
  h.send("in", Packet::Float(-0.5f));
  h.send("in", Packet::Void());
  h.send("in", Packet::Error(kErrNoSensor));
  h.send("in", Packet::Byte(200));
  EXPECT_EQ(h.io.serial, "true\n-42\n21.46\n-0.50\nbang\nerror 23\n200\n");
}

}  // namespace
}  // namespace testing
}  // namespace emflow
