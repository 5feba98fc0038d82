"""The sweep's exact model of the AVR assembly that walks the trees of `emflow codegen`'s inline
form (emflow.device_asm): for seeded forests from 1 to 130 trees, small and large (branches in
all three forms), int16 and float, two-class votes and leaf indices, its byte count equals that
of the assembly in the real generated header, and its cycle count follows each row's path (the
cost model's per-row cycles). tests/python/test_avr_tree_asm.py times it on simavr."""

import random
import re

import pytest

from emflow import device_asm, device_cost, train
from emflow.tree_reader import read_trees
from trees_harness import codegen


def _forest(seed, n_trees, depth, n_features, n_rows=300, noise=3, kind="Classifier", int16=True):
    rng = random.Random(seed)
    # Thresholds near 0 and near multiples of 256 give high bytes 0 (r1) and shared ones.
    scale = rng.choice([40, 300, 2000])
    X = [[rng.randint(-scale, scale) for _ in range(n_features)] for _ in range(n_rows)]
    score = [sum(row[:2]) + rng.gauss(0, scale / noise) for row in X]
    y = [int(v > 0) + int(v > scale) for v in score] if kind == "Classifier3" else score
    if kind == "Classifier":
        y = [int(v > 0) for v in score]
    estimator = getattr(train, "RandomForest" + kind.rstrip("3"))(
        n_estimators=n_trees, max_depth=depth, random_state=seed
    )
    model = read_trees(estimator.fit(X, y).blob_)
    return (model.to_int16() if int16 else model), X


def _generated_asm_bytes(header, votes):
    """Bytes of the assembly a prediction runs in a generated header (the votes' block, or
    every tree_leaves block): a jmp is 4 bytes, every other instruction 2, labels none."""
    pattern = r"uint16_t vote_sum_avr" if votes else r"void tree_leaves_\d+"
    total, lines = 0, []
    for match in re.finditer(pattern + r"\(.*?\n\}\n", header, re.S):
        body = match.group(0)
        found = [line for line in re.findall(r'"([^"]*)\\n\\t"', body) if not line.endswith(":")]
        lines += found
        total += sum(4 if line.startswith("jmp ") else 2 for line in found)
    assert lines, "no assembly lines found"
    return total, lines


def _assembly_bytes(model, emflow_cli, tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(model.to_bytes())
    header = open(codegen(emflow_cli, str(path), "model", str(tmp_path / "model.h"))).read()
    code = device_asm.Layout(model)
    real, lines = _generated_asm_bytes(header, code.votes)
    return code.bytes(), real, lines


CASES = [(seed, 1 + seed * 3 % 40, 2 + seed % 9, 1 + seed % 8) for seed in range(24)]


@pytest.mark.parametrize("seed,n_trees,depth,n_features", CASES)
def test_assembly_bytes_equal_the_generated_code(
    seed, n_trees, depth, n_features, emflow_cli, tmp_path
):
    model, _ = _forest(seed, n_trees, depth, n_features)
    counted, real, _ = _assembly_bytes(model, emflow_cli, tmp_path)
    assert counted == real


# Each way of reaching features and each output: int16 beyond registers and beyond ldd's
# reach, float keys (and beyond ldd's reach), three classes and regressors (leaf indices, in
# chunks of 64 trees past 64 trees), uint16 leaf indices.
WAYS = [
    (1, 6, 5, 12, "Classifier", True),
    (2, 3, 6, 40, "Classifier3", True),
    (3, 5, 6, 6, "Classifier", False),
    (4, 4, 6, 20, "Regressor", False),
    (5, 130, 3, 5, "Classifier3", False),
    (6, 70, 2, 3, "Classifier", True),
    (7, 2, 12, 4, "Regressor", True),
]


@pytest.mark.parametrize("seed,n_trees,depth,n_features,kind,int16", WAYS)
def test_every_way_and_output_is_counted_exactly(
    seed, n_trees, depth, n_features, kind, int16, emflow_cli, tmp_path
):
    model, _ = _forest(seed, n_trees, depth, n_features, kind=kind, int16=int16)
    counted, real, lines = _assembly_bytes(model, emflow_cli, tmp_path)
    assert counted == real
    code = device_asm.Layout(model)
    assert code.way == ("keys32" if not int16 else "registers16" if n_features <= 8 else "memory16")
    assert len(code.blocks) == (1 if code.votes else (n_trees + 63) // 64)
    if n_features > 16:  # a feature beyond ldd's 63 bytes: Z moved there and back
        assert any(line.startswith("subi r30") for line in lines)


def test_large_forests_use_every_branch_form(emflow_cli, tmp_path):
    # Deep trees on noisy labels: branches beyond a brge's reach (brlt over rjmp) and, in
    # trees of over 4 KB of code, beyond an rjmp's (over jmp), still counted exactly.
    model, _ = _forest(7, 2, 20, 8, n_rows=4000, noise=0.5)
    counted, real, lines = _assembly_bytes(model, emflow_cli, tmp_path)
    assert any(line.startswith("brlt .+2") for line in lines)
    assert any(line.startswith("jmp ") for line in lines)
    assert counted == real


def test_cycles_follow_each_rows_path():
    model, X = _forest(3, 5, 6, 4)
    code = device_asm.Layout(model)
    rows = X[:40]
    cycles = [code.cycles(x) for x in rows]
    # Deeper paths cost more: the cycles grow with the nodes a row visits (every node is
    # at least cpi, cpc and a branch: 3 cycles), and differ between rows.
    info = device_cost.describe(model.to_bytes(), rows)
    assert info["asm_bytes"] == code.bytes()
    assert [r["asm_cycles"] for r in info["rows"]] == cycles
    for row, count in zip(info["rows"], cycles):
        assert count >= 3 * row["visited"] + 4 * model.n_features
    assert len(set(cycles)) > 1
    assert device_cost.cost_key("inline", info) == "inline/trees_vote_asm/int16/classifier"


def _chain(n_nodes, n_classes):
    """A degenerate tree: node i tests x0 <= i, its left child a leaf, its right the next
    node (what a hostile blob, or a sorted feature with one leaf per value, gives)."""
    model = read_trees(train.DecisionTreeClassifier(max_depth=2).fit([[0], [1]], [0, 1]).blob_)
    last = n_nodes - 1
    model.nodes = [
        (0, float(i), -(i % n_classes + 1), 1 if i < last else -1) for i in range(n_nodes)
    ]
    model.leaves = [[1.0 if k == c else 0.0 for k in range(n_classes)] for c in range(n_classes)]
    model.n_outputs, model.classes, model.roots = n_classes, list(range(n_classes)), [0]
    return model


@pytest.mark.parametrize("n_classes", [2, 3])
def test_a_chain_of_30000_nodes_is_generated_and_counted(n_classes, emflow_cli, tmp_path):
    # The generators and device_asm walk trees on explicit stacks, not by recursion (a
    # 30,000-deep recursion crashed the inline codegen and --fast-vote).
    model = _chain(30000, n_classes)
    counted, real, _ = _assembly_bytes(model, emflow_cli, tmp_path)
    assert counted == real
    path = tmp_path / "model.bin"
    info = device_cost.describe(path.read_bytes(), [[5.0], [20000.0]])
    assert [r["visited"] for r in info["rows"]] == [6, 20001]
    assert device_cost.estimate(info, "inline", "mega2560")["flash"] > counted
    if n_classes == 3:
        codegen(emflow_cli, str(path), "model", str(tmp_path / "fast.h"), "--fast-vote")
