// The replay world in the WebAssembly engine: the activity example replayed from a recording
// of the live activity world's pins sends the same classes at the same instants (headless:
// simulateWorld; the protocol runtime's side is replay-runtime.test.mjs); bad recordings come
// back with their line:column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineModule, EngineRuntime } from '../../wasm/emflow-engine';
// @ts-expect-error -- plain ES module without types
import { loadEngine } from '../../wasm/node-loader.mjs';

const root = join(__dirname, '../..');
const fbp = readFileSync(join(root, 'examples/activity.fbp'), 'utf8');
const TEN_MINUTES = 600_000;
let module: EngineModule;
let holder: EngineRuntime; // keeps the example's model in the model store

beforeAll(async () => {
  module = (await loadEngine()) as EngineModule;
  holder = new module.EngineRuntime('{}');
  const blob = readFileSync(join(root, 'examples/models/activity.bin'));
  expect(JSON.parse(holder.putModel(1, new Uint8Array(blob)))).toEqual({ ok: true, error: '' });
});
afterAll(() => holder.delete());

function recording(seed: number): string {
  const result = JSON.parse(
    module.recordWorldPins(
      JSON.stringify({
        world: 'activity',
        seed,
        durationMs: TEN_MINUTES,
        pins: ['A0', 'A1', 'A2'],
      }),
    ),
  ) as { ok: boolean; csv?: string; error: string };
  expect(result.error).toBe('');
  expect(result.ok).toBe(true);
  return result.csv!;
}

describe('the replay world', () => {
  it('replays a recorded activity run into the live classes', () => {
    const live = module.simulateWorld(
      fbp,
      JSON.stringify({ world: 'activity', seed: 7, durationMs: TEN_MINUTES }),
    );
    expect(live.error).toBe('');
    const csv = recording(7);
    expect(csv.startsWith('time_ms,A0,A1,A2\n0,')).toBe(true);
    const replay = module.simulateWorld(
      fbp,
      JSON.stringify({ world: 'replay', data: csv, durationMs: TEN_MINUTES }),
    );
    expect(replay.error).toBe('');
    const liveClasses = live.summary!.predictions.classify;
    expect(liveClasses.length).toBe(Math.floor(TEN_MINUTES / 640));
    expect(new Set(liveClasses.map(([, c]) => c)).size).toBeGreaterThan(1);
    expect(replay.summary!.predictions.classify).toEqual(liveClasses);
    expect(replay.summary!.networkErrors).toBe(0);
  });

  it('lists the worlds from the registry', () => {
    const worlds = JSON.parse(module.listWorlds()) as {
      name: string;
      needsData: boolean;
      inputs: { name: string }[];
    }[];
    expect(worlds.map((w) => w.name)).toEqual(['fridge', 'activity', 'replay', 'none']);
    expect(worlds.find((w) => w.name === 'replay')!.needsData).toBe(true);
    expect(worlds.find((w) => w.name === 'fridge')!.inputs.map((i) => i.name)).toEqual([
      'ambientC',
      'loadW',
      'doorOpen',
    ]);
  });

  it('refuses bad recordings with their line and column', () => {
    const run = (data: string) =>
      module.simulateWorld(fbp, JSON.stringify({ world: 'replay', data })).error;
    expect(run('A0,A1\n0,1\n')).toBe(
      "data:1:1: the first column must be the time (time_ms or time_s), got 'A0'",
    );
    expect(run('time_ms,A0\n0,1\n20,2\n10,3\n')).toBe(
      'data:4:1: time 10 does not increase (the previous row is at 20 ms)',
    );
    expect(run('time_ms,A0\n0,NaN\n')).toBe("data:2:2: A0 value 'NaN' is not a finite number");
    expect(run('time_ms,A0,B7\n')).toMatch(/^data:1:3: unknown column 'B7'/);
    expect(run('time_ms,A0\n' + '0,1\n'.repeat(9_000_000))).toMatch(/^data:1:1: the recording is/);
    const runtime = new module.EngineRuntime(JSON.stringify({ world: 'replay', data: 'time_s\n' }));
    expect(JSON.parse(runtime.status()).optionsError).toBe(
      'data:1:2: no pin or sensor column after the time',
    );
    runtime.delete();
  });
});
