"""Shared pytest fixtures: the emflow package on sys.path and the native CLI for parity tests.

The CLI is `$EMFLOW_CLI` if set, else build/native/core/emflow (scripts/test.sh builds it
first); if it is missing it is built here with CMake.
"""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))


def _cli_path():
    explicit = os.environ.get("EMFLOW_CLI")
    if explicit:
        if not os.path.isfile(explicit):
            raise RuntimeError("EMFLOW_CLI=%s does not exist" % explicit)
        return explicit
    build = os.path.join(ROOT, "build", "native")
    path = os.path.join(build, "core", "emflow")
    if not os.path.isfile(path):
        subprocess.run(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja"], check=True)
        subprocess.run(["cmake", "--build", build, "--target", "emflow_cli", "-j2"], check=True)
    return path


@pytest.fixture(scope="session")
def emflow_cli():
    """Path of the native `emflow` executable."""
    return _cli_path()


def write_rows(path, X):
    """Writes features as CSV with a header row; repr() keeps every float64 exact."""
    rows = X.tolist() if hasattr(X, "tolist") else X
    with open(path, "w") as f:
        f.write(",".join("x%d" % i for i in range(len(rows[0]))) + "\n")
        for row in rows:
            f.write(",".join(repr(v) for v in row) + "\n")


class Predictor:
    """Runs `emflow predict` on a model (a Model object or a file path)."""

    def __init__(self, cli, directory):
        self.cli = cli
        self.directory = directory
        self.count = 0

    def run(self, model, X, proba=False, suffix=".bin"):
        self.count += 1
        if isinstance(model, (str, os.PathLike)):
            model_path = os.fspath(model)
        else:
            model_path = os.path.join(self.directory, "model%d%s" % (self.count, suffix))
            model.save(model_path)
        data_path = os.path.join(self.directory, "data%d.csv" % self.count)
        write_rows(data_path, X)
        command = [self.cli, "predict", model_path, data_path] + (["--proba"] if proba else [])
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise AssertionError("emflow predict failed: %s" % result.stderr.strip())
        return [[float(v) for v in line.split(",")] for line in result.stdout.splitlines()]

    def labels(self, model, X, suffix=".bin"):
        """One integer per row (class index, or +1/-1)."""
        return [int(row[0]) for row in self.run(model, X, suffix=suffix)]

    def outputs(self, model, X, suffix=".bin"):
        """All outputs per row (probabilities, values or [score, decision])."""
        return self.run(model, X, proba=True, suffix=suffix)


@pytest.fixture
def cli_predict(emflow_cli, tmp_path):
    """`cli_predict.labels(model, X)` / `cli_predict.outputs(model, X)` through the C++ CLI."""
    return Predictor(emflow_cli, str(tmp_path))
