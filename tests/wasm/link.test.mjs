// compileForBoard: a graph as the command stream the generic firmware applies over the serial
// link — the same bytes as `emflow compile`, checked against a board's reported capacities,
// with watch live edits that each fit one frame (docs/serial-link.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine, nativeCli, root } from './helpers.mjs';

const module = await engine();
const fridge = readFileSync(join(root, 'examples/fridge.fbp'), 'utf8');

test('the stream is byte for byte what emflow compile writes', () => {
  const cli = nativeCli();
  assert.ok(cli, 'the native CLI is needed (build/native/core/emflow or $EMFLOW_CLI)');
  const out = join(mkdtempSync(join(tmpdir(), 'emflow-link-')), 'fridge.bin');
  execFileSync(cli, ['compile', join(root, 'examples/fridge.fbp'), '-o', out]);
  const result = module.compileForBoard(fridge, '');
  assert.equal(result.ok, true, result.error);
  assert.deepEqual(Array.from(result.stream), Array.from(readFileSync(out)));
  assert.equal(result.nodes.length, 10);
  assert.ok(result.nodes.some((n) => n.component === 'HysteresisLatch'));
});

test('watch edits cover every edge, one frame each', () => {
  const result = module.compileForBoard(fridge, '');
  assert.ok(result.watch.length >= 2, 'the fridge has more edges than one frame holds');
  let watched = 0;
  for (const edit of result.watch) {
    assert.ok(edit.length <= 64, `a watch edit of ${edit.length} bytes does not fit a frame`);
    assert.equal(String.fromCharCode(...edit.subarray(0, 4)), 'EMFG');
    for (let at = 10; edit[at] !== 0x00; at += 6) {
      assert.equal(edit[at], 0x07);
      watched++;
    }
  }
  assert.equal(watched, result.edges.length);
});

test("a graph over the board's capacities is refused with the numbers", () => {
  const result = module.compileForBoard(
    fridge,
    JSON.stringify({ maxNodes: 4, maxEdges: 32, maxInitials: 32 }),
  );
  assert.equal(result.ok, false);
  assert.match(result.error, /10 nodes/);
  assert.match(result.error, /\b4\b/);
  assert.equal(result.stream.length, 0);
});

test('bad limits and bad graphs give errors, not a crash', () => {
  for (const limits of [
    { maxNodes: 0 },
    { maxEdges: 1.5 },
    { maxInitials: 'many' },
    { maxNodes: 1e9 },
  ]) {
    const result = module.compileForBoard(fridge, JSON.stringify(limits));
    assert.equal(result.ok, false, JSON.stringify(limits));
    assert.match(result.error, /^compileForBoard: max\w+ must be a whole number/);
  }
  const broken = module.compileForBoard('a(Timer) OUT -> IN b(Nope)\nc(Drop', '');
  assert.equal(broken.ok, false);
  assert.ok(broken.errors.length >= 1);
  assert.match(broken.errors[0], /^\d+:\d+: /);
});

test("a Mega's A0 is pin 54: firstAnalogPin moves board(ArduinoUno) A0..A5, nothing else", () => {
  const graph = `t(Timer) OUT -> TRIGGER x(AnalogRead) OUT -> IN d(Drop)
'40' -> INTERVAL t()
board(ArduinoUno) A0 -> PIN x()
`;
  const uno = module.compileForBoard(graph, '');
  const mega = module.compileForBoard(graph, JSON.stringify({ firstAnalogPin: 54 }));
  assert.equal(uno.ok, true, uno.error);
  assert.equal(mega.ok, true, mega.error);
  assert.equal(mega.stream.length, uno.stream.length);
  // After the 10-byte header (which ends with the body's CRC-16, docs/command-stream.md) only
  // the pin's initial packet differs.
  const differ = [];
  for (let i = 10; i < uno.stream.length; i++) if (uno.stream[i] !== mega.stream[i]) differ.push(i);
  assert.equal(differ.length, 1, `bytes ${differ} differ`);
  assert.equal(uno.stream[differ[0]], 14);
  assert.equal(mega.stream[differ[0]], 54);
  const refused = module.compileForBoard(graph, JSON.stringify({ firstAnalogPin: 0 }));
  assert.equal(refused.ok, false);
  assert.match(refused.error, /^compileForBoard: firstAnalogPin must be a whole number/);
});
