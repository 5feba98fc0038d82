// EngineRuntime.putModel: a model blob put into the device model store runs in a Classify node
// of a protocol graph, exactly as ModelRunner predicts it, and survives a network restart; bad
// blobs and ids are refused with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine, refusal, root, session } from './helpers.mjs';

const module = await engine();
const blob = readFileSync(join(root, 'tests/fuzz/corpus/model_loader/dt_classifier.bin'));
const rows = [
  [0, 0, 0, 0],
  [-1, 0.5, 3, -2],
  [2, -1, 0.1, 1],
];

function expectedLabels() {
  const runner = new module.ModelRunner();
  assert.equal(refusal(runner.open(blob)), '');
  const result = runner.predict(new Float32Array(rows.flat()), rows.length);
  runner.delete();
  assert.equal(result.error, '');
  return Array.from(result.labels);
}

/** A main graph: Classify (model 3) → Drop, one IIP feature vector per row. */
function classifyGraph(s) {
  const send = (command, payload) => {
    const replies = s.send('graph', command, { ...payload, graph: 'g' });
    const error = replies.find((m) => m.command === 'error');
    assert.equal(error, undefined, `graph:${command}: ${error?.payload.message}`);
  };
  s.send('graph', 'clear', { id: 'g', name: 'G', main: true });
  send('addnode', { id: 'classify', component: 'Classify' });
  send('addnode', { id: 'sink', component: 'Drop' });
  send('addedge', { src: { node: 'classify', port: 'out' }, tgt: { node: 'sink', port: 'in' } });
  send('addinitial', { src: { data: 3 }, tgt: { node: 'classify', port: 'model' } });
  for (const row of rows) {
    send('addinitial', { src: { data: row }, tgt: { node: 'classify', port: 'in' } });
  }
}

function runLabels(s) {
  const started = s.send('network', 'start', { graph: 'g' });
  const events = [...started, ...s.advance(100)];
  const errors = events.filter((m) => m.command.endsWith('error'));
  assert.deepEqual(errors, []);
  s.send('network', 'stop', { graph: 'g' });
  return events
    .filter((m) => m.command === 'data' && m.payload.id === 'classify() OUT -> IN sink()')
    .map((m) => m.payload.data);
}

test('a put model classifies in a Classify node, also after a network restart', () => {
  const expected = expectedLabels();
  const s = session(module, { world: 'none' });
  try {
    assert.equal(refusal(s.runtime.putModel(3, blob)), '');
    classifyGraph(s);
    assert.deepEqual(runLabels(s), expected);
    assert.deepEqual(runLabels(s), expected, 'after stop and start');
  } finally {
    s.close();
  }
});

test('without a put model the MODEL port reports an error instead of classifying', () => {
  const s = session(module, { world: 'none' });
  try {
    classifyGraph(s);
    const started = s.send('network', 'start', { graph: 'g' });
    const events = [...started, ...s.advance(100)];
    assert.ok(
      events.some((m) => m.command === 'processerror' || m.command === 'error'),
      JSON.stringify(events),
    );
    assert.equal(
      events.filter((m) => m.command === 'data' && m.payload.id === 'classify() OUT -> IN sink()')
        .length,
      0,
    );
  } finally {
    s.close();
  }
});

test('corrupt blobs and bad ids are refused with a reason', () => {
  const s = session(module, { world: 'none' });
  try {
    const corrupt = Uint8Array.from(blob);
    corrupt[corrupt.length - 1] ^= 0xff;
    assert.match(refusal(s.runtime.putModel(1, corrupt)), /putModel: model 1 refused: \w+/);
    assert.match(refusal(s.runtime.putModel(1, new Uint8Array(0))), /refused/);
    assert.match(refusal(s.runtime.putModel(16, blob)), /id 16 out of range 0\.\.15/);
    assert.match(refusal(s.runtime.putModel(-1, blob)), /out of range/);
    // A refused blob leaves an earlier good one in place.
    assert.equal(refusal(s.runtime.putModel(1, blob)), '');
    assert.match(refusal(s.runtime.putModel(1, corrupt)), /refused/);
  } finally {
    s.close();
  }
});
