"""Parity of the non-tree families with scikit-learn: the C++ engine (through the CLI) and
the pure-Python reference predict exactly what scikit-learn predicts, and their
probabilities / values / scores agree to 1e-5 relative (float mode)."""

import subprocess
import warnings

import numpy as np
import pytest
from conftest import write_rows
from sklearn import datasets
from sklearn.covariance import EllipticEnvelope
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import (
    LinearRegression,
    LogisticRegression,
    Ridge,
    RidgeClassifier,
    SGDClassifier,
)
from sklearn.mixture import GaussianMixture
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

import emflow

RTOL = 1e-5
# Probabilities are float32 on the engine side: values far below 1 cannot carry 1e-5 relative
# precision through exp() of float32 parameters, so tiny ones are compared absolutely.
PROBA_ATOL = 1e-6
PY_ROWS = 200  # rows checked with the (slow) pure-Python reference


def load(name, standardize=True):
    if name == "classification":
        X, y = datasets.make_classification(
            n_samples=400, n_features=8, n_informative=5, n_classes=3, random_state=0
        )
    elif name == "regression":
        X, y = datasets.make_regression(
            n_samples=300, n_features=6, n_targets=2, noise=5.0, random_state=0
        )
    else:
        X, y = getattr(datasets, "load_" + name)(return_X_y=True)
    if standardize:
        X = StandardScaler().fit_transform(X)
    return X, y


def fit(estimator, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return estimator.fit(X, y)


def run_scores(cli, tmp_path, model, X):
    path = tmp_path / "scores_model.bin"
    data = tmp_path / "scores_data.csv"
    model.save(str(path))
    write_rows(str(data), X)
    result = subprocess.run([cli, "scores", str(path), str(data)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return np.array([[float(v) for v in line.split(",")] for line in result.stdout.splitlines()])


def check_classifier(estimator, X, cli_predict, proba=True):
    """C++ and Python labels equal sklearn's; outputs match predict_proba when it exists."""
    model = emflow.convert(estimator)
    expected = estimator.predict(X)
    classes = np.asarray(estimator.classes_)
    labels = np.asarray(cli_predict.labels(model, X))
    np.testing.assert_array_equal(classes[labels], expected)
    outputs = np.asarray(cli_predict.outputs(model, X))
    sub = X[:PY_ROWS]
    np.testing.assert_array_equal(np.asarray(model.predict(sub)), expected[:PY_ROWS])
    if proba:
        reference = estimator.predict_proba(X)
        np.testing.assert_allclose(outputs, reference, rtol=RTOL, atol=PROBA_ATOL)
        python = np.asarray(model.predict_proba(sub))
        np.testing.assert_allclose(python, reference[:PY_ROWS], rtol=RTOL, atol=PROBA_ATOL)
    return model, outputs


def check_values(actual, expected):
    expected = np.asarray(expected, dtype=float)
    scale = max(np.abs(expected).max(), 1e-30)
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=RTOL * scale)


# --- GaussianNB --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer", "digits", "classification"])
def test_gaussian_nb(name, cli_predict, emflow_cli, tmp_path):
    X, y = load(name, standardize=False)
    estimator = fit(GaussianNB(), X, y)
    model, _ = check_classifier(estimator, X, cli_predict)
    jll = run_scores(emflow_cli, tmp_path, model, X)
    reference = (
        estimator.predict_joint_log_proba(X)
        if hasattr(estimator, "predict_joint_log_proba")
        else estimator._joint_log_likelihood(X)
    )
    # Relative to each row's largest magnitude: float32 parameters, float64 arithmetic.
    scale = np.abs(reference).max(axis=1, keepdims=True)
    assert np.all(np.abs(jll - reference) <= RTOL * scale)


# --- MLP ---------------------------------------------------------------------------------------

MLP_CLASSIFIERS = [
    ("iris", "relu", (10,)),
    ("wine", "tanh", (8, 6)),
    ("breast_cancer", "logistic", (12,)),  # binary: one logistic output unit
    ("digits", "relu", (32,)),
    ("classification", "identity", (5,)),
]


@pytest.mark.parametrize("name,activation,layers", MLP_CLASSIFIERS)
def test_mlp_classifier(name, activation, layers, cli_predict):
    X, y = load(name)
    estimator = fit(
        MLPClassifier(layers, activation=activation, max_iter=300, random_state=0), X, y
    )
    check_classifier(estimator, X, cli_predict)


@pytest.mark.parametrize(
    "name,activation,layers", [("diabetes", "relu", (16,)), ("regression", "tanh", (10, 5))]
)
def test_mlp_regressor(name, activation, layers, cli_predict):
    X, y = load(name)
    estimator = fit(MLPRegressor(layers, activation=activation, max_iter=400, random_state=0), X, y)
    model = emflow.convert(estimator)
    expected = estimator.predict(X).reshape(len(X), -1)
    check_values(np.asarray(cli_predict.run(model, X)), expected)
    python = np.asarray(model.predict(X[:PY_ROWS])).reshape(-1, expected.shape[1])
    check_values(python, expected[:PY_ROWS])


# --- k-NN --------------------------------------------------------------------------------------

KNN_CASES = [
    ("iris", dict(n_neighbors=5)),
    ("iris", dict(n_neighbors=4, weights="distance")),
    ("wine", dict(n_neighbors=6, metric="manhattan")),
    ("breast_cancer", dict(n_neighbors=7, p=3, weights="distance")),
    ("digits", dict(n_neighbors=3)),
    ("classification", dict(n_neighbors=8, metric="chebyshev")),
]


@pytest.mark.parametrize("name,params", KNN_CASES)
def test_kneighbors_classifier(name, params, cli_predict):
    X, y = load(name)
    # Held-out rows: predicting a training row makes its duplicates tie at distance 0, where
    # scikit-learn's own neighbour order depends on the search algorithm.
    rng = np.random.RandomState(0)
    test = rng.rand(len(X)) < 0.3
    estimator = fit(KNeighborsClassifier(**params), X[~test], y[~test])
    check_classifier(estimator, X[test][: (80 if name == "digits" else None)], cli_predict)


# --- linear models -----------------------------------------------------------------------------

LINEAR_CLASSIFIERS = [
    ("breast_cancer", LogisticRegression(max_iter=500)),
    ("iris", LogisticRegression(max_iter=500)),  # multinomial (softmax)
    ("wine", LogisticRegression(solver="liblinear")),  # one-vs-rest
    ("digits", LogisticRegression(max_iter=300)),
    ("breast_cancer", LinearSVC(random_state=0, max_iter=5000)),
    ("wine", LinearSVC(random_state=0, max_iter=5000)),
    ("classification", SGDClassifier(loss="log_loss", random_state=0)),
    ("breast_cancer", SGDClassifier(loss="modified_huber", random_state=0)),
    ("wine", SGDClassifier(loss="modified_huber", random_state=0)),
    ("iris", SGDClassifier(loss="hinge", random_state=0)),
    ("wine", RidgeClassifier()),
]


@pytest.mark.parametrize(
    "name,estimator", LINEAR_CLASSIFIERS, ids=lambda v: v if isinstance(v, str) else repr(v)
)
def test_linear_classifier(name, estimator, cli_predict, emflow_cli, tmp_path):
    X, y = load(name)
    fit(estimator, X, y)
    has_proba = hasattr(estimator, "predict_proba") and (
        not isinstance(estimator, SGDClassifier) or estimator.loss in ("log_loss", "modified_huber")
    )
    model, outputs = check_classifier(estimator, X, cli_predict, proba=has_proba)
    decision = estimator.decision_function(X).reshape(len(X), -1)
    check_values(run_scores(emflow_cli, tmp_path, model, X), decision)
    if not has_proba:  # outputs are the decision values ([-d, d] for two classes)
        expected = np.hstack([-decision, decision]) if decision.shape[1] == 1 else decision
        check_values(outputs, expected)
    python = np.asarray(model.decision_function(X[:PY_ROWS])).reshape(-1, decision.shape[1])
    check_values(python, decision[:PY_ROWS])


@pytest.mark.parametrize(
    "name,estimator",
    [("diabetes", LinearRegression()), ("regression", Ridge(alpha=0.5)), ("diabetes", Ridge())],
    ids=lambda v: v if isinstance(v, str) else repr(v),
)
def test_linear_regressor(name, estimator, cli_predict):
    X, y = load(name)
    fit(estimator, X, y)
    model = emflow.convert(estimator)
    expected = estimator.predict(X).reshape(len(X), -1)
    check_values(np.asarray(cli_predict.run(model, X)), expected)
    python = np.asarray(model.predict(X[:PY_ROWS])).reshape(-1, expected.shape[1])
    check_values(python, expected[:PY_ROWS])


# --- EllipticEnvelope --------------------------------------------------------------------------


@pytest.mark.parametrize("name,columns", [("wine", 4), ("breast_cancer", 6), ("iris", 4)])
def test_elliptic_envelope(name, columns, cli_predict):
    X, _ = load(name)
    X = X[:, :columns]
    estimator = EllipticEnvelope(contamination=0.1, random_state=0).fit(X)
    model = emflow.convert(estimator)
    np.testing.assert_array_equal(cli_predict.labels(model, X), estimator.predict(X))
    outputs = np.asarray(cli_predict.outputs(model, X))
    check_values(outputs[:, 0], estimator.score_samples(X))
    check_values(outputs[:, 1], estimator.decision_function(X))
    np.testing.assert_array_equal(model.predict(X), estimator.predict(X))
    check_values(model.decision_function(X), estimator.decision_function(X))
    assert set(estimator.predict(X)) == {-1, 1}  # both sides of the boundary are exercised


# --- GaussianMixture ---------------------------------------------------------------------------


@pytest.mark.parametrize("covariance", ["full", "tied", "diag", "spherical"])
@pytest.mark.parametrize("name,components", [("iris", 3), ("wine", 4), ("classification", 2)])
def test_gaussian_mixture(name, components, covariance, cli_predict, emflow_cli, tmp_path):
    X, _ = load(name)
    estimator = GaussianMixture(components, covariance_type=covariance, random_state=0).fit(X)
    model = emflow.convert(estimator)
    np.testing.assert_array_equal(cli_predict.labels(model, X), estimator.predict(X))
    outputs = np.asarray(cli_predict.outputs(model, X))
    np.testing.assert_allclose(outputs, estimator.predict_proba(X), rtol=RTOL, atol=PROBA_ATOL)
    check_values(run_scores(emflow_cli, tmp_path, model, X)[:, 0], estimator.score_samples(X))
    np.testing.assert_array_equal(model.predict(X[:PY_ROWS]), estimator.predict(X[:PY_ROWS]))
    check_values(model.score_samples(X[:PY_ROWS]), estimator.score_samples(X[:PY_ROWS]))
