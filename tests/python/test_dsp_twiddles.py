"""The FFT twiddle table header is exactly what its generator writes (values recomputed)."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_dsp_twiddle_table_is_regenerated_identically():
    script = os.path.join(ROOT, "core", "dsp", "make_fft_twiddles.py")
    result = subprocess.run(
        [sys.executable, script, "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
