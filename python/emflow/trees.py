"""Tree ensembles: DecisionTree / RandomForest / ExtraTrees (classifier, regressor),
GradientBoosting (classifier, regressor) and IsolationForest.

All share one table format (docs/model-format.md, "Tree payload"): decision nodes of all trees
in pre-order, child references relative to the node (so every path moves forward), and a
table of distinct leaves shared by all trees.
"""

import math
import struct

from . import blob
from .csv_format import write_tree_csv
from .model import ConversionError, Model, register

_TREE_HEADER = struct.Struct("<HBBIIHH")
_EULER_GAMMA = 0.5772156649015329


class TreeEnsembleModel(Model):
    """A converted tree ensemble with a pure-Python reference predictor."""

    def __init__(self, kind, role, estimator_name, n_features, n_outputs, int16):
        self.kind = kind
        self.role = role
        self.estimator_name = estimator_name
        self.n_features = n_features
        self.n_outputs = n_outputs
        self.int16 = int16
        self.roots = []  # absolute: >= 0 node index, < 0 leaf -(index) - 1
        self.nodes = []  # (feature, threshold, left ref, right ref), refs relative
        self.leaves = []  # tuples of float32 values
        self.extra = []  # per-kind float32 parameters
        self.classes = None
        self._leaf_index = {}

    # --- building -----------------------------------------------------------------------------
    def _leaf(self, values):
        values = tuple(blob.f32(v) for v in values)
        for v in values:
            if math.isnan(v) or math.isinf(v):
                raise ConversionError(self.estimator_name, "a leaf value %r is not finite" % v)
        index = self._leaf_index.get(values)
        if index is None:
            index = self._leaf_index[values] = len(self.leaves)
            self.leaves.append(values)
        return index

    def _threshold(self, value):
        return blob.int16_floor(value) if self.int16 else blob.f32_floor(value)

    def add_tree(self, tree, leaf_values, feature_map=None):
        """Appends a fitted sklearn `tree_`; leaf_values(node, depth) gives a leaf's values."""
        left = tree.children_left.tolist()
        right = tree.children_right.tolist()
        feature = tree.feature.tolist()
        threshold = tree.threshold.tolist()
        order, depth = [], {0: 0}
        stack = [0]
        while stack:  # pre-order: a node, its left subtree, then its right subtree
            node = stack.pop()
            if left[node] == -1:
                continue
            order.append(node)
            depth[left[node]] = depth[right[node]] = depth[node] + 1
            stack.append(right[node])
            stack.append(left[node])
        base = len(self.nodes)
        index = {node: base + i for i, node in enumerate(order)}

        def ref(child, parent):
            if left[child] == -1:
                return -self._leaf(leaf_values(child, depth[child])) - 1
            return index[child] - parent

        self.roots.append(base if order else -self._leaf(leaf_values(0, 0)) - 1)
        for node in order:
            f = feature[node] if feature_map is None else feature_map[feature[node]]
            i = index[node]
            self.nodes.append(
                (f, self._threshold(threshold[node]), ref(left[node], i), ref(right[node], i))
            )

    # --- serialisation ------------------------------------------------------------------------
    def _ref_width(self):
        refs = [r for node in self.nodes for r in node[2:]]
        low, high = min(refs, default=0), max(refs, default=0)
        for width, code in ((1, "b"), (2, "h")):
            limit = 1 << (8 * width - 1)
            if -limit <= low and high < limit:
                return width, code
        return 4, "i"

    def _payload(self):
        ref_width, ref_code = self._ref_width()
        feature_width, feature_code = (1, "B") if self.n_features <= 256 else (2, "H")
        node = struct.Struct("<" + feature_code + ("h" if self.int16 else "f") + ref_code * 2)
        leaf_width = len(self.leaves[0])
        parts = [
            _TREE_HEADER.pack(
                len(self.roots),
                ref_width,
                feature_width,
                len(self.nodes),
                len(self.leaves),
                leaf_width,
                len(self.extra),
            ),
            blob.pack_f32(self.extra),
            struct.pack("<%di" % len(self.roots), *self.roots),
        ]
        parts.extend(node.pack(*n) for n in self.nodes)
        parts.extend(blob.pack_f32(leaf) for leaf in self.leaves)
        return b"".join(parts)

    def to_csv(self):
        return write_tree_csv(self)

    def to_int16(self):
        """This float model as an int16 one, for integer features: x <= t <=> x <= floor(t).
        The only way to give a float-trained tree (e.g. the built-in trainer's) to emltrees."""
        if self.int16:
            return self
        copy = TreeEnsembleModel(
            self.kind, self.role, self.estimator_name, self.n_features, self.n_outputs, True
        )
        copy.roots, copy.leaves, copy.extra = list(self.roots), list(self.leaves), list(self.extra)
        copy.classes = self.classes
        copy.nodes = [(f, blob.int16_floor(t), left, right) for f, t, left, right in self.nodes]
        return copy

    # --- reference prediction (mirrors core/ml/trees.cpp) -------------------------------------
    def leaf_of(self, tree, x):
        ref = self.roots[tree]
        if ref < 0:
            return -ref - 1
        nodes = self.nodes
        while True:
            feature, threshold, left, right = nodes[ref]
            step = left if x[feature] <= threshold else right
            if step < 0:
                return -step - 1
            ref += step

    def _predict_row(self, x):
        leaves, n = self.leaves, self.n_outputs
        kind = self.kind
        if kind in (blob.KIND_TREE_CLASSIFIER, blob.KIND_TREE_REGRESSOR):
            acc = [0.0] * n
            for t in range(len(self.roots)):
                leaf = leaves[self.leaf_of(t, x)]
                for k in range(n):
                    acc[k] += leaf[k]
            acc = [a / len(self.roots) for a in acc]
            return acc, _argmax(acc) if kind == blob.KIND_TREE_CLASSIFIER else 0
        if kind in (blob.KIND_GRADIENT_BOOSTING_CLASSIFIER, blob.KIND_GRADIENT_BOOSTING_REGRESSOR):
            per_stage = len(self.extra)
            raw = list(self.extra)
            for t in range(len(self.roots)):
                raw[t % per_stage] += leaves[self.leaf_of(t, x)][0]
            if kind == blob.KIND_GRADIENT_BOOSTING_REGRESSOR:
                return raw, 0
            if n == 2:
                p = 1.0 / (1.0 + math.exp(-raw[0])) if raw[0] > -700 else 0.0
                acc = [1.0 - p, p]
            else:
                top = max(raw)
                exps = [math.exp(r - top) for r in raw]
                total = sum(exps)
                acc = [e / total for e in exps]
            return acc, _argmax(acc)
        if kind == blob.KIND_ISOLATION_FOREST:
            depth = 0.0
            for t in range(len(self.roots)):
                depth += leaves[self.leaf_of(t, x)][0]
            offset, denominator = self.extra
            ratio = depth / denominator if denominator != 0 else 1.0
            score = -(2.0 ** (-ratio))
            decision = score - offset
            return [score, decision], (-1 if decision < 0 else 1)
        raise ValueError("unknown tree kind %d" % kind)


def _argmax(values):
    best = 0
    for i in range(1, len(values)):
        if values[i] > values[best]:
            best = i
    return best


def _average_path_length(n):
    """scikit-learn's _average_path_length for one node size."""
    if n <= 1:
        return 0.0
    if n == 2:
        return 1.0
    return 2.0 * (math.log(n - 1.0) + _EULER_GAMMA) - 2.0 * (n - 1.0) / n


def _new_model(estimator, kind, role, n_outputs, dtype):
    n_features = int(estimator.n_features_in_)
    return TreeEnsembleModel(
        kind, role, type(estimator).__name__, n_features, n_outputs, dtype == "int16"
    )


def _check_options(estimator, options):
    for key in options:
        raise ConversionError(estimator, "unknown conversion option", key)


def _single_output(estimator):
    if int(getattr(estimator, "n_outputs_", 1)) != 1:
        raise ConversionError(estimator, "multi-output classifiers are not supported", "n_outputs_")


def _trees_of(estimator):
    if hasattr(estimator, "estimators_"):
        return list(estimator.estimators_)
    return [estimator]


@register("DecisionTreeClassifier", "RandomForestClassifier", "ExtraTreesClassifier")
def convert_tree_classifier(estimator, dtype, options):
    _check_options(estimator, options)
    _single_output(estimator)
    classes = estimator.classes_.tolist()
    model = _new_model(estimator, blob.KIND_TREE_CLASSIFIER, "classifier", len(classes), dtype)
    model.classes = classes
    for tree in _trees_of(estimator):
        values = tree.tree_.value.tolist()

        def leaf(node, depth, values=values):
            counts = values[node][0][: len(classes)]
            total = sum(counts)  # counts in scikit-learn 1.2, proportions from 1.4: normalise
            return [c / total for c in counts] if total != 0 else counts

        model.add_tree(tree.tree_, leaf)
    return model


@register("DecisionTreeRegressor", "RandomForestRegressor", "ExtraTreesRegressor")
def convert_tree_regressor(estimator, dtype, options):
    _check_options(estimator, options)
    n_outputs = int(getattr(estimator, "n_outputs_", 1))
    model = _new_model(estimator, blob.KIND_TREE_REGRESSOR, "regressor", n_outputs, dtype)
    for tree in _trees_of(estimator):
        values = tree.tree_.value.tolist()
        model.add_tree(
            tree.tree_, lambda node, depth, v=values: [v[node][k][0] for k in range(n_outputs)]
        )
    return model


def _boosting_init(estimator):
    init = estimator.init_
    if not (init == "zero" or type(init).__name__ in ("DummyClassifier", "DummyRegressor")):
        raise ConversionError(
            estimator, "only the default (prior) or 'zero' init estimator is supported", "init"
        )
    import numpy  # scikit-learn itself needs numpy, so it is there when converting

    raw = estimator._raw_predict_init(numpy.zeros((1, estimator.n_features_in_)))
    return [float(v) for v in raw[0]]


@register("GradientBoostingClassifier")
def convert_gradient_boosting_classifier(estimator, dtype, options):
    _check_options(estimator, options)
    if estimator.loss not in ("log_loss", "deviance"):
        raise ConversionError(estimator, "only loss='log_loss' is supported", "loss")
    classes = estimator.classes_.tolist()
    model = _new_model(
        estimator, blob.KIND_GRADIENT_BOOSTING_CLASSIFIER, "classifier", len(classes), dtype
    )
    model.classes = classes
    _add_boosting_trees(estimator, model)
    return model


@register("GradientBoostingRegressor")
def convert_gradient_boosting_regressor(estimator, dtype, options):
    _check_options(estimator, options)
    model = _new_model(estimator, blob.KIND_GRADIENT_BOOSTING_REGRESSOR, "regressor", 1, dtype)
    _add_boosting_trees(estimator, model)
    return model


def _add_boosting_trees(estimator, model):
    model.extra = [blob.f32(v) for v in _boosting_init(estimator)]
    rate = float(estimator.learning_rate)
    stages = estimator.estimators_
    per_stage = stages.shape[1]
    if per_stage != len(model.extra):
        raise ConversionError(estimator, "unexpected number of trees per stage", "estimators_")
    for stage in range(stages.shape[0]):
        for k in range(per_stage):
            tree = stages[stage, k].tree_
            values = tree.value.tolist()
            # scikit-learn adds learning_rate * value in float64; the product is stored.
            model.add_tree(tree, lambda node, depth, v=values: [rate * v[node][0][0]])


@register("IsolationForest")
def convert_isolation_forest(estimator, dtype, options):
    _check_options(estimator, options)
    model = _new_model(estimator, blob.KIND_ISOLATION_FOREST, "anomaly", 2, dtype)
    n_features = model.n_features
    # Trees see a column subset only when max_features < n_features (as in score_samples).
    subsample = getattr(estimator, "_max_features", n_features) != n_features
    for tree, features in zip(estimator.estimators_, estimator.estimators_features_):
        samples = tree.tree_.n_node_samples.tolist()
        feature_map = [int(f) for f in features] if subsample else None
        # Path length as scikit-learn sums it: nodes on the path + c(n_leaf) - 1.
        model.add_tree(
            tree.tree_,
            lambda node, depth, s=samples: [(depth + 1.0) + _average_path_length(s[node]) - 1.0],
            feature_map,
        )
    denominator = len(estimator.estimators_) * _average_path_length(estimator.max_samples_)
    model.extra = [blob.f32(estimator.offset_), blob.f32(denominator)]
    return model
