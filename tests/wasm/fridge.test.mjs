// The fridge world in WebAssembly: the example thermostat graph runs a simulated day through
// the protocol runtime, and `simulateFridge` gives byte-for-byte the trace of the native
// `emflow run` for the same graph and seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine, loadGraph, nativeCli, refusal, root, session } from './helpers.mjs';

const module = await engine();
const fridgeFbp = readFileSync(join(root, 'examples/fridge.fbp'), 'utf8');

test('the example thermostat keeps the virtual fridge cold for a simulated day', () => {
  const parsed = JSON.parse(module.parseFbp(fridgeFbp));
  assert.equal(parsed.ok, true, JSON.stringify(parsed.problems));
  const s = session(module, { world: 'fridge', seed: 1 });
  loadGraph(s, parsed.graph, 'fridge');
  s.runtime.setSampleInterval(60_000);
  const started = s.send('network', 'start', { graph: 'fridge' });
  assert.equal(started.filter((m) => m.command === 'error').length, 0, JSON.stringify(started));
  const wall = performance.now();
  let readings = 0;
  const air = [];
  let overlaps = 0;
  for (let hour = 0; hour < 24; hour++) {
    for (const m of s.advance(3_600_000)) {
      assert.notEqual(m.command, 'processerror', JSON.stringify(m));
      if (m.payload.tgt?.node === 'hysteresis' && m.payload.tgt.port === 'in') readings++;
    }
    const batch = JSON.parse(s.runtime.takeSamples());
    batch.series.airC.forEach((v, i) => {
      if (batch.timeMs[i] >= 3_600_000) air.push(v);
      if (batch.series.pin11?.[i] === 1 && batch.series.pin12?.[i] === 1) overlaps++;
    });
  }
  const seconds = (performance.now() - wall) / 1000;
  console.log(
    `# fridge via protocol: 24 h simulated in ${seconds.toFixed(2)} s (${Math.round(86400 / seconds)}x real time)`,
  );
  assert.equal(JSON.parse(s.runtime.status()).timeMs, 86_400_000);
  assert.ok(readings > 17_000, `readings ${readings}`); // one every 5 s
  assert.equal(overlaps, 0);
  assert.ok(
    Math.min(...air) > 2.5 && Math.max(...air) < 6.5,
    `air ${Math.min(...air)}..${Math.max(...air)}`,
  );
  s.close();
});

test('live inputs: opening the door warms the compartment', () => {
  const s = session(module, { world: 'fridge', seed: 2 });
  s.send('graph', 'clear', { id: 'g' });
  s.advance(60_000);
  const before = JSON.parse(s.runtime.status()).sample.airC;
  assert.equal(
    refusal(s.runtime.setWorldInputs(JSON.stringify({ doorOpen: true, ambientC: 30 }))),
    '',
  );
  s.advance(300_000);
  const after = JSON.parse(s.runtime.status()).sample;
  assert.equal(after.doorOpen, 1);
  assert.ok(after.airC > before + 1, `${before} -> ${after.airC}`);
  assert.match(
    refusal(s.runtime.setWorldInputs('{"ambientC": "hot"}')),
    /ambientC must be a number/,
  );
  assert.match(refusal(s.runtime.setWorldInputs('{"ambientC": 500}')), /between/);
  s.close();
});

test('simulateFridge: byte-identical trace to the native emflow run', (t) => {
  const cli = nativeCli();
  if (!cli) {
    t.skip('native CLI not built (build/native/core/emflow)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'emflow-parity-'));
  for (const seed of [1, 42]) {
    const trace = join(dir, `native-${seed}.csv`);
    execFileSync(cli, [
      'run',
      join(root, 'examples/fridge.fbp'),
      '--world',
      'fridge',
      '--duration',
      '6h',
      '--seed',
      String(seed),
      '--trace',
      trace,
      '--door-schedule',
      '2h+1m',
    ]);
    const wasm = module.simulateFridge(
      fridgeFbp,
      JSON.stringify({ durationMs: 6 * 3_600_000, seed, doorSchedule: '2h+1m' }),
    );
    assert.equal(wasm.error, '');
    const native = readFileSync(trace, 'utf8');
    assert.ok(native.split('\n').length > 9000);
    assert.equal(wasm.csv, native, `seed ${seed}: WebAssembly trace differs from native`);
    assert.equal(wasm.summary.relayOverlaps, 0);
  }
});

test('simulateFridge reports bad graphs and options with locations', () => {
  const bad = module.simulateFridge('timer(Timer) OUT -> IN x(Nope)', '{}');
  assert.match(bad.error, /1:\d+/);
  assert.match(
    module.simulateFridge(fridgeFbp, '{"durationMs": "1h"}').error,
    /^simulateFridge: durationMs must be a whole number/,
  );
  assert.match(module.simulateFridge(fridgeFbp, 'nope').error, /JSON object/);
  assert.match(
    module.simulateFridge(fridgeFbp, '{"doorSchedule": "sometimes"}').error,
    /doorSchedule/,
  );
});
