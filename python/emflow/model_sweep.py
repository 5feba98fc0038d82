"""Model sweeps: cross-validated accuracy (or R^2) against flash, static RAM and cycles per
prediction on a board, over model families x hyperparameters x device forms x dtypes.

    import emflow
    report = emflow.sweep(X, y, board="uno", budget=40, seed=0, n_jobs=2)
    report.rows        # one dict per (candidate, dtype, form), "pareto" flags the front
    report.pareto()    # the rows no other row beats in score, flash and cycles at once
    report.save("sweep.json")   # or .csv

or from a shell (docs/sweep.md):
    python3 -m emflow.model_sweep DATA.csv --target label --board uno --jobs 2 --out r.json

Candidates are fitted by the engine's own trainers (emflow.train) and, when scikit-learn is
importable, by scikit-learn's estimators converted with emflow.convert. Each candidate has its
own seed, derived from the sweep's seed and the candidate itself, so a candidate's model bytes
do not depend on the order or the process it runs in: serial, joblib (n_jobs) and a Dask
cluster (`with joblib.parallel_backend("dask")`) give the same report. Flash, RAM and cycles
come from the calibrated cost models of device_cost.py, not from builds.
"""

import csv
import hashlib
import io
import itertools
import json
import math
import random

from . import device_cost
from . import train as engine
from .tree_reader import read_trees

FAMILIES = {
    # name: (engine estimator classes (classifier, regressor) or sklearn names, default grid)
    "decision_tree": {"max_depth": [2, 3, 4, 6, 8, None], "min_samples_leaf": [1, 5]},
    "random_forest": {"n_estimators": [3, 5, 10, 20], "max_depth": [3, 5, 8]},
    "extra_trees": {"n_estimators": [3, 5, 10, 20], "max_depth": [3, 5, 8]},
    "gaussian_nb": {"var_smoothing": [1e-9, 1e-6]},
}
_ENGINE = {
    "decision_tree": ("DecisionTreeClassifier", "DecisionTreeRegressor"),
    "random_forest": ("RandomForestClassifier", "RandomForestRegressor"),
    "extra_trees": ("ExtraTreesClassifier", "ExtraTreesRegressor"),
    "gaussian_nb": ("GaussianNB", None),
}
_SKLEARN = {
    "decision_tree": "sklearn.tree",
    "random_forest": "sklearn.ensemble",
    "extra_trees": "sklearn.ensemble",
    "gaussian_nb": "sklearn.naive_bayes",
}
COLUMNS = [
    "candidate",
    "trainer",
    "family",
    "params",
    "seed",
    "dtype",
    "form",
    "score",
    "score_std",
    "flash",
    "ram",
    "cycles",
    "fits_board",
    "pareto",
    "blob_bytes",
    "blob_sha256",
]


class SweepError(ValueError):
    """Bad sweep input (the message says what and where)."""


def sklearn_available():
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return False
    return True


def _seed_of(seed, trainer, family, params):
    """A candidate's own seed: the same candidate gets the same seed in any order/process."""
    text = json.dumps([seed, trainer, family, params], sort_keys=True, default=repr)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little") & 0x7FFFFFFF


def candidates(task, families=None, grids=None, trainers=None, budget=None, seed=0):
    """The candidates (dicts: trainer, family, params, seed) of a sweep. All of the grids when
    `budget` is None or large enough, else `budget` of them drawn with the sweep's seed."""
    families = list(families or FAMILIES)
    trainers = list(trainers or (["emflow", "sklearn"] if sklearn_available() else ["emflow"]))
    out = []
    for trainer in trainers:
        if trainer not in ("emflow", "sklearn"):
            raise SweepError("trainer %r: emflow or sklearn" % trainer)
        for family in families:
            if family not in FAMILIES:
                raise SweepError("family %r: one of %s" % (family, ", ".join(FAMILIES)))
            if family == "gaussian_nb" and task == "regression":
                continue
            grid = dict(FAMILIES[family], **((grids or {}).get(family, {})))
            names = sorted(grid)
            for values in itertools.product(*(grid[n] for n in names)):
                params = dict(zip(names, values))
                out.append(
                    {
                        "trainer": trainer,
                        "family": family,
                        "params": params,
                        "seed": _seed_of(seed, trainer, family, params),
                    }
                )
    if budget is not None and budget < len(out):
        out = random.Random(seed).sample(out, budget)
    for i, candidate in enumerate(out):
        candidate["candidate"] = i
    return out


def make_estimator(candidate, task):
    family, params = candidate["family"], dict(candidate["params"])
    if family != "gaussian_nb":
        params["random_state"] = candidate["seed"]
    if candidate["trainer"] == "emflow":
        name = _ENGINE[family][0 if task == "classification" else 1]
        return getattr(engine, name)(**params)
    import importlib

    module = importlib.import_module(_SKLEARN[family])
    name = _ENGINE[family][0 if task == "classification" else 1]
    return getattr(module, name)(**params)


def _blob(estimator, trainer):
    if trainer == "emflow":
        return estimator.blob_
    from .model import convert

    return convert(estimator).to_bytes()


def _folds(n, y, task, k, seed):
    """k shuffled folds (stratified for classifiers, as scikit-learn's StratifiedKFold deals
    each class round-robin over the folds) as lists of test indices; pure Python."""
    rng = random.Random("folds/%s" % seed)
    order = list(range(n))
    rng.shuffle(order)
    folds = [[] for _ in range(k)]
    if task == "classification":
        by_class = {}
        for i in order:
            by_class.setdefault(y[i], []).append(i)
        position = 0
        for label in sorted(by_class, key=repr):
            for i in by_class[label]:
                folds[position % k].append(i)
                position += 1
    else:
        for position, i in enumerate(order):
            folds[position % k].append(i)
    return [sorted(f) for f in folds]


def _score(estimator, X, y):
    return float(estimator.score(X, y))


def _int16_rows(X):
    for row in X:
        for v in row:
            if float(v) != math.floor(float(v)) or not -32768 <= float(v) <= 32767:
                return False
    return True


def _training_rows(n, folds):
    """The training rows of each fit evaluate() makes: one per fold, then all rows."""
    out = []
    for test in folds:
        held = set(test)
        out.append([i for i in range(n) if i not in held])
    return out + [list(range(n))]


def fit_requests(candidate, X, y, task, folds):
    """The engine fits evaluate() makes for a candidate of the built-in trainer, in its order,
    for a pool that runs them at once: emflow.train's fit_request ({model, task, params, y,
    n_features, classes}) with `rows`, the training rows' indices in X."""
    requests = []
    for train in _training_rows(len(X), folds):
        estimator = make_estimator(candidate, task)
        request = estimator.fit_request([X[i] for i in train], [y[i] for i in train])
        requests.append(dict(request, rows=train))
    return requests


def evaluate(candidate, X, y, task, folds, dtypes, forms, board, cost_rows, fitted=None):
    """Cross-validates one candidate, fits it on all rows and costs each (dtype, form): the
    unit of work the sweep runs in parallel. `fitted`: (blob, request) for each of its
    fit_requests(), fitted elsewhere (a pool of engine workers), else it fits them itself.
    Returns its report rows."""
    X, y = [list(map(float, r)) for r in X], list(y)

    def fitted_model(n, train):
        model = make_estimator(candidate, task)
        if fitted is not None:
            return model.adopt(*fitted[n])
        return model.fit([X[i] for i in train], [y[i] for i in train])

    trainings = _training_rows(len(X), folds)
    scores = []
    for n, test in enumerate(folds):
        model = fitted_model(n, trainings[n])
        scores.append(_score(model, [X[i] for i in test], [y[i] for i in test]))
    model = fitted_model(len(folds), trainings[-1])
    data = _blob(model, candidate["trainer"])
    mean = math.fsum(scores) / len(scores)
    std = math.sqrt(math.fsum((s - mean) ** 2 for s in scores) / len(scores))
    rows = []
    for dtype in dtypes:
        blob_bytes = data
        if dtype == "int16":
            if candidate["family"] == "gaussian_nb" or not _int16_rows(X):
                continue  # int16 needs tree models on integer features (docs/sweep.md)
            blob_bytes = read_trees(data).to_int16().to_bytes()
        info = device_cost.describe(blob_bytes, cost_rows)
        for form in forms:
            if info["family"] == "nb" and form != "blob":
                continue
            if form == "inline" and not device_cost.has_inline_cost(info):
                continue  # over 65536 distinct leaves: 256 KB of leaf table fit no board
            cost = device_cost.estimate(info, form, board)
            rows.append(
                {
                    "candidate": candidate["candidate"],
                    "trainer": candidate["trainer"],
                    "family": candidate["family"],
                    "params": json.dumps(candidate["params"], sort_keys=True),
                    "seed": candidate["seed"],
                    "dtype": dtype,
                    "form": form,
                    "score": mean,
                    "score_std": std,
                    "flash": cost["flash"],
                    "ram": cost["ram"],
                    "cycles": cost["cycles"],
                    "blob_bytes": len(blob_bytes),
                    "blob_sha256": hashlib.sha256(blob_bytes).hexdigest(),
                }
            )
    return rows


def pareto_flags(rows):
    """True for each row no other row dominates (score >=, flash <=, cycles <=, one strictly)
    among the rows that fit the board; rows that do not fit are never on the front."""
    flags = []
    for row in rows:
        on = row["fits_board"]
        for other in rows:
            if not on:
                break
            if other is row or not other["fits_board"]:
                continue
            if (
                other["score"] >= row["score"]
                and other["flash"] <= row["flash"]
                and other["cycles"] <= row["cycles"]
                and (
                    other["score"] > row["score"]
                    or other["flash"] < row["flash"]
                    or other["cycles"] < row["cycles"]
                )
            ):
                on = False
        flags.append(on)
    return flags


class SweepReport:
    """A sweep's rows (COLUMNS) and what they were measured against."""

    def __init__(self, rows, board, task, seed, folds, candidates_run):
        self.rows = rows
        self.board = board
        self.task = task
        self.seed = seed
        self.folds = folds
        self.candidates = candidates_run
        self.interrupted = False  # True when a KeyboardInterrupt ended it (keep_partial)

    def pareto(self):
        return [row for row in self.rows if row["pareto"]]

    def to_dict(self):
        limits = device_cost.BOARDS[self.board]
        return {
            "board": {"name": self.board, "flash": limits["flash"], "ram": limits["ram"]},
            "task": self.task,
            "metric": "accuracy" if self.task == "classification" else "r2",
            "seed": self.seed,
            "cv_folds": self.folds,
            "candidates": self.candidates,
            "columns": COLUMNS,
            "cost_model_error": device_cost.MEASURED_ERROR,
            "rows": self.rows,
        }

    def to_csv(self):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({k: (repr(v) if isinstance(v, float) else v) for k, v in row.items()})
        return out.getvalue()

    def save(self, path):
        text = self.to_csv() if path.endswith(".csv") else None
        if text is None:
            if not path.endswith(".json"):
                raise SweepError("%s: the report is .csv or .json" % path)
            text = json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n"
        with open(path, "w") as f:
            f.write(text)


def _parallel(function, items, n_jobs):
    """Runs function over items with joblib (its active backend: processes, or Dask inside
    `with joblib.parallel_backend("dask")`), serially when n_jobs is None or joblib is missing."""
    if n_jobs in (None, 1):
        return [function(item) for item in items]
    try:
        import joblib
    except ImportError:
        return [function(item) for item in items]
    return joblib.Parallel(n_jobs=n_jobs)(joblib.delayed(function)(item) for item in items)


class _Evaluate:
    """evaluate() with the sweep's fixed arguments, picklable for worker processes."""

    def __init__(self, **fixed):
        self.fixed = fixed

    def __call__(self, candidate, fitted=None):
        try:
            return evaluate(candidate, fitted=fitted, **self.fixed)
        except (ValueError, RuntimeError) as error:  # TrainingError, ConversionError, ...
            raise _candidate_error(candidate, error) from error

    def requests(self, candidate):
        """The candidate's fit_requests() for a fit pool, its errors named like __call__'s."""
        fixed = self.fixed
        try:
            return fit_requests(candidate, fixed["X"], fixed["y"], fixed["task"], fixed["folds"])
        except (ValueError, RuntimeError) as error:
            raise _candidate_error(candidate, error) from error


def _candidate_error(candidate, error):
    return SweepError(
        "candidate %d (%s %s %s): %s"
        % (
            candidate["candidate"],
            candidate["trainer"],
            candidate["family"],
            json.dumps(candidate["params"], sort_keys=True),
            error,
        )
    )


def _serial(function, items, progress, keep_partial):
    """Runs function over items one after another, calling progress(done, total) after each.
    With keep_partial, a KeyboardInterrupt (Ctrl+C, the notebook's Interrupt) stops the run
    and the finished items' results are kept: returns (results, interrupted)."""
    results = []
    try:
        for item in items:
            results.append(function(item))
            if progress:
                progress(len(results), len(items))
    except KeyboardInterrupt:
        if not keep_partial:
            raise
        return results, True
    return results, False


def _pooled(work, items, pool, progress, keep_partial):
    """Runs the built-in trainer's candidates with their fits spread over `pool` (an object
    with fit_many(X, requests, on_fit) -> interrupted, e.g. the notebook's engine workers),
    each candidate scored and costed as soon as its last fit is in; other trainers' candidates
    then run one after another. progress(done, total) and keep_partial as _serial."""
    fixed = work.fixed
    pooled = [item for item in items if item["trainer"] == "emflow"]
    requests, owner = [], []
    for index, item in enumerate(pooled):
        for request in work.requests(item):
            requests.append(request)
            owner.append(index)
    blobs = [[] for _ in pooled]
    missing = [0] * len(pooled)
    for index in owner:
        missing[index] += 1
    finished = {}

    def on_fit(number, blob, error):
        index = owner[number]
        if error:
            raise _candidate_error(pooled[index], error)
        blobs[index].append((number, blob))
        missing[index] -= 1
        if missing[index] == 0:
            fitted = [(fit, requests[n]) for n, fit in sorted(blobs[index])]
            finished[index] = work(pooled[index], fitted)
            if progress:
                progress(len(finished), len(items))

    try:
        interrupted = bool(requests) and pool.fit_many(fixed["X"], requests, on_fit)
    except KeyboardInterrupt:  # Ctrl+C, or progress() raising it as the serial run allows
        if not keep_partial:
            raise
        interrupted = True
    done = [(pooled[i], finished[i]) for i in finished]
    if interrupted and not keep_partial:
        raise KeyboardInterrupt("the sweep was interrupted")
    if not interrupted:
        rest = [item for item in items if item["trainer"] != "emflow"]
        count = len(done)
        more, interrupted = _serial(
            work, rest, progress and (lambda n, _: progress(count + n, len(items))), keep_partial
        )
        done += list(zip(rest, more))
    # In the candidates' order, as a serial run gives them.
    return [
        result for _, result in sorted(done, key=lambda pair: pair[0]["candidate"])
    ], interrupted


def _check_data(X, y, task):
    """Refuses rows the trainers would refuse, with the row and column in the caller's X (a
    trainer sees a fold's rows and would number them within the fold)."""
    engine.check_rows(X, SweepError)
    if task == "regression":
        engine.check_targets(y, SweepError)


def infer_task(y):
    """Classification for labels (strings, whole numbers), regression once a value has a
    fraction or is not finite (then refused with its row by _check_data)."""
    for v in y:
        if isinstance(v, str):
            return "classification"
        if isinstance(v, float) and (not math.isfinite(v) or v != math.floor(v)):
            return "regression"
    return "classification"


def sweep(
    X,
    y,
    board="uno",
    task=None,
    families=None,
    grids=None,
    trainers=None,
    forms=device_cost.FORMS,
    dtypes=("float", "int16"),
    budget=None,
    seed=0,
    cv=3,
    n_jobs=None,
    cost_rows=200,
    progress=None,
    keep_partial=False,
    fit_pool=None,
):
    """Runs a sweep; see the module's docstring. `cost_rows` rows of X (the first ones) give
    the mean path length the cycle model reads. Run serially (n_jobs None or 1) or with a
    `fit_pool` (an object with fit_many(X, requests, on_fit), which runs the built-in
    trainer's fits at once: the notebook's engine workers, or CliBackend's processes),
    `progress` is called with (candidates done, candidates) after each candidate, and
    `keep_partial` makes a KeyboardInterrupt end the sweep with the finished candidates' rows
    (the report's `interrupted` is then True, its `candidates` the number finished)."""
    X = [list(r) for r in (X.tolist() if hasattr(X, "tolist") else X)]
    y = list(y.tolist() if hasattr(y, "tolist") else y)
    if not X or len(X) != len(y):
        raise SweepError("X has %d rows and y %d values" % (len(X), len(y)))
    if board not in device_cost.BOARDS:
        raise SweepError("board %r: one of %s" % (board, ", ".join(device_cost.BOARDS)))
    for form in forms:
        if form not in device_cost.FORMS:
            raise SweepError("form %r: one of %s" % (form, ", ".join(device_cost.FORMS)))
    for dtype in dtypes:
        if dtype not in ("float", "int16"):
            raise SweepError("dtype %r: float or int16" % dtype)
    task = task or infer_task(y)
    if task not in ("classification", "regression"):
        raise SweepError("task %r: classification or regression" % task)
    _check_data(X, y, task)
    if not 2 <= cv <= len(X):
        raise SweepError("cv=%r folds for %d rows" % (cv, len(X)))
    chosen = candidates(task, families, grids, trainers, budget, seed)
    folds = _folds(len(X), y, task, cv, seed)
    work = _Evaluate(
        X=X,
        y=y,
        task=task,
        folds=folds,
        dtypes=tuple(dtypes),
        forms=tuple(forms),
        board=board,
        cost_rows=X[:cost_rows],
    )
    interrupted = False
    if fit_pool is not None and n_jobs != 1:
        results, interrupted = _pooled(work, chosen, fit_pool, progress, keep_partial)
    elif n_jobs in (None, 1):
        results, interrupted = _serial(work, chosen, progress, keep_partial)
    else:
        results = _parallel(work, chosen, n_jobs)
    rows = [row for result in results for row in result]
    limits = device_cost.BOARDS[board]
    for row in rows:
        row["fits_board"] = row["flash"] <= limits["flash"] and row["ram"] <= limits["ram"]
    for row, flag in zip(rows, pareto_flags(rows)):
        row["pareto"] = flag
    rows = [{k: row[k] for k in COLUMNS} for row in rows]
    report = SweepReport(rows, board, task, seed, cv, len(results))
    report.interrupted = interrupted
    return report
