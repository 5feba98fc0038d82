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


class CostError(ValueError):
    """A model, form or board the cost models do not cover (the message says which)."""


def coefficients():
    """The fitted coefficients: {"models": {key: {"flash", "ram", "cycles", "fit"}}}."""
    from .device_cost_fit import FIT

    return FIT


def cost_key(board, form, family, dtype, role):
    return "%s/%s/%s/%s/%s" % (board, form, family, dtype, role)


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
        return info
    model = read_trees(data)
    info.update(
        family="trees",
        role=model.role,
        trees=len(model.roots),
        nodes=len(model.nodes),
        leaves=len(model.leaves),
        visited=0.0,
    )
    if X is not None:
        counts = visited_nodes(model, X)
        info["visited"] = sum(counts) / float(len(counts)) if counts else 0.0
    return info


def terms(info, what):
    """The regressors of one cost model (names and values), from describe()'s structure."""
    k = info["n_outputs"]
    if what == "flash_blob":  # the engine is a constant, the blob is stored as it is
        return {"one": 1.0, "blob_bytes": info["blob_bytes"]}
    if what == "flash":
        return {
            "one": 1.0,
            "nodes": info["nodes"],
            "leaf_values": info["leaves"] * k,
            "leaves": info["leaves"],
            "trees": info["trees"],
            "features": info["n_features"],
        }
    if what == "cycles" and info["family"] == "nb":
        return {"one": 1.0, "features_x_classes": info["n_features"] * k, "classes": k}
    if what == "cycles":
        return {
            "one": 1.0,
            "visited": info["visited"],
            "trees": info["trees"],
            "tree_outputs": info["trees"] * k,
        }
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
    key = cost_key(board, form, info["family"], info["dtype"], info["role"])
    fits = coefficients()["models"].get(key)
    if fits is None:
        raise CostError("no calibration for %s (scripts/calibrate_device_cost.py)" % key)
    flash_terms = terms(info, "flash_blob" if form == "blob" else "flash")
    return {
        "flash": int(round(_apply(fits["flash"], flash_terms))),
        "ram": int(round(_apply(fits["ram"], {"one": 1.0}))),
        "cycles": int(round(_apply(fits["cycles"], terms(info, "cycles")))),
    }
