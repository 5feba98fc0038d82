"""int16 fixed-point linear models: weights quantised to int16 with a power-of-two scale,
features x_q = round(x * input_scale), exact integer dot products. Reports how often the
fixed-point prediction agrees with scikit-learn's float prediction (required: >= 99%), and
checks that the C++ engine and the Python reference compute the very same numbers."""

import numpy as np
import pytest
from sklearn import datasets
from sklearn.linear_model import LinearRegression, LogisticRegression, SGDClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

import emflow

INPUT_SCALE = 1000.0  # standardised features x 1000 fit int16 up to 32 standard deviations


def quantise(X):
    return np.clip(np.round(X * INPUT_SCALE), -32768, 32767).astype(np.int64)


CASES = [
    ("iris", LogisticRegression(max_iter=500)),
    ("wine", LogisticRegression(max_iter=500)),
    ("breast_cancer", LogisticRegression(max_iter=500)),
    ("digits", LogisticRegression(max_iter=300)),
    ("breast_cancer", LinearSVC(random_state=0, max_iter=5000)),
    ("wine", SGDClassifier(loss="modified_huber", random_state=0)),
]


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize(
    "name,estimator", CASES, ids=lambda v: v if isinstance(v, str) else type(v).__name__
)
def test_int16_linear_classifier_agreement(name, estimator, cli_predict):
    X, y = getattr(datasets, "load_" + name)(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    estimator.fit(X, y)
    model = emflow.convert(estimator, dtype="int16", input_scale=INPUT_SCALE)
    Xq = quantise(X)
    engine = np.asarray(cli_predict.labels(model, Xq))
    python = np.asarray(model.raw_outputs(Xq[:200]), dtype=object)
    np.testing.assert_array_equal(engine[:200], [label for _, label in python])
    agreement = np.mean(np.asarray(estimator.classes_)[engine] == estimator.predict(X))
    print("int16 %s %s: agreement %.4f" % (type(estimator).__name__, name, agreement))
    assert agreement >= 0.99
    if hasattr(estimator, "predict_proba"):
        outputs = np.asarray(cli_predict.outputs(model, Xq))
        error = np.abs(outputs - estimator.predict_proba(X)).max()
        print("int16 %s %s: max |proba error| %.2e" % (type(estimator).__name__, name, error))
        assert error < 0.05


def test_int16_linear_regressor_error():
    X, y = datasets.load_diabetes(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    estimator = LinearRegression().fit(X, y)
    model = emflow.convert(estimator, dtype="int16", input_scale=INPUT_SCALE)
    values = np.asarray(model.predict(quantise(X)))
    relative = np.abs(values - estimator.predict(X)).max() / np.abs(y).max()
    print("int16 LinearRegression diabetes: max error %.2e of the target range" % relative)
    assert relative < 1e-2


def test_int16_engine_matches_reference_exactly(cli_predict):
    X, y = datasets.load_wine(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    estimator = LogisticRegression(max_iter=500).fit(X, y)
    model = emflow.convert(estimator, dtype="int16", input_scale=INPUT_SCALE)
    Xq = quantise(X)
    engine = np.asarray(cli_predict.outputs(model, Xq))
    python = np.asarray(model.predict_proba(Xq))
    np.testing.assert_allclose(engine, python, rtol=1e-6, atol=1e-7)


def test_int16_features_must_be_integers():
    X, y = datasets.load_iris(return_X_y=True)
    model = emflow.convert(LogisticRegression(max_iter=500).fit(X, y), dtype="int16")
    with pytest.raises(ValueError, match="int16"):
        model.predict([[1.5, 2, 3, 4]])
