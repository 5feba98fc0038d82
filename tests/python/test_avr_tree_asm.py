"""The inline form's tree walk in AVR assembly (core/host/modelgen/avr_tree_asm.cpp) on a
simulated ATmega328P. It gives the labels of the same generated C++ compiled natively (and a
regressor's outputs bit for bit as the C++ walk on the AVR, whose double is a float), for every
way of reaching features (int16 in registers, int16 and float keys read per node, beyond ldd's
63-byte reach too) and both outputs (summed votes, leaf indices), on rows with NaN,
infinities, -0.0 and values at the thresholds. Its cycles are what emflow.device_asm counts
along each row's path: the C++ around a classifier's walk takes the same cycles on every row
of a label (the final compare may branch), so measured minus counted is one number per model
and label."""

import math
import os
import shutil
import struct
import sys

import numpy as np
import pytest

from emflow import device_asm, device_cost, train
from emflow.tree_reader import read_trees
from trees_harness import codegen, compile_generated, run_rows

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "sweep"))
import avr_forms  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (shutil.which("avr-g++") and shutil.which("simavr")),
    reason="avr-g++ or simavr is not installed (scripts/bootstrap.sh)",
)


def _data(seed, n_features, n_classes, n_rows=400, scale=3.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, scale, size=(n_rows, n_features))
    score = X[:, 0] - 0.7 * X[:, n_features // 2] + 0.4 * X[:, -1] + rng.normal(0, 0.5, n_rows)
    if n_classes is None:
        return X, score
    cuts = np.quantile(score, np.linspace(0, 1, n_classes + 1)[1:-1])
    return X, np.searchsorted(cuts, score)


def _model(kind, seed, n_features, n_classes, n_trees, depth, int16):
    X, y = _data(seed, n_features, n_classes)
    if int16:
        X = np.round(X * 1000)
    estimator = getattr(train, kind)(n_estimators=n_trees, max_depth=depth, random_state=seed)
    data = estimator.fit(X.tolist(), y.tolist()).blob_
    return read_trees(data), X


def _hostile_rows(model, X, int16, count=40):
    """Data rows, then rows with one feature at, just below and above a threshold, and (float)
    NaN of both signs, infinities and -0.0 in the features the trees test; at most ~8 KB of
    them (they are stored in the AVR's flash)."""
    rows = [list(map(float, r)) for r in X[:count]]
    tested = sorted({node[0] for node in model.nodes})
    if not int16:
        specials = [math.nan, -math.nan, math.inf, -math.inf, -0.0, 0.0]
        for i, value in enumerate(specials * 2):
            row = list(rows[i])
            row[tested[i % len(tested)]] = value
            rows.append(row)
    for i, (feature, threshold, _, _) in enumerate(model.nodes[:60]):
        row = list(rows[i % count])
        if int16:
            for delta in (0, 1):
                row[feature] = float(min(32767, int(threshold) + delta))
                rows.append(list(row))
        else:
            below = float(np.nextafter(np.float32(threshold), np.float32(-np.inf)))
            above = float(np.nextafter(np.float32(threshold), np.float32(np.inf)))
            for value in (threshold, below, above):
                row[feature] = value
                rows.append(list(row))
    return rows[: 8192 // ((2 if int16 else 4) * model.n_features)]


def _bits(value):
    return struct.unpack("<i", struct.pack("<f", value))[0]


def _native(header, name, rows, tmp_path, classifier):
    """predict_label() (classifiers) or the bits of predict()'s first output (regressors) of
    the generated C++ compiled natively."""
    out = run_rows(compile_generated(header, name, str(tmp_path), with_label=classifier), rows)
    if classifier:
        return [int(r[1]) for r in out]
    return [_bits(np.float32(r[1])) for r in out]


CASES = [
    # kind, features, classes (None: regression), trees, depth, int16
    ("RandomForestClassifier", 5, 2, 7, 6, True),  # registers, votes
    ("RandomForestClassifier", 12, 2, 5, 6, True),  # memory, votes
    ("RandomForestClassifier", 40, 3, 4, 6, True),  # memory beyond ldd's reach, leaf indices
    ("RandomForestClassifier", 6, 2, 6, 6, False),  # keys, votes
    ("ExtraTreesClassifier", 20, 4, 5, 6, False),  # keys beyond ldd's reach, leaf indices
    ("RandomForestRegressor", 7, None, 5, 6, False),  # keys, leaf indices, float sums
    ("RandomForestRegressor", 4, None, 3, 12, True),  # registers, over 256 leaves (uint16)
]


@pytest.mark.parametrize("kind,n_features,n_classes,n_trees,depth,int16", CASES)
def test_assembly_gives_the_native_results_and_the_counted_cycles(
    kind, n_features, n_classes, n_trees, depth, int16, emflow_cli, tmp_path
):
    model, X = _model(kind, n_features, n_features, n_classes, n_trees, depth, int16)
    if int16:
        model = model.to_int16()
    data = model.to_bytes()
    classifier = n_classes is not None
    rows = _hostile_rows(model, X, int16)
    path = tmp_path / "model.bin"
    path.write_bytes(data)
    header = codegen(emflow_cli, str(path), "model", str(tmp_path / "model.h"))
    assert "__asm__ volatile" in open(header).read()
    measurer = avr_forms.Measurer(str(tmp_path / "avr"))

    def on_avr(*extra):
        return measurer.measure(
            data, "inline", "uno", rows, int16, model.n_outputs, not classifier, "trees", extra
        )

    measured = on_avr()
    if classifier:  # integer votes: the same labels as the native build
        assert measured["labels"] == _native(header, "model", rows, tmp_path, classifier)
    else:  # float sums (double is float on AVR): the same bits as the C++ walk on the AVR
        assert measured["labels"] == on_avr("-DEMFLOW_CODEGEN_NO_ASM")["labels"]

    code = device_asm.Layout(model)
    info = device_cost.describe(data, rows)
    assert info["asm_bytes"] == code.bytes()
    counted = [code.cycles(x) for x in model._checked(rows)]
    assert [r["asm_cycles"] for r in info["rows"]] == counted
    if classifier:  # the C++ around the walk takes the same cycles on every row of a label
        around = {}
        for label, m, c in zip(measured["labels"], measured["cycles"], counted):
            around.setdefault(label, set()).add(m - c)
        assert all(len(d) == 1 for d in around.values()), around
        assert len(set(counted)) > 3  # the rows took different paths
