// emlearn tree CSV: valid files load; every kind of damage gives an error with its line.
#include <gtest/gtest.h>

#include "host/modelgen/tree_csv.h"
#include "ml/model.h"

namespace emflow::modelgen {
namespace {

const char* kValid =
    "f,2\nc,2\nlb,0\nl,0\nl,1\nr,0\nr,-2\n"
    "n,0,1.5,-1,1\n"
    "n,1,-2,-2,-1\n";

std::string errorOf(const std::string& text) {
  TreeTables t;
  std::string error;
  EXPECT_FALSE(parseTreeCsv(text, &t, &error)) << text;
  return error;
}

TEST(TreeCsv, LoadsAndPredictsByMajorityVote) {
  TreeTables t;
  std::string error;
  ASSERT_TRUE(parseTreeCsv(kValid, &t, &error)) << error;
  EXPECT_EQ(t.kind, kModelTreeClassifier);
  EXPECT_TRUE(t.int16);
  const std::vector<uint8_t> blob = writeTreeBlob(t);
  Model model;
  ASSERT_EQ(modelOpen(&model, blob.data(), blob.size(), kMemoryRam), kOk);
  float out[2];
  int32_t label;
  const int16_t x[2] = {2, -3};  // tree 0 -> leaf 1 (class 1), tree 1 -> class 1
  ASSERT_EQ(modelPredictInt16(&model, x, 2, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_FLOAT_EQ(out[1], 1.0f);
}

// The device (emlearn-micropython's load_model + eml_trees.h) reads int(float(t)) and goes left
// when x < t: a feature equal to the written threshold goes right, 8410 goes left.
TEST(TreeCsv, ThresholdsFollowTheDevice) {
  const char* text = "f,1\nc,2\nl,0\nl,1\nr,0\nn,0,8411.9,-1,-2\n";
  TreeTables t;
  std::string error;
  ASSERT_TRUE(parseTreeCsv(text, &t, &error)) << error;
  const std::vector<uint8_t> blob = writeTreeBlob(t);
  Model model;
  ASSERT_EQ(modelOpen(&model, blob.data(), blob.size(), kMemoryRam), kOk);
  float out[2];
  for (int16_t x : {int16_t{8410}, int16_t{8411}, int16_t{8412}}) {
    int32_t label = -1;
    ASSERT_EQ(modelPredictInt16(&model, &x, 1, out, 2, &label), kOk);
    EXPECT_EQ(label, x < 8411 ? 0 : 1) << x;
  }
  // int(float("-7.5")) is -7: truncation toward zero, not floor.
  ASSERT_TRUE(parseTreeCsv("f,1\nc,2\nl,0\nl,1\nr,0\nn,0,-7.5,-1,-2\n", &t, &error));
  EXPECT_EQ(t.nodes[0].threshold, -8);
  // x < -32768 holds for no int16: both children become the right one.
  ASSERT_TRUE(parseTreeCsv("f,1\nc,2\nl,0\nl,1\nr,0\nn,0,-32768,-1,-2\n", &t, &error));
  EXPECT_EQ(t.nodes[0].left, -2);
}

TEST(TreeCsv, RefusesWhatTheDeviceCannotLoad) {
  EXPECT_EQ(
      errorOf("f,1\nc,0\nlb,0\nl,2\nr,0\nn,0,1,-1,-1\n"),
      "line 2: c,0 is a regressor: emltrees is built without regression, so the device cannot "
      "load it");
  EXPECT_EQ(errorOf("f,1\nc,2\nl,0.25\n"),
            "line 3: bad leaf value '0.25' (the device reads an integer class index)");
  EXPECT_EQ(errorOf("f,1\nc,2\nl,0\nr,0\nn,0,32768,-1,-1\n"),
            "line 5: threshold '32768' is outside int16 (the device would wrap it)");
  EXPECT_EQ(errorOf("f,200\nc,2\nl,0\nr,0\nn,128,1,-1,-1\n"),
            "line 5: feature 128 past 127 (the device's features are int8)");
  EXPECT_EQ(errorOf("f,1\nc,2\nl,0\nr,40000\n"),
            "line 4: bad root '40000' (the device's roots are int16)");
}

TEST(TreeCsv, ErrorsNameTheLine) {
  EXPECT_EQ(errorOf("f,2\nc,2\nx,1\n"), "line 3: unknown record type 'x'");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\nr,0\nn,0,abc,-1,-1\n"), "line 5: bad threshold 'abc'");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\nr,0\nn,2,1,-1,-1\n"), "line 5: feature 2 >= n_features");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\nr,0\nn,0,1,0,-1\n"),
            "line 5: a child points at its own node (a cycle)");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\nr,0\nn,0,1,3,-1\n"),
            "line 5: a child points past the last node");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\nr,0\nn,0,1,-1,-7\n"), "line 5: a child names a missing leaf");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,5\nr,0\nn,0,1,-1,-1\n"),
            "line 3: leaf value '5' is not a class index below 2");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\nr,4\nn,0,1,-1,-1\n"), "line 4: root 4 is past the last node");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\nr,0\nn,0,1,-1\n"),
            "line 5: 'n' needs feature,threshold,left,right");
  EXPECT_EQ(errorOf("c,2\nl,0\nr,-1\n"), "missing 'f,<n_features>' record");
  EXPECT_EQ(errorOf(std::string("f,2\nc,2\nl,0\nr,0\nn,0,0.5\0junk,-1,-1\n", 35)),
            "line 5: NUL byte in a field");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\n"), "no 'r' (tree root) records");
  EXPECT_EQ(errorOf("f,2\nc,2\nlb,4\n"),
            "line 3: leaf bits 4 not supported (only 0: one value per leaf)");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,nan\n"),
            "line 3: bad leaf value 'nan' (the device reads an integer class index)");
}

}  // namespace
}  // namespace emflow::modelgen
