"""Reads a tree-ensemble blob (docs/model-format.md, "Tree payload") back into a
TreeEnsembleModel: the inverse of TreeEnsembleModel.to_bytes, for models the engine's own
trainers wrote (emflow.train) so that they can be inspected, walked in Python (path lengths for
the sweep's cycle model) and turned into int16 models (TreeEnsembleModel.to_int16)."""

import struct

from . import blob
from .engine_constants import KIND_ROLES
from .trees import _TREE_HEADER, TreeEnsembleModel

_REF_CODES = {1: "b", 2: "h", 4: "i"}
_FEATURE_CODES = {1: "B", 2: "H"}


def read_trees(data, name="model"):
    """The TreeEnsembleModel packed in `data`; BlobError if it is not a valid tree blob."""
    kind, flags, n_features, n_outputs, payload = blob.unpack(data)
    if kind not in KIND_ROLES or not 1 <= kind <= 31:
        raise blob.BlobError("%s: kind %d is not a tree ensemble" % (name, kind))
    if len(payload) < _TREE_HEADER.size:
        raise blob.BlobError("%s: tree payload of %d bytes has no header" % (name, len(payload)))
    (
        n_trees,
        ref_width,
        feature_width,
        n_nodes,
        n_leaves,
        leaf_width,
        n_extra,
    ) = _TREE_HEADER.unpack_from(payload)
    if ref_width not in _REF_CODES or feature_width not in _FEATURE_CODES:
        raise blob.BlobError(
            "%s: reference width %d / feature width %d" % (name, ref_width, feature_width)
        )
    int16 = bool(flags & blob.FLAG_INT16)
    node = struct.Struct(
        "<" + _FEATURE_CODES[feature_width] + ("h" if int16 else "f") + _REF_CODES[ref_width] * 2
    )
    expected = (
        _TREE_HEADER.size
        + 4 * n_extra
        + 4 * n_trees
        + node.size * n_nodes
        + 4 * leaf_width * n_leaves
    )
    if expected != len(payload):
        raise blob.BlobError(
            "%s: tree payload is %d bytes, its header describes %d" % (name, len(payload), expected)
        )
    model = TreeEnsembleModel(kind, KIND_ROLES[kind], name, n_features, n_outputs, int16)
    if model.role == "classifier":  # a blob keeps class indices, not labels
        model.classes = list(range(n_outputs))
    offset = _TREE_HEADER.size
    model.extra = list(struct.unpack_from("<%df" % n_extra, payload, offset))
    offset += 4 * n_extra
    model.roots = list(struct.unpack_from("<%di" % n_trees, payload, offset))
    offset += 4 * n_trees
    for _ in range(n_nodes):
        model.nodes.append(node.unpack_from(payload, offset))
        offset += node.size
    for _ in range(n_leaves):
        model.leaves.append(struct.unpack_from("<%df" % leaf_width, payload, offset))
        offset += 4 * leaf_width
    return model


def visited_nodes(model, X, nonzero=None):
    """Decision nodes evaluated per row, summed over the trees (what a prediction walks).
    With a list as `nonzero`, also appends per row the number of non-zero leaf values the
    reached leaves add (a float add of 0 takes the soft-float's short path on AVR)."""
    counts = []
    for x in model._checked(X):
        total = adds = 0
        for tree in range(len(model.roots)):
            ref = model.roots[tree]
            while ref >= 0:
                feature, threshold, left, right = model.nodes[ref]
                step = left if x[feature] <= threshold else right
                total += 1
                if step < 0:
                    break
                ref += step
            leaf = -(step if ref >= 0 else ref) - 1
            adds += sum(1 for v in model.leaves[leaf] if v != 0)
        counts.append(total)
        if nonzero is not None:
            nonzero.append(adds)
    return counts
