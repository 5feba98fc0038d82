"""MLPClassifier / MLPRegressor (kinds 33, 34). Payload: docs/models.md (float) and
docs/model-format.md (int16); engine: core/ml/mlp.h.

dtype='int16' takes int16 features x_q = round(x * input_scale) (option `input_scale`, default
1, as the int16 linear models) and runs integer layers (python/emflow/mlp_fixed.py). Option
`calibration`: int16 feature rows (as predict takes them) used to choose the Q format of
relu/identity hidden layers from the activations they reach; without it the format covers the
worst case of any int16 input, which costs precision.
"""

import math
import struct

from . import blob, mlp_fixed
from .engine_constants import KIND_MLP_CLASSIFIER, KIND_MLP_REGRESSOR
from .family_math import argmax, as_list, classes_of, f32_list, f32_outputs, logistic, softmax
from .model import ConversionError, Model, register


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
    def __init__(self, estimator, kind, dtype="float", options=None):
        options = dict(options or {})
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
        self.int16 = dtype == "int16"
        if self.int16:
            self.input_scale = blob.f32(options.pop("input_scale", 1.0))
            if not (self.input_scale > 0 and math.isfinite(self.input_scale)):
                raise ConversionError(estimator, "must be a positive number", "input_scale")
            calibration = options.pop("calibration", None)
            if calibration is not None:
                calibration = self._checked(calibration)
            weights = [[v for row in c for v in row] for c in coefs]
            self.layers = mlp_fixed.quantise(
                estimator,
                weights,
                intercepts,
                self.sizes,
                self.hidden,
                self.input_scale,
                calibration,
            )
        if options:
            raise ConversionError(estimator, "unknown options %s" % sorted(options), "options")

    def _payload(self):
        if self.int16:
            return self._payload_int16()
        head = struct.pack("<BBBB", len(self.weights), self.hidden, self.output, 0)
        head += struct.pack("<%dH" % len(self.sizes), *self.sizes)
        head += b"\0" * (-len(head) % 4)
        body = b"".join(
            blob.pack_f32(w) + blob.pack_f32(b) for w, b in zip(self.weights, self.biases)
        )
        return head + body

    def _payload_int16(self):
        n = len(self.layers)
        head = struct.pack("<BBBBf", n, self.hidden, self.output, 0, self.input_scale)
        head += struct.pack("<%dH" % len(self.sizes), *self.sizes)
        head += struct.pack("<%db" % n, *[layer["shift"] for layer in self.layers])
        head += struct.pack("<%db" % n, *[layer["q"] for layer in self.layers])
        head += b"\0" * (-len(head) % 4)
        body = b""
        for layer in self.layers:
            body += struct.pack("<%dh" % len(layer["W"]), *layer["W"])
            body += b"\0" * (-len(body) % 4)
            body += struct.pack("<%di" % len(layer["b"]), *layer["b"])
        return head + body

    def _predict_row_int16(self, x):
        accs, exponent = mlp_fixed.forward(self.layers, self.hidden, x)
        values = [math.ldexp(float(acc), -exponent) for acc in accs]
        if self.output == 1:
            p = logistic(values[0])
            return f32_outputs([1.0 - p, p]), 1 if accs[0] > 0 else 0
        if self.output == 2:
            return f32_outputs(softmax(values)), argmax(accs)
        return f32_outputs(values), 0

    def _predict_row(self, x):
        if self.int16:
            return self._predict_row_int16(x)
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
    if dtype not in ("float", "int16"):
        raise ConversionError(estimator, "dtype must be 'float' or 'int16'", "dtype")
    return MLPModel(estimator, kind, dtype, options)
