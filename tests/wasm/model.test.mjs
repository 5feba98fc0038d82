// Model blobs in WebAssembly: predictions equal the native CLI's (`emflow predict`) bit for
// bit, and corrupt blobs or wrong shapes are errors, never crashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine, nativeCli, random, refusal, root } from './helpers.mjs';

const module = await engine();
const corpus = join(root, 'tests/fuzz/corpus/model_loader');
const blobs = readdirSync(corpus)
  .filter((f) => f.endsWith('.bin'))
  .map((f) => join(corpus, f))
  .concat([join(root, 'tests/avr/fixtures/reference_float.bin')]);

function open(bytes) {
  const runner = new module.ModelRunner();
  const error = refusal(runner.open(bytes));
  return { runner, error };
}

test('every fixture blob predicts exactly as the native CLI', (t) => {
  const cli = nativeCli();
  if (!cli) {
    t.skip('native CLI not built (build/native/core/emflow)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'emflow-model-'));
  let checked = 0;
  for (const path of blobs) {
    const { runner, error } = open(readFileSync(path));
    if (error) {
      runner.delete();
      continue; // a deliberately corrupt seed of the fuzz corpus
    }
    const info = JSON.parse(runner.info());
    if (info.fixedPoint) {
      runner.delete();
      continue; // int16 features need the user's scaling; covered by the C++ tests
    }
    const next = random(checked + 1);
    const rows = 200;
    const features = new Float32Array(rows * info.nFeatures).map(() =>
      Math.fround(next() * 20 - 10),
    );
    const csv = [];
    for (let r = 0; r < rows; r++) {
      csv.push(
        Array.from(features.subarray(r * info.nFeatures, (r + 1) * info.nFeatures), (v) =>
          v.toPrecision(9),
        ).join(','),
      );
    }
    const data = join(dir, 'data.csv');
    writeFileSync(data, `${csv.join('\n')}\n`);
    const result = runner.predict(features, rows);
    assert.equal(result.error, '', path);
    const labels = execFileSync(cli, ['predict', path, data], { encoding: 'utf8' })
      .trim()
      .split('\n');
    if (info.kindName === 'regressor') {
      // One value per output, comma-separated (multi-output regressors print several).
      labels.forEach((line, r) => {
        const expected = line.split(',').map((v) => Math.fround(Number(v)));
        const got = Array.from(result.outputs.subarray(r * info.nOutputs, (r + 1) * info.nOutputs));
        assert.deepEqual(got, expected, `${path} row ${r}`);
      });
    } else {
      assert.deepEqual(labels.map(Number), Array.from(result.labels), path);
    }
    if (info.kindName === 'classifier') {
      const proba = execFileSync(cli, ['predict', path, data, '--proba'], { encoding: 'utf8' })
        .trim()
        .split('\n');
      proba.forEach((line, r) => {
        const expected = line.split(',').map((v) => Math.fround(Number(v)));
        const got = Array.from(result.outputs.subarray(r * info.nOutputs, (r + 1) * info.nOutputs));
        assert.deepEqual(got, expected, `${path} row ${r}`);
      });
    }
    runner.delete();
    checked++;
  }
  assert.ok(checked >= 4, `only ${checked} blobs checked`);
});

test('corrupt blobs and wrong shapes are errors', () => {
  const good = readFileSync(join(root, 'tests/avr/fixtures/reference_float.bin'));
  for (const bytes of [new Uint8Array(0), new Uint8Array(100), good.subarray(0, good.length - 3)]) {
    const { runner, error } = open(bytes);
    assert.notEqual(error, '');
    assert.match(JSON.parse(runner.info()).error, /no model open/);
    assert.match(runner.predict(new Float32Array(8), 1).error, /no model open/);
    runner.delete();
  }
  const flipped = Uint8Array.from(good);
  flipped[flipped.length >> 1] ^= 0xff;
  const corrupt = open(flipped);
  assert.match(corrupt.error, /refused/);
  corrupt.runner.delete();
  const { runner, error } = open(good);
  assert.equal(error, '');
  const nf = JSON.parse(runner.info()).nFeatures;
  assert.match(runner.predict(new Float32Array(nf + 1), 1).error, /expected rows x nFeatures/);
  assert.equal(runner.predict(new Float32Array(nf * 3), 3).labels.length, 3);
  runner.delete();
});
