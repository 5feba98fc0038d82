// Fuzzes the C++ generator (`emflow codegen`) on tree blobs the loader accepts: every form
// (inline with its AVR assembly, --tables, --fast-vote) must give a header or an error message,
// never a crash, hang or out-of-bounds access (users give the playground any model file).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "host/modelgen/tree_codegen.h"
#include "host/modelgen/tree_tables.h"
#include "repaired_crc.h"

namespace {

void generate(const std::vector<uint8_t>& blob) {
  emflow::modelgen::TreeTables tables;
  if (emflow::modelgen::readTreeTables(blob, &tables) != emflow::kOk) return;
  for (int form = 0; form < 3; ++form) {
    emflow::modelgen::CodegenOptions options;
    options.name = "fuzzed";
    options.tables = form == 1;
    options.fastVote = form == 2;
    std::string code;
    std::string error;
    const bool ok = emflow::modelgen::generateTreeCode(tables, options, &code, &error);
    if (ok ? code.empty() : error.empty()) __builtin_trap();  // neither a header nor a reason
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  generate(std::vector<uint8_t>(data, data + size));
  const std::vector<uint8_t> repaired = withRepairedCrc(data, size);
  if (!repaired.empty()) generate(repaired);
  return 0;
}
