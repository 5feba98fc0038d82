"""What emflow.device_trace counts along each row's path, on hand-built forests whose paths and
float sums are known: nodes visited and their directions, feature changes, compares by sign
and by high byte, and the soft-float adds of the leaf sums (zero operands, exponent shifts,
normalisation after a cancellation, sums left at zero)."""

from emflow import device_cost, device_trace
from emflow.engine_constants import KIND_TREE_REGRESSOR
from emflow.trees import TreeEnsembleModel


def _regressor(int16=False):
    """Two trees over 2 features. Tree 0: x0 <= 10 ? (x1 <= -5 ? 1.0 : 2.0) : 256.0.
    Tree 1: x1 <= 0 ? -1.0 : 0.0 (a zero leaf)."""
    model = TreeEnsembleModel(KIND_TREE_REGRESSOR, "regressor", "test", 2, 1, int16)
    one, two, big = model._leaf([1.0]), model._leaf([2.0]), model._leaf([256.0])
    minus, zero = model._leaf([-1.0]), model._leaf([0.0])
    model.roots = [0, 2]
    model.nodes = [
        (0, 10, 1, -(big + 1)),  # node 0: left child is node 1, right a leaf
        (1, -5, -(one + 1), -(two + 1)),
        (1, 0, -(minus + 1), -(zero + 1)),
    ]
    return model


def test_paths_and_directions():
    rows = device_trace.row_terms(_regressor(), [[0, -7], [0, 3], [20, 3]])
    assert [r["visited"] for r in rows] == [3, 3, 2]
    assert [r["visited_right"] for r in rows] == [0, 2, 2]
    # x0 = 0 against 10: same sign; x1 = -7 against -5: same; x1 = -7 against 0: differ.
    assert rows[0]["compare_signs_differ"] == 1


def test_float_sums_follow_the_soft_float_add():
    rows = device_trace.row_terms(_regressor(), [[0, -7], [20, 3], [0, 3]])
    # Row 0: 0 + 1.0 (zero operand), then 1.0 + -1.0: exponents equal, cancels to 0.
    assert rows[0]["adds_zero"] == 1 and rows[0]["adds"] == 1
    assert rows[0]["add_shift_bits"] == 0 and rows[0]["sums_zero"] == 1
    # Row 1: 0 + 256.0, then 256.0 + 0.0: both adds have a zero operand; the sum is not zero.
    assert rows[1]["adds_zero"] == 2 and rows[1]["adds"] == 0 and rows[1]["sums_zero"] == 0
    # Row 2: 0 + 2.0, then 2.0 + 0.0.
    assert rows[2]["adds_zero"] == 2 and rows[2]["sums_zero"] == 0


def _single_leaves(*values):
    """One single-leaf tree per value: a row's sum adds them in order."""
    model = TreeEnsembleModel(KIND_TREE_REGRESSOR, "regressor", "test", 1, 1, False)
    model.roots = [-(model._leaf([v]) + 1) for v in values]
    return model


def test_exponent_shifts_and_normalisation():
    # 0 + 1024.0 (a zero operand), then 1024.0 + 1.0: exponents 10 apart, one whole byte and
    # two bits of shift.
    [row] = device_trace.row_terms(_single_leaves(1024.0, 1.0), [[0]])
    assert (row["adds_zero"], row["adds"]) == (1, 1)
    assert (row["add_shift_bytes"], row["add_shift_bits"], row["add_normalise"]) == (1, 2, 0)
    # 0 + 1.5, then 1.5 + -1.25 = 0.25: equal exponents, the sum normalised 2 places back.
    [row] = device_trace.row_terms(_single_leaves(1.5, -1.25), [[0]])
    assert (row["adds"], row["add_shift_bits"], row["add_normalise"]) == (1, 0, 2)


def test_int16_high_bytes_and_the_mean_the_cost_model_reads():
    model = _regressor(int16=True)
    rows = device_trace.row_terms(model, [[3, -7], [300, 3]])
    # [3, -7]: 3 vs 10 (high bytes 0, 0), -7 vs -5 (0xFF, 0xFF), -7 vs 0 (0xFF vs 0).
    # [300, 3]: 300 vs 10 (1 vs 0), then 3 vs 0 in tree 1 (0, 0).
    assert [r["high_bytes_equal"] for r in rows] == [2, 1]
    info = device_cost.describe(model.to_bytes(), [[3, -7], [300, 3]])
    assert info["visited"] == 2.5 and info["high_bytes_equal"] == 1.5
    assert [r["visited"] for r in info["rows"]] == [3, 2]
