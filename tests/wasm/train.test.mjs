// The engine's trainers in WebAssembly (wasm/bindings_train.cpp): the same data, parameters
// and seed give byte-identical model blobs natively (`emflow train`) and in WebAssembly;
// bad data and parameters come back as error strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine, nativeCli, random, refusal } from './helpers.mjs';

const module = await engine();

// An engine built without its trainer is a broken build: the tests below fail, never skip.
test('the engine has its trainer (wasm/bindings_train.cpp)', () => {
  assert.equal(typeof module.trainModel, 'function', 'this engine build has no trainModel');
});

// Three noisy classes in 5 features; values are float32 so that the CSV text the CLI reads
// and the Float32Array given to WebAssembly hold the same numbers.
function dataset(rows, seed) {
  const next = random(seed);
  const nFeatures = 5;
  const X = new Float32Array(rows * nFeatures);
  const labels = new Float64Array(rows);
  const values = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const k = i % 3;
    for (let j = 0; j < nFeatures; j++) X[i * nFeatures + j] = (j < 2 ? k : 0) + 2 * next() - 1;
    labels[i] = k;
    values[i] = 3 * X[i * nFeatures] - X[i * nFeatures + 1] + 0.1 * next();
  }
  return { X, nFeatures, labels, values };
}

function csv(data, targets) {
  const lines = [];
  for (let i = 0; i < targets.length; i++) {
    const row = Array.from(data.X.subarray(i * data.nFeatures, (i + 1) * data.nFeatures));
    lines.push([...row, targets[i]].map(String).join(','));
  }
  return lines.join('\n') + '\n';
}

const CASES = [
  { model: 'decision_tree', task: 'classification', params: {} },
  { model: 'random_forest', task: 'classification', params: { n_estimators: 12, random_state: 5 } },
  { model: 'extra_trees', task: 'classification', params: { n_estimators: 12, random_state: 9 } },
  {
    model: 'random_forest',
    task: 'classification',
    params: { n_estimators: 6, criterion: 'entropy', max_features: 'log2', max_depth: 6 },
  },
  { model: 'gaussian_nb', task: 'classification', params: {} },
  { model: 'decision_tree', task: 'regression', params: { min_samples_leaf: 3 } },
  { model: 'random_forest', task: 'regression', params: { n_estimators: 8, random_state: 2 } },
  { model: 'extra_trees', task: 'regression', params: { n_estimators: 8, max_samples: null } },
];

test('native and WebAssembly fits give byte-identical blobs', () => {
  const cli = nativeCli();
  assert.ok(cli, 'native CLI not built (build/native/core/emflow or $EMFLOW_CLI)');
  const dir = mkdtempSync(join(tmpdir(), 'emflow-train-'));
  const data = dataset(240, 11);
  for (const { model, task, params } of CASES) {
    const targets = task === 'classification' ? data.labels : data.values;
    const path = join(dir, 'data.csv');
    writeFileSync(path, csv(data, targets));
    const out = join(dir, 'model.bin');
    const args = ['train', path, '--model', model, '--task', task, '--test-size', '0', '-q'];
    for (const [name, value] of Object.entries(params)) {
      args.push(`--${name.replaceAll('_', '-')}`, value === null ? 'none' : String(value));
    }
    execFileSync(cli, [...args, '-o', out]);
    const native = readFileSync(out);
    let progressCalls = 0;
    const result = module.trainModel(
      data.X,
      data.nFeatures,
      targets,
      { model, task, ...params },
      () => progressCalls++,
    );
    assert.equal(result.error, '', `${model} ${task}`);
    assert.ok(progressCalls >= 1);
    const blob = Buffer.from(result.blob);
    assert.ok(
      blob.equals(native),
      `${model} ${task} ${JSON.stringify(params)}: ${blob.length} vs ${native.length} bytes`,
    );
  }
});

test('the trained blob predicts in the same engine', () => {
  const data = dataset(150, 3);
  const result = module.trainModel(data.X, data.nFeatures, data.labels, {
    model: 'RandomForestClassifier',
    n_estimators: 10,
  });
  assert.equal(result.error, '');
  assert.deepEqual(Array.from(result.classes), [0, 1, 2]);
  const runner = new module.ModelRunner();
  assert.equal(refusal(runner.open(result.blob)), '');
  const predicted = runner.predict(data.X, 150);
  runner.delete();
  assert.equal(predicted.error, '');
  const correct = Array.from(predicted.labels).filter((l, i) => l === data.labels[i]).length;
  assert.ok(correct >= 140, `training accuracy ${correct}/150`);
});

test('bad data and parameters are errors, not crashes', () => {
  const X = new Float32Array([1, 2, 3, NaN, 5, 6]);
  const fit = (x, n, y, params) => module.trainModel(x, n, y, params).error;
  assert.equal(
    fit(X, 2, [0, 1, 0], { model: 'decision_tree', task: 'classification' }),
    'row 1, column 1: feature is NaN (training needs finite numbers)',
  );
  assert.match(fit(new Float32Array(5), 2, [0, 1], { model: 'gaussian_nb' }), /not a multiple/);
  assert.match(fit(new Float32Array(4), 2, [1, 1], { model: 'gaussian_nb' }), /single class/);
  assert.match(fit(new Float32Array(0), 2, [], { model: 'gaussian_nb' }), /empty/);
  assert.match(fit(new Float32Array(4), 2, [0, 1], { model: 'decision_tree' }), /params.task/);
  assert.match(
    fit(new Float32Array(4), 2, [0, 1], { model: 'GaussianNB', depth: 3 }),
    /unknown parameter 'depth'/,
  );
});
