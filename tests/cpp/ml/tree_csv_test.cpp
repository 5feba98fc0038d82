// emlearn tree CSV: valid files load; every kind of damage gives an error with its line.
#include <gtest/gtest.h>

#include "host/modelgen/tree_csv.h"
#include "ml/model.h"

namespace emflow::codegen {
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
  const std::vector<uint8_t> blob = writeTreeBlob(t);
  Model model;
  ASSERT_EQ(modelOpen(&model, blob.data(), blob.size(), kMemoryRam), kOk);
  float out[2];
  int32_t label;
  const float x[2] = {2.0f, -3.0f};  // tree 0 -> leaf 1 (class 1), tree 1 -> class 1
  ASSERT_EQ(modelPredict(&model, x, 2, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_FLOAT_EQ(out[1], 1.0f);
}

TEST(TreeCsv, RegressorLeavesAreValues) {
  TreeTables t;
  std::string error;
  ASSERT_TRUE(parseTreeCsv("f,1\nc,0\nlb,0\nl,2.5\nl,-1\nr,0\nn,0,0.5,-1,-2\n", &t, &error));
  EXPECT_EQ(t.kind, kModelTreeRegressor);
  EXPECT_FLOAT_EQ(t.leaves[1][0], -1.0f);
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
            "line 3: leaf value '5.000000' is not a class index below 2");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\nr,4\nn,0,1,-1,-1\n"), "line 4: root 4 is past the last node");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\nr,0\nn,0,1,-1\n"),
            "line 5: 'n' needs feature,threshold,left,right");
  EXPECT_EQ(errorOf("c,2\nl,0\nr,-1\n"), "missing 'f,<n_features>' record");
  EXPECT_EQ(errorOf(std::string("f,2\nc,2\nl,0\nr,0\nn,0,0.5\0junk,-1,-1\n", 35)),
            "line 5: NUL byte in a field");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,0\n"), "no 'r' (tree root) records");
  EXPECT_EQ(errorOf("f,2\nc,2\nlb,4\n"),
            "line 3: leaf bits 4 not supported (only 0: one value per leaf)");
  EXPECT_EQ(errorOf("f,2\nc,2\nl,nan\n"), "line 3: bad leaf value 'nan'");
}

}  // namespace
}  // namespace emflow::codegen
