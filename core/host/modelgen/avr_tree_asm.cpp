#include "avr_tree_asm.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <sstream>

namespace emflow::modelgen {

namespace {

// One line of the assembly: an instruction of known size, a label, or a branch/jump whose
// form (and so size) depends on the distance to its label.
struct Item {
  enum Kind { kInsn, kLabel, kBranchGe, kJump } kind;
  std::string text;  // kInsn
  int label = -1;    // kLabel: its id; kBranchGe / kJump: the target
  int form = 0;      // 0 short, 1 via rjmp, 2 via jmp (branches); 0 rjmp, 1 jmp (jumps)
  bool elided = false;
  size_t address = 0;
};

size_t sizeOf(const Item& item) {
  switch (item.kind) {
    case Item::kInsn:
      return 2;
    case Item::kLabel:
      return 0;
    case Item::kBranchGe:
      return item.form == 0 ? 2 : item.form == 1 ? 4 : 6;
    case Item::kJump:
      return item.elided ? 0 : item.form == 0 ? 2 : 4;
  }
  return 0;
}

// How a node reaches its feature (see avr_tree_asm.h).
enum class Features { kRegisters16, kMemory16, kKeys32 };

// The registers of each way: `temp` takes ldi for a compare and a leaf index's low byte,
// `high` a leaf index's high byte; `constants` hold frequent constant bytes, in the order
// they are assigned (r16 and up take ldi, the others ldi temp + mov). The key loop (float
// models) uses r18-r21 besides.
struct Registers {
  int temp;
  int high;
  std::vector<int> constants;
};

Registers registersOf(Features features) {
  switch (features) {
    case Features::kRegisters16:  // row: low bytes r16.., high bytes r2..; Z is free after it
      return {24, 25, {30, 31, 0, 10, 11, 12, 13, 14, 15}};
    case Features::kMemory16:  // the node's feature in r24:r25
      return {23, 22, {16, 17, 18, 19, 20, 21, 0, 10, 11, 12}};
    case Features::kKeys32:  // the node's key in r22..r25
      return {21, 20, {16, 17, 0, 10, 11, 12, 13, 14, 15}};
  }
  return {24, 25, {}};
}

// Summing votes needs no leaf index: its high register holds a constant too (first).
Registers registersOf(Features features, bool voting) {
  Registers r = registersOf(features);
  if (voting) r.constants.insert(r.constants.begin(), r.high);
  return r;
}

// The comparison constant of a node: x <= t is x < t + 1, for int16 values or float keys.
int64_t comparisonConstant(const TreeTables& t, const TreeNode& n) {
  if (t.int16) return static_cast<int64_t>(n.threshold) + 1;
  float value = static_cast<float>(n.threshold);
  if (value == 0) value = 0;  // -0.0 tests like +0.0
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  const uint32_t key = bits & 0x80000000u ? bits ^ 0x7FFFFFFFu : bits;
  return static_cast<int64_t>(static_cast<int32_t>(key)) + 1;
}

// The constant's bytes compared by cpc (cpi takes byte 0 as an immediate).
std::vector<int> cpcBytes(const TreeTables& t, int64_t constant) {
  const uint32_t bits = static_cast<uint32_t>(constant);
  std::vector<int> bytes;
  for (int i = 1; i < (t.int16 ? 2 : 4); ++i) bytes.push_back((bits >> (8 * i)) & 0xFF);
  return bytes;
}

// Every int16 is <= 32767: such a node's right subtree is unreachable.
bool alwaysLeft(const TreeTables& t, const TreeNode& n) {
  return t.int16 && n.threshold >= 32767;
}

std::string reg(int r) {
  return "r" + std::to_string(r);
}

class Writer {
 public:
  // votes: the vote per leaf (vote output), or empty (leaf index output).
  Writer(const TreeTables& t, const std::vector<uint16_t>& votes, uint16_t sumStart)
      : t_(t),
        votes_(votes),
        sumStart_(sumStart),
        features_(!t.int16                                 ? Features::kKeys32
                  : t.nFeatures <= kAvrAsmRegisterFeatures ? Features::kRegisters16
                                                           : Features::kMemory16),
        r_(registersOf(features_, !votes.empty())),
        wideLeaves_(t.leaves.size() > 256) {}

  AvrAsm write(size_t first, size_t end) {
    assignConstantRegisters(first, end);
    writeRow();
    for (const auto& entry : constant_of_) {
      const std::string value = std::to_string(entry.first);
      if (entry.second >= 16) {
        insn("ldi " + reg(entry.second) + ", " + value);
      } else {
        insn("ldi " + reg(r_.temp) + ", " + value);
        insn("mov " + reg(entry.second) + ", " + reg(r_.temp));
      }
    }
    for (size_t tree = first; tree < end; ++tree) writeTree(tree);
    layOut();
    return {text(), clobbers()};
  }

 private:
  bool voting() const { return !votes_.empty(); }

  // Features into registers, or the row into keys (then Z points to the keys and X to the
  // sum or the output).
  void writeRow() {
    if (features_ == Features::kRegisters16) {
      for (uint16_t f = 0; f < t_.nFeatures; ++f) {
        insn("ld " + reg(16 + f) + ", Z+");
        insn("ld " + reg(2 + f) + ", Z+");
      }
      return;
    }
    if (features_ == Features::kMemory16) return;
    const unsigned n = t_.nFeatures;
    // Per feature: NaN (exponent all ones, mantissa not zero) becomes the largest key;
    // otherwise a negative value's magnitude bits are inverted. 33 words: the branches are
    // relative (.+18 over the 9 words of the non-NaN path, .+8 over the 4 of NaN's).
    insn("ldi r18, " + std::to_string(n & 0xFF));
    insn("ldi r19, " + std::to_string(n >> 8));
    for (const char* line :
         {"ld r22, Z+",    "ld r23, Z+",   "ld r24, Z+",   "ld r25, Z+",   "mov r21, r25",
          "andi r21, 127", "cp r1, r22",   "cpc r1, r23",  "ldi r20, 128", "cpc r20, r24",
          "ldi r20, 127",  "cpc r20, r21", "brcs .+18",    "mov r21, r25", "lsl r21",
          "sbc r21, r21",  "eor r22, r21", "eor r23, r21", "eor r24, r21", "andi r21, 127",
          "eor r25, r21",  "rjmp .+8",     "ldi r22, 255", "ldi r23, 255", "ldi r24, 255",
          "ldi r25, 127",  "st X+, r22",   "st X+, r23",   "st X+, r24",   "st X+, r25",
          "subi r18, 1",   "sbci r19, 0",  "brne .-66"})
      insn(line);
    const unsigned bytes = 4 * n;
    insn("movw r30, r26");
    insn("subi r30, " + std::to_string(bytes & 0xFF));
    insn("sbci r31, " + std::to_string((bytes >> 8) & 0xFF));
    if (voting()) {
      insn("ldi r26, " + std::to_string(sumStart_ & 0xFF));
      insn("ldi r27, " + std::to_string(sumStart_ >> 8));
    } else {  // the output's address follows the keys
      insn("ld r18, X+");
      insn("ld r19, X");
      insn("movw r26, r18");
    }
  }

  std::string text() const {
    std::ostringstream out;
    for (const Item& item : items_) {
      switch (item.kind) {
        case Item::kInsn:
          line(out, item.text);
          break;
        case Item::kLabel:
          out << "        \"" << labelName(item.label) << ":\\n\\t\"\n";
          break;
        case Item::kBranchGe:
          if (item.form == 0) {
            line(out, "brge " + labelName(item.label));
          } else {
            line(out, item.form == 1 ? "brlt .+2" : "brlt .+4");
            line(out, (item.form == 1 ? "rjmp " : "jmp ") + labelName(item.label));
          }
          break;
        case Item::kJump:
          if (!item.elided) line(out, (item.form == 0 ? "rjmp " : "jmp ") + labelName(item.label));
          break;
      }
    }
    return out.str();
  }

  // The same registers for every model walked the same way (besides the operands X and Z,
  // and r0, the scratch register), whichever it writes: the code around an inlined walk is
  // then allocated the same way for every model, so the sweep's cost model can count on it.
  std::string clobbers() const {
    const int first = features_ == Features::kRegisters16 ? 2 : 10;
    std::ostringstream c;
    c << "\"memory\"";
    for (int r = first; r <= 25; ++r) c << ", \"r" << r << "\"";
    return c.str();
  }

  static void line(std::ostringstream& out, const std::string& text) {
    out << "        \"" << text << "\\n\\t\"\n";
  }
  static std::string labelName(int id) { return ".L%=_" + std::to_string(id); }

  void insn(const std::string& text) { items_.push_back({Item::kInsn, text}); }
  void label(int id) {
    Item item{Item::kLabel, ""};
    item.label = id;
    items_.push_back(item);
  }
  void branchGe(int target) {
    Item item{Item::kBranchGe, ""};
    item.label = target;
    items_.push_back(item);
  }
  void jump(int target) {
    Item item{Item::kJump, ""};
    item.label = target;
    items_.push_back(item);
  }
  int newLabel() { return next_label_++; }

  // Constant bytes used by at least three compares of the walked trees get a register, the
  // most used first (ties: the larger byte).
  void assignConstantRegisters(size_t first, size_t end) {
    std::map<int, size_t> uses;
    std::vector<int32_t> stack;
    for (size_t tree = first; tree < end; ++tree) stack.push_back(t_.roots[tree]);
    while (!stack.empty()) {
      const int32_t ref = stack.back();
      stack.pop_back();
      if (ref < 0) continue;
      const TreeNode& n = t_.nodes[static_cast<size_t>(ref)];
      const bool left = alwaysLeft(t_, n);
      if (!left)
        for (int byte : cpcBytes(t_, comparisonConstant(t_, n)))
          if (byte != 0) ++uses[byte];  // 0 is r1, the zero register
      if (n.left >= 0) stack.push_back(ref + n.left);
      if (n.right >= 0 && !left) stack.push_back(ref + n.right);
    }
    std::vector<std::pair<size_t, int>> byUse;
    for (const auto& entry : uses)
      if (entry.second >= 3) byUse.push_back({entry.second, entry.first});
    std::sort(byUse.rbegin(), byUse.rend());
    const size_t n = std::min(byUse.size(), r_.constants.size());
    for (size_t i = 0; i < n; ++i) constant_of_[byUse[i].second] = r_.constants[i];
  }

  void writeTree(size_t tree) {
    tree_end_ = newLabel();
    leaf_label_.clear();
    leaf_placed_.clear();
    walk(t_.roots[tree]);
    // Leaves reached only by branches go after the tree, before its end.
    for (const auto& entry : leaf_label_) {
      if (leaf_placed_.count(entry.first)) continue;
      placeLeaf(entry.first);
    }
    label(tree_end_);
    if (!voting()) {
      insn("st X+, " + reg(r_.temp));
      if (wideLeaves_) insn("st X+, " + reg(r_.high));
    }
  }

  bool zeroVote(uint32_t leaf) const { return voting() && votes_[leaf] == 0; }

  // The target of a branch to a leaf: the tree's end when its vote is zero.
  int leafTarget(uint32_t leaf) {
    if (zeroVote(leaf)) return tree_end_;
    auto found = leaf_label_.find(leaf);
    if (found != leaf_label_.end()) return found->second;
    const int id = newLabel();
    leaf_label_[leaf] = id;
    return id;
  }

  void placeLeaf(uint32_t leaf) {
    label(leafTarget(leaf));
    leaf_placed_.insert(leaf);
    if (voting()) {
      const uint16_t minus = static_cast<uint16_t>(0x10000u - votes_[leaf]);
      insn("subi r26, " + std::to_string(minus & 0xFF));
      insn("sbci r27, " + std::to_string(minus >> 8));
    } else {
      insn("ldi " + reg(r_.temp) + ", " + std::to_string(leaf & 0xFF));
      if (wideLeaves_) insn("ldi " + reg(r_.high) + ", " + std::to_string(leaf >> 8));
    }
    jump(tree_end_);
  }

  // What is left to write of a tree, depth first, on an explicit stack (a hostile or
  // degenerate model may be a chain of tens of thousands of nodes).
  struct Step {
    enum Kind { kChild, kRightLabel } kind;
    int64_t parent;  // kChild: the node whose child ref is (-1: a root)
    int32_t ref;     // kChild: relative child, or a leaf -(index)-1; kRightLabel: the label
    int loaded;      // the feature in the load registers (memory ways), -1 if unknown
  };

  void walk(int32_t root) {
    std::vector<Step> steps = {{Step::kChild, -1, root, -1}};
    while (!steps.empty()) {
      const Step step = steps.back();
      steps.pop_back();
      if (step.kind == Step::kRightLabel)
        label(step.ref);
      else
        emitChild(step.parent, step.ref, step.loaded, &steps);
    }
  }

  // Code reached by falling through: a node, or a leaf (placed here if not placed yet).
  void emitChild(int64_t parent, int32_t ref, int loaded, std::vector<Step>* steps) {
    if (ref >= 0) {
      emitNode(static_cast<size_t>(parent < 0 ? ref : parent + ref), loaded, steps);
      return;
    }
    const uint32_t leaf = static_cast<uint32_t>(-(ref + 1));
    if (zeroVote(leaf)) {
      jump(tree_end_);
    } else if (!leaf_placed_.count(leaf)) {
      placeLeaf(leaf);
    } else {
      jump(leafTarget(leaf));
    }
  }

  // Loads feature f (its int16 value or its key) into the load registers from Z; beyond
  // ldd's reach (63 bytes) Z is moved there and back.
  void load(uint16_t f) {
    const unsigned width = t_.int16 ? 2 : 4;
    const unsigned offset = width * f;
    const int first = t_.int16 ? 24 : 22;
    const bool near = offset + width - 1 <= 63;
    const unsigned minus = (0x10000u - offset) & 0xFFFF;
    if (!near) {
      insn("subi r30, " + std::to_string(minus & 0xFF));
      insn("sbci r31, " + std::to_string(minus >> 8));
    }
    for (unsigned i = 0; i < width; ++i) {
      const unsigned at = near ? offset + i : i;
      insn(at == 0 ? "ld " + reg(first) + ", Z"
                   : "ldd " + reg(first + static_cast<int>(i)) + ", Z+" + std::to_string(at));
    }
    if (!near) {
      insn("subi r30, " + std::to_string(offset & 0xFF));
      insn("sbci r31, " + std::to_string(offset >> 8));
    }
  }

  // A node's compare and branch; its left child (falling through), the right child's label
  // and the right child are pushed, to be written in that order.
  void emitNode(size_t index, int loaded, std::vector<Step>* steps) {
    const TreeNode& n = t_.nodes[index];
    if (alwaysLeft(t_, n)) {
      steps->push_back({Step::kChild, static_cast<int64_t>(index), n.left, loaded});
      return;
    }
    int low = 16 + n.feature;
    std::vector<int> registers = {2 + n.feature};  // the cpc operands, byte 1 up
    if (features_ != Features::kRegisters16) {
      if (loaded != n.feature) load(n.feature);
      loaded = n.feature;
      low = t_.int16 ? 24 : 22;
      registers.clear();
      for (int i = 1; i < (t_.int16 ? 2 : 4); ++i) registers.push_back(low + i);
    }
    const int64_t constant = comparisonConstant(t_, n);
    insn("cpi " + reg(low) + ", " + std::to_string(static_cast<uint32_t>(constant) & 0xFF));
    const std::vector<int> bytes = cpcBytes(t_, constant);
    for (size_t i = 0; i < bytes.size(); ++i) {
      const std::string cpc = "cpc " + reg(registers[i]) + ", ";
      auto constantRegister = constant_of_.find(bytes[i]);
      if (bytes[i] == 0) {
        insn(cpc + "__zero_reg__");
      } else if (constantRegister != constant_of_.end()) {
        insn(cpc + reg(constantRegister->second));
      } else {
        insn("ldi " + reg(r_.temp) + ", " + std::to_string(bytes[i]));
        insn(cpc + reg(r_.temp));
      }
    }
    if (n.right < 0) {
      branchGe(leafTarget(static_cast<uint32_t>(-(n.right + 1))));
    } else {
      const int rightLabel = newLabel();
      branchGe(rightLabel);
      steps->push_back({Step::kChild, static_cast<int64_t>(index), n.right, loaded});
      steps->push_back({Step::kRightLabel, -1, rightLabel, -1});
    }
    steps->push_back({Step::kChild, static_cast<int64_t>(index), n.left, loaded});
  }

  // Chooses branch forms from exact addresses; forms only grow, so this settles.
  void layOut() {
    for (size_t i = 0; i < items_.size(); ++i) {
      if (items_[i].kind != Item::kJump) continue;
      for (size_t j = i + 1; j < items_.size() && items_[j].kind == Item::kLabel; ++j)
        if (items_[j].label == items_[i].label) items_[i].elided = true;
    }
    for (bool changed = true; changed;) {
      changed = false;
      std::map<int, size_t> at;
      size_t address = 0;
      for (Item& item : items_) {
        item.address = address;
        if (item.kind == Item::kLabel) at[item.label] = address;
        address += sizeOf(item);
      }
      for (Item& item : items_) {
        if (item.kind != Item::kBranchGe && item.kind != Item::kJump) continue;
        if (item.elided) continue;
        const long target = static_cast<long>(at[item.label]);
        const long from = static_cast<long>(item.address);
        int needed = 0;
        if (item.kind == Item::kBranchGe) {
          const long offset = target - (from + 2);
          const long viaRjmp = target - (from + 4);
          needed = (offset >= -128 && offset <= 126)       ? 0
                   : (viaRjmp >= -4096 && viaRjmp <= 4094) ? 1
                                                           : 2;
        } else {
          const long offset = target - (from + 2);
          needed = offset >= -4096 && offset <= 4094 ? 0 : 1;
        }
        if (needed > item.form) {
          item.form = needed;
          changed = true;
        }
      }
    }
  }

  const TreeTables& t_;
  const std::vector<uint16_t>& votes_;
  const uint16_t sumStart_;
  const Features features_;
  const Registers r_;
  const bool wideLeaves_;
  std::vector<Item> items_;
  std::map<int, int> constant_of_;  // constant byte -> register
  std::map<uint32_t, int> leaf_label_;
  std::set<uint32_t> leaf_placed_;
  int tree_end_ = -1;
  int next_label_ = 0;
};

}  // namespace

bool avrTreeAsmFits(const TreeTables& t) {
  return isTreeKind(t.kind) && t.nFeatures > 0 && t.leaves.size() <= 65536;
}

AvrAsm avrVoteAsm(const TreeTables& tables, const std::vector<uint16_t>& votes, uint16_t sumStart) {
  return Writer(tables, votes, sumStart).write(0, tables.roots.size());
}

AvrAsm avrLeafAsm(const TreeTables& tables, size_t first, size_t end) {
  static const std::vector<uint16_t> kNoVotes;
  return Writer(tables, kNoVotes, 0).write(first, end);
}

}  // namespace emflow::modelgen
