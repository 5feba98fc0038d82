"""scikit-learn 1.4+ stores class *proportions* in a classifier tree's `tree_.value`; 1.2 (Debian,
tested here) stores weighted class *counts*. The converter must give the same model from both.

Only 1.2 is installed, so the newer layout is emulated faithfully: `tree_.value` of a fitted
1.2 tree is a view of the tree's own node values, so dividing it in place by each node's total
turns the tree into what 1.4+ would have stored — and scikit-learn's own predict_proba, which
normalises the values it reads, still gives the same probabilities (checked below). Regression
trees (DecisionTreeRegressor, RandomForestRegressor and the trees inside GradientBoosting) keep
their values in every version, so the emulation leaves them alone; their conversion is checked
unchanged by it.
"""

import numpy as np
import pytest
from sklearn import datasets
from sklearn.ensemble import (
    ExtraTreesClassifier,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

import emflow

X_WINE, Y_WINE = datasets.load_wine(return_X_y=True)
X_CANCER, Y_CANCER = datasets.load_breast_cancer(return_X_y=True)
X_DIAB, Y_DIAB = datasets.load_diabetes(return_X_y=True)


def _trees(estimator):
    if hasattr(estimator, "estimators_"):
        return list(np.asarray(estimator.estimators_).ravel())
    return [estimator]


def as_proportions(estimator):
    """Rewrites a fitted 1.2 classifier's tree values in place to the 1.4+ layout."""
    rewritten = 0
    for tree in _trees(estimator):
        if not isinstance(tree, DecisionTreeClassifier):
            continue  # regression trees store values, not counts, in every version
        value = tree.tree_.value
        totals = value.sum(axis=2, keepdims=True)
        value /= np.where(totals == 0, 1.0, totals)
        assert np.allclose(tree.tree_.value.sum(axis=2), 1.0), "the rewrite did not reach the tree"
        rewritten += 1
    return rewritten


CLASSIFIERS = {
    "decision_tree": (lambda: DecisionTreeClassifier(max_depth=6, random_state=0), X_WINE, Y_WINE),
    "random_forest": (
        lambda: RandomForestClassifier(n_estimators=15, random_state=0),
        X_CANCER,
        Y_CANCER,
    ),
    "extra_trees": (lambda: ExtraTreesClassifier(n_estimators=10, random_state=0), X_WINE, Y_WINE),
    "forest_weighted": (
        lambda: RandomForestClassifier(n_estimators=8, random_state=1, class_weight="balanced"),
        X_WINE,
        Y_WINE,
    ),
}


@pytest.mark.parametrize("case", sorted(CLASSIFIERS))
@pytest.mark.parametrize("dtype", ["float", "int16"])
def test_classifier_from_proportions_equals_from_counts(case, dtype):
    make, X, y = CLASSIFIERS[case]
    if dtype == "int16":
        X = np.round(X / np.abs(X).max(axis=0) * 20000)
    counts_model = make().fit(X, y)
    proportions_model = make().fit(X, y)
    expected_proba = counts_model.predict_proba(X)
    from_counts = emflow.convert(counts_model, dtype=dtype)

    assert as_proportions(proportions_model) == len(_trees(proportions_model))
    # scikit-learn itself predicts the same from the rewritten trees: a faithful emulation.
    assert np.allclose(proportions_model.predict_proba(X), expected_proba, rtol=1e-12, atol=0)
    from_proportions = emflow.convert(proportions_model, dtype=dtype)

    assert from_proportions.to_bytes() == from_counts.to_bytes()
    assert list(from_proportions.predict(X)) == list(counts_model.predict(X))
    assert np.allclose(from_proportions.predict_proba(X), expected_proba, rtol=1e-5, atol=1e-7)


REGRESSION_TREES = {
    "decision_tree_regressor": (lambda: DecisionTreeRegressor(max_depth=6), X_DIAB, Y_DIAB),
    "random_forest_regressor": (
        lambda: RandomForestRegressor(n_estimators=5, random_state=0),
        X_DIAB,
        Y_DIAB,
    ),
    "gradient_boosting_classifier": (
        lambda: GradientBoostingClassifier(n_estimators=10, random_state=0),
        X_WINE,
        Y_WINE,
    ),
    "gradient_boosting_regressor": (
        lambda: GradientBoostingRegressor(n_estimators=10, random_state=0),
        X_DIAB,
        Y_DIAB,
    ),
}


@pytest.mark.parametrize("case", sorted(REGRESSION_TREES))
def test_models_of_regression_trees_are_untouched_by_the_layout(case):
    make, X, y = REGRESSION_TREES[case]
    model = make().fit(X, y)
    before = emflow.convert(model).to_bytes()
    assert as_proportions(model) == 0
    assert emflow.convert(model).to_bytes() == before
