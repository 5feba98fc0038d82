// Every model kind, declared once. The enum below, the host's name table, and the constants
// generated for TypeScript and Python (core/host/constants, checked by a test) all come from
// this list, so the three languages cannot disagree. Values are part of the binary format
// (docs/model-format.md): never renumber. Trees are 1-31, other families 32-63.
//
//   X(Name, value, role, "scikit-learn estimators it stands for")
#ifndef EMFLOW_ML_MODEL_KINDS_H
#define EMFLOW_ML_MODEL_KINDS_H

#include <stdint.h>

#define EMFLOW_MODEL_KINDS(X)                                                                     \
  X(TreeClassifier, 1, Classifier, "DecisionTree/RandomForest/ExtraTrees classifier (soft vote)") \
  X(TreeRegressor, 2, Regressor, "DecisionTree/RandomForest/ExtraTrees regressor (mean)")         \
  X(GradientBoostingClassifier, 3, Classifier, "GradientBoostingClassifier")                      \
  X(GradientBoostingRegressor, 4, Regressor, "GradientBoostingRegressor")                         \
  X(IsolationForest, 5, Anomaly, "IsolationForest")                                               \
  X(GaussianNB, 32, Classifier, "GaussianNB")                                                     \
  X(MlpClassifier, 33, Classifier, "MLPClassifier")                                               \
  X(MlpRegressor, 34, Regressor, "MLPRegressor")                                                  \
  X(KNeighborsClassifier, 35, Classifier, "KNeighborsClassifier")                                 \
  X(LinearClassifier, 36, Classifier,                                                             \
    "LogisticRegression, LinearSVC, SGDClassifier, RidgeClassifier, Perceptron")                  \
  X(LinearRegressor, 37, Regressor, "LinearRegression, Ridge, Lasso, ElasticNet, ...")            \
  X(EllipticEnvelope, 38, Anomaly, "EllipticEnvelope")                                            \
  X(GaussianMixture, 39, Classifier, "GaussianMixture (label: component)")

namespace emflow {

enum ModelKind : uint8_t {
  kModelNone = 0,
#define EMFLOW_MODEL_KIND_ENUM(name, value, role, text) kModel##name = value,
  EMFLOW_MODEL_KINDS(EMFLOW_MODEL_KIND_ENUM)
#undef EMFLOW_MODEL_KIND_ENUM
      kModelLastTreeKind = 31,
  kModelFirstOtherKind = 32,
  kModelLastOtherKind = 63,
};

}  // namespace emflow

#endif  // EMFLOW_ML_MODEL_KINDS_H
