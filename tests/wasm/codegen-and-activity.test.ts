// The code generator and the live activity world through the TypeScript client, against the
// native CLI where there is one: generateModelCode must give the header `emflow codegen`
// writes, byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIVITIES, EngineClient, EngineHost } from '../../web/src/engine';
import type { SampleBatch } from '../../web/src/engine';
import type { EngineModule } from '../../wasm/emflow-engine';
// @ts-expect-error -- plain ES module without types
import { loadEngine } from '../../wasm/node-loader.mjs';

const root = join(__dirname, '../..');
const cli = [process.env.EMFLOW_CLI, join(root, 'build/native/core/emflow')].find(
  (p) => p && existsSync(p),
);
let module: EngineModule;
let engine: EngineClient;

beforeAll(async () => {
  module = (await loadEngine()) as EngineModule;
  engine = await EngineClient.inProcess(new EngineHost(module, { clock: false }));
});
afterAll(() => engine.close());

/** `emflow codegen` on a model file → the header text. */
function cliHeader(modelPath: string, name: string, extra: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'emflow-codegen-'));
  try {
    const out = join(dir, `${name}.h`);
    execFileSync(cli!, ['codegen', modelPath, '--name', name, '-o', out, ...extra]);
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('generateModelCode', () => {
  const models = [
    ['tests/avr/fixtures/reference.bin', 'reference_forest'],
    ['tests/avr/fixtures/reference_float.bin', 'reference_float'],
    ['tests/protocol/models/regressor.bin', 'step_regressor'],
  ];

  it.skipIf(!cli).each(models)('%s gives the CLI header byte for byte', async (path, name) => {
    const blob = new Uint8Array(readFileSync(join(root, path)));
    const source = path.split('/').at(-1)!;
    const header = await engine.generateModelCode(blob, name, { source });
    expect(header).toContain(`namespace ${name}`);
    expect(header).toBe(cliHeader(join(root, path), name));
  });

  it.skipIf(!cli)('passes the function-size limits on like --max-nodes/--max-depth', async () => {
    const path = join(root, 'tests/avr/fixtures/reference.bin');
    const blob = new Uint8Array(readFileSync(path));
    const header = await engine.generateModelCode(blob, 'small_functions', {
      source: 'reference.bin',
      maxNodes: 10,
      maxDepth: 3,
    });
    const expected = cliHeader(path, 'small_functions', ['--max-nodes', '10', '--max-depth', '3']);
    expect(header).toBe(expected);
    expect(header).not.toBe(await engine.generateModelCode(blob, 'small_functions'));
  });

  it('refuses what it cannot generate, with the reason', async () => {
    const blob = new Uint8Array(readFileSync(join(root, 'tests/protocol/models/anomaly.bin')));
    await expect(engine.generateModelCode(blob, 'envelope')).rejects.toThrow(/tree models only/);
    const tree = new Uint8Array(readFileSync(join(root, 'tests/protocol/models/classifier.bin')));
    await expect(engine.generateModelCode(tree, 'not an identifier')).rejects.toThrow(/identifier/);
    await expect(engine.generateModelCode(tree.slice(0, 10), 'cut')).rejects.toThrow(
      /tree models only/,
    );
    await expect(engine.generateModelCode(tree, 'm', { maxNodes: 0 })).rejects.toThrow(/maxNodes/);
  });
});

describe('the live activity world', () => {
  it('drives A0..A2 from the seeded schedule and reports the true activity', async () => {
    const seed = 5;
    const status = await engine.reset({ world: 'activity', seed });
    expect(status.world).toBe('activity');
    // A graph that reads A2 once: the world runs whatever the graph does (the pipeline
    // Timer -> AnalogRead -> WindowFeatures is in tests/protocol/specs/activity).
    const parsed = await engine.parseFbp("'16' -> PIN z(AnalogRead) OUT -> IN sink(Drop)");
    expect(parsed.problems).toEqual([]);
    await engine.loadGraph(parsed.graph!, 'activity');
    const batches: SampleBatch[] = [];
    engine.on('samples', (b) => batches.push(b));
    await engine.setSampleInterval(1000);
    await engine.start('activity');
    await engine.step(30 * 60_000);
    const series = (name: string) => batches.flatMap((b) => b.series[name] ?? []);
    const times = batches.flatMap((b) => b.timeMs);
    expect(times.length).toBe(30 * 60 + 1);
    // The truth is the recording of the same seed: same activities, same accelerations.
    const recording = await engine.recordActivity({ seed, durationS: 30 * 60 });
    const activity = series('activity');
    times.forEach((t, i) => {
      const sample = Math.floor((t / 1000) * recording.sampleRateHz);
      if (sample >= recording.labels.length) return;
      expect(ACTIVITIES[activity[i]]).toBe(recording.labels[sample]);
      expect(series('accelZG')[i]).toBeCloseTo(recording.z[sample], 5);
    });
    expect(new Set(activity).size).toBeGreaterThanOrEqual(3);
  });

  it('refuses an unknown world without changing the current one', async () => {
    await expect(engine.reset({ world: 'moon' as never })).rejects.toThrow(/world must be/);
    expect((await engine.status()).world).toBe('activity');
  });
});
