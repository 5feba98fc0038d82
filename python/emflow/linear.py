"""Linear models (kinds 36 and 37). Payload: docs/models.md; engine: core/ml/linear.h.

Classifiers: LogisticRegression, LinearSVC, SGDClassifier, RidgeClassifier, Perceptron,
PassiveAggressiveClassifier. Regressors: LinearRegression, Ridge, Lasso, ElasticNet,
SGDRegressor, LinearSVR, HuberRegressor, BayesianRidge, ARDRegression.

dtype='int16' quantises the weights to int16 with a power-of-two scale and takes int16
features x_q = round(x * input_scale) (option `input_scale`, default 1: features that are
already integers); the dot product is exact integer arithmetic.
"""

import math
import struct

from . import blob
from .engine_constants import KIND_LINEAR_CLASSIFIER, KIND_LINEAR_REGRESSOR
from .family_math import (
    argmax,
    as_list,
    classes_of,
    f32_list,
    f32_outputs,
    flatten,
    logistic,
    softmax,
)
from .model import ConversionError, Model, register


MODE_SCORES = 0
MODE_OVR_LOGISTIC = 1
MODE_SOFTMAX = 2
MODE_MODIFIED_HUBER = 3


def _clip(v):
    return 1.0 if v > 1 else -1.0 if v < -1 else v


class LinearModel(Model):
    def __init__(self, estimator, kind, mode, coef, intercept, dtype, options):
        self.estimator_name = type(estimator).__name__
        self.kind = kind
        self.role = "classifier" if kind == KIND_LINEAR_CLASSIFIER else "regressor"
        self.mode = mode
        self.n_features = len(coef[0])
        self.rows = len(coef)
        if kind == KIND_LINEAR_CLASSIFIER:
            self.classes = classes_of(estimator)
            self.n_outputs = len(self.classes)
            expected_rows = 1 if self.n_outputs == 2 else self.n_outputs
            if self.rows != expected_rows:
                raise ConversionError(
                    estimator,
                    "coef_ has %d rows for %d classes" % (self.rows, self.n_outputs),
                    "coef_",
                )
        else:
            self.n_outputs = self.rows
        if len(intercept) != self.rows:
            raise ConversionError(estimator, "intercept_ does not match coef_", "intercept_")
        self.intercept = f32_list(intercept, estimator, "intercept_")
        self.int16 = dtype == "int16"
        if self.int16:
            self.input_scale = blob.f32(options.pop("input_scale", 1.0))
            if not (self.input_scale > 0 and math.isfinite(self.input_scale)):
                raise ConversionError(estimator, "must be a positive number", "input_scale")
            largest = max(abs(v) for v in flatten(coef)) or 1.0
            # Largest power of two that keeps every weight inside int16.
            self.shift = max(-30, min(30, int(math.floor(math.log2(32767.0 / largest)))))
            while largest * 2.0**self.shift > 32767:
                self.shift -= 1
            scale = 2.0**self.shift
            self.weights = [[int(math.floor(v * scale + 0.5)) for v in row] for row in coef]
            self.inverse_scale = blob.f32(1.0 / (scale * self.input_scale))
        else:
            self.shift = 0
            self.weights = [f32_list(row, estimator, "coef_") for row in coef]
        if options:
            raise ConversionError(estimator, "unknown options %s" % sorted(options), "options")

    def _payload(self):
        if not self.int16:
            head = struct.pack("<BBH", self.mode, 0, 0)
            return head + blob.pack_f32(flatten(self.weights)) + blob.pack_f32(self.intercept)
        head = struct.pack("<BbHf", self.mode, self.shift, 0, self.input_scale)
        values = flatten(self.weights)
        body = struct.pack("<%dh" % len(values), *values)
        body += b"\0" * (-len(body) % 4)
        return head + body + blob.pack_f32(self.intercept)

    # --- reference --------------------------------------------------------------------------
    def scores_row(self, x):
        d = []
        for r in range(self.rows):
            w = self.weights[r]
            if self.int16:
                acc = sum(w[j] * x[j] for j in range(self.n_features))  # exact integers
                d.append(acc * self.inverse_scale + self.intercept[r])
            else:
                total = 0.0
                for j in range(self.n_features):
                    total += x[j] * w[j]
                d.append(total + self.intercept[r])
        return d

    def _predict_row(self, x):
        d = self.scores_row(x)
        if self.role == "regressor":
            return f32_outputs(d), 0
        if self.rows == 1:
            label = 1 if d[0] > 0 else 0
            if self.mode == MODE_SCORES:
                return f32_outputs([-d[0], d[0]]), label
            if self.mode == MODE_OVR_LOGISTIC:
                p = logistic(d[0])
            elif self.mode == MODE_SOFTMAX:
                p = logistic(2 * d[0])
            else:
                p = (_clip(d[0]) + 1.0) / 2.0
            return f32_outputs([1.0 - p, p]), label
        label = argmax(d)
        if self.mode == MODE_SCORES:
            return f32_outputs(d), label
        if self.mode == MODE_SOFTMAX:
            return f32_outputs(softmax(d)), label
        if self.mode == MODE_OVR_LOGISTIC:
            p = [logistic(v) for v in d]
        else:
            p = [(_clip(v) + 1.0) / 2.0 for v in d]
        total = sum(p)
        if total == 0:
            p, total = [1.0] * len(p), float(len(p))
        return f32_outputs([v / total for v in p]), label

    def decision_function(self, X):
        """sklearn's decision_function (classifiers) as the engine computes it."""
        out = [f32_outputs(self.scores_row(x)) for x in self._checked(X)]
        return [row[0] for row in out] if self.rows == 1 else out

    def predict_proba(self, X):
        if self.role != "classifier" or self.mode == MODE_SCORES:
            raise AttributeError("%s has no predict_proba" % self.estimator_name)
        return super().predict_proba(X)


def _coef_rows(estimator):
    coef = as_list(estimator.coef_)
    if coef and not isinstance(coef[0], list):
        coef = [coef]
    intercept = as_list(getattr(estimator, "intercept_", 0.0))
    if not isinstance(intercept, list):
        intercept = [intercept] * len(coef)
    return coef, intercept


def _check_dtype(estimator, dtype):
    if dtype not in ("float", "int16"):
        raise ConversionError(estimator, "dtype must be 'float' or 'int16'", "dtype")


def _logistic_mode(estimator):
    # The rule of LogisticRegression.predict_proba (scikit-learn 1.2 ... 1.8): one-vs-rest
    # logistic for binary problems, liblinear / newton-cholesky and multi_class='ovr';
    # softmax otherwise.
    multi_class = getattr(estimator, "multi_class", "auto")
    n_classes = len(as_list(estimator.classes_))
    if multi_class in ("ovr", "warn"):
        return MODE_OVR_LOGISTIC
    if multi_class == "multinomial":
        return MODE_SOFTMAX
    if n_classes <= 2 or estimator.solver in ("liblinear", "newton-cholesky"):
        return MODE_OVR_LOGISTIC
    return MODE_SOFTMAX


@register("LogisticRegression", "LogisticRegressionCV")
def convert_logistic_regression(estimator, dtype, options):
    _check_dtype(estimator, dtype)
    coef, intercept = _coef_rows(estimator)
    mode = _logistic_mode(estimator)
    return LinearModel(estimator, KIND_LINEAR_CLASSIFIER, mode, coef, intercept, dtype, options)


@register("SGDClassifier")
def convert_sgd_classifier(estimator, dtype, options):
    _check_dtype(estimator, dtype)
    coef, intercept = _coef_rows(estimator)
    if estimator.loss in ("log_loss", "log"):
        mode = MODE_OVR_LOGISTIC
    elif estimator.loss == "modified_huber":
        mode = MODE_MODIFIED_HUBER
    else:
        mode = MODE_SCORES
    return LinearModel(estimator, KIND_LINEAR_CLASSIFIER, mode, coef, intercept, dtype, options)


@register(
    "LinearSVC", "RidgeClassifier", "RidgeClassifierCV", "Perceptron", "PassiveAggressiveClassifier"
)
def convert_linear_scores_classifier(estimator, dtype, options):
    _check_dtype(estimator, dtype)
    coef, intercept = _coef_rows(estimator)
    return LinearModel(
        estimator, KIND_LINEAR_CLASSIFIER, MODE_SCORES, coef, intercept, dtype, options
    )


@register(
    "LinearRegression",
    "Ridge",
    "RidgeCV",
    "Lasso",
    "LassoCV",
    "ElasticNet",
    "ElasticNetCV",
    "SGDRegressor",
    "LinearSVR",
    "HuberRegressor",
    "BayesianRidge",
    "ARDRegression",
    "Lars",
    "LassoLars",
    "OrthogonalMatchingPursuit",
)
def convert_linear_regressor(estimator, dtype, options):
    _check_dtype(estimator, dtype)
    coef, intercept = _coef_rows(estimator)
    return LinearModel(
        estimator, KIND_LINEAR_REGRESSOR, MODE_SCORES, coef, intercept, dtype, options
    )
