// The engine session against the real WebAssembly engine (web/public/engine, built by
// scripts/build-wasm.sh), hosted in this thread instead of a worker.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITIES, EngineClient, InProcessTransport, type Transport } from '../engine';
import { EngineHost } from '../engine/engine-host';
import { parseFbp } from '../graph-doc/fbpRead';
import { addNode, edgeKey, type Graph, setIip } from '../graph-doc/graph';
import { agreement } from './activityStats';
import { EngineSession, RECENT_PACKETS } from './engineSession';
import { FRIDGE_FBP } from '../test-support/fixtures';
import { loadEngine } from '../test-support/engine';

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

  it('sends IIP changes to the running network at once', async () => {
    const g = fridge();
    session.graphChanged(setIip(g, { node: 'timer', port: 'interval' }, '1000'));
    await session.settled();
    expect(session.getState().lastError).toBeNull();
    expect(session.getState().graphStale).toBe(false);
    session.graphChanged(g); // back to 5000 ms for the next test
    await session.settled();
  });

  it('applies nodes and edges added while running: packets flow on the new edge', async () => {
    const g = fridge();
    // A second timer (1 s) feeding a Drop, added to the running fridge.
    let live = g;
    for (const node of [
      { id: 'tick', component: 'Timer', x: 900, y: 0 },
      { id: 'sink', component: 'Drop', x: 1100, y: 0 },
    ]) {
      const added = addNode(live, node);
      if (!added.ok) throw new Error(added.reason);
      live = added.graph;
    }
    const edge = { src: { node: 'tick', port: 'out' }, tgt: { node: 'sink', port: 'in' } };
    live = setIip(
      { ...live, edges: [...live.edges, edge] },
      { node: 'tick', port: 'interval' },
      '1000',
    );
    const editsBefore = session.getState().liveEdits;
    session.graphChanged(live);
    await session.settled();
    expect(session.getState().lastError).toBeNull();
    expect(session.getState().graphStale).toBe(false);
    expect(session.getState().liveEdits - editsBefore).toBe(4); // 2 × addnode, addedge, addinitial
    await session.step(live, 60_000);
    const seen = session.packets.get(edgeKey(edge)) ?? [];
    // One bang a second for 60 s; the session keeps the newest RECENT_PACKETS of them.
    expect(seen).toHaveLength(RECENT_PACKETS);
    expect(seen[1].timeMs - seen[0].timeMs).toBe(1000);
    expect(seen[seen.length - 1].timeMs).toBeGreaterThan(11 * 60_000 - 1000);
    // No reload: the clock went on from the first test's 10 minutes.
    expect(session.getState().status?.timeMs).toBe(11 * 60_000);

    // Removing the nodes again stops the packets on that edge.
    session.graphChanged(g);
    await session.settled();
    const before = session.packets.get(edgeKey(edge))!.length;
    await session.step(g, 60_000);
    expect(session.packets.get(edgeKey(edge))!.length).toBe(before);
    expect(session.getState().graphStale).toBe(false);
  });

  it('holds back a graph with an unknown component (half-typed text) and says why', async () => {
    const g = fridge();
    const added = addNode(g, { id: 'x', component: 'Tim', x: 0, y: 0 });
    if (!added.ok) throw new Error(added.reason);
    const editsBefore = session.getState().liveEdits;
    session.graphChanged(added.graph);
    await session.settled();
    expect(session.getState().liveEditPending).toMatch(/^x\(Tim\) is not a component/);
    expect(session.getState().graphStale).toBe(false);
    expect(session.getState().liveEdits).toBe(editsBefore);
    // Typing on to a real component applies it.
    session.graphChanged({
      ...added.graph,
      nodes: added.graph.nodes.map((n) => (n.id === 'x' ? { ...n, component: 'Timer' } : n)),
    });
    await session.settled();
    expect(session.getState().liveEditPending).toBeNull();
    expect(session.getState().liveEdits).toBe(editsBefore + 1);
    session.graphChanged(g);
    await session.settled();
  });

  it('shows an edit the runtime refuses and reloads the graph on the next run', async () => {
    const g = fridge();
    const bad = {
      ...g,
      edges: [
        ...g.edges,
        { src: { node: 'timer', port: 'out' }, tgt: { node: 'ia', port: 'nosuch' } },
      ],
    };
    session.graphChanged(bad);
    await session.settled();
    const state = session.getState();
    expect(state.graphStale).toBe(true);
    expect(state.liveEditError).toMatch(/^addedge: .*nosuch/);
    expect(state.lastError).toMatch(/live edit refused/);
    // Back to a valid graph: the next step loads it whole (clock from 0 again).
    await session.step(g, 1000);
    expect(session.getState().graphStale).toBe(false);
    expect(session.getState().status?.timeMs).toBe(1000);
  });

  it('resets the clock and the recorded data', async () => {
    await session.reset();
    const state = session.getState();
    expect(state.status?.timeMs).toBe(0);
    expect(state.networkLoaded).toBe(false);
    expect(session.packets.size).toBe(0);
    expect(session.trace.timeMs).toHaveLength(0);
  });

  it('runs operations one after another: two quick steps load the graph once', async () => {
    await session.reset();
    const g = fridge();
    await Promise.all([session.step(g, 1000), session.step(g, 1000)]);
    expect(session.getState().status?.timeMs).toBe(2000);
    expect(session.getState().lastError).toBeNull();
    await session.reset();
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

describe('engine session with a running clock', () => {
  it('starts the network at virtual time 0 even at max speed (the clock waits for the load)', async () => {
    const module = await loadEngine();
    // Messages cross a macrotask as they do to a worker, so the engine's clock ticks between
    // the graph-loading requests.
    const inner = new InProcessTransport(new EngineHost(module));
    const transport: Transport = {
      supportsCalls: true,
      post: (m) => void setTimeout(() => inner.post(m), 1),
      onMessage: (l) => inner.onMessage(l),
      close: () => inner.close(),
    };
    const session = new EngineSession(() => EngineClient.over(transport));
    await session.start();
    try {
      await session.setSpeed('max');
      // Let the idle clock run first, as it does while a page sits open.
      await new Promise((r) => setTimeout(r, 200));
      await session.run(fridge());
      await new Promise((r) => setTimeout(r, 200));
      await session.pause();
      const interval = session.packets.get('iip->timer.interval');
      expect(interval?.[0].timeMs).toBe(0);
      expect(session.trace.timeMs[0]).toBe(0);
    } finally {
      session.dispose();
    }
  });
});

describe('the activity example in the engine session', () => {
  it('runs the cow-halter world: the classify node predicts what the cow does', async () => {
    const module = await loadEngine();
    const session = new EngineSession(() =>
      EngineClient.inProcess(new EngineHost(module, { clock: false })),
    );
    await session.start();
    try {
      const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
      const r = parseFbp(readFileSync(join(root, 'examples/activity.fbp'), 'utf8'));
      if (!r.ok) throw new Error(r.diagnostic.message);
      const blob = new Uint8Array(readFileSync(join(root, 'examples/models/activity.bin')));
      await session.setModels([{ id: 1, name: 'activity', blob }]);
      await session.step(r.graph, 5 * 60_000);
      const state = session.getState();
      expect(state.lastError).toBeNull();
      expect(state.world).toBe('activity');
      // One class per 16-sample window (0.64 s), each compared with the world's truth.
      const predictions = session.predictions.get('classify')!;
      expect(predictions.timeMs.length).toBeGreaterThan(450);
      expect(new Set(predictions.classes).size).toBeGreaterThan(1);
      const score = agreement(session.trace, predictions);
      expect(score.total).toBeGreaterThan(450);
      expect(score.percent).toBeGreaterThan(80);
      // The world's samples: the true activity and the accelerometer, every 100 ms.
      expect(session.trace.timeMs[1] - session.trace.timeMs[0]).toBe(100);
      expect(Object.keys(session.trace.series)).toEqual(
        expect.arrayContaining(['activity', 'accelXG', 'accelYG', 'accelZG']),
      );
      // "To notebook" in this world: the engine's 25 Hz labelled recording of the same run.
      const recording = await session.recordActivity(300);
      expect(recording.labels).toHaveLength(300 * 25);
      expect(recording.csv.split('\n')[0]).toBe('time_s,x_g,y_g,z_g,activity');
      // Same seed, same schedule: the recording's labels are the activities the run saw.
      const truth = session.trace.series.activity;
      let same = 0;
      session.trace.timeMs.forEach((t, i) => {
        if (recording.labels[Math.floor(t / 40)] === ACTIVITIES[truth[i]]) same++;
      });
      expect(same / session.trace.timeMs.length).toBeGreaterThan(0.99);
    } finally {
      session.dispose();
    }
  }, 30_000); // five virtual minutes of the 25 Hz world: seconds on a loaded machine
});
