"""Tree model formats: generated C++ (inline, and the blob header), emlearn CSV, conversion
errors and the rounding of thresholds."""

import math
import random
import struct
import subprocess

import numpy as np
import pytest
from sklearn import datasets
from sklearn.ensemble import (
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    IsolationForest,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

import emflow
from emflow import blob
from trees_harness import (
    codegen,
    compile_blob_header,
    compile_for_avr,
    compile_generated,
    run_rows,
)

X_WINE, Y_WINE = datasets.load_wine(return_X_y=True)
X_DIAB, Y_DIAB = datasets.load_diabetes(return_X_y=True)


def _models():
    return {
        "rf_classifier": (RandomForestClassifier(n_estimators=8, random_state=0), X_WINE, Y_WINE),
        "gb_classifier": (GradientBoostingClassifier(n_estimators=10), X_WINE, Y_WINE),
        "gb_binary": (GradientBoostingClassifier(n_estimators=10), X_WINE, Y_WINE == 1),
        "rf_regressor": (RandomForestRegressor(n_estimators=5, random_state=0), X_DIAB, Y_DIAB),
        "gb_regressor": (GradientBoostingRegressor(n_estimators=20), X_DIAB, Y_DIAB),
        "isolation_forest": (IsolationForest(n_estimators=20, random_state=0), X_WINE, None),
    }


def _expected_outputs(model, X):
    if hasattr(model, "predict_proba"):
        return model.predict_proba(X)
    if isinstance(model, IsolationForest):
        return np.stack([model.score_samples(X), model.decision_function(X)], axis=1)
    return model.predict(X)[:, None]


@pytest.mark.parametrize("case", sorted(_models()))
def test_codegen_matches_scikit_learn(case, emflow_cli, tmp_path):
    model, X, y = _models()[case]
    model.fit(X, y) if y is not None else model.fit(X)
    converted = emflow.convert(model)
    model_path = converted.save(str(tmp_path / "m.bin"))
    header = codegen(emflow_cli, model_path, case, str(tmp_path / ("%s.h" % case)))
    text = open(header).read()
    assert "Do not edit" in text
    exe = compile_generated(header, case, str(tmp_path), with_label=case == "rf_classifier")
    rows = np.asarray(run_rows(exe, X))
    expected = _expected_outputs(model, X)
    outputs = rows[:, 2:] if case == "rf_classifier" else rows[:, 1:]
    assert np.allclose(outputs, expected, rtol=1e-5, atol=1e-6 * max(1.0, np.abs(expected).max()))
    if hasattr(model, "classes_"):
        assert [model.classes_[int(i)] for i in rows[:, 0]] == list(model.predict(X))
    if case == "rf_classifier":  # fixed-point soft voting
        assert [model.classes_[int(i)] for i in rows[:, 1]] == list(model.predict(X))
    if isinstance(model, IsolationForest):
        assert list(rows[:, 0].astype(int)) == list(model.predict(X))


def test_codegen_int16_and_avr(emflow_cli, tmp_path):
    X16 = np.round(X_WINE / np.abs(X_WINE).max(axis=0) * 30000)
    model = RandomForestClassifier(n_estimators=6, max_depth=6, random_state=0).fit(X16, Y_WINE)
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "m.bin"))
    header = codegen(emflow_cli, path, "wine16", str(tmp_path / "wine16.h"))
    exe = compile_generated(header, "wine16", str(tmp_path), with_label=True)
    rows = np.asarray(run_rows(exe, X16.astype(int)))
    assert (rows[:, 0] == model.predict(X16)).mean() >= 0.99
    assert (rows[:, 1] == rows[:, 0]).all()
    compile_for_avr(header, "wine16", str(tmp_path))


def test_codegen_rejects_bad_names(emflow_cli, tmp_path):
    model = DecisionTreeClassifier(max_depth=2).fit(X_WINE, Y_WINE)
    path = emflow.convert(model).save(str(tmp_path / "m.bin"))
    for name in ["1model", "class", "a-b", "__x", ""]:
        result = subprocess.run(
            [emflow_cli, "codegen", path, "--name", name, "-o", str(tmp_path / "x.h")],
            capture_output=True,
            text=True,
        )
        assert result.returncode != 0 and "identifier" in result.stderr or name == ""


@pytest.mark.parametrize("int16", [False, True])
def test_saved_header_runs_the_engine(int16, tmp_path):
    X = np.round(X_WINE * 10) if int16 else X_WINE
    model = RandomForestClassifier(n_estimators=5, random_state=0).fit(X, Y_WINE)
    converted = emflow.convert(model, dtype="int16" if int16 else "float")
    header = converted.save(str(tmp_path / "wine_model.h"), name="wine_model")
    assert "PROGMEM" in open(header).read()
    exe = compile_blob_header(header, "wine_model", int16, str(tmp_path))
    rows = np.asarray(run_rows(exe, X.astype(int) if int16 else X))
    assert list(rows[:, 0].astype(int)) == list(model.predict(X))
    assert np.allclose(rows[:, 1:], model.predict_proba(X), rtol=1e-5, atol=1e-7)


def test_save_rejects_bad_names_and_extensions(tmp_path):
    converted = emflow.convert(DecisionTreeClassifier(max_depth=2).fit(X_WINE, Y_WINE))
    for name in ["9lives", "int", "a b", "__reserved"]:
        with pytest.raises(ValueError, match="identifier|reserved"):
            converted.save(str(tmp_path / "m.h"), name=name)
    with pytest.raises(ValueError, match="extension"):
        converted.save(str(tmp_path / "m.txt"))


def test_blob_roundtrip_and_checksum():
    converted = emflow.convert(DecisionTreeRegressor(max_depth=3).fit(X_DIAB, Y_DIAB))
    data = converted.to_bytes()
    kind, flags, n_features, n_outputs, payload = blob.unpack(data)
    assert (kind, flags, n_features, n_outputs) == (blob.KIND_TREE_REGRESSOR, 0, 10, 1)
    damaged = bytearray(data)
    damaged[20] ^= 1
    with pytest.raises(blob.BlobError, match="checksum"):
        blob.unpack(bytes(damaged))


# --- emlearn CSV ------------------------------------------------------------------------------


# Agreement with the device that loads the CSV: test_trees_csv_device.py.
X_WINE16 = np.round(X_WINE / np.abs(X_WINE).max(axis=0) * 30000).astype(int)


def test_csv_decision_tree_classifier_is_exact(cli_predict, tmp_path):
    model = DecisionTreeClassifier(random_state=0).fit(X_WINE16, Y_WINE)
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "tree.csv"))
    text = open(path).read().splitlines()
    assert text[:3] == ["f,13", "c,3", "lb,0"]
    labels = cli_predict.labels(path, X_WINE16)
    assert [model.classes_[i] for i in labels] == list(model.predict(X_WINE16))


def test_csv_forest_uses_majority_vote(cli_predict, tmp_path):
    model = RandomForestClassifier(n_estimators=7, random_state=0).fit(X_WINE16, Y_WINE)
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "forest.csv"))
    votes = np.zeros((len(X_WINE16), 3))
    for tree in model.estimators_:
        votes[np.arange(len(X_WINE16)), tree.predict(X_WINE16).astype(int)] += 1
    assert cli_predict.labels(path, X_WINE16) == list(votes.argmax(axis=1))


def test_csv_tied_leaves_go_to_the_lowest_class(cli_predict, tmp_path):
    # A depth-1 tree whose two leaves each hold a tie (classes 0/1 left, 1/2 right): the CSV
    # leaf must carry the class scikit-learn predicts, the first of the tied ones.
    X = np.array([[0.0], [0.0], [1.0], [1.0]])
    y = np.array([0, 1, 1, 2])
    model = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y)
    assert list(model.predict([[0.0], [1.0]])) == [0, 1]
    text = emflow.convert(model, dtype="int16").to_csv().splitlines()
    assert sorted(line for line in text if line.startswith("l,")) == ["l,0", "l,1"]
    path = tmp_path / "tied.csv"
    path.write_text("\n".join(text) + "\n")
    assert cli_predict.labels(str(path), X) == [0, 0, 1, 1]


def test_csv_depth_limited_forest_matches_tree_votes(cli_predict, tmp_path):
    # Shallow trees leave mixed (and sometimes tied) leaves: each tree's CSV vote is its predict.
    model = RandomForestClassifier(n_estimators=9, max_depth=2, random_state=1).fit(
        X_WINE16, Y_WINE
    )
    path = emflow.convert(model, dtype="int16").save(str(tmp_path / "shallow.csv"))
    votes = np.zeros((len(X_WINE16), 3))
    for tree in model.estimators_:
        votes[np.arange(len(X_WINE16)), tree.predict(X_WINE16).astype(int)] += 1
    assert cli_predict.labels(path, X_WINE16) == list(votes.argmax(axis=1))


def test_csv_corruption_gives_located_errors(emflow_cli, tmp_path):
    model = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X_WINE16, Y_WINE)
    good = emflow.convert(model, dtype="int16").to_csv().splitlines()
    data = tmp_path / "x.csv"
    data.write_text(",".join(["1"] * 13) + "\n")
    node = next(i for i, line in enumerate(good) if line.startswith("n,"))
    cases = {
        "bad threshold": (node, "n,0,zz,1,-1"),
        "feature 99 >= n_features": (node, "n,99,1.0,1,-1"),
        "past the last node": (node, "n,0,1.0,500,-1"),
        "unknown record type": (0, "q,1"),
    }
    for message, (index, replacement) in cases.items():
        lines = list(good)
        lines[index] = replacement
        path = tmp_path / "bad.csv"
        path.write_text("\n".join(lines) + "\n")
        result = subprocess.run(
            [emflow_cli, "predict", str(path), str(data)], capture_output=True, text=True
        )
        assert result.returncode == 1
        assert "line %d" % (index + 1) in result.stderr and message in result.stderr


def test_csv_rejects_other_kinds():
    model = GradientBoostingRegressor(n_estimators=2).fit(X_DIAB, Y_DIAB)
    with pytest.raises(emflow.ConversionError, match="CSV"):
        emflow.convert(model).to_csv()


# --- CLI errors -------------------------------------------------------------------------------


def test_cli_errors_name_row_and_column(emflow_cli, tmp_path):
    model = DecisionTreeClassifier(max_depth=2).fit(X_WINE, Y_WINE)
    path = emflow.convert(model).save(str(tmp_path / "m.bin"))
    data = tmp_path / "d.csv"
    data.write_text("h1,h2\n" + ",".join(["1"] * 13) + "\n" + ",".join(["1"] * 12 + ["oops"]))
    result = subprocess.run(
        [emflow_cli, "predict", path, str(data)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "d.csv:3:13" in result.stderr and "oops" in result.stderr
    broken = tmp_path / "broken.bin"
    raw = bytearray(open(path, "rb").read())
    raw[30] ^= 0xFF
    broken.write_bytes(bytes(raw))
    result = subprocess.run(
        [emflow_cli, "predict", str(broken), str(data)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "checksum mismatch" in result.stderr


# --- conversion errors --------------------------------------------------------------------------


class NotAnEstimator:
    fitted_ = True


def test_conversion_errors_name_estimator_and_parameter():
    with pytest.raises(emflow.ConversionError, match="NotAnEstimator"):
        emflow.convert(NotAnEstimator())
    with pytest.raises(emflow.ConversionError, match="not fitted"):
        emflow.convert(DecisionTreeClassifier())
    with pytest.raises(emflow.ConversionError, match=r"GradientBoostingClassifier\(loss="):
        emflow.convert(
            GradientBoostingClassifier(loss="exponential", n_estimators=2).fit(X_WINE, Y_WINE == 1)
        )
    init = DecisionTreeRegressor(max_depth=1)
    with pytest.raises(emflow.ConversionError, match=r"GradientBoostingRegressor\(init="):
        emflow.convert(GradientBoostingRegressor(init=init, n_estimators=2).fit(X_DIAB, Y_DIAB))
    with pytest.raises(emflow.ConversionError, match=r"n_outputs_"):
        emflow.convert(DecisionTreeClassifier().fit(X_WINE, np.stack([Y_WINE, Y_WINE], axis=1)))
    with pytest.raises(emflow.ConversionError, match=r"\(colour="):
        emflow.convert(DecisionTreeClassifier().fit(X_WINE, Y_WINE), colour="red")
    with pytest.raises(emflow.ConversionError, match=r"\(dtype="):
        emflow.convert(DecisionTreeClassifier().fit(X_WINE, Y_WINE), dtype="int8")


def test_int16_features_are_checked():
    model = emflow.convert(DecisionTreeClassifier().fit([[1], [2]], [0, 1]), dtype="int16")
    with pytest.raises(ValueError, match="int16"):
        model.predict([[1.5]])
    with pytest.raises(ValueError, match="features"):
        model.predict([[1, 2]])


# --- thresholds ---------------------------------------------------------------------------------


def test_int16_threshold_rounds_the_right_way(cli_predict):
    """scikit-learn splits [1] / [2] at 1.5: x = 1 must go left, never truncated to x <= 2."""
    model = DecisionTreeClassifier().fit([[1], [2], [-3], [-2]], [0, 1, 0, 1])
    converted = emflow.convert(model, dtype="int16")
    X = [[v] for v in range(-6, 6)]
    assert converted.predict(X) == list(model.predict(X))
    assert cli_predict.labels(converted, X) == list(model.predict(X))


def test_float_threshold_is_largest_float32_below():
    rng = random.Random(5)
    for _ in range(2000):
        t = rng.uniform(-1e6, 1e6) * 10 ** rng.randint(-30, 30)
        down = blob.f32_floor(t)
        assert down <= t
        (bits,) = struct.unpack("<I", struct.pack("<f", down))
        nxt = struct.unpack("<f", struct.pack("<I", bits + (1 if down >= 0 else -1)))[0]
        if down != 0:
            assert nxt > t or math.isinf(nxt)
    assert blob.f32_floor(0.1) < 0.1 and blob.f32(0.1) > 0.1


def test_float32_rounding_of_inputs_matches_scikit_learn(cli_predict):
    """A threshold between two float64 values that round to the same float32."""
    x = [[0.1], [0.10000000000000002], [0.2]]
    model = DecisionTreeClassifier().fit(x, [0, 1, 1])
    converted = emflow.convert(model)
    assert cli_predict.labels(converted, x) == list(model.predict(x))
    assert converted.predict(x) == list(model.predict(x))
