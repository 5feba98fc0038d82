"""emflow: convert fitted scikit-learn estimators into emflow models.

    import emflow
    model = emflow.convert(estimator, dtype="float")   # or dtype="int16" (trees)
    model.predict(X); model.predict_proba(X)            # pure-Python reference
    model.save("m.bin"); model.save("m.h", name="m")
    model.save("m.csv")   # emltrees CSV: int16 tree classifiers only (csv_format.py)
    report = emflow.sweep(X, y, board="uno")   # accuracy vs flash/RAM/cycles (docs/sweep.md)

Pure Python (numpy optional): runs in CPython and in Pyodide.
"""

import importlib
import importlib.util

from .blob import BlobError
from .model import ConversionError, Model, convert, register, registered

__all__ = ["BlobError", "ConversionError", "Model", "convert", "register", "registered", "sweep"]

# Each family module registers its converters when imported. Modules of families that are
# not in this copy of the package are skipped.
_FAMILY_MODULES = ("trees", "naive_bayes", "mlp", "neighbors", "linear", "covariance", "mixture")
for _module in _FAMILY_MODULES:
    if importlib.util.find_spec("." + _module, __name__) is not None:
        importlib.import_module("." + _module, __name__)

# After the families: the sweep converts scikit-learn models through them.
from .model_sweep import sweep  # noqa: E402
