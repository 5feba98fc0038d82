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

    def predict(self, blob, X):
        encoded = base64.b64encode(bytes(blob)).decode("ascii")
        reply = json.loads(emflow_host.engine_predict(encoded, json.dumps(X)))
        if reply.get("error"):
            raise TrainingError(reply["error"])
        return reply["outputs"]
