"""KNeighborsClassifier (kind 35). Payload: docs/models.md; engine: core/ml/knn.h.
The training samples travel inside the model."""

import struct

from . import blob
from .engine_constants import KIND_KNEIGHBORS_CLASSIFIER
from .family_math import argmax, as_list, f32_list, f32_outputs, flatten
from .model import ConversionError, Model, register

MAX_K = 128  # EMFLOW_KNN_MAX_K on hosts (8 on AVR)
EUCLIDEAN, MANHATTAN, MINKOWSKI, CHEBYSHEV = range(4)


def _metric(estimator):
    metric = estimator.metric
    params = dict(getattr(estimator, "metric_params", None) or {})
    p = params.pop("p", getattr(estimator, "p", 2))
    if params:
        raise ConversionError(
            estimator, "metric_params %s not supported" % sorted(params), "metric_params"
        )
    if metric == "minkowski":
        if p is None or p == 2:
            return EUCLIDEAN, 2.0
        if p == 1:
            return MANHATTAN, 1.0
        if p >= 1:
            return MINKOWSKI, float(p)
        raise ConversionError(estimator, "p must be >= 1", "p")
    named = {
        "euclidean": EUCLIDEAN,
        "l2": EUCLIDEAN,
        "manhattan": MANHATTAN,
        "cityblock": MANHATTAN,
        "l1": MANHATTAN,
        "chebyshev": CHEBYSHEV,
        "infinity": CHEBYSHEV,
    }
    if metric in named:
        return named[metric], 1.0
    raise ConversionError(estimator, "metric %r not supported" % (metric,), "metric")


class KNeighborsModel(Model):
    kind = KIND_KNEIGHBORS_CLASSIFIER
    role = "classifier"
    estimator_name = "KNeighborsClassifier"

    def __init__(self, estimator):
        if getattr(estimator, "outputs_2d_", False):
            raise ConversionError(estimator, "multi-output targets are not supported", "y")
        if estimator.weights not in ("uniform", "distance"):
            raise ConversionError(estimator, "only 'uniform' and 'distance'", "weights")
        self.distance_weights = estimator.weights == "distance"
        self.metric, self.p = _metric(estimator)
        samples = as_list(estimator._fit_X)
        labels = [int(v) for v in as_list(estimator._y)]
        self.classes = list(as_list(estimator.classes_))
        self.n_outputs = len(self.classes)
        self.n_features = len(samples[0])
        self.k = int(estimator.n_neighbors)
        if not 1 <= len(samples) <= 0xFFFF:
            raise ConversionError(estimator, "1..65535 training samples supported", "X")
        if not 1 <= self.k <= min(len(samples), MAX_K):
            raise ConversionError(
                estimator, "must be in 1..%d" % min(len(samples), MAX_K), "n_neighbors"
            )
        self.samples = [f32_list(row, estimator, "training data") for row in samples]
        self.labels = labels

    def _payload(self):
        head = struct.pack(
            "<HHBBHf", len(self.samples), self.k, int(self.distance_weights), self.metric, 0, self.p
        )
        return (
            head
            + blob.pack_f32(flatten(self.samples))
            + struct.pack("<%dH" % len(self.labels), *self.labels)
        )

    def _reduced(self, row, x):
        if self.metric == EUCLIDEAN:
            return sum((a - b) * (a - b) for a, b in zip(x, row))
        if self.metric == MANHATTAN:
            return sum(abs(a - b) for a, b in zip(x, row))
        if self.metric == MINKOWSKI:
            return sum(abs(a - b) ** self.p for a, b in zip(x, row))
        return max(abs(a - b) for a, b in zip(x, row))

    def _distance(self, reduced):
        if self.metric == EUCLIDEAN:
            return reduced**0.5
        if self.metric == MINKOWSKI:
            return reduced ** (1.0 / self.p)
        return reduced

    def _predict_row(self, x):
        distances = [(self._reduced(row, x), i) for i, row in enumerate(self.samples)]
        distances.sort()  # by distance, then training order: as the engine's strict insertion
        nearest = distances[: self.k]
        weight = [0.0] * self.n_outputs
        exact = self.distance_weights and nearest[0][0] == 0
        for reduced, i in nearest:
            if not self.distance_weights:
                w = 1.0
            elif exact:
                w = 1.0 if reduced == 0 else 0.0
            else:
                w = 1.0 / self._distance(reduced)
            weight[self.labels[i]] += w
        total = sum(weight) or 1.0
        return f32_outputs([w / total for w in weight]), argmax(weight)


@register("KNeighborsClassifier")
def convert_kneighbors_classifier(estimator, dtype, options):
    if dtype != "float":
        raise ConversionError(estimator, "only dtype='float' is supported", "dtype")
    if options:
        raise ConversionError(estimator, "unknown options %s" % sorted(options), "options")
    return KNeighborsModel(estimator)
