// Numbers for the WebAssembly engine (reports only, asserts nothing):
//   node tests/wasm/bench.mjs
// start-up time in Node, .wasm size (gzipped), the fridge world's simulated seconds per wall
// second (headless like `emflow run`, and through the protocol runtime), and model batch
// prediction throughput.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { findEngine, loadEngine } from '../../wasm/node-loader.mjs';
import { loadGraph, root, session } from './helpers.mjs';

const wasmPath = findEngine().replace(/\.mjs$/, '.wasm');
const wasm = readFileSync(wasmPath);
let t = performance.now();
const module = await loadEngine();
module.version();
const startupMs = performance.now() - t;

const fbp = readFileSync(join(root, 'examples/fridge.fbp'), 'utf8');
const day = 86_400_000;
module.simulateFridge(fbp, JSON.stringify({ durationMs: 3_600_000 })); // warm-up
t = performance.now();
const headless = JSON.parse(
  module.simulateFridge(fbp, JSON.stringify({ durationMs: day, sampleMs: 3_600_000 })),
);
const headlessS = (performance.now() - t) / 1000;

const s = session(module, { world: 'fridge' });
loadGraph(s, JSON.parse(module.parseFbp(fbp)).graph, 'fridge');
s.send('network', 'start', { graph: 'fridge' });
t = performance.now();
let events = 0;
for (let h = 0; h < 24; h++) events += s.advance(3_600_000).length;
const protocolS = (performance.now() - t) / 1000;
s.close();

const runner = new module.ModelRunner();
runner.open(readFileSync(join(root, 'tests/avr/fixtures/reference_float.bin')));
const nf = JSON.parse(runner.info()).nFeatures;
const rows = 100_000;
const x = new Float32Array(rows * nf).map((_, i) => Math.sin(i) * 3);
runner.predict(x.subarray(0, nf * 100), 100);
t = performance.now();
runner.predict(x, rows);
const predictS = (performance.now() - t) / 1000;
runner.delete();

const rowsOut = [
  ['engine start-up (Node)', `${startupMs.toFixed(1)} ms`],
  [
    'emflow-engine.wasm',
    `${(wasm.length / 1024).toFixed(0)} KiB, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(0)} KiB gzipped`,
  ],
  [
    'fridge 24 h headless (simulateFridge, CSV trace)',
    `${headlessS.toFixed(2)} s wall, ${Math.round(86400 / headlessS)} simulated s per s, ${headless.summary.packets} packets`,
  ],
  [
    'fridge 24 h via protocol (all edges -> network:data)',
    `${protocolS.toFixed(2)} s wall, ${Math.round(86400 / protocolS)} simulated s per s, ${events} events`,
  ],
  ['model predict (reference RF, float, batch)', `${Math.round(rows / predictS)} rows/s`],
];
for (const [name, value] of rowsOut) console.log(`${name.padEnd(54)} ${value}`);
