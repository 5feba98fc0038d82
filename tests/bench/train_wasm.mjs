// WebAssembly half of tests/bench/train.sh: fits the same 100-tree forests as the native
// benchmark on DATA.csv (features..., label) through the engine's trainModel binding.
// Usage: node tests/bench/train_wasm.mjs DATA.csv   (engine: $EMFLOW_ENGINE or the usual places)
import { readFileSync } from 'node:fs';
import { loadEngine } from '../../wasm/node-loader.mjs';

const lines = readFileSync(process.argv[2], 'utf8').trim().split('\n');
const nFeatures = lines[0].split(',').length - 1;
const X = new Float32Array(lines.length * nFeatures);
const y = new Float64Array(lines.length);
lines.forEach((line, i) => {
  const cells = line.split(',').map(Number);
  X.set(cells.slice(0, nFeatures), i * nFeatures);
  y[i] = cells[nFeatures];
});
const engine = await loadEngine();
if (typeof engine.trainModel !== 'function') {
  console.log(
    'emflow WebAssembly fit: not measured (engine built without wasm/bindings_train.cpp)',
  );
  process.exit(0);
}
for (const model of ['RandomForestClassifier', 'ExtraTreesClassifier']) {
  const start = performance.now();
  const result = engine.trainModel(X, nFeatures, y, { model, n_estimators: 100, random_state: 0 });
  const seconds = (performance.now() - start) / 1000;
  if (result.error) throw new Error(result.error);
  console.log(
    `emflow WebAssembly ${model}(100) fit: ${seconds.toFixed(3)} s (${lines.length} rows)`,
  );
}
