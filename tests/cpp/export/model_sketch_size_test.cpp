// The size `emflow export MODEL.bin` prints: the recorded base of the sketch's kind plus the
// blob, the board's limits (the Mega's blob within the engine's first 64 KB), and "does not
// fit" with both numbers. tests/firmware/model_check.sh checks the figure against real builds.
#include <gtest/gtest.h>

#include <string>

#include "host/firmware/export/board.h"
#include "host/firmware/export/model_sketch_size.h"
#include "ml/model_kinds.h"

namespace emflow::exporter {
namespace {

SketchModel forest(size_t bytes, bool int16 = false) {
  SketchModel m;
  m.kind = kModelTreeClassifier;
  m.bytes = bytes;
  m.features = 30;
  m.outputs = 5;
  m.int16 = int16;
  return m;
}

TEST(ModelSketchSize, IsTheBasePlusTheBlobAndFitsTheUno) {
  const Board& uno = *findBoard("uno");
  const ModelSketchSize size = modelSketchSize(forest(4785), uno);
  EXPECT_EQ(size.flash, size.baseFlash + 4785);
  EXPECT_TRUE(size.fits);
  // One float per feature of static RAM: ten more features, 40 B more.
  SketchModel wider = forest(4785);
  wider.features = 40;
  EXPECT_EQ(modelSketchSize(wider, uno).ram, size.ram + 40);
  // int16 trees carry the int16 paths; every other family links core/ml/families.cpp.
  EXPECT_GT(modelSketchSize(forest(4785, true), uno).baseFlash, size.baseFlash);
  SketchModel mlp = forest(4785);
  mlp.kind = kModelMlpClassifier;
  EXPECT_GT(modelSketchSize(mlp, uno).baseFlash, size.baseFlash + 10000);
  const std::string line = modelSketchSizeLine(size, uno, forest(4785));
  EXPECT_NE(line.find("sketch size on the Arduino Uno: flash ~" + std::to_string(size.flash) +
                      " B of 32256 B"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("+ 4785 B blob"), std::string::npos) << line;
}

TEST(ModelSketchSize, SaysWhatDoesNotFitWithTheNumbers) {
  const Board& uno = *findBoard("uno");
  const Board& mega = *findBoard("mega");
  const SketchModel big = forest(40000);
  const ModelSketchSize onUno = modelSketchSize(big, uno);
  EXPECT_FALSE(onUno.fits);
  EXPECT_NE(modelSketchSizeLine(onUno, uno, big)
                .find("does not fit: needs " + std::to_string(onUno.flash) +
                      " B of flash, the Arduino Uno has 32256 B"),
            std::string::npos);
  EXPECT_TRUE(modelSketchSize(big, mega).fits);
  // Beyond the first 64 KB the model engine cannot read the blob, even on the Mega.
  const SketchModel huge = forest(60000);
  const ModelSketchSize onMega = modelSketchSize(huge, mega);
  EXPECT_FALSE(onMega.fits);
  EXPECT_NE(modelSketchSizeLine(onMega, mega, huge).find("the Arduino Mega 2560 has 65536 B"),
            std::string::npos);
}

}  // namespace
}  // namespace emflow::exporter
