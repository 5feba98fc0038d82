"""int16 fixed-point MLPs (dtype='int16'): int16 features x_q = round(x * input_scale), int16
weights with a per-layer power-of-two scale, exact int32 sums, integer relu/identity, tanh and
logistic through a Q14 table; only the output layer is float.

Checks that the C++ engine (CLI) and the Python reference compute the very same labels and
outputs, and reports how often the fixed-point prediction agrees with scikit-learn's float
prediction on every sample (asserted >= 99% where measured at or above it), plus the largest
probability / relative regression error."""

import warnings

import numpy as np
import pytest
from sklearn import datasets
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler

import emflow
from emflow import blob

INPUT_SCALE = 1000.0  # standardised features x 1000 fit int16 up to 32 standard deviations


def quantise(X):
    return np.clip(np.round(X * INPUT_SCALE), -32768, 32767).astype(np.int64)


def load(name):
    if name == "regression":
        X, y = datasets.make_regression(
            n_samples=300, n_features=6, n_targets=2, noise=5.0, random_state=0
        )
    else:
        X, y = getattr(datasets, "load_" + name)(return_X_y=True)
    return StandardScaler().fit_transform(X), y


def fit(estimator, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return estimator.fit(X, y)


# (dataset, hidden activation, hidden layers, calibrate relu/identity formats on the data)
CLASSIFIERS = [
    ("iris", "relu", (10,), True),
    ("iris", "relu", (10,), False),
    ("wine", "tanh", (8, 6), True),
    ("wine", "identity", (5,), True),
    ("breast_cancer", "logistic", (12,), True),
    ("breast_cancer", "relu", (16, 8), True),
    ("digits", "relu", (32,), True),
    ("digits", "relu", (32,), False),
    ("digits", "tanh", (24,), True),
]


@pytest.mark.parametrize("name,activation,layers,calibrate", CLASSIFIERS)
def test_int16_mlp_classifier(name, activation, layers, calibrate, cli_predict):
    X, y = load(name)
    estimator = fit(
        MLPClassifier(layers, activation=activation, max_iter=300, random_state=0), X, y
    )
    Xq = quantise(X)
    options = {"calibration": Xq} if calibrate else {}
    model = emflow.convert(estimator, dtype="int16", input_scale=INPUT_SCALE, **options)
    engine = np.asarray(cli_predict.outputs(model, Xq))
    engine_labels = np.asarray(cli_predict.labels(model, Xq))
    python = model.raw_outputs(Xq)
    # Same integer arithmetic: equal labels, equal float32 outputs (the CLI prints float32 with
    # 9 significant digits, which identifies the float32 exactly).
    np.testing.assert_array_equal(engine_labels, [label for _, label in python])
    np.testing.assert_array_equal(
        engine.astype(np.float32), np.asarray([outputs for outputs, _ in python], np.float32)
    )
    agreement = np.mean(np.asarray(estimator.classes_)[engine_labels] == estimator.predict(X))
    error = np.abs(engine - estimator.predict_proba(X)).max()
    print(
        "int16 MLP %s %s %s%s: agreement %.4f, max |proba error| %.2e"
        % (name, activation, layers, "" if calibrate else " (no calibration)", agreement, error)
    )
    assert agreement >= 0.99
    assert error < 0.01


@pytest.mark.parametrize("activation,layers", [("relu", (16,)), ("tanh", (10, 5))])
def test_int16_mlp_regressor(activation, layers, cli_predict):
    X, y = load("regression")
    estimator = fit(MLPRegressor(layers, activation=activation, max_iter=400, random_state=0), X, y)
    Xq = quantise(X)
    model = emflow.convert(estimator, dtype="int16", input_scale=INPUT_SCALE, calibration=Xq)
    engine = np.asarray(cli_predict.run(model, Xq))
    python = np.asarray(model.predict(Xq))
    np.testing.assert_array_equal(engine.astype(np.float32), python.astype(np.float32))
    expected = estimator.predict(X)
    relative = np.abs(engine - expected).max() / np.abs(expected).max()
    print(
        "int16 MLPRegressor %s %s: max error %.2e of the largest output"
        % (activation, layers, relative)
    )
    assert relative < 1e-2


def test_int16_mlp_blob_and_header():
    X, y = load("iris")
    estimator = fit(MLPClassifier((6,), max_iter=200, random_state=0), X, y)
    model = emflow.convert(estimator, dtype="int16", input_scale=INPUT_SCALE)
    data = model.to_bytes()
    kind, flags, n_features, n_outputs, _ = blob.unpack(data)
    assert (kind, flags, n_features, n_outputs) == (33, 1, 4, 3)
    # int16 weights: smaller than the float blob's f32 weights.
    assert len(data) < len(emflow.convert(estimator).to_bytes())
    assert "modelPredictInt16" in model.to_header("iris_mlp")


def test_int16_mlp_errors():
    X, y = load("iris")
    estimator = fit(MLPClassifier((4,), max_iter=50, random_state=0), X, y)
    with pytest.raises(emflow.ConversionError, match="options"):
        emflow.convert(estimator, dtype="int16", scale=3)
    with pytest.raises(emflow.ConversionError, match="input_scale"):
        emflow.convert(estimator, dtype="int16", input_scale=-1)
    with pytest.raises(ValueError, match="int16"):
        emflow.convert(estimator, dtype="int16", calibration=[[0.5, 1, 2, 3]])
    model = emflow.convert(estimator, dtype="int16")
    with pytest.raises(ValueError, match="int16"):
        model.predict([[1.5, 2, 3, 4]])
