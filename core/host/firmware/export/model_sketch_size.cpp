#include "model_sketch_size.h"

#include "ml/model_kinds.h"

namespace emflow::exporter {

namespace {

// Flash of the exported model sketch without its blob, measured 2026-12-07 with
// tests/firmware/build_sketch.sh (Arduino IDE 1.8 flags, Debian's core 1.8.7, avr-gcc 5.4) on
// sketches of examples/models/activity.bin, tests/avr/fixtures/reference{,_float}.bin and
// tests/fuzz/corpus/model_loader/{dt_classifier,gb_classifier,isolation_forest,
// mlp_int16_relu,family_00,family_03,family_06}.bin; the largest of each group. The base
// differs by what the exporter compiles in (emflow_config.h): forests alone, gradient
// boosting, isolation forests, or every other family (core/ml/families.cpp).
struct Base {
  size_t uno;
  size_t mega;
};
constexpr Base kForestFloat = {9084, 9104};
constexpr Base kForestInt16 = {9286, 9288};
constexpr Base kBoosting = {10548, 10508};
constexpr Base kIsolation = {10457, 10399};
constexpr Base kOtherFamilies = {24466, 24284};
// int16 tree paths cost this much more than the float ones (measured on the forests above);
// boosting and isolation forests in int16 were not built: their figure adds it.
constexpr Base kInt16Extra = {kForestInt16.uno - kForestFloat.uno,
                              kForestInt16.mega - kForestFloat.mega};

// Static RAM: the serial buffers, the model store and the sketch's state, plus one float per
// feature (the row being read): 285 B with 4 features on both boards, 389 B with 30.
constexpr size_t kRamBase = 269;
constexpr size_t kRamPerFeature = 4;

size_t pick(const Base& base, const Board& board) {
  return board.id == "mega" ? base.mega : base.uno;
}

}  // namespace

ModelSketchSize modelSketchSize(const SketchModel& model, const Board& board) {
  ModelSketchSize size;
  const bool tree = model.kind >= 1 && model.kind <= kModelLastTreeKind;
  if (!tree) {
    size.baseFlash = pick(kOtherFamilies, board);
  } else {
    const bool boosting = model.kind == kModelGradientBoostingClassifier ||
                          model.kind == kModelGradientBoostingRegressor;
    const bool isolation = model.kind == kModelIsolationForest;
    if (boosting || isolation) {
      size.baseFlash = pick(boosting ? kBoosting : kIsolation, board) +
                       (model.int16 ? pick(kInt16Extra, board) : 0);
    } else {
      size.baseFlash = pick(model.int16 ? kForestInt16 : kForestFloat, board);
    }
  }
  size.flash = size.baseFlash + model.bytes;
  size.ram = kRamBase + kRamPerFeature * model.features;
  // The model engine reads flash with 16-bit addresses: on the Mega too the blob must sit in
  // the first 64 KB (flashRefusal says the same for graph sketches).
  const size_t limit = board.flashBytes < 65536 ? board.flashBytes : 65536;
  size.fits = size.flash <= limit && size.ram < board.ramBytes;
  return size;
}

std::string modelSketchSizeLine(const ModelSketchSize& size, const Board& board,
                                const SketchModel& model) {
  const std::string parts = std::to_string(size.baseFlash) +
                            " B for such a sketch without its model, measured with avr-gcc, + " +
                            std::to_string(model.bytes) + " B blob";
  const size_t limit = board.flashBytes < 65536 ? board.flashBytes : 65536;
  if (!size.fits) {
    if (size.flash > limit)
      return "does not fit: needs " + std::to_string(size.flash) + " B of flash, the " +
             board.name + " has " + std::to_string(limit) + " B" +
             (limit < board.flashBytes ? " the model engine can read (the first 64 KB)" : "") +
             " (" + parts + ")";
    return "does not fit: needs " + std::to_string(size.ram) + " B of static RAM, the " +
           board.name + " has " + std::to_string(board.ramBytes) + " B";
  }
  const unsigned percent = static_cast<unsigned>(size.flash * 100 / board.flashBytes);
  return "sketch size on the " + board.name + ": flash ~" + std::to_string(size.flash) + " B of " +
         std::to_string(board.flashBytes) + " B (" + std::to_string(percent) + " %; " + parts +
         "), static RAM ~" + std::to_string(size.ram) + " B of " + std::to_string(board.ramBytes) +
         " B";
}

}  // namespace emflow::exporter
