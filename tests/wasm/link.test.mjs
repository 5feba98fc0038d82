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

test("firstAnalogPin puts a graph's board(ArduinoUno) A0..A2 on the board's own analog pins", () => {
  const activity = readFileSync(join(root, 'examples/activity.fbp'), 'utf8');
  // The PIN initial packets of x, y, z (AnalogRead): int packets in the stream's initial commands.
  const pins = (result) => {
    const ids = ['x', 'y', 'z'].map((name) => result.nodes.find((n) => n.name === name).id);
    const view = new DataView(result.stream.buffer, result.stream.byteOffset);
    const found = [];
    for (let at = 10; result.stream[at] !== 0x00;) {
      const code = result.stream[at];
      if (code === 0x04) {
        const [node, type] = [result.stream[at + 1], result.stream[at + 3]];
        if (ids.includes(node) && type === 3) found.push(view.getInt32(at + 4, true));
        at += 4 + [0, 1, 1, 4, 4, 0, 0, 1][type];
      } else {
        at += 1 + ({ 2: 2, 3: 6, 5: 0, 7: 5 }[code] ?? 0);
      }
    }
    return found.sort((a, b) => a - b);
  };
  const uno = module.compileForBoard(activity, '');
  assert.equal(uno.ok, true, uno.error);
  assert.deepEqual(pins(uno), [14, 15, 16]);
  const mega = module.compileForBoard(activity, JSON.stringify({ firstAnalogPin: 54 }));
  assert.equal(mega.ok, true, mega.error);
  assert.deepEqual(pins(mega), [54, 55, 56]);
  const refused = module.compileForBoard(activity, JSON.stringify({ firstAnalogPin: 300 }));
  assert.equal(refused.ok, false);
  assert.match(refused.error, /firstAnalogPin/);
});
