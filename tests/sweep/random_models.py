"""Random small models for the device cost models: seeded synthetic datasets with integer
features (so that every tree model also has an int16 form), trained by the engine's own
trainers (emflow.train) with random hyperparameters. scripts/calibrate_device_cost.py fits on
one seed's models, tests/sweep/check_device_cost.py checks on another seed's."""

import random

from emflow import train as engine
from emflow.tree_reader import read_trees


def dataset(rng, role, n_rows=160, scale=2000):
    """Integer features in [-scale, scale]: 2000 gives thresholds of two significant bytes,
    100 small ones like sensor readings or iris in millimetres (zero high bytes)."""
    n_features = rng.randint(2, 10)
    X = [[rng.randint(-scale, scale) for _ in range(n_features)] for _ in range(n_rows)]
    weights = [rng.uniform(-1, 1) for _ in range(n_features)]
    # From clean (pure leaves, few distinct leaf values, as on iris) to noisy labels.
    noise = rng.choice([0, 100, 600]) * scale / 2000.0
    scores = [sum(w * v for w, v in zip(weights, row)) + rng.gauss(0, noise) for row in X]
    if role == "regressor":
        return X, scores
    n_classes = rng.randint(2, 4)
    ordered = sorted(scores)
    cuts = [ordered[len(ordered) * c // n_classes] for c in range(1, n_classes)]
    return X, [sum(1 for cut in cuts if s >= cut) for s in scores]


def tree_estimator(rng, role):
    family = rng.choice(["DecisionTree", "RandomForest", "ExtraTrees"])
    name = family + ("Classifier" if role == "classifier" else "Regressor")
    params = {"random_state": rng.randrange(1000), "max_depth": rng.randint(2, 8)}
    if family != "DecisionTree":
        params["n_estimators"] = rng.randint(2, 10)
        params["max_depth"] = rng.randint(2, 6)
    return getattr(engine, name)(**params)


def tree_cases(seed, count, role, dtype, n_rows=12, scale=2000):
    """`count` (blob, rows) pairs of random tree models; rows are feature rows to time on."""
    rng = random.Random("%s/%s/%s" % (seed, role, dtype))
    cases = []
    for _ in range(count):
        X, y = dataset(rng, role, scale=scale)
        data = tree_estimator(rng, role).fit(X, y).blob_
        if dtype == "int16":
            data = read_trees(data).to_int16().to_bytes()
        cases.append((data, X[:n_rows]))
    return cases


def nb_cases(seed, count, n_rows=12, scale=2000):
    rng = random.Random("%s/nb" % seed)
    cases = []
    for _ in range(count):
        X, y = dataset(rng, "classifier", scale=scale)
        cases.append((engine.GaussianNB().fit(X, y).blob_, X[:n_rows]))
    return cases


def iris_cases(n_rows=12):
    """Models of a real dataset, as a sweep meets them: iris in millimetres (integer features,
    three clean classes), a decision tree and a small forest, float and int16."""
    from sklearn.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    X = [[int(round(v * 10)) for v in row] for row in X.tolist()]
    y = y.tolist()
    rows = [X[i] for i in range(0, len(X), len(X) // n_rows)][:n_rows]
    cases = []
    for estimator in (
        engine.DecisionTreeClassifier(max_depth=3, random_state=0),
        engine.RandomForestClassifier(n_estimators=5, max_depth=5, random_state=0),
    ):
        data = estimator.fit(X, y).blob_
        cases += [(data, rows), (read_trees(data).to_int16().to_bytes(), rows)]
    return cases
