// `emflow compile FILE -o OUT.bin`: a graph as the binary command stream a device loads, for
// the host, the Uno or (`--board mega`) the Mega 2560 whose A0 is pin 54.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "command.h"
#include "options.h"
#include "host/firmware/export/board.h"
#include "host/firmware/graph_file.h"
#include "host/firmware/firmware_sources.h"
#include "host/firmware/stream_encoder.h"

namespace emflow::cli {
namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "emflow compile: %s\n", message.c_str());
  return 2;
}

int runCompile(const std::vector<std::string>& args) {
  std::string input, output, components, target = "host", format = "bin", symbol = "emflow_graph";
  std::string boardId;
  ArgCursor cursor(args);
  std::string why;
  while (cursor.next()) {
    const std::string& arg = cursor.arg();
    if (arg == "-o" || arg == "--output") {
      if (!cursor.value(&output, &why)) return fail("-o needs a file name");
    } else if (arg == "--target") {
      if (!cursor.value(&target, &why) || (target != "host" && target != "uno"))
        return fail("--target must be host or uno (--board mega for the Mega 2560)");
    } else if (arg == "--board") {
      if (!cursor.value(&boardId, &why))
        return fail("--board needs one of: " + exporter::boardIds());
    } else if (arg == "--format") {
      if (!cursor.value(&format, &why) ||
          (format != "bin" && format != "cpp" && format != "wiring"))
        return fail("--format must be bin, cpp or wiring");
    } else if (arg == "--symbol") {
      if (!cursor.value(&symbol, &why) || !firmware::isIdentifier(symbol))
        return fail("--symbol needs a C++ identifier");
    } else if (arg == "--components") {
      if (!cursor.value(&components, &why)) return fail("--components needs a file name");
    } else if (cursor.isOption()) {
      return fail("unknown option '" + arg + "'");
    } else if (input.empty()) {
      input = arg;
    } else {
      return fail("one FILE only");
    }
  }
  if (!cursor.error().empty()) return fail(cursor.error());
  if (input.empty()) return fail("missing FILE");
  if (output.empty()) return fail("missing -o OUT");

  // --board takes the limits and the pin map of `emflow export`'s board table: the Mega's are
  // what its generic firmware reports and the web compiles with (48 nodes, 64 connections, 64
  // initial packets, A0 = 54). --target uno is the older spelling of --board uno.
  if (target == "uno" && !boardId.empty() && boardId != "uno")
    return fail("--target uno and --board " + boardId + " disagree");
  if (target == "uno") boardId = "uno";
  const exporter::Board* board = nullptr;
  if (!boardId.empty()) {
    board = exporter::findBoard(boardId);
    if (!board)
      return fail("unknown board '" + boardId + "' (boards: " + exporter::boardIds() + ")");
  }
  std::vector<std::string> errors, notes;
  const firmware::CompileLimits limits = board ? board->limits : firmware::CompileLimits{};
  std::optional<firmware::CompiledGraph> graph =
      firmware::compileGraphFile(input, limits, &errors, &notes);
  // The pins the board moved (the Uno's A0 is the Mega's pin 54): said, never silent.
  for (const std::string& n : notes) std::fprintf(stderr, "%s\n", n.c_str());
  if (!graph) {
    for (const std::string& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
    return 1;
  }
  std::string error;
  const std::vector<uint8_t> stream = firmware::encodeCommandStream(*graph, &error);
  if (stream.empty()) {
    std::fprintf(stderr, "%s: %s\n", input.c_str(), error.c_str());
    return 1;
  }
  std::ofstream out(output, std::ios::binary);
  if (format == "cpp") {
    out << firmware::firmwareGraphSource(*graph, stream, symbol, input);
  } else if (format == "wiring") {
    out << firmware::staticWiringSource(*graph, input);
  } else {
    out.write(reinterpret_cast<const char*>(stream.data()),
              static_cast<std::streamsize>(stream.size()));
  }
  out.close();
  if (!out) {
    std::fprintf(stderr, "emflow compile: cannot write %s\n", output.c_str());
    return 1;
  }
  if (!components.empty()) {
    std::ofstream table(components, std::ios::binary);
    table << firmware::componentTableSource(*graph, input);
    table.close();
    if (!table) {
      std::fprintf(stderr, "emflow compile: cannot write %s\n", components.c_str());
      return 1;
    }
  }
  std::fprintf(stderr, "%s: %zu nodes, %zu connections, %zu initial packets -> %zu bytes\n",
               input.c_str(), graph->nodes.size(), graph->edges.size(), graph->initials.size(),
               stream.size());
  return 0;
}

const CommandRegistration kRegistration({
    "compile",
    "compile FILE -o OUT [options]",
    "compile a graph to the binary command stream a device loads",
    "Options: [--board uno|mega] [--format bin|cpp|wiring] [--symbol NAME] [--components F]\n"
    "Reads FILE (.fbp, or NoFlo JSON when it ends in .json), checks it against the component\n"
    "library and writes its command stream (docs/command-stream.md) to OUT.\n"
    "Board components (ArduinoUno) are folded into pin-number initial packets.\n"
    "  --board uno      refuse graphs that exceed the ATmega328P firmware's capacities\n"
    "                   (12 nodes, 16 connections, 16 initial packets); --target uno is the same\n"
    "  --board mega     for the Mega 2560's generic firmware: 48 nodes, 64 connections, 64\n"
    "                   initial packets, and the board's A0..A5 become pins 54..59 (the Uno's\n"
    "                   14..19), as the web app compiles for a virtual or real Mega\n"
    "  --format cpp     write a C++ PROGMEM array instead of raw bytes (for firmware)\n"
    "  --format wiring  write C++ static wiring, emflow_build_graph(Network&), instead of a\n"
    "                   stream: smaller firmware (no stream decoder), fixed graph\n"
    "                   whose second line lists the exact-fit capacities as -D flags\n"
    "  --symbol NAME    the array's name with --format cpp (default emflow_graph)\n"
    "  --components F   also write F, a C++ component table with only the components the\n"
    "                   graph uses (built instead of core/components/library.cpp)\n"
    "Errors go to stderr as FILE:LINE:COLUMN: message, with exit status 1.",
    runCompile,
});

}  // namespace
}  // namespace emflow::cli
