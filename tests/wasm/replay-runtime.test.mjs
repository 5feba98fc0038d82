// The replay world in the protocol runtime (EngineRuntime {world: "replay", data}), as
// `emflow-runtime --world replay --data FILE` serves it: the activity example fed a recording
// of the live activity world's pins sends the classes the live world made it send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine, loadGraph, refusal, root, session } from './helpers.mjs';

const MINUTES = 3;

function classes(module, options) {
  const s = session(module, { timeInEvents: true, ...options });
  assert.equal(JSON.parse(s.runtime.status()).optionsError, undefined);
  const blob = readFileSync(join(root, 'examples/models/activity.bin'));
  assert.equal(refusal(s.runtime.putModel(1, new Uint8Array(blob))), '');
  const parsed = JSON.parse(
    module.parseFbp(readFileSync(join(root, 'examples/activity.fbp'), 'utf8')),
  );
  loadGraph(s, parsed.graph, 'activity');
  const predictions = { src: { node: 'classify', port: 'out' }, tgt: { node: 'log', port: 'in' } };
  s.send('network', 'edges', { graph: 'activity', edges: [predictions] });
  s.send('network', 'start', { graph: 'activity' });
  const events = s.advance(MINUTES * 60_000);
  s.close();
  assert.deepEqual(
    events.filter((e) => e.command === 'error' || e.command === 'processerror'),
    [],
  );
  return events.filter((e) => e.command === 'data').map((e) => [e.payload.timeMs, e.payload.data]);
}

test('a recording of the live activity world replays into the same classes', async () => {
  const module = await engine();
  const live = classes(module, { world: 'activity', seed: 5 });
  assert.equal(live.length, Math.floor((MINUTES * 60_000) / 640));
  assert.ok(new Set(live.map(([, c]) => c)).size >= 2, 'more than one class');
  const recorded = JSON.parse(
    module.recordWorldPins(
      JSON.stringify({
        world: 'activity',
        seed: 5,
        durationMs: MINUTES * 60_000,
        pins: ['A0', 'A1', 'A2'],
      }),
    ),
  );
  assert.equal(recorded.error, '');
  assert.deepEqual(classes(module, { world: 'replay', data: recorded.csv }), live);
});

test('the runtime refuses a bad recording and a replay without one', async () => {
  const module = await engine();
  const status = (options) =>
    JSON.parse(new module.EngineRuntime(JSON.stringify(options)).status()).optionsError;
  assert.equal(
    status({ world: 'replay', data: 'time_ms,A0\n0,5\n10,Infinity\n' }),
    "data:3:2: A0 value 'Infinity' is not a finite number",
  );
  assert.equal(status({ world: 'replay' }), 'the replay world needs a recording (data)');
  assert.equal(
    status({ world: 'fridge', data: 'time_ms,A0\n0,1\n' }),
    'the fridge world replays no recording (data is for replay)',
  );
});
