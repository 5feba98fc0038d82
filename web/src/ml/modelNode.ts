// Adds a node that runs a model from the engine's model store ("Send to playground" from the
// notebook): the node gets the store id as its MODEL IIP (`'<id>' -> MODEL`).
import { addNode, type Graph, setIip, uniqueNodeId } from '../graph-doc/graph';

export type ModelComponent = 'Classify' | 'Regress' | 'AnomalyScore';

/** The graph with a new `component` node right of the others, and the new node's id. */
export function addModelNode(
  g: Graph,
  modelId: number,
  component: ModelComponent = 'Classify',
): { graph: Graph; nodeId: string } {
  const nodeId = uniqueNodeId(g, component);
  const maxX = g.nodes.reduce((m, n) => Math.max(m, n.x), 0);
  const added = addNode(g, { id: nodeId, component, x: g.nodes.length ? maxX + 240 : 40, y: 40 });
  // uniqueNodeId gives a free, valid name, so addNode cannot refuse it.
  if (!added.ok) throw new Error(added.reason);
  return { graph: setIip(added.graph, { node: nodeId, port: 'model' }, String(modelId)), nodeId };
}

const MODEL_COMPONENTS = new Set<string>(['Classify', 'Regress', 'AnomalyScore']);

/** The nodes that already run model `modelId` (a model component with `'<id>' -> MODEL`). */
export function nodesUsingModel(g: Graph, modelId: number): string[] {
  return g.nodes
    .filter((n) => MODEL_COMPONENTS.has(n.component.replace(/^.*\//, '')))
    .filter((n) =>
      g.iips.some(
        (i) =>
          i.tgt.node === n.id && i.tgt.port.toLowerCase() === 'model' && Number(i.data) === modelId,
      ),
    )
    .map((n) => n.id);
}

/**
 * The blobs of `models` (the project's) that the graph's model nodes name, by id: what goes
 * into a board's model area before the graph is uploaded. Ids no node names stay off the board.
 */
export function modelsOfGraph(
  g: Graph,
  models: ReadonlyArray<{ id: number; blob: Uint8Array }> | undefined,
): Map<number, Uint8Array> {
  return new Map(
    (models ?? []).filter((m) => nodesUsingModel(g, m.id).length > 0).map((m) => [m.id, m.blob]),
  );
}
