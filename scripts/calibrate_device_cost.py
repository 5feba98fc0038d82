#!/usr/bin/env python3
"""Fits the sweep's size and cycle models (python/emflow/device_cost.py) on real builds and
writes their coefficients to python/emflow/device_cost_fit.py: random small models (tests/sweep/
random_models.py) are built in every device form for every board with avr-g++, measured with
avr-size (flash, static RAM: the difference to the harness without a model) and simavr (Timer1
cycles per prediction, per row), and each cost model is a least-squares fit over its terms
(cycles: every timed row is a sample, with its own path; python/emflow/device_trace.py).
Run with Debian's Python after the native build:
    /usr/bin/python3 scripts/calibrate_device_cost.py [--models N] [--jobs 2] [--seeds a,b]
    /usr/bin/python3 scripts/calibrate_device_cost.py --refit   # fit kept measurements again
Takes 2-4 minutes per seed (250 builds; six seeds by default) with -j2 on a busy 2-core
machine. Re-run when core/ml or core/host/modelgen change what they emit
(tests/sweep/check_device_cost.py fails when the fit no longer holds)."""

import argparse
import json
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "python"), os.path.join(ROOT, "tests", "sweep")]

import avr_forms  # noqa: E402
import random_models  # noqa: E402
from emflow import device_cost  # noqa: E402


def plan(seed, count):
    """Every (description, blob, rows, form, board) to build. A seed "name:S" draws its
    features from [-S, S] (random_models.dataset; default 2000)."""
    seed, _, scale = seed.partition(":")
    scale = int(scale or 2000)
    cases = []
    for board in device_cost.BOARDS:
        for role in ("classifier", "regressor"):
            for dtype in ("float", "int16"):
                for data, rows in random_models.tree_cases(seed, count, role, dtype, scale=scale):
                    info = device_cost.describe(data, rows)
                    cases += [(info, data, rows, form, board) for form in device_cost.FORMS]
        for data, rows in random_models.nb_cases(seed, max(4, count // 2), scale=scale):
            cases.append((device_cost.describe(data, rows), data, rows, "blob", board))
    return cases


def fit(samples, what, form, per_row=False):
    """Least squares of the measured values over the cost model's terms; EXACT terms keep the
    coefficient 1 (their bytes are known). With per_row, every timed row of a model is a
    sample (its own path and sums, device_trace); the worst error is over models either way."""

    def row(info):
        return device_cost.terms(info, what, form, info["board"])

    fitted = []
    for info, measured in samples:
        rows = info["rows"] if per_row else []
        if rows and len(rows) == len(measured["cycles"]):
            fitted += [(dict(info, **r), c) for r, c in zip(rows, measured["cycles"])]
        else:
            fitted.append((info, measured["mean_cycles"] if what == "cycles" else measured[what]))
    names = [n for n in row(samples[0][0]) if n not in device_cost.EXACT]

    def exact(info):
        return sum(v for n, v in row(info).items() if n in device_cost.EXACT)

    A = np.array([[row(info)[n] for n in names] for info, _ in fitted])
    b = np.array([value - exact(info) for info, value in fitted], dtype=float)
    # Relative errors are what counts (and what the check bounds): each sample is weighted by
    # 1 / its measured value (or 100 below that), or the biggest models would decide the fit.
    weight = 1.0 / np.maximum(np.abs([value for _, value in fitted]), 100.0)
    solution, *_ = np.linalg.lstsq(A * weight[:, None], b * weight, rcond=None)
    coefficients = {n: float(c) for n, c in zip(names, solution)}
    coefficients.update({n: 1.0 for n in row(samples[0][0]) if n in device_cost.EXACT})
    # Relative to the measured value, or to 100 below it (as tests/sweep/check_device_cost.py).
    worst = 0.0
    for info, measured in samples:
        value = measured["mean_cycles"] if what == "cycles" else measured[what]
        predicted = sum(coefficients.get(n, 0.0) * v for n, v in row(info).items())
        worst = max(worst, abs(predicted - value) / max(abs(value), 100.0))
    return coefficients, worst


def seed_samples(seed, args):
    """One seed's models with their measurements: built and measured, or read back (--refit:
    the same seeded models are trained again, which is cheap, to give the cost terms)."""
    cases = plan(seed, args.models)
    path = args.measurements % seed.replace(":", "-")
    if args.refit:
        with open(path) as f:
            kept = json.load(f)
        if [(k["form"], k["board"], k["info"]["blob_bytes"]) for k in kept] != [
            (form, board, info["blob_bytes"]) for info, _, _, form, board in cases
        ]:
            sys.exit("calibrate: %s holds other models (other seed or --models)" % path)
        measured = [k["measured"] for k in kept]
    else:
        print("calibrate: seed %s: %d builds, -j%d" % (seed, len(cases), args.jobs), flush=True)
        measured = avr_forms.measure_cases(cases, args.jobs)
    samples = [
        {"info": info, "form": form, "board": board, "measured": result}
        for (info, _, _, form, board), result in zip(cases, measured)
    ]
    if not args.refit:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(samples, f)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=10, help="tree models per board/role/dtype")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--seeds",
        default=",".join(
            ["calibration"]
            + ["calibration%d" % i for i in range(2, 7)]
            + ["small:100", "small2:100"]
        ),
        help="comma-separated: each seed's models are built (or, with --refit, read back); "
        '"name:S" draws features from [-S, S] (small thresholds, as sensor readings)',
    )
    parser.add_argument(
        "--measurements",
        default=os.path.join(ROOT, "build", "device-cost-measurements-%s.json"),
        help="a seed's raw measurements (%%s: the seed); --refit fits them again",
    )
    parser.add_argument("--refit", action="store_true")
    parser.add_argument(
        "--out", default=os.path.join(ROOT, "python", "emflow", "device_cost_fit.py")
    )
    args = parser.parse_args()
    seeds = [seed for seed in args.seeds.split(",") if seed]
    samples = []
    for seed in seeds:
        samples += seed_samples(seed, args)
    groups = {}
    for sample in samples:
        info, form, board, result = (sample[k] for k in ("info", "form", "board", "measured"))
        key = device_cost.cost_key(form, info)
        groups.setdefault(key, []).append((form, dict(info, board=board), result))
    models = {}
    for key, rows in sorted(groups.items()):
        form = rows[0][0]
        flash, flash_err = fit([(i, r) for _, i, r in rows], "flash", form)
        cycles, cycle_err = {}, 0.0
        for board in device_cost.BOARDS:  # per board (docs/sweep.md)
            mine = [(i, r) for _, i, r in rows if i["board"] == board]
            cycles[board], err = fit(mine, "cycles", form, per_row=True)
            cycle_err = max(cycle_err, err)
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
    content = {"seeds": seeds, "models": models}
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
