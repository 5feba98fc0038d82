#include "tree_codegen.h"

#include "avr_tree_asm.h"
#include "multiclass_vote_codegen.h"
#include "tree_table_codegen.h"
#include "host/cpp_keywords.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <deque>
#include <sstream>

namespace emflow::modelgen {

namespace {

// Besides C++'s own words, names the generated header's surroundings already use.
bool reservedName(const std::string& name) {
  return isCppKeyword(name) || name == "emflow" || name == "std";
}

std::string floatLiteral(double value) {
  char text[48];
  std::snprintf(text, sizeof text, "%.9g", value);
  std::string s = text;
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s + "f";
}

std::string thresholdLiteral(const TreeTables& t, double value) {
  if (!t.int16) return floatLiteral(value);
  const long v = static_cast<long>(value);
  return v == -32768 ? "(-32767 - 1)" : std::to_string(v);
}

// Where the generated assembly walks the trees (avr_tree_asm.h); elsewhere, and with
// -DEMFLOW_CODEGEN_NO_ASM, the C++ if/else code does.
const char* const kAsmOn = "#if defined(__AVR__) && !defined(EMFLOW_CODEGEN_NO_ASM)\n";
const char* const kAsmOff = "#if !defined(__AVR__) || defined(EMFLOW_CODEGEN_NO_ASM)\n";

// The assembly of trees [first, end) storing their leaf indices in leaf[] (avrLeafAsm), as
// a function of the generated header.
void writeLeafAsm(const TreeTables& t, size_t first, size_t end, const std::string& leafType,
                  std::ostringstream& h) {
  const AvrAsm code = avrLeafAsm(t, first, end);
  h << "inline void tree_leaves_" << first << "(const Feature* x, " << leafType << "* leaf) {\n"
    << "  const Feature* p = x;\n";
  if (t.int16) {
    h << "  __asm__ volatile(\n" << code.body << "      : \"+x\"(leaf), \"+z\"(p)\n      :\n";
  } else {  // X first points to room for the row's keys, followed by the output's address
    h << "  uint8_t room[4 * kFeatures + sizeof leaf];\n"
      << "  memcpy(room + 4 * kFeatures, &leaf, sizeof leaf);\n  uint8_t* cursor = room;\n"
      << "  __asm__ volatile(\n"
      << code.body << "      : \"+x\"(cursor), \"+z\"(p)\n      :\n";
  }
  h << "      : " << code.clobbers << ");\n}\n\n";
}

// On AVR, the start of a chunk function that adds from the leaf indices the assembly stores
// for trees [start, end): the leaf buffer, the call and the loop head (its body follows).
void writeLeafLoop(const std::string& leafType, size_t start, size_t end, std::ostringstream& h) {
  h << kAsmOn << "  " << leafType << " leaf[" << (end - start) << "];\n  tree_leaves_" << start
    << "(x, leaf);\n  for (uint16_t i = 0; i < " << (end - start) << "; ++i)\n";
}

std::string leafIndexType(size_t nLeaves) {
  return nLeaves <= 256 ? "uint8_t" : nLeaves <= 65536 ? "uint16_t" : "uint32_t";
}

// Emits the if/else code of one tree, splitting into helper functions as needed.
class TreeWriter {
 public:
  TreeWriter(const TreeTables& t, const CodegenOptions& o, std::ostringstream& out)
      : t_(t), o_(o), out_(out), leaf_type_(leafIndexType(t.leaves.size())) {}

  // Returns the name of the function computing tree `tree`'s leaf index.
  std::string writeTree(size_t tree) {
    const std::string name = "tree_" + std::to_string(tree);
    const int32_t root = t_.roots[tree];
    pending_.clear();
    pending_.push_back({name, root});
    size_t part = 0;
    std::ostringstream functions;
    while (!pending_.empty()) {
      const Pending job = pending_.front();
      pending_.pop_front();
      current_ = job.function;
      nodes_in_function_ = 0;
      std::ostringstream body;
      if (job.ref < 0) {
        body << "  return " << (-(job.ref + 1)) << ";\n";
      } else {
        writeNode(static_cast<size_t>(job.ref), 1, 0, body, &part, name);
      }
      std::ostringstream fn;
      fn << "static " << leaf_type_ << " " << job.function << "(const Feature* x) {\n"
         << body.str() << "}\n\n";
      functions << fn.str();
      declarations_ << "static " << leaf_type_ << " " << job.function << "(const Feature* x);\n";
    }
    out_ << functions.str();
    return name;
  }

  std::string declarations() const { return declarations_.str(); }

 private:
  struct Pending {
    std::string function;
    int32_t ref;
  };

  void writeChild(size_t node, int32_t ref, size_t indent, size_t depth, std::ostringstream& body,
                  size_t* part, const std::string& treeName) {
    const std::string pad(2 * indent, ' ');
    if (ref < 0) {
      body << pad << "return " << (-(ref + 1)) << ";\n";
      return;
    }
    const size_t child = node + static_cast<size_t>(ref);
    if (depth >= o_.maxDepthPerFunction || nodes_in_function_ >= o_.maxNodesPerFunction) {
      const std::string helper = treeName + "_part" + std::to_string(++*part);
      pending_.push_back({helper, static_cast<int32_t>(child)});
      body << pad << "return " << helper << "(x);\n";
      return;
    }
    writeNode(child, indent, depth, body, part, treeName);
  }

  void writeNode(size_t node, size_t indent, size_t depth, std::ostringstream& body, size_t* part,
                 const std::string& treeName) {
    ++nodes_in_function_;
    const TreeNode& n = t_.nodes[node];
    const std::string pad(2 * indent, ' ');
    body << pad << "if (x[" << n.feature << "] <= " << thresholdLiteral(t_, n.threshold) << ") {\n";
    writeChild(node, n.left, indent + 1, depth + 1, body, part, treeName);
    body << pad << "}\n";
    writeChild(node, n.right, indent, depth + 1, body, part, treeName);
  }

  const TreeTables& t_;
  const CodegenOptions& o_;
  std::ostringstream& out_;
  std::string leaf_type_;
  std::deque<Pending> pending_;
  std::string current_;
  size_t nodes_in_function_ = 0;
  std::ostringstream declarations_;
};

const char* kindName(ModelKind kind) {
  switch (kind) {
    case kModelTreeClassifier:
      return "tree classifier (soft voting)";
    case kModelTreeRegressor:
      return "tree regressor (mean)";
    case kModelGradientBoostingClassifier:
      return "gradient boosting classifier";
    case kModelGradientBoostingRegressor:
      return "gradient boosting regressor";
    case kModelIsolationForest:
      return "isolation forest";
    default:
      return "unknown";
  }
}

// Name of the array holding node-stream chunk c ("kNodes" when there is one chunk).
std::string chunkName(const CompactTreeTable& table, size_t c) {
  return table.chunkStarts.size() == 1 ? "kNodes" : "kNodes" + std::to_string(c);
}

// The chunk holding the item at byte `offset` of the stream.
size_t chunkOf(const CompactTreeTable& table, size_t offset) {
  size_t c = 0;
  while (c + 1 < table.chunkStarts.size() && table.chunkStarts[c + 1] <= offset) ++c;
  return c;
}

// The compact node stream and roots (core/ml/tree_table.h) and the walker call. A stream over
// 32767 bytes (avr-gcc's largest array) is cut between trees into several arrays; on boards
// with more than 64 KB of flash they are read at their far addresses.
void writeCompactTable(const CompactTreeTable& table, std::ostringstream& h) {
  const char* ref = table.wideRefs ? "uint16_t" : "uint8_t";
  const size_t nChunks = table.chunkStarts.size();
  h << "// Compact tables (core/ml/tree_table.h): " << table.nodes.size() << " node bytes, "
    << (table.wideRefs ? "two" : "one") << "-byte leaf items and right-child distances.\n";
  for (size_t c = 0; c < nChunks; ++c) {
    const size_t begin = table.chunkStarts[c];
    const size_t end = c + 1 < nChunks ? table.chunkStarts[c + 1] : table.nodes.size();
    h << "static const uint8_t " << chunkName(table, c) << "[" << (end - begin) << "]\n"
      << "#if defined(__AVR__)\n    PROGMEM\n#endif\n    = {";
    for (size_t i = begin; i < end; ++i)
      h << ((i - begin) % 16 ? " " : "\n        ") << static_cast<unsigned>(table.nodes[i]) << ",";
    h << "\n};\n\n";
  }
  h << "static const uint16_t kRoots[" << table.roots.size() << "]\n"
    << "#if defined(__AVR__)\n    PROGMEM\n#endif\n    = {";
  for (size_t i = 0; i < table.roots.size(); ++i)
    h << (i % 12 ? " " : "\n        ") << table.roots[i] << "u,";
  h << "\n};\n\n#if !defined(EMFLOW_FAR_FLASH)\n"
    << "// The same roots as pointers: the loop over all trees adds no base address.\n"
    << "static const uint8_t* const kRootItems[" << table.roots.size() << "]\n"
    << "#if defined(__AVR__)\n    PROGMEM\n#endif\n    = {";
  for (size_t i = 0; i < table.roots.size(); ++i) {
    const size_t c = chunkOf(table, table.roots[i]);
    h << (i % 6 ? " " : "\n        ") << chunkName(table, c) << " + "
      << (table.roots[i] - table.chunkStarts[c]) << "u,";
  }
  h << "\n};\n\n"
    << "// The leaf of the tree whose kRootItems entry is at root; steps root to the next tree.\n"
    << "inline uint16_t next_tree_leaf(const uint8_t* const*& root, const Feature* x) {\n"
    << "  return emflow::treeTableWalk<Feature, " << ref
    << ">(emflow::treeTableNextRoot(root), x);\n}\n#endif\n\n"
    << "inline uint16_t tree_leaf(uint16_t tree, const Feature* x) {\n";
  if (nChunks == 1) {
    h << "#if defined(EMFLOW_FAR_FLASH)\n"
      << "  const uint16_t offset = pgm_read_word_far(pgm_get_far_address(kRoots) + 2u * tree);\n"
      << "  return emflow::treeTableWalkFar<Feature, " << ref
      << ">(pgm_get_far_address(kNodes) + offset, x);\n#else\n"
      << "  return emflow::treeTableLeaf<Feature, " << ref << ">(kNodes, kRoots, tree, x);\n"
      << "#endif\n}\n\n";
    return;
  }
  h << "#if defined(EMFLOW_FAR_FLASH)\n"
    << "  const uint16_t offset = pgm_read_word_far(pgm_get_far_address(kRoots) + 2u * tree);\n"
    << "  uint32_t item = pgm_get_far_address(kNodes0) + offset;\n";
  for (size_t c = 1; c < nChunks; ++c)
    h << "  if (offset >= " << table.chunkStarts[c] << "u) item = pgm_get_far_address("
      << chunkName(table, c) << ") + (offset - " << table.chunkStarts[c] << "u);\n";
  h << "  return emflow::treeTableWalkFar<Feature, " << ref << ">(item, x);\n#else\n"
    << "  const uint8_t* entry = reinterpret_cast<const uint8_t*>(kRoots + tree);\n"
    << "  const uint16_t offset = emflow::treeTableNextU16(entry);\n"
    << "  const uint8_t* item = kNodes0 + offset;\n";
  for (size_t c = 1; c < nChunks; ++c)
    h << "  if (offset >= " << table.chunkStarts[c] << "u) item = " << chunkName(table, c)
      << " + (offset - " << table.chunkStarts[c] << "u);\n";
  h << "  return emflow::treeTableWalk<Feature, " << ref << ">(item, x);\n#endif\n}\n\n";
}

// Fixed-point soft voting for predict_label(): each tree adds round(p * kScale) per class.
// Two classes and at most kMaxVote16Trees trees: one uint16 vote per leaf (class 1's), which
// the AVR assembly form adds with immediates; otherwise uint32 votes per class with
// kScale * kTrees < 2^30, so sums (and twice a sum) fit uint32_t.
const size_t kMaxVote16Trees = 64;

void writeFixedPointVoting(const TreeTables& t, size_t chunk, const std::string& leafType,
                           bool tables, std::ostringstream& h) {
  const size_t nTrees = t.roots.size();
  const size_t nLeaves = t.leaves.size();
  const bool binary = t.nOutputs == 2;
  const bool vote16 = binary && nTrees <= kMaxVote16Trees;
  const std::string voteType = vote16 ? "uint16_t" : "uint32_t";
  const uint32_t scale =
      vote16 ? static_cast<uint32_t>(65535u / nTrees) : static_cast<uint32_t>((1u << 30) / nTrees);
  std::vector<uint16_t> votes16;
  const size_t slots = binary ? 1 : t.nOutputs;
  h << "// Fixed-point soft voting for predict_label().\n"
    << "static const uint32_t kScale = " << scale << "u;\n";
  h << "static const " << voteType << " kVotes[" << nLeaves << "][" << (binary ? 1 : t.nOutputs)
    << "]\n#if defined(__AVR__)\n    PROGMEM\n#endif\n    = {\n";
  for (const auto& leaf : t.leaves) {
    h << "        {";
    for (size_t k = binary ? 1 : 0; k < leaf.size(); ++k) {
      const double q = std::floor(static_cast<double>(leaf[k]) * scale + 0.5);
      h << (k > (binary ? 1u : 0u) ? ", " : "") << static_cast<uint32_t>(q) << "u";
      if (vote16) votes16.push_back(static_cast<uint16_t>(q));
    }
    h << "},\n";
  }
  h << "};\n\n"
    << "inline " << voteType << " votes(" << leafType << " leaf, uint16_t k) {\n"
    << "#if defined(EMFLOW_FAR_FLASH)\n  return pgm_read_" << (vote16 ? "word" : "dword")
    << "_far(pgm_get_far_address(kVotes) + " << (vote16 ? 2 : 4) << "u * (" << slots
    << "u * static_cast<uint32_t>(leaf) + k));\n"
    << "#elif defined(__AVR__)\n  return pgm_read_" << (vote16 ? "word" : "dword")
    << "(&kVotes[leaf][k]);\n#else\n"
    << "  return kVotes[leaf][k];\n#endif\n}\n\n";
  // On AVR the inline form's trees are walked by generated assembly: two-class votes summed
  // in it, other votes added from the leaf indices it stores.
  const bool walkAsm = !tables && avrTreeAsmFits(t);
  const bool voteAsm = walkAsm && vote16;
  if (voteAsm) h << kAsmOff;
  for (size_t start = 0; start < nTrees; start += chunk) {
    const size_t end = std::min(nTrees, start + chunk);
    h << "static void vote_trees_" << start << "(const Feature* x, " << voteType << "* sum) {\n";
    if (tables) {  // one pointer through kRoots: the cheapest loop on AVR
      h << "#if defined(EMFLOW_FAR_FLASH)\n"
        << "  for (uint16_t i = 0; i < kTrees; ++i) {\n    const uint16_t leaf = tree_leaf(i, x);\n"
        << "#else\n"
        << "  for (const uint8_t* const* root = kRootItems; root != kRootItems + kTrees;) {\n"
        << "    const uint16_t leaf = next_tree_leaf(root, x);\n#endif\n";
      if (binary)
        h << "    sum[0] += votes(leaf, 0);\n";
      else
        h << "    for (uint16_t k = 0; k < kOutputs; ++k) sum[k] += votes(leaf, k);\n";
      h << "  }\n}\n\n";
      continue;
    }
    if (walkAsm && !voteAsm) {
      writeLeafLoop(leafType, start, end, h);
      h << (binary ? "    sum[0] += votes(leaf[i], 0);\n"
                   : "    for (uint16_t k = 0; k < kOutputs; ++k) sum[k] += votes(leaf[i], k);\n")
        << "#else\n";
    }
    for (size_t i = start; i < end; ++i) {
      if (binary)
        h << "  sum[0] += votes(tree_" << i << "(x), 0);\n";
      else
        h << "  { const " << leafType << " leaf = tree_" << i << "(x);\n"
          << "    for (uint16_t k = 0; k < kOutputs; ++k) sum[k] += votes(leaf, k); }\n";
    }
    if (walkAsm && !voteAsm) h << "#endif\n";
    h << "}\n\n";
  }
  // The assembly's sum starts at 32767 - kTrees * kScale / 2, so that class 1 (2 * votes >
  // kTrees * kScale, i.e. votes > kTrees * kScale / 2 rounded down) is its top bit: the same
  // code for every model, whichever constant avr-gcc would otherwise fold the compare into
  // (the sweep's cost model counts on it). The biased sum cannot pass 65535.
  const uint16_t sumStart = static_cast<uint16_t>(32767u - nTrees * scale / 2u);
  if (voteAsm) {
    h << "#endif\n\n";
    const AvrAsm code = avrVoteAsm(t, votes16, sumStart);
    h << kAsmOn << "// The same votes summed by generated assembly (see emflow codegen --help),\n"
      << "// from 32767 - kTrees * kScale / 2: class 1 sets the top bit.\n"
      << "inline uint16_t vote_sum_avr(const Feature* x) {\n  const Feature* p = x;\n";
    if (t.int16) {
      h << "  uint16_t sum = " << sumStart << "u;\n  __asm__ volatile(\n"
        << code.body << "      : \"+x\"(sum), \"+z\"(p)\n      :\n      : " << code.clobbers
        << ");\n  return sum;\n}\n#endif\n\n";
    } else {  // X first points to room for the row's keys, at the end it holds the sum
      h << "  int32_t keys[kFeatures];\n  int32_t* cursor = keys;\n  __asm__ volatile(\n"
        << code.body << "      : \"+x\"(cursor), \"+z\"(p)\n      :\n      : " << code.clobbers
        << ");\n  return static_cast<uint16_t>(reinterpret_cast<uintptr_t>(cursor));\n}\n"
        << "#endif\n\n";
    }
  }
  h << "inline int32_t predict_label(const Feature* x) {\n";
  if (voteAsm) h << kAsmOn << "  return vote_sum_avr(x) >> 15;\n#else\n";
  h << "  " << voteType << " sum[" << slots << "] = {0};\n";
  for (size_t start = 0; start < nTrees; start += chunk)
    h << "  vote_trees_" << start << "(x, sum);\n";
  if (binary) {
    h << "  // class 1 wins only with a strict majority of the probability mass\n"
      << "  return 2u * static_cast<uint32_t>(sum[0]) > static_cast<uint32_t>(kTrees) * kScale"
         " ? 1 : 0;\n"
      << (voteAsm ? "#endif\n" : "") << "}\n\n";
  } else {
    h << "  uint16_t best = 0;\n"
      << "  for (uint16_t k = 1; k < kOutputs; ++k)\n    if (sum[k] > sum[best]) best = k;\n"
      << "  return best;\n}\n\n";
  }
}

}  // namespace

bool isValidIdentifier(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  if (!(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  if (name.rfind("__", 0) == 0 || (name[0] == '_' && std::isupper(name[1]))) return false;
  return !reservedName(name);
}

namespace {

bool isBoosting(ModelKind kind) {
  return kind == kModelGradientBoostingClassifier || kind == kModelGradientBoostingRegressor;
}

// Banner with the API, include guard, includes and the model's size constants.
void writePrologue(const TreeTables& t, const CodegenOptions& o, bool farData,
                   const std::string& guard, std::ostringstream& h) {
  h << "// clang-format off\n// Generated by emflow codegen from " << o.source
    << ". Do not edit: regenerate instead.\n"
    << "// " << kindName(t.kind) << ": " << t.roots.size() << " trees, " << t.nodes.size()
    << " decision nodes, " << t.leaves.size() << " distinct leaves, " << t.nFeatures << " "
    << (t.int16 ? "int16" : "float") << " features, " << t.nOutputs << " outputs.\n"
    << "// API (namespace " << o.name << "):\n"
    << "//   int32_t predict(const Feature* x, float* outputs)  outputs[kOutputs] and label,\n"
    << "//       exactly as emflow::modelPredict computes them from the binary model\n";
  if (t.kind == kModelTreeClassifier)
    h << "//   int32_t predict_label(const Feature* x)  class index by integer soft voting\n"
      << "//       (leaf probabilities as fixed point; fastest, for small boards)\n";
  h << "#ifndef " << guard << "\n#define " << guard << "\n\n"
    << "#include <math.h>\n#include <stdint.h>\n#include <string.h>\n\n"
    << "#if defined(__AVR__)\n#include <avr/pgmspace.h>\n#endif\n"
    << "// Boards with over 64 KB of flash (ATmega1280/1284/2560) reach data beyond the first\n"
    << "// 64 KB only with ELPM at its 32-bit address, a few cycles more per read.\n"
    << (farData
            ? "// This model's flash data is too big to count on the first 64 KB: read far there.\n"
              "#if defined(__AVR__) && defined(FLASHEND) && FLASHEND > 0xFFFF\n"
              "#ifndef EMFLOW_FAR_FLASH\n#define EMFLOW_FAR_FLASH 1\n#endif\n#else\n"
            : "// The linker puts PROGMEM data first, so this model's sits below 64 KB; define\n"
              "// EMFLOW_FAR_FLASH before this header if other PROGMEM data (~60 KB) pushes it "
              "past.\n"
              "#if !(defined(__AVR__) && defined(FLASHEND) && FLASHEND > 0xFFFF)\n")
    << "#undef EMFLOW_FAR_FLASH\n#endif\n\n"
    << (o.tables ? "#include \"ml/tree_table.h\"\n\n" : "") << "namespace " << o.name << " {\n\n"
    << "typedef " << (t.int16 ? "int16_t" : "float") << " Feature;\n"
    << "static const uint16_t kFeatures = " << t.nFeatures << ";\n"
    << "static const uint16_t kOutputs = " << t.nOutputs << ";\n"
    << "static const uint16_t kTrees = " << t.roots.size() << ";\n\n";
}

// Leaf table, shared by all trees; read through one accessor so it can live in flash.
void writeLeafTable(const TreeTables& t, const std::string& leafType, std::ostringstream& h) {
  h << "static const float kLeaves[" << t.leaves.size() << "][" << t.leaves[0].size() << "]\n"
    << "#if defined(__AVR__)\n    PROGMEM\n#endif\n    = {\n";
  for (const auto& leaf : t.leaves) {
    h << "        {";
    for (size_t k = 0; k < leaf.size(); ++k) h << (k ? ", " : "") << floatLiteral(leaf[k]);
    h << "},\n";
  }
  h << "};\n\n"
    << "inline float leaf_value(" << leafType << " leaf, uint16_t k) {\n"
    << "#if defined(EMFLOW_FAR_FLASH)\n  return pgm_read_float_far(pgm_get_far_address(kLeaves) + "
       "4u * ("
    << t.leaves[0].size() << "u * static_cast<uint32_t>(leaf) + k));\n"
    << "#elif defined(__AVR__)\n  return pgm_read_float(&kLeaves[leaf][k]);\n#else\n"
    << "  return kLeaves[leaf][k];\n#endif\n}\n\n";
}

// Trees in chunks: each chunk is a function adding its trees' leaves to acc.
// The table form loops over the trees (one chunk): its point is the smallest code.
void writeTreeChunks(const TreeTables& t, const CodegenOptions& o, size_t chunk,
                     const std::string& leafType, std::ostringstream& h) {
  const size_t nTrees = t.roots.size();
  const bool averaged = t.kind == kModelTreeClassifier || t.kind == kModelTreeRegressor;
  const size_t perStage = isBoosting(t.kind) ? t.extra.size() : 1;
  const bool walkAsm = !o.tables && avrTreeAsmFits(t);
  for (size_t start = 0; start < nTrees; start += chunk) {
    const size_t end = std::min(nTrees, start + chunk);
    h << "static void add_trees_" << start << "(const Feature* x, double* acc) {\n";
    if (o.tables) {
      h << "  for (uint16_t i = 0; i < kTrees; ++i) {\n"
        << "    const uint16_t leaf = tree_leaf(i, x);\n";
      if (averaged)
        h << "    for (uint16_t k = 0; k < kOutputs; ++k) acc[k] += leaf_value(leaf, k);\n";
      else if (isBoosting(t.kind))
        h << "    acc[i % " << perStage << "] += leaf_value(leaf, 0);\n";
      else
        h << "    acc[0] += leaf_value(leaf, 0);\n";
      h << "  }\n}\n\n";
      continue;
    }
    if (walkAsm) {  // the same sums, in the same order, from the assembly's leaf indices
      writeLeafLoop(leafType, start, end, h);
      if (averaged)
        h << "    for (uint16_t k = 0; k < kOutputs; ++k) acc[k] += leaf_value(leaf[i], k);\n";
      else if (isBoosting(t.kind))
        h << "    acc[(" << start << "u + i) % " << perStage << "] += leaf_value(leaf[i], 0);\n";
      else
        h << "    acc[0] += leaf_value(leaf[i], 0);\n";
      h << "#else\n";
    }
    for (size_t i = start; i < end; ++i) {
      if (averaged) {
        h << "  { const " << leafType << " leaf = tree_" << i << "(x);\n"
          << "    for (uint16_t k = 0; k < kOutputs; ++k) acc[k] += leaf_value(leaf, k); }\n";
      } else if (isBoosting(t.kind)) {
        h << "  acc[" << (i % perStage) << "] += leaf_value(tree_" << i << "(x), 0);\n";
      } else {
        h << "  acc[0] += leaf_value(tree_" << i << "(x), 0);\n";
      }
    }
    if (walkAsm) h << "#endif\n";
    h << "}\n\n";
  }
}

// The step from summed leaves to outputs and label, per kind (as core/ml/trees.cpp does).
void writeOutputTransform(const TreeTables& t, std::ostringstream& h) {
  switch (t.kind) {
    case kModelTreeClassifier:
      h << "  for (uint16_t k = 0; k < kOutputs; ++k) acc[k] /= kTrees;\n"
        << "  label = argmax(acc, kOutputs);\n";
      break;
    case kModelTreeRegressor:
      h << "  for (uint16_t k = 0; k < kOutputs; ++k) acc[k] /= kTrees;\n";
      break;
    case kModelGradientBoostingClassifier:
      if (t.nOutputs == 2) {
        h << "  const double p = 1.0 / (1.0 + exp(-acc[0]));\n"
          << "  acc[0] = 1.0 - p;\n  acc[1] = p;\n";
      } else {
        h << "  double top = acc[0];\n"
          << "  for (uint16_t k = 1; k < kOutputs; ++k)\n    if (acc[k] > top) top = acc[k];\n"
          << "  double sum = 0;\n"
          << "  for (uint16_t k = 0; k < kOutputs; ++k) sum += (acc[k] = exp(acc[k] - top));\n"
          << "  for (uint16_t k = 0; k < kOutputs; ++k) acc[k] /= sum;\n";
      }
      h << "  label = argmax(acc, kOutputs);\n";
      break;
    case kModelIsolationForest:
      h << "  const double denominator = " << floatLiteral(t.extra[1]) << ";\n"
        << "  const double ratio = denominator != 0 ? acc[0] / denominator : 1.0;\n"
        << "  acc[0] = -pow(2.0, -ratio);\n"
        << "  acc[1] = acc[0] - " << floatLiteral(t.extra[0]) << ";\n"
        << "  label = acc[1] < 0 ? -1 : 1;\n";
      break;
    default:  // gradient boosting regressor: the sum is the prediction
      break;
  }
}

// argmax and predict(): initial sums, every chunk, the output transform.
void writePredict(const TreeTables& t, size_t chunk, std::ostringstream& h) {
  const size_t perStage = isBoosting(t.kind) ? t.extra.size() : 1;
  h << "// Index of the first maximum, as numpy.argmax.\n"
    << "inline int32_t argmax(const double* v, uint16_t n) {\n  uint16_t best = 0;\n"
    << "  for (uint16_t k = 1; k < n; ++k)\n    if (v[k] > v[best]) best = k;\n"
    << "  return best;\n}\n\n";

  h << "inline int32_t predict(const Feature* x, float* outputs) {\n"
    << "  double acc[" << std::max<size_t>(t.nOutputs, perStage) << "];\n";
  if (isBoosting(t.kind)) {
    for (size_t k = 0; k < perStage; ++k)
      h << "  acc[" << k << "] = " << floatLiteral(t.extra[k]) << ";\n";
  } else {
    h << "  for (uint16_t k = 0; k < " << std::max<size_t>(t.nOutputs, 1) << "; ++k) acc[k] = 0;\n";
  }
  for (size_t start = 0; start < t.roots.size(); start += chunk)
    h << "  add_trees_" << start << "(x, acc);\n";
  h << "  int32_t label = 0;\n";
  writeOutputTransform(t, h);
  h << "  if (outputs)\n    for (uint16_t k = 0; k < kOutputs; ++k) outputs[k] = "
       "static_cast<float>(acc[k]);\n"
    << "  return label;\n}\n\n";
}

// Values the generated code can hold: finite thresholds and leaves (a C++ literal, a vote),
// and a classifier's leaves probabilities in [0, 1] (its fixed-point votes scale them to
// integers that must not overflow). The loader checks the structure, not these.
bool checkValues(const TreeTables& t, std::string* error) {
  for (size_t i = 0; i < t.nodes.size(); ++i) {
    if (!std::isfinite(t.nodes[i].threshold)) {
      *error = "decision node " + std::to_string(i) + " has a threshold that is not a number";
      return false;
    }
  }
  for (size_t i = 0; i < t.leaves.size(); ++i) {
    for (size_t k = 0; k < t.leaves[i].size(); ++k) {
      const float value = t.leaves[i][k];
      const bool probability = value >= 0 && value <= 1;
      if (std::isfinite(value) && (t.kind != kModelTreeClassifier || probability)) continue;
      *error = "leaf " + std::to_string(i) + " holds " + std::to_string(value) + " for output " +
               std::to_string(k) +
               (t.kind == kModelTreeClassifier
                    ? ": a tree classifier's leaves are class probabilities in [0, 1]"
                    : ": not a finite number");
      return false;
    }
  }
  return true;
}

}  // namespace

bool generateTreeCode(const TreeTables& t, const CodegenOptions& o, std::string* result,
                      std::string* error) {
  if (!isValidIdentifier(o.name)) {
    *error = "'" + o.name + "' is not a valid C++ identifier for the generated code";
    return false;
  }
  if (!isTreeKind(t.kind) || t.roots.empty() || t.leaves.empty()) {
    *error = "not a tree model";
    return false;
  }
  if (!checkValues(t, error)) return false;
  const size_t nTrees = t.roots.size();
  const std::string leafType = leafIndexType(t.leaves.size());
  std::string guard = "EMFLOW_GENERATED_" + o.name + "_H";
  for (char& c : guard) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

  std::ostringstream trees;
  TreeWriter writer(t, o, trees);
  CompactTreeTable table;
  if (o.tables) {
    if (!buildCompactTable(t, &table, error)) return false;
  } else {
    for (size_t i = 0; i < nTrees; ++i) writer.writeTree(i);
  }

  std::ostringstream h;
  // Far reads cost cycles on every node: only data that may not fit the first 64 KB gets them
  // by default (a node stream cut into several arrays, or leaf values and votes as big: a
  // float and up to a uint32 vote per leaf and output).
  const size_t leafBytes = t.leaves.size() * t.nOutputs * 8u;
  const bool farData = (o.tables && table.chunkStarts.size() > 1) || leafBytes > kMaxChunkBytes;
  writePrologue(t, o, farData, guard, h);
  writeLeafTable(t, leafType, h);
  const size_t chunk = o.tables ? nTrees : std::max<size_t>(1, o.treesPerChunk);
  if (o.tables) {
    writeCompactTable(table, h);
  } else if (avrTreeAsmFits(t)) {  // on AVR the trees are walked by assembly
    h << kAsmOff << writer.declarations() << "\n" << trees.str() << "#else\n";
    for (size_t start = 0; start < nTrees; start += chunk)
      writeLeafAsm(t, start, std::min(nTrees, start + chunk), leafType, h);
    h << "#endif\n\n";
  } else {
    h << writer.declarations() << "\n" << trees.str();
  }
  writeTreeChunks(t, o, chunk, leafType, h);
  writePredict(t, chunk, h);
  if (t.kind == kModelTreeClassifier && !o.tables && o.fastVote && multiClassVote16Fits(t))
    writeMultiClassVote16(t, chunk, h);
  else if (t.kind == kModelTreeClassifier)
    writeFixedPointVoting(t, chunk, leafType, o.tables, h);
  h << "}  // namespace " << o.name << "\n\n#endif  // " << guard << "\n// clang-format on\n";
  *result = h.str();
  return true;
}

}  // namespace emflow::modelgen
