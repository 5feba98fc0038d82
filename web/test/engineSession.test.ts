// The engine session against the real WebAssembly engine (web/public/engine, built by
// scripts/build-wasm.sh), hosted in this thread instead of a worker.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../wasm/emflow-engine';
import { EngineClient } from '../src/engine';
import { EngineHost } from '../src/engine/engine-host';
import { parseFbp } from '../src/model/fbpRead';
import { edgeKey, type Graph, setIip } from '../src/model/graph';
import { EngineSession } from '../src/sim/engineSession';
import { FRIDGE_FBP } from './fixtures';

// Built from this file's path (not `new URL(…, import.meta.url)`, which Vite treats as an asset).
const ENGINE = join(dirname(fileURLToPath(import.meta.url)), '../public/engine/emflow-engine.mjs');

async function loadEngine(): Promise<EngineModule> {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run scripts/build-wasm.sh first`);
  const { default: create } = (await import(/* @vite-ignore */ pathToFileURL(ENGINE).href)) as {
    default: (o: object) => Promise<EngineModule>;
  };
  return create({ wasmBinary: readFileSync(ENGINE.replace(/\.mjs$/, '.wasm')), print: () => {} });
}

const fridge = (): Graph => {
  const r = parseFbp(FRIDGE_FBP.replace("'2'", "'4'"));
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.graph;
};

describe('engine session with the WebAssembly engine', () => {
  let session: EngineSession;
  beforeAll(async () => {
    const module = await loadEngine();
    session = new EngineSession(() =>
      EngineClient.inProcess(new EngineHost(module, { clock: false })),
    );
    await session.start();
  });
  afterAll(() => session?.dispose());

  it('starts and lists the component library', () => {
    expect(session.getState().engine).toBe('ready');
    const names = session.getState().components.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['Timer', 'HysteresisLatch', 'BreakBeforeMake', 'DigitalWrite']),
    );
    expect(names.some((n) => n.includes('/'))).toBe(false);
  });

  it('steps the fridge graph: packets on edges, world samples, the virtual clock', async () => {
    const g = fridge();
    await session.step(g, 10 * 60_000);
    const state = session.getState();
    expect(state.lastError).toBeNull();
    expect(state.networkLoaded).toBe(true);
    expect(state.status?.timeMs).toBe(10 * 60_000);
    const readings = session.packets.get(
      edgeKey(g.edges.find((e) => e.src.node === 'thermometer')!),
    );
    expect(readings?.length).toBeGreaterThan(10);
    expect(typeof readings![0].data).toBe('number');
    // Packets carry their own virtual time, 5 s apart (the timer's interval).
    const times = readings!.slice(-3).map((p) => p.timeMs);
    expect(times[2] - times[1]).toBe(5000);
    expect(session.trace.timeMs.length).toBeGreaterThan(100);
    expect(session.trace.series.airC?.length).toBe(session.trace.timeMs.length);
  });

  it('sends IIP changes to the running network and marks structural changes stale', async () => {
    const g = fridge();
    session.graphChanged(setIip(g, { node: 'timer', port: 'interval' }, '1000'));
    await new Promise((r) => setTimeout(r, 50));
    expect(session.getState().lastError).toBeNull();
    expect(session.getState().graphStale).toBe(false);
    session.graphChanged({ ...g, nodes: g.nodes.filter((n) => n.id !== 'ia') });
    expect(session.getState().graphStale).toBe(true);
  });

  it('resets the clock and the recorded data', async () => {
    await session.reset();
    const state = session.getState();
    expect(state.status?.timeMs).toBe(0);
    expect(state.networkLoaded).toBe(false);
    expect(session.packets.size).toBe(0);
    expect(session.trace.timeMs).toHaveLength(0);
  });

  it('reports an unknown component from the engine validator with its line', async () => {
    const result = await session.validate(
      "a(Timer) OUT -> IN b(NoSuchThing)\n'5' -> INTERVAL a()\n",
    );
    expect(result?.ok).toBe(false);
    expect(result?.problems.some((p) => p.line === 1 && /NoSuchThing/.test(p.message))).toBe(true);
  });

  it('shows a graph the runtime refuses as an error, not a crash', async () => {
    const r = parseFbp('x(NoSuchThing) OUT -> IN y(Timer)\n');
    if (!r.ok) throw new Error(r.diagnostic.message);
    await session.run(r.graph);
    expect(session.getState().lastError).toMatch(/^run: .*NoSuchThing/);
    expect(session.getState().engine).toBe('ready');
  });
});
