"""Writes the small models the component specs (tests/protocol/specs) put into the runtime's
model store with `emflow-runtime --model ID=FILE`. Their answers are evident from the data, so
the specs can state them: run with Debian's scikit-learn, `/usr/bin/python3 make_models.py`.

  classifier.bin  DecisionTreeClassifier, 2 features: class 1 when feature 0 >= 5, else 0
  regressor.bin   DecisionTreeRegressor, 1 feature: 1.5 below 5, 7.25 from 5 on
  anomaly.bin     EllipticEnvelope fitted on a tight cluster around (0, 0): far points are
                  outliers (negative decision_function)
"""

import os
import sys

import numpy as np
from sklearn.covariance import EllipticEnvelope
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "python"))
import emflow  # noqa: E402  (the converter from this repository)


def main():
    x = np.array([[v, (v * 7) % 10] for v in range(10)], dtype=float)
    classes = (x[:, 0] >= 5).astype(int)
    classifier = DecisionTreeClassifier(random_state=0).fit(x, classes)
    emflow.convert(classifier).save(os.path.join(HERE, "classifier.bin"))

    steps = np.arange(10, dtype=float).reshape(-1, 1)
    targets = np.where(steps[:, 0] >= 5, 7.25, 1.5)
    regressor = DecisionTreeRegressor(random_state=0).fit(steps, targets)
    emflow.convert(regressor).save(os.path.join(HERE, "regressor.bin"))

    cluster = np.random.RandomState(0).normal(0.0, 0.5, size=(200, 2))
    detector = EllipticEnvelope(random_state=0).fit(cluster)
    emflow.convert(detector).save(os.path.join(HERE, "anomaly.bin"))


if __name__ == "__main__":
    main()
