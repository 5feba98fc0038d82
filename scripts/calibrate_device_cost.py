#!/usr/bin/env python3
"""Fits the sweep's size and cycle models (python/emflow/device_cost.py) on real builds and
writes their coefficients to python/emflow/device_cost_fit.py: random small models (tests/sweep/
random_models.py) are built in every device form for every board with avr-g++, measured with
avr-size (flash, static RAM: the difference to the harness without a model) and simavr (Timer1
cycles per prediction), and each cost model is a least-squares fit over its terms.
Run with Debian's Python after the native build:
    /usr/bin/python3 scripts/calibrate_device_cost.py [--models N] [--jobs 2] [--seed S]
Takes a few minutes with -j2. Re-run when core/ml or core/host/modelgen change what they emit
(tests/sweep/check_device_cost.py fails when the fit no longer holds)."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "python"), os.path.join(ROOT, "tests", "sweep")]

import avr_forms  # noqa: E402
import random_models  # noqa: E402
from emflow import device_cost  # noqa: E402


def measure_all(cases, jobs, directory):
    """cases: (key-less description, blob, rows, form, board) -> measured dicts, in order."""
    measurer = avr_forms.Measurer(directory)

    def one(case):
        info, data, rows, form, board = case
        return measurer.measure(
            data,
            form,
            board,
            rows,
            info["dtype"] == "int16",
            info["n_outputs"],
            info["role"] == "regressor",
            info["family"],
        )

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, cases))


def plan(seed, count):
    """Every (description, blob, rows, form, board) to build."""
    cases = []
    for board in device_cost.BOARDS:
        for role in ("classifier", "regressor"):
            for dtype in ("float", "int16"):
                for data, rows in random_models.tree_cases(seed, count, role, dtype):
                    info = device_cost.describe(data, rows)
                    cases += [(info, data, rows, form, board) for form in device_cost.FORMS]
        for data, rows in random_models.nb_cases(seed, max(4, count // 2)):
            cases.append((device_cost.describe(data, rows), data, rows, "blob", board))
    return cases


def fit(samples, what):
    names = list(device_cost.terms(samples[0][0], what))
    A = np.array([[device_cost.terms(info, what)[n] for n in names] for info, _ in samples])
    b = np.array([value for _, value in samples], dtype=float)
    solution, *_ = np.linalg.lstsq(A, b, rcond=None)
    predicted = A @ solution
    worst = float(np.max(np.abs(predicted - b) / np.maximum(np.abs(b), 1.0)))
    return {n: float(c) for n, c in zip(names, solution)}, worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=10, help="tree models per board/role/dtype")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", default="calibration")
    parser.add_argument(
        "--measurements",
        default=os.path.join(ROOT, "build", "device-cost-measurements.json"),
        help="the raw measurements are kept here; --refit fits them again without building",
    )
    parser.add_argument("--refit", action="store_true")
    parser.add_argument(
        "--out", default=os.path.join(ROOT, "python", "emflow", "device_cost_fit.py")
    )
    args = parser.parse_args()
    if args.refit:
        with open(args.measurements) as f:
            samples = json.load(f)
    else:
        cases = plan(args.seed, args.models)
        print("calibrate: %d builds, -j%d" % (len(cases), args.jobs), flush=True)
        with tempfile.TemporaryDirectory(prefix="emflow-calibrate-") as directory:
            measured = measure_all(cases, args.jobs, directory)
        samples = [
            {"info": info, "form": form, "board": board, "measured": result}
            for (info, _, _, form, board), result in zip(cases, measured)
        ]
        os.makedirs(os.path.dirname(args.measurements), exist_ok=True)
        with open(args.measurements, "w") as f:
            json.dump(samples, f)
    groups = {}
    for sample in samples:
        info, form, board, result = (sample[k] for k in ("info", "form", "board", "measured"))
        key = device_cost.cost_key(board, form, info["family"], info["dtype"], info["role"])
        groups.setdefault(key, []).append((form, info, result))
    models = {}
    for key, rows in sorted(groups.items()):
        form = rows[0][0]
        flash, flash_err = fit(
            [(i, r["flash"]) for _, i, r in rows], "flash_blob" if form == "blob" else "flash"
        )
        cycles, cycle_err = fit([(i, r["mean_cycles"]) for _, i, r in rows], "cycles")
        rams = sorted({r["ram"] for _, _, r in rows})
        models[key] = {
            "flash": flash,
            "ram": {"one": float(rams[-1])},  # static RAM is a constant per form (max seen)
            "cycles": cycles,
            "fit": {
                "models": len(rows),
                "flash_worst_relative_error": round(flash_err, 5),
                "cycles_worst_relative_error": round(cycle_err, 5),
                "ram_seen": rams,
            },
        }
        print(
            "calibrate: %-44s %3d models  flash worst %5.2f %%  cycles worst %5.2f %%  RAM %s"
            % (key, len(rows), 100 * flash_err, 100 * cycle_err, rams),
            flush=True,
        )
    # A Python module, not a data file: the notebook's Pyodide package holds .py files only.
    content = {"seed": args.seed, "models": models}
    with open(args.out, "w") as f:
        f.write(
            '"""Coefficients of the device cost models (device_cost.py), fitted on real avr-gcc\n'
            'builds by scripts/calibrate_device_cost.py: regenerate, do not edit."""\n\n'
            "FIT = %s\n" % json.dumps(content, indent=4, sort_keys=True)
        )
    subprocess.run(["black", "-q", "-l", "100", args.out], check=True)
    print("calibrate: wrote %s" % os.path.relpath(args.out, ROOT))


if __name__ == "__main__":
    main()
