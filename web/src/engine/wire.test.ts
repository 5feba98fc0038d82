// The engine boundary's decoders (src/engine/wire.ts): well-formed messages come out typed,
// malformed ones give a WireError naming the field, and the real engine host (WebAssembly, in
// this thread) answers a malformed worker message with an error instead of crashing.
import { describe, expect, it } from 'vitest';
import { WORLD_KINDS, WORLD_NAMES } from './index';
import { EngineHost } from './engine-host';
import {
  decodeEdgeData,
  decodeFbpArray,
  decodeFromWorker,
  decodeRuntimeStatus,
  decodeSampleBatch,
  decodeToWorker,
  WireError,
} from './wire';
import type { FromWorker } from './worker-protocol';
import { worldForGraph } from '../sim/worlds';
import { emptyGraph } from '../graph-doc/graph';
import { loadEngine } from '../test-support/engine';

describe('decoding messages from the worker', () => {
  it('types a well-formed status and samples message', () => {
    const status = decodeFromWorker({
      type: 'status',
      status: { timeMs: 1500, running: true, paused: false, speed: 'max', world: 'activity' },
    });
    expect(status).toEqual({
      type: 'status',
      status: { timeMs: 1500, running: true, paused: false, speed: 'max', world: 'activity' },
    });
    const samples = decodeFromWorker({
      type: 'samples',
      batch: { timeMs: [0, 1000], series: { airC: [4, 4.5] } },
    });
    expect(samples).toEqual({
      type: 'samples',
      batch: { timeMs: [0, 1000], series: { airC: [4, 4.5] } },
    });
  });

  it('names the field of a malformed message', () => {
    expect(() => decodeFromWorker('ready')).toThrow(
      new WireError('message from the engine: expected an object, got the string "ready"'),
    );
    expect(() => decodeFromWorker({ type: 'status', status: { timeMs: 'soon' } })).toThrow(
      /message from the engine\.status\.world: unknown world undefined/,
    );
    expect(() =>
      decodeFromWorker({
        type: 'status',
        status: { timeMs: 'soon', world: 'fridge', speed: 1 },
      }),
    ).toThrow(/status\.timeMs: expected a finite number, got the string "soon"/);
    expect(() => decodeFromWorker({ type: 'samples', batch: { timeMs: [0, null] } })).toThrow(
      /batch\.timeMs\[1\]: expected a finite number, got null/,
    );
    expect(() => decodeFromWorker({ type: 'result', id: 3, ok: false })).toThrow(
      /message from the engine\.error: expected a string, got undefined/,
    );
    expect(() => decodeFromWorker({ type: 'hello' })).toThrow(
      /message from the engine\.type: unknown message type the string "hello"/,
    );
  });

  it('reads network:data timeMs and checks the endpoints', () => {
    const event = decodeEdgeData({
      protocol: 'network',
      command: 'data',
      payload: {
        graph: 'main',
        id: 'a() OUT -> IN b()',
        src: { node: 'a', port: 'out' },
        tgt: { node: 'b', port: 'in', index: 1 },
        data: 7,
        timeMs: 2500,
      },
    });
    expect(event).toEqual({
      graph: 'main',
      id: 'a() OUT -> IN b()',
      src: { node: 'a', port: 'out' },
      tgt: { node: 'b', port: 'in', index: 1 },
      data: 7,
      timeMs: 2500,
    });
    expect(() =>
      decodeEdgeData({ protocol: 'network', command: 'data', payload: { graph: 'main', id: 'x' } }),
    ).toThrow(/network:data\.tgt: expected an object, got undefined/);
  });
});

describe('decoding what the engine returns', () => {
  it('rejects engine text that is not JSON or not an array of messages', () => {
    expect(() => decodeFbpArray('[{"protocol":"graph"', 'advance')).toThrow(/^advance: not JSON/);
    expect(() => decodeFbpArray('{"protocol":"graph"}', 'advance')).toThrow(
      'advance: expected an array of messages, got object',
    );
    expect(() => decodeFbpArray('[{"protocol":"graph","payload":{}}]', 'advance')).toThrow(
      'advance[0].command: expected a string, got undefined',
    );
    expect(() => decodeSampleBatch('{"timeMs":[0,1],"series":{"airC":[3]}}')).toThrow(
      'samples.series.airC: 1 values for 2 times',
    );
    expect(() => decodeRuntimeStatus('{"timeMs":0,"started":false,"world":"mars"}')).toThrow(
      'runtime status.world: unknown world the string "mars"',
    );
  });
});

describe('decoding what the worker receives', () => {
  it('answers a bad call by its id and refuses a message without one', () => {
    expect(decodeToWorker({ type: 'call', id: 4, method: 'explode', args: [] })).toEqual({
      kind: 'bad-call',
      id: 4,
      error: 'unknown engine method the string "explode"',
    });
    expect(decodeToWorker({ type: 'call', id: 5, method: 'step', args: 10 })).toEqual({
      kind: 'bad-call',
      id: 5,
      error: 'step: args must be an array',
    });
    expect(() => decodeToWorker({ type: 'call', method: 'step', args: [] })).toThrow(
      'message to the engine.id: expected a finite number, got undefined',
    );
    expect(() => decodeToWorker(null)).toThrow(
      'message to the engine: expected an object, got null',
    );
  });

  it('the WebAssembly engine host replies to malformed messages and keeps working', async () => {
    const host = new EngineHost(await loadEngine(), { clock: false });
    const sent: FromWorker[] = [];
    host.setSink((message) => sent.push(message));
    host.receive({ type: 'call', id: 1, method: 'explode', args: [] });
    host.receive({ type: 'fbp', message: { protocol: 'runtime' } });
    host.receive({ type: 'call', id: 2, method: 'setSpeed', args: [4] });
    host.dispose();
    expect(sent[0]).toMatchObject({ type: 'ready' });
    expect(sent).toContainEqual({
      type: 'result',
      id: 1,
      ok: false,
      error: 'unknown engine method the string "explode"',
    });
    expect(sent).toContainEqual({
      type: 'fbp',
      message: {
        protocol: 'runtime',
        command: 'error',
        payload: { message: 'message to the engine.command: expected a string, got undefined' },
      },
    });
    const stepped = sent.find((m) => m.type === 'result' && m.id === 2);
    expect(stepped).toMatchObject({ ok: true, value: { speed: 4, world: 'fridge' } });
  });
});

describe('world kinds generated from the C++ registry', () => {
  it('lists every world and a graph may declare those that need no recording', () => {
    expect(WORLD_NAMES).toEqual(['fridge', 'activity', 'replay', 'none']);
    expect(WORLD_KINDS.replay.needsData).toBe(true);
    expect(WORLD_KINDS.fridge.inputs.map((i) => i.name)).toEqual(['ambientC', 'loadW', 'doorOpen']);
    const declared = (world: string) =>
      worldForGraph({ ...emptyGraph(), properties: { name: 'w', world } });
    expect(declared('none')).toBe('none');
    expect(declared('activity')).toBe('activity');
    expect(declared('fridge')).toBe('fridge');
    // A replay needs its recording chosen: an empty graph (no sensor) gets the bench.
    expect(declared('replay')).toBe('none');
  });
});
