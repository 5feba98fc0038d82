// The protocol runtime's newer features through the WebAssembly engine: component sources,
// the input-driven clock, serial output as network:output, arrays at exported ports, the
// model store, the activity world, and the options of bin/emflow-runtime.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine, protocolSchemas, refusal, root, session } from './helpers.mjs';

const module = await engine();
const tv4 = protocolSchemas();

function assertValid(message) {
  const schema = `/${message.protocol}/output/${message.command}`;
  const result = tv4.validateMultiple(message, schema);
  assert.deepEqual(result.missing, [], `no schema ${schema}`);
  assert.ok(result.valid, `${schema}: ${JSON.stringify(result.errors.map((e) => e.message))}`);
}

/** A graph from .fbp text, started; returns the session. */
function started(fbp, options = {}) {
  const s = session(module, { componentPrefix: 'core', timeInEvents: false, ...options });
  const graph = JSON.parse(module.parseFbp(fbp)).graph;
  assert.ok(graph, 'fixture parses');
  s.send('graph', 'clear', { id: 'g', name: 'g', main: true });
  for (const [id, p] of Object.entries(graph.processes)) {
    s.send('graph', 'addnode', { id, component: p.component, metadata: {}, graph: 'g' });
  }
  const end = (e) => ({
    node: e.process,
    port: e.port,
    ...(e.index !== undefined && { index: e.index }),
  });
  for (const c of graph.connections) {
    const replies = c.src
      ? s.send('graph', 'addedge', { src: end(c.src), tgt: end(c.tgt), graph: 'g' })
      : s.send('graph', 'addinitial', { src: { data: c.data }, tgt: end(c.tgt), graph: 'g' });
    assert.ok(!replies.some((r) => r.command === 'error'), JSON.stringify(replies));
  }
  for (const kind of ['inports', 'outports']) {
    for (const [name, p] of Object.entries(graph[kind])) {
      const command = kind === 'inports' ? 'addinport' : 'addoutport';
      s.send('graph', command, { public: name, node: p.process, port: p.port, graph: 'g' });
    }
  }
  s.send('network', 'start', { graph: 'g' });
  return s;
}

// Exported names are lower-case, as npm fbp (and fbp-spec) give them.
const packet = (port, payload) => ({ port, event: 'data', payload, graph: 'g' });
const outputs = (messages) =>
  messages.filter((m) => m.command === 'packet').map((m) => [m.payload.port, m.payload.payload]);

test('component:getsource sends the device header the engine was built from', () => {
  const s = session(module, { componentPrefix: 'core' });
  for (const [name, file] of [
    ['core/Timer', 'timer.h'],
    ['HysteresisLatch', 'hysteresis_latch.h'],
    ['core/ReadDallasTemperature', 'read_dallas_temperature.h'],
  ]) {
    const [reply] = s.send('component', 'getsource', { name });
    assertValid(reply);
    assert.equal(reply.payload.language, 'c++');
    assert.equal(reply.payload.library, 'core');
    assert.equal(reply.payload.name, name.replace('core/', ''));
    assert.equal(reply.payload.code, readFileSync(join(root, 'core/components', file), 'utf8'));
  }
  // A component with a .cpp gets both files.
  const [serial] = s.send('component', 'getsource', { name: 'SerialOut' });
  assert.ok(
    serial.payload.code.startsWith(
      readFileSync(join(root, 'core/components/serial_out.h'), 'utf8'),
    ),
  );
  assert.ok(
    serial.payload.code.endsWith(
      readFileSync(join(root, 'core/components/serial_out.cpp'), 'utf8'),
    ),
  );
  const [unknown] = s.send('component', 'getsource', { name: 'core/Timr' });
  assert.equal(unknown.command, 'error');
  assert.match(unknown.payload.message, /unknown component core\/Timr \(did you mean Timer\?\)/);
  s.close();
});

test('the input-driven clock runs virtual time to the next output and no further', () => {
  const s = started(`
    INPORT=t.INTERVAL:INTERVAL
    OUTPORT=n.OUT:BANGS
    t(core/Timer) OUT -> IN n(core/Count)`);
  assert.deepEqual(outputs(s.send('runtime', 'packet', packet('interval', 250))), []);
  assert.equal(JSON.parse(s.runtime.status()).timeMs, 0);
  let events = JSON.parse(s.runtime.runUntilOutput(60_000));
  assert.deepEqual(outputs(events), [['bangs', 1]]);
  assert.equal(JSON.parse(s.runtime.status()).timeMs, 250);
  // Nothing came in: time stands still.
  assert.deepEqual(JSON.parse(s.runtime.runUntilOutput(60_000)), []);
  assert.equal(JSON.parse(s.runtime.status()).timeMs, 250);
  s.send('runtime', 'packet', packet('interval', 1000));
  events = JSON.parse(s.runtime.runUntilOutput(60_000));
  assert.deepEqual(outputs(events), [['bangs', 2]]);
  assert.equal(JSON.parse(s.runtime.status()).timeMs, 1250);
  // The limit stops a run that would go on too long.
  s.send('runtime', 'packet', packet('interval', 5000));
  assert.deepEqual(outputs(JSON.parse(s.runtime.runUntilOutput(1000))), []);
  assert.equal(JSON.parse(s.runtime.status()).timeMs, 1250);
  assert.match(JSON.parse(s.runtime.runUntilOutput(-1))[0].payload.message, /limitMs/);
  s.close();
});

test('SerialOut lines come out as network:output', () => {
  const s = started(`
    INPORT=p.IN:IN
    p(core/SerialOut)`);
  const lines = (messages) =>
    messages.filter((m) => m.command === 'output').map((m) => (assertValid(m), m.payload.message));
  assert.deepEqual(lines(s.send('runtime', 'packet', packet('in', 21.5))), ['21.50']);
  assert.deepEqual(lines(s.send('runtime', 'packet', packet('in', 42))), ['42']);
  assert.deepEqual(lines(s.send('runtime', 'packet', packet('in', true))), ['true']);
  s.close();
});

test('a bracketed sequence leaving an exported port is one JSON array', () => {
  const s = started(`
    INPORT=f.IN:IN
    OUTPORT=f.OUT:OUT
    '2' -> SIZE f(core/WindowFeatures)`);
  assert.deepEqual(outputs(s.send('runtime', 'packet', packet('in', -1))), []);
  const [[port, features]] = outputs(s.send('runtime', 'packet', packet('in', 3)));
  assert.equal(port, 'out');
  // mean, std, min, max, rms (float32: compared to 6 digits), zero crossings
  assert.deepEqual(features.slice(0, 4), [1, 2, -1, 3]);
  assert.ok(Math.abs(features[4] - Math.sqrt(5)) < 1e-6, `rms ${features[4]}`);
  assert.equal(features[5], 1);
  s.close();
});

test('models in the store drive Classify; a model of the wrong kind is refused', () => {
  const classifier = readFileSync(join(root, 'tests/protocol/models/classifier.bin'));
  const regressor = readFileSync(join(root, 'tests/protocol/models/regressor.bin'));
  const s = started(`
    INPORT=c.MODEL:MODEL
    INPORT=c.IN:IN
    OUTPORT=c.OUT:OUT
    OUTPORT=c.PROBA:PROBA
    c(core/Classify)`);
  assert.equal(refusal(s.runtime.putModel(3, new Uint8Array(classifier))), '');
  assert.equal(refusal(s.runtime.putModel(4, new Uint8Array(regressor))), '');
  assert.match(
    refusal(s.runtime.putModel(3, new Uint8Array(classifier.subarray(0, 20)))),
    /refused/,
  );
  assert.match(refusal(s.runtime.putModel(99, new Uint8Array(classifier))), /out of range/);
  s.send('runtime', 'packet', packet('model', 3));
  assert.deepEqual(outputs(s.send('runtime', 'packet', packet('in', [9, 1]))), [
    ['out', 1],
    ['proba', [0, 1]],
  ]);
  const refused = s.send('runtime', 'packet', packet('model', 4));
  const error = refused.find((m) => m.command === 'processerror');
  assert.match(error.payload.error, /unsupported model type on port model/);
  s.close();
});

test('the activity world: its samples carry the true activity next to the pins', () => {
  const s = started(
    `
    INPORT=a.TRIGGER:TRIGGER
    OUTPORT=a.OUT:OUT
    '14' -> PIN a(core/AnalogRead)`,
    { world: 'activity', seed: 2 },
  );
  const status = JSON.parse(s.runtime.status());
  assert.equal(status.world, 'activity');
  assert.deepEqual(Object.keys(status.sample).sort(), [
    'accelXG',
    'accelYG',
    'accelZG',
    'activity',
  ]);
  s.runtime.setSampleInterval(500);
  s.advance(10_000);
  const { series } = JSON.parse(s.runtime.takeSamples());
  assert.equal(series.activity.length, 21);
  assert.ok(series.activity.every((a) => Number.isInteger(a) && a >= 0 && a < 5));
  const [[, counts]] = outputs(s.send('runtime', 'packet', packet('trigger', null)));
  const x = JSON.parse(s.runtime.status()).sample.accelXG;
  assert.equal(counts, Math.floor(((1.65 + 0.33 * x) / 5) * 1024));
  const bad = s.runtime.reset('{"world": "moon"}');
  assert.match(refusal(bad), /^reset: world must be/);
  assert.equal(JSON.parse(s.runtime.status()).world, 'activity');
  s.close();
});

test('emflow-runtime refuses bad options with a message and exit code 2', () => {
  const badCsv = join(mkdtempSync(join(tmpdir(), 'emflow-')), 'bad-replay.csv');
  writeFileSync(badCsv, 'time_ms,A0\n0,1\n40,x\n');
  const run = (...args) =>
    spawnSync(process.execPath, [join(root, 'bin/emflow-runtime.mjs'), ...args], {
      encoding: 'utf8',
      timeout: 20_000,
    });
  for (const [args, message] of [
    [['--world', 'moon'], /world must be one of fridge, activity, replay, none, got "moon"/],
    [['--world', 'replay'], /the replay world needs a recording/],
    [['--world', 'replay', '--data', badCsv], /bad-replay\.csv:3:2: A0 value 'x' is not a finite/],
    [['--world', 'replay', '--data', '/nonexistent.csv'], /--data \/nonexistent.csv: ENOENT/],
    [['--clock', 'fast'], /--clock must be one of wall, input/],
    [['--model', 'classifier.bin'], /--model needs ID=FILE/],
    [['--model', '0=/nonexistent.bin'], /--model 0=\/nonexistent.bin: ENOENT/],
    [['--model', `0=${join(root, 'README.md')}`], /refused/],
  ]) {
    const result = run('--port', '0', ...args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});
