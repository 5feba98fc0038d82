"""MLPClassifier / MLPRegressor (kinds 33, 34). Payload: docs/models.md; engine: core/ml/mlp.h."""

import math
import struct

from . import blob
from .family_math import argmax, as_list, classes_of, f32_list, f32_outputs, logistic, softmax
from .model import ConversionError, Model, register

KIND_MLP_CLASSIFIER = 33
KIND_MLP_REGRESSOR = 34

HIDDEN = {"identity": 0, "logistic": 1, "tanh": 2, "relu": 3}
OUTPUT = {"identity": 0, "logistic": 1, "softmax": 2}
MAX_LAYERS = 8


def _activate(code, v):
    if code == 1:
        return logistic(v)
    if code == 2:
        return math.tanh(v)
    if code == 3:
        return v if v > 0 else 0.0
    return v


class MLPModel(Model):
    def __init__(self, estimator, kind):
        self.estimator_name = type(estimator).__name__
        self.kind = kind
        self.role = "classifier" if kind == KIND_MLP_CLASSIFIER else "regressor"
        if estimator.activation not in HIDDEN:
            raise ConversionError(estimator, "unknown activation", "activation")
        self.hidden = HIDDEN[estimator.activation]
        out = estimator.out_activation_
        if out not in OUTPUT:
            raise ConversionError(estimator, "unknown output activation", "out_activation_")
        self.output = OUTPUT[out]
        coefs = [as_list(c) for c in estimator.coefs_]
        intercepts = [as_list(b) for b in estimator.intercepts_]
        if not 1 <= len(coefs) <= MAX_LAYERS:
            raise ConversionError(
                estimator, "1..%d weight layers supported" % MAX_LAYERS, "hidden_layer_sizes"
            )
        self.sizes = [len(coefs[0])] + [len(b) for b in intercepts]
        self.n_features = self.sizes[0]
        self.weights = [f32_list([v for row in c for v in row], estimator, "coefs_") for c in coefs]
        self.biases = [f32_list(b, estimator, "intercepts_") for b in intercepts]
        units = self.sizes[-1]
        if self.role == "classifier":
            self.classes = classes_of(estimator)
            self.n_outputs = len(self.classes)
            binary = self.output == 1 and units == 1 and self.n_outputs == 2
            multiclass = self.output == 2 and units == self.n_outputs
            if not (binary or multiclass):
                raise ConversionError(
                    estimator, "multilabel outputs are not supported", "out_activation_"
                )
        else:
            self.n_outputs = units

    def _payload(self):
        head = struct.pack("<BBBB", len(self.weights), self.hidden, self.output, 0)
        head += struct.pack("<%dH" % len(self.sizes), *self.sizes)
        head += b"\0" * (-len(head) % 4)
        body = b"".join(
            blob.pack_f32(w) + blob.pack_f32(b) for w, b in zip(self.weights, self.biases)
        )
        return head + body

    def _predict_row(self, x):
        a = x
        last = len(self.weights) - 1
        for layer, (w, b) in enumerate(zip(self.weights, self.biases)):
            n_in, n_out = self.sizes[layer], self.sizes[layer + 1]
            out = []
            for o in range(n_out):
                total = 0.0
                for i in range(n_in):
                    total += a[i] * w[i * n_out + o]
                total += b[o]
                out.append(_activate(self.hidden, total) if layer < last else total)
            a = out
        if self.output == 1:
            p = logistic(a[0])
            return f32_outputs([1.0 - p, p]), 1 if p > 0.5 else 0
        if self.output == 2:
            p = softmax(a)
            return f32_outputs(p), argmax(p)
        return f32_outputs(a), 0


@register("MLPClassifier")
def convert_mlp_classifier(estimator, dtype, options):
    return _convert(estimator, dtype, options, KIND_MLP_CLASSIFIER)


@register("MLPRegressor")
def convert_mlp_regressor(estimator, dtype, options):
    return _convert(estimator, dtype, options, KIND_MLP_REGRESSOR)


def _convert(estimator, dtype, options, kind):
    if dtype != "float":
        raise ConversionError(estimator, "only dtype='float' is supported", "dtype")
    if options:
        raise ConversionError(estimator, "unknown options %s" % sorted(options), "options")
    return MLPModel(estimator, kind)
