// Numbers for the WebAssembly engine (reports only, asserts nothing):
//   node tests/wasm/bench.mjs          (tests/bench/wasm.sh builds what it needs first)
// start-up time in Node, .wasm size (gzipped), the fridge world's simulated seconds per wall
// second in WebAssembly and natively (`emflow run`, $EMFLOW_CLI), the protocol runtime's
// speed, and the WASM/native time ratio of model prediction (same blobs, same rows; native:
// tests/wasm/predict_native.cpp at -O2, $EMFLOW_PREDICT_NATIVE).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { findEngine, loadEngine } from '../../wasm/node-loader.mjs';
import { loadGraph, nativeCli, random, refusal, root, session } from './helpers.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'emflow-bench-'));
const report = [];
const line = (name, value) => report.push([name, value]);
const best = (runs, fn) => Math.min(...Array.from({ length: runs }, fn));
const timed = (fn) => {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
};

// ---- start-up and size -----------------------------------------------------------------------
const wasm = readFileSync(findEngine().replace(/\.mjs$/, '.wasm'));
let t = performance.now();
const module = await loadEngine();
module.version();
line(
  'engine start-up (Node: import + instantiate + call)',
  `${(performance.now() - t).toFixed(1)} ms`,
);
line(
  'emflow-engine.wasm',
  `${(wasm.length / 1024).toFixed(0)} KiB, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(0)} KiB gzipped`,
);

// ---- the fridge, 24 simulated hours ------------------------------------------------------------
const fbpPath = join(root, 'examples/fridge.fbp');
const fbp = readFileSync(fbpPath, 'utf8');
const day = 86_400;
const options = JSON.stringify({ durationMs: day * 1000, sampleMs: 60_000 });
module.simulateFridge(fbp, JSON.stringify({ durationMs: 3_600_000 })); // warm-up
let packets = 0;
const wasmFridgeS = best(5, () =>
  timed(() => (packets = module.simulateFridge(fbp, options).summary.packets)),
);
line(
  'fridge 24 h, WebAssembly (simulateFridge, CSV trace)',
  `${wasmFridgeS.toFixed(3)} s wall, ${Math.round(day / wasmFridgeS)} simulated s/s, ${packets} packets`,
);
const cli = nativeCli();
if (cli) {
  const trace = join(scratch, 'fridge.csv');
  const args = ['run', fbpPath, '--world', 'fridge', '--duration', '24h', '--seed', '1'];
  const nativeS = best(5, () =>
    timed(() =>
      execFileSync(cli, [...args, '--trace', trace, '--sample', '1m'], { stdio: 'ignore' }),
    ),
  );
  line(
    'fridge 24 h, native (emflow run, CSV trace, process incl.)',
    `${nativeS.toFixed(3)} s wall, ${Math.round(day / nativeS)} simulated s/s; WASM/native ${(wasmFridgeS / nativeS).toFixed(2)}x`,
  );
} else {
  line('fridge 24 h, native', 'skipped: no emflow CLI (build/native or $EMFLOW_CLI)');
}

const s = session(module, { world: 'fridge' });
loadGraph(s, JSON.parse(module.parseFbp(fbp)).graph, 'fridge');
s.send('network', 'start', { graph: 'fridge' });
let events = 0;
const protocolS = timed(() => {
  for (let h = 0; h < 24; h++) events += s.advance(3_600_000).length;
});
s.close();
line(
  'fridge 24 h via the protocol (every edge -> network:data)',
  `${protocolS.toFixed(2)} s wall, ${Math.round(day / protocolS)} simulated s/s, ${events} events`,
);

// ---- model prediction: WebAssembly vs native ---------------------------------------------------
function biggerForest() {
  // 100 trees on 8 noisy features: a forest of the size a playground user trains.
  const rows = 4000;
  const rand = random(7);
  const x = new Float32Array(rows * 8).map(() => rand() * 10 - 5);
  const y = new Int32Array(rows).map((_, r) =>
    x[r * 8] + x[r * 8 + 1] * x[r * 8 + 2] > rand() * 4 ? 1 : 0,
  );
  const params = {
    model: 'random_forest',
    task: 'classification',
    n_estimators: 100,
    max_depth: 12,
    random_state: 0,
  };
  const result = module.trainModel(x, 8, y, params);
  if (result.error) throw new Error(`training the bench forest: ${result.error}`);
  const path = join(scratch, 'forest100.bin');
  writeFileSync(path, result.blob);
  return path;
}

const predictNative = process.env.EMFLOW_PREDICT_NATIVE;
const models = [
  [
    'reference RF, int16 (tests/avr/fixtures/reference.bin)',
    join(root, 'tests/avr/fixtures/reference.bin'),
  ],
  [
    'reference RF, float (reference_float.bin)',
    join(root, 'tests/avr/fixtures/reference_float.bin'),
  ],
  ['100-tree forest, depth 12, float (trained here)', biggerForest()],
];
for (const [name, path] of models) {
  const runner = new module.ModelRunner();
  const refused = refusal(runner.open(readFileSync(path)));
  if (refused) throw new Error(`${path}: ${refused}`);
  const nf = JSON.parse(runner.info()).nFeatures;
  const rows = 20_000;
  const rand = random(11);
  const x = new Float32Array(rows * nf).map(() => Math.round((rand() * 20 - 10) * 100) / 10);
  runner.predict(x.subarray(0, nf * 100), 100); // warm-up
  const wasmNs = (best(5, () => timed(() => runner.predict(x, rows))) / rows) * 1e9;
  runner.delete();
  let ratio = 'native: not built (tests/bench/wasm.sh sets $EMFLOW_PREDICT_NATIVE)';
  if (predictNative && existsSync(predictNative)) {
    const features = join(scratch, 'features.f32');
    writeFileSync(features, Buffer.from(x.buffer));
    const out = execFileSync(predictNative, [path, features, String(rows), '5'], {
      encoding: 'utf8',
    });
    const nativeNs = Number(/ns_per_row ([\d.]+)/.exec(out)[1]);
    ratio = `native ${nativeNs.toFixed(0)} ns/row, WASM/native ${(wasmNs / nativeNs).toFixed(2)}x`;
  }
  line(`predict: ${name}`, `WASM ${wasmNs.toFixed(0)} ns/row; ${ratio}`);
}

rmSync(scratch, { recursive: true, force: true });
for (const [name, value] of report) console.log(`${name.padEnd(60)} ${value}`);
