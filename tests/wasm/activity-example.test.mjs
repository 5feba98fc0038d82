// examples/activity.fbp (Timer → AnalogRead ×3 → WindowFeatures → Classify → SerialOut) in
// the live activity world of the protocol runtime, as the browser runs it: the example's
// model goes into the model store, and its predictions are checked against the world's truth
// (the recording of the same seed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine, loadGraph, refusal, root, session } from './helpers.mjs';

const ACTIVITIES = ['lying', 'standing', 'walking', 'grazing', 'ruminating'];

test('the activity example names what the cow does', async () => {
  const module = await engine();
  const seed = 21;
  const minutes = 10;
  const s = session(module, { world: 'activity', seed, timeInEvents: true });
  const blob = readFileSync(join(root, 'examples/models/activity.bin'));
  assert.equal(refusal(s.runtime.putModel(1, new Uint8Array(blob))), '');
  const parsed = JSON.parse(
    module.parseFbp(readFileSync(join(root, 'examples/activity.fbp'), 'utf8')),
  );
  assert.deepEqual(parsed.problems, []);
  loadGraph(s, parsed.graph, 'activity');
  const predictions = { src: { node: 'classify', port: 'out' }, tgt: { node: 'log', port: 'in' } };
  s.send('network', 'edges', { graph: 'activity', edges: [predictions] });
  s.send('network', 'start', { graph: 'activity' });
  const events = s.advance(minutes * 60_000);
  s.close();

  assert.deepEqual(
    events.filter((e) => e.command === 'error' || e.command === 'processerror'),
    [],
  );
  const classes = events.filter((e) => e.command === 'data');
  // One window of 16 readings at 25 Hz every 0.64 s.
  assert.equal(classes.length, Math.floor((minutes * 60_000) / 640));
  const lines = events.filter((e) => e.command === 'output').map((e) => e.payload.message);
  assert.deepEqual(
    lines,
    classes.map((e) => String(e.payload.data)),
  );

  const truth = JSON.parse(
    module.recordActivity(JSON.stringify({ seed, durationS: minutes * 60 })),
  );
  let right = 0;
  for (const e of classes) {
    // The window ends with the reading at e.timeMs (40 ms per sample; sample i at 40 i ms).
    const sample = Math.floor((e.payload.timeMs * truth.sampleRateHz) / 1000);
    if (ACTIVITIES[e.payload.data] === truth.labels[sample]) right++;
  }
  const accuracy = right / classes.length;
  assert.ok(accuracy > 0.9, `accuracy ${accuracy.toFixed(3)} against the world's truth`);
  assert.ok(new Set(classes.map((e) => e.payload.data)).size >= 2, 'more than one activity seen');
});
