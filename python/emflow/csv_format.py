"""emlearn's tree CSV (read by MicroPython's `emltrees` and by `emflow predict m.csv`).

One record per line: `f,<n_features>`, `c,<n_classes>` (0 for regression), `lb,<leaf bits>`,
`l,<leaf value>` per leaf, `r,<root>` per tree, `n,<feature>,<threshold>,<left>,<right>` per
decision node. A child >= 0 is an offset from this node; a negative child -(leaf)-1 names a
leaf. Classifier leaves hold a class index (emlearn's majority vote, not soft voting);
regressor leaves hold a value. Only single-output tree classifiers/regressors fit the format.
"""

from . import blob
from .model import ConversionError


def _number(value):
    return repr(int(value)) if float(value) == int(value) else repr(float(value))


def write_tree_csv(model):
    if model.kind == blob.KIND_TREE_CLASSIFIER:
        n_classes = model.n_outputs
        leaf_values = [
            max(range(len(leaf)), key=lambda k, leaf=leaf: (leaf[k], -k)) for leaf in model.leaves
        ]
    elif model.kind == blob.KIND_TREE_REGRESSOR and model.n_outputs == 1:
        n_classes = 0
        leaf_values = [leaf[0] for leaf in model.leaves]
    else:
        raise ConversionError(
            model.estimator_name,
            "the emlearn CSV format holds single-output tree " "classifiers and regressors only",
        )
    lines = ["f,%d" % model.n_features, "c,%d" % n_classes, "lb,0"]
    lines += ["l,%s" % _number(v) for v in leaf_values]
    lines += ["r,%d" % r for r in model.roots]
    lines += ["n,%d,%s,%d,%d" % (f, _number(t), left, right) for f, t, left, right in model.nodes]
    return "\n".join(lines) + "\n"
