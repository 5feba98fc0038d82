"""What one prediction of a tree model does on a device, row by row, for the sweep's cycle
model (device_cost.py): the path each tree takes (decision nodes visited, which way they
went) and what the float sums of the leaf values cost on AVR's soft-float
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


ROW_TERMS = (
    "visited",
    "visited_right",
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
    those that went right (x > threshold: the other branch direction), float compares whose
    operands have different signs, int16 compares whose high bytes are equal
    (core/ml/tree_table_avr.h reads the low bytes), and the soft-float adds of the leaf sums
    acc[k] += value over the trees, as core/ml/trees.cpp and the generated predict() compute
    them (float32, trees in order), and the sums left at zero."""
    # Hot loop of a sweep in Pyodide: what each node needs, computed once, and counts kept in
    # locals rather than in the terms dict.
    int16 = model.int16
    nodes = [
        (feature, threshold, left, right, threshold < 0, int(threshold) >> 8 if int16 else None)
        for feature, threshold, left, right in model.nodes
    ]
    leaves = [[(v, _exponent(v)) for v in map(_f32, values)] for values in model.leaves]
    n_sums = model.n_outputs
    rows = []
    for x in model._checked(X):
        visited = visited_right = signs_differ = high_equal = 0
        adds = adds_zero = shift_bytes = shift_bits = normalise = 0
        acc = [0.0] * n_sums
        acc_exponent = [0] * n_sums
        for root in model.roots:
            ref = root
            while ref >= 0:
                feature, threshold, left, right, negative, high = nodes[ref]
                value = x[feature]
                visited += 1
                if (value < 0) != negative:
                    signs_differ += 1
                if high is not None and int(value) >> 8 == high:
                    high_equal += 1
                if value <= threshold:
                    step = left
                else:
                    step = right
                    visited_right += 1
                if step < 0:
                    break
                ref += step
            values = leaves[-(step if ref >= 0 else ref) - 1]
            for k in range(min(len(values), n_sums)):
                # acc[k] += value in float32, and what the soft-float add costs: an add with a
                # zero operand takes its short path; otherwise the smaller operand's mantissa
                # is shifted by the exponent difference, and cancellation (opposite signs)
                # leaves a smaller sum that is shifted back left.
                value, value_exponent = values[k]
                packed = _FLOAT.pack(acc[k] + value)
                total = _FLOAT.unpack(packed)[0]
                total_exponent = (_BITS.unpack(packed)[0] >> 23) & 0xFF
                if acc[k] == 0 or value == 0:
                    adds_zero += 1
                else:
                    adds += 1
                    shift = min(abs(acc_exponent[k] - value_exponent), 25)
                    shift_bytes += shift >> 3
                    shift_bits += shift & 7
                    if total != 0:
                        normalise += max(0, max(acc_exponent[k], value_exponent) - total_exponent)
                acc[k] = total
                acc_exponent[k] = total_exponent
        rows.append(
            {
                "visited": visited,
                "visited_right": visited_right,
                "compare_signs_differ": signs_differ,
                "high_bytes_equal": high_equal,
                "adds": adds,
                "adds_zero": adds_zero,
                "add_shift_bytes": shift_bytes,
                "add_shift_bits": shift_bits,
                "add_normalise": normalise,
                # A zero sum takes the short path of what follows (the division by the tree
                # count).
                "sums_zero": sum(1 for value in acc if value == 0),
            }
        )
    return rows


def mean_terms(rows):
    """The mean of each term over the rows (what a cost model linear in them averages)."""
    if not rows:
        return dict.fromkeys(ROW_TERMS, 0.0)
    return {name: sum(r[name] for r in rows) / float(len(rows)) for name in ROW_TERMS}
