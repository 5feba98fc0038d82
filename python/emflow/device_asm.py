"""Bytes and cycles of the AVR assembly that walks the trees of `emflow codegen`'s inline form
(core/host/modelgen/avr_tree_asm.cpp), laid out here the same way: the sweep's cost model
(device_cost.py) knows that code exactly instead of fitting it.

Each decision node is a compare with its threshold + 1 and a branch to its right subtree:
int16 features held in registers (at most 8 features), or loaded per node from the row (when
its parent tested another feature), or, for float models, order keys made from the row first
(a loop over the features) and loaded the same way. Constant bytes are compared with r1
(zero), a register holding a frequent byte, or a register loaded first. Two-class votes are
summed (a leaf subtracts its vote's two's complement and jumps to the tree's end, a zero vote
jumps there at once); otherwise each tree stores its leaf index. Branches and jumps take the
shortest form that reaches (brge; brlt over an rjmp; brlt over a jmp).
tests/python/test_device_asm.py checks both against the generated code."""

import math
import struct

# Registers of each way of reaching features (avr_tree_asm.cpp, registersOf): the constant
# registers in the order they are assigned (r16 and up take one ldi, the others two
# instructions). Leaf indices use the temp and high registers (summed votes use the high one
# for a constant, before the others); the feature registers differ.
_CONSTANTS = {
    "registers16": (30, 31, 0, 10, 11, 12, 13, 14, 15),
    "memory16": (16, 17, 18, 19, 20, 21, 0, 10, 11, 12),
    "keys32": (16, 17, 0, 10, 11, 12, 13, 14, 15),
}
_TEMP_HIGH = {"registers16": (24, 25), "memory16": (23, 22), "keys32": (21, 20)}
REGISTER_FEATURES = 8  # kAvrAsmRegisterFeatures
MAX_VOTE16_TREES = 64  # tree_codegen.cpp, kMaxVote16Trees
TREES_PER_CHUNK = 64  # CodegenOptions::treesPerChunk: one assembly block per chunk

_INSN, _LABEL, _BRANCH, _JUMP, _KEYS = range(5)


class _Item:
    __slots__ = ("kind", "label", "cycles", "test", "form", "elided", "address")

    def __init__(self, kind, label=-1, cycles=1, test=None):
        self.kind, self.label, self.cycles, self.test = kind, label, cycles, test
        self.form, self.elided, self.address = 0, False, 0

    def size(self):
        if self.kind == _INSN:
            return 2
        if self.kind == _KEYS:  # the key loop: 33 words
            return 66
        if self.kind == _BRANCH:
            return (2, 4, 6)[self.form]
        if self.kind == _JUMP:
            return 0 if self.elided else (2, 4)[self.form]
        return 0


def votes16(model):
    """class 1's uint16 vote per leaf, as tree_codegen.cpp rounds it (round(p * 65535 / T))."""
    scale = 65535 // len(model.roots)
    return [int(leaf[1] * scale + 0.5) for leaf in model.leaves]


def fits(model):
    """Whether the inline form walks the model's trees in assembly (avrTreeAsmFits)."""
    return model.n_features > 0 and len(model.leaves) <= 65536


def votes_in_assembly(model):
    """Whether predict_label() sums its votes in the assembly (two classes, at most 64
    trees); other classifiers and predict() add from the stored leaf indices."""
    return model.role == "classifier" and model.n_outputs == 2 and len(model.roots) <= 64


def way(model):
    """How nodes reach their feature: "registers16", "memory16" or "keys32"."""
    if not model.int16:
        return "keys32"
    return "registers16" if model.n_features <= REGISTER_FEATURES else "memory16"


def _key(value):
    """The order key of a float32 (as the assembly's key loop makes it): its bits, with the
    magnitude bits inverted for negative values, as a signed int32; NaN is the largest."""
    if math.isnan(value):
        return 0x7FFFFFFF
    bits = struct.unpack("<I", struct.pack("<f", value))[0]
    key = bits ^ 0x7FFFFFFF if bits & 0x80000000 else bits
    return key - (1 << 32) if key & 0x80000000 else key


def _comparison_constant(model, threshold):
    if model.int16:
        return int(threshold) + 1
    value = struct.unpack("<f", struct.pack("<f", threshold))[0]
    return _key(0.0 if value == 0 else value) + 1


def _cpc_bytes(model, constant):
    bits = constant & 0xFFFFFFFF
    return [(bits >> (8 * i)) & 0xFF for i in range(1, 2 if model.int16 else 4)]


def _always_left(model, threshold):
    return model.int16 and threshold >= 32767


class _Writer:
    def __init__(self, model, votes):
        self.model = model
        self.votes = votes
        self.way = way(model)
        self.wide = len(model.leaves) > 256
        self.items = []
        self.next_label = 0
        self.constant_of = {}

    def _new_label(self):
        self.next_label += 1
        return self.next_label - 1

    def _add(self, kind, label=-1, cycles=1, test=None):
        self.items.append(_Item(kind, label, cycles, test))

    def write(self, first, end):
        self._assign_constants(first, end)
        self._row()
        for register in self.constant_of.values():
            self._add(_INSN)
            if register < 16:
                self._add(_INSN)
        for root in self.model.roots[first:end]:
            self._tree(root)
        self._lay_out()
        return self.items

    def _assign_constants(self, first, end):
        model, uses, stack = self.model, {}, list(self.model.roots[first:end])
        while stack:
            ref = stack.pop()
            if ref < 0:
                continue
            _, threshold, left, right = model.nodes[ref]
            always_left = _always_left(model, threshold)
            if not always_left:
                for byte in _cpc_bytes(model, _comparison_constant(model, threshold)):
                    if byte:
                        uses[byte] = uses.get(byte, 0) + 1
            if left >= 0:
                stack.append(ref + left)
            if right >= 0 and not always_left:
                stack.append(ref + right)
        ranked = sorted(((n, byte) for byte, n in uses.items() if n >= 3), reverse=True)
        registers = _CONSTANTS[self.way]
        if self.votes is not None:  # no leaf index to hold: its high register comes first
            registers = (_TEMP_HIGH[self.way][1],) + registers
        for (_, byte), register in zip(ranked, registers):
            self.constant_of[byte] = register

    def _row(self):
        if self.way == "registers16":
            for _ in range(self.model.n_features):  # ld low, ld high: 2 cycles each
                self._add(_INSN, cycles=2)
                self._add(_INSN, cycles=2)
        elif self.way == "keys32":
            self._add(_INSN)  # ldi r18
            self._add(_INSN)  # ldi r19
            self._add(_KEYS, cycles=0)  # the loop; its cycles depend on the row
            self._add(_INSN)  # movw r30, r26
            self._add(_INSN)  # subi
            self._add(_INSN)  # sbci
            if self.votes is not None:
                self._add(_INSN)  # ldi r26, the sum's start
                self._add(_INSN)  # ldi r27
            else:  # the output's address after the keys: ld r18, X+; ld r19, X; movw
                self._add(_INSN, cycles=2)
                self._add(_INSN, cycles=2)
                self._add(_INSN)

    def _tree(self, root):
        self.tree_end = self._new_label()
        self.leaf_label, self.leaf_placed = {}, set()
        # Depth first on an explicit stack: (parent, ref, loaded) children and right labels
        # (a degenerate model may be a chain of tens of thousands of nodes).
        steps = [(None, root, -1)]
        while steps:
            step = steps.pop()
            if step[0] == "label":
                self._add(_LABEL, step[1])
            else:
                self._child(*step, steps)
        for leaf in sorted(self.leaf_label):
            if leaf not in self.leaf_placed:
                self._place_leaf(leaf)
        self._add(_LABEL, self.tree_end)
        if self.votes is None:  # st X+ (2 cycles), one per index byte
            for _ in range(2 if self.wide else 1):
                self._add(_INSN, cycles=2)

    def _zero_vote(self, leaf):
        return self.votes is not None and self.votes[leaf] == 0

    def _leaf_target(self, leaf):
        if self._zero_vote(leaf):
            return self.tree_end
        if leaf not in self.leaf_label:
            self.leaf_label[leaf] = self._new_label()
        return self.leaf_label[leaf]

    def _place_leaf(self, leaf):
        self._add(_LABEL, self._leaf_target(leaf))
        self.leaf_placed.add(leaf)
        self._add(_INSN)  # subi (votes) / ldi index
        if self.votes is not None or self.wide:
            self._add(_INSN)  # sbci / ldi high byte
        self._add(_JUMP, self.tree_end)

    def _child(self, parent, ref, loaded, steps):
        if ref >= 0:
            self._node(ref if parent is None else parent + ref, loaded, steps)
            return
        leaf = -(ref + 1)
        if self._zero_vote(leaf):
            self._add(_JUMP, self.tree_end)
        elif leaf not in self.leaf_placed:
            self._place_leaf(leaf)
        else:
            self._add(_JUMP, self._leaf_target(leaf))

    def _load(self, feature):
        width = 2 if self.model.int16 else 4
        near = width * feature + width - 1 <= 63
        moves = 0 if near else 2  # subi; sbci to the feature and back
        for _ in range(moves):
            self._add(_INSN)
        for _ in range(width):  # ld / ldd: 2 cycles each
            self._add(_INSN, cycles=2)
        for _ in range(moves):
            self._add(_INSN)

    def _node(self, index, loaded, steps):
        """The node's compare and branch; its left child, the right child's label and the
        right child are pushed, to be written in that order."""
        feature, threshold, left, right = self.model.nodes[index]
        if _always_left(self.model, threshold):  # only the left subtree is reachable
            steps.append((index, left, loaded))
            return
        if self.way != "registers16" and loaded != feature:
            self._load(feature)
        loaded = feature
        constant = _comparison_constant(self.model, threshold)
        self._add(_INSN)  # cpi
        for byte in _cpc_bytes(self.model, constant):
            if byte and byte not in self.constant_of:
                self._add(_INSN)  # ldi temp
            self._add(_INSN)  # cpc
        test = (feature, constant)
        if right < 0:
            self._add(_BRANCH, self._leaf_target(-(right + 1)), test=test)
        else:
            right_label = self._new_label()
            self._add(_BRANCH, right_label, test=test)
            steps.append((index, right, loaded))
            steps.append(("label", right_label))
        steps.append((index, left, loaded))

    def _lay_out(self):
        items = self.items
        for i, item in enumerate(items):
            if item.kind != _JUMP:
                continue
            j = i + 1
            while j < len(items) and items[j].kind == _LABEL:
                if items[j].label == item.label:
                    item.elided = True
                j += 1
        changed = True
        while changed:
            changed = False
            at, address = {}, 0
            for item in items:
                item.address = address
                if item.kind == _LABEL:
                    at[item.label] = address
                address += item.size()
            for item in items:
                if item.kind not in (_BRANCH, _JUMP) or item.elided:
                    continue
                target, here = at[item.label], item.address
                if item.kind == _BRANCH:
                    if -128 <= target - (here + 2) <= 126:
                        needed = 0
                    else:
                        needed = 1 if -4096 <= target - (here + 4) <= 4094 else 2
                else:
                    needed = 0 if -4096 <= target - (here + 2) <= 4094 else 1
                if needed > item.form:
                    item.form, changed = needed, True


class Layout:
    """The laid-out assembly of a model's inline form: its blocks (one for summed votes, else
    one per chunk of 64 trees). Every block of a way clobbers the same registers, so the code
    around it is the same for every model (a constant of the cost model)."""

    def __init__(self, model):
        self.model = model
        self.votes = votes_in_assembly(model)
        votes = votes16(model) if self.votes else None
        self.way = way(model)
        trees = len(model.roots)
        spans = [(0, trees)] if self.votes else []
        if not self.votes:
            spans = [(s, min(trees, s + TREES_PER_CHUNK)) for s in range(0, trees, TREES_PER_CHUNK)]
        self.blocks = [_Writer(model, votes).write(first, end) for first, end in spans]
        self._paths = [_Paths(items) for items in self.blocks]

    def bytes(self):
        """Bytes of the assembly (every block)."""
        return sum(item.size() for items in self.blocks for item in items)

    def cycles(self, x):
        """CPU cycles the assembly takes for feature row x: the instructions on the path each
        tree takes (a taken brge 2 cycles, a branch around an rjmp 2 or 3, around a jmp 2 or
        4, rjmp 2, jmp 3, ld/ldd/st 2, the others 1; the key loop per feature 39 cycles, 34
        for NaN, one less for the last)."""
        if self.model.int16:
            values = [int(v) for v in x]
        else:
            values = [_key(struct.unpack("<f", struct.pack("<f", float(v)))[0]) for v in x]
        return sum(paths.cycles(values, x) for paths in self._paths)


def _keys_cycles(x):
    nan = sum(1 for v in x if math.isnan(float(v)))
    return 39 * (len(x) - nan) + 34 * nan - 1


class _Paths:
    """A block's items as straight runs between control transfers, for counting cycles row by
    row quickly (a sweep counts every row of every candidate, in Pyodide too): from item i,
    run[i] cycles pass before the transfer at stop[i]."""

    def __init__(self, items):
        n = len(items)
        self.items = items
        self.run, self.stop, self.target = [0] * (n + 1), list(range(n + 1)), [0] * n
        index_of = {item.label: i for i, item in enumerate(items) if item.kind == _LABEL}
        for i in range(n - 1, -1, -1):
            item = items[i]
            if item.kind in (_INSN, _LABEL) or (item.kind == _JUMP and item.elided):
                self.run[i] = self.run[i + 1] + (item.cycles if item.kind == _INSN else 0)
                self.stop[i] = self.stop[i + 1]
            elif item.kind in (_BRANCH, _JUMP):
                self.target[i] = index_of[item.label]

    def cycles(self, values, x):
        items, run, stop, target = self.items, self.run, self.stop, self.target
        end, cycles, i = len(items), 0, 0
        while True:
            cycles += run[i]
            i = stop[i]
            if i == end:
                return cycles
            item = items[i]
            if item.kind == _BRANCH:
                feature, constant = item.test
                if values[feature] >= constant:  # brge: signed
                    cycles += (2, 3, 4)[item.form]
                    i = target[i]
                else:
                    cycles += (1, 2, 2)[item.form]
                    i += 1
            elif item.kind == _JUMP:
                cycles += (2, 3)[item.form]
                i = target[i]
            else:  # the key loop
                cycles += _keys_cycles(x)
                i += 1
