// `emflow export MODEL.bin --board uno -o DIR/`: a sketch that runs one model alone on the
// board. It reads feature rows on the serial port (115200 baud; one row per line, numbers
// separated by commas) and answers each with one line `LABEL,OUT0,OUT1,...` — the label as
// `emflow predict` prints it, then every output (`emflow predict --proba`) with 9 significant
// digits, so a float32 comes back exactly. A bad row gets `error STATUS` (runtime/status.h)
// instead. Useful on real hardware, and how CI checks that a model predicts on a simulated
// ATmega328P what the host predicts (tests/firmware/model_serial.mjs).
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_MODEL_SKETCH_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_MODEL_SKETCH_H

#include <cstdint>
#include <string>
#include <vector>

#include "host/firmware/export/board.h"
#include "host/firmware/export/sketch_export.h"
#include "host/firmware/export/source_tree.h"

namespace emflow::exporter {

// True for the files exportModelSketch takes (a .bin name, any case).
bool isModelFile(const std::string& path);

// The sketch for one model blob; a blob that is not a model is refused in `errors`. Whether
// the sketch fits its board is for the caller to say (model_sketch_size.h): `emflow export`
// writes it all the same and prints the numbers.
SketchExport exportModelSketch(const std::vector<uint8_t>& blob, const std::string& sourceName,
                               const Board& board, const SourceTree& sources,
                               const std::string& name = "");

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_MODEL_SKETCH_H
