"""The Pyodide backend of emflow.train: fits and predicts in the WebAssembly engine.

The kernel installs it at start-up (`emflow.train.set_default_backend(WasmEngineBackend())`),
so `emflow.train.RandomForestClassifier().fit(X, y)` trains with the engine's own C++ trainer
(core/host/train through wasm/bindings_train.cpp). `emflow_host` is the JavaScript bridge.
"""

import base64
import json

import emflow_host
from emflow.train import TrainingError


class WasmEngineBackend:
    """fit(model, task, params, X, y) -> blob bytes; predict(blob, X) -> output rows."""

    name = "emflow engine (WebAssembly)"

    def fit(self, model, task, params, X, y):
        settings = dict(params, model=model, task=task)
        flat = [float(v) for row in X for v in row]
        reply = json.loads(
            emflow_host.engine_train(
                json.dumps(settings), json.dumps(flat), len(X[0]), json.dumps(list(y))
            )
        )
        if reply.get("error"):
            raise TrainingError(reply["error"])
        return base64.b64decode(reply["blob"])

    def fit_slots(self):
        """Engine workers for a sweep's fits (0: none; the page is not cross-origin isolated)."""
        return int(emflow_host.fit_pool_size())

    def fit_many(self, X, requests, on_fit):
        """A sweep's fits on the kernel's engine workers (fitPool.ts), as many at once as there
        are workers: requests as emflow.model_sweep.fit_requests gives them, on_fit(number,
        blob, error) called as each ends. Returns True when Interrupt ended them."""
        flat = [float(v) for row in X for v in row]
        wire = [
            {
                "params": dict(r["params"], model=r["model"], task=r["task"]),
                "rows": r["rows"],
                "y": [float(v) for v in r["y"]],
            }
            for r in requests
        ]

        def landed(number, blob64, error):  # '' for what a fit lacks
            on_fit(number, base64.b64decode(blob64) if blob64 else None, error or None)

        reply = json.loads(
            emflow_host.engine_fit_many(json.dumps(flat), len(X[0]), json.dumps(wire), landed)
        )
        if reply.get("error"):
            raise TrainingError(reply["error"])
        return bool(reply["interrupted"])

    def predict(self, blob, X):
        encoded = base64.b64encode(bytes(blob)).decode("ascii")
        reply = json.loads(emflow_host.engine_predict(encoded, json.dumps(X)))
        if reply.get("error"):
            raise TrainingError(reply["error"])
        return reply["outputs"]
