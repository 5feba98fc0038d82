// Malformed input of every kind gives an error value; the module keeps working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, random, session } from './helpers.mjs';

const module = await engine();

test('malformed .fbp gives located problems', () => {
  const cases = [
    'a(Timer) OUT -> IN b(Drop',
    "'unterminated -> IN a(Timer)",
    'a(Timer) OUT -> IN',
    '\u0000\u00ff',
  ];
  for (const text of cases) {
    const result = JSON.parse(module.parseFbp(text));
    assert.equal(result.ok, false, text);
    assert.ok(result.problems.length > 0);
    assert.ok(
      result.problems[0].line >= 1 && result.problems[0].column >= 1,
      JSON.stringify(result),
    );
  }
  const unknown = JSON.parse(module.parseFbp('t(Timer) OUT -> TRIGER r(ReadDallasTemperature)'));
  assert.match(unknown.problems[0].message, /did you mean TRIGGER/);
  assert.match(
    JSON.parse(module.validateGraph('{"processes": 3}')).problems[0].message,
    /processes/,
  );
  assert.ok(JSON.parse(module.graphToFbp('nope')).error);
});

test('random bytes as protocol messages never break the runtime', () => {
  const s = session(module);
  const next = random(7);
  for (let i = 0; i < 500; i++) {
    const length = Math.floor(next() * 80);
    const text = String.fromCharCode(...Array.from({ length }, () => Math.floor(next() * 128)));
    const replies = JSON.parse(s.runtime.handle(text));
    assert.equal(replies.length, 1);
    assert.equal(replies[0].command, 'error');
  }
  const shapes = [
    null,
    1,
    'x',
    [],
    { protocol: 'graph' },
    { protocol: 'graph', command: 'addnode', payload: [] },
    { protocol: 'graph', command: 'addedge', payload: { graph: 'g', src: 1, tgt: null } },
    { protocol: 'network', command: 'edges', payload: { graph: 'g', edges: [1, 2] } },
  ];
  s.send('graph', 'clear', { id: 'g' });
  for (const shape of shapes) {
    const replies = JSON.parse(s.runtime.handle(JSON.stringify(shape)));
    assert.equal(replies[0].command, 'error', JSON.stringify(shape));
  }
  assert.equal(s.send('runtime', 'getruntime')[0].command, 'runtime');
  assert.equal(JSON.parse(s.runtime.advance(-5))[0].command, 'error');
  s.close();
});

test('the activity world records labelled, seedable datasets', () => {
  const options = {
    seed: 3,
    segments: [
      { activity: 'grazing', durationS: 20 },
      { activity: 'walking', durationS: 10 },
    ],
  };
  const a = JSON.parse(module.recordActivity(JSON.stringify(options)));
  const b = JSON.parse(module.recordActivity(JSON.stringify(options)));
  assert.equal(a.csv, b.csv);
  assert.equal(a.x.length, 30 * 25);
  assert.equal(a.labels[0], 'grazing');
  assert.equal(a.labels.at(-1), 'walking');
  assert.equal(a.csv.split('\n')[0], 'time_s,x_g,y_g,z_g,activity');
  const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
  assert.ok(mean(a.x.slice(0, 500)) < -0.7, 'grazing: head down');
  assert.match(
    JSON.parse(module.recordActivity('{"segments": [{"activity": "flying", "durationS": 3}]}'))
      .error,
    /^recordActivity: segments\[0\]\.activity must be an activity \(.*\), got "flying"$/,
  );
  assert.match(JSON.parse(module.recordActivity('{"sampleRateHz": 0}')).error, /sample rate/);
  assert.match(JSON.parse(module.recordActivity('{"seed": "x"}')).error, /^recordActivity: seed /);
  const random10 = JSON.parse(module.recordActivity('{"seed": 9, "durationS": 600}'));
  assert.ok(new Set(random10.labels).size >= 3);
});
