// Model kinds of the non-tree families (the 32-63 range of ModelKind in model_blob.h).
// Payload layouts: docs/models.md. Values are part of the binary format: never renumber.
#ifndef EMFLOW_ML_FAMILY_KINDS_H
#define EMFLOW_ML_FAMILY_KINDS_H

#include <stdint.h>

namespace emflow {

static const uint8_t kKindGaussianNB = 32;            // GaussianNB
static const uint8_t kKindMlpClassifier = 33;         // MLPClassifier
static const uint8_t kKindMlpRegressor = 34;          // MLPRegressor
static const uint8_t kKindKNeighborsClassifier = 35;  // KNeighborsClassifier
static const uint8_t kKindLinearClassifier =
    36;  // LogisticRegression, LinearSVC, SGDClassifier, ...
static const uint8_t kKindLinearRegressor = 37;   // LinearRegression, Ridge, Lasso, ElasticNet, ...
static const uint8_t kKindEllipticEnvelope = 38;  // EllipticEnvelope
static const uint8_t kKindGaussianMixture = 39;   // GaussianMixture

}  // namespace emflow

#endif  // EMFLOW_ML_FAMILY_KINDS_H
