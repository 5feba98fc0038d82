"""Stress: a 1000-tree forest (~90k nodes) and a tree deeper than 40 convert, generate C++
that compiles natively (and for AVR, compile only) and predict like scikit-learn."""

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeRegressor

import emflow
from trees_harness import codegen, compile_for_avr, compile_generated, run_rows


@pytest.fixture(scope="module")
def big_forest():
    X, y = make_classification(n_samples=400, n_features=10, flip_y=0.1, random_state=0)
    model = RandomForestClassifier(n_estimators=1000, random_state=0, n_jobs=2).fit(X, y)
    return model, X


def test_thousand_tree_forest(big_forest, emflow_cli, cli_predict, tmp_path):
    model, X = big_forest
    n_nodes = sum(tree.tree_.node_count for tree in model.estimators_)
    print("1000-tree forest: %d nodes" % n_nodes)
    assert n_nodes > 80000
    converted = emflow.convert(model)
    X = X[:150]
    assert cli_predict.labels(converted, X) == list(model.predict(X))
    proba = np.asarray(cli_predict.outputs(converted, X))
    assert np.allclose(proba, model.predict_proba(X), rtol=1e-5, atol=1e-7)

    path = converted.save(str(tmp_path / "forest.bin"))
    header = codegen(emflow_cli, path, "forest", str(tmp_path / "forest.h"))
    text = open(header).read()
    assert "tree_999(" in text and text.count("static uint8_t tree_") >= 2000
    exe = compile_generated(header, "forest", str(tmp_path), with_label=True, optimize="-O0")
    rows = np.asarray(run_rows(exe, X))
    assert list(rows[:, 0].astype(int)) == list(model.predict(X))
    assert list(rows[:, 1].astype(int)) == list(model.predict(X))
    assert np.allclose(rows[:, 2:], model.predict_proba(X), rtol=1e-5, atol=1e-7)
    compile_for_avr(header, "forest", str(tmp_path), optimize="-O0")  # 3 MB of C++: no -Os


def test_deep_tree(emflow_cli, cli_predict, tmp_path):
    # Each split peels off the largest remaining value: a chain 59 levels deep.
    X = np.arange(60, dtype=float)[:, None]
    y = 3.0 ** np.arange(60)
    model = DecisionTreeRegressor().fit(X, y)
    assert model.get_depth() > 40
    converted = emflow.convert(model)
    values = np.asarray(cli_predict.outputs(converted, X))[:, 0]
    assert np.allclose(values, model.predict(X), rtol=1e-6)

    path = converted.save(str(tmp_path / "deep.bin"))
    header = codegen(emflow_cli, path, "deep", str(tmp_path / "deep.h"), "--max-depth", "8")
    assert "tree_0_part" in open(header).read()  # split across functions
    exe = compile_generated(header, "deep", str(tmp_path))
    rows = np.asarray(run_rows(exe, X))
    assert np.allclose(rows[:, 1], model.predict(X), rtol=1e-6)
    compile_for_avr(header, "deep", str(tmp_path))
