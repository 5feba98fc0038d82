"""GaussianMixture (kind 39). Payload: docs/models.md; engine: core/ml/gmm.h.

predict / predict_proba name mixture components; score_samples is the log density."""

import math
import struct

from . import blob
from .engine_constants import KIND_GAUSSIAN_MIXTURE
from .family_math import argmax, as_list, f32_list, f32_outputs, flatten, logsumexp, softmax
from .model import ConversionError, Model, register

COVARIANCE = {"full": 0, "tied": 1, "diag": 2, "spherical": 3}


def _log_det_cholesky(cholesky, covariance, n_features):
    """log det of each component's precision Cholesky factor (sklearn's
    _compute_log_det_cholesky), from the float64 attributes."""
    if covariance == "full":
        return [sum(math.log(m[i][i]) for i in range(n_features)) for m in cholesky]
    if covariance == "tied":
        return sum(math.log(cholesky[i][i]) for i in range(n_features))
    if covariance == "diag":
        return [sum(math.log(v) for v in row) for row in cholesky]
    return [n_features * math.log(v) for v in cholesky]


class GaussianMixtureModel(Model):
    kind = KIND_GAUSSIAN_MIXTURE
    role = "classifier"
    estimator_name = "GaussianMixture"

    def __init__(self, estimator):
        covariance = estimator.covariance_type
        if covariance not in COVARIANCE:
            raise ConversionError(estimator, "unknown covariance type", "covariance_type")
        self.covariance = covariance
        weights = as_list(estimator.weights_)
        means = as_list(estimator.means_)
        cholesky = as_list(estimator.precisions_cholesky_)
        self.n_outputs = len(weights)
        self.n_features = len(means[0])
        self.classes = list(range(self.n_outputs))  # predict names a component
        log_det = _log_det_cholesky(cholesky, covariance, self.n_features)
        if covariance == "tied":
            log_det = [log_det] * self.n_outputs
        constants = []
        for k in range(self.n_outputs):
            if not weights[k] > 0:
                raise ConversionError(estimator, "component %d has weight 0" % k, "weights_")
            constants.append(
                math.log(weights[k]) + log_det[k] - 0.5 * self.n_features * math.log(2 * math.pi)
            )
        self.constants = f32_list(constants, estimator, "weights_")
        self.means = [f32_list(row, estimator, "means_") for row in means]
        if covariance == "full":
            self.cholesky = [
                [f32_list(r, estimator, "precisions_cholesky_") for r in m] for m in cholesky
            ]
        elif covariance == "tied":
            self.cholesky = [f32_list(r, estimator, "precisions_cholesky_") for r in cholesky]
        elif covariance == "diag":
            self.cholesky = [f32_list(r, estimator, "precisions_cholesky_") for r in cholesky]
        else:
            self.cholesky = f32_list(cholesky, estimator, "precisions_cholesky_")

    def _payload(self):
        head = struct.pack("<BBBB", COVARIANCE[self.covariance], 0, 0, 0)
        if self.covariance == "full":
            precision = [v for m in self.cholesky for v in flatten(m)]
        elif self.covariance in ("tied", "diag"):
            precision = flatten(self.cholesky)
        else:
            precision = self.cholesky
        return head + blob.pack_f32(self.constants + flatten(self.means) + precision)

    def weighted_log_prob(self, x):
        f = self.n_features
        out = []
        for k in range(self.n_outputs):
            c = [x[j] - self.means[k][j] for j in range(f)]
            squares = 0.0
            if self.covariance in ("full", "tied"):
                m = self.cholesky[k] if self.covariance == "full" else self.cholesky
                for j in range(f):
                    y = 0.0
                    for i in range(f):
                        y += c[i] * m[i][j]
                    squares += y * y
            else:
                for j in range(f):
                    p = self.cholesky[k][j] if self.covariance == "diag" else self.cholesky[k]
                    squares += (c[j] * p) * (c[j] * p)
            out.append(self.constants[k] - 0.5 * squares)
        return out

    def _predict_row(self, x):
        log_prob = self.weighted_log_prob(x)
        return f32_outputs(softmax(log_prob)), argmax(log_prob)

    def score_samples(self, X):
        return [blob.f32(logsumexp(self.weighted_log_prob(x))) for x in self._checked(X)]


@register("GaussianMixture")
def convert_gaussian_mixture(estimator, dtype, options):
    if dtype != "float":
        raise ConversionError(estimator, "only dtype='float' is supported", "dtype")
    if options:
        raise ConversionError(estimator, "unknown options %s" % sorted(options), "options")
    return GaussianMixtureModel(estimator)
