"""The model sweep (emflow.sweep, python -m emflow.sweep_cli): candidates and their seeds,
determinism, parallel fits (joblib processes, a Dask LocalCluster) giving the bytes of a serial
fit, the Pareto front, the device cost models' inputs, the tree blob reader and the command
line. Every fit is a real `emflow train` run (or scikit-learn's, converted)."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from sklearn import datasets, ensemble

import emflow
from emflow import device_cost, model_sweep
from emflow import train as engine
from emflow.tree_reader import read_trees, visited_nodes

from conftest import ROOT


@pytest.fixture(scope="module", autouse=True)
def cli_backend(emflow_cli):
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "EMFLOW_CLI")}
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [os.path.join(ROOT, "python")] + [p for p in [saved["PYTHONPATH"]] if p]
    )
    os.environ["EMFLOW_CLI"] = emflow_cli
    engine.set_default_backend(engine.CliBackend(emflow_cli))
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def iris_int():
    """Iris in tenths of a centimetre: integer features, so every tree has an int16 form."""
    X, y = datasets.load_iris(return_X_y=True)
    return np.round(X * 10).astype(int), y


SMALL = dict(board="uno", budget=6, seed=3, cv=3)


def _bytes(report):
    return [
        (r["candidate"], r["dtype"], r["form"], r["blob_sha256"], r["score"]) for r in report.rows
    ]


def test_candidates_have_their_own_seeds_and_a_budget_draws_a_subset():
    everything = model_sweep.candidates("classification", trainers=["emflow"], seed=1)
    assert len(everything) == 12 + 12 + 12 + 2
    drawn = model_sweep.candidates("classification", trainers=["emflow"], budget=5, seed=1)
    assert len(drawn) == 5
    assert drawn == model_sweep.candidates("classification", trainers=["emflow"], budget=5, seed=1)
    assert drawn != model_sweep.candidates("classification", trainers=["emflow"], budget=5, seed=2)
    # A candidate's seed depends on the candidate and the sweep's seed, not on the draw.
    seeds = {(c["family"], json.dumps(c["params"], sort_keys=True)): c["seed"] for c in everything}
    for c in drawn:
        assert seeds[(c["family"], json.dumps(c["params"], sort_keys=True))] == c["seed"]
    assert len(set(seeds.values())) == len(seeds)
    regression = model_sweep.candidates("regression", trainers=["emflow"])
    assert all(c["family"] != "gaussian_nb" for c in regression)
    with pytest.raises(model_sweep.SweepError, match="family 'svm'"):
        model_sweep.candidates("classification", families=["svm"])


@pytest.fixture(scope="module")
def serial_report():
    X, y = iris_int()
    return emflow.sweep(X, y, **SMALL)


def test_sweep_rows_are_deterministic_for_a_seed(serial_report):
    X, y = iris_int()
    again = emflow.sweep(X, y, **SMALL)
    assert again.rows == serial_report.rows
    other = emflow.sweep(X, y, **dict(SMALL, seed=4))
    assert _bytes(other) != _bytes(serial_report)


def test_sweep_rows_cover_forms_dtypes_and_board_limits(serial_report):
    rows = serial_report.rows
    assert serial_report.candidates == 6
    assert {r["form"] for r in rows} <= set(device_cost.FORMS)
    assert {r["trainer"] for r in rows} <= {"emflow", "sklearn"}
    for r in rows:
        assert list(r) == model_sweep.COLUMNS
        assert 0.5 < r["score"] <= 1.0, r  # iris: every candidate learns something
        assert r["flash"] >= 0 and r["cycles"] >= 0 and r["ram"] >= 0
        if r["family"] == "gaussian_nb":
            assert r["form"] == "blob" and r["dtype"] == "float"
    trees = [r for r in rows if r["family"] != "gaussian_nb"]
    assert {(r["dtype"], r["form"]) for r in trees} == {
        (d, f) for d in ("float", "int16") for f in device_cost.FORMS
    }
    report = serial_report.to_dict()
    assert report["board"] == {"name": "uno", "flash": 32256, "ram": 2048}
    assert report["metric"] == "accuracy"


def test_pareto_front_is_exactly_the_non_dominated_rows(serial_report):
    rows = [r for r in serial_report.rows if r["fits_board"]]
    assert rows and serial_report.pareto()

    def dominates(a, b):
        no_worse = a["score"] >= b["score"] and a["flash"] <= b["flash"]
        no_worse = no_worse and a["cycles"] <= b["cycles"]
        better = a["score"] > b["score"] or a["flash"] < b["flash"] or a["cycles"] < b["cycles"]
        return no_worse and better

    for r in rows:
        assert r["pareto"] == (not any(dominates(o, r) for o in rows if o is not r))


def test_pareto_flags_on_hand_made_rows():
    def row(score, flash, cycles, fits=True):
        return {"score": score, "flash": flash, "cycles": cycles, "fits_board": fits}

    rows = [
        row(0.9, 100, 50),  # front
        row(0.8, 100, 50),  # dominated by the first
        row(0.95, 400, 60),  # front: best score
        row(0.7, 50, 500),  # front: smallest
        row(0.99, 40000, 10, fits=False),  # does not fit the board: never on the front
        row(0.9, 100, 50),  # equal to the first: neither dominates the other
    ]
    assert model_sweep.pareto_flags(rows) == [True, False, True, True, False, True]


def test_parallel_fits_give_the_bytes_of_a_serial_fit(serial_report):
    X, y = iris_int()
    parallel = emflow.sweep(X, y, n_jobs=2, **SMALL)
    assert _bytes(parallel) == _bytes(serial_report)
    assert parallel.rows == serial_report.rows


def test_a_dask_cluster_gives_the_bytes_of_a_serial_fit(serial_report, tmp_path):
    distributed = pytest.importorskip("distributed")
    joblib = pytest.importorskip("joblib")
    X, y = iris_int()
    data = tmp_path / "iris.csv"
    with open(data, "w") as f:
        f.write("sl,sw,pl,pw,species\n")
        for row, label in zip(X.tolist(), y.tolist()):
            f.write(",".join(map(str, row)) + ",%d\n" % label)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        with distributed.get_task_stream(client) as stream, joblib.parallel_backend("dask"):
            report = emflow.sweep(X, y, n_jobs=-1, **SMALL)
        assert stream.data, "no task ran on the cluster"
        # The command line pointed at the same scheduler by its address, as at a remote one.
        out = tmp_path / "remote.json"
        args = [str(data), "--target", "species", "--board", "uno", "--budget", "6"]
        args += ["--seed", "3", "--scheduler", cluster.scheduler_address, "--out", str(out)]
        done = _cli(*args)
        assert done.returncode == 0, done.stderr
    assert report.rows == serial_report.rows
    remote = json.loads(out.read_text())["rows"]
    assert [r["blob_sha256"] for r in remote] == [r["blob_sha256"] for r in serial_report.rows]


def test_float_features_have_no_int16_rows_and_regression_scores_r2():
    X, y = datasets.make_regression(n_samples=80, n_features=3, noise=3.0, random_state=0)
    report = emflow.sweep(X, y, budget=3, seed=0, trainers=["emflow"])
    assert report.task == "regression" and report.to_dict()["metric"] == "r2"
    assert report.rows and {r["dtype"] for r in report.rows} == {"float"}
    assert all(r["family"] != "gaussian_nb" for r in report.rows)


def _interrupt_after_two(seen):
    """A progress callback that presses Ctrl+C (the notebook's Interrupt) as the second
    candidate ends, recording (done, total) in `seen`."""

    def progress(done, total):
        seen.append((done, total))
        if done == 2:
            raise KeyboardInterrupt

    return progress


def test_an_interrupted_sweep_keeps_the_finished_candidates(serial_report):
    X, y = iris_int()
    seen = []
    interrupt_after_two = _interrupt_after_two(seen)
    report = emflow.sweep(X, y, progress=interrupt_after_two, keep_partial=True, **SMALL)
    assert seen == [(1, 6), (2, 6)]
    assert report.interrupted and report.candidates == 2
    assert _bytes(report) == [b for b in _bytes(serial_report) if b[0] < 2]
    assert report.pareto(), "the front of the finished candidates is flagged"
    with pytest.raises(KeyboardInterrupt):
        emflow.sweep(X, y, progress=interrupt_after_two, **SMALL)
    assert not serial_report.interrupted and serial_report.candidates == 6


def test_a_pool_of_fits_gives_the_bytes_of_a_serial_fit(serial_report, emflow_cli):
    # The notebook's way (its engine workers; here `emflow train` processes): the built-in
    # trainer's fits of every candidate at once, each candidate scored as its last fit ends,
    # scikit-learn's candidates after them; the report in the candidates' order.
    X, y = iris_int()
    report = emflow.sweep(X, y, fit_pool=engine.CliBackend(emflow_cli), **SMALL)
    assert {r["trainer"] for r in report.rows} == {"emflow", "sklearn"}
    assert report.rows == serial_report.rows


def test_an_interrupted_pool_keeps_the_candidates_whose_fits_all_ended(serial_report, emflow_cli):
    X, y = iris_int()
    seen = []
    interrupt_after_two = _interrupt_after_two(seen)
    pool = engine.CliBackend(emflow_cli)
    report = emflow.sweep(
        X, y, fit_pool=pool, progress=interrupt_after_two, keep_partial=True, **SMALL
    )
    assert seen == [(1, 6), (2, 6)]
    assert report.interrupted and report.candidates == 2
    finished = {r["candidate"] for r in report.rows}
    assert len(finished) == 2  # whichever two ended first: their rows are the serial ones
    assert _bytes(report) == [b for b in _bytes(serial_report) if b[0] in finished]
    with pytest.raises(KeyboardInterrupt):
        emflow.sweep(X, y, fit_pool=pool, progress=interrupt_after_two, **SMALL)


def test_a_failing_candidate_in_a_pool_is_named_in_the_error(emflow_cli):
    X, y = iris_int()
    with pytest.raises(model_sweep.SweepError, match=r"candidate 1 \(emflow decision_tree"):
        emflow.sweep(
            X,
            y,
            trainers=["emflow"],
            families=["decision_tree"],
            grids={"decision_tree": {"max_depth": [2, -3], "min_samples_leaf": [1]}},
            fit_pool=engine.CliBackend(emflow_cli),
        )


@pytest.mark.parametrize("pooled", [False, True])
def test_bad_data_is_refused_with_its_row_and_column(pooled, emflow_cli):
    X, y = iris_int()
    X = X.astype(float)
    X[3, 1] = np.nan
    pool = {"fit_pool": engine.CliBackend(emflow_cli)} if pooled else {}
    # Numbered as in the caller's X (a fold's trainer would number the rows of its fold).
    with pytest.raises(model_sweep.SweepError, match=r"^X row 3, column 1: nan is not finite$"):
        emflow.sweep(X, y, trainers=["emflow"], families=["decision_tree"], budget=1, **pool)
    Xr, yr = datasets.make_regression(n_samples=30, n_features=2, random_state=0)
    for row in (7, 0):  # row 0: before any value shows that the task is a regression
        bad = yr.copy()
        bad[row] = np.inf
        with pytest.raises(model_sweep.SweepError, match=r"^y row %d: inf is not finite$" % row):
            emflow.sweep(Xr, bad, trainers=["emflow"], budget=1, **pool)


def test_a_failing_candidate_is_named_in_the_error():
    X, y = iris_int()
    with pytest.raises(model_sweep.SweepError, match=r"candidate 0 \(emflow decision_tree"):
        emflow.sweep(
            X,
            y,
            trainers=["emflow"],
            families=["decision_tree"],
            grids={"decision_tree": {"max_depth": [-3], "min_samples_leaf": [1]}},
        )


def test_tree_reader_round_trips_engine_and_sklearn_blobs():
    X, y = iris_int()
    blobs = [
        engine.RandomForestClassifier(n_estimators=3, random_state=0).fit(X, y).blob_,
        emflow.convert(
            ensemble.ExtraTreesRegressor(n_estimators=2, random_state=0).fit(X, y)
        ).to_bytes(),
        emflow.convert(
            ensemble.RandomForestClassifier(n_estimators=2, random_state=0).fit(X, y), dtype="int16"
        ).to_bytes(),
    ]
    for data in blobs:
        model = read_trees(data)
        assert model.to_bytes() == data
    # The int16 form of a float model predicts the same on integer features.
    model = read_trees(blobs[0])
    assert model.to_int16().predict(X.tolist()) == model.predict(X.tolist())
    # Path lengths: a stump visits one node per tree.
    stump = read_trees(engine.DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).blob_)
    assert visited_nodes(stump, X[:5].tolist()) == [1] * 5
    with pytest.raises(emflow.BlobError, match="not a tree ensemble"):
        read_trees(engine.GaussianNB().fit(X, y).blob_)


def test_cost_models_grow_with_the_model():
    X, y = iris_int()
    small = engine.DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y).blob_
    big = engine.RandomForestClassifier(n_estimators=10, random_state=0).fit(X, y).blob_
    for form in device_cost.FORMS:
        a = device_cost.estimate(device_cost.describe(small, X.tolist()), form, "uno")
        b = device_cost.estimate(device_cost.describe(big, X.tolist()), form, "uno")
        assert b["flash"] > a["flash"] and b["cycles"] > a["cycles"], form
    with pytest.raises(device_cost.CostError, match="board 'esp32'"):
        device_cost.estimate(device_cost.describe(small), "blob", "esp32")


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "emflow.sweep_cli"] + list(args), capture_output=True, text=True
    )


def test_command_line_writes_csv_and_json_reports(tmp_path, emflow_cli):
    X, y = iris_int()
    data = tmp_path / "iris.csv"
    with open(data, "w") as f:
        f.write("sl,sw,pl,pw,species\n")
        for row, label in zip(X.tolist(), y.tolist()):
            f.write(
                ",".join(map(str, row)) + ",%s\n" % ["setosa", "versicolor", "virginica"][label]
            )
    common = [str(data), "--target", "species", "--board", "mega2560", "--budget", "4"]
    common += ["--seed", "5", "--trainers", "emflow"]
    done = _cli(*common, "--out", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    assert "Pareto front" in done.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["board"] == {"name": "mega2560", "flash": 253952, "ram": 8192}
    assert report["candidates"] == 4 and report["rows"]
    assert any(r["pareto"] for r in report["rows"])
    # `emflow sweep` (core/cli/cmd_sweep.cpp) runs the same entry point.
    done = subprocess.run(
        [emflow_cli, "sweep"] + common + ["--jobs", "2", "--out", str(tmp_path / "r.csv")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "r.csv").read_text().splitlines()
    assert lines[0].split(",")[:3] == ["candidate", "trainer", "family"]
    assert len(lines) == len(report["rows"]) + 1
    # The same seed on two processes: the same rows as the JSON report.
    hashes = sorted(r["blob_sha256"] for r in report["rows"])
    assert sorted(line.split(",")[-1] for line in lines[1:]) == hashes
    bad = _cli(str(data), "--target", "colour", "--out", str(tmp_path / "x.json"))
    assert bad.returncode == 1 and "no column 'colour'" in bad.stderr
    (tmp_path / "bad.csv").write_text("a,b\n1,0\nx,1\n")
    bad = _cli(str(tmp_path / "bad.csv"), "--out", str(tmp_path / "x.json"))
    assert bad.returncode == 1 and "bad.csv:3: column a: 'x' is not a number" in bad.stderr
    assert not (tmp_path / "x.json").exists()
