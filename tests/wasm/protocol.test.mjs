// Protocol round trips through the WebAssembly runtime; every reply must validate against
// fbp-protocol's JSON schemas (as fbp-test checks them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, session, protocolSchemas } from './helpers.mjs';

const module = await engine();
const tv4 = protocolSchemas();

function assertValid(message) {
  // With the leading slash: fbp-test's own ids lack it, so tv4 finds no schema and passes all.
  const schema = `/${message.protocol}/output/${message.command}`;
  const result = tv4.validateMultiple(message, schema);
  assert.deepEqual(result.missing, [], `no schema ${schema}`);
  assert.deepEqual(
    result.errors.map((e) => `${e.dataPath}: ${e.message}`),
    [],
    `${schema}: ${JSON.stringify(message)}`,
  );
  assert.ok(result.valid, schema);
}

test('getruntime and component list validate against the protocol schemas', () => {
  const s = session(module, { componentPrefix: 'core', timeInEvents: false });
  const [runtime] = s.send('runtime', 'getruntime');
  assertValid(runtime);
  assert.ok(runtime.payload.capabilities.includes('protocol:graph'));
  const list = s.send('component', 'list');
  list.forEach(assertValid);
  const names = list.filter((m) => m.command === 'component').map((m) => m.payload.name);
  assert.ok(names.includes('core/Repeat') && names.includes('core/Drop'));
  assert.ok(names.includes('core/HysteresisLatch') && names.includes('core/BreakBeforeMake'));
  assert.equal(list.at(-1).command, 'componentsready');
  assert.equal(list.at(-1).payload, names.length);
  s.close();
});

test('graph edits, network run and trace dump: replies and events are schema-valid', () => {
  const s = session(module, { timeInEvents: false });
  const all = [];
  const send = (...args) => {
    const r = s.send(...args);
    all.push(...r);
    return r;
  };
  send('graph', 'clear', { id: 'g', name: 'G', main: true });
  send('graph', 'addnode', { id: 't', component: 'Timer', metadata: { x: 1 }, graph: 'g' });
  send('graph', 'addnode', { id: 'c', component: 'Count', graph: 'g' });
  send('graph', 'addnode', { id: 'd', component: 'Drop', graph: 'g' });
  send('graph', 'addedge', {
    src: { node: 't', port: 'out' },
    tgt: { node: 'c', port: 'in' },
    graph: 'g',
  });
  send('graph', 'addedge', {
    src: { node: 'c', port: 'out' },
    tgt: { node: 'd', port: 'in' },
    graph: 'g',
  });
  send('graph', 'addinitial', {
    src: { data: '200' },
    tgt: { node: 't', port: 'interval' },
    graph: 'g',
  });
  send('graph', 'addinport', { public: 'reset', node: 'c', port: 'reset', graph: 'g' });
  send('graph', 'addgroup', { name: 'grp', nodes: ['t', 'c'], graph: 'g' });
  send('trace', 'start', { graph: 'g' });
  send('network', 'start', { graph: 'g' });
  const events = s.advance(1000);
  all.push(...events);
  send('network', 'getstatus', { graph: 'g' });
  send('network', 'stop', { graph: 'g' });
  send('trace', 'dump', { graph: 'g', type: 'flowtrace.json' });
  send('graph', 'removenode', { id: 'c', graph: 'g' });
  all.forEach(assertValid);
  assert.equal(all.filter((m) => m.command === 'error').length, 0);
  const counts = events
    .filter((m) => m.payload.id === 'c() OUT -> IN d()')
    .map((m) => m.payload.data);
  assert.deepEqual(counts, [1, 2, 3, 4, 5]);
  s.close();
});

test('events carry virtual time for the worker transport', () => {
  const s = session(module, { timeInEvents: true, world: 'none' });
  s.send('graph', 'clear', { id: 'g' });
  s.send('graph', 'addnode', { id: 't', component: 'Timer', graph: 'g' });
  s.send('graph', 'addnode', { id: 'd', component: 'Drop', graph: 'g' });
  s.send('graph', 'addedge', {
    src: { node: 't', port: 'out' },
    tgt: { node: 'd', port: 'in' },
    graph: 'g',
  });
  s.send('network', 'start', { graph: 'g' });
  const times = s.advance(3500).map((m) => m.payload.timeMs);
  assert.deepEqual(times, [1000, 2000, 3000]); // Timer's default interval is 1000 ms
  assert.equal(JSON.parse(s.runtime.status()).timeMs, 3500);
  s.close();
});

test('persist hands a snapshot to JavaScript; restore rebuilds the graph elsewhere', () => {
  const a = session(module);
  let saved = '';
  a.runtime.setPersistCallback((snapshot) => {
    saved = snapshot;
    return '';
  });
  assert.ok(a.send('runtime', 'getruntime')[0].payload.capabilities.includes('network:persist'));
  a.send('graph', 'clear', { id: 'g' });
  a.send('graph', 'addnode', { id: 'r', component: 'Repeat', graph: 'g' });
  a.send('graph', 'addinitial', { src: { data: 5 }, tgt: { node: 'r', port: 'in' }, graph: 'g' });
  assert.deepEqual(a.send('network', 'persist'), []);
  const b = session(module);
  const replies = JSON.parse(b.runtime.restore(saved));
  assert.deepEqual(
    replies.map((m) => m.command),
    ['clear', 'addnode', 'addinitial'],
  );
  assert.equal(b.runtime.snapshot(), a.runtime.snapshot());
  a.runtime.setPersistCallback(() => 'disk full');
  assert.match(a.send('network', 'persist')[0].payload.message, /disk full/);
  a.close();
  b.close();
});
