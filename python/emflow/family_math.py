"""Numeric helpers shared by the non-tree families, written to compute exactly what the C++
engine computes (core/ml/family_math.h): float32 parameters, float64 arithmetic."""

import math

from . import blob
from .model import ConversionError


def as_list(values):
    """Nested Python lists from numpy arrays, lists or scalars."""
    return values.tolist() if hasattr(values, "tolist") else values


def f32_list(values, estimator, what):
    """Rounds a flat list of numbers to float32, refusing NaN/inf with a clear error."""
    out = []
    for v in values:
        r = blob.f32(v)
        if math.isnan(r) or math.isinf(r):
            raise ConversionError(
                estimator, "%s holds a value %r that is not a finite float32" % (what, v)
            )
        out.append(r)
    return out


def flatten(rows):
    return [v for row in rows for v in row]


def argmax(values):
    """Index of the first maximum (numpy.argmax)."""
    best = 0
    for i in range(1, len(values)):
        if values[i] > values[best]:
            best = i
    return best


def logsumexp(values):
    top = max(values)
    if math.isinf(top):
        return top
    return top + math.log(sum(math.exp(v - top) for v in values))


def softmax(values):
    lse = logsumexp(values)
    return [math.exp(v - lse) for v in values]


def logistic(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def f32_outputs(values):
    """The C++ engine hands its outputs back as float32."""
    return [blob.f32(v) for v in values]


def classes_of(estimator):
    return list(as_list(estimator.classes_))
