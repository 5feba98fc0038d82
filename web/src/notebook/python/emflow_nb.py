"""Notebook helpers: structured outputs the app draws, scikit-learn loading, engine evaluation.

    import emflow_nb as nb
    await nb.use_sklearn()            # scikit-learn if the package index is reachable
    clf = nb.RandomForestClassifier(n_estimators=10, random_state=0).fit(X, y)
    nb.plot(xs, ys, title="signal"); nb.table(rows, columns=["a", "b"])
    nb.evaluate(clf, X)               # the model in the WebAssembly engine vs Python
    nb.send("activity", clf)          # a "Send to playground" button under the cell
    report = nb.sweep(X, y, board="uno", budget=12)   # accuracy vs flash/RAM/cycles, front drawn

Runs only inside the notebook's Pyodide kernel: `emflow_host` is the JavaScript side
(web/src/notebook/kernel.ts), which draws outputs and calls the engine.
"""

import base64
import hashlib
import json
import math
import struct
import time

import emflow
import emflow.blob as blob_format
import emflow.model_sweep as model_sweep
import emflow.train as builtin
import emflow_host
from emflow.tree_reader import read_trees
from emflow.trees import TreeEnsembleModel

TRAINER_BUILTIN = "the built-in trainer (emflow engine, WebAssembly)"
TRAINER_SKLEARN = "scikit-learn"

# Estimator classes of the current trainer: the built-in ones until use_sklearn() succeeds.
RandomForestClassifier = builtin.RandomForestClassifier
RandomForestRegressor = builtin.RandomForestRegressor
DecisionTreeClassifier = builtin.DecisionTreeClassifier
DecisionTreeRegressor = builtin.DecisionTreeRegressor
ExtraTreesClassifier = builtin.ExtraTreesClassifier
GaussianNB = builtin.GaussianNB
TRAINER = TRAINER_BUILTIN


# Rows each evaluated model was evaluated on (up to 32, by the blob's sha256), for send().
_EVALUATED_ROWS = {}


def _emit(output_type, **data):
    data["type"] = output_type
    emflow_host.emit(json.dumps(data))


def notice(message, level="info"):
    """A coloured notice under the cell (level: info, warning, error)."""
    _emit("notice", level=level, text=str(message))


def plot(x, *series, title="", labels=None, xlabel="x"):
    """A line plot drawn by the app: one x list and one or more y lists of the same length."""
    xs = [float(v) for v in _list(x)]
    ys = [[float(v) for v in _list(s)] for s in series]
    if not ys:
        raise ValueError("plot(x, y, ...) needs at least one y series")
    for i, s in enumerate(ys):
        if len(s) != len(xs):
            raise ValueError("plot: series %d has %d values, x has %d" % (i, len(s), len(xs)))
    names = list(labels) if labels else ["y%d" % i if len(ys) > 1 else "y" for i in range(len(ys))]
    _emit("plot", title=str(title), x=xs, series=ys, labels=names, xlabel=str(xlabel))


def table(rows, columns=None, title=""):
    """A table drawn by the app: rows are lists (with `columns`) or dicts."""
    rows = list(rows)
    if rows and isinstance(rows[0], dict):
        columns = columns or list(rows[0].keys())
        rows = [[row.get(c) for c in columns] for row in rows]
    cells = [[_cell(v) for v in _list(row)] for row in rows]
    width = max([len(r) for r in cells] + [len(columns or [])])
    columns = list(columns) if columns else ["%d" % i for i in range(width)]
    _emit("table", title=str(title), columns=[str(c) for c in columns], rows=cells)


SWEEP_COLUMNS = ["trainer", "family", "dtype", "form", "score", "flash", "ram", "cycles", "params"]
# What the sweep view needs of each row (outputs.ts SweepRow).
_SWEEP_ROW_KEYS = SWEEP_COLUMNS + ["candidate", "seed", "fits_board", "pareto", "blob_bytes"]
# The data of each sweep drawn in this kernel, by id, so that the view's "Send to graph" can
# refit a candidate (sweep_send): its seed is in its row, so the refit gives the same bytes.
_SWEEPS = {}


def sweep(X, y, board="uno", title=None, **options):
    """emflow.sweep (docs/sweep.md) in the notebook. The built-in trainer's fits run on one
    WebAssembly engine worker per core (n_jobs=1: one after another in the kernel); those of
    scikit-learn (after use_sklearn()) run after them, one after another. Draws the sweep view
    (accuracy against flash and cycles, the Pareto front, the board's flash limits; a picked
    point can be sent to the graph) and the front as a table, smallest flash first. Prints its
    progress with the time left; Interrupt ends it with the candidates that finished, which
    are drawn (a notice says so). Returns the report."""
    options.setdefault("keep_partial", True)
    options.setdefault("progress", _SweepProgress())
    if "fit_pool" not in options and options.get("n_jobs") != 1:
        backend = builtin.default_backend()
        workers = backend.fit_slots() if hasattr(backend, "fit_slots") else 0
        if workers > 1:
            options["fit_pool"] = backend
            print("sweep: fitting on %d engine workers" % workers, flush=True)
        elif workers == 0:
            print(
                "sweep: fitting one candidate after another (engine workers need a "
                "cross-origin isolated page: SharedArrayBuffer)",
                flush=True,
            )
    report = emflow.sweep(X, y, board=board, **options)
    if report.interrupted:
        if not report.rows:
            raise KeyboardInterrupt("the sweep was interrupted before its first candidate finished")
        notice(
            "Sweep interrupted: %d candidates finished, drawn below." % report.candidates,
            level="warning",
        )
    summary = report.to_dict()
    front = sorted(report.pareto(), key=lambda row: (row["flash"], row["cycles"]))
    heading = title or "Pareto front on the %s: %d of %d rows (%s)" % (
        board,
        len(front),
        len(report.rows),
        summary["metric"],
    )
    sweep_id = len(_SWEEPS) + 1
    # The rows as emflow.sweep's evaluate() fits them (floats), for an exact refit.
    rows_x = [[float(v) for v in row] for row in _list(X)]
    _SWEEPS[sweep_id] = {"X": rows_x, "y": _list(y), "task": report.task, "rows": report.rows}
    boards = {name: limits["flash"] for name, limits in model_sweep.device_cost.BOARDS.items()}
    _emit(
        "sweep",
        id=sweep_id,
        title=heading,
        metric=summary["metric"],
        board=summary["board"],
        boardFlash=boards,
        rows=[{k: _cell(row[k]) for k in _SWEEP_ROW_KEYS} for row in report.rows],
    )
    # Four decimals are what a cross-validated score can tell apart; the view keeps them all.
    shown = [dict(row, score=round(row["score"], 4)) for row in front]
    table(shown, columns=SWEEP_COLUMNS, title=heading)
    return report


class _SweepProgress:
    """Prints "candidate N of M done, about T s left" about ten times per sweep, so that a long
    one does not bury its view under its progress. The time left assumes the candidates still
    to come take as long as those done so far."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.start = clock()

    def __call__(self, done, total):
        if done != total and done % max(1, total // 10) != 0:
            return
        line = "sweep: candidate %d of %d done" % (done, total)
        if done < total:
            left = (self.clock() - self.start) / done * (total - done)
            line += ", about %s left" % _duration(left)
        print(line, flush=True)


def _duration(seconds):
    if seconds < 90:
        return "%d s" % max(1, round(seconds))
    return "%d min" % round(seconds / 60)


def sweep_model(sweep_id, index):
    """The model blob of row `index` of a sweep drawn in this kernel: its candidate refitted
    on all rows with its own seed (as emflow.sweep fitted it), in the row's dtype; checked
    against the row's sha256 so that what is sent is exactly what was costed."""
    if sweep_id not in _SWEEPS:
        raise ValueError(
            "sweep %r: not drawn in this Python session (run its cell again)" % sweep_id
        )
    data = _SWEEPS[sweep_id]
    if not 0 <= index < len(data["rows"]):
        raise ValueError("sweep %d has %d rows, not row %r" % (sweep_id, len(data["rows"]), index))
    row = data["rows"][index]
    candidate = {
        "trainer": row["trainer"],
        "family": row["family"],
        "params": json.loads(row["params"]),
        "seed": row["seed"],
    }
    estimator = model_sweep.make_estimator(candidate, data["task"]).fit(data["X"], data["y"])
    blob = model_sweep._blob(estimator, row["trainer"])
    if row["dtype"] == "int16":
        blob = read_trees(blob).to_int16().to_bytes()
    if hashlib.sha256(blob).hexdigest() != row["blob_sha256"]:
        raise RuntimeError(
            "sweep %d row %d: the refitted model differs from the swept one (sha256)"
            % (sweep_id, index)
        )
    return estimator, blob


def sweep_send(sweep_id, index):
    """Refits row `index` of a sweep (sweep_model) and offers it to the playground as nb.send
    does; the sweep view's "Send to graph" button runs this."""
    estimator, blob = sweep_model(sweep_id, index)
    row = _SWEEPS[sweep_id]["rows"][index]
    name = "%s_%d_%s_%s" % (row["family"], row["candidate"], row["dtype"], row["form"])
    _emit(
        "model",
        name=name,
        trainer=trainer_of(estimator),
        blob=base64.b64encode(blob).decode("ascii"),
        size=len(blob),
    )


def _list(values):
    return values.tolist() if hasattr(values, "tolist") else list(values)


def _cell(value):
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)


async def use_sklearn(packages=("numpy", "scipy", "scikit-learn")):
    """Loads scikit-learn from the package index; on failure keeps the built-in trainer.

    Returns True when scikit-learn is usable. Either way a notice says which trainer is used.
    """
    global TRAINER
    result = json.loads(await emflow_host.load_packages(json.dumps(list(packages))))
    if result["ok"]:
        try:
            import sklearn.ensemble as ensemble
            import sklearn.naive_bayes as naive_bayes
            import sklearn.tree as tree
        except ImportError as error:
            result = {"ok": False, "error": "import failed: %s" % error}
    if not result["ok"]:
        TRAINER = TRAINER_BUILTIN
        notice(
            "scikit-learn unavailable — trained with the built-in trainer. "
            "The packages could not be loaded from %s (%s). For an offline lab, point "
            "Settings → Package index at a mirror of Pyodide %s's packages. "
            "Meanwhile nb.RandomForestClassifier & co. train in the emflow engine."
            % (result.get("indexUrl", "the package index"), result["error"], result.get("version")),
            level="warning",
        )
        return False
    globals().update(
        RandomForestClassifier=ensemble.RandomForestClassifier,
        RandomForestRegressor=ensemble.RandomForestRegressor,
        ExtraTreesClassifier=ensemble.ExtraTreesClassifier,
        DecisionTreeClassifier=tree.DecisionTreeClassifier,
        DecisionTreeRegressor=tree.DecisionTreeRegressor,
        GaussianNB=naive_bayes.GaussianNB,
    )
    TRAINER = TRAINER_SKLEARN
    notice("scikit-learn %s loaded — models train with scikit-learn." % _sklearn_version())
    return True


def _sklearn_version():
    import sklearn

    return sklearn.__version__


def trainer_of(estimator):
    """Which trainer fitted an estimator, in words."""
    module = type(estimator).__module__
    if module.startswith("sklearn"):
        return TRAINER_SKLEARN
    if module.startswith("emflow.train"):
        return TRAINER_BUILTIN
    return module


def model_bytes(model):
    """The emflow model blob of a converted Model, a built-in estimator, or a scikit-learn one."""
    if isinstance(model, (bytes, bytearray, memoryview)):
        return bytes(model)
    if isinstance(model, emflow.Model):
        return model.to_bytes()
    if hasattr(model, "blob_"):
        return bytes(model.blob_)
    return emflow.convert(model).to_bytes()


def engine_predict(model, X):
    """Runs the model blob in the WebAssembly engine: (label indices, outputs rows, info)."""
    rows = [[float(v) for v in row] for row in _list(X)]
    blob = base64.b64encode(model_bytes(model)).decode("ascii")
    result = json.loads(emflow_host.engine_predict(blob, json.dumps(rows)))
    if result.get("error"):
        raise RuntimeError("the engine refused the model: %s" % result["error"])
    return result["labels"], result["outputs"], result["info"]


def evaluate(model, X, y=None, reference=None, title="Engine vs Python"):
    """Predicts X in the WebAssembly engine and in Python; shows agreement and resources.

    `reference` defaults to model.predict(X) (scikit-learn's or the built-in estimator's).
    With `y` the accuracy of both is reported too. Returns the evaluation as a dict.
    """
    X = [list(row) for row in _list(X)]
    python = _list(reference if reference is not None else model.predict(X))
    labels, outputs, info = engine_predict(model, X)
    classes = _classes(model)
    if classes is not None:
        engine = [classes[k] for k in labels]
    else:
        engine = [row[0] for row in outputs]
    if classes is not None:
        agree = sum(1 for a, b in zip(engine, python) if a == b)
    else:
        agree = sum(1 for a, b in zip(engine, python) if abs(a - float(b)) <= 1e-4 * max(1, abs(b)))
    blob = model_bytes(model)
    result = {
        "title": title,
        "trainer": trainer_of(model),
        "kind": info.get("kindName", "?"),
        "rows": len(X),
        "agreement": agree / float(len(X)) if X else 0.0,
        "blobBytes": len(blob),
        "nFeatures": info.get("nFeatures"),
        "nOutputs": info.get("nOutputs"),
        "classes": [_cell(c) for c in classes] if classes is not None else None,
    }
    if classes is not None:
        index = {c: i for i, c in enumerate(classes)}
        matrix = [[0] * len(classes) for _ in classes]
        for a, b in zip(python, engine):
            if a in index and b in index:
                matrix[index[a]][index[b]] += 1
        result["confusion"] = matrix
    if y is not None:
        truth = _list(y)
        result["accuracyPython"] = _accuracy(python, truth, classes is not None)
        result["accuracyEngine"] = _accuracy(engine, truth, classes is not None)
    result["sketches"] = sketch_costs(blob, X)
    # The blob and up to 32 of the rows go to the page too: it measures the model's cycles per
    # prediction on the virtual Uno (web/src/virtual-board/modelMeter.ts) for these rows.
    sample = [[float(v) for v in row] for row in X[:32]]
    _EVALUATED_ROWS[hashlib.sha256(blob).hexdigest()] = sample
    _emit("evaluation", blob=base64.b64encode(blob).decode("ascii"), sampleRows=sample, **result)
    return result


def sketch_costs(blob, X=None):
    """Flash and static RAM of the sketch that carries the model, and cycles per prediction,
    on each board (Uno, Mega 2560) in each device form (blob + engine, inline code, flash
    tables): emflow.device_cost's models, fitted on real avr-gcc builds measured with avr-size
    and simavr (docs/sweep.md gives their measured error, carried here per form). Forms the
    model has none of (naive Bayes: blob only) are left out; a model the cost models do not
    cover gives an empty list, not an error."""
    from emflow import device_cost

    try:
        info = device_cost.describe(blob, X[:64] if X else None)
    except (ValueError, KeyError, IndexError):
        return []
    rows = []
    for board in sorted(device_cost.BOARDS, key=lambda b: device_cost.BOARDS[b]["flash"]):
        limits = device_cost.BOARDS[board]
        for form in device_cost.FORMS:
            try:
                cost = device_cost.estimate(info, form, board)
            except device_cost.CostError:
                continue
            error = device_cost.MEASURED_ERROR[form]
            rows.append(
                {
                    "board": board,
                    "form": form,
                    "flash": cost["flash"],
                    "ram": cost["ram"],
                    "cycles": cost["cycles"],
                    "flashMax": limits["flash"],
                    "ramMax": limits["ram"],
                    "flashError": error["flash_worst"],
                    "cyclesError": error["cycles_worst"],
                }
            )
    return rows


def _classes(model):
    classes = getattr(model, "classes_", None)
    if classes is None:
        classes = getattr(model, "classes", None)
    return _list(classes) if classes is not None else None


def _accuracy(predicted, truth, classification):
    if classification:
        return sum(1 for p, t in zip(predicted, truth) if p == t) / float(len(truth))
    return None


def record_activity(seed=1, duration_s=600.0, sample_rate_hz=25.0, segments=None):
    """A labelled accelerometer recording from the virtual world (a cow's halter, in g).

    Returns {"sampleRateHz", "x", "y", "z", "labels", "csv"}; labels are activity names.
    `segments` is a list of (activity, seconds); without it a random schedule is drawn.
    """
    options = {"seed": seed, "durationS": duration_s, "sampleRateHz": sample_rate_hz}
    if segments is not None:
        options["segments"] = [{"activity": a, "durationS": float(s)} for a, s in segments]
    result = json.loads(emflow_host.record_activity(json.dumps(options)))
    if not result.get("ok"):  # the engine's {ok, error} convention (docs/wasm.md)
        raise ValueError("record_activity: %s" % result.get("error"))
    return result


def basic_features(values):
    """mean, std, min, max, rms, zero crossings of one channel: core/dsp/features.h's
    definitions, so that the features match the WindowFeatures node of a graph."""
    n = len(values)
    mean = sum(values) / n
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / n)
    rms = math.sqrt(sum(v * v for v in values) / n)
    crossings = sum(1 for a, b in zip(values, values[1:]) if (a < 0) != (b < 0))
    return [mean, std, min(values), max(values), rms, float(crossings)]


def band_energies(values, bands):
    """FFT band energies of one channel as the WindowFeatures node computes them: band b sums
    |X[k]|^2 (X = the real DFT of the window) over bins [1 + b*(n/2)/bands,
    1 + (b+1)*(n/2)/bands), the DC bin left out (core/dsp/features.h, equalBandEdges)."""
    n = len(values)
    if n & (n - 1) or n < 2:
        raise ValueError("band_energies: the window size %d is not a power of two" % n)
    half = n // 2
    if bands > half:
        raise ValueError("band_energies: %d bands need at least %d samples" % (bands, 2 * bands))
    edges = [1 + half * b // bands for b in range(bands + 1)]
    table = _twiddles(n)
    power = []
    for k in range(half + 1):
        re = sum(v * c for v, (c, _) in zip(values, table[k]))
        im = sum(v * s for v, (_, s) in zip(values, table[k]))
        power.append(re * re + im * im)
    return [sum(power[edges[b] : edges[b + 1]]) for b in range(bands)]


_TWIDDLES = {}


def _twiddles(n):
    """cos/sin of the DFT of size n per bin, computed once per size."""
    if n not in _TWIDDLES:
        _TWIDDLES[n] = [
            [
                (math.cos(2 * math.pi * k * i / n), math.sin(2 * math.pi * k * i / n))
                for i in range(n)
            ]
            for k in range(n // 2 + 1)
        ]
    return _TWIDDLES[n]


def window_features(channels, labels=None, size=16, bands=0):
    """Cuts channels (lists of equal length) into non-overlapping windows of `size` samples
    and returns (features, window labels): per window, for each channel in turn, its
    basic_features and `bands` band_energies — the vector of a WindowFeatures node with
    SIZE=size, CHANNELS=len(channels), BANDS=bands. A window's label is its most frequent
    sample label."""
    length = min(len(c) for c in channels)
    features, window_labels = [], []
    for start in range(0, length - size + 1, size):
        row = []
        for channel in channels:
            window = channel[start : start + size]
            row += basic_features(window)
            if bands:
                row += band_energies(window, bands)
        features.append(row)
        if labels is not None:
            chunk = labels[start : start + size]
            window_labels.append(max(sorted(set(chunk)), key=chunk.count))
    return features, window_labels


# The activity world's classes in the order of its index (the `activity` series, and the
# class indices of the activity example's model): web/src/engine/activities.ts.
ACTIVITIES = ["lying", "standing", "walking", "grazing", "ruminating"]


def adc_counts(values_g):
    """Accelerations (g) as the activity world's ADXL335 on a 10-bit, 5 V ADC reads them
    (1.65 V at 0 g, 330 mV/g; core/world/activity_world.cpp): what AnalogRead sends."""
    return [
        float(min(1023, max(0, math.floor((1.65 + 0.33 * g) / 5.0 * 1024.0)))) for g in values_g
    ]


def tree_model(model):
    """The emflow.Model of a tree classifier/regressor blob (e.g. a built-in estimator's
    blob_), read back from the binary format (docs/model-format.md, "Tree payload"), so that
    `.to_header()` and the pure-Python predictor work on it too. The built-in trainer's blobs
    are float models: for emltrees (`.to_csv()`, int16 features only) train on integer
    features and write `tree_model(clf).to_int16().save("m.csv")`."""
    if isinstance(model, emflow.Model):
        return model
    kind, flags, n_features, n_outputs, payload = blob_format.unpack(model_bytes(model))
    roles = {
        blob_format.KIND_TREE_CLASSIFIER: "classifier",
        blob_format.KIND_TREE_REGRESSOR: "regressor",
    }
    if kind not in roles:
        raise ValueError("tree_model: blob kind %d is not a tree classifier/regressor" % kind)
    int16 = bool(flags & blob_format.FLAG_INT16)
    header = struct.Struct("<HBBIIHH")
    n_trees, ref_width, feature_width, n_nodes, n_leaves, leaf_width, n_extra = header.unpack_from(
        payload, 0
    )
    refs = {1: "b", 2: "h", 4: "i"}
    if ref_width not in refs or feature_width not in (1, 2):
        raise ValueError(
            "tree_model: bad reference/feature width %d/%d" % (ref_width, feature_width)
        )
    result = TreeEnsembleModel(
        kind, roles[kind], type(model).__name__, n_features, n_outputs, int16
    )
    offset = header.size
    result.extra = list(struct.unpack_from("<%df" % n_extra, payload, offset))
    offset += 4 * n_extra
    result.roots = list(struct.unpack_from("<%di" % n_trees, payload, offset))
    offset += 4 * n_trees
    node = struct.Struct(
        "<" + ("B" if feature_width == 1 else "H") + ("h" if int16 else "f") + refs[ref_width] * 2
    )
    for _ in range(n_nodes):
        result.nodes.append(node.unpack_from(payload, offset))
        offset += node.size
    for _ in range(n_leaves):
        result.leaves.append(struct.unpack_from("<%df" % leaf_width, payload, offset))
        offset += 4 * leaf_width
    if offset != len(payload):
        raise ValueError("tree_model: %d payload bytes left over" % (len(payload) - offset))
    classes = _classes(model) if not isinstance(model, (bytes, bytearray)) else None
    result.classes = classes if kind == blob_format.KIND_TREE_CLASSIFIER else None
    return result


def send(name, model):
    """Offers the model to the playground (a button under the cell adds it to the graph). A
    model evaluated before (evaluate) goes with up to 32 of its evaluated rows: the playground
    keeps them with the model and the firmware dialog measures its cycles on them."""
    blob = model_bytes(model)
    extra = {}
    rows = _EVALUATED_ROWS.get(hashlib.sha256(blob).hexdigest())
    if rows:
        extra["sampleRows"] = rows
    _emit(
        "model",
        name=str(name),
        trainer=trainer_of(model),
        blob=base64.b64encode(blob).decode("ascii"),
        size=len(blob),
        **extra,
    )
