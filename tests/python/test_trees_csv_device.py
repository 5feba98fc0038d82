"""The emlearn tree CSV agrees with the device that loads it (MicroPython's `emltrees`).

The device's rules are implemented here from emlearn-micropython's documented `load_model`
behaviour and emlearn's `eml_trees.h` (read, not copied): a threshold is read as
`int(float(t))` and stored in an int16, a leaf with `int()` (stored as a uint8 class index),
children and roots are int16, features int8 (0..127, else ValueError), the features are an
int16 array, a node goes left when `x < t`, a child >= 0 is an offset from the node and a
negative one names leaf -(child)-1, and the trees vote (majority, first class on ties).
Records the loader does not know (`lb`) are skipped, as it does.
"""

import subprocess

import numpy as np
import pytest
from sklearn import datasets
from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier, RandomForestRegressor
from sklearn.tree import DecisionTreeClassifier

import emflow
from conftest import write_rows


def _int16(value):
    """What `const int16_t v = mp_obj_get_int(...)` keeps of an int: the low 16 bits."""
    return (int(value) + 32768) % 65536 - 32768


class DeviceTrees:
    """emltrees as the board runs it, built from CSV text."""

    def __init__(self, text):
        self.roots, self.nodes, self.leaves = [], [], []
        self.n_features = self.n_classes = None
        for line in text.splitlines():
            tok = line.rstrip("\r\n").split(",")
            kind = tok[0]
            if kind == "r":
                self.roots.append(_int16(int(tok[1])))
            elif kind == "n":
                feature, value = int(tok[1]), int(float(tok[2]))
                if feature > 127 or feature < -1:
                    raise ValueError("feature out of bounds")
                self.nodes.append((feature, _int16(value), _int16(tok[3]), _int16(tok[4])))
            elif kind == "l":
                self.leaves.append(int(tok[1]) & 0xFF)  # int("0.25") raises, as on the device
            elif kind == "f":
                self.n_features = int(tok[1])
            elif kind == "c":
                self.n_classes = int(tok[1])

    def tree_class(self, tree, x):
        node = self.roots[tree]
        while node >= 0:
            feature, point, left, right = self.nodes[node]
            child = left if x[feature] < point else right
            node = node + child if child >= 0 else child
        return self.leaves[-node - 1]

    def predict(self, x):
        votes = [0] * self.n_classes
        for tree in range(len(self.roots)):
            votes[self.tree_class(tree, x)] += 1
        return max(range(self.n_classes), key=lambda k: (votes[k], -k))


def _as_int16(X, scale):
    """Features as integers: scaled to +-scale per column (digits stay 0..16)."""
    X = np.asarray(X, dtype=float)
    top = np.abs(X).max(axis=0)
    top[top == 0] = 1
    return np.round(X / top * scale).astype(int)


def _data_sets():
    wine, iris, cancer, digits = (
        datasets.load_wine(return_X_y=True),
        datasets.load_iris(return_X_y=True),
        datasets.load_breast_cancer(return_X_y=True),
        datasets.load_digits(return_X_y=True),
    )
    blobs = datasets.make_classification(
        n_samples=400, n_features=8, n_informative=5, n_classes=3, random_state=3
    )
    return {
        "wine": (_as_int16(wine[0], 30000), wine[1]),
        "iris_coarse": (_as_int16(iris[0], 20), iris[1]),  # many ties on thresholds
        "cancer": (_as_int16(cancer[0], 32767), cancer[1]),
        "digits": (digits[0].astype(int), digits[1]),
        "blobs_signed": (_as_int16(blobs[0], 500), blobs[1]),  # negative thresholds
    }


def _estimators():
    return {
        "tree": DecisionTreeClassifier(random_state=0),
        "forest": RandomForestClassifier(n_estimators=10, max_depth=8, random_state=0),
        "extra": ExtraTreesClassifier(n_estimators=10, max_depth=8, random_state=0),
    }


def _boundary_rows(model, X, rng):
    """Rows moved onto every written threshold and one below it: where `<` and `<=` part."""
    rows = []
    for feature, threshold, _, _ in model.nodes:
        for value in (threshold, threshold + 1):
            row = X[rng.randint(len(X))].copy()
            row[feature] = value
            rows.append(row)
    return np.clip(np.asarray(rows), -32768, 32767)


def _sklearn_trees(estimator):
    return estimator.estimators_ if hasattr(estimator, "estimators_") else [estimator]


@pytest.mark.parametrize("data", sorted(_data_sets()))
@pytest.mark.parametrize("kind", sorted(_estimators()))
def test_every_tree_decision_matches_scikit_learn_on_the_device(data, kind, cli_predict, tmp_path):
    X, y = _data_sets()[data]
    estimator = _estimators()[kind].fit(X, y)
    model = emflow.convert(estimator, dtype="int16")
    path = model.save(str(tmp_path / "model.csv"))
    device = DeviceTrees(open(path).read())
    rows = np.concatenate([X, _boundary_rows(model, X, np.random.RandomState(0))])
    compared = 0
    for t, tree in enumerate(_sklearn_trees(estimator)):
        expected = tree.predict_proba(rows).argmax(axis=1)  # class index, first on ties
        got = [device.tree_class(t, row) for row in rows]
        assert got == expected.tolist(), "tree %d of %s on %s" % (t, kind, data)
        compared += len(rows)
    assert compared >= len(rows)
    # emflow predict on the same file answers what the device answers, row by row.
    assert cli_predict.labels(path, rows) == [device.predict(row) for row in rows]


def test_one_node_tree_from_the_issue(cli_predict, tmp_path):
    X, y = [[0], [1], [2], [3]], [0, 0, 1, 1]
    model = emflow.convert(DecisionTreeClassifier().fit(X, y), dtype="int16")
    path = model.save(str(tmp_path / "one.csv"))
    device = DeviceTrees(open(path).read())
    assert [device.predict(x) for x in X] == y
    assert cli_predict.labels(path, X) == y


def _emlearn_style_csv(estimator, n_features, n_classes):
    """A CSV as emlearn's own converter writes it: scikit-learn's float thresholds as they are
    (15279.5, 8411.0, -3.5), so int(float(t)) truncates them on the device."""
    model = emflow.convert(estimator)  # float model: thresholds are scikit-learn's (float32)
    leaves = [
        max(range(len(leaf)), key=lambda k, leaf=leaf: (leaf[k], -k)) for leaf in model.leaves
    ]
    lines = ["f,%d" % n_features, "c,%d" % n_classes]
    lines += ["l,%d" % v for v in leaves] + ["r,%d" % r for r in model.roots]
    lines += ["n,%d,%r,%d,%d" % (f, float(t), a, b) for f, t, a, b in model.nodes]
    return "\n".join(lines) + "\n", model


def test_emflow_predict_reads_an_emlearn_csv_as_the_device_does(cli_predict, tmp_path):
    rng = np.random.RandomState(42)
    X = rng.randint(-20000, 20000, size=(300, 2))
    y = np.logical_xor(X[:, 0] > 0, X[:, 1] > 0).astype(int)
    estimator = RandomForestClassifier(n_estimators=3, max_depth=3, random_state=1).fit(X, y)
    text, model = _emlearn_style_csv(estimator, 2, 2)
    path = tmp_path / "emlearn.csv"
    path.write_text(text)
    device = DeviceTrees(text)
    rows = []
    for feature, threshold, _, _ in model.nodes:  # on, below and above each truncated threshold
        for delta in (-1, 0, 1):
            row = X[rng.randint(len(X))].copy()
            row[feature] = int(threshold) + delta
            rows.append(row)
    rows = np.concatenate([X, np.asarray(rows)])
    expected = [device.predict(row) for row in rows]
    assert cli_predict.labels(str(path), rows) == expected
    # The device itself parts from scikit-learn on some tree decisions here (emlearn writes t,
    # not floor(t) + 1): what emflow predict must show is the device, not scikit-learn.
    differ = sum(
        device.tree_class(t, row) != tree.predict(row.reshape(1, -1))[0]
        for t, tree in enumerate(estimator.estimators_)
        for row in rows
    )
    assert differ > 0


def test_regressors_are_refused_by_the_writer_and_the_reader(emflow_cli, tmp_path):
    X = np.arange(40).reshape(-1, 1)
    regressor = RandomForestRegressor(n_estimators=2).fit(X, X[:, 0] * 0.5)
    model = emflow.convert(regressor, dtype="int16")
    with pytest.raises(emflow.ConversionError, match="regressors cannot be loaded by emltrees"):
        model.to_csv()
    data = tmp_path / "x.csv"
    write_rows(str(data), [[1]])
    files = {
        "f,1\nc,0\nlb,0\nl,1\nl,3\nr,0\nn,0,2,-1,-2\n": "built without regression",
        "f,1\nc,2\nlb,0\nl,0.25\nl,1\nr,0\nn,0,2,-1,-2\n": "integer class index",
    }
    for text, message in files.items():
        path = tmp_path / "reg.csv"
        path.write_text(text)
        result = subprocess.run(
            [emflow_cli, "predict", str(path), str(data)], capture_output=True, text=True
        )
        assert result.returncode == 1 and message in result.stderr, result.stderr
    with pytest.raises(ValueError):
        DeviceTrees(path.read_text())  # the device's int("0.25") fails as well


def test_what_the_device_cannot_hold_is_refused():
    X, y = [[0], [1], [2], [3]], [0, 0, 1, 1]
    with pytest.raises(emflow.ConversionError, match="float models cannot be written"):
        emflow.convert(DecisionTreeClassifier().fit(X, y)).to_csv()
    # A split above 32767 sends every int16 left: the device's x < t cannot say so in int16.
    top = emflow.convert(DecisionTreeClassifier().fit([[32767], [40000]], [0, 1]), dtype="int16")
    with pytest.raises(emflow.ConversionError, match="does not fit int16"):
        top.to_csv()
    # Features past 127 do not fit the device's int8 feature index.
    wide = np.zeros((4, 130), dtype=int)
    wide[:, 129] = [0, 1, 2, 3]
    model = emflow.convert(DecisionTreeClassifier().fit(wide, y), dtype="int16")
    with pytest.raises(emflow.ConversionError, match="at most 127"):
        model.to_csv()


def test_a_float_trained_tree_is_written_through_to_int16(cli_predict, tmp_path):
    """The built-in trainer's float model, for integer features: to_int16() then CSV."""
    X, y = [[0], [1], [2], [3], [-5], [-4]], [0, 0, 1, 1, 1, 0]
    estimator = DecisionTreeClassifier().fit(X, y)
    model = emflow.convert(estimator).to_int16()
    path = model.save(str(tmp_path / "m.csv"))
    device = DeviceTrees(open(path).read())
    rows = [[v] for v in range(-8, 6)]
    assert [device.predict(x) for x in rows] == estimator.predict(rows).tolist()
    assert cli_predict.labels(path, rows) == estimator.predict(rows).tolist()
