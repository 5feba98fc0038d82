// @vitest-environment node
// The one translation of graph edits into a running board's live-edit commands, against the
// real WebAssembly engine (its compileForBoard is the encoder): command streams split and join
// byte for byte; the edits between two graphs; each edit's commands carry the same component
// and port numbers as a full compile of the edited graph, on the running node numbers; edits
// the board cannot take (capacity, unknown node or component) throw LiveEditError.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../../wasm/emflow-engine';
import { loadEngine } from '../test-support/engine';
import { repoRoot } from '../test-support/genericFirmware';
import { OP, joinStream, splitStream, type BoardEdge } from './commandStream';
import {
  LiveEditError,
  applyEdit,
  graphEdits,
  planLiveEdit,
  type GraphEdit,
  type LiveEditOptions,
  type NofloGraph,
  type RunningNetwork,
} from './liveEdits';

let engine: EngineModule;
beforeAll(async () => {
  engine = await loadEngine();
});

const FRIDGE = readFileSync(`${repoRoot}examples/fridge.fbp`, 'utf8');
const UNO = { maxNodes: 24, maxEdges: 32, maxInitials: 32 };

function compile(text: string) {
  const r = engine.compileForBoard(text, JSON.stringify(UNO));
  expect(r.errors).toEqual([]);
  return r;
}
function parse(text: string): NofloGraph {
  const r = JSON.parse(engine.parseFbp(text));
  expect(r.ok).toBe(true);
  return r.graph;
}
/** The network a board runs after uploading `text`. */
function running(text: string): RunningNetwork {
  const c = compile(text);
  return {
    nodes: new Map(c.nodes.map((n) => [n.name, n.id])),
    edges: c.edges.map((e) => ({ ...e })),
  };
}
function options(graph: NofloGraph, extra: Partial<LiveEditOptions> = {}): LiveEditOptions {
  return {
    compiler: engine,
    maxNodes: UNO.maxNodes,
    maxEdges: UNO.maxEdges,
    componentOf: (node) => graph.processes?.[node]?.component,
    watched: () => true,
    ...extra,
  };
}

describe('command streams', () => {
  it('split into commands and join back to the same bytes', () => {
    const { stream, nodes, edges } = compile(FRIDGE);
    const commands = splitStream(stream);
    expect(commands.filter((c) => c[0] === OP.createNode)).toHaveLength(nodes.length);
    expect(commands.filter((c) => c[0] === OP.connect)).toHaveLength(edges.length);
    expect(Array.from(joinStream(commands))).toEqual(Array.from(stream));
  });

  it('refuse what is not a stream', () => {
    expect(() => splitStream(Uint8Array.of(1, 2, 3))).toThrow('not a command stream');
    expect(() => splitStream(compile(FRIDGE).stream.subarray(0, 20))).toThrow(/cut command|no end/);
  });
});

describe('edits between two graphs', () => {
  it('a new node with an edge and an initial value', () => {
    const after = `${FRIDGE.replace("'5' -> HIGH", "'6' -> HIGH")}thermometer() OUT -> IN shown(Drop)\n`;
    const edits = graphEdits(parse(FRIDGE), parse(after));
    expect(edits.map((e) => e.command)).toEqual([
      'removeinitial',
      'addnode',
      'addedge',
      'addinitial',
    ]);
    expect(edits[0]).toEqual({
      command: 'removeinitial',
      tgt: { node: 'hysteresis', port: 'highthreshold' },
      data: '5',
    });
    expect(edits[3]).toEqual({
      command: 'addinitial',
      tgt: { node: 'hysteresis', port: 'highthreshold' },
      data: '6',
    });
    expect(edits[1]).toEqual({ command: 'addnode', id: 'shown', component: 'Drop' });
    expect(edits[2]).toEqual({
      command: 'addedge',
      src: { node: 'thermometer', port: 'out' },
      tgt: { node: 'shown', port: 'in' },
    });
  });

  it('a removed node takes its edges and initial values along; a new component replaces it', () => {
    const withoutTimer = FRIDGE.replace(/^timer\(Timer\) OUT -> TRIGGER .*\n/m, '')
      .replace('thermometer() OUT', 'thermometer(ReadDallasTemperature) OUT')
      .replace("'5000' -> INTERVAL timer()\n", '');
    expect(graphEdits(parse(FRIDGE), parse(withoutTimer))).toEqual([
      {
        command: 'removeedge',
        src: { node: 'timer', port: 'out' },
        tgt: { node: 'thermometer', port: 'trigger' },
      },
      { command: 'removenode', id: 'timer' },
    ]);
    const replaced = graphEdits(
      parse(FRIDGE),
      parse(FRIDGE.replace('ib(InvertBoolean)', 'ib(Forward)')),
    );
    expect(replaced.map((e) => e.command)).toEqual([
      'removeedge',
      'removeedge',
      'removenode',
      'addnode',
      'addedge',
      'addedge',
    ]);
  });

  it('applying the edits turns one graph into the other', () => {
    const after = parse(`${FRIDGE}hysteresis() OUT -> IN shown(Drop)\n`);
    let graph = parse(FRIDGE);
    for (const edit of graphEdits(graph, after)) graph = applyEdit(graph, edit);
    expect(graphEdits(graph, after)).toEqual([]);
    expect(Object.keys(graph.processes!).sort()).toEqual(Object.keys(after.processes!).sort());
  });
});

describe('one edit as live-edit commands', () => {
  const afterText = `${FRIDGE}hysteresis() OUT -> IN shown(Drop)\n`;

  it('match a full compile of the edited graph, on the running node numbers', () => {
    const network = running(FRIDGE);
    const after = parse(afterText);
    const edits = graphEdits(parse(FRIDGE), after);
    const sent: Uint8Array[] = [];
    for (const edit of edits) {
      const plan = planLiveEdit(edit, network, options(after));
      sent.push(...plan.commands);
      plan.commit();
    }
    const full = compile(afterText);
    const fullCommands = splitStream(full.stream);
    const shown = network.nodes.get('shown')!;
    // The new node takes the first free number (the fridge's are 0..n-1: n).
    expect(shown).toBe(compile(FRIDGE).nodes.length);
    const create = sent.find((c) => c[0] === OP.createNode)!;
    const fullId = full.nodes.find((n) => n.name === 'shown')!.id;
    const fullCreate = fullCommands.find((c) => c[0] === OP.createNode && c[1] === fullId)!;
    expect(Array.from(create)).toEqual([OP.createNode, shown, ...fullCreate.slice(2)]);
    // The edge: same port numbers, running ids, and watched.
    const hysteresis = network.nodes.get('hysteresis')!;
    const connect = sent.find((c) => c[0] === OP.connect)!;
    const fullEdge = full.edges.find((e) => e.tgt === fullId)!;
    // Operands: src, srcPort, srcIndex, tgt, tgtPort, tgtIndex (255: not an array port).
    const fullConnect = fullCommands.find((c) => c[0] === OP.connect && c[4] === fullId)!;
    expect(Array.from(connect)).toEqual([
      OP.connect,
      hysteresis,
      fullEdge.srcPort,
      fullConnect[3],
      shown,
      fullEdge.tgtPort,
      fullConnect[6],
    ]);
    expect(sent.at(-1)![0]).toBe(OP.watch);
    expect(network.edges).toHaveLength(full.edges.length);
    // What the engine compiles this way is a stream the board's parser reads.
    expect(splitStream(joinStream(sent))).toHaveLength(sent.length);
  });

  it('an initial value and its removal name the port by its number', () => {
    const network = running(FRIDGE);
    const graph = parse(FRIDGE);
    const timer = network.nodes.get('timer')!;
    const tgt = { node: 'timer', port: 'interval' };
    const add = planLiveEdit({ command: 'addinitial', data: '250', tgt }, network, options(graph));
    expect(Array.from(add.commands[0].slice(0, 3))).toEqual([OP.initial, timer, 0]);
    const remove = planLiveEdit(
      { command: 'removeinitial', tgt, data: '5000' },
      network,
      options(graph),
    );
    expect(Array.from(remove.commands[0])).toEqual([OP.removeInitial, timer, 0]);
  });

  it('removing a node drops its edges from the running network', () => {
    const network = running(FRIDGE);
    const id = network.nodes.get('switch')!;
    const plan = planLiveEdit(
      { command: 'removenode', id: 'switch' },
      network,
      options(parse(FRIDGE)),
    );
    expect(Array.from(plan.commands[0])).toEqual([OP.removeNode, id]);
    plan.commit();
    expect(network.nodes.has('switch')).toBe(false);
    expect(network.edges.some((e: BoardEdge) => e.src === id || e.tgt === id)).toBe(false);
  });

  it('a pin map lives on the host: its edges are pin numbers on their targets', () => {
    const network = running(FRIDGE);
    const graph = parse(FRIDGE);
    const turnOn = network.nodes.get('turnOn')!;
    const o = options(graph);
    expect(network.nodes.has('board')).toBe(false);
    expect(
      planLiveEdit({ command: 'addnode', id: 'pins', component: 'ArduinoUno' }, network, o)
        .commands,
    ).toEqual([]);
    const pin = { src: { node: 'board', port: 'pin10' }, tgt: { node: 'turnOn', port: 'pin' } };
    const [initial] = planLiveEdit({ command: 'addedge', ...pin }, network, o).commands;
    // The same command a full compile makes of that edge (on the running number).
    const full = compile(
      FRIDGE.replace('board() PIN11 -> PIN turnOn()', 'board() PIN10 -> PIN turnOn()'),
    );
    const fullId = full.nodes.find((n) => n.name === 'turnOn')!.id;
    const fullPin = splitStream(full.stream).find(
      (c) => c[0] === OP.initial && c[1] === fullId && c[2] === initial[2],
    )!;
    expect(Array.from(initial)).toEqual([OP.initial, turnOn, ...fullPin.slice(2)]);
    const [remove] = planLiveEdit({ command: 'removeedge', ...pin }, network, o).commands;
    expect(Array.from(remove)).toEqual([OP.removeInitial, turnOn, initial[2]]);
    expect(planLiveEdit({ command: 'removenode', id: 'board' }, network, o).commands).toEqual([]);
  });

  it('says why the board cannot take an edit', () => {
    const network = running(FRIDGE);
    const graph = parse(afterText);
    const addnode: GraphEdit = { command: 'addnode', id: 'shown', component: 'Drop' };
    const full = options(graph, { maxNodes: network.nodes.size });
    expect(() => planLiveEdit(addnode, network, full)).toThrow(
      new LiveEditError(`the board holds at most ${network.nodes.size} nodes`),
    );
    const edge: GraphEdit = {
      command: 'addedge',
      src: { node: 'hysteresis', port: 'out' },
      tgt: { node: 'timer', port: 'enable' },
    };
    expect(() =>
      planLiveEdit(edge, network, options(graph, { maxEdges: network.edges.length })),
    ).toThrow(`the board holds at most ${network.edges.length} edges`);
    expect(() =>
      planLiveEdit(
        { ...edge, tgt: { node: 'shown', port: 'in' } } as GraphEdit,
        network,
        options(graph),
      ),
    ).toThrow('node shown is not on the board');
    const unknown: GraphEdit = { command: 'addnode', id: 'x', component: 'NoSuchThing' };
    expect(() => planLiveEdit(unknown, network, options(graph))).toThrow(LiveEditError);
    expect(() => planLiveEdit(unknown, network, options(graph))).toThrow(/NoSuchThing/);
  });
});
