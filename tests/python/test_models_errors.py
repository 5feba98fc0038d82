"""Clear errors for what cannot be converted or loaded: the estimator and parameter are named;
corrupt blobs of the non-tree kinds are refused by the engine with a status, never a crash."""

import subprocess

import numpy as np
import pytest
from conftest import write_rows
from sklearn import datasets
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier

import emflow

X, Y = datasets.load_iris(return_X_y=True)


def test_unsupported_options_are_named():
    with pytest.raises(emflow.ConversionError, match=r"GaussianNB\(dtype=\.\.\.\)"):
        emflow.convert(GaussianNB().fit(X, Y), dtype="int16")
    with pytest.raises(emflow.ConversionError, match="options"):
        emflow.convert(GaussianNB().fit(X, Y), bogus=1)


def test_knn_metric_and_weights_are_checked():
    estimator = KNeighborsClassifier(metric="cosine").fit(X, Y)
    with pytest.raises(emflow.ConversionError, match=r"KNeighborsClassifier\(metric=\.\.\.\)"):
        emflow.convert(estimator)
    estimator = KNeighborsClassifier(weights=lambda d: d).fit(X, Y)
    with pytest.raises(emflow.ConversionError, match="weights"):
        emflow.convert(estimator)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_multilabel_mlp_is_refused():
    labels = np.stack([Y == 0, Y == 1], axis=1).astype(int)
    estimator = MLPClassifier((3,), max_iter=20, random_state=0).fit(X, labels)
    with pytest.raises(emflow.ConversionError, match="multilabel"):
        emflow.convert(estimator)


def test_int16_input_scale_must_be_positive():
    estimator = LogisticRegression(max_iter=500).fit(X, Y)
    with pytest.raises(emflow.ConversionError, match="input_scale"):
        emflow.convert(estimator, dtype="int16", input_scale=0)


def run_predict(cli, tmp_path, blob):
    model = tmp_path / "model.bin"
    model.write_bytes(blob)
    data = tmp_path / "data.csv"
    write_rows(str(data), X[:3])
    return subprocess.run([cli, "predict", str(model), str(data)], capture_output=True, text=True)


def rewrap(blob, payload):
    """The same header with a new payload, size and a correct CRC (passes the container)."""
    kind, flags, n_features, n_outputs, _ = emflow.blob.unpack(blob)
    return emflow.blob.pack(kind, n_features, n_outputs, payload, int16=bool(flags & 1))


@pytest.mark.parametrize(
    "estimator",
    [GaussianNB(), KNeighborsClassifier(3), LogisticRegression(max_iter=500)],
    ids=lambda e: type(e).__name__,
)
def test_corrupt_payloads_are_refused(estimator, emflow_cli, tmp_path):
    blob = emflow.convert(estimator.fit(X, Y)).to_bytes()
    payload = emflow.blob.unpack(blob)[4]
    assert run_predict(emflow_cli, tmp_path, blob).returncode == 0
    truncated = run_predict(emflow_cli, tmp_path, rewrap(blob, payload[:-4]))
    assert truncated.returncode != 0 and "truncated" in truncated.stderr
    longer = run_predict(emflow_cli, tmp_path, rewrap(blob, payload + b"\0\0\0\0"))
    assert longer.returncode != 0 and "corrupt" in longer.stderr
    nan = bytearray(payload)
    nan[-8:-4] = b"\x00\x00\xc0\x7f"  # a NaN among the parameters (KNN: among the samples)
    if isinstance(estimator, KNeighborsClassifier):
        nan = bytearray(payload)
        nan[12:16] = b"\x00\x00\xc0\x7f"
    result = run_predict(emflow_cli, tmp_path, rewrap(blob, bytes(nan)))
    assert result.returncode != 0 and "corrupt" in result.stderr
    flipped = bytearray(blob)
    flipped[20] ^= 0xFF
    result = run_predict(emflow_cli, tmp_path, bytes(flipped))
    assert result.returncode != 0 and "checksum" in result.stderr
