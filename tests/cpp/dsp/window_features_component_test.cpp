// WindowFeatures in a real network, through the component harness: the bracketed feature
// vector it sends and how it refuses bad configuration. A build without the component in the
// library (core/components/library_entries.h) fails here: a lost component is never a skip.
#include <gtest/gtest.h>

#include "../components/harness.h"
#include "components/window_features.h"

namespace emflow::testing {
namespace {

TEST(WindowFeaturesComponent, IsInTheLibrary) {
  const ComponentInfo* info = emflow_find_component("WindowFeatures");
  ASSERT_NE(info, nullptr) << "WindowFeatures is missing from library_entries.h";
  EXPECT_STREQ(info->name, "WindowFeatures");
}

TEST(WindowFeaturesComponent, SendsBracketedFeaturesPerWindow) {
  ComponentHarness h("WindowFeatures");
  h.start();
  h.send("size", Packet::Int(4));
  EXPECT_TRUE(h.send("in", Packet::Float(1)).empty());
  h.send("in", Packet::Float(-1));
  h.send("in", Packet::Int(3));
  const std::vector<Output> out = h.send("in", Packet::Float(5));
  const float expected[6] = {2, sqrtf(5.0f), -1, 5, 3, 2};
  ASSERT_EQ(out.size(), 8u);
  EXPECT_EQ(out[0].packet.type, kPacketBracketOpen);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(out[1 + i].packet.type, kPacketFloat);
    EXPECT_FLOAT_EQ(out[1 + i].packet.value.f, expected[i]) << i;
  }
  EXPECT_EQ(out[7].packet.type, kPacketBracketClose);
}

TEST(WindowFeaturesComponent, RejectsConfigurationBeyondCapacity) {
  ComponentHarness h("WindowFeatures");
  h.start();
  h.send("size", Packet::Int(WindowBuffer::kCapacity + 1));  // refused: keeps size 8
  for (int i = 0; i < 7; ++i) EXPECT_TRUE(h.send("in", Packet::Float(1)).empty());
  EXPECT_EQ(h.send("in", Packet::Float(1)).size(), 8u);
}

}  // namespace
}  // namespace emflow::testing
