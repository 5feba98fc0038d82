"""Bytes and cycles of the AVR assembly that `emflow codegen` writes for two-class int16
forests (core/host/modelgen/avr_vote_asm.cpp), laid out here the same way: the sweep's cost
model (device_cost.py) knows that code exactly instead of fitting it. Each decision node is a
compare with its threshold + 1 (cpi on the feature's low byte, cpc on its high byte against
r1, a register holding a frequent high byte, or r24 loaded first) and a branch to the right
subtree; each leaf with a vote subtracts its two's complement from the sum and jumps to the
tree's end. Branches and jumps take the shortest form that reaches (brge; brlt over an rjmp;
brlt over a jmp). tests/python/test_device_asm.py checks both against the generated code."""

# The registers that hold frequent threshold high bytes, in the order they are assigned
# (avr_vote_asm.cpp, kConstantRegisters): r16 and up take ldi, the others ldi r24 + mov.
_CONSTANT_REGISTERS = (25, 26, 27, 0, 10, 11, 12, 13, 14, 15)

_INSN, _LABEL, _BRANCH, _JUMP = range(4)


class _Item:
    __slots__ = ("kind", "label", "cycles", "test", "form", "elided", "address")

    def __init__(self, kind, label=-1, cycles=1, test=None):
        self.kind, self.label, self.cycles, self.test = kind, label, cycles, test
        self.form, self.elided, self.address = 0, False, 0

    def size(self):
        if self.kind == _INSN:
            return 2
        if self.kind == _BRANCH:
            return (2, 4, 6)[self.form]
        if self.kind == _JUMP:
            return 0 if self.elided else (2, 4)[self.form]
        return 0


def votes16(model):
    """class 1's uint16 vote per leaf, as tree_codegen.cpp rounds it (round(p * 65535 / T))."""
    scale = 65535 // len(model.roots)
    return [int(leaf[1] * scale + 0.5) for leaf in model.leaves]


class _Writer:
    def __init__(self, model):
        self.model = model
        self.votes = votes16(model)
        self.items = []
        self.next_label = 0
        self.constant_of = {}

    def _new_label(self):
        self.next_label += 1
        return self.next_label - 1

    def _add(self, kind, label=-1, cycles=1, test=None):
        self.items.append(_Item(kind, label, cycles, test))

    def write(self):
        nodes = [n for n in self.model.nodes if n[1] < 32767]
        uses = {}
        for _, threshold, _, _ in nodes:
            high = ((int(threshold) + 1) >> 8) & 0xFF
            if high:
                uses[high] = uses.get(high, 0) + 1
        ranked = sorted(((n, high) for high, n in uses.items() if n >= 3), reverse=True)
        for (_, high), register in zip(ranked, _CONSTANT_REGISTERS):
            self.constant_of[high] = register
        for _ in range(self.model.n_features):  # ld low, ld high: 2 cycles each
            self._add(_INSN, cycles=2)
            self._add(_INSN, cycles=2)
        for register in self.constant_of.values():
            self._add(_INSN)
            if register < 16:
                self._add(_INSN)
        for root in self.model.roots:
            self._tree(root)
        self._lay_out()
        return self.items

    def _tree(self, root):
        self.tree_end = self._new_label()
        self.leaf_label, self.leaf_placed = {}, set()
        self._child(None, root)
        for leaf in sorted(self.leaf_label):
            if leaf not in self.leaf_placed:
                self._place_leaf(leaf)
        self._add(_LABEL, self.tree_end)

    def _leaf_target(self, leaf):
        if self.votes[leaf] == 0:
            return self.tree_end
        if leaf not in self.leaf_label:
            self.leaf_label[leaf] = self._new_label()
        return self.leaf_label[leaf]

    def _place_leaf(self, leaf):
        self._add(_LABEL, self._leaf_target(leaf))
        self.leaf_placed.add(leaf)
        self._add(_INSN)  # subi
        self._add(_INSN)  # sbci
        self._add(_JUMP, self.tree_end)

    def _child(self, parent, ref):
        if ref >= 0:
            self._node(ref if parent is None else parent + ref)
            return
        leaf = -(ref + 1)
        if self.votes[leaf] == 0:
            self._add(_JUMP, self.tree_end)
        elif leaf not in self.leaf_placed:
            self._place_leaf(leaf)
        else:
            self._add(_JUMP, self._leaf_target(leaf))

    def _node(self, index):
        feature, threshold, left, right = self.model.nodes[index]
        if threshold >= 32767:  # every int16 is <= 32767: only the left subtree is reachable
            self._child(index, left)
            return
        constant = int(threshold) + 1
        high = (constant >> 8) & 0xFF
        self._add(_INSN)  # cpi
        if high and high not in self.constant_of:
            self._add(_INSN)  # ldi r24
        self._add(_INSN)  # cpc
        test = (feature, constant)
        if right < 0:
            self._add(_BRANCH, self._leaf_target(-(right + 1)), test=test)
        else:
            right_label = self._new_label()
            self._add(_BRANCH, right_label, test=test)
        self._child(index, left)
        if right >= 0:
            self._add(_LABEL, right_label)
            self._node(index + right)

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


def layout(model):
    """The laid-out items of the model's assembly (see vote_asm_bytes, vote_asm_cycles)."""
    return _Writer(model).write()


def vote_asm_bytes(items):
    """Bytes of the assembly."""
    return sum(item.size() for item in items)


def vote_asm_cycles(items, x):
    """CPU cycles the assembly takes for feature row x (int16 values): the instructions on
    the path each tree takes (a taken brge 2 cycles, a branch around an rjmp 2 or 3, around a
    jmp 2 or 4, rjmp 2, jmp 3, ld 2, the others 1)."""
    index_of = {item.label: i for i, item in enumerate(items) if item.kind == _LABEL}
    cycles, i = 0, 0
    while i < len(items):
        item = items[i]
        if item.kind == _INSN:
            cycles += item.cycles
        elif item.kind == _BRANCH:
            feature, constant = item.test
            if x[feature] >= constant:  # brge: signed
                cycles += (2, 3, 4)[item.form]
                i = index_of[item.label]
                continue
            cycles += (1, 2, 2)[item.form]
        elif item.kind == _JUMP and not item.elided:
            cycles += (2, 3)[item.form]
            i = index_of[item.label]
            continue
        i += 1
    return cycles
