// `emflow codegen MODEL --name NAME -o OUT.h [--tables | --fast-vote]`: C++ for a tree model
// (inline if/else code, or compact flash tables walked by core/ml/tree_table.h).
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "command.h"
#include "options.h"
#include "host/modelgen/model_file.h"
#include "host/modelgen/tree_codegen.h"

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "emflow codegen: %s\n", message.c_str());
  return 1;
}

int run(const std::vector<std::string>& args) {
  emflow::modelgen::CodegenOptions options;
  std::string modelPath, outPath;
  emflow::cli::ArgCursor cursor(args);
  while (cursor.next()) {
    const std::string& a = cursor.arg();
    std::string why;
    if (a == "--name") {
      if (!cursor.value(&options.name, &why)) return fail(why);
    } else if (a == "-o" || a == "--output") {
      if (!cursor.value(&outPath, &why)) return fail(why);
    } else if (a == "--tables") {
      options.tables = true;
    } else if (a == "--fast-vote") {
      options.fastVote = true;
    } else if (a == "--max-nodes" || a == "--max-depth") {
      uint64_t count = 0;
      if (!cursor.count(1, 100000, &count, &why)) {
        std::fprintf(stderr, "emflow codegen: %s\n", why.c_str());
        return 2;  // a usage error, as in every subcommand
      }
      (a == "--max-nodes" ? options.maxNodesPerFunction : options.maxDepthPerFunction) =
          static_cast<size_t>(count);
    } else if (cursor.isOption()) {
      return fail("unknown option '" + a + "'");
    } else if (modelPath.empty()) {
      modelPath = a;
    } else {
      return fail("more than one model given");
    }
  }
  if (!cursor.error().empty()) return fail(cursor.error());
  if (modelPath.empty() || options.name.empty() || outPath.empty())
    return fail("usage: emflow codegen MODEL --name NAME -o OUT.h [--tables | --fast-vote]");

  std::vector<uint8_t> blob;
  std::string error;
  if (!emflow::modelgen::loadModelFile(modelPath, &blob, &error)) return fail(error);
  emflow::modelgen::TreeTables tables;
  const emflow::Status status = emflow::modelgen::readTreeTables(blob, &tables);
  if (status != emflow::kOk)
    return fail(modelPath + ": code generation supports tree models only (" +
                emflow::emflow_status_name(status) + ")");
  // The file name only, so the output does not depend on where the model was built.
  const size_t slash = modelPath.find_last_of('/');
  options.source = slash == std::string::npos ? modelPath : modelPath.substr(slash + 1);
  std::string text;
  if (!emflow::modelgen::generateTreeCode(tables, options, &text, &error)) return fail(error);
  std::ofstream out(outPath, std::ios::binary);
  if (!out || !out.write(text.data(), static_cast<std::streamsize>(text.size())))
    return fail("cannot write " + outPath);
  return 0;
}

const emflow::cli::CommandRegistration kRegistration({
    "codegen",
    "codegen MODEL --name NAME -o OUT.h [--tables | --fast-vote]",
    "generate C++ (inline if/else trees, or compact flash tables) from a tree model",
    "Writes a C++14 header (device code: no std, tables in flash on AVR) with namespace NAME\n"
    "{ predict(x, outputs); predict_label(x) for tree classifiers (fixed-point voting) }.\n"
    "MODEL is a binary blob or an emlearn tree .csv. Inline form (default): self-contained;\n"
    "trees are split into functions of at most --max-nodes decision nodes (default 200) and\n"
    "--max-depth nesting levels (default 16); on AVR the trees are walked by generated\n"
    "assembly whose size and cycles the sweep's cost model knows exactly (two-class votes\n"
    "summed in it; -DEMFLOW_CODEGEN_NO_ASM for the C code).\n"
    "--tables: pre-order node tables walked by core/ml/tree_table.h (compile with -I core),\n"
    "the smallest form; nodes split between trees into arrays of up to 32767 bytes.\n"
    "--fast-vote: multi-class (3-16 classes) inline predict_label votes in 16-bit registers\n"
    "through a second, flat copy of the trees: ~3.7x faster on AVR, ~2x the flash.",
    run,
});

}  // namespace
