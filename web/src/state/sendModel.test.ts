// "Send to playground": a model from the notebook is saved with the project, a Classify node
// that uses it joins the graph, and the engine classifies with it — also after the engine is
// restarted (the session puts the project's models into every engine it starts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../../wasm/emflow-engine';
import { EngineClient } from '../engine';
import { EngineHost } from '../engine/engine-host';
import { addNode, edgeKey, type Graph, setIip } from '../graph-doc/graph';
import { addModelNode } from '../ml/modelNode';
import { ProjectDb } from '../persist/projectDb';
import { EngineSession } from '../sim/engineSession';
import { documentFromText } from './document';
import { ProjectStore } from './projectStore';
import { FRIDGE_FBP } from '../test-support/fixtures';

const here = dirname(fileURLToPath(import.meta.url));
const ENGINE = join(here, '../../public/engine/emflow-engine.mjs');
const BLOB = new Uint8Array(
  readFileSync(join(here, '../../../tests/fuzz/corpus/model_loader/dt_classifier.bin')),
);
const ROWS = [
  [0, 0, 0, 0],
  [-1, 0.5, 3, -2],
  [2, -1, 0.1, 1],
];

async function loadEngine(): Promise<EngineModule> {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run scripts/build-wasm.sh first`);
  const { default: create } = (await import(/* @vite-ignore */ pathToFileURL(ENGINE).href)) as {
    default: (o: object) => Promise<EngineModule>;
  };
  return create({ wasmBinary: readFileSync(ENGINE.replace(/\.mjs$/, '.wasm')), print: () => {} });
}

describe('sending a model to the playground', () => {
  let module: EngineModule;
  let session: EngineSession;
  let expected: number[];
  beforeAll(async () => {
    module = await loadEngine();
    const runner = new module.ModelRunner();
    expect(JSON.parse(runner.open(BLOB))).toEqual({ ok: true, error: '' });
    expected = Array.from(runner.predict(new Float32Array(ROWS.flat()), ROWS.length).labels);
    runner.delete();
    session = new EngineSession(() =>
      EngineClient.inProcess(new EngineHost(module, { clock: false })),
    );
    await session.start();
  });
  afterAll(() => session?.dispose());

  it('keeps the model in the project record and gives new models the next free id', async () => {
    const dbName = 'emflow-send-model-test';
    const store = new ProjectStore(await ProjectDb.open(dbName), 0);
    const projectId = await store.create('Cows', documentFromText(FRIDGE_FBP));
    expect(store.addModel('activity', BLOB)).toBe(0);
    expect(store.addModel('other', BLOB)).toBe(1);
    expect(store.addModel('activity', BLOB)).toBe(0); // retrained: same id, replaced
    await store.flush();
    const reloaded = new ProjectStore(await ProjectDb.open(dbName), 0);
    await reloaded.open(projectId);
    const models = reloaded.getState().project?.models ?? [];
    expect(models.map((m) => [m.id, m.name])).toEqual([
      [0, 'activity'],
      [1, 'other'],
    ]);
    expect(Array.from(models[0].blob)).toEqual(Array.from(BLOB));
  });

  it('adds a Classify node with the id on MODEL that classifies, also after a restart', async () => {
    const start = documentFromText(FRIDGE_FBP).graph;
    const { graph: withNode, nodeId } = addModelNode(start, 5);
    expect(withNode.nodes.find((n) => n.id === nodeId)?.component).toBe('Classify');
    expect(withNode.iips).toContainEqual({ data: '5', tgt: { node: nodeId, port: 'model' } });

    // Feature vectors in, labels out to a Drop so the edge reports them.
    const added = addNode(withNode, { id: 'sink', component: 'Drop', x: 0, y: 0 });
    if (!added.ok) throw new Error(added.reason);
    const edge = { src: { node: nodeId, port: 'out' }, tgt: { node: 'sink', port: 'in' } };
    let graph: Graph = { ...added.graph, edges: [...added.graph.edges, edge] };
    graph = setIip(graph, { node: nodeId, port: 'in' }, ROWS[1]);
    const labels = () => (session.packets.get(edgeKey(edge)) ?? []).map((p) => p.data);

    await session.setModels([{ id: 5, name: 'activity', blob: BLOB }]);
    await session.step(graph, 1000);
    expect(session.getState().lastError).toBeNull();
    expect(labels()).toEqual([expected[1]]);

    await session.restart();
    await session.step(graph, 1000);
    expect(session.getState().lastError).toBeNull();
    expect(labels()).toEqual([expected[1]]);
  });

  it('shows a refused model as an error without stopping the engine', async () => {
    await session.setModels([{ id: 6, name: 'broken', blob: new Uint8Array([1, 2, 3]) }]);
    expect(session.getState().lastError).toMatch(/model 6 \(broken\): .*refused/);
    await session.restart();
    expect(session.getState().engine).toBe('ready');
    expect(session.getState().lastError).toMatch(/model 6 \(broken\)/);
  });
});
