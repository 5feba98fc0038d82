"""Command line of the model sweep (emflow.model_sweep; docs/sweep.md):

    python3 -m emflow.sweep_cli DATA.csv --target COL --board uno [--jobs N] [--budget N]
        [--seed S] [--cv K] [--families a,b] [--trainers emflow,sklearn] [--forms ...]
        [--dtypes float,int16] [--task classification|regression]
        [--scheduler tcp://host:8786] --out report.{csv,json}

DATA.csv: comma-separated, a header row, numeric features; the target column is --target (a
header name, a 0-based index, first or last). --jobs runs candidates in N worker processes
(joblib); --scheduler runs them on a Dask cluster instead. Prints the Pareto front."""

import argparse
import csv
import sys

from . import device_cost
from .model_sweep import FAMILIES, SweepError, sweep


def read_csv(path, target):
    """(X, y, feature names) from a CSV file with a header row; errors name the row/column."""
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f) if r]
    if len(rows) < 2:
        raise SweepError("%s: a header row and at least one data row are needed" % path)
    header = [h.strip() for h in rows[0]]
    if target in ("first", "last"):
        column = 0 if target == "first" else len(header) - 1
    elif target in header:
        column = header.index(target)
    elif target.isdigit() and int(target) < len(header):
        column = int(target)
    else:
        raise SweepError("%s: no column %r (header: %s)" % (path, target, ", ".join(header)))
    X, y = [], []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise SweepError(
                "%s:%d: %d cells, the header has %d" % (path, line, len(row), len(header))
            )
        features = []
        for j, cell in enumerate(row):
            if j == column:
                continue
            try:
                features.append(float(cell))
            except ValueError:
                raise SweepError(
                    "%s:%d: column %s: %r is not a number" % (path, line, header[j], cell)
                )
        X.append(features)
        label = row[column].strip()
        try:
            value = float(label)
            y.append(int(value) if value == int(value) else value)
        except ValueError:
            y.append(label)
    return X, y, [h for j, h in enumerate(header) if j != column]


def _list(text):
    return [part.strip() for part in text.split(",") if part.strip()]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="emflow sweep", description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--target", default="last")
    parser.add_argument("--board", default="uno", choices=sorted(device_cost.BOARDS))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--budget", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cv", type=int, default=3)
    parser.add_argument("--task", choices=["classification", "regression"])
    parser.add_argument("--families", type=_list, default=None, help=",".join(FAMILIES))
    parser.add_argument("--trainers", type=_list, default=None, help="emflow,sklearn")
    parser.add_argument("--forms", type=_list, default=list(device_cost.FORMS))
    parser.add_argument("--dtypes", type=_list, default=["float", "int16"])
    parser.add_argument("--scheduler", help="a Dask scheduler address (tcp://host:8786)")
    parser.add_argument("--out", required=True, help="report.csv or report.json")
    args = parser.parse_args(argv)
    try:
        if not args.out.endswith((".csv", ".json")):
            raise SweepError("--out %s: the report is .csv or .json" % args.out)
        X, y, _ = read_csv(args.data, args.target)
        options = dict(
            board=args.board,
            task=args.task,
            families=args.families,
            trainers=args.trainers,
            forms=args.forms,
            dtypes=args.dtypes,
            budget=args.budget,
            seed=args.seed,
            cv=args.cv,
        )
        if args.scheduler:
            import joblib
            from distributed import Client

            with Client(args.scheduler), joblib.parallel_backend("dask"):
                report = sweep(X, y, n_jobs=-1, **options)
        else:
            report = sweep(X, y, n_jobs=args.jobs, **options)
        report.save(args.out)
    except (SweepError, device_cost.CostError, ValueError, OSError) as error:
        print("emflow sweep: %s" % error, file=sys.stderr)
        return 1
    front = report.pareto()
    print(
        "emflow sweep: %d candidates, %d rows, %d on the Pareto front (%s, %s) -> %s"
        % (
            report.candidates,
            len(report.rows),
            len(front),
            args.board,
            "accuracy" if report.task == "classification" else "R2",
            args.out,
        )
    )
    for row in sorted(front, key=lambda r: r["flash"]):
        print(
            "  %-7s %-14s %-6s %-6s score %.4f flash %6d B  RAM %4d B  cycles %8d  %s"
            % (
                row["trainer"],
                row["family"],
                row["dtype"],
                row["form"],
                row["score"],
                row["flash"],
                row["ram"],
                row["cycles"],
                row["params"],
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
