// Graph edits on a running board: the one translation of a graph edit (add/remove a node, an
// edge, an initial packet — the fbp-protocol's graph commands) into the link's live-edit
// commands (docs/command-stream.md), used by the Board panel (realBoardSession.ts) and, through
// wasm/link-client.generated.mjs, by emflow-runtime --serial. Each command is compiled by the
// engine's one encoder (compileForBoard) from a graph of just the nodes involved, then its node
// numbers are replaced by the running ones. Also: the edits between two NoFlo JSON graphs (the
// Board panel sees whole graphs, the protocol runtime single edits) and applying an edit to one.
import { OP, splitStream, watchCommand, type BoardEdge } from './commandStream';

/** An end of a connection as the fbp-protocol's graph commands name it. */
export interface GraphEnd {
  node: string;
  port: string;
  index?: number;
}

export type GraphEdit =
  | { command: 'addnode'; id: string; component: string }
  | { command: 'removenode'; id: string }
  | { command: 'addedge' | 'removeedge'; src: GraphEnd; tgt: GraphEnd }
  | { command: 'addinitial'; data: unknown; tgt: GraphEnd }
  /** `data`: a value the port held (only its port number is wanted); else options.anyValue. */
  | { command: 'removeinitial'; tgt: GraphEnd; data?: unknown };

interface NofloEnd {
  process: string;
  port: string;
  index?: number;
}
interface NofloConnection {
  src?: NofloEnd;
  tgt: NofloEnd;
  data?: unknown;
}
/** The part of a NoFlo JSON graph the board runs. */
export interface NofloGraph {
  processes?: Record<string, { component: string; metadata?: unknown }>;
  connections?: NofloConnection[];
  [other: string]: unknown;
}

/** The engine calls this module needs (wasm/emflow-engine.d.ts). */
export interface BoardCompiler {
  graphToFbp(graphJson: string): string;
  compileForBoard(
    fbpText: string,
    limitsJson: string,
  ): { ok: boolean; error: string; stream: Uint8Array; nodes: { id: number; name: string }[] };
}

/** What runs on the board: node name → board id, and its edges. Changed by `commit()`. */
export interface RunningNetwork {
  nodes: Map<string, number>;
  edges: BoardEdge[];
}

export interface LiveEditOptions {
  compiler: BoardCompiler;
  /** The board's capacities (its Info frame). */
  maxNodes: number;
  maxEdges: number;
  /** The component of a node in the graph (the new one for an added node). */
  componentOf(node: string): string | undefined;
  /** Whether a new edge is watched (its packets sent back). */
  watched(edge: BoardEdge): boolean;
  /** The value an initial packet carries on the board (a runtime maps text to symbols). */
  boardValue?(data: unknown, component: string, port: string): unknown;
  /** A value the port's type accepts, when a removeinitial does not say one. */
  anyValue?(component: string, port: string): unknown;
}

/** An edit the board cannot take live (capacity, a node it does not run, …): upload instead. */
export class LiveEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveEditError';
  }
}

export interface LiveEditPlan {
  /** The commands to send, in order, as one live edit (joinStream). */
  commands: Uint8Array[];
  /** Records the edit in the RunningNetwork: call once the board took it. */
  commit(): void;
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const endText = (e: GraphEnd) =>
  `${e.node} ${e.port}${e.index !== undefined ? `[${e.index}]` : ''}`;
const toNoflo = (process: string, e: GraphEnd): NofloEnd => ({
  process,
  port: e.port,
  ...(e.index !== undefined && e.index !== null ? { index: e.index } : {}),
});

/** The positions of node numbers in each command's operands. */
const NODE_OPERANDS: Record<number, number[]> = {
  [OP.createNode]: [1],
  [OP.connect]: [1, 4],
  [OP.initial]: [1],
  [OP.watch]: [1, 3],
  [OP.removeNode]: [1],
  [OP.disconnect]: [1, 4],
  [OP.removeInitial]: [1],
};

/** A graph of just the nodes an edit involves, compiled: its commands and node names by number. */
interface Mini {
  commands: Uint8Array[];
  names: Map<number, string>;
}

function compileMini(
  compiler: BoardCompiler,
  processes: Record<string, string>,
  connections: NofloConnection[],
): Mini {
  const graph: NofloGraph = {
    processes: Object.fromEntries(Object.entries(processes).map(([n, c]) => [n, { component: c }])),
    connections,
  };
  const fbp = JSON.parse(compiler.graphToFbp(JSON.stringify(graph))) as {
    ok: boolean;
    error?: string;
    fbp: string;
  };
  if (!fbp.ok) throw new LiveEditError(fbp.error ?? 'the edit is not a valid graph');
  const result = compiler.compileForBoard(fbp.fbp, '');
  if (!result.ok) throw new LiveEditError(result.error);
  return {
    commands: splitStream(result.stream),
    names: new Map(result.nodes.map((n) => [n.id, n.name])),
  };
}

/**
 * The live-edit commands of one graph edit on `network` (not changed until `commit()`).
 * Throws LiveEditError for an edit the board cannot take live. A node whose component compiles
 * to no node on the board (a pin map such as ArduinoUno) lives on the host: its edges are the
 * initial packets (pin numbers) the compiler makes of them.
 */
export function planLiveEdit(
  edit: GraphEdit,
  network: RunningNetwork,
  options: LiveEditOptions,
): LiveEditPlan {
  const { compiler } = options;
  const boardId = (node: string) => {
    const id = network.nodes.get(node);
    if (id === undefined) throw new LiveEditError(`node ${node} is not on the board`);
    return id;
  };
  const component = (node: string) => {
    const c = options.componentOf(node);
    if (!c) throw new LiveEditError(`node ${node} has no component`);
    return c;
  };
  const value = (data: unknown, comp: string, port: string) =>
    options.boardValue ? options.boardValue(data, comp, port) : data;
  // `command` of the mini graph on the running node numbers.
  const onBoard = (mini: Mini, command: Uint8Array) => {
    const c = command.slice();
    for (const at of NODE_OPERANDS[c[0]] ?? []) c[at] = boardId(mini.names.get(c[at]) ?? '');
    return c;
  };
  const nothing = { commands: [], commit: () => {} };

  switch (edit.command) {
    case 'addnode': {
      const mini = compileMini(compiler, { [edit.id]: edit.component }, []);
      const create = mini.commands.find((c) => c[0] === OP.createNode);
      if (!create) return nothing; // a host-side node
      const used = new Set(network.nodes.values());
      let id = 0;
      while (used.has(id)) id++;
      if (id >= options.maxNodes)
        throw new LiveEditError(`the board holds at most ${options.maxNodes} nodes`);
      const command = create.slice();
      command[1] = id;
      return { commands: [command], commit: () => void network.nodes.set(edit.id, id) };
    }
    case 'removenode': {
      const id = network.nodes.get(edit.id);
      if (id === undefined) {
        // A host-side node's edges went as removeedge before; a board node must be known.
        const mini = compileMini(compiler, { [edit.id]: component(edit.id) }, []);
        if (mini.commands.some((c) => c[0] === OP.createNode)) boardId(edit.id);
        return nothing;
      }
      return {
        commands: [Uint8Array.of(OP.removeNode, id)],
        // The board drops the node's edges and initial packets with it.
        commit: () => {
          network.nodes.delete(edit.id);
          network.edges = network.edges.filter((e) => e.src !== id && e.tgt !== id);
        },
      };
    }
    case 'addinitial':
    case 'removeinitial': {
      boardId(edit.tgt.node);
      const t = component(edit.tgt.node);
      const data =
        edit.command === 'addinitial'
          ? value(edit.data, t, edit.tgt.port)
          : edit.data !== undefined
            ? value(edit.data, t, edit.tgt.port)
            : options.anyValue?.(t, edit.tgt.port);
      if (data === undefined)
        throw new LiveEditError(`no initial packet on ${endText(edit.tgt)} to remove`);
      const mini = compileMini(compiler, { [edit.tgt.node]: t }, [
        { data, tgt: toNoflo(edit.tgt.node, edit.tgt) },
      ]);
      const initial = mini.commands.find((c) => c[0] === OP.initial);
      if (!initial) throw new LiveEditError('the compiled edit has no initial packet');
      const command = onBoard(mini, initial);
      // An initial packet's command names the port's number: removing uses just that.
      const commands =
        edit.command === 'addinitial'
          ? [command]
          : [Uint8Array.of(OP.removeInitial, command[1], command[2])];
      return { commands, commit: () => {} };
    }
    case 'addedge':
    case 'removeedge': {
      const processes = {
        [edit.src.node]: component(edit.src.node),
        [edit.tgt.node]: component(edit.tgt.node),
      };
      const mini = compileMini(compiler, processes, [
        { src: toNoflo(edit.src.node, edit.src), tgt: toNoflo(edit.tgt.node, edit.tgt) },
      ]);
      const compiledEdge = mini.commands.find((c) => c[0] === OP.connect);
      if (!compiledEdge) {
        // From a host-side node: the edge is an initial packet (a pin number) on its target.
        const initial = mini.commands.find((c) => c[0] === OP.initial);
        if (!initial) throw new LiveEditError('the compiled edit has no command for it');
        const command = onBoard(mini, initial);
        const commands =
          edit.command === 'addedge'
            ? [command]
            : [Uint8Array.of(OP.removeInitial, command[1], command[2])];
        return { commands, commit: () => {} };
      }
      // Operands: src, srcPort, srcIndex, tgt, tgtPort, tgtIndex.
      const connect = onBoard(mini, compiledEdge);
      const edge = { src: connect[1], srcPort: connect[2], tgt: connect[4], tgtPort: connect[5] };
      const same = (e: BoardEdge) =>
        e.src === edge.src &&
        e.srcPort === edge.srcPort &&
        e.tgt === edge.tgt &&
        e.tgtPort === edge.tgtPort;
      if (edit.command === 'removeedge') {
        connect[0] = OP.disconnect;
        return {
          commands: [connect],
          commit: () => void (network.edges = network.edges.filter((e) => !same(e))),
        };
      }
      if (network.edges.length >= options.maxEdges)
        throw new LiveEditError(`the board holds at most ${options.maxEdges} edges`);
      const commands: Uint8Array[] = [connect];
      if (options.watched(edge)) commands.push(watchCommand(edge, true));
      return { commands, commit: () => void network.edges.push(edge) };
    }
  }
}

/** A copy of `network` to plan on without changing it. */
export const copyNetwork = (network: RunningNetwork): RunningNetwork => ({
  nodes: new Map(network.nodes),
  edges: network.edges.map((e) => ({ ...e })),
});

// --- edits between whole graphs --------------------------------------------------------

const endKey = (e: NofloEnd) =>
  `${e.process}.${e.port.toLowerCase()}${e.index !== undefined && e.index !== null ? `[${e.index}]` : ''}`;
const fromNoflo = (e: NofloEnd): GraphEnd => ({
  node: e.process,
  port: e.port,
  ...(e.index !== undefined && e.index !== null ? { index: e.index } : {}),
});

/**
 * The graph edits that turn `before` into `after`, in an order a running network takes them:
 * edges and initial packets off, nodes off, nodes on, edges on, initial packets on. A node
 * whose component changed is removed and added again; a port whose initial packets changed
 * loses them all and gets the new ones (delivered at once, as the simulator does).
 */
export function graphEdits(before: NofloGraph, after: NofloGraph): GraphEdit[] {
  const oldNodes = before.processes ?? {};
  const newNodes = after.processes ?? {};
  const replaced = (n: string) =>
    n in oldNodes && n in newNodes && oldNodes[n].component !== newNodes[n].component;
  const gone = (n: string) => !(n in newNodes) || replaced(n);
  const fresh = (n: string) => !(n in oldNodes) || replaced(n);

  const edges = (g: NofloGraph) =>
    new Map(
      (g.connections ?? [])
        .filter((c) => c.src)
        .map((c) => [`${endKey(c.src!)}>${endKey(c.tgt)}`, c] as const),
    );
  const initials = (g: NofloGraph) => {
    const byPort = new Map<string, NofloConnection[]>();
    for (const c of g.connections ?? []) {
      if (c.src) continue;
      const key = endKey(c.tgt);
      byPort.set(key, [...(byPort.get(key) ?? []), c]);
    }
    return byPort;
  };
  const [oldEdges, newEdges] = [edges(before), edges(after)];
  const [oldInitials, newInitials] = [initials(before), initials(after)];
  const edit = (command: 'addedge' | 'removeedge', c: NofloConnection): GraphEdit => ({
    command,
    src: fromNoflo(c.src!),
    tgt: fromNoflo(c.tgt),
  });

  const result: GraphEdit[] = [];
  // Off: edges that go, unless both ends go (a node removed on the board takes its edges and
  // initial packets along; an edge from a host-side node is an initial packet on its target).
  for (const [key, c] of oldEdges) {
    const bothGone = gone(c.src!.process) && gone(c.tgt.process);
    if ((!newEdges.has(key) || gone(c.src!.process) || gone(c.tgt.process)) && !bothGone)
      result.push(edit('removeedge', c));
  }
  const changedPorts: string[] = [];
  for (const key of new Set([...oldInitials.keys(), ...newInitials.keys()])) {
    const values = (m: Map<string, NofloConnection[]>) =>
      JSON.stringify((m.get(key) ?? []).map((c) => c.data));
    if (values(oldInitials) !== values(newInitials)) changedPorts.push(key);
  }
  for (const key of changedPorts) {
    const old = oldInitials.get(key) ?? [];
    if (old.length && !gone(old[0].tgt.process))
      result.push({ command: 'removeinitial', tgt: fromNoflo(old[0].tgt), data: old[0].data });
  }
  for (const n of Object.keys(oldNodes)) if (gone(n)) result.push({ command: 'removenode', id: n });
  // On.
  for (const n of Object.keys(newNodes))
    if (fresh(n)) result.push({ command: 'addnode', id: n, component: newNodes[n].component });
  for (const [key, c] of newEdges) {
    if (!oldEdges.has(key) || fresh(c.src!.process) || fresh(c.tgt.process))
      result.push(edit('addedge', c));
  }
  for (const [key, list] of newInitials) {
    if (!changedPorts.includes(key) && !fresh(list[0].tgt.process)) continue;
    for (const c of list)
      result.push({ command: 'addinitial', data: c.data, tgt: fromNoflo(c.tgt) });
  }
  return result;
}

/** `graph` with `edit` applied (a new object; `graph` is left as it is). */
export function applyEdit(graph: NofloGraph, edit: GraphEdit): NofloGraph {
  const processes = { ...(graph.processes ?? {}) };
  let connections = [...(graph.connections ?? [])];
  const sameEnd = (a: NofloEnd, b: GraphEnd) =>
    a.process === b.node && sameText(a.port, b.port) && (a.index ?? null) === (b.index ?? null);
  switch (edit.command) {
    case 'addnode':
      processes[edit.id] = { component: edit.component };
      break;
    case 'removenode':
      delete processes[edit.id];
      connections = connections.filter(
        (c) => c.tgt.process !== edit.id && c.src?.process !== edit.id,
      );
      break;
    case 'addedge':
      connections.push({
        src: toNoflo(edit.src.node, edit.src),
        tgt: toNoflo(edit.tgt.node, edit.tgt),
      });
      break;
    case 'removeedge':
      connections = connections.filter(
        (c) => !(c.src && sameEnd(c.src, edit.src) && sameEnd(c.tgt, edit.tgt)),
      );
      break;
    case 'addinitial':
      connections.push({ data: edit.data, tgt: toNoflo(edit.tgt.node, edit.tgt) });
      break;
    case 'removeinitial':
      connections = connections.filter((c) => c.src || !sameEnd(c.tgt, edit.tgt));
      break;
  }
  return { ...graph, processes, connections };
}
