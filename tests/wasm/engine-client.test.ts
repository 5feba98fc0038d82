// EngineClient + EngineHost (the worker's engine side) in one thread over the real
// WebAssembly engine: the API the web app uses, end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineClient, EngineError, EngineHost } from '../../web/src/engine';
import type { EdgeDataEvent, SampleBatch } from '../../web/src/engine';
import type { EngineModule } from '../../wasm/emflow-engine';
// @ts-expect-error -- plain ES module without types
import { loadEngine } from '../../wasm/node-loader.mjs';

const root = join(__dirname, '../..');
let engine: EngineClient;

beforeAll(async () => {
  const module = (await loadEngine()) as EngineModule;
  engine = await EngineClient.inProcess(new EngineHost(module, { clock: false }));
});
afterAll(() => engine.close());

describe('EngineClient over the in-process engine', () => {
  it('describes the runtime and lists the component library', async () => {
    const runtime = await engine.getRuntime();
    expect(runtime.type).toBe('emflow');
    const components = await engine.listComponents();
    const latch = components.find((c) => c.name === 'HysteresisLatch');
    expect(latch?.inPorts.map((p) => p.id)).toEqual(['in', 'lowthreshold', 'highthreshold']);
    expect(components.length).toBeGreaterThanOrEqual(30);
  });

  it('parses .fbp with located problems', async () => {
    const bad = await engine.parseFbp('t(Timer) OUT -> TRIGER r(ReadDallasTemperature)');
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatchObject({ line: 1, severity: 'error' });
    expect(bad.problems[0].message).toMatch(/did you mean TRIGGER/);
    const text = await engine.graphToFbp(bad.graph!);
    expect(text).toContain('ReadDallasTemperature');
  });

  it('runs the fridge example on the virtual clock with events, samples and live inputs', async () => {
    const parsed = await engine.parseFbp(readFileSync(join(root, 'examples/fridge.fbp'), 'utf8'));
    expect(parsed.problems).toEqual([]);
    await engine.loadGraph(parsed.graph!, 'fridge');
    const data: EdgeDataEvent[] = [];
    const batches: SampleBatch[] = [];
    engine.on('data', (e) => data.push(e));
    engine.on('samples', (b) => batches.push(b));
    await engine.setSampleInterval(10_000);
    await engine.start('fridge');
    const status = await engine.step(600_000);
    expect(status).toMatchObject({ timeMs: 600_000, running: true, paused: false, speed: 1 });
    const readings = data.filter((e) => e.tgt.node === 'hysteresis' && e.tgt.port === 'in');
    expect(readings.length).toBeGreaterThan(100);
    expect(readings.every((e) => typeof e.data === 'number' && typeof e.timeMs === 'number')).toBe(
      true,
    );
    const samples = batches.flatMap((b) => b.series.airC);
    expect(samples.length).toBe(61);
    await engine.setWorldInputs({ doorOpen: true });
    await engine.step(120_000);
    expect(batches.at(-1)!.series.doorOpen.at(-1)).toBe(1);
    await expect(engine.setWorldInputs({ ambientC: 999 })).rejects.toThrow(EngineError);
    await expect(engine.setSpeed(-1)).rejects.toThrow(/speed/);
    expect((await engine.setSpeed('max')).speed).toBe('max');
    expect((await engine.pause()).paused).toBe(true);
    const reset = await engine.reset({ seed: 5 });
    expect(reset.timeMs).toBe(0);
    expect(reset.running).toBe(true); // the graph is kept and restarted
    await engine.stop('fridge');
  });

  it('rejects protocol errors with the runtime message', async () => {
    await expect(
      engine.request('graph', 'addnode', { id: 'x', component: 'Nope', graph: 'fridge' }),
    ).rejects.toThrow(/unknown component Nope/);
  });

  it('opens a model blob and predicts a batch', async () => {
    const blob = readFileSync(join(root, 'tests/avr/fixtures/reference_float.bin'));
    const model = await engine.openModel(new Uint8Array(blob));
    expect(model.kindName).toBe('classifier');
    const rows = 4;
    const result = await engine.predict(
      model.handle,
      new Float32Array(rows * model.nFeatures),
      rows,
    );
    expect(result.labels).toHaveLength(rows);
    expect(result.outputs).toHaveLength(rows * model.nOutputs);
    await expect(engine.predict(model.handle, new Float32Array(3), 1)).rejects.toThrow(/nFeatures/);
    await engine.closeModel(model.handle);
    await expect(engine.predict(model.handle, new Float32Array(8), 1)).rejects.toThrow(
      /no open model/,
    );
    await expect(engine.openModel(new Uint8Array([1, 2, 3]))).rejects.toThrow(/refused/);
  });

  it('puts a model in the store for a Classify node, kept across network restarts', async () => {
    const blob = new Uint8Array(
      readFileSync(join(root, 'tests/fuzz/corpus/model_loader/dt_classifier.bin')),
    );
    const features = [
      [0, 0, 0, 0],
      [-1, 0.5, 3, -2],
      [2, -1, 0.1, 1],
    ];
    const model = await engine.openModel(blob);
    const expected = Array.from(
      (await engine.predict(model.handle, new Float32Array(features.flat()), features.length))
        .labels,
    );
    await engine.closeModel(model.handle);
    await engine.putModel(2, blob);
    const parsed = await engine.parseFbp(
      ["'2' -> MODEL c(Classify) OUT -> IN d(Drop)"]
        .concat(features.map((row) => `'[${row.join(', ')}]' -> IN c`))
        .join('\n'),
    );
    expect(parsed.problems).toEqual([]);
    await engine.loadGraph(parsed.graph!, 'classify');
    const labels: unknown[] = [];
    engine.on('data', (e) => {
      if (e.graph === 'classify' && e.src?.node === 'c') labels.push(e.data);
    });
    for (let run = 1; run <= 2; run++) {
      await engine.start('classify');
      await engine.step(100);
      await engine.stop('classify');
      expect(labels).toEqual(Array(run).fill(expected).flat());
    }
    await expect(engine.putModel(2, new Uint8Array([1, 2, 3]))).rejects.toThrow(/refused/);
    await expect(engine.putModel(99, blob)).rejects.toThrow(/out of range/);
  });

  it('records a labelled activity dataset', async () => {
    const recording = await engine.recordActivity({
      seed: 4,
      segments: [
        { activity: 'ruminating', durationS: 8 },
        { activity: 'walking', durationS: 4 },
      ],
    });
    expect(recording.x).toBeInstanceOf(Float32Array);
    expect(recording.labels.length).toBe(300);
    expect(recording.labels[299]).toBe('walking');
    expect(recording.csv.split('\n')[1]).toMatch(/^0\.000,/);
  });
});
