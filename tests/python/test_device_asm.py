"""The sweep's exact model of the AVR assembly that `emflow codegen` writes for two-class int16
forests (emflow.device_asm): for seeded forests from 1 to 40 trees, small and large (branches
in all three forms), its byte count equals that of the assembly in the real generated header,
and its cycle count follows each row's path (the cost model's per-row cycles)."""

import random
import re

import pytest

from emflow import device_asm, device_cost, train
from emflow.tree_reader import read_trees
from trees_harness import codegen


def _forest(seed, n_trees, depth, n_features, n_rows=300, noise=3):
    rng = random.Random(seed)
    # Thresholds near 0 and near multiples of 256 give high bytes 0 (r1) and shared ones.
    scale = rng.choice([40, 300, 2000])
    X = [[rng.randint(-scale, scale) for _ in range(n_features)] for _ in range(n_rows)]
    y = [int(sum(row[:2]) + rng.gauss(0, scale / noise) > 0) for row in X]
    estimator = train.RandomForestClassifier(
        n_estimators=n_trees, max_depth=depth, random_state=seed
    )
    return read_trees(estimator.fit(X, y).blob_).to_int16(), X


def _generated_asm_bytes(header):
    """Bytes of the inline assembly in a generated header: a jmp is 4 bytes, every other
    instruction 2, labels none."""
    body = header[header.index("__asm__ volatile(") :]
    body = body[: body.index(': "+z"')]
    lines = [line for line in re.findall(r'"([^"]*)\\n\\t"', body) if not line.endswith(":")]
    assert lines, "no assembly lines found"
    return sum(4 if line.startswith("jmp ") else 2 for line in lines), lines


CASES = [(seed, 1 + seed * 3 % 40, 2 + seed % 9, 1 + seed % 8) for seed in range(24)]


@pytest.mark.parametrize("seed,n_trees,depth,n_features", CASES)
def test_assembly_bytes_equal_the_generated_code(
    seed, n_trees, depth, n_features, emflow_cli, tmp_path
):
    model, _ = _forest(seed, n_trees, depth, n_features)
    path = tmp_path / "model.bin"
    path.write_bytes(model.to_bytes())
    header = open(codegen(emflow_cli, str(path), "model", str(tmp_path / "model.h"))).read()
    real, lines = _generated_asm_bytes(header)
    assert device_asm.vote_asm_bytes(device_asm.layout(model)) == real


def test_large_forests_use_every_branch_form(emflow_cli, tmp_path):
    # Deep trees on noisy labels: branches beyond a brge's reach (brlt over rjmp) and, in
    # trees of over 4 KB of code, beyond an rjmp's (over jmp), still counted exactly.
    model, _ = _forest(7, 2, 20, 8, n_rows=4000, noise=0.5)
    path = tmp_path / "model.bin"
    path.write_bytes(model.to_bytes())
    header = open(codegen(emflow_cli, str(path), "model", str(tmp_path / "model.h"))).read()
    real, lines = _generated_asm_bytes(header)
    assert any(line.startswith("brlt .+2") for line in lines)
    assert any(line.startswith("jmp ") for line in lines)
    assert device_asm.vote_asm_bytes(device_asm.layout(model)) == real


def test_cycles_follow_each_rows_path():
    model, X = _forest(3, 5, 6, 4)
    items = device_asm.layout(model)
    rows = X[:40]
    cycles = [device_asm.vote_asm_cycles(items, x) for x in rows]
    # Deeper paths cost more: the cycles grow with the nodes a row visits (every node is
    # at least cpi, cpc and a branch: 3 cycles), and differ between rows.
    info = device_cost.describe(model.to_bytes(), rows)
    assert info["asm_bytes"] == device_asm.vote_asm_bytes(items)
    assert [r["asm_cycles"] for r in info["rows"]] == cycles
    for row, count in zip(info["rows"], cycles):
        assert count >= 3 * row["visited"] + 4 * model.n_features
    assert len(set(cycles)) > 1
    assert device_cost.cost_key("inline", info) == "inline/trees_asm/int16/classifier"
