"""What one prediction of a tree model does on a device, row by row, for the sweep's cycle
model (device_cost.py): the path each tree takes (decision nodes visited, which way they went,
where the feature changes) and what the float sums of the leaf values cost on AVR's soft-float
(an add with a zero operand takes its short path; otherwise the smaller operand's mantissa is
shifted by the exponent difference and the sum normalised). Pure Python, no numpy: it runs in
the notebook's Pyodide too."""

import struct

_FLOAT = struct.Struct("<f")
_BITS = struct.Struct("<I")


def _f32(value):
    """`value` rounded to float32, as the device holds it."""
    return _FLOAT.unpack(_FLOAT.pack(value))[0]


def _exponent(value):
    return (_BITS.unpack(_FLOAT.pack(value))[0] >> 23) & 0xFF


def _add_terms(acc, value, terms):
    """Adds float32 `value` to float32 `acc`, counting what the soft-float add costs."""
    if acc == 0 or value == 0:
        terms["adds_zero"] += 1
        return _f32(acc + value)
    a, b = _exponent(acc), _exponent(value)
    total = _f32(acc + value)
    terms["adds"] += 1
    shift = min(abs(a - b), 25)
    terms["add_shift_bytes"] += shift // 8
    terms["add_shift_bits"] += shift % 8
    # Cancellation (opposite signs) leaves a smaller sum that is shifted back left.
    if total != 0:
        terms["add_normalise"] += max(0, max(a, b) - _exponent(total))
    return total


ROW_TERMS = (
    "visited",
    "visited_right",
    "feature_changes",
    "compare_signs_differ",
    "high_bytes_equal",
    "adds",
    "adds_zero",
    "add_shift_bytes",
    "add_shift_bits",
    "add_normalise",
    "sums_zero",
)


def row_terms(model, X):
    """Per row of X, a dict of ROW_TERMS: decision nodes visited (summed over the trees),
    those that went right (x > threshold: the other branch direction), those whose feature
    differs from the previous node's in the same tree (roots included: the feature is loaded
    again), float compares whose operands have different signs, int16 compares whose high
    bytes are equal (core/ml/tree_table_avr.h reads the low bytes), and the soft-float adds of
    the leaf sums acc[k] += value over the trees, as core/ml/trees.cpp and the generated
    predict() compute them (float32, trees in order), and the sums left at zero."""
    rows = []
    for x in model._checked(X):
        terms = dict.fromkeys(ROW_TERMS, 0)
        acc = [0.0] * model.n_outputs
        for root in model.roots:
            ref, feature_before = root, None
            while ref >= 0:
                feature, threshold, left, right = model.nodes[ref]
                value = x[feature]
                go_left = value <= threshold
                terms["visited"] += 1
                terms["visited_right"] += 0 if go_left else 1
                terms["feature_changes"] += feature != feature_before
                terms["compare_signs_differ"] += (value < 0) != (threshold < 0)
                if model.int16:  # the AVR table walk compares the low bytes only then
                    terms["high_bytes_equal"] += int(value) >> 8 == int(threshold) >> 8
                feature_before = feature
                step = left if go_left else right
                if step < 0:
                    break
                ref += step
            leaf = -(step if ref >= 0 else ref) - 1
            values = model.leaves[leaf]
            for k in range(min(len(values), len(acc))):
                acc[k] = _add_terms(acc[k], _f32(values[k]), terms)
        # A zero sum takes the short path of what follows (the division by the tree count).
        terms["sums_zero"] = sum(1 for value in acc if value == 0)
        rows.append(terms)
    return rows


def mean_terms(rows):
    """The mean of each term over the rows (what a cost model linear in them averages)."""
    if not rows:
        return dict.fromkeys(ROW_TERMS, 0.0)
    return {name: sum(r[name] for r in rows) / float(len(rows)) for name in ROW_TERMS}
