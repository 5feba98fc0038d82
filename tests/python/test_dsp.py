"""Device DSP blocks (core/dsp) against numpy/scipy, through `emflow dsp ...`."""

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
import scipy.signal

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("EMFLOW_CLI", ROOT / "build" / "native" / "core" / "emflow"))


def run_dsp(tmp_path, *args, rows=None, check=True):
    """Runs `emflow dsp ARGS...`; `rows` (2-D array) is written to a CSV passed last."""
    if not CLI.exists():
        pytest.fail(f"emflow CLI not built at {CLI} (set EMFLOW_CLI or build build/native)")
    argv = [str(CLI), "dsp", *map(str, args)]
    if rows is not None:
        path = tmp_path / "signal.csv"
        np.savetxt(path, np.atleast_2d(rows), delimiter=",", fmt="%.9g")
        argv.append(str(path))
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    if check:
        assert result.returncode == 0, result.stderr
        return np.loadtxt(result.stdout.splitlines(), delimiter=",", ndmin=2)
    return result


def signals(n, count=4, seed=0):
    rng = np.random.default_rng(seed)
    noise = rng.normal(size=(count, n))
    t = np.arange(n)
    tones = np.sin(2 * np.pi * 5 * t / n) * 3 + 0.5  # a tone plus offset: non-trivial DC/peak
    return (noise + tones).astype(np.float32)


@pytest.mark.parametrize("n", [2, 4, 8, 16, 128, 1024, 4096])
def test_fft_matches_numpy_rfft(tmp_path, n):
    x = signals(n, seed=n)
    got = run_dsp(tmp_path, "fft", rows=x)
    ref = np.fft.rfft(x.astype(np.float64))
    expected = np.stack([ref.real, ref.imag], axis=-1).reshape(len(x), -1)
    scale = np.abs(ref).max()
    # float32 FFT: error grows with log2(n); 1e-6 of the largest bin is well above it.
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6 * scale)


def test_fft_of_pure_tone_has_one_peak(tmp_path):
    n = 64
    x = np.cos(2 * np.pi * 7 * np.arange(n) / n)
    got = run_dsp(tmp_path, "fft", rows=x)[0]
    power = got[0::2] ** 2 + got[1::2] ** 2
    assert np.argmax(power) == 7
    assert power[7] == pytest.approx((n / 2) ** 2, rel=1e-5)


def test_fft_rejects_length_that_is_not_power_of_two(tmp_path):
    result = run_dsp(tmp_path, "fft", rows=np.ones((1, 12)), check=False)
    assert result.returncode != 0
    assert "row 1" in result.stderr and "power of two" in result.stderr


@pytest.mark.parametrize(
    "order,band,btype",
    [
        (2, 0.2, "lowpass"),
        (4, 0.05, "highpass"),
        (6, [0.1, 0.3], "bandpass"),
        (3, [0.2, 0.4], "bandstop"),
    ],
)
def test_sosfilt_matches_scipy(tmp_path, order, band, btype):
    sos = scipy.signal.butter(order, band, btype=btype, output="sos")
    sos_path = tmp_path / "sos.csv"
    np.savetxt(sos_path, sos, delimiter=",", fmt="%.17g")
    x = signals(500, count=3, seed=order)
    got = run_dsp(tmp_path, "sosfilt", sos_path, rows=x)
    expected = scipy.signal.sosfilt(sos, x.astype(np.float64), axis=-1)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5 * np.abs(expected).max())


def test_sosfilt_normalises_a0(tmp_path):
    sos = scipy.signal.butter(2, 0.25, output="sos")
    scaled = sos * 4.0  # same filter, a0 = 4: scipy rejects it, emflow divides it out
    sos_path = tmp_path / "sos.csv"
    np.savetxt(sos_path, scaled, delimiter=",", fmt="%.17g")
    x = signals(100, count=1)
    got = run_dsp(tmp_path, "sosfilt", sos_path, rows=x)
    np.testing.assert_allclose(got[0], scipy.signal.sosfilt(sos, x[0]), atol=1e-5)


def test_sosfilt_rejects_a0_of_zero(tmp_path):
    sos_path = tmp_path / "sos.csv"
    sos_path.write_text("1,0,0,0,0.5,0\n")
    result = run_dsp(tmp_path, "sosfilt", sos_path, rows=np.ones((1, 4)), check=False)
    assert result.returncode != 0 and "sos.csv" in result.stderr


def numpy_features(x, edges=None):
    x = x.astype(np.float64)
    stats = [
        x.mean(),
        x.std(),
        x.min(),
        x.max(),
        np.sqrt(np.mean(x**2)),
        np.count_nonzero(np.diff(np.signbit(x))),
    ]
    if edges is not None:
        power = np.abs(np.fft.rfft(x)) ** 2
        stats += [power[lo:hi].sum() for lo, hi in zip(edges[:-1], edges[1:])]
    return np.array(stats)


@pytest.mark.parametrize("n", [1, 2, 7, 64, 256])
def test_basic_features_match_numpy(tmp_path, n):
    x = signals(n, count=5, seed=n) * 10 - 2
    got = run_dsp(tmp_path, "features", rows=x)
    expected = np.array([numpy_features(row) for row in x])
    np.testing.assert_array_equal(got[:, 5], expected[:, 5])  # zero crossings: exact counts
    np.testing.assert_allclose(got[:, :5], expected[:, :5], rtol=1e-5, atol=1e-5)


def test_std_is_accurate_with_large_offset(tmp_path):
    # A thermometer around 1000 with a small wobble: a one-pass variance would lose it.
    x = (1000 + 0.01 * np.sin(np.arange(64))).astype(np.float32)
    got = run_dsp(tmp_path, "features", rows=x)[0]
    assert got[1] == pytest.approx(np.std(x.astype(np.float64)), rel=1e-3)


def test_band_energies_match_numpy(tmp_path):
    n = 128
    x = signals(n, count=4, seed=3)
    edges = [0, 1, 4, 16, 40, 65]
    got = run_dsp(tmp_path, "features", "--bands", ",".join(map(str, edges)), rows=x)
    expected = np.array([numpy_features(row, edges) for row in x])
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-4)


def test_band_edges_out_of_range_is_an_error(tmp_path):
    result = run_dsp(tmp_path, "features", "--bands", "0,10,80", rows=signals(64, 1), check=False)
    assert result.returncode != 0 and "row 1" in result.stderr


def test_bad_csv_cell_names_line_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("1,2,3,4\n1,2,x,4\n")
    result = subprocess.run([str(CLI), "dsp", "fft", str(path)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "bad.csv:2:3" in result.stderr
