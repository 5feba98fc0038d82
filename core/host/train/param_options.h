// Hyperparameters given as text, by scikit-learn name ("n_estimators", "max_features", ...):
// the one parser behind `emflow train --n-estimators 50` and the WebAssembly binding's params
// object, so both accept the same values. A number with a '.' or an exponent is a fraction
// where scikit-learn takes int-or-float (min_samples_split, min_samples_leaf, max_features,
// max_samples); "none" is None.
#ifndef EMFLOW_HOST_TRAIN_PARAM_OPTIONS_H
#define EMFLOW_HOST_TRAIN_PARAM_OPTIONS_H

#include <string>

#include "params.h"

namespace emflow::train {

// Applies one parameter. False, with a message naming it, for an unknown name or bad value.
bool applyParam(const std::string& name, const std::string& value, TrainParams* params,
                std::string* error);

// The names applyParam accepts, comma-separated (for help texts and errors).
const char* paramNames();

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_PARAM_OPTIONS_H
