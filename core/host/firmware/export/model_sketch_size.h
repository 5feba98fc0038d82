// What `emflow export MODEL.bin` prints after writing a model sketch: the flash and static RAM
// of that sketch on its board, from the sketch's size without its blob — measured on avr-gcc
// builds of exported sketches with the Arduino IDE's flags (tests/firmware/build_sketch.sh) and
// recorded here — plus the blob's bytes. tests/firmware/model_check.sh builds the exported
// activity and reference sketches and fails when this figure is off from the real build.
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_MODEL_SKETCH_SIZE_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_MODEL_SKETCH_SIZE_H

#include <cstddef>
#include <string>

#include "host/firmware/export/board.h"
#include "host/firmware/export/sketch_models.h"

namespace emflow::exporter {

struct ModelSketchSize {
  size_t flash = 0;      // the whole sketch: base + blob
  size_t baseFlash = 0;  // the sketch without its blob (engine, Serial, parsing, Arduino core)
  size_t ram = 0;        // static RAM (data + bss); the stack comes on top
  bool fits = true;      // flash <= the board's (and the blob within the first 64 KB)
};

// The sketch's size for `model` on `board` (uno or mega; others use the Uno's figures).
ModelSketchSize modelSketchSize(const SketchModel& model, const Board& board);

// "sketch size on the Arduino Uno: flash ~13869 B of 32256 B (42 %; 9084 B for such a sketch
// without its model, measured with avr-gcc, + 4785 B blob), static RAM ~389 B of 2048 B" or,
// when it does not fit, "does not fit: needs 40123 B of flash, the Arduino Uno has 32256 B
// (...)". "~": the total is the recorded base plus the blob, not a build of this sketch.
std::string modelSketchSizeLine(const ModelSketchSize& size, const Board& board,
                                const SketchModel& model);

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_MODEL_SKETCH_SIZE_H
