"""Flash, static RAM and cycles per prediction of a model on a board, in each device form,
without building it: linear models over the model's structure whose coefficients were fitted
on real avr-gcc builds measured with avr-size and simavr (scripts/calibrate_device_cost.py
wrote device_cost_fit.py; tests/sweep/check_device_cost.py checks them in CI). docs/sweep.md
gives their measured error.

Forms (what a device runs):
  blob    the binary model in flash read by the general model engine (core/ml), as an exported
          sketch runs it: flash = the engine + the blob's bytes
  inline  `emflow codegen` code: every decision node is an instruction sequence
  tables  `emflow codegen --tables`: compact node tables walked by core/ml/tree_table.h
dtype "float" or "int16" (features and thresholds). Classifiers are costed through
predict_label() (fixed-point voting) for the generated forms, regressors through predict().
"""

import struct

from . import blob as blob_format
from . import device_asm
from .engine_constants import KIND_GAUSSIAN_NB
from .device_trace import ROW_TERMS, mean_terms, row_terms
from .tree_reader import read_trees

FORMS = ("blob", "inline", "tables")
BOARDS = {
    # Flash a sketch may use (the bootloader's share excluded) and static RAM.
    "uno": {"mcu": "atmega328p", "flash": 32256, "ram": 2048},
    "mega2560": {"mcu": "atmega2560", "flash": 253952, "ram": 8192},
}


# Relative error of the estimates against real builds (docs/sweep.md, "Measured error"): what a
# report's numbers may be off by, per form. Worst: over the models the calibration never saw
# (tests/sweep/check_device_cost.py, its last run) and the calibration's own 2000 builds,
# whichever is larger; median: on the check's models (an error within 8 B / 16 cycles counts
# as none).
MEASURED_ERROR = {
    "blob": {
        "flash_worst": 0.0115,
        "flash_median": 0.0010,
        "cycles_worst": 0.0107,
        "cycles_median": 0.0,
    },
    "inline": {
        "flash_worst": 0.0810,
        "flash_median": 0.0090,
        "cycles_worst": 0.1167,
        "cycles_median": 0.0,
    },
    "tables": {
        "flash_worst": 0.0351,
        "flash_median": 0.0,
        "cycles_worst": 0.0420,
        "cycles_median": 0.0,
    },
}


class CostError(ValueError):
    """A model, form or board the cost models do not cover (the message says which)."""


def coefficients():
    """The fitted coefficients: {"models": {key: {"flash", "ram", "cycles", "fit"}}}."""
    from .device_cost_fit import FIT

    return FIT


def cost_key(form, info):
    """The calibration a model uses: two-class int16 classifiers with at most 8 features are
    generated as AVR assembly in the inline form (core/host/modelgen/avr_vote_asm.cpp)."""
    family = info["family"]
    if form == "inline" and info.get("asm_bytes") is not None:
        family = "trees_asm"
    return "%s/%s/%s/%s" % (form, family, info["dtype"], info["role"])


def _asm_form(model):
    """Whether the inline form of `model` sums its votes in AVR assembly (as
    core/host/modelgen/avr_vote_asm.cpp's avrVoteAsmFits, with at most 64 trees for uint16
    votes)."""
    return (
        model.int16
        and model.role == "classifier"
        and model.n_outputs == 2
        and 0 < model.n_features <= 8
        and len(model.roots) <= 64
    )


def _feature_loads(model):
    """Decision nodes whose parent tests another feature (roots included): the inline form
    loads x[f] again there, while a child testing its parent's feature reuses the registers."""
    loads = 0
    for index, (feature, _, left, right) in enumerate(model.nodes):
        for ref in (left, right):
            if ref > 0 and model.nodes[index + ref][0] != feature:
                loads += 1
    return loads + sum(1 for root in model.roots if root >= 0)


def _leaf_data_bytes(info):
    """Bytes of the generated forms' leaf table, as core/host/modelgen/tree_codegen.cpp writes
    it: classifiers' predict_label() reads fixed-point votes (one uint16 per leaf for two
    classes and at most 64 trees, else a uint32 per leaf and class), regressors' predict()
    reads float leaf values."""
    k, leaves = info["n_outputs"], info["leaves"]
    if info["role"] != "classifier":
        return 4 * leaves * k
    if k == 2 and info["trees"] <= 64:
        return 2 * leaves
    return 4 * leaves * k


def _table_bytes(model):
    """(bytes, wide) of the node stream of the tables form, as core/host/modelgen/
    tree_table_codegen.cpp packs it: a decision node is a feature byte, the threshold (4 bytes,
    or 2 for int16) and the right child's distance; a leaf is its index; distances and leaf
    items are one byte ("narrow") unless one does not fit, then two for all ("wide")."""

    def size(ref, base, width, fits):
        if ref < 0:
            fits[0] = fits[0] and ((-(ref + 1)) << 1) <= (0xFF if width == 1 else 0xFFFF)
            return width
        index = base + ref
        _, _, left, right = model.nodes[index]
        left_size = size(left, index, width, fits)
        fits[0] = fits[0] and left_size <= (0xFF if width == 1 else 0xFFFF)
        return 1 + (2 if model.int16 else 4) + width + left_size + size(right, index, width, fits)

    for width in (1, 2):
        fits = [True]
        total = sum(size(root, 0, width, fits) for root in model.roots)
        if fits[0]:
            return total, width == 2
    return total, True


def _subtree_nodes(model, index, memo):
    """Decision nodes in the subtree rooted at node `index` (itself included)."""
    if index in memo:
        return memo[index]
    _, _, left, right = model.nodes[index]
    count = 1 + sum(_subtree_nodes(model, index + ref, memo) for ref in (left, right) if ref > 0)
    memo[index] = count
    return count


# Decision nodes in a left subtree beyond which the inline form's conditional branch over it
# (brge/brlt: +-63 words) no longer reaches: avr-g++ then writes a branch around an rjmp.
# About 14 bytes per int16 node with its leaf, about 24 per float node.
_LONG_BRANCH_NODES = {"int16": 8, "float": 5}


def _inline_structure(model):
    """What the inline form's code size depends on besides the node count: leaves that return
    the same leaf index within a tree (avr-g++ shares their code), constant bytes that are
    zero (compared with r1, the zero register, instead of a loaded constant), and branches
    over left subtrees too big for a conditional branch's reach."""
    dtype = "int16" if model.int16 else "float"
    distinct = zero_bytes = long_branches = 0
    memo = {}
    for root in model.roots:
        leaves, stack = set(), [root]
        while stack:
            ref = stack.pop()
            if ref < 0:
                leaves.add(-ref - 1)
                continue
            _, threshold, left, right = model.nodes[ref]
            if model.int16:  # x <= t is compiled as x < t + 1
                bits = (int(threshold) + 1) & 0xFFFF
                zero_bytes += (bits & 0xFF == 0) + (bits >> 8 == 0)
            else:
                bits = struct.unpack("<I", struct.pack("<f", threshold))[0]
                zero_bytes += sum(1 for shift in (0, 8, 16, 24) if (bits >> shift) & 0xFF == 0)
            if left > 0 and _subtree_nodes(model, ref + left, memo) > _LONG_BRANCH_NODES[dtype]:
                long_branches += 1
            for child in (left, right):
                stack.append(ref + child if child > 0 else child)
        distinct += len(leaves)
    return {"tree_leaves": distinct, "zero_bytes": zero_bytes, "long_branches": long_branches}


def describe(data, X=None):
    """The structure the cost models read, from a blob: family, dtype, role, sizes, and, given
    rows X, the mean number of decision nodes a prediction visits."""
    kind, flags, n_features, n_outputs, _ = blob_format.unpack(data)
    info = {
        "blob_bytes": len(data),
        "n_features": n_features,
        "n_outputs": n_outputs,
        "dtype": "int16" if flags & blob_format.FLAG_INT16 else "float",
    }
    if kind == KIND_GAUSSIAN_NB:
        info.update(family="nb", role="classifier", trees=0, nodes=0, leaves=0, rows=[])
        info.update(ref_width=1, table_bytes=0, table_wide=False, leaf_data=0, feature_loads=0)
        info.update(dict.fromkeys(ROW_TERMS, 0.0), tree_leaves=0, zero_bytes=0, long_branches=0)
        return info
    model = read_trees(data)
    table_bytes, table_wide = _table_bytes(model)
    info.update(
        family="trees",
        role=model.role,
        trees=len(model.roots),
        nodes=len(model.nodes),
        leaves=len(model.leaves),
        ref_width=model._ref_width()[0],
        table_bytes=table_bytes,
        table_wide=table_wide,
        visited=0.0,
    )
    info["leaf_data"] = _leaf_data_bytes(info)
    info["feature_loads"] = _feature_loads(model)
    info.update(_inline_structure(model))
    # Per row: what each prediction walks and adds (device_trace); the cycle models are
    # linear in these, so the mean over the rows gives the mean cycles.
    info["rows"] = row_terms(model, X) if X is not None else []
    info.update(mean_terms(info["rows"]))
    info["asm_bytes"] = info["asm_cycles"] = None
    if _asm_form(model):  # that code is known exactly (device_asm)
        items = device_asm.layout(model)
        info["asm_bytes"] = device_asm.vote_asm_bytes(items)
        for row, x in zip(info["rows"], model._checked(X) if X is not None else []):
            row["asm_cycles"] = device_asm.vote_asm_cycles(items, x)
        cycles = [row["asm_cycles"] for row in info["rows"]]
        info["asm_cycles"] = sum(cycles) / float(len(cycles)) if cycles else 0.0
    return info


# Terms whose coefficient is 1 by construction: bytes stored as they are (the blob; the
# generated forms' node and leaf tables, laid out exactly as their code generators do).
EXACT = ("blob_bytes", "data", "asm")
_FLOAT_ADDS = (
    "adds",
    "adds_zero",
    "add_shift_bytes",
    "add_shift_bits",
    "add_normalise",
    "sums_zero",
)


def _full_scale(info):
    """Whether a two-class vote's threshold kTrees * kScale (kScale = 65535 / kTrees, integer
    division, tree_codegen.cpp) is 65535 itself: predict_label()'s final compare then
    compiles to other code (1, 3, 5, 15, 17 ... trees)."""
    trees = info["trees"]
    return float(0 < trees <= 64 and 65535 % trees == 0)


def _divides(trees):
    """Whether the generated predict() divides its sums by the tree count: avr-g++ multiplies
    by the inverse instead when that is exact (a power of two), and one tree needs neither."""
    return trees > 1 and trees & (trees - 1) != 0


def terms(info, what, form, board):
    """The regressors of one cost model (names and values), from describe()'s structure.
    Flash: the stored bytes (EXACT) plus code: per decision node in the inline form (with what
    makes a node's code longer or shorter: loading its feature, zero constant bytes, long
    branches, leaves that share their code), per tree and per output. "Wide" walks (blob
    references of 2 or 4 bytes, two-byte table items) read more per node; a single tree needs
    no loop over trees; two-class classifiers vote with one value. Both boards share the
    flash fit (the ATmega2560's calls and jumps take 3-byte addresses: "mega"). Cycles, per
    row (device_trace; fitted per board: its calls and returns take a cycle more): per visited
    node and its direction, per tree and output, the soft-float compares (float models) and
    adds (the blob's sums; the generated forms' regressors)."""
    k = info["n_outputs"]
    two = float(k == 2 and info["role"] == "classifier")
    if form == "inline" and info.get("asm_bytes") is not None:
        # The assembly is known exactly; around it, the registers it clobbers are saved (two
        # per feature) and the sum is compared. Its vote table is not linked.
        if what == "flash":
            return {
                "one": 1.0,
                "asm": info["asm_bytes"],
                "features": info["n_features"],
                "full_scale": _full_scale(info),
            }
        return {"one": 1.0, "asm": info["asm_cycles"], "features": info["n_features"]}
    if what == "flash" and form == "blob":  # the engine is a constant, the blob is stored as it is
        return {"one": 1.0, "blob_bytes": info["blob_bytes"]}
    if what == "flash":
        found = {
            "one": 1.0,
            "data": info["leaf_data"]
            + (info["table_bytes"] + 2 * info["trees"]) * (form == "tables"),
            "trees": info["trees"],
            "outputs": k,
            "mega": float(board == "mega2560"),
            "two_class": two,
            "two_class_trees": two * info["trees"],  # one vote add per tree, not one per class
            "full_scale": two * _full_scale(info),
            "single_tree": float(info["trees"] == 1),
        }
        if info["role"] == "regressor":  # the soft-float division or multiplication
            found["division"] = float(_divides(info["trees"]))
            found["halving"] = float(info["trees"] > 1 and not _divides(info["trees"]))
        if form == "inline":
            for name in ("nodes", "feature_loads", "tree_leaves", "zero_bytes", "long_branches"):
                found[name] = info[name]
            # Over 256 distinct leaves, a tree returns its leaf as a uint16_t (two registers
            # loaded per return; tree_codegen.cpp, leafIndexType).
            wide = float(info["leaves"] > 256)
            found["wide_leaf_index"] = wide
            found["wide_leaf_returns"] = wide * (info["nodes"] + info["trees"])
        else:
            found["wide"] = float(info["table_wide"])
        found["features"] = info["n_features"]  # how the row is held around the call
        return found
    if what == "cycles" and info["family"] == "nb":
        return {"one": 1.0, "features_x_classes": info["n_features"] * k, "classes": k}
    if what == "cycles":
        wide = info["ref_width"] > 1 if form == "blob" else form == "tables" and info["table_wide"]
        found = {
            "one": 1.0,
            "visited": info["visited"],
            "visited_right": info["visited_right"],
            "visited_wide": info["visited"] if wide else 0.0,
            "trees": info["trees"],
            "tree_outputs": info["trees"] * k,
            "outputs": k,
            "single_tree": float(info["trees"] == 1),
            "two_class": two,
            "two_class_trees": two * info["trees"],
        }
        if form == "inline":  # a node testing its parent's feature reuses its registers
            found["feature_changes"] = info["feature_changes"]
        if info["dtype"] == "float":
            found["compare_signs_differ"] = info["compare_signs_differ"]
        elif form == "tables":
            found["high_bytes_equal"] = info["high_bytes_equal"]
        if form == "blob" or info["role"] == "regressor":  # float sums; votes are integers
            for name in _FLOAT_ADDS:
                found[name] = info[name]
        if form != "blob" and info["role"] == "regressor":
            found["divisions"] = k * float(_divides(info["trees"]))
            found["halvings"] = k * float(info["trees"] > 1 and not _divides(info["trees"]))
        return found
    raise CostError("no cost model %r" % what)


def _apply(fit, values):
    return sum(
        (1.0 if name in EXACT else fit.get(name, 0.0)) * value for name, value in values.items()
    )


def estimate(info, form, board):
    """{"flash", "ram", "cycles"} of the described model in `form` on `board` (bytes, bytes,
    mean CPU cycles per prediction over the rows given to describe())."""
    if board not in BOARDS:
        raise CostError("board %r: the cost models know %s" % (board, ", ".join(BOARDS)))
    if form not in FORMS:
        raise CostError("form %r: one of %s" % (form, ", ".join(FORMS)))
    if info["family"] == "nb" and form != "blob":
        raise CostError("naive Bayes has no generated form (emflow codegen: trees only)")
    key = cost_key(form, info)
    fits = coefficients()["models"].get(key)
    if fits is None:
        raise CostError("no calibration for %s (scripts/calibrate_device_cost.py)" % key)
    # A linear fit may go slightly below zero for the tiniest models.
    return {
        "flash": max(0, int(round(_apply(fits["flash"], terms(info, "flash", form, board))))),
        "ram": max(0, int(round(_apply(fits["ram"], {"one": 1.0})))),
        "cycles": max(
            0, int(round(_apply(fits["cycles"][board], terms(info, "cycles", form, board))))
        ),
    }
