// A real board on a serial port, as the Board panel drives it: connect (reset by DTR, ask the
// generic firmware what it is, read its stored graph back and compare it with the project's),
// flash the generic firmware through the bootloader, upload the project's graph, follow its
// edits with live edits (nodes, edges, initial values: web/src/link/liveEdits.ts, the same
// translation as emflow-runtime --serial's) where the board takes them, and collect
// what the board sends — watched packets per edge, its log, its errors. Plain TypeScript with a
// subscribe/getState pair, so React renders it (useRealBoard) and nothing here knows the DOM
// beyond the serial port it is given.
import { ensureModelsThenUpload } from '../flash/ensureModels';
import { joinStream } from '../link/commandStream';
import {
  LinkClient,
  LinkError,
  type BoardInfo,
  type LinkEvent,
  type LinkPacket,
} from '../link/linkClient';
import {
  applyEdit,
  copyNetwork,
  graphEdits,
  LiveEditError,
  planLiveEdit,
  type GraphEdit,
  type LiveEditOptions,
  type NofloGraph,
  type RunningNetwork,
} from '../link/liveEdits';
import { parseIntelHex } from '../virtual-board/intelHex';
import { describeEvent, edgeText } from '../virtual-board/useVirtualBoard';
import { type RealBoard } from './boards';
import { compileForBoard, loadCompiler, parseGraph, type CompiledForBoard } from './boardCompiler';
import {
  openSerialLine,
  requestPort,
  SerialPortError,
  type WebSerial,
  type WebSerialLine,
} from './webSerial';

export type RealBoardPhase = 'idle' | 'connecting' | 'ready' | 'flashing' | 'uploading';

/** One watched edge's packets as the board sent them (board time, numeric value). */
export interface EdgeSeries {
  key: string;
  label: string;
  timeMs: number[];
  values: number[];
  last: string;
}

export interface RealBoardState {
  phase: RealBoardPhase;
  connected: boolean;
  info: BoardInfo | null;
  /** Connected, but no generic firmware answered: it must be flashed first. */
  firmwareMissing: boolean;
  /** The board's stored graph against the project's: null until known. */
  stored: 'same' | 'different' | 'none' | null;
  /** The graph was edited after the board got it: re-upload needed. */
  stale: boolean;
  /** Why the latest edit could not go to the board live (with `stale`). */
  staleReason: string | null;
  /** An FBP client drives the board through the postMessage bridge (its origin). */
  bridgedBy: string | null;
  /** Edits reached the running graph as live edits: not stored in EEPROM until an upload. */
  liveEdited: boolean;
  progress: { label: string; done: number; total: number } | null;
  error: string | null;
  notice: string | null;
  log: string[];
  edges: EdgeSeries[];
}

const MAX_LOG = 300;
/** Board events are taken into the panel's state at most this often (one render per batch). */
const EVENT_BATCH_MS = 50;
/** Points kept per edge (the oldest go first): about an hour of a 1 Hz edge. */
export const MAX_POINTS = 5000;
/** How long the board may take to answer (3 tries of hello: no answer means no generic firmware). */
const ANSWER_TIMEOUT_MS = 2000;
/** How long an edit must stay the newest before the board follows it. */
const EDIT_SETTLE_MS = 300;

const INITIAL: RealBoardState = {
  phase: 'idle',
  connected: false,
  info: null,
  firmwareMissing: false,
  stored: null,
  stale: false,
  staleReason: null,
  bridgedBy: null,
  liveEdited: false,
  progress: null,
  error: null,
  notice: null,
  log: [],
  edges: [],
};

/** What a closed port leaves: the packets and the log stay (they can still be recorded). */
const DISCONNECTED: Partial<RealBoardState> = {
  phase: 'idle',
  connected: false,
  info: null,
  firmwareMissing: false,
  stored: null,
  stale: false,
  staleReason: null,
  bridgedBy: null,
  liveEdited: false,
  progress: null,
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A packet as a number to plot: booleans and bangs as 1, brackets as gaps. */
function packetValue(p: LinkPacket): number {
  if (p.type === 'boolean') return p.value ? 1 : 0;
  if ('value' in p) return p.value;
  return p.type === 'bang' ? 1 : NaN;
}
const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((v, i) => v === b[i]);
const endText = (e: { node: string; port: string; index?: number }) =>
  `${e.node} ${e.port.toUpperCase()}${e.index !== undefined ? `[${e.index}]` : ''}`;
/** One edit in the log's words. */
function describeEdit(edit: GraphEdit): string {
  switch (edit.command) {
    case 'addnode':
      return `node ${edit.id} (${edit.component}) added`;
    case 'removenode':
      return `node ${edit.id} removed`;
    case 'addedge':
      return `edge ${endText(edit.src)} -> ${endText(edit.tgt)} added`;
    case 'removeedge':
      return `edge ${endText(edit.src)} -> ${endText(edit.tgt)} removed`;
    case 'addinitial':
      return `initial value ${JSON.stringify(edit.data)} -> ${endText(edit.tgt)}`;
    case 'removeinitial':
      return `initial values of ${endText(edit.tgt)} removed`;
  }
}
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RealBoardSession {
  private state: RealBoardState = INITIAL;
  private listeners = new Set<() => void>();
  private line: WebSerialLine | null = null;
  private client: LinkClient | null = null;
  /** Node names of the graph the board runs (by id), for the packets' labels. */
  private names: string[] = [];
  /** The stream the board stores, as far as this session knows. */
  private running: Uint8Array | null = null;
  /** The project's graph as the board runs it (live edits included), while it runs it. */
  private boardGraph: NofloGraph | null = null;
  /** Its node numbers and edges on the board. */
  private network: RunningNetwork | null = null;
  private editing: Promise<void> = Promise.resolve();
  /** Tells the FBP client's runtime that the lent link closed. */
  private lentUntilClosed: (() => void) | null = null;
  /** Cancels the flash under way. */
  private flashing: AbortController | null = null;
  private editedText = '';
  private inbox: LinkEvent[] = [];
  private inboxTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly board: RealBoard,
    private readonly serial: WebSerial | null,
    private readonly baseUrl = '/',
  ) {}

  getState = (): RealBoardState => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<RealBoardState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private addLog(...lines: string[]): void {
    this.set({ log: [...this.state.log, ...lines].slice(-MAX_LOG) });
  }

  private fail(e: unknown): void {
    this.set({ error: message(e), notice: null, progress: null });
  }

  /** Asks for a port, opens it, resets the board and finds out what runs on it. */
  async connect(fbpText: string): Promise<void> {
    if (this.state.connected || this.state.phase === 'connecting') return;
    this.set({ ...INITIAL, phase: 'connecting', notice: 'Choose the board’s port…' });
    try {
      const port = await requestPort(this.serial);
      this.set({ notice: 'Opening the port…' });
      const line = await openSerialLine(port, this.board.baudRate);
      this.line = line;
      line.onLost((lost) => void this.lost(lost));
      this.set({ connected: true });
      this.addLog(`port open at ${this.board.baudRate} baud`);
      await this.resetBoard();
      await this.identify(fbpText);
    } catch (e) {
      const lost = this.state.connected && !this.line; // lost() said so
      if (this.line) await this.closeLine();
      this.set({ phase: 'idle', connected: false });
      if (!lost) this.fail(e);
    }
  }

  /** The auto-reset: DTR low then high restarts the chip (its bootloader, then the firmware). */
  private async resetBoard(): Promise<void> {
    const line = this.requireLine();
    await line.setSignals?.({ dataTerminalReady: false, requestToSend: false });
    await pause(100);
    await line.setSignals?.({ dataTerminalReady: true, requestToSend: true });
    // Quiet until the bootloader has started the firmware (the Mega's stays on stray bytes).
    if (this.board.bootMs > 0) await pause(this.board.bootMs);
  }

  /** Hello (a board still in its bootloader hears the retries), then the stored graph. */
  private async identify(fbpText: string): Promise<void> {
    this.set({ notice: 'Asking the board what it runs…' });
    const client = this.openClient();
    let info: BoardInfo;
    try {
      info = await client.hello();
    } catch (e) {
      if (!(e instanceof LinkError) || this.line?.failure) throw e;
      this.set({
        phase: 'ready',
        info: null,
        firmwareMissing: true,
        notice: null,
        error:
          'No emflow firmware answered on this port. Flash the generic firmware (it replaces the ' +
          'board’s current program), or check that this is the right port and board.',
      });
      this.addLog('no answer to hello: no generic firmware on this board');
      return;
    }
    this.addLog(
      `${info.boardName}: generic firmware, link v${info.LinkVersion}, ${info.MaxNodes} nodes, ` +
        `${info.MaxEdges} edges, graph store ${info.GraphCapacity} B`,
    );
    if (info.Board !== this.board.linkBoard) {
      this.set({
        phase: 'ready',
        info,
        notice: null,
        error: `This port has a ${info.boardName} running the generic firmware, not an ${this.board.label}: choose that board.`,
      });
      return;
    }
    this.set({ info, firmwareMissing: false, notice: 'Reading the stored graph back…' });
    const stored = await client.readBack();
    this.running = stored;
    const compiled = await compileForBoard(fbpText, info).catch(() => null);
    const same = stored !== null && compiled?.ok === true && sameBytes(stored, compiled.stream);
    const storedState = stored === null ? 'none' : same ? 'same' : 'different';
    this.names = [];
    this.boardGraph = null;
    this.network = null;
    if (same && compiled) await this.adopt(compiled, fbpText);
    this.addLog(
      stored === null
        ? 'no graph stored on the board'
        : `stored graph: ${stored.length} B, ${same ? 'the project’s graph' : 'not the project’s graph'}`,
    );
    // Watches are not stored with the graph: the project's graph gets its edges watched again.
    if (same && compiled) for (const edit of compiled.watch) await client.liveEdit(edit);
    this.set({
      phase: 'ready',
      stored: storedState,
      stale: false,
      staleReason: null,
      liveEdited: false,
      notice: null,
      error: null,
    });
  }

  private openClient(): LinkClient {
    this.client?.close();
    const client = new LinkClient(this.requireLine(), { timeoutMs: ANSWER_TIMEOUT_MS });
    client.onEvent((event) => this.onEvent(event));
    this.client = client;
    return client;
  }

  /**
   * Board events wait in an inbox and reach the state in batches, one change per
   * EVENT_BATCH_MS: a graph with every edge watched sends hundreds of packets a second, and a
   * render for each left the page behind the board, its backlog growing, so the answers to the
   * page's own requests (a re-upload's model-area query) came too late.
   */
  private onEvent(event: LinkEvent): void {
    this.inbox.push(event);
    this.inboxTimer ??= setTimeout(() => this.takeInbox(), EVENT_BATCH_MS);
  }

  private takeInbox(): void {
    this.inboxTimer = null;
    const events = this.inbox;
    this.inbox = [];
    if (events.length === 0) return;
    const edges = [...this.state.edges];
    const arrived = new Map<number, { timeMs: number[]; values: number[]; last: string }>();
    const lines: string[] = [];
    for (const event of events) {
      lines.push(describeEvent(event, this.names));
      if (event.kind !== 'packet') continue;
      const key = `${event.src}.${event.srcPort}>${event.tgt}.${event.tgtPort}`;
      let i = edges.findIndex((e) => e.key === key);
      if (i < 0) {
        edges.push({ key, label: this.edgeLabel(key), timeMs: [], values: [], last: '' });
        i = edges.length - 1;
      }
      const batch = arrived.get(i) ?? { timeMs: [], values: [], last: '' };
      arrived.set(i, batch);
      const p = event.packet;
      batch.timeMs.push(event.timeMs);
      batch.values.push(packetValue(p));
      batch.last = 'value' in p ? String(p.value) : p.type;
    }
    for (const [i, batch] of arrived) {
      const edge = edges[i];
      edges[i] = {
        ...edge,
        timeMs: edge.timeMs.concat(batch.timeMs).slice(-MAX_POINTS),
        values: edge.values.concat(batch.values).slice(-MAX_POINTS),
        last: batch.last,
      };
    }
    this.set({ edges, log: [...this.state.log, ...lines].slice(-MAX_LOG) });
  }

  /** "classify[0] → log[0]" for the edge key "3.0>4.0" (board node ids and ports). */
  private edgeLabel(key: string): string {
    const [src, srcPort, tgt, tgtPort] = key.split(/[.>]/).map(Number);
    return edgeText(this.names, { src, srcPort, tgt, tgtPort });
  }

  /** Events of a link that is gone are dropped with it (a new connection starts clean). */
  private dropInbox(): void {
    if (this.inboxTimer !== null) clearTimeout(this.inboxTimer);
    this.inboxTimer = null;
    this.inbox = [];
  }

  /** Writes the shipped generic firmware through the bootloader, then greets it. */
  async flash(fbpText: string): Promise<void> {
    this.set({ phase: 'flashing', error: null, notice: null });
    this.set({ progress: { label: 'Loading the firmware…', done: 0, total: 1 } });
    const line = this.line;
    // A lost device ends the flash at once (lost() aborts it) instead of after its timeouts.
    const abort = new AbortController();
    this.flashing = abort;
    try {
      if (!line) throw new SerialPortError('The port is not open.', 'closed');
      const url = `${this.baseUrl}${this.board.firmwareUrl}`;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`cannot load the firmware ${url}: HTTP ${response.status}`);
      const image = parseIntelHex(await response.text(), this.board.applicationBytes);
      // The bootloader's bytes are not link frames: no link client listens while it talks.
      this.client?.close();
      this.client = null;
      await this.board.flash(
        line,
        image,
        (stage, done, total) => {
          const label =
            stage === 'sync'
              ? `Resetting into the bootloader (${this.board.bootloader})…`
              : stage === 'write'
                ? `Writing page ${done} of ${total}`
                : stage === 'verify'
                  ? `Verifying page ${done} of ${total}`
                  : `Flashed and verified ${total} pages`;
          this.set({ progress: { label, done, total } });
        },
        abort.signal,
      );
      this.addLog(`flashed and verified the generic firmware (${url})`);
      // The full bar stays until the next operation: what was written and checked.
      const done = this.state.progress;
      await this.identify(fbpText);
      this.set({ progress: done });
    } catch (e) {
      // The device was lost (lost() said so), and maybe connected again since: not this flash's.
      if (!this.line || this.line !== line) return;
      this.set({ phase: 'ready' });
      this.fail(e);
    } finally {
      if (this.flashing === abort) this.flashing = null;
    }
  }

  /**
   * Compiles the project's graph for the board's capacities and uploads it, watching every edge.
   * `models` (the blobs the graph's model nodes name, by id) go first into the board's model
   * area through the bootloader (ensureModelsThenUpload: only when the board's CRC-32 differs);
   * a board whose generic firmware has no area (the Uno) is refused in words.
   */
  async upload(fbpText: string, models?: ReadonlyMap<number, Uint8Array>): Promise<void> {
    const client = this.client;
    const info = this.state.info;
    if (!client || !info)
      return this.fail('Connect to a board running the generic firmware first.');
    this.set({ phase: 'uploading', error: null, notice: null });
    const line = this.line;
    try {
      const compiled = await compileForBoard(fbpText, info);
      if (!compiled.ok) {
        throw new Error(`The graph does not fit this board: ${compiled.errors.join('; ')}`);
      }
      let linked = client;
      let modelNote = '';
      if (models && models.size > 0)
        ({ client: linked, note: modelNote } = await this.uploadWithModels(compiled, models));
      else
        await client.upload(compiled.stream, (sent, total) =>
          this.set({ progress: { label: `Uploading ${sent} of ${total} B`, done: sent, total } }),
        );
      for (const edit of compiled.watch) await linked.liveEdit(edit);
      await this.adopt(compiled, fbpText);
      this.addLog(`graph uploaded (${compiled.stream.length} B), stored in EEPROM`);
      this.set({
        phase: 'ready',
        progress: null,
        stored: 'same',
        stale: false,
        staleReason: null,
        liveEdited: false,
        edges: [],
        notice: `Uploaded: ${compiled.nodes.length} nodes, ${compiled.stream.length} B, stored on the board.${modelNote}`,
      });
    } catch (e) {
      if (!this.line || this.line !== line) return; // the device was lost: lost() said so
      this.set({ phase: 'ready', progress: null });
      this.fail(e);
    }
  }

  /**
   * The models into the board's model area (their pages through the bootloader when the board
   * holds others), then the graph; the link client ensureModelsThenUpload leaves on the line
   * becomes the session's.
   */
  private async uploadWithModels(
    compiled: CompiledForBoard,
    models: ReadonlyMap<number, Uint8Array>,
  ): Promise<{ client: LinkClient; note: string }> {
    const ids = [...models.keys()].sort((a, b) => a - b).join(', ');
    if (!this.board.modelArea)
      throw new Error(
        `The ${this.board.label}'s generic firmware holds no models (model ${ids}): use a Mega 2560 for a graph with model nodes.`,
      );
    const line = this.requireLine();
    // ensureModelsThenUpload talks to the board (and its bootloader) with clients of its own.
    this.client?.close();
    this.client = null;
    const abort = new AbortController();
    this.flashing = abort;
    try {
      this.set({ progress: { label: `Asking the board for its models…`, done: 0, total: 1 } });
      const result = await ensureModelsThenUpload(line, models, compiled.stream, {
        nodes: compiled.nodes,
        signal: abort.signal,
        // A running graph's watched packets queue before the answers in a busy tab: more time.
        link: { timeoutMs: 3 * ANSWER_TIMEOUT_MS },
        progress: (stage, done, total) => {
          const label =
            stage === 'sync'
              ? `Resetting into the bootloader to write model ${ids}…`
              : stage === 'write'
                ? `Writing model page ${done} of ${total}`
                : stage === 'verify'
                  ? `Verifying model page ${done} of ${total}`
                  : `Wrote and verified ${total} pages of models`;
          this.set({ progress: { label, done, total } });
        },
      });
      result.client.onEvent((event) => this.onEvent(event));
      this.client = result.client;
      const note = result.wrote
        ? `model ${ids} written to the model area: ${result.areaBytes} B, ${result.pagesWritten - result.pagesKept} pages (${result.pagesWritten} written through the bootloader)`
        : `model ${ids} already in the model area (${result.areaBytes} B, same CRC-32): nothing written`;
      this.addLog(note);
      const short = result.wrote
        ? ` Model ${ids} written into its model area (${result.areaBytes} B, ${result.pagesWritten - result.pagesKept} pages).`
        : ` Model ${ids} was already on the board (same CRC-32): nothing written.`;
      return { client: result.client, note: short };
    } catch (e) {
      // The session needs a client on the line again (the board runs on, with its old models).
      if (this.line === line) this.openClient();
      throw e;
    } finally {
      if (this.flashing === abort) this.flashing = null;
    }
  }

  /** The board runs `compiled` (the project's `fbpText`): its names, graph and network. */
  private async adopt(compiled: CompiledForBoard, fbpText: string): Promise<void> {
    this.running = compiled.stream;
    this.names = compiled.nodes.map((n) => n.name);
    const parsed = await parseGraph(fbpText);
    this.boardGraph = parsed.ok ? parsed.graph : null;
    this.network = {
      nodes: new Map(compiled.nodes.map((n) => [n.name, n.id])),
      edges: compiled.edges.map((e) => ({ ...e })),
    };
  }

  /**
   * The project's graph was edited. While the board runs the project's graph, the edits
   * between the graph it runs and the new one (nodes, edges, initial values) go to it at once
   * as live edits, as the simulator applies them. An edit the board cannot take (its capacity,
   * a refusal) stops there and says why: "re-upload needed". Edits are taken one at a time,
   * the newest last.
   */
  graphEdited(fbpText: string): Promise<void> {
    this.editedText = fbpText;
    this.editing = this.editing.then(async () => {
      // A paste or a replace arrives as several texts in a row (the emptied editor first):
      // only the one that stays is followed, so the board is not torn down and rebuilt.
      await pause(EDIT_SETTLE_MS);
      if (this.editedText !== fbpText) return; // a newer edit follows
      await this.followEdit(fbpText).catch((e: unknown) => {
        if (this.line) this.fail(`The live edit failed: ${message(e)}`);
      });
    });
    return this.editing;
  }

  private async followEdit(fbpText: string): Promise<void> {
    const info = this.state.info;
    const client = this.client;
    if (!info || !client || !this.running || this.state.phase !== 'ready') return;
    if (this.state.bridgedBy) return; // an FBP client drives the board
    // Only a board that runs this project's graph follows its edits: another graph stays as is.
    const following = this.state.stored === 'same' || this.state.stale;
    if (!following || !this.boardGraph || !this.network) {
      const compiled = await compileForBoard(fbpText, info).catch(() => null);
      if (compiled?.ok && sameBytes(compiled.stream, this.running)) {
        await this.adopt(compiled, fbpText);
        this.set({ stored: 'same', stale: false, staleReason: null });
      }
      return;
    }
    const parsed = await parseGraph(fbpText);
    if (!parsed.ok) {
      this.set({ stored: 'different', stale: true, staleReason: parsed.error });
      return;
    }
    const edits = graphEdits(this.boardGraph, parsed.graph);
    const compiler = await loadCompiler();
    const options = (before: NofloGraph, after: NofloGraph): LiveEditOptions => ({
      compiler,
      maxNodes: info.MaxNodes,
      maxEdges: info.MaxEdges,
      componentOf: (node) =>
        after.processes?.[node]?.component ?? before.processes?.[node]?.component,
      watched: () => true, // the panel watches every edge
    });
    // Planned on a copy first: an edit the board cannot take sends nothing at all.
    const trial = copyNetwork(this.network);
    let planned = this.boardGraph;
    let refused: string | null = null;
    for (const edit of edits) {
      const after = applyEdit(planned, edit);
      try {
        planLiveEdit(edit, trial, options(planned, after)).commit();
      } catch (e) {
        if (!(e instanceof LiveEditError)) throw e;
        refused = `${describeEdit(edit)}: ${e.message}`;
        break;
      }
      planned = after;
    }
    const done: string[] = [];
    let bytes = 0;
    for (const edit of refused ? [] : edits) {
      const graph = this.boardGraph;
      const after = applyEdit(graph, edit);
      const plan = planLiveEdit(edit, this.network, options(graph, after));
      if (plan.commands.length) {
        const stream = joinStream(plan.commands);
        try {
          await client.liveEdit(stream);
        } catch (e) {
          if (!(e instanceof LinkError)) throw e;
          refused = `${describeEdit(edit)}: the board refused it (${message(e)})`;
          break;
        }
        bytes += stream.length;
      }
      plan.commit();
      this.boardGraph = after;
      done.push(describeEdit(edit));
    }
    const names: string[] = [];
    for (const [name, id] of this.network.nodes) names[id] = name;
    this.names = names;
    if (done.length) this.addLog(`live edit (${bytes} B): ${done.join('; ')}`);
    if (refused) {
      this.addLog(`not applied live: ${refused}`);
      this.set({
        stored: 'different',
        stale: true,
        staleReason: refused,
        liveEdited: this.state.liveEdited || done.length > 0,
      });
      return;
    }
    this.set({
      stored: 'same',
      stale: false,
      staleReason: null,
      liveEdited: this.state.liveEdited || done.length > 0,
    });
  }

  /**
   * Lends the board's link to an FBP client (fbpBridge.ts, through boardRuntime.ts): while it
   * drives the board the project's edits are not followed. Throws when there is no board with
   * the generic firmware, or another client has it.
   */
  lendLink(origin: string, onClosed: () => void): { client: LinkClient; info: BoardInfo } {
    const { info, phase, bridgedBy } = this.state;
    if (bridgedBy !== null) throw new Error(`the board is lent to ${bridgedBy}`);
    if (!this.client || !info || info.Board !== this.board.linkBoard || phase !== 'ready')
      throw new Error(
        'no board running the generic firmware is connected: connect it in the Board panel first',
      );
    this.lentUntilClosed = onClosed;
    this.set({ bridgedBy: origin });
    this.addLog(`an FBP client (${origin}) drives the board`);
    return { client: this.client, info };
  }

  /**
   * The node names of the graph the FBP client runs on the lent link, by board id: its packets
   * in the panel are labelled with them ("Hello[0] → World[0]", not "node 0[0] → node 1[0]").
   */
  nameLentNodes(origin: string, nodes: ReadonlyMap<string, number>): void {
    if (this.state.bridgedBy !== origin) return;
    const names: string[] = [];
    for (const [name, id] of nodes) names[id] = name;
    if (names.length === this.names.length && names.every((n, id) => n === this.names[id])) return;
    this.names = names;
    this.set({ edges: this.state.edges.map((e) => ({ ...e, label: this.edgeLabel(e.key) })) });
  }

  /** The FBP client let go: the board runs the client's graph, not (known to be) the project's. */
  returnLink(origin: string): void {
    if (this.state.bridgedBy !== origin) return;
    this.lentUntilClosed = null;
    this.boardGraph = null;
    this.network = null;
    this.names = [];
    this.addLog(`the FBP client (${origin}) let go of the board`);
    this.set({
      bridgedBy: null,
      stored: this.state.info ? 'different' : null,
      stale: false,
      staleReason: null,
    });
  }

  async disconnect(): Promise<void> {
    if (!this.line) return;
    await this.closeLine();
    this.set({ ...DISCONNECTED, notice: 'Disconnected.' });
  }

  private async lost(error: SerialPortError): Promise<void> {
    const flashing = this.flashing !== null;
    this.flashing?.abort();
    await this.closeLine();
    // The bootloader cannot overwrite itself: a cut flash leaves it, and the board, usable.
    const text = flashing
      ? `${error.message.replace(/\.$/, '')} while flashing: the firmware is incomplete, but the ` +
        `bootloader is untouched. Plug the board in, connect and flash again.`
      : error.message;
    this.set({ ...DISCONNECTED, notice: null, error: text });
    this.addLog(text);
  }

  private async closeLine(): Promise<void> {
    // A lent link ends with the port: the borrower is told, the loan is over.
    const lent = this.lentUntilClosed;
    this.lentUntilClosed = null;
    lent?.();
    if (this.state.bridgedBy !== null) this.set({ bridgedBy: null });
    this.client?.close();
    this.client = null;
    this.dropInbox();
    const line = this.line;
    this.line = null;
    await line?.close();
  }

  private requireLine(): WebSerialLine {
    if (!this.line) throw new SerialPortError('The port is not open.', 'closed');
    return this.line;
  }
}
