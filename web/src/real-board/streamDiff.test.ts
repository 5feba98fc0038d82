// @vitest-environment node
// Live edits for a real board, computed from streams the real WebAssembly engine compiles for
// an Uno: the re-encoding matches the C++ encoder byte for byte, a changed initial value
// becomes remove-initial + initial-packet, and edits the link cannot carry give null.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../../wasm/emflow-engine';
import { loadEngine } from '../test-support/engine';
import { repoRoot } from '../test-support/genericFirmware';
import { encodeStream, liveEditBetween, streamCommands } from './streamDiff';

let engine: EngineModule;
beforeAll(async () => {
  engine = await loadEngine();
});

const BLINK = readFileSync(`${repoRoot}examples/blink.fbp`, 'utf8');
const UNO = JSON.stringify({ maxNodes: 24, maxEdges: 32, maxInitials: 32 });

function compile(text: string) {
  const r = engine.compileForBoard(text, UNO);
  expect(r.errors).toEqual([]);
  return r;
}

describe('live edits between two compiled graphs', () => {
  it('re-encodes a compiled stream byte for byte (header, CRC, commands)', () => {
    const { stream } = compile(BLINK);
    expect(Array.from(encodeStream(streamCommands(stream)))).toEqual(Array.from(stream));
  });

  it('turns a changed initial value into remove-initial + the new initial packet', () => {
    const before = compile(BLINK);
    const after = compile(BLINK.replace("'500' -> INTERVAL", "'250' -> INTERVAL"));
    const timer = after.nodes.find((n) => n.name === 'timer')!.id;
    const plan = liveEditBetween(before.stream, after.stream)!;
    expect(plan.ports).toEqual([{ node: timer, port: 0 }]);
    const commands = streamCommands(plan.stream);
    expect(commands).toHaveLength(2);
    expect(commands[0]).toEqual([0x0a, timer, 0]);
    const [op, node, port, type, ...payload] = commands[1];
    expect([op, node, port]).toEqual([0x04, timer, 0]);
    const view = new DataView(Uint8Array.from(payload).buffer);
    expect(type === 3 ? view.getInt32(0, true) : view.getFloat32(0, true)).toBe(250);
  });

  it('needs nothing for the same graph, and a new upload for a structural edit', () => {
    const before = compile(BLINK);
    expect(liveEditBetween(before.stream, compile(BLINK).stream)?.stream.length).toBe(0);
    const withoutSink = BLINK.replace('led() OUT -> IN sink(Drop)\n', '');
    expect(liveEditBetween(before.stream, compile(withoutSink).stream)).toBeNull();
  });

  it('refuses what is not a command stream', () => {
    expect(() => streamCommands(Uint8Array.of(1, 2, 3))).toThrow('not a version 1 command stream');
  });
});
