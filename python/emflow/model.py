"""Converter registry and the Model base class shared by every model family.

A family module registers a converter for estimator class names:

    @register("GaussianNB")
    def convert_gaussian_nb(estimator, dtype, options):
        return GaussianNBModel(...)  # a Model subclass

A Model subclass sets kind / n_features / n_outputs / int16, implements `_payload()`
(bytes of its kind's payload) and `_predict_row(x)` returning (outputs, label) exactly as the
C++ engine computes them (see core/ml/model.h), and may override the public predict methods.
"""

import keyword
import os
import re

from . import blob

_CONVERTERS = {}
DTYPES = ("float", "int16")


class ConversionError(ValueError):
    """The estimator (or one of its parameters) cannot be converted."""

    def __init__(self, estimator, message, parameter=None):
        name = estimator if isinstance(estimator, str) else type(estimator).__name__
        where = "%s(%s=...)" % (name, parameter) if parameter else name
        super().__init__("cannot convert %s: %s" % (where, message))
        self.estimator = name
        self.parameter = parameter


def register(*class_names):
    """Decorator: registers `function(estimator, dtype, options) -> Model` for class names."""

    def decorate(function):
        for name in class_names:
            _CONVERTERS[name] = function
        return function

    return decorate


def registered():
    """Names of the estimator classes that have a converter."""
    return sorted(_CONVERTERS)


def convert(estimator, dtype="float", **options):
    """Converts a fitted scikit-learn estimator into an emflow Model."""
    name = type(estimator).__name__
    if dtype not in DTYPES:
        raise ConversionError(estimator, "dtype must be one of %s" % (DTYPES,), "dtype")
    function = _CONVERTERS.get(name)
    if function is None:
        raise ConversionError(
            estimator, "no converter for this estimator (supported: %s)" % ", ".join(registered())
        )
    if not _is_fitted(estimator):
        raise ConversionError(estimator, "the estimator is not fitted")
    return function(estimator, dtype, dict(options))


def _is_fitted(estimator):
    return any(k.endswith("_") and not k.startswith("__") for k in vars(estimator))


def rows(X):
    """Rows of X as lists of Python numbers (accepts lists, tuples and numpy arrays)."""
    if hasattr(X, "tolist"):
        X = X.tolist()
    return [list(row) for row in X]


def check_identifier(name):
    """A name used in generated C++ must be a plain identifier and not a keyword."""
    if not isinstance(name, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
        raise ValueError("name %r is not a valid C++ identifier" % (name,))
    if keyword.iskeyword(name) or name in _CPP_KEYWORDS or name.startswith("__"):
        raise ValueError("name %r is reserved in C++" % (name,))
    return name


_CPP_KEYWORDS = set(
    "alignas alignof and and_eq asm auto bitand bitor bool break case catch char char16_t "
    "char32_t class compl const constexpr const_cast continue decltype default delete do double "
    "dynamic_cast else enum explicit export extern false float for friend goto if inline int "
    "long mutable namespace new noexcept not not_eq nullptr operator or or_eq private protected "
    "public register reinterpret_cast return short signed sizeof static static_assert "
    "static_cast struct switch template this thread_local throw true try typedef typeid "
    "typename union unsigned using virtual void volatile wchar_t while xor xor_eq".split()
)


class Model:
    """A converted model: reference predictions in pure Python plus serialisation."""

    kind = 0
    n_features = 0
    n_outputs = 0
    int16 = False
    role = "classifier"  # "classifier" | "regressor" | "anomaly"
    estimator_name = ""
    classes = None  # class labels for classifiers (label index -> scikit-learn label)

    # --- to implement -----------------------------------------------------------------------
    def _payload(self):
        raise NotImplementedError

    def _predict_row(self, x):
        """Returns (outputs list, label int) for one row of checked features."""
        raise NotImplementedError

    # --- predictions --------------------------------------------------------------------------
    def _checked(self, X):
        out = []
        for i, row in enumerate(rows(X)):
            if len(row) != self.n_features:
                raise ValueError(
                    "row %d has %d features, the model expects %d" % (i, len(row), self.n_features)
                )
            if self.int16:
                row = [blob.to_int16(v, "row %d column %d" % (i, j)) for j, v in enumerate(row)]
            else:
                row = [blob.f32(v) for v in row]
            out.append(row)
        return out

    def raw_outputs(self, X):
        """(outputs, label) per row, as the C++ engine returns them."""
        return [self._predict_row(x) for x in self._checked(X)]

    def predict(self, X):
        results = self.raw_outputs(X)
        if self.role == "classifier":
            return [self.classes[label] for _, label in results]
        if self.role == "anomaly":
            return [label for _, label in results]
        if self.n_outputs == 1:
            return [outputs[0] for outputs, _ in results]
        return [list(outputs) for outputs, _ in results]

    def predict_proba(self, X):
        if self.role != "classifier":
            raise AttributeError("%s has no predict_proba" % self.estimator_name)
        return [list(outputs) for outputs, _ in self.raw_outputs(X)]

    def score_samples(self, X):
        if self.role != "anomaly":
            raise AttributeError("%s has no score_samples" % self.estimator_name)
        return [outputs[0] for outputs, _ in self.raw_outputs(X)]

    def decision_function(self, X):
        if self.role != "anomaly":
            raise AttributeError("%s has no decision_function here" % self.estimator_name)
        return [outputs[1] for outputs, _ in self.raw_outputs(X)]

    # --- serialisation ------------------------------------------------------------------------
    def to_bytes(self):
        return blob.pack(
            self.kind, self.n_features, self.n_outputs, self._payload(), int16=self.int16
        )

    def to_csv(self):
        raise ConversionError(self.estimator_name, "the emlearn CSV format holds trees only")

    def to_header(self, name):
        """A C++ header: the blob as a PROGMEM byte array and a thin typed wrapper."""
        check_identifier(name)
        data = self.to_bytes()
        lines = []
        for start in range(0, len(data), 16):
            lines.append("    " + ", ".join("0x%02x" % b for b in data[start : start + 16]) + ",")
        guard = "EMFLOW_MODEL_%s_H" % name.upper()
        feature_type = "int16_t" if self.int16 else "float"
        predict_call = "modelPredictInt16" if self.int16 else "modelPredict"
        return _HEADER_TEMPLATE.format(
            estimator=self.estimator_name or "a scikit-learn estimator",
            guard=guard,
            name=name,
            size=len(data),
            bytes="\n".join(lines),
            n_features=self.n_features,
            n_outputs=self.n_outputs,
            feature_type=feature_type,
            predict_call=predict_call,
        )

    def save(self, path, name=None):
        """Writes the model by extension: .bin (blob), .h (C++ header), .csv (emltrees CSV, int16
        tree classifiers only: see csv_format.py)."""
        path = os.fspath(path)
        extension = os.path.splitext(path)[1].lower()
        if extension == ".bin":
            data = self.to_bytes()
            with open(path, "wb") as f:
                f.write(data)
        elif extension in (".h", ".hpp"):
            if name is None:
                name = os.path.splitext(os.path.basename(path))[0]
            text = self.to_header(name)
            with open(path, "w") as f:
                f.write(text)
        elif extension == ".csv":
            text = self.to_csv()
            with open(path, "w") as f:
                f.write(text)
        else:
            raise ValueError("unknown model file extension %r (use .bin, .h or .csv)" % extension)
        return path


_HEADER_TEMPLATE = """\
// Generated by emflow from {estimator}. Do not edit: convert the model again instead.
#ifndef {guard}
#define {guard}

#include <stdint.h>

#include "ml/model.h"

#if defined(__AVR__)
#include <avr/pgmspace.h>
#define EMFLOW_MODEL_PROGMEM PROGMEM
#else
#define EMFLOW_MODEL_PROGMEM
#endif

namespace emflow_models {{

// The binary model (docs/model-format.md), read in place from flash.
static const uint8_t {name}_blob[{size}] EMFLOW_MODEL_PROGMEM = {{
{bytes}
}};

struct {name} {{
  static const uint16_t kFeatures = {n_features};
  static const uint16_t kOutputs = {n_outputs};
  emflow::Model model;

  // Validates the blob; call once before predict.
  emflow::Status open() {{
    return emflow::modelOpen(&model, {name}_blob, sizeof {name}_blob, emflow::kMemoryFlash);
  }}
  // features[kFeatures] -> outputs[kOutputs] and the label (see ml/model.h).
  emflow::Status predict(const {feature_type}* features, float* outputs, int32_t* label) const {{
    return emflow::{predict_call}(&model, features, kFeatures, outputs, kOutputs, label);
  }}
}};

}}  // namespace emflow_models

#endif  // {guard}
"""
