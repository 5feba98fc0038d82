// The board as the FBP runtime's network (bin/emflow-runtime.mjs --serial, docs/protocol.md
// "A board over serial"): graph edits stay in the engine's protocol runtime on the host, as
// without --serial; the network protocol goes to a board running the generic firmware over the
// serial link (docs/serial-link.md). network:start compiles the graph for the board's reported
// capacities (compileForBoard) and uploads it (the firmware stores it in EEPROM and runs it);
// graph edits while it runs become LiveEdit frames; watched edges, logs and network errors
// from the board become network:data, network:output and network:error.
//
// Text has no packet type on a board: like the engine (core/host/protocol/packet_json.h), text
// sent to a port of type "all" travels as a *symbol*, an int in a reserved range, and comes
// back as the text in network:data.
//
// Plain ESM without Node built-ins: the playground runs it too (web/src/real-board/fbpBridge.ts,
// the browser as an FBP-protocol bridge), with './link-client.generated.mjs' resolved to the
// TypeScript sources it is built from (web/vite.config.ts) so both share one LinkError.
import {
  LINK_BOARDS,
  LinkError,
  STATUS_NAMES,
  crc16,
  planLiveEdit,
} from './link-client.generated.mjs';
import {
  OP,
  joinStream,
  sameBytes,
  splitStream,
  watchCommand,
  withWatches,
} from './board-stream.mjs';

const SYMBOL_BASE = -2147483647; // kSymbolBase = INT32_MIN + 1
const MAX_SYMBOLS = 4096;

// Graph edits the board applies live, and those that change nothing on it (metadata, names
// and exported ports live on the host only). Any other graph command on the running graph is
// refused while it runs.
const LIVE_EDITS = new Set([
  'addnode',
  'removenode',
  'addedge',
  'removeedge',
  'addinitial',
  'removeinitial',
  'renamenode',
]);
const HOST_ONLY = new Set([
  'changenode',
  'changeedge',
  'addgroup',
  'removegroup',
  'renamegroup',
  'changegroup',
  'addinport',
  'removeinport',
  'renameinport',
  'addoutport',
  'removeoutport',
  'renameoutport',
]);

const utf8 = (text) => new TextEncoder().encode(String(text));
/** Compares two secrets in a time that does not depend on where they differ. */
export function sameSecret(given, secret) {
  if (given.length !== secret.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given[i] ^ secret[i];
  return diff === 0;
}

const shortName = (component) => component.split('/').pop();
const portText = (end) =>
  `${end.port.toUpperCase()}${end.index !== undefined && end.index !== null ? `[${end.index}]` : ''}`;
const edgeId = (src, tgt) =>
  `${src ? `${src.node}() ${portText(src)}` : 'DATA'} -> ${portText(tgt)} ${tgt.node}()`;
const samePort = (a, b) => a.toLowerCase() === b.toLowerCase();

export class SerialRuntime {
  /**
   * engine: the Embind module; runtime: its EngineRuntime (graphs, secret); connect(): resolves
   * with {client: a LinkClient on the open port, info: the board's hello}; secret;
   * send(socket, message), broadcast(messages); note(socket): it sent the secret; log(text);
   * named(nodes), optional: the running graph's node ids by name, whenever they change (a
   * start sets them before the board's first packets of the new graph arrive).
   */
  constructor({ engine, runtime, connect, secret, send, broadcast, note, log, named }) {
    Object.assign(this, { engine, runtime, send, broadcast, note, log });
    this.named = named ?? (() => {});
    this.secret = utf8(secret);
    this.queue = Promise.resolve();
    // The project's main graph (restored by --persist) is compared with the board's stored one
    // once connected; until then messages about it wait, like every network message.
    this.startupMain = JSON.parse(runtime.snapshot()).main || '';
    this.ready = connect().then(async ({ client, info }) => {
      this.client = client;
      this.info = info;
      client.onEvent((event) => this.onBoardEvent(event));
      try {
        log(await this.attach(this.startupMain));
      } catch (error) {
        log(`could not read the board's stored graph back: ${error.message}`);
      }
    });
    this.symbols = [];
    this.running = null; // {graph, nodes: Map name → id, edges: [...], startedAt, uploaded, stopped}
    this.held = null; // board events held while a start is under way
    this.unnamedPackets = 0; // packets of a graph the runtime cannot name
    this.snapshot = null; // the engine's graphs, parsed once per change (graphJson)
    this.selected = null; // network:edges choice ([{src, tgt}]), null = every edge
    this.catalog = this.readCatalog();
  }

  setRunning(run) {
    this.running = run;
    this.named(run?.nodes ?? new Map());
  }

  // Component name → {inPorts, outPorts} as component:list gives them: a port's position is
  // its number on the device (both come from the component's describe-macro).
  readCatalog() {
    const secret = new TextDecoder().decode(this.secret);
    const request = { protocol: 'component', command: 'list', payload: { secret }, secret };
    const catalog = new Map();
    for (const m of JSON.parse(this.runtime.handle(JSON.stringify(request)))) {
      if (m.command === 'component') catalog.set(shortName(m.payload.name), m.payload);
    }
    return catalog;
  }

  authorised(message) {
    return sameSecret(utf8(message?.secret ?? message?.payload?.secret ?? ''), this.secret);
  }

  /** One message from a socket, in arrival order; `viaEngine(text)` is the usual path. */
  message(socket, text, viaEngine) {
    const throughEngine = (t) => {
      this.snapshot = null; // the graphs may change
      return viaEngine(t);
    };
    this.queue = this.queue
      .then(() => this.handle(socket, text, throughEngine))
      .catch((error) => {
        this.log(`a message failed: ${error.message ?? error}`);
        const message = `runtime failed on this message: ${error.message ?? error}`;
        this.send(socket, { protocol: 'runtime', command: 'error', payload: { message } });
      });
    return this.queue;
  }

  async handle(socket, text, viaEngine) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return viaEngine(text); // the engine answers malformed JSON
    }
    const { protocol, command } = message ?? {};
    const payload = message?.payload ?? {};
    // Unauthorised messages go to the engine, which refuses them in its own words.
    if (!this.authorised(message)) return viaEngine(text);
    this.note(socket); // it knows the secret: it hears the board's events
    const target = command === 'clear' ? payload.id : payload.graph;
    if (protocol === 'network' || (protocol === 'graph' && target === this.startupMain)) {
      await this.ready;
    }
    if (protocol === 'network') return this.network(socket, command, payload, text, viaEngine);
    if (protocol === 'runtime' && command === 'packet') {
      return this.refuse(
        socket,
        'runtime',
        'runtime:packet: exported ports are not on the board (--serial)',
      );
    }
    // graph:clear names its graph `id`; every other graph command `graph`.
    if (protocol !== 'graph' || !this.isRunning(target)) {
      return viaEngine(text);
    }
    if (HOST_ONLY.has(command)) return viaEngine(text);
    if (!LIVE_EDITS.has(command)) {
      return this.refuse(
        socket,
        'graph',
        `graph:${command}: the board cannot change this while graph ${target} runs; ` +
          'stop the network first (network:stop)',
      );
    }
    // The engine checks the edit and keeps the graph; the board applies what the engine took.
    const before = this.graphJson(payload.graph);
    const replies = viaEngine(text);
    if (replies.some((r) => r.command === 'error')) return replies;
    try {
      await this.liveEdit(command, payload, before);
    } catch (error) {
      this.running.uploaded = false; // the next start uploads the whole graph again
      this.refuse(
        socket,
        'graph',
        `graph:${command}: the host kept the edit but the board ` +
          `refused it: ${error.message}; network:start uploads the whole graph`,
      );
    }
    return replies;
  }

  refuse(socket, protocol, message) {
    this.send(socket, { protocol, command: 'error', payload: { message } });
    return [];
  }

  // The host's graph `id` (NoFlo JSON; do not modify: it is cached until the next message
  // reaches the engine, since packets from the board are named with it).
  graphJson(id) {
    this.snapshot ??= JSON.parse(this.runtime.snapshot());
    return this.snapshot.graphs?.[id] ?? null;
  }

  // --- network protocol ---------------------------------------------------------------

  async network(socket, command, payload, text, viaEngine) {
    try {
      return await this.networkCommand(socket, command, payload, text, viaEngine);
    } catch (error) {
      if (!(error instanceof LinkError)) throw error;
      // The board refused or did not answer: said to everyone, as the network's errors are.
      const message = `network:${command}: ${this.describe(error.detail, error.message)}`;
      this.broadcast([
        { protocol: 'network', command: 'error', payload: { message, graph: payload.graph } },
      ]);
      return [];
    }
  }

  async networkCommand(socket, command, payload, text, viaEngine) {
    const graph = payload.graph;
    const status = (active) => ({ graph, started: this.isRunning(graph), running: active });
    switch (command) {
      case 'start':
        return this.start(socket, graph);
      case 'stop': {
        if (!this.isRunning(graph)) {
          return this.refuse(socket, 'network', `network:stop: graph ${graph} is not running`);
        }
        await this.client.liveEdit(joinStream([Uint8Array.of(OP.stop)]));
        const uptime = (Date.now() - this.running.startedAt) / 1000;
        this.running.stopped = true;
        this.broadcast([
          {
            protocol: 'network',
            command: 'stopped',
            payload: { time: new Date().toISOString(), ...status(false), uptime },
          },
        ]);
        return [];
      }
      case 'getstatus': {
        // `running`: the board has packets queued or a wake-up due (Info's Active); a graph
        // that has delivered everything is started but not running.
        const active = this.isRunning(graph) && (await this.client.hello()).Active === 1;
        this.send(socket, { protocol: 'network', command: 'status', payload: status(active) });
        return [];
      }
      case 'debug':
        this.send(socket, {
          protocol: 'network',
          command: 'debug',
          payload: { enable: Boolean(payload.enable), graph },
        });
        return [];
      case 'edges':
        return this.edges(socket, graph, payload.edges);
      default:
        return viaEngine(text); // persist, and the engine's refusal of anything unknown
    }
  }

  isRunning(graph) {
    return this.running !== null && !this.running.stopped && this.running.graph === graph;
  }

  /**
   * The graph `id` as the board takes it: {stream (with its watches), nodes, edges} or
   * {error}. Text IIPs to "all" ports become symbols first.
   */
  compile(id) {
    const json = structuredClone(this.graphJson(id));
    if (!json) return { error: `no graph ${id}` };
    for (const c of json.connections ?? []) {
      if (c.data !== undefined)
        c.data = this.boardValue(c.data, json.processes?.[c.tgt.process], c.tgt.port);
    }
    const fbp = JSON.parse(this.engine.graphToFbp(JSON.stringify(json)));
    if (!fbp.ok) return { error: fbp.error };
    const limits = {
      maxNodes: this.info.MaxNodes,
      maxEdges: this.info.MaxEdges,
      maxInitials: this.info.MaxInitials,
      // A0 on the board: the Mega's analog pins are 54..69 (board(ArduinoUno) A0 is remapped).
      firstAnalogPin: this.info.Board === LINK_BOARDS.Mega2560 ? 54 : 14,
    };
    const compiled = this.engine.compileForBoard(fbp.fbp, JSON.stringify(limits));
    if (!compiled.ok) return { error: compiled.error };
    const nodes = new Map(compiled.nodes.map((n) => [n.name, n.id]));
    const edges = compiled.edges.map((e) => ({ ...e }));
    const watched = edges.filter((e) => this.isSelected(e, nodes));
    return { stream: withWatches(compiled.stream, watched), nodes, edges, iips: this.iips(id) };
  }

  // The value an IIP carries on the board: text to an "all" port becomes a symbol.
  boardValue(data, process, port) {
    if (typeof data !== 'string' || !process) return data;
    if (/^\s*(-?[\d.]+(e-?\d+)?|true|false|\[.*\])\s*$/i.test(data)) return data;
    const info = this.catalog.get(shortName(process.component));
    const type = info?.inPorts.find((p) => samePort(p.id, port))?.type;
    if (type !== 'all') return data; // the compiler refuses it with its location
    let index = this.symbols.indexOf(data);
    if (index < 0 && this.symbols.length < MAX_SYMBOLS) index = this.symbols.push(data) - 1;
    return index < 0 ? data : SYMBOL_BASE + index;
  }

  iips(id) {
    const json = this.graphJson(id);
    return (json?.connections ?? []).filter((c) => c.data !== undefined);
  }

  isSelected(edge, nodes) {
    if (this.selected === null) return true;
    const names = [...nodes.entries()];
    const name = (id) => names.find(([, n]) => n === id)?.[0];
    const { src, tgt } = this.edgeNames(edge, name(edge.src), name(edge.tgt));
    return this.selected.some(
      (s) =>
        s.src.node === src.node &&
        samePort(s.src.port, src.port) &&
        s.tgt.node === tgt.node &&
        samePort(s.tgt.port, tgt.port),
    );
  }

  // Port names of a board edge, from the catalog of its nodes' components.
  edgeNames(edge, srcNode, tgtNode, json = null) {
    const graph = json ?? this.graphJson(this.running?.graph ?? 'main');
    const component = (node) => shortName(graph?.processes?.[node]?.component ?? '');
    const srcPort =
      this.catalog.get(component(srcNode))?.outPorts[edge.srcPort]?.id ?? `out${edge.srcPort}`;
    const tgtPort =
      this.catalog.get(component(tgtNode))?.inPorts[edge.tgtPort]?.id ?? `in${edge.tgtPort}`;
    return { src: { node: srcNode, port: srcPort }, tgt: { node: tgtNode, port: tgtPort } };
  }

  async start(socket, graph) {
    const compiled = this.compile(graph);
    if (compiled.error) {
      this.broadcast([
        {
          protocol: 'network',
          command: 'error',
          payload: { message: `network:start: ${compiled.error}`, graph },
        },
      ]);
      return [];
    }
    const started = Date.now();
    // A board that already stores exactly this stream (and was not edited live since) is
    // restarted instead of written again: EEPROM cells wear out.
    const info = await this.client.hello();
    const stored =
      this.running?.uploaded !== false &&
      info.StoredLength === compiled.stream.length &&
      info.StoredCrc === crc16(compiled.stream);
    // The board starts the graph while it commits, before it answers: its first packets are
    // named with the new graph's nodes and held until `started` has gone out.
    const previous = this.running;
    this.setRunning({
      graph,
      nodes: compiled.nodes,
      edges: compiled.edges,
      startedAt: started,
      uploaded: true,
      stopped: false,
    });
    this.held = [];
    try {
      if (stored) {
        await this.client.liveEdit(joinStream([Uint8Array.of(OP.stop), Uint8Array.of(OP.start)]));
      } else {
        await this.client.upload(compiled.stream);
      }
    } catch (error) {
      // Named with the new graph's nodes (the failing command is the new stream's).
      const message =
        error instanceof LinkError ? this.describe(error.detail, error.message) : String(error);
      this.setRunning(previous);
      this.held = null;
      this.broadcast([
        {
          protocol: 'network',
          command: 'error',
          payload: { message: `network:start: ${message}`, graph },
        },
      ]);
      return [];
    }
    this.log(
      `${stored ? 'restarted the stored' : `uploaded ${compiled.stream.length} B of`} graph ${graph} in ${Date.now() - started} ms`,
    );
    const time = new Date().toISOString();
    const events = [
      {
        protocol: 'network',
        command: 'started',
        payload: { time, graph, started: true, running: true },
      },
    ];
    // The initial packets the board delivered at start (not edges, so never watched).
    for (const c of compiled.iips) {
      const tgt = {
        node: c.tgt.process,
        port: c.tgt.port,
        ...(c.tgt.index !== undefined ? { index: c.tgt.index } : {}),
      };
      events.push({
        protocol: 'network',
        command: 'data',
        payload: { id: edgeId(null, tgt), tgt, data: c.data, graph },
      });
    }
    this.broadcast(events);
    const held = this.held;
    this.held = null;
    for (const event of held) this.onBoardEvent(event);
    return [];
  }

  async edges(socket, graph, edges) {
    if (!Array.isArray(edges))
      return this.refuse(socket, 'network', 'network:edges: payload.edges must be an array');
    this.selected = edges.length ? edges.map((e) => ({ src: e.src, tgt: e.tgt })) : null;
    if (this.isRunning(graph)) {
      const commands = this.running.edges.map((e) =>
        watchCommand(e, this.isSelected(e, this.running.nodes)),
      );
      try {
        for (let at = 0; at < commands.length; at += 8)
          await this.client.liveEdit(joinStream(commands.slice(at, at + 8)));
      } catch (error) {
        return this.refuse(
          socket,
          'network',
          `network:edges: the board refused it: ${error.message}`,
        );
      }
      this.running.uploaded = false; // the stored graph watches other edges now
    }
    this.send(socket, { protocol: 'network', command: 'edges', payload: { graph, edges } });
    return [];
  }

  // --- live edits ----------------------------------------------------------------------

  // The command(s) one graph edit is on the board: the translation shared with the Board panel
  // (web/src/link/liveEdits.ts, through the link bundle), on the running node numbers.
  async liveEdit(command, p, before) {
    const run = this.running;
    if (command === 'renamenode') {
      const id = run.nodes.get(p.from);
      run.nodes.delete(p.from);
      if (id !== undefined) run.nodes.set(p.to, id);
      return;
    }
    const component = (node) =>
      (this.graphJson(run.graph) ?? before)?.processes?.[node]?.component ??
      before?.processes?.[node]?.component;
    const network = { nodes: run.nodes, edges: run.edges };
    const plan = planLiveEdit(this.graphEdit(command, p), network, {
      compiler: this.engine,
      maxNodes: this.info.MaxNodes,
      maxEdges: this.info.MaxEdges,
      componentOf: component,
      watched: (edge) => this.isSelected(edge, run.nodes),
      boardValue: (data, comp, port) => this.boardValue(data, { component: comp }, port),
      anyValue: (comp, port) => this.anyValue({ component: comp }, port),
    });
    await this.client.liveEdit(joinStream(plan.commands));
    plan.commit();
    run.edges = network.edges;
    run.uploaded = false;
  }

  // A graph command's payload as the shared module's edit.
  graphEdit(command, p) {
    switch (command) {
      case 'addnode':
        return { command, id: p.id, component: p.component };
      case 'removenode':
        return { command, id: p.id };
      case 'addinitial':
        return { command, data: p.src.data, tgt: p.tgt };
      case 'removeinitial':
        return { command, tgt: p.tgt };
      default:
        return { command, src: p.src, tgt: p.tgt };
    }
  }

  // A value the port's type accepts (only its port number is wanted from the compiled command).
  anyValue(process, port) {
    const type = this.catalog
      .get(shortName(process.component))
      ?.inPorts.find((q) => samePort(q.id, port))?.type;
    return type === 'boolean' ? true : type === 'bang' ? null : 0;
  }

  // --- board events --------------------------------------------------------------------

  nameOf(id) {
    for (const [name, n] of this.running?.nodes ?? []) if (n === id) return name;
    return `node ${id}`;
  }

  describe(detail, fallback) {
    if (!detail) return fallback;
    const where = [];
    if (detail.node !== undefined) where.push(`node ${this.nameOf(detail.node)}`);
    if (detail.port !== undefined) where.push(`port ${detail.port}`);
    if (detail.command !== undefined) where.push(`command ${detail.command}`);
    if (detail.offset !== undefined) where.push(`byte ${detail.offset}`);
    return where.length ? `${detail.statusName} (${where.join(', ')})` : detail.statusName;
  }

  packetData(packet) {
    switch (packet.type) {
      case 'bang':
        return null;
      case 'open':
        return '[';
      case 'close':
        return ']';
      case 'error':
        return { error: STATUS_NAMES[packet.value] ?? `status ${packet.value}` };
      case 'int': {
        const symbol = packet.value - SYMBOL_BASE;
        return symbol >= 0 && symbol < this.symbols.length ? this.symbols[symbol] : packet.value;
      }
      default:
        return packet.value;
    }
  }

  onBoardEvent(event) {
    if (this.held) {
      this.held.push(event);
      return;
    }
    const graph = this.running?.graph;
    if (event.kind === 'log') {
      this.broadcast([
        {
          protocol: 'network',
          command: 'output',
          payload: { message: event.text, type: 'message' },
        },
      ]);
    } else if (event.kind === 'packet') {
      if (!graph) {
        // The board runs a graph this runtime did not start (not the project's): its packets
        // have no names here. Said once on the console, and network:start replaces the graph.
        if (!this.unnamedPackets++) {
          this.log(
            "the board sends packets of a graph that is not the project's: not " +
              'reported until network:start uploads the project',
          );
        }
        return;
      }
      const json = this.graphJson(graph);
      const names = this.edgeNames(event, this.nameOf(event.src), this.nameOf(event.tgt), json);
      // The client's own spelling of the ports (and an array port's index), when the edge is in its graph.
      const known = (json?.connections ?? []).find(
        (c) =>
          c.src &&
          c.src.process === names.src.node &&
          samePort(c.src.port, names.src.port) &&
          c.tgt.process === names.tgt.node &&
          samePort(c.tgt.port, names.tgt.port),
      );
      const end = (e, c) => ({
        node: e.node,
        port: c?.port ?? e.port,
        ...(c?.index !== undefined ? { index: c.index } : {}),
      });
      const src = end(names.src, known?.src);
      const tgt = end(names.tgt, known?.tgt);
      this.broadcast([
        {
          protocol: 'network',
          command: 'data',
          payload: { id: edgeId(src, tgt), src, tgt, data: this.packetData(event.packet), graph },
        },
      ]);
    } else {
      // network-error: the running graph's (node, port); damaged: a frame the board could not read.
      const d = event.error;
      let where = '';
      if (d.node !== undefined) {
        const node = this.nameOf(d.node);
        const component = shortName(
          this.graphJson(graph ?? 'main')?.processes?.[node]?.component ?? '',
        );
        const port =
          d.port !== undefined
            ? (this.catalog.get(component)?.inPorts[d.port]?.id ?? `port ${d.port}`)
            : '';
        where = `${node}${port ? ` ${port.toUpperCase()}` : ''}: `;
      }
      const what = event.kind === 'damaged' ? 'the link lost a frame' : 'board';
      const message = `${what}: ${where}${this.describe({ ...d, node: undefined, port: undefined }, d.statusName)}`;
      this.broadcast([
        { protocol: 'network', command: 'error', payload: { message, graph: graph ?? '' } },
      ]);
    }
  }

  // --- connecting ----------------------------------------------------------------------

  /**
   * Reads the board's stored graph back and compares it with `graph` (the project's main
   * graph, restored by --persist): when they are the same stream and the board runs it, the
   * runtime reports that graph as started. Returns a sentence for the console.
   */
  async attach(graph) {
    const stored = await this.client.readBack();
    if (stored === null) return 'the board stores no graph';
    let expected = null;
    if (graph && this.graphJson(graph)) {
      const compiled = this.compile(graph);
      if (!compiled.error) {
        expected = compiled.stream;
        if (sameBytes(stored, expected)) {
          if (this.info.Running) {
            this.setRunning({
              graph,
              nodes: compiled.nodes,
              edges: compiled.edges,
              startedAt: Date.now(),
              uploaded: true,
              stopped: false,
            });
          }
          return `the board ${this.info.Running ? 'runs' : 'stores (stopped)'} the project's graph ${graph} (${stored.length} B)`;
        }
      }
    }
    const commands = splitStream(stored);
    const nodes = commands.filter((c) => c[0] === OP.createNode).length;
    return `the board ${this.info.Running ? 'runs' : 'stores'} a graph that is not the project's${graph ? ` ${graph}` : ''} (${nodes} nodes, ${stored.length} B); network:start replaces it`;
  }
}
