"""scikit-learn-like estimators that train with emflow's own C++ trainers (core/host/train).

    from emflow.train import RandomForestClassifier
    clf = RandomForestClassifier(n_estimators=50, random_state=0).fit(X, y)
    clf.predict(X); clf.predict_proba(X); clf.score(X, y)
    clf.blob_          # the binary model (docs/model-format.md), ready for a device

Parameter names and defaults are scikit-learn 1.2's; docs/train.md lists what differs.
Pure Python (no numpy needed). Fitting and predicting go through a *backend*:

- CliBackend (default in CPython): runs the native `emflow train` / `emflow predict`
  ($EMFLOW_CLI, else build/native/core/emflow).
- In Pyodide, a backend that calls the WebAssembly module's fit functions can be passed as
  `backend=` or installed with `set_default_backend()`: any object with
  `fit(model, task, params, X, y) -> bytes` and `predict(blob, X) -> [[outputs...], ...]`.
"""

import math
import numbers
import os
import random
import subprocess
import tempfile

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_default_backend = None


class TrainingError(ValueError):
    """The engine refused the data or the parameters (its message says why and where)."""


def set_default_backend(backend):
    """Installs the backend used by estimators created without `backend=`."""
    global _default_backend
    _default_backend = backend


def default_backend():
    global _default_backend
    if _default_backend is None:
        _default_backend = CliBackend()
    return _default_backend


def _rows(X):
    if hasattr(X, "tolist"):
        X = X.tolist()
    return [list(row) if isinstance(row, (list, tuple)) else [row] for row in X]


def _values(y):
    if hasattr(y, "tolist"):
        y = y.tolist()
    return list(y)


def _cell(value):
    return repr(float(value))


class CliBackend:
    """Trains and predicts with the native `emflow` command-line tool."""

    def __init__(self, cli=None):
        self.cli = (
            cli
            or os.environ.get("EMFLOW_CLI")
            or os.path.join(_ROOT, "build", "native", "core", "emflow")
        )

    def _run(self, args):
        if not os.path.isfile(self.cli):
            raise RuntimeError(
                "the emflow CLI was not found at %s (build it, or set EMFLOW_CLI)" % self.cli
            )
        result = subprocess.run([self.cli] + args, capture_output=True, text=True)
        if result.returncode != 0:
            message = result.stderr.strip().splitlines()
            raise TrainingError(message[-1] if message else "emflow %s failed" % args[0])
        return result.stdout

    def fit(self, model, task, params, X, y):
        with tempfile.TemporaryDirectory(prefix="emflow-train-") as directory:
            data = os.path.join(directory, "train.csv")
            output = os.path.join(directory, "model.bin")
            with open(data, "w") as f:
                for row, target in zip(X, y):
                    f.write(",".join(_cell(v) for v in row) + "," + _cell(target) + "\n")
            args = ["train", data, "--model", model, "--task", task, "--test-size", "0"]
            args += ["--quiet", "-o", output]
            for name, value in params.items():
                args += ["--" + name.replace("_", "-"), value]
            self._run(args)
            with open(output, "rb") as f:
                return f.read()

    def fit_many(self, X, requests, on_fit):
        """Runs fits at once, each its own `emflow train` process, as many as there are cores.
        requests: [{model, task, params, y, rows}] (estimator.fit_request() plus the indices
        of the rows of X it trains on; emflow.model_sweep.fit_requests). on_fit(number, blob,
        error) is called in this thread as each fit ends, in any order. Returns False: an
        interrupt here is a KeyboardInterrupt (the fits not started are dropped)."""
        from concurrent.futures import ThreadPoolExecutor, as_completed

        def one(request):
            rows = [X[i] for i in request["rows"]]
            try:
                args = (request["model"], request["task"], request["params"], rows, request["y"])
                return self.fit(*args), None
            except TrainingError as error:
                return None, str(error)

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as executor:
            futures = {executor.submit(one, request): n for n, request in enumerate(requests)}
            try:
                for future in as_completed(futures):
                    on_fit(futures[future], *future.result())
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        return False

    def predict(self, blob, X):
        with tempfile.TemporaryDirectory(prefix="emflow-predict-") as directory:
            model = os.path.join(directory, "model.bin")
            data = os.path.join(directory, "data.csv")
            with open(model, "wb") as f:
                f.write(blob)
            with open(data, "w") as f:
                for row in X:
                    f.write(",".join(_cell(v) for v in row) + "\n")
            out = self._run(["predict", model, data, "--proba"])
        return [[float(v) for v in line.split(",")] for line in out.splitlines()]


def _option(value):
    """A parameter value as the CLI reads it (floats keep a '.', so 1.0 is a fraction)."""
    if value is None:
        return "none"
    if isinstance(value, bool) or type(value).__name__ == "bool_":  # numpy.bool_ too
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):  # numpy integers from a parameter grid too
        return str(int(value))
    if isinstance(value, numbers.Real):
        text = repr(float(value))
        return text if ("." in text or "e" in text) else text + ".0"
    return str(value)


def check_rows(rows, error=TrainingError):
    """Raises `error` naming the row and column of the first value the trainers refuse (not a
    number, not finite) or of a row whose width differs from the first row's."""
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) != width:
            raise error("X row %d has %d values, row 0 has %d" % (i, len(row), width))
        for j, value in enumerate(row):
            try:
                finite = math.isfinite(float(value))
            except (TypeError, ValueError):
                raise error("X row %d, column %d: %r is not a number" % (i, j, value))
            if not finite:
                raise error("X row %d, column %d: %r is not finite" % (i, j, value))


def check_targets(values, error=TrainingError):
    """Raises `error` naming the first regression target that is not a finite number."""
    for i, value in enumerate(values):
        try:
            finite = math.isfinite(float(value))
        except (TypeError, ValueError):
            raise error("y row %d: %r is not a number" % (i, value))
        if not finite:
            raise error("y row %d: %r is not finite" % (i, value))


def _seed(random_state):
    """The CLI's --seed for a scikit-learn random_state: None draws a fresh one (a new fit each
    time, as scikit-learn), an int (numpy's too) is used as is, and a RandomState instance gives
    its next draw, as sklearn.utils.check_random_state does for scikit-learn's own estimators."""
    if random_state is None:
        return random.SystemRandom().randrange(2**63)
    if hasattr(random_state, "randint") and hasattr(random_state, "get_state"):
        return int(random_state.randint(2**31 - 1))
    if (
        not isinstance(random_state, numbers.Integral)
        or isinstance(random_state, bool)
        or random_state < 0
    ):
        raise ValueError(
            "random_state must be None, an int >= 0 or a numpy RandomState (got %r)"
            % (random_state,)
        )
    return int(random_state)


class _EngineEstimator:
    """Shared fit/predict plumbing; subclasses list their parameters and defaults."""

    _model = ""  # CLI model name
    _task = "classification"
    _defaults = {}
    _unsupported = {}  # parameter -> the only value the engine supports

    def __init__(self, backend=None, **params):
        unknown = set(params) - set(self._defaults)
        if unknown:
            raise TypeError(
                "%s got unexpected parameters: %s" % (type(self).__name__, sorted(unknown))
            )
        self.backend = backend
        for name, default in self._defaults.items():
            setattr(self, name, params.get(name, default))

    # scikit-learn's estimator protocol, so that clone() and grid searches work.
    def get_params(self, deep=True):
        params = {name: getattr(self, name) for name in self._defaults}
        params["backend"] = self.backend
        return params

    def set_params(self, **params):
        for name, value in params.items():
            if name != "backend" and name not in self._defaults:
                raise ValueError("invalid parameter %r for %s" % (name, type(self).__name__))
            setattr(self, name, value)
        return self

    def __repr__(self):
        changed = [
            "%s=%r" % (name, getattr(self, name))
            for name, default in self._defaults.items()
            if getattr(self, name) != default
        ]
        return "%s(%s)" % (type(self).__name__, ", ".join(changed))

    def _cli_params(self):
        params = {}
        for name, only in self._unsupported.items():
            if getattr(self, name) != only:
                raise ValueError(
                    "%s(%s=%r): the engine's trainer supports only %s=%r (see docs/train.md)"
                    % (type(self).__name__, name, getattr(self, name), name, only)
                )
        for name in self._defaults:
            if name in self._unsupported or name in ("n_jobs", "verbose", "random_state"):
                continue
            params[name] = _option(getattr(self, name))
        params["seed"] = str(_seed(self.random_state))
        return params

    def _check_X(self, X, fitting):
        rows = _rows(X)
        if not rows:
            raise TrainingError("X is empty (0 rows)")
        check_rows(rows)
        width = len(rows[0])
        if not fitting and width != self.n_features_in_:
            raise TrainingError(
                "X has %d features, the model was fitted with %d" % (width, self.n_features_in_)
            )
        return rows

    def _prepare(self, X, y):
        """Checks X and y, sets classes_ (classifiers), and returns the rows and the targets as
        the engine takes them (classes as their indices in classes_)."""
        rows = self._check_X(X, fitting=True)
        targets = _values(y)
        if len(targets) != len(rows):
            raise TrainingError("X has %d rows but y has %d values" % (len(rows), len(targets)))
        if self._task == "classification":
            self.classes_ = sorted(set(targets))
            index = {label: k for k, label in enumerate(self.classes_)}
            encoded = [index[label] for label in targets]
            self.n_classes_ = len(self.classes_)
            if self.n_classes_ < 2:
                raise TrainingError(
                    "y has a single class (%r); a classifier needs at least 2" % (targets[0],)
                )
        else:
            check_targets(targets)
            encoded = [float(v) for v in targets]
        return rows, encoded

    def fit(self, X, y):
        rows, encoded = self._prepare(X, y)
        backend = self.backend or default_backend()
        self.blob_ = backend.fit(self._model, self._task, self._cli_params(), rows, encoded)
        self.n_features_in_ = len(rows[0])
        return self

    def fit_request(self, X, y):
        """What fit(X, y) asks its backend for, for a caller that runs many fits at once
        (emflow.model_sweep on the notebook's pool of engine workers): {model, task, params,
        y} with y encoded as the engine takes it, and what adopt() needs besides the blob
        (n_features, classes). X and y are checked here, once."""
        rows, encoded = self._prepare(X, y)
        request = {
            "model": self._model,
            "task": self._task,
            "params": self._cli_params(),
            "y": encoded,
            "n_features": len(rows[0]),
        }
        if self._task == "classification":
            request["classes"] = self.classes_
        return request

    def adopt(self, blob, request):
        """Becomes the estimator fit(X, y) gives, with `blob`: the engine's model for
        `request`, the fit_request(X, y) of an estimator with the same parameters."""
        if self._task == "classification":
            self.classes_ = list(request["classes"])
            self.n_classes_ = len(self.classes_)
        self.blob_ = bytes(blob)
        self.n_features_in_ = request["n_features"]
        return self

    # What scikit-learn's tags say about these estimators, kept as plain values so that they
    # hold (and are tested) with any scikit-learn: 2-D numeric rows, no NaN or infinity (the
    # engine refuses them), no sparse matrices or strings, a target is required, one output.
    _TAG_VALUES = {
        "input": {"two_d_array": True, "sparse": False, "string": False, "allow_nan": False},
        "target": {"required": True, "single_output": True, "multi_output": False},
        "classifier": {"multi_class": True, "multi_label": False},
    }

    def __sklearn_tags__(self):
        """scikit-learn >= 1.6 reads an estimator's type and abilities from these tags
        (is_classifier, cross-validation's stratified folds, the common checks); older ones
        read `_estimator_type` and never call this."""
        try:
            from sklearn.utils import ClassifierTags, InputTags, RegressorTags, Tags, TargetTags
        except ImportError:  # scikit-learn < 1.6 (Debian 12's is 1.2): it has no Tags
            raise AttributeError(
                "__sklearn_tags__ needs scikit-learn >= 1.6 (sklearn.utils.Tags); older "
                "versions read %s._estimator_type" % type(self).__name__
            )
        values = self._TAG_VALUES
        classifier = self._estimator_type == "classifier"
        return Tags(
            estimator_type=self._estimator_type,
            target_tags=TargetTags(**values["target"]),
            transformer_tags=None,
            classifier_tags=ClassifierTags(**values["classifier"]) if classifier else None,
            regressor_tags=None if classifier else RegressorTags(),
            input_tags=InputTags(**values["input"]),
            requires_fit=True,
        )

    def _outputs(self, X):
        if not hasattr(self, "blob_"):
            raise AttributeError("%s is not fitted yet: call fit first" % type(self).__name__)
        rows = self._check_X(X, fitting=False)
        return (self.backend or default_backend()).predict(self.blob_, rows)


class _Classifier(_EngineEstimator):
    # sklearn.base.is_classifier reads this: cross_val_score and GridSearchCV then split with
    # StratifiedKFold (plain KFold on sorted labels leaves classes out of the training folds).
    _estimator_type = "classifier"

    def predict_proba(self, X):
        return self._outputs(X)

    def predict(self, X):
        labels = []
        for outputs in self._outputs(X):
            best = 0
            for k in range(1, len(outputs)):
                if outputs[k] > outputs[best]:  # first maximum, as the engine and numpy
                    best = k
            labels.append(self.classes_[best])
        return labels

    def score(self, X, y):
        """Mean accuracy."""
        truth = _values(y)
        predicted = self.predict(X)
        return sum(1 for p, t in zip(predicted, truth) if p == t) / float(len(truth))


class _Regressor(_EngineEstimator):
    _task = "regression"
    _estimator_type = "regressor"

    def predict(self, X):
        return [outputs[0] for outputs in self._outputs(X)]

    def score(self, X, y):
        """Coefficient of determination R^2 (as sklearn.metrics.r2_score)."""
        truth = [float(v) for v in _values(y)]
        predicted = self.predict(X)
        mean = math.fsum(truth) / len(truth)
        residual = math.fsum((t - p) ** 2 for t, p in zip(truth, predicted))
        total = math.fsum((t - mean) ** 2 for t in truth)
        if total == 0:
            return 1.0 if residual == 0 else 0.0
        return 1.0 - residual / total


def _tree_defaults(criterion, max_features):
    return {
        "criterion": criterion,
        "max_depth": None,
        "min_samples_split": 2,
        "min_samples_leaf": 1,
        "min_weight_fraction_leaf": 0.0,
        "max_features": max_features,
        "random_state": None,
        "min_impurity_decrease": 0.0,
        "max_leaf_nodes": None,
        "ccp_alpha": 0.0,
    }


def _forest_defaults(criterion, max_features, bootstrap):
    defaults = _tree_defaults(criterion, max_features)
    defaults.update(
        {
            "n_estimators": 100,
            "bootstrap": bootstrap,
            "oob_score": False,
            "n_jobs": None,
            "verbose": 0,
            "warm_start": False,
            "max_samples": None,
        }
    )
    return defaults


_TREE_UNSUPPORTED = {"max_leaf_nodes": None, "ccp_alpha": 0.0}
_FOREST_UNSUPPORTED = dict(_TREE_UNSUPPORTED, oob_score=False, warm_start=False)
_CLASS_WEIGHT = {"class_weight": None}


class DecisionTreeClassifier(_Classifier):
    _model = "decision_tree"
    _defaults = dict(_tree_defaults("gini", None), splitter="best", class_weight=None)
    _unsupported = dict(_TREE_UNSUPPORTED, splitter="best", **_CLASS_WEIGHT)


class DecisionTreeRegressor(_Regressor):
    _model = "decision_tree"
    _defaults = dict(_tree_defaults("squared_error", None), splitter="best")
    _unsupported = dict(_TREE_UNSUPPORTED, splitter="best")


class RandomForestClassifier(_Classifier):
    _model = "random_forest"
    _defaults = dict(_forest_defaults("gini", "sqrt", True), class_weight=None)
    _unsupported = dict(_FOREST_UNSUPPORTED, **_CLASS_WEIGHT)


class RandomForestRegressor(_Regressor):
    _model = "random_forest"
    _defaults = _forest_defaults("squared_error", 1.0, True)
    _unsupported = _FOREST_UNSUPPORTED


class ExtraTreesClassifier(_Classifier):
    _model = "extra_trees"
    _defaults = dict(_forest_defaults("gini", "sqrt", False), class_weight=None)
    _unsupported = dict(_FOREST_UNSUPPORTED, **_CLASS_WEIGHT)


class ExtraTreesRegressor(_Regressor):
    _model = "extra_trees"
    _defaults = _forest_defaults("squared_error", 1.0, False)
    _unsupported = _FOREST_UNSUPPORTED


class GaussianNB(_Classifier):
    _model = "gaussian_nb"
    _defaults = {"priors": None, "var_smoothing": 1e-9, "random_state": 0}
    _unsupported = {"priors": None}

    def get_params(self, deep=True):
        params = super().get_params(deep)
        del params["random_state"]  # GaussianNB has none; kept internally for the CLI seed
        return params


__all__ = [
    "CliBackend",
    "DecisionTreeClassifier",
    "DecisionTreeRegressor",
    "ExtraTreesClassifier",
    "ExtraTreesRegressor",
    "GaussianNB",
    "RandomForestClassifier",
    "RandomForestRegressor",
    "TrainingError",
    "default_backend",
    "set_default_backend",
]
