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
from .engine_constants import KIND_GAUSSIAN_NB
from .tree_reader import read_trees, visited_nodes

FORMS = ("blob", "inline", "tables")
BOARDS = {
    # Flash a sketch may use (the bootloader's share excluded) and static RAM.
    "uno": {"mcu": "atmega328p", "flash": 32256, "ram": 2048},
    "mega2560": {"mcu": "atmega2560", "flash": 253952, "ram": 8192},
}


# Worst relative error of the estimates against real builds of models the calibration never
# saw (tests/sweep/check_device_cost.py, its last run; docs/sweep.md): what a report's
# numbers may be off by, per form.
MEASURED_ERROR = {
    "blob": {
        "flash_worst": 0.0051,
        "flash_median": 0.0013,
        "cycles_worst": 0.1603,
        "cycles_median": 0.0028,
    },
    "inline": {
        "flash_worst": 0.1173,
        "flash_median": 0.0228,
        "cycles_worst": 0.3667,
        "cycles_median": 0.0509,
    },
    "tables": {
        "flash_worst": 0.0379,
        "flash_median": 0.0,
        "cycles_worst": 0.1962,
        "cycles_median": 0.0397,
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
    if (
        form == "inline"
        and family == "trees"
        and info["dtype"] == "int16"
        and info["role"] == "classifier"
        and info["n_outputs"] == 2
        and info["n_features"] <= 8
        and info["trees"] <= 64
    ):
        family = "trees_asm"
    return "%s/%s/%s/%s" % (form, family, info["dtype"], info["role"])


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
        info.update(family="nb", role="classifier", trees=0, nodes=0, leaves=0, visited=0.0)
        info.update(ref_width=1, table_bytes=0, table_wide=False, leaf_data=0, feature_loads=0)
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
    info["nonzero_adds"] = 0.0
    if X is not None:
        adds = []
        counts = visited_nodes(model, X, adds)
        info["visited"] = sum(counts) / float(len(counts)) if counts else 0.0
        info["nonzero_adds"] = sum(adds) / float(len(adds)) if adds else 0.0
    return info


def terms(info, what, form, board):
    """The regressors of one cost model (names and values), from describe()'s structure.
    Flash of the generated forms: their tables' bytes (computed exactly as the code generator
    lays them out) plus code per decision node (inline) and per tree. "Wide" walks (blob
    references of 2 or 4 bytes, two-byte table items) read more per node; a single tree needs
    no loop over trees; two-class classifiers vote with one value. Both boards share the
    flash fit (the ATmega2560's calls and jumps take 3-byte addresses: "mega"); cycles are
    fitted per board (its calls and returns take a cycle more)."""
    k = info["n_outputs"]
    two = float(k == 2 and info["role"] == "classifier")
    if what == "flash" and form == "blob":  # the engine is a constant, the blob is stored as it is
        return {"one": 1.0, "blob_bytes": info["blob_bytes"]}
    if what == "flash":
        found = {
            "one": 1.0,
            "data": info["leaf_data"]
            + (info["table_bytes"] + 2 * info["trees"]) * (form == "tables"),
            "trees": info["trees"],
            "mega": float(board == "mega2560"),
            "two_class": two,
            "single_tree": float(info["trees"] == 1),
        }
        if form == "inline":
            found["nodes"] = info["nodes"]
            found["feature_loads"] = info["feature_loads"]
        else:
            found["wide"] = float(info["table_wide"])
        return found
    if what == "cycles" and info["family"] == "nb":
        return {"one": 1.0, "features_x_classes": info["n_features"] * k, "classes": k}
    if what == "cycles":
        wide = info["ref_width"] > 1 if form == "blob" else form == "tables" and info["table_wide"]
        found = {
            "one": 1.0,
            "visited": info["visited"],
            "visited_wide": info["visited"] if wide else 0.0,
            "trees": info["trees"],
            "tree_outputs": info["trees"] * k,
            "outputs": k,
        }
        if form == "blob" or info["role"] == "regressor":  # float sums; votes are integers
            found["nonzero_adds"] = info["nonzero_adds"]
        found["single_tree"] = float(info["trees"] == 1)
        found["two_class"] = two
        return found
    raise CostError("no cost model %r" % what)


def _apply(fit, values):
    return sum(fit.get(name, 0.0) * value for name, value in values.items())


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
