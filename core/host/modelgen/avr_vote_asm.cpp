#include "avr_vote_asm.h"

#include <algorithm>
#include <map>
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

// Threshold high bytes that get a register of their own, in the order they are assigned.
// Upper registers are loaded with ldi; r0 (the scratch register) and r10-r15 through r24.
const int kConstantRegisters[] = {25, 26, 27, 0, 10, 11, 12, 13, 14, 15};

class Writer {
 public:
  Writer(const TreeTables& t, const std::vector<uint16_t>& votes) : t_(t), votes_(votes) {}

  std::string write(std::string* clobbers) {
    assignConstantRegisters();
    // Features: low bytes in r16.., high bytes in r2.. (cpi needs an upper register).
    for (uint16_t f = 0; f < t_.nFeatures; ++f) {
      insn("ld r" + std::to_string(16 + f) + ", X+");
      insn("ld r" + std::to_string(2 + f) + ", X+");
    }
    for (const auto& entry : constant_of_) {
      const std::string value = std::to_string(entry.first);
      if (entry.second >= 16) {
        insn("ldi r" + std::to_string(entry.second) + ", " + value);
      } else {
        insn("ldi r24, " + value);
        insn("mov r" + std::to_string(entry.second) + ", r24");
      }
    }
    for (size_t tree = 0; tree < t_.roots.size(); ++tree) writeTree(tree);
    layOut();

    std::ostringstream out;
    for (const Item& item : items_) {
      switch (item.kind) {
        case Item::kInsn:
          line(out, item.text);
          break;
        case Item::kLabel:
          out << "        \"" << label_name(item.label) << ":\\n\\t\"\n";
          break;
        case Item::kBranchGe:
          if (item.form == 0) {
            line(out, "brge " + label_name(item.label));
          } else {
            line(out, item.form == 1 ? "brlt .+2" : "brlt .+4");
            line(out, (item.form == 1 ? "rjmp " : "jmp ") + label_name(item.label));
          }
          break;
        case Item::kJump:
          if (!item.elided) line(out, (item.form == 0 ? "rjmp " : "jmp ") + label_name(item.label));
          break;
      }
    }
    std::ostringstream c;
    c << "\"memory\", \"r24\"";
    for (uint16_t f = 0; f < t_.nFeatures; ++f)
      c << ", \"r" << (2 + f) << "\", \"r" << (16 + f) << "\"";
    for (const auto& entry : constant_of_)
      if (entry.second != 0 && entry.second != 26 && entry.second != 27)  // r26/27 are "+x"
        c << ", \"r" << entry.second << "\"";
    *clobbers = c.str();
    return out.str();
  }

 private:
  static void line(std::ostringstream& out, const std::string& text) {
    out << "        \"" << text << "\\n\\t\"\n";
  }
  static std::string label_name(int id) { return ".L%=_" + std::to_string(id); }

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

  // x <= threshold is x < threshold + 1: the comparison constant of a node.
  static int32_t comparison_constant(const TreeNode& n) {
    return static_cast<int32_t>(n.threshold) + 1;
  }
  static bool always_left(const TreeNode& n) { return n.threshold >= 32767; }

  void assignConstantRegisters() {
    std::map<int, size_t> uses;
    for (const TreeNode& n : t_.nodes) {
      if (always_left(n)) continue;
      const int high = (comparison_constant(n) >> 8) & 0xFF;
      if (high != 0) ++uses[high];  // 0 is r1, the zero register
    }
    std::vector<std::pair<size_t, int>> byUse;
    for (const auto& entry : uses)
      if (entry.second >= 3) byUse.push_back({entry.second, entry.first});
    std::sort(byUse.rbegin(), byUse.rend());
    const size_t n = std::min(byUse.size(), sizeof kConstantRegisters / sizeof(int));
    for (size_t i = 0; i < n; ++i) constant_of_[byUse[i].second] = kConstantRegisters[i];
  }

  void writeTree(size_t tree) {
    tree_end_ = newLabel();
    leaf_label_.clear();
    leaf_placed_.clear();
    emitChild(-1, t_.roots[tree]);
    // Leaves reached only by branches go after the tree, before its end.
    for (const auto& entry : leaf_label_) {
      if (leaf_placed_[entry.first]) continue;
      placeLeaf(static_cast<uint32_t>(entry.first));
    }
    label(tree_end_);
  }

  // The target of a branch to a leaf: the tree's end when its vote is zero.
  int leafTarget(uint32_t leaf) {
    if (votes_[leaf] == 0) return tree_end_;
    auto found = leaf_label_.find(leaf);
    if (found != leaf_label_.end()) return found->second;
    const int id = newLabel();
    leaf_label_[leaf] = id;
    return id;
  }

  void placeLeaf(uint32_t leaf) {
    label(leafTarget(leaf));
    leaf_placed_[leaf] = true;
    const uint16_t minus = static_cast<uint16_t>(0x10000u - votes_[leaf]);
    insn("subi r30, " + std::to_string(minus & 0xFF));
    insn("sbci r31, " + std::to_string(minus >> 8));
    jump(tree_end_);
  }

  // Code reached by falling through: a node, or a leaf (placed here if not placed yet).
  void emitChild(int64_t parent, int32_t ref) {
    if (ref >= 0) {
      emitNode(static_cast<size_t>(parent < 0 ? ref : parent + ref));
      return;
    }
    const uint32_t leaf = static_cast<uint32_t>(-(ref + 1));
    if (votes_[leaf] == 0) {
      jump(tree_end_);
    } else if (!leaf_placed_[leaf]) {
      placeLeaf(leaf);
    } else {
      jump(leafTarget(leaf));
    }
  }

  void emitNode(size_t index) {
    const TreeNode& n = t_.nodes[index];
    if (always_left(n)) {  // every int16 is <= 32767: the right subtree is unreachable
      emitChild(static_cast<int64_t>(index), n.left);
      return;
    }
    const int32_t constant = comparison_constant(n);
    const std::string low = "r" + std::to_string(16 + n.feature);
    const std::string high = "r" + std::to_string(2 + n.feature);
    const int highByte = (constant >> 8) & 0xFF;
    insn("cpi " + low + ", " + std::to_string(constant & 0xFF));
    auto constantRegister = constant_of_.find(highByte);
    if (highByte == 0) {
      insn("cpc " + high + ", __zero_reg__");
    } else if (constantRegister != constant_of_.end()) {
      insn("cpc " + high + ", r" + std::to_string(constantRegister->second));
    } else {
      insn("ldi r24, " + std::to_string(highByte));
      insn("cpc " + high + ", r24");
    }
    int rightLabel = -1;
    if (n.right < 0) {
      branchGe(leafTarget(static_cast<uint32_t>(-(n.right + 1))));
    } else {
      rightLabel = newLabel();
      branchGe(rightLabel);
    }
    emitChild(static_cast<int64_t>(index), n.left);
    if (n.right >= 0) {
      label(rightLabel);
      emitNode(index + static_cast<size_t>(n.right));
    }
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
  std::vector<Item> items_;
  std::map<int, int> constant_of_;  // threshold high byte -> register
  std::map<uint32_t, int> leaf_label_;
  std::map<uint32_t, bool> leaf_placed_;
  int tree_end_ = -1;
  int next_label_ = 0;
};

}  // namespace

bool avrVoteAsmFits(const TreeTables& t) {
  return t.kind == kModelTreeClassifier && t.nOutputs == 2 && t.int16 &&
         t.nFeatures <= kAvrAsmMaxFeatures && t.nFeatures > 0;
}

std::string avrVoteAsm(const TreeTables& tables, const std::vector<uint16_t>& votes,
                       std::string* clobbers) {
  Writer writer(tables, votes);
  return writer.write(clobbers);
}

}  // namespace emflow::modelgen
