"""EllipticEnvelope (kind 38). Payload: docs/models.md; engine: core/ml/elliptic.h."""

from . import blob
from .engine_constants import KIND_ELLIPTIC_ENVELOPE
from .family_math import as_list, f32_list, f32_outputs, flatten
from .model import ConversionError, Model, register


class EllipticEnvelopeModel(Model):
    kind = KIND_ELLIPTIC_ENVELOPE
    role = "anomaly"
    estimator_name = "EllipticEnvelope"
    n_outputs = 2

    def __init__(self, estimator):
        self.location = f32_list(as_list(estimator.location_), estimator, "location_")
        precision = as_list(estimator.get_precision())  # precision_, or pinvh(covariance_)
        self.n_features = len(self.location)
        self.precision = [f32_list(row, estimator, "precision_") for row in precision]
        self.offset = f32_list([float(estimator.offset_)], estimator, "offset_")[0]

    def _payload(self):
        return blob.pack_f32(self.location + flatten(self.precision) + [self.offset])

    def _predict_row(self, x):
        f = self.n_features
        centred = [x[i] - self.location[i] for i in range(f)]
        mahalanobis = 0.0
        for i in range(f):
            row = 0.0
            precision = self.precision[i]
            for j in range(f):
                row += centred[j] * precision[j]
            mahalanobis += row * centred[i]
        score = -mahalanobis
        decision = score - self.offset
        return f32_outputs([score, decision]), 1 if decision >= 0 else -1

    def mahalanobis(self, X):
        return [-s for s in self.score_samples(X)]


@register("EllipticEnvelope")
def convert_elliptic_envelope(estimator, dtype, options):
    if dtype != "float":
        raise ConversionError(estimator, "only dtype='float' is supported", "dtype")
    if options:
        raise ConversionError(estimator, "unknown options %s" % sorted(options), "options")
    return EllipticEnvelopeModel(estimator)
