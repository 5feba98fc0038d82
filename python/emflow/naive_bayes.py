"""GaussianNB (kind 32). Payload: docs/models.md; engine: core/ml/naive_bayes.h."""

import math

from . import blob
from .engine_constants import KIND_GAUSSIAN_NB
from .family_math import argmax, as_list, classes_of, f32_list, f32_outputs, flatten, softmax
from .model import ConversionError, Model, register


class GaussianNBModel(Model):
    kind = KIND_GAUSSIAN_NB
    role = "classifier"
    estimator_name = "GaussianNB"

    def __init__(self, estimator):
        theta = as_list(estimator.theta_)
        # var_ since scikit-learn 1.0 (sigma_ before); var_smoothing is already added.
        variance = as_list(estimator.var_ if hasattr(estimator, "var_") else estimator.sigma_)
        prior = as_list(estimator.class_prior_)
        self.classes = classes_of(estimator)
        self.n_outputs = len(self.classes)
        self.n_features = len(theta[0])
        if self.n_outputs < 2:
            raise ConversionError(estimator, "needs at least two classes", "classes_")
        for v in flatten(variance):
            if not v > 0:
                raise ConversionError(estimator, "a variance is not positive", "var_")
        constants = []
        for k in range(self.n_outputs):
            if not prior[k] > 0:
                raise ConversionError(estimator, "class %d has prior 0" % k, "class_prior_")
            log_norm = sum(math.log(2.0 * math.pi * v) for v in variance[k])
            constants.append(math.log(prior[k]) - 0.5 * log_norm)
        self.constants = f32_list(constants, estimator, "log prior")
        self.theta = [f32_list(row, estimator, "theta_") for row in theta]
        self.variance = [f32_list(row, estimator, "var_") for row in variance]

    def _payload(self):
        return blob.pack_f32(self.constants + flatten(self.theta) + flatten(self.variance))

    def joint_log_likelihood(self, x):
        jll = []
        for k in range(self.n_outputs):
            theta, variance = self.theta[k], self.variance[k]
            total = 0.0
            for j in range(self.n_features):
                d = x[j] - theta[j]
                total += d * d / variance[j]
            jll.append(self.constants[k] - 0.5 * total)
        return jll

    def _predict_row(self, x):
        jll = self.joint_log_likelihood(x)
        return f32_outputs(softmax(jll)), argmax(jll)


@register("GaussianNB")
def convert_gaussian_nb(estimator, dtype, options):
    if dtype != "float":
        raise ConversionError(estimator, "only dtype='float' is supported", "dtype")
    if options:
        raise ConversionError(estimator, "unknown options %s" % sorted(options), "options")
    return GaussianNBModel(estimator)
