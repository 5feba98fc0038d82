"""Parity of tree models: scikit-learn vs the pure-Python reference vs the C++ engine (CLI).

float mode: predict equal on every sample, probabilities / values / scores within 1e-5
relative. int16 mode (features scaled and rounded by the user, model trained on them):
agreement with scikit-learn reported and >= 99%.
"""

import numpy as np
import pytest
from sklearn import datasets
from sklearn.ensemble import (
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    IsolationForest,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

import emflow

RTOL = 1e-5


def _classification_data():
    loaders = {
        "iris": datasets.load_iris,
        "wine": datasets.load_wine,
        "breast_cancer": datasets.load_breast_cancer,
        "digits": datasets.load_digits,
    }
    data = {name: load(return_X_y=True) for name, load in loaders.items()}
    data["make_classification"] = datasets.make_classification(
        n_samples=600, n_features=12, n_informative=6, n_classes=3, random_state=1
    )
    return data


def _regression_data():
    return {
        "diabetes": datasets.load_diabetes(return_X_y=True),
        "make_regression": datasets.make_regression(
            n_samples=500, n_features=10, noise=5.0, random_state=2
        ),
    }


CLASSIFICATION = _classification_data()
REGRESSION = _regression_data()

CLASSIFIERS = {
    "DecisionTreeClassifier": lambda: DecisionTreeClassifier(random_state=0),
    "RandomForestClassifier": lambda: RandomForestClassifier(n_estimators=10, random_state=0),
    "ExtraTreesClassifier": lambda: ExtraTreesClassifier(n_estimators=10, random_state=0),
    "GradientBoostingClassifier": lambda: GradientBoostingClassifier(
        n_estimators=15, max_depth=3, random_state=0
    ),
}
REGRESSORS = {
    "DecisionTreeRegressor": lambda: DecisionTreeRegressor(random_state=0),
    "RandomForestRegressor": lambda: RandomForestRegressor(n_estimators=10, random_state=0),
    "ExtraTreesRegressor": lambda: ExtraTreesRegressor(n_estimators=10, random_state=0),
    "GradientBoostingRegressor": lambda: GradientBoostingRegressor(n_estimators=30, random_state=0),
}


def to_int16_features(X):
    """What a user does for int16 models: scale each column into int16 and round."""
    scale = 30000.0 / np.maximum(np.abs(X).max(axis=0), 1e-12)
    return np.round(X * scale)


def assert_close(actual, expected, what, atol):
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    assert actual.shape == expected.shape, what
    bad = ~np.isclose(actual, expected, rtol=RTOL, atol=atol)
    assert not bad.any(), "%s: %d values differ, worst %r vs %r" % (
        what,
        bad.sum(),
        actual[bad][:3],
        expected[bad][:3],
    )


@pytest.mark.parametrize("dataset", sorted(CLASSIFICATION))
@pytest.mark.parametrize("estimator", sorted(CLASSIFIERS))
def test_classifier_float_parity(estimator, dataset, cli_predict):
    X, y = CLASSIFICATION[dataset]
    model = CLASSIFIERS[estimator]().fit(X, y)
    converted = emflow.convert(model)
    expected = model.predict(X)
    expected_proba = model.predict_proba(X)

    assert list(converted.predict(X)) == list(expected)
    assert_close(converted.predict_proba(X), expected_proba, "python predict_proba", 1e-7)

    labels = [model.classes_[i] for i in cli_predict.labels(converted, X)]
    assert labels == list(expected)
    assert_close(cli_predict.outputs(converted, X), expected_proba, "C++ predict_proba", 1e-7)


@pytest.mark.parametrize("dataset", sorted(REGRESSION))
@pytest.mark.parametrize("estimator", sorted(REGRESSORS))
def test_regressor_float_parity(estimator, dataset, cli_predict):
    X, y = REGRESSION[dataset]
    model = REGRESSORS[estimator]().fit(X, y)
    converted = emflow.convert(model)
    expected = model.predict(X)
    atol = 1e-6 * np.abs(y).max()
    assert_close(converted.predict(X), expected, "python predict", atol)
    cpp = np.asarray(cli_predict.outputs(converted, X))[:, 0]
    assert_close(cpp, expected, "C++ predict", atol)


ANOMALY_DATA = dict(CLASSIFICATION, **REGRESSION)


@pytest.mark.parametrize("dataset", sorted(ANOMALY_DATA))
def test_isolation_forest_float_parity(dataset, cli_predict):
    X, _ = ANOMALY_DATA[dataset]
    model = IsolationForest(n_estimators=40, random_state=0).fit(X)
    converted = emflow.convert(model)
    assert list(converted.predict(X)) == list(model.predict(X))
    assert_close(converted.score_samples(X), model.score_samples(X), "python score", 1e-7)
    assert_close(converted.decision_function(X), model.decision_function(X), "python dec", 1e-6)
    outputs = np.asarray(cli_predict.outputs(converted, X))
    assert_close(outputs[:, 0], model.score_samples(X), "C++ score_samples", 1e-7)
    assert_close(outputs[:, 1], model.decision_function(X), "C++ decision_function", 1e-6)
    assert cli_predict.labels(converted, X) == list(model.predict(X))


def test_isolation_forest_feature_subsets(cli_predict):
    """max_features < 1: each tree sees its own column subset (estimators_features_)."""
    X, _ = CLASSIFICATION["wine"]
    model = IsolationForest(n_estimators=30, max_features=0.5, random_state=3).fit(X)
    converted = emflow.convert(model)
    assert_close(converted.score_samples(X), model.score_samples(X), "python score", 1e-7)
    assert cli_predict.labels(converted, X) == list(model.predict(X))


def _agreement(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return float((a == b).mean())


@pytest.mark.parametrize("dataset", sorted(CLASSIFICATION))
@pytest.mark.parametrize("estimator", sorted(CLASSIFIERS))
def test_classifier_int16_agreement(estimator, dataset, cli_predict, record_property):
    X, y = CLASSIFICATION[dataset]
    X16 = to_int16_features(X)
    model = CLASSIFIERS[estimator]().fit(X16, y)
    converted = emflow.convert(model, dtype="int16")
    expected = model.predict(X16)
    python_rate = _agreement(converted.predict(X16), expected)
    cpp = [model.classes_[i] for i in cli_predict.labels(converted, X16)]
    cpp_rate = _agreement(cpp, expected)
    record_property("int16_agreement", cpp_rate)
    print("int16 %s on %s: agreement %.4f" % (estimator, dataset, cpp_rate))
    assert python_rate >= 0.99 and cpp_rate >= 0.99
    assert cpp == list(converted.predict(X16))  # C++ and the Python reference agree exactly


@pytest.mark.parametrize("dataset", sorted(REGRESSION))
@pytest.mark.parametrize("estimator", sorted(REGRESSORS))
def test_regressor_int16_agreement(estimator, dataset, cli_predict):
    X, y = REGRESSION[dataset]
    X16 = to_int16_features(X)
    model = REGRESSORS[estimator]().fit(X16, y)
    converted = emflow.convert(model, dtype="int16")
    expected = model.predict(X16)
    cpp = np.asarray(cli_predict.outputs(converted, X16))[:, 0]
    close = np.isclose(cpp, expected, rtol=RTOL, atol=1e-6 * np.abs(y).max())
    print("int16 %s on %s: agreement %.4f" % (estimator, dataset, close.mean()))
    assert close.mean() >= 0.99


@pytest.mark.parametrize("dataset", ["breast_cancer", "make_classification"])
def test_isolation_forest_int16_agreement(dataset, cli_predict):
    X16 = to_int16_features(CLASSIFICATION[dataset][0])
    model = IsolationForest(n_estimators=40, random_state=0).fit(X16)
    converted = emflow.convert(model, dtype="int16")
    rate = _agreement(cli_predict.labels(converted, X16), model.predict(X16))
    print("int16 IsolationForest on %s: agreement %.4f" % (dataset, rate))
    assert rate >= 0.99
