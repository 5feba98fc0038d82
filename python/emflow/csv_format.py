"""emlearn's tree CSV, as MicroPython's `emltrees` loads it (and `emflow predict m.csv` reads it).

One record per line: `f,<n_features>`, `c,<n_classes>`, `lb,0` (leaf bits: one class index per
leaf), `l,<class index>` per leaf, `r,<root>` per tree, `n,<feature>,<threshold>,<left>,<right>`
per decision node. A child >= 0 is an offset from this node; a negative child -(leaf)-1 names a
leaf. The device votes: every tree gives its leaf's class, the majority wins.

What the device does decides what may be written (emlearn-micropython's `load_model` and
emlearn's `eml_trees.h`): it reads a threshold as `int(float(t))` into an int16, a leaf with
`int()`, takes int16 features, and goes left when `x < t`. emflow's int16 models go left when
`x <= t`, which for integers is `x < t + 1`, so thresholds are written shifted by one. Hence:

- only int16 models (float thresholds would be truncated on load; convert with dtype="int16"
  and give the device the same integer features);
- only classifiers (emltrees is built without regression, and `int()` refuses `l,0.25`);
- only what the device's tables hold: thresholds + 1 within int16, at most 127 features (int8),
  child offsets and roots within int16, classes below 256 (uint8 leaves).
"""

from . import blob
from .model import ConversionError

INT16_MIN, INT16_MAX = -32768, 32767
MAX_FEATURES = 127  # EmlTrees.n_features and EmlTreesNode.feature are int8_t
MAX_CLASSES = 256  # a leaf is a uint8_t class index


def _refuse(model, message):
    raise ConversionError(model.estimator_name, "emltrees CSV: " + message)


def _check_shape(model):
    if model.kind == blob.KIND_TREE_REGRESSOR:
        _refuse(
            model,
            "regressors cannot be loaded by emltrees (built without regression; leaves are read "
            "with int()): save a .bin or .h instead",
        )
    if model.kind != blob.KIND_TREE_CLASSIFIER:
        _refuse(model, "the format holds single-output tree classifiers only")
    if not model.int16:
        _refuse(
            model,
            "float models cannot be written: the loader truncates thresholds to integers "
            "(int(float(t))) and the device takes int16 features; convert with dtype='int16' "
            "and integer features",
        )
    if model.n_features > MAX_FEATURES:
        _refuse(
            model, "%d features, the device holds at most %d" % (model.n_features, MAX_FEATURES)
        )
    if model.n_outputs > MAX_CLASSES:
        _refuse(model, "%d classes, the device holds at most %d" % (model.n_outputs, MAX_CLASSES))


def _device_threshold(model, index, threshold):
    """x <= threshold (emflow) is x < threshold + 1 (the device) for integer x."""
    shifted = int(threshold) + 1
    if not INT16_MIN <= shifted <= INT16_MAX:
        _refuse(
            model,
            "node %d: threshold %d sends every int16 left; the device's `x < t` cannot hold it "
            "(t = %d does not fit int16)" % (index, threshold, shifted),
        )
    return shifted


def _device_ref(model, what, ref):
    if not INT16_MIN <= ref <= INT16_MAX:
        _refuse(model, "%s %d does not fit the device's int16" % (what, ref))
    return ref


def write_tree_csv(model):
    _check_shape(model)
    leaf_values = [
        max(range(len(leaf)), key=lambda k, leaf=leaf: (leaf[k], -k)) for leaf in model.leaves
    ]
    lines = ["f,%d" % model.n_features, "c,%d" % model.n_outputs, "lb,0"]
    lines += ["l,%d" % v for v in leaf_values]
    lines += ["r,%d" % _device_ref(model, "root", r) for r in model.roots]
    for i, (f, t, left, right) in enumerate(model.nodes):
        lines.append(
            "n,%d,%d,%d,%d"
            % (
                f,
                _device_threshold(model, i, t),
                _device_ref(model, "node %d: child" % i, left),
                _device_ref(model, "node %d: child" % i, right),
            )
        )
    return "\n".join(lines) + "\n"
