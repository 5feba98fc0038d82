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
        "flash_median": 0.0,
        "cycles_worst": 0.0107,
        "cycles_median": 0.0,
    },
    "inline": {
        "flash_worst": 0.0085,
        "flash_median": 0.0,
        "cycles_worst": 0.0367,
        "cycles_median": 0.0,
    },
    "tables": {
        "flash_worst": 0.0231,
        "flash_median": 0.0,
        "cycles_worst": 0.0423,
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
    """The calibration a model uses. The inline form's trees are walked by AVR assembly
    (core/host/modelgen/avr_tree_asm.cpp), known exactly (device_asm): "trees_vote_asm" when
    it also sums the votes (two-class classifiers with at most 64 trees), "trees_asm" when
    the C++ around it adds from the leaf indices it stores."""
    family = info["family"]
    if form == "inline" and info.get("asm_bytes") is not None:
        family = "trees_vote_asm" if info["asm_votes"] else "trees_asm"
    return "%s/%s/%s/%s" % (form, family, info["dtype"], info["role"])


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

    per_node = 1 + (2 if model.int16 else 4)
    for width in (1, 2):
        limit = 0xFF if width == 1 else 0xFFFF
        fits, total = True, 0
        for root in model.roots:
            if root < 0:
                fits = fits and ((-(root + 1)) << 1) <= limit
                total += width
                continue
            # Subtree sizes children first, without recursion (a tree may be a long chain).
            order, stack = [], [root]
            while stack:
                index = stack.pop()
                order.append(index)
                stack += [index + ref for ref in model.nodes[index][2:] if ref >= 0]
            size = {}
            for index in reversed(order):
                children = []
                for ref in model.nodes[index][2:]:
                    if ref < 0:
                        fits = fits and ((-(ref + 1)) << 1) <= limit
                        children.append(width)
                    else:
                        children.append(size[index + ref])
                fits = fits and children[0] <= limit
                size[index] = per_node + width + children[0] + children[1]
            total += size[root]
        if fits:
            return total, width == 2
    return total, True


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
        info.update(ref_width=1, table_bytes=0, table_wide=False, leaf_data=0)
        info.update(dict.fromkeys(ROW_TERMS, 0.0))
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
    # Per row: what each prediction walks and adds (device_trace); the cycle models are
    # linear in these, so the mean over the rows gives the mean cycles.
    info["rows"] = row_terms(model, X) if X is not None else []
    info.update(mean_terms(info["rows"]))
    info["asm_bytes"] = info["asm_cycles"] = None
    if device_asm.fits(model):  # the inline form's walk is known exactly (device_asm)
        code = device_asm.Layout(model)
        info.update(asm_bytes=code.bytes(), asm_votes=code.votes, asm_way=code.way)
        for row, x in zip(info["rows"], model._checked(X) if X is not None else []):
            row["asm_cycles"] = code.cycles(x)
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
    The inline form: its assembly exactly, and the C++ around it (_asm_terms). The others:
    flash: the stored bytes (EXACT) plus code per tree and per output. "Wide" walks (blob
    references of 2 or 4 bytes, two-byte table items) read more per node; a single tree needs
    no loop over trees; two-class classifiers vote with one value. Both boards share the
    flash fit (the ATmega2560's calls and jumps take 3-byte addresses: "mega"). Cycles, per
    row (device_trace; fitted per board: its calls and returns take a cycle more): per visited
    node and its direction, per tree and output, the soft-float compares (float models) and
    adds (the blob's sums; the generated forms' regressors)."""
    k = info["n_outputs"]
    two = float(k == 2 and info["role"] == "classifier")
    if form == "inline" and info.get("asm_bytes") is not None:
        return _asm_terms(info, what, board, k, two)
    if form == "inline":
        raise CostError(
            "the inline form of a model with over 65536 distinct leaves is C++ avr-gcc lays out"
            " as it likes: no cost model (use the tables form)"
        )
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
        found["wide"] = float(info["table_wide"])
        found.update(_row_terms(info))
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


def _row_terms(info):
    """How the row is held around the call: avr-g++ lays out the caller's row and loop (and
    the frame of the float keys) by the feature count, differently for two and three."""
    f = info["n_features"]
    return {"features": f, "features_2": float(f == 2), "features_3": float(f == 3)}


def has_inline_cost(info):
    """Whether the inline form of the described model is costed: its trees are walked by the
    assembly (at most 65536 distinct leaves; beyond, the leaf table alone is 256 KB)."""
    return info.get("asm_bytes") is not None


def _asm_terms(info, what, board, k, two):
    """The inline form: its assembly is known exactly (bytes, and cycles along each row's
    path); around it, the C++ either compares the summed votes or adds each tree's votes or
    leaf values (stored as they are: exact bytes) from the leaf indices, in a loop over the
    trees."""
    # The way features are reached clobbers its own set of registers (int16 ones in registers,
    # or read per node; float keys: their own fit), so the code around differs by way.
    memory = float(info["asm_way"] == "memory16")
    few = _row_terms(info)
    wide = float(info["leaves"] > 256)  # uint16 leaf indices (tree_codegen.cpp, leafIndexType)
    if info["asm_votes"]:
        if what == "flash":
            return {
                "one": 1.0,
                "asm": info["asm_bytes"],
                "memory": memory,
                "mega": float(board == "mega2560"),
                **few,
            }
        return {"one": 1.0, "asm": info["asm_cycles"], "memory": memory}
    chunks = (info["trees"] + device_asm.TREES_PER_CHUNK - 1) // device_asm.TREES_PER_CHUNK
    if what == "flash":
        found = {
            "one": 1.0,
            "asm": info["asm_bytes"],
            "data": info["leaf_data"],
            "memory": memory,
            **few,
            "outputs": k,
            "mega": float(board == "mega2560"),
            "two_class": two,
            "single_tree": float(info["trees"] == 1),
            "more_chunks": chunks - 1,
            "wide_leaf_index": wide,
        }
    else:
        found = {
            "one": 1.0,
            "asm": info["asm_cycles"],
            "memory": memory,
            "trees": info["trees"],
            "tree_outputs": info["trees"] * k,
            "outputs": k,
            "two_class_trees": two * info["trees"],
            "single_tree": float(info["trees"] == 1),
            "more_chunks": chunks - 1,
            "wide_leaf_trees": wide * info["trees"],
        }
    if info["role"] == "regressor":  # float sums, then the division or multiplication
        if what == "flash":
            found["division"] = float(_divides(info["trees"]))
            found["halving"] = float(info["trees"] > 1 and not _divides(info["trees"]))
        else:
            for name in _FLOAT_ADDS:
                found[name] = info[name]
            found["divisions"] = k * float(_divides(info["trees"]))
            found["halvings"] = k * float(info["trees"] > 1 and not _divides(info["trees"]))
    return found


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
