// The app's side of the engine: starts the WebAssembly engine in its worker, loads the graph
// into the runtime and drives the virtual clock (the engine's lifecycle). What the views show
// of a run lives in packetLog.ts, the sync of live edits in liveEditSync.ts; this file ties
// them to one state snapshot. Framework-free; React subscribes to it.
import {
  type ActivityRecording,
  EngineClient,
  type ComponentInfo,
  type WorldInputs,
  type ParseResult,
  type SimulationStatus,
  type Speed,
  type WorldKind,
} from '../engine';
import type { Diagnostic } from '../graph-doc/diagnostics';
import type { Graph } from '../graph-doc/graph';
import { errorsOf, toDiagnostics } from '../graph-doc/problems';
import { SAMPLE_INTERVAL_MS, worldForGraph } from './worlds';
import type { StoredModel } from '../persist/projectDb';
import { toNofloJson } from '../graph-doc/nofloJson';
import type { TraceSeries } from './traceSeries';
import { LiveEditSync, type LiveEditReport } from './liveEditSync';
import { PacketLog, type PacketRecord, type PredictionSeries } from './packetLog';
import { PinBoard } from '../board/pinBoard';
import { PinTimeline } from '../board/pinTimeline';

export type { PacketRecord, PredictionSeries } from './packetLog';
export { MAX_PREDICTIONS, RECENT_PACKETS } from './packetLog';

export type EngineState = 'loading' | 'ready' | 'failed' | 'disconnected';

export interface SessionState {
  engine: EngineState;
  /** Why the engine failed or went away. */
  engineMessage: string | null;
  components: ComponentInfo[];
  status: SimulationStatus | null;
  /** The runtime holds the graph (started at least once since the last reset). */
  networkLoaded: boolean;
  /**
   * The runtime refused a live edit, so it no longer holds the graph being edited; the next
   * run/step (or Reset) loads the whole graph again.
   */
  graphStale: boolean;
  /** Why the last live edit was refused (null when every edit applied). */
  liveEditError: string | null;
  /** Graph messages applied to the running network since it was loaded (edits made live). */
  liveEdits: number;
  /** Why the latest edit is not sent to the running network yet (null when it was). */
  liveEditPending: string | null;
  /** Runtime errors per node (from network:processerror / error events). */
  nodeErrors: Record<string, string>;
  /** The last error of any kind, for the status line. */
  lastError: string | null;
  /**
   * The validator's errors that refused the last Run/Step (required inputs without a value,
   * unknown components, type mismatches); empty once a graph loads.
   */
  runProblems: Diagnostic[];
  /** Packets sent on out-ports left open (the validator warned; not an error). */
  openPortDrops: number;
  busy: boolean;
  /** Increments whenever packets or samples arrive (views re-read `packets`/`trace`). */
  dataVersion: number;
  /** The world behind the pins since the last load (see worlds.ts). */
  world: WorldKind;
  /** The recording the replay world plays instead of the graph's world (its file name). */
  replay: string | null;
  /** The world the user picked for the next runs (null: the graph's own, see worlds.ts). */
  chosenWorld: WorldKind | null;
  /**
   * The live inputs set per world (ambientC, T9, …): set before a run they apply when it
   * starts, set during one at once; every later run of that world starts with them too.
   */
  worldInputs: Partial<Record<WorldKind, WorldInputs>>;
}

/** Seed of the activity world, so a recording replays the schedule the live run saw. */
export const ACTIVITY_SEED = 1;

/** How often the views refresh while the simulation runs. */
export const VIEW_REFRESH_MS = 150;
const GRAPH_NAME = 'main';
// statusText(kErrNotConnected) in core/runtime/status.cpp.
const OPEN_PORT_STATUS = 'out-port not connected';

type Listener = () => void;

export class EngineSession {
  private client: EngineClient | null = null;
  private state: SessionState = {
    engine: 'loading',
    engineMessage: null,
    components: [],
    status: null,
    networkLoaded: false,
    graphStale: false,
    liveEditError: null,
    liveEdits: 0,
    liveEditPending: null,
    nodeErrors: {},
    lastError: null,
    runProblems: [],
    openPortDrops: 0,
    busy: false,
    dataVersion: 0,
    world: 'fridge',
    replay: null,
    chosenWorld: null,
    worldInputs: {},
  };
  private readonly listeners = new Set<Listener>();
  private pendingNotify = false;
  private latestStatus: SimulationStatus | null = null;
  /** The engine operations (run, step, reset, …) queued one after another. */
  private operations: Promise<void> = Promise.resolve();
  private speed: Speed = 100;
  /** The CSV text the replay world plays (null: the graph's own world, see worlds.ts). */
  private replayData: string | null = null;

  /** The recording the replay world plays (for the virtual board's world), or null. */
  get replayCsv(): string | null {
    return this.replayData;
  }
  /** The project's models: put into every engine this session starts. */
  private models: readonly StoredModel[] = [];
  private readonly log = new PacketLog();
  /** The board's pins and serial lines as the run drives them (web/src/board). */
  readonly board = new PinBoard();
  /** Every digital level the run wrote, in time order (the virtual Uno comparison reads it). */
  readonly pinTimeline = new PinTimeline();
  private readonly sync = new LiveEditSync(GRAPH_NAME, {
    client: () => this.client,
    components: () => this.state.components,
    stale: () => this.state.graphStale,
    pending: () => this.state.liveEditPending,
    report: (r) => this.liveEditReported(r),
  });

  constructor(
    private readonly createClient: () => Promise<EngineClient> = () => EngineClient.startWorker(),
  ) {}

  /** Recent packets per edge key (`edgeKey`) or IIP key (`iipKey`), newest last. */
  get packets(): ReadonlyMap<string, PacketRecord[]> {
    return this.log.packets;
  }

  /** The world's time series since the network was loaded. */
  get trace(): TraceSeries {
    return this.log.trace;
  }

  /** Classes sent by each Classify node (by node id) since the network was loaded. */
  get predictions(): ReadonlyMap<string, PredictionSeries> {
    return this.log.predictions;
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getState = (): SessionState => this.state;

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /**
   * Coalesces bursts of packets, samples and clock updates into a few re-renders a second:
   * at 'max' speed thousands arrive per second and redrawing the graph for each would starve
   * the page (clicks would wait).
   */
  private dataArrived(): void {
    if (this.pendingNotify) return;
    this.pendingNotify = true;
    setTimeout(() => {
      this.pendingNotify = false;
      const status = this.latestStatus ?? this.state.status;
      this.latestStatus = null;
      this.set({ status, dataVersion: this.state.dataVersion + 1 });
    }, VIEW_REFRESH_MS);
  }

  // ---- engine lifecycle ----------------------------------------------------------------------
  async start(): Promise<void> {
    this.set({ engine: 'loading', engineMessage: null });
    try {
      const client = await this.createClient();
      this.client = client;
      client.on('data', (e) => {
        const error = this.log.addPacket(e, this.state.status?.timeMs ?? 0, this.sync.loadedGraph);
        if (error) {
          this.set({
            nodeErrors: { ...this.state.nodeErrors, [error.node]: error.message },
            lastError: error.message,
          });
        }
        this.dataArrived();
      });
      client.on('samples', (batch) => {
        this.log.addSamples(batch);
        this.dataArrived();
      });
      client.on('pins', (batch) => {
        this.board.apply(batch);
        this.pinTimeline.addBatch(batch);
        this.dataArrived();
      });
      client.on('serial', ({ line }) => {
        this.board.addSerialLine(line);
        this.dataArrived();
      });
      client.on('status', (status) => {
        this.latestStatus = status;
        this.pinTimeline.advanceTo(status.timeMs);
        this.dataArrived();
      });
      client.on('error', (e) => this.onError(e.message, e.payload));
      client.on('disconnected', (e) => {
        if (this.client !== client) return;
        this.set({
          engine: 'disconnected',
          engineMessage: e.message,
          busy: false,
          networkLoaded: false,
        });
      });
      // A refused model must not keep the engine from starting: it shows as the last error.
      const modelErrors: string[] = [];
      for (const m of this.models) {
        try {
          await this.putModel(client, m);
        } catch (e) {
          modelErrors.push(e instanceof Error ? e.message : String(e));
        }
      }
      const components = (await client.listComponents()).filter((c) => !c.name.includes('/'));
      const status = await client.status();
      components.sort((a, b) => a.name.localeCompare(b.name));
      this.set({
        engine: 'ready',
        components,
        status,
        lastError: modelErrors[0] ?? this.state.lastError,
      });
    } catch (e) {
      this.client = null;
      this.set({ engine: 'failed', engineMessage: e instanceof Error ? e.message : String(e) });
    }
  }

  /**
   * The project's models (ids of the engine's model store). They are put into the running
   * engine now and into every engine started later (restart after a crash). A refused blob
   * becomes the visible last error; the others are still put.
   */
  async setModels(models: readonly StoredModel[]): Promise<void> {
    this.models = models;
    // While start() is still loading, its client may already have put the older list: put
    // again (a put replaces). Without a client, start() puts them.
    const client = this.client;
    if (!client || this.state.engine === 'disconnected') return;
    for (const m of models) {
      await this.putModel(client, m).catch((e: unknown) =>
        this.set({ lastError: e instanceof Error ? e.message : String(e) }),
      );
    }
  }

  private async putModel(client: EngineClient, model: StoredModel): Promise<void> {
    try {
      await client.putModel(model.id, model.blob);
    } catch (e) {
      throw new Error(`model ${model.id} (${model.name}): ${e instanceof Error ? e.message : e}`);
    }
  }

  /** Throws the engine away (after a crash, or on request) and starts a new one. */
  async restart(): Promise<void> {
    this.client?.close();
    this.client = null;
    this.forgetRun({ busy: false });
    await this.start();
  }

  /**
   * The one reset of what a run left behind: nothing loaded, nothing recorded, no errors.
   * Every path that replaces the world or the engine ends here; `patch` adds what it changed.
   */
  private forgetRun(patch: Partial<SessionState>): void {
    this.log.clear();
    this.board.clear();
    this.pinTimeline.clear();
    this.sync.loadedWhole(null);
    this.latestStatus = null;
    this.set({
      networkLoaded: false,
      graphStale: false,
      liveEditError: null,
      liveEdits: 0,
      liveEditPending: null,
      nodeErrors: {},
      lastError: null,
      openPortDrops: 0,
      dataVersion: this.state.dataVersion + 1,
      ...patch,
    });
  }

  /** Before the world is replaced: edits delivered, network stopped, clock held. */
  private async holdNetwork(client: EngineClient): Promise<void> {
    this.sync.dropPending(); // the whole graph (or nothing) replaces an edit still waiting
    await this.sync.settled();
    if (this.state.networkLoaded) await client.stop(GRAPH_NAME).catch(() => undefined);
    // Hold the clock: at 'max' speed it would otherwise run on for virtual minutes (world
    // samples, no network) between the reset and network:start.
    await client.pause();
  }

  private onError(message: string, payload: Record<string, unknown>): void {
    // A packet on an out-port nobody listens to: the validator listed it as a warning before
    // the run, so it is counted, not shown as the node's error.
    if (message.startsWith(OPEN_PORT_STATUS)) {
      this.set({ openPortDrops: this.state.openPortDrops + 1 });
      return;
    }
    const node =
      typeof payload.id === 'string'
        ? payload.id
        : typeof payload.node === 'string'
          ? payload.node
          : null;
    const nodeErrors = node ? { ...this.state.nodeErrors, [node]: message } : this.state.nodeErrors;
    this.set({ nodeErrors, lastError: node ? `${node}: ${message}` : message });
  }

  /** A status a call returned is newer than any clock update still waiting to be shown. */
  private applyStatus(status: SimulationStatus): void {
    this.latestStatus = null;
    this.set({ status });
  }

  private need(): EngineClient {
    if (!this.client || this.state.engine !== 'ready') throw new Error('the engine is not running');
    return this.client;
  }

  /** Runs an engine operation, turning failures into the visible last error. */
  private guarded<T>(what: string, op: () => Promise<T>): Promise<T | undefined> {
    // One at a time, in order: a second Step clicked while the first still loads the graph
    // must not load it again underneath.
    const run = async (): Promise<T | undefined> => {
      this.set({ busy: true });
      try {
        return await op();
      } catch (e) {
        const msg = `${what}: ${e instanceof Error ? e.message : String(e)}`;
        this.set({ lastError: msg });
        return undefined;
      } finally {
        this.set({ busy: false });
      }
    };
    const result = this.operations.then(run);
    this.operations = result.then(() => undefined);
    return result;
  }

  // ---- simulation ----------------------------------------------------------------------------
  /** Loads `graph` into the runtime (replacing what was there) and starts the network. */
  private async loadAndStart(graph: Graph): Promise<void> {
    const client = this.need();
    // The one validator (`emflow check`) first: a graph it refuses is not loaded, and the
    // refusal lists each problem with its node instead of failing later at run time.
    const checked = await client.validateGraph(toNofloJson(graph));
    const errors = errorsOf(toDiagnostics(checked.problems));
    this.set({ runProblems: errors });
    if (errors.length > 0)
      throw new Error(
        `${errors.length === 1 ? 'a problem' : `${errors.length} problems`} to fix first: ` +
          errors.map((e) => e.message.replace(/ at \d+:\d+/g, '')).join('; '),
      );
    await this.holdNetwork(client);
    const world = this.worldFor(graph);
    await client.reset({
      world,
      seed: ACTIVITY_SEED,
      ...(this.replayData === null ? {} : { data: this.replayData }),
    });
    await client.setSampleInterval(SAMPLE_INTERVAL_MS[world]);
    this.forgetRun({ world });
    await client.loadGraph(toNofloJson(graph), GRAPH_NAME);
    // The inputs set before Run (or in an earlier run of this world): the world is new.
    const inputs = this.state.worldInputs[world];
    if (inputs && Object.keys(inputs).length > 0) await client.setWorldInputs(inputs);
    await client.watchEdges([], GRAPH_NAME);
    // Known before the first packet: a Classify node's predictions are recorded from it.
    this.sync.loadedWhole(graph);
    await client.start(GRAPH_NAME);
    this.set({ networkLoaded: true, dataVersion: this.state.dataVersion + 1 });
  }

  /** Run: loads the graph when needed, then lets the clock go at the chosen speed. */
  run(graph: Graph): Promise<void> {
    return this.guarded('run', async () => {
      const client = this.need();
      if (!this.state.networkLoaded || this.state.graphStale) await this.loadAndStart(graph);
      await client.setSpeed(this.speed);
      this.applyStatus(await client.resume());
    }) as Promise<void>;
  }

  pause(): Promise<void> {
    return this.guarded(
      'pause',
      async () => void this.applyStatus(await this.need().pause()),
    ) as Promise<void>;
  }

  /** Advances the clock by `ms` of virtual time (loading the graph first when needed). */
  step(graph: Graph, ms: number): Promise<void> {
    return this.guarded('step', async () => {
      const client = this.need();
      if (!this.state.networkLoaded || this.state.graphStale) {
        await this.loadAndStart(graph);
        await client.pause();
      }
      this.applyStatus(await client.step(ms));
    }) as Promise<void>;
  }

  /** Stops the network, clock back to 0, recorded data cleared; the next run reloads the graph. */
  reset(): Promise<void> {
    // Nothing runs without an engine: nothing to reset (opening a project must not complain).
    if (this.state.engine !== 'ready') return Promise.resolve();
    return this.guarded('reset', async () => {
      const client = this.need();
      await this.holdNetwork(client);
      const status = await client.reset({ world: this.state.world, seed: ACTIVITY_SEED });
      this.forgetRun({ status });
    }) as Promise<void>;
  }

  setSpeed(speed: Speed): Promise<void> {
    this.speed = speed;
    this.set({}); // a new snapshot, so the speed selector shows the choice at once
    if (this.state.engine !== 'ready') return Promise.resolve();
    return this.guarded(
      'speed',
      async () => void (await this.need().setSpeed(speed)),
    ) as Promise<void>;
  }

  get chosenSpeed(): Speed {
    return this.speed;
  }

  /**
   * Replays a recorded CSV (time_ms or time_s, then A0..A5, D0..D19, T<pin>, label; see
   * docs/world.md) instead of the graph's world from the next run on. The engine checks it at
   * once: a bad recording is refused as "NAME:LINE:COLUMN: what" and nothing changes.
   */
  replayRecording(name: string, csv: string): Promise<void> {
    return this.guarded('replay', async () => {
      const client = this.need();
      await this.holdNetwork(client);
      try {
        await client.reset({ world: 'replay', seed: ACTIVITY_SEED, data: csv });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        // Put back the world that ran before, so the refusal changes nothing.
        await client.reset({ world: this.state.world, seed: ACTIVITY_SEED }).catch(() => undefined);
        throw new Error(`${name}:${message.replace(/^reset: data:/, '')}`);
      }
      this.replayData = csv;
      this.forgetRun({ world: 'replay', replay: name });
    }) as Promise<void>;
  }

  /** Back to the graph's own world (the next run loads it). */
  stopReplay(): Promise<void> {
    this.replayData = null;
    if (this.state.engine !== 'ready') {
      this.set({ replay: null });
      return Promise.resolve();
    }
    return this.guarded('replay', async () => {
      const client = this.need();
      await this.holdNetwork(client);
      const world: WorldKind = 'none';
      await client.reset({ world, seed: ACTIVITY_SEED });
      this.forgetRun({ world, replay: null });
    }) as Promise<void>;
  }

  /** The world `graph` runs against: a replay, the user's pick, or the graph's own. */
  worldFor(graph: Graph): WorldKind {
    if (this.replayData !== null) return 'replay';
    return this.state.chosenWorld ?? worldForGraph(graph);
  }

  /**
   * Picks the world of the next runs (null: the graph's own). A loaded network is stopped and
   * forgotten, so the next Run starts the graph in the new world from time 0.
   */
  chooseWorld(world: WorldKind | null): Promise<void> {
    this.replayData = null;
    if (this.state.engine !== 'ready' || !this.state.networkLoaded) {
      this.set({ chosenWorld: world, replay: null });
      return Promise.resolve();
    }
    return this.guarded('world', async () => {
      const client = this.need();
      await this.holdNetwork(client);
      const status = await client.reset({ world: world ?? 'none', seed: ACTIVITY_SEED });
      this.forgetRun({ status, chosenWorld: world, replay: null });
    }) as Promise<void>;
  }

  /**
   * The live inputs of `world` by name (fridge: doorOpen, ambientC, loadW; the bench: A0, D2,
   * T9). Remembered, so a value set before Run applies when the run starts; sent at once when
   * that world is running. A refused value is the visible last error and is not remembered.
   */
  setWorldInputs(inputs: WorldInputs, world: WorldKind = this.state.world): Promise<void> {
    const apply = () =>
      this.set({
        worldInputs: {
          ...this.state.worldInputs,
          [world]: { ...this.state.worldInputs[world], ...inputs },
        },
      });
    if (!this.state.networkLoaded || this.state.world !== world) {
      apply();
      return Promise.resolve();
    }
    return this.guarded('world', async () => {
      await this.need().setWorldInputs(inputs);
      apply();
    }) as Promise<void>;
  }

  /**
   * Tells the session the graph changed. While the network is loaded, every change — initial
   * packets, nodes, edges, exported ports — goes to the running network at once as FBP
   * protocol graph messages (see liveEditSync.ts), one batch at a time in order. When the
   * runtime refuses one, the refusal is shown (`liveEditError`) and the network is marked stale:
   * the next Run/Step reloads the whole graph.
   */
  graphChanged(graph: Graph): void {
    if (!this.state.networkLoaded) return;
    this.sync.changed(graph);
  }

  private liveEditReported({ applied, ...patch }: LiveEditReport): void {
    this.set(applied ? { ...patch, liveEdits: this.state.liveEdits + applied } : patch);
  }

  /** Resolves once every graph change handed to graphChanged reached the runtime. */
  settled(): Promise<void> {
    return this.sync.settled();
  }

  /**
   * The activity world's schedule from the start as a labelled 25 Hz recording (the engine's
   * recordActivity with the live world's seed): what the run so far saw, for training.
   */
  recordActivity(durationS: number): Promise<ActivityRecording> {
    return this.need().recordActivity({ seed: ACTIVITY_SEED, durationS });
  }

  /** The engine's validator on a graph, as Run checks it (null while the engine is not ready). */
  async checkGraph(graph: Graph): Promise<ParseResult | null> {
    if (!this.client || this.state.engine !== 'ready') return null;
    return this.client.validateGraph(toNofloJson(graph));
  }

  /** The engine's parser + validator on `.fbp` text (null while the engine is not ready). */
  async validate(text: string): Promise<ParseResult | null> {
    if (!this.client || this.state.engine !== 'ready') return null;
    try {
      return await this.client.parseFbp(text);
    } catch {
      return null;
    }
  }

  /**
   * Ends the engine as a crash would (the worker terminated), for the end-to-end test of the
   * "disconnected → restart" path; the app never calls it.
   */
  terminateForTest(): void {
    this.client?.close();
    this.set({
      engine: 'disconnected',
      engineMessage: 'the engine worker was terminated',
      busy: false,
      networkLoaded: false,
    });
  }

  dispose(): void {
    this.client?.close();
    this.client = null;
  }
}
