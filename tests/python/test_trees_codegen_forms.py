"""The two generated C++ forms of a tree model — inline code (`emflow codegen`) and compact flash
tables (`emflow codegen --tables`) — natively and on a simulated ATmega328P: the same outputs
as scikit-learn (and as each other), the fixed-point predict_label agreeing with predict, and
the AVR assembly of predict_label giving exactly the native labels."""

import re
import shutil
import subprocess

import numpy as np
import pytest
from sklearn import datasets
from sklearn.ensemble import (
    GradientBoostingClassifier,
    IsolationForest,
    RandomForestClassifier,
    RandomForestRegressor,
)

import emflow
from trees_harness import codegen, compile_for_avr, compile_generated, run_on_avr, run_rows

X_WINE, Y_WINE = datasets.load_wine(return_X_y=True)
X_DIAB, Y_DIAB = datasets.load_diabetes(return_X_y=True)


def _binary_int16(n_features, n_estimators, max_depth, seed, n_samples=1500, flip_y=0.01):
    X, y = datasets.make_classification(
        n_samples=n_samples,
        flip_y=flip_y,
        n_features=n_features,
        n_informative=min(n_features, 4),
        n_redundant=0 if n_features < 6 else 2,
        random_state=seed,
    )
    X16 = np.round(X * 1000).astype(int)
    model = RandomForestClassifier(
        n_estimators=n_estimators, max_depth=max_depth, random_state=seed
    ).fit(X16[: n_samples * 2 // 3], y[: n_samples * 2 // 3])
    return model, X16


def _models():
    wine_binary = (RandomForestClassifier(n_estimators=12, random_state=0), X_WINE, Y_WINE == 1)
    return {
        "rf_multiclass": (RandomForestClassifier(n_estimators=8, random_state=0), X_WINE, Y_WINE),
        "rf_binary": wine_binary,
        "rf_regressor": (RandomForestRegressor(n_estimators=5, random_state=0), X_DIAB, Y_DIAB),
        "gb_classifier": (GradientBoostingClassifier(n_estimators=10), X_WINE, Y_WINE),
        "isolation_forest": (IsolationForest(n_estimators=20, random_state=0), X_WINE, None),
    }


@pytest.mark.parametrize("case", sorted(_models()))
def test_tables_form_gives_the_inline_forms_outputs(case, emflow_cli, tmp_path):
    model, X, y = _models()[case]
    model.fit(X, y) if y is not None else model.fit(X)
    path = emflow.convert(model).save(str(tmp_path / "m.bin"))
    classifier = case.startswith("rf_") and case != "rf_regressor"
    outputs = {}
    for form in ("inline", "tables"):
        name = "%s_%s" % (case, form)
        extra = ["--tables"] if form == "tables" else []
        header = codegen(emflow_cli, path, name, str(tmp_path / (name + ".h")), *extra)
        exe = compile_generated(header, name, str(tmp_path), with_label=classifier)
        outputs[form] = np.asarray(run_rows(exe, X))
    # Same walk, same sums in the same order: identical outputs and labels.
    assert np.array_equal(outputs["inline"], outputs["tables"])
    if hasattr(model, "classes_"):
        labels = [model.classes_[int(i)] for i in outputs["tables"][:, 0]]
        assert labels == list(model.predict(X))
    if classifier:  # the fixed-point label column
        assert [model.classes_[int(i)] for i in outputs["tables"][:, 1]] == list(model.predict(X))


def test_tables_over_32_kb_are_cut_between_trees_and_give_the_same_outputs(emflow_cli, tmp_path):
    # The second AVR reference model's shape (tests/avr/make_reference.py): about 35 KB of
    # node stream, more than avr-gcc's largest array, so the header holds kNodes0, kNodes1.
    X, y = datasets.make_classification(
        n_samples=2000, n_features=16, n_informative=8, n_classes=3, random_state=1
    )
    X16 = np.round(X * 1000).astype(int)
    model = RandomForestClassifier(n_estimators=30, max_depth=10, random_state=0)
    model.fit(X16[:1700], y[:1700])
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "m.bin"))
    outputs = {}
    for form, extra in (("inline", []), ("tables", ["--tables"])):
        name = "big_" + form
        header = codegen(emflow_cli, path, name, str(tmp_path / (name + ".h")), *extra)
        if form == "tables":
            text = open(header).read()
            sizes = [int(n) for n in re.findall(r"static const uint8_t kNodes\d\[(\d+)\]", text)]
            assert len(sizes) >= 2 and max(sizes) <= 32767 and sum(sizes) > 32767, sizes
        exe = compile_generated(header, name, str(tmp_path), with_label=True)
        outputs[form] = np.asarray(run_rows(exe, X16))
    assert np.array_equal(outputs["inline"], outputs["tables"])
    assert list(outputs["tables"][:, 0].astype(int)) == list(model.predict(X16))
    assert list(outputs["tables"][:, 1].astype(int)) == list(model.predict(X16))


def test_fixed_point_votes_of_a_binary_forest_agree_with_scikit_learn(emflow_cli, tmp_path):
    # Two classes, few trees: one uint16 vote per leaf (the form the AVR assembly adds up).
    model, X16 = _binary_int16(8, 10, 8, 0)
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "m.bin"))
    header = codegen(emflow_cli, path, "binary", str(tmp_path / "binary.h"))
    assert "static const uint16_t kVotes" in open(header).read()
    rows = np.asarray(run_rows(compile_generated(header, "binary", str(tmp_path), True), X16))
    expected = model.predict(X16)
    assert list(rows[:, 0].astype(int)) == list(expected)  # float soft voting: exact
    agreement = (rows[:, 1] == expected).mean()
    print("fixed-point predict_label agreement: %.4f on %d rows" % (agreement, len(X16)))
    assert agreement >= 0.999


@pytest.mark.parametrize("n_estimators, max_depth", [(4, None), (30, 10)])
def test_fixed_point_votes_of_a_multiclass_forest_are_exact(
    n_estimators, max_depth, emflow_cli, tmp_path
):
    # Three classes: leaves add 16-bit votes in flat goto code; sums closer than the rounding
    # allows go to the float path, so the label is always soft voting's. Four fully grown trees
    # (pure leaves) tie often: two votes against two, which argmax breaks to the first class.
    X, y = datasets.make_classification(
        n_samples=1500, n_features=6, n_informative=4, n_classes=3, random_state=3
    )
    X16 = np.round(X * 1000).astype(int)
    model = RandomForestClassifier(
        n_estimators=n_estimators, max_depth=max_depth, random_state=0
    ).fit(X16[:1000], y[:1000])
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "m.bin"))
    header = codegen(emflow_cli, path, "multi", str(tmp_path / "multi.h"), "--fast-vote")
    assert "kSlack" in open(header).read()
    # Without the option the inline form keeps its single copy of the trees (smaller flash).
    plain = codegen(emflow_cli, path, "plain", str(tmp_path / "plain.h"))
    assert "kSlack" not in open(plain).read()
    rows = np.asarray(run_rows(compile_generated(header, "multi", str(tmp_path), True), X16))
    expected = model.predict(X16)
    proba = model.predict_proba(X16)
    top2 = np.sort(proba, axis=1)[:, -2:]
    ties = int((top2[:, 0] == top2[:, 1]).sum())
    print("rows with tied top classes: %d" % ties)
    assert ties > 0 or max_depth is not None
    assert list(rows[:, 0].astype(int)) == list(expected)
    assert list(rows[:, 1].astype(int)) == list(expected)


def test_avr_forms_compile_for_other_models(emflow_cli, tmp_path):
    if not shutil.which("avr-g++"):
        pytest.skip("avr-g++ is not installed (scripts/bootstrap.sh)")
    X16 = np.round(X_WINE / np.abs(X_WINE).max(axis=0) * 30000)
    model = RandomForestClassifier(n_estimators=6, max_depth=6, random_state=0).fit(X16, Y_WINE)
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "m.bin"))
    for form, extra in (("inline", []), ("tables", ["--tables"])):
        name = "wine_" + form
        header = codegen(emflow_cli, path, name, str(tmp_path / (name + ".h")), *extra)
        compile_for_avr(header, name, str(tmp_path), with_label=True)
    # Float features: the tables use the portable walker on AVR too.
    path = emflow.convert(model.fit(X_WINE, Y_WINE)).save(str(tmp_path / "float.bin"))
    header = codegen(emflow_cli, path, "wine_float", str(tmp_path / "float.h"), "--tables")
    compile_for_avr(header, "wine_float", str(tmp_path), with_label=True)


@pytest.mark.parametrize("n_features,n_estimators,max_depth", [(6, 20, 10), (3, 4, 12), (8, 1, 5)])
def test_avr_assembly_and_tables_give_the_native_labels(
    n_features, n_estimators, max_depth, emflow_cli, tmp_path
):
    if not (shutil.which("avr-g++") and shutil.which("simavr")):
        pytest.skip("avr-g++ or simavr is not installed (scripts/bootstrap.sh)")
    model, X16 = _binary_int16(n_features, n_estimators, max_depth, n_features)
    rows = X16[::5][:200]
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "m.bin"))
    inline = codegen(emflow_cli, path, "reference", str(tmp_path / "inline.h"))
    assert "__asm__ volatile" in open(inline).read()
    native = np.asarray(run_rows(compile_generated(inline, "reference", str(tmp_path), True), rows))
    tables = codegen(emflow_cli, path, "reference_tables", str(tmp_path / "tables.h"), "--tables")
    labels = run_on_avr(str(tmp_path), rows.tolist(), inline, tables)
    assert labels["inline"] == list(native[:, 1].astype(int))
    assert labels["table"] == list(native[:, 1].astype(int))


def test_avr_assembly_reaches_far_labels(emflow_cli, tmp_path):
    # One noisy, unlimited tree: its code spans more than 4 KB, so some branches need `jmp`.
    if not (shutil.which("avr-g++") and shutil.which("simavr")):
        pytest.skip("avr-g++ or simavr is not installed (scripts/bootstrap.sh)")
    model, X16 = _binary_int16(8, 1, None, 3, n_samples=9000, flip_y=0.3)
    rows = X16[::45][:200]
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "m.bin"))
    inline = codegen(emflow_cli, path, "reference", str(tmp_path / "inline.h"))
    text = open(inline).read()
    assert '"jmp .L' in text and '"rjmp .L' in text and '"brlt .+2' in text
    native = np.asarray(run_rows(compile_generated(inline, "reference", str(tmp_path), True), rows))
    labels = run_on_avr(str(tmp_path), rows.tolist(), inline)
    assert labels["inline"] == list(native[:, 1].astype(int))


def _threshold_rows(model, X16, per_feature=40):
    """Rows that put each feature at and around the forest's thresholds (other features from
    data rows): the AVR table walker compares high bytes first, so the rows where the high
    bytes are equal and the low bytes decide must be there."""
    thresholds = [[] for _ in range(X16.shape[1])]
    for tree in model.estimators_:
        for feature, threshold in zip(tree.tree_.feature, tree.tree_.threshold):
            if feature >= 0:
                thresholds[feature].append(int(np.floor(threshold)))
    rows = []
    for feature, values in enumerate(thresholds):
        for i, value in enumerate(values[:per_feature]):
            for delta in (-1, 0, 1, 256):
                row = X16[(7 * i + feature) % len(X16)].copy()
                row[feature] = np.clip(value + delta, -32768, 32767)
                rows.append(row)
    return np.asarray(rows)


# The table walker on AVR (core/ml/tree_table_avr.h) against the portable walker run natively:
# many features (heads up to the 64th feature), one- and two-byte references (leaf items and
# distances), multi-class voting.
@pytest.mark.parametrize(
    "n_features,n_estimators,max_depth,n_samples,flip_y,n_classes,refs",
    [
        (20, 6, 6, 1500, 0.01, 2, "one"),
        (64, 3, 5, 1500, 0.01, 2, "one"),
        (12, 3, 5, 1500, 0.01, 3, "one"),
        (8, 1, None, 9000, 0.3, 2, "two"),
        (30, 2, 10, 4000, 0.2, 3, "two"),
    ],
)
def test_avr_table_walker_gives_the_portable_walkers_labels(
    n_features, n_estimators, max_depth, n_samples, flip_y, n_classes, refs, emflow_cli, tmp_path
):
    if not (shutil.which("avr-g++") and shutil.which("simavr")):
        pytest.skip("avr-g++ or simavr is not installed (scripts/bootstrap.sh)")
    X, y = datasets.make_classification(
        n_samples=n_samples,
        n_features=n_features,
        n_informative=min(n_features, 6),
        n_redundant=2,
        n_classes=n_classes,
        flip_y=flip_y,
        random_state=n_features,
    )
    X16 = np.round(X * 1000).astype(int)
    model = RandomForestClassifier(
        n_estimators=n_estimators, max_depth=max_depth, random_state=0
    ).fit(X16, y)
    # At most ~20 KB of samples in the AVR's flash; the threshold rows thinned evenly.
    budget = min(600, 10000 // n_features)
    at_thresholds = _threshold_rows(model, X16)
    at_thresholds = at_thresholds[:: max(1, len(at_thresholds) // (budget - budget // 4))]
    rows = np.concatenate([X16[::23][: budget // 4], at_thresholds])[:budget]
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "m.bin"))
    tables = codegen(emflow_cli, path, "reference_tables", str(tmp_path / "tables.h"), "--tables")
    assert "%s-byte leaf items" % refs in open(tables).read()
    exe = compile_generated(tables, "reference_tables", str(tmp_path), True)
    native = np.asarray(run_rows(exe, rows))
    assert [model.classes_[int(i)] for i in native[:, 0]] == list(model.predict(rows))
    labels = run_on_avr(str(tmp_path), rows.tolist(), None, tables)
    assert labels["table"] == list(native[:, 1].astype(int))


@pytest.mark.parametrize(
    "leaf,message",
    [
        (2.0, "leaf 1 holds 2.000000 for output 0: a tree classifier's leaves are class"),
        (-0.5, "leaf 1 holds -0.500000 for output 0: a tree classifier's leaves are class"),
    ],
)
def test_codegen_refuses_leaves_its_votes_cannot_hold(leaf, message, emflow_cli, tmp_path):
    # The loader checks a blob's structure, not its values: a classifier leaf over 1 made the
    # fixed-point votes overflow (undefined behaviour, found by tests/fuzz/fuzz_codegen.cpp).
    from emflow.tree_reader import read_trees

    model = emflow.train.DecisionTreeClassifier(max_depth=1).fit([[0], [1]], [0, 1])
    tree = read_trees(model.blob_)
    tree.leaves[1] = (leaf,) + tuple(tree.leaves[1][1:])
    path = tmp_path / "bad.bin"
    path.write_bytes(tree.to_bytes())
    result = subprocess.run(
        [emflow_cli, "codegen", str(path), "--name", "m", "-o", str(tmp_path / "m.h")],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and message in result.stderr, result.stderr
    assert not (tmp_path / "m.h").exists()
