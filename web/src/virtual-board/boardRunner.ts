// Runs a virtual board (an Uno or a Mega 2560: virtualBoards.ts) for the app: boots the generic firmware, puts a graph on it over the serial
// link (the LinkClient a real board will get), and then runs the board in slices of board time —
// paced to the wall clock at a chosen speed, or as fast as the host allows — reporting pin
// changes, link events and progress. With a world (setWorld: fridge, activity, replay or the
// bench, as the simulator's picker offers them; boardWorld.ts) the firmware's pins see the
// simulator's world, and its state is reported as 'world'. Plain TypeScript without DOM or worker APIs, so the worker
// (board.worker.ts) is a thin shell around it and Node tests drive it directly.
//
// A graph's models go into the firmware's model area in flash (ensureModels): the pages are
// written straight into program memory, as the Mega's bootloader would write them, and the
// board restarts so the firmware registers them at boot (docs/virtual-board.md, "Models").
import { LinkClient, LinkError, type BoardInfo, type LinkEvent } from '../link/linkClient';
import { modelAreaImage, modelAreaPages, type FlashPage } from '../link/modelArea';
import {
  BoardWorldLink,
  type BoardWorldOptions,
  type BoardWorldState,
  type EngineBoardWorld,
} from './boardWorld';
import { VirtualBoard, type PinChange } from './virtualBoard';
import { UNO, type VirtualBoardSpec } from './virtualBoards';

export type BoardReport =
  | { kind: 'booted'; info: BoardInfo }
  | { kind: 'uploaded'; bytes: number; /** Board time the graph started at. */ timeMs?: number }
  | { kind: 'pins'; changes: PinChange[] }
  | { kind: 'event'; event: LinkEvent; /** Board time it arrived at. */ timeMs?: number }
  | { kind: 'time'; timeMs: number; wallMs: number }
  /** The world behind the pins (setWorld): every WORLD_REPORT_MS of board time and after a
   * change of its inputs. */
  | { kind: 'world'; state: BoardWorldState }
  /** ensureModels: what went into the model area (nothing when the board held these models). */
  | ({ kind: 'models'; /** Board time after them. */ timeMs: number } & ModelsWritten)
  | { kind: 'error'; message: string };

/** What ensureModels did: the area's bytes and pages, zero pages when nothing was written. */
export interface ModelsWritten {
  wrote: boolean;
  bytes: number;
  pages: number;
  ids: number[];
}

export interface GraphForBoard {
  stream: Uint8Array;
  /** Live edits (whole command streams) applied after the upload: e.g. watch every edge. */
  edits: Uint8Array[];
}

/** Board time run per slice: small enough for a responsive UI, big enough to be cheap. */
const SLICE_MS = 20;
/**
 * Slices per turn of the host's event loop: as many as fit in TURN_WALL_MS of wall time (at
 * most MAX_SLICES_PER_TURN), so a board that sleeps most of its cycles runs at hundreds of
 * times real time instead of one slice per timer turn. The wall budget is what keeps the
 * worker answering; the slice cap only bounds a turn when the board is asleep nearly all the
 * time (10 s of board time: a sleeping fridge runs 300 s of board time per wall second here,
 * so 50 slices a turn left half of each turn to the yield between turns).
 */
const TURN_WALL_MS = 15;
const MAX_SLICES_PER_TURN = 500;
/** Board time between 'world' reports: a view updates 4 times a board second. */
export const WORLD_REPORT_MS = 250;

export class BoardRunner {
  private board: VirtualBoard;
  private client: LinkClient;
  private pendingPins: PinChange[] = [];
  /** Whether the board runs a graph (stored at boot or uploaded): the world's clock runs. */
  private graphRunning = false;
  private running = false;
  private world: BoardWorldLink | null = null;
  private worldSetup: { options: BoardWorldOptions; create: () => EngineBoardWorld } | null = null;
  private lastWorldReport = -Infinity;
  /** Flash pages written after the firmware (the model area's): kept across resets. */
  private flashPages: FlashPage[] = [];

  constructor(
    private readonly hexText: string,
    private readonly report: (r: BoardReport) => void,
    eeprom?: Uint8Array,
    /** The board the firmware runs on (default: the Uno). */
    readonly spec: VirtualBoardSpec = UNO,
  ) {
    this.board = this.newBoard(eeprom);
    this.client = this.connect();
  }

  /** The firmware with the pages written since (a board's flash keeps them across resets). */
  private newBoard(eeprom?: Uint8Array): VirtualBoard {
    const board = new VirtualBoard(this.hexText, { spec: this.spec, eeprom });
    const { progMem } = board.cpu;
    const flash = new Uint8Array(progMem.buffer, progMem.byteOffset, progMem.byteLength);
    for (const page of this.flashPages) flash.set(page.bytes, page.address);
    return board;
  }

  private connect(): LinkClient {
    const client = new LinkClient(this.board.serial, {
      wait: async (ms) => this.advance(ms),
      timeoutMs: 1000,
    });
    client.onEvent((event) => this.report({ kind: 'event', event, timeMs: this.board.timeMs }));
    this.board.onPinChange((change) => this.pendingPins.push(change));
    return client;
  }

  /** The board's EEPROM: what it keeps across a reset. */
  get eeprom(): Uint8Array {
    return this.board.eeprom;
  }

  get timeMs(): number {
    return this.board.timeMs;
  }

  private advance(ms: number): void {
    this.board.run(ms);
    this.flushPins();
    this.reportWorld(false);
  }

  private reportWorld(now: boolean): void {
    const world = this.world;
    if (!world) return;
    for (const message of world.problems.splice(0)) this.report({ kind: 'error', message });
    if (!now && this.board.timeMs - this.lastWorldReport < WORLD_REPORT_MS) return;
    this.lastWorldReport = this.board.timeMs;
    this.report({ kind: 'world', state: world.state() });
  }

  /**
   * Puts a world behind the board's pins (null: none, the pins are left alone). `create` makes
   * the engine's BoardWorld (`new engine.BoardWorld()`); it is called again after a reset,
   * which starts the world over with the board. Refused options throw with the engine's reason
   * (and leave the board without a world). The world's clock starts with the next graph
   * upload, or at once when the board already runs a graph, and then runs on across uploads.
   */
  setWorld(options: BoardWorldOptions | null, create?: () => EngineBoardWorld): void {
    this.world?.detach();
    this.world = null;
    this.worldSetup = null;
    if (!options) return;
    if (!create) throw new Error('setWorld: a world needs the engine (create)');
    this.world = new BoardWorldLink(this.board, create(), options);
    this.worldSetup = { options, create };
    if (this.graphRunning) this.world.start(this.board.timeMs);
    this.reportWorld(true);
  }

  /** A live input of the world (the fridge's doorOpen, ...); throws when refused or without one. */
  setWorldInput(name: string, value: number): void {
    if (!this.world) throw new Error('the virtual board has no world');
    this.world.setInput(name, value);
    this.reportWorld(true);
  }

  /** The world's state now, or null without one. */
  worldState(): BoardWorldState | null {
    return this.world?.state() ?? null;
  }

  /** Board time at which the world's clock started (the graph's start), or null. */
  get worldOrigin(): number | null {
    return this.world?.origin ?? null;
  }

  /** The world's DS18B20 devices by pin (their protocol counts: tests, diagnostics). */
  get worldLink(): BoardWorldLink | null {
    return this.world;
  }

  private flushPins(): void {
    if (this.pendingPins.length === 0) return;
    this.report({ kind: 'pins', changes: this.pendingPins });
    this.pendingPins = [];
  }

  /** Lets the firmware start (its boot banner), then asks it what it is. */
  async boot(): Promise<BoardInfo> {
    this.advance(20);
    const info = await this.client.hello();
    // A stored graph started at boot, a few ms ago: the world's clock starts with it.
    this.graphRunning = info.Running === 1;
    if (this.graphRunning) this.world?.start(0);
    this.report({ kind: 'booted', info });
    return info;
  }

  /** Uploads a graph and its edits; a refusal is reported (and rethrown) with the board's reason. */
  async load(graph: GraphForBoard): Promise<void> {
    try {
      // The board starts the graph when it takes the commit, the frame after the last chunk:
      // the world's clock starts there (see docs/board-worlds.md for the few ms between).
      let committing = this.board.timeMs;
      await this.client.upload(graph.stream, (sent, total) => {
        if (sent === total) committing = this.board.timeMs;
      });
      this.graphRunning = true;
      this.world?.start(committing);
      const startedMs = committing;
      for (const edit of graph.edits) await this.client.liveEdit(edit);
      this.report({ kind: 'uploaded', bytes: graph.stream.length, timeMs: startedMs });
    } catch (e) {
      const message = e instanceof LinkError ? e.message : String(e);
      this.report({ kind: 'error', message });
      throw e;
    }
  }

  /**
   * Gives the board's model area exactly `blobs` (model id → blob), as the Mega's bootloader
   * would: asks the firmware where its area is and the CRC-32 of what it holds; when that
   * differs from the image of `blobs`, writes the area's pages into program memory and resets
   * the board (the firmware registers its models at boot). Reported as 'models'. A firmware
   * without an area (the Uno's) is refused in words; so is an image that does not fit.
   */
  async ensureModels(blobs: ReadonlyMap<number, Uint8Array>): Promise<ModelsWritten> {
    try {
      const area = await this.client.modelArea().catch((e: unknown) => {
        throw new LinkError(
          `the ${this.spec.name}'s generic firmware holds no models (${(e as Error).message}): ` +
            `pick the virtual Mega 2560 for a graph with model nodes`,
        );
      });
      const image = modelAreaImage(blobs, area.Capacity, area.MaxModels);
      const ids = [...blobs.keys()].sort((a, b) => a - b);
      const same =
        area.stateName === 'valid' &&
        area.Crc === image.crc &&
        area.Length === image.bytes.length - 4;
      let written: ModelsWritten = { wrote: false, bytes: image.bytes.length, pages: 0, ids };
      if (!same) {
        const pages = modelAreaPages(area.Address, image.bytes, area.PageSize);
        // Pages replace earlier ones at the same address (a smaller area leaves stale pages
        // past its end, as on a real board: the area's length and CRC say where it ends).
        const at = new Set(pages.map((p) => p.address));
        this.flashPages = [...this.flashPages.filter((p) => !at.has(p.address)), ...pages];
        written = { wrote: true, bytes: image.bytes.length, pages: pages.length, ids };
        await this.reset();
        const after = await this.client.modelArea();
        if (after.stateName !== 'valid' || after.Crc !== image.crc)
          throw new LinkError(
            `the board did not take the models: its model area is ${after.stateName} (${after.statusName}) after writing`,
          );
      }
      this.report({ kind: 'models', timeMs: this.board.timeMs, ...written });
      return written;
    } catch (e) {
      this.report({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  /** A reset (the board's button): same flash and EEPROM, everything else starts over. */
  async reset(): Promise<BoardInfo> {
    const eeprom = this.board.eeprom;
    this.client.close();
    this.world?.detach();
    this.world = null;
    this.graphRunning = false;
    this.board = this.newBoard(eeprom);
    this.client = this.connect();
    if (this.worldSetup) this.setWorld(this.worldSetup.options, this.worldSetup.create);
    return this.boot();
  }

  /**
   * Runs until stop(): `speed` board ms per wall ms (1 = real time), or Infinity for as fast as
   * possible. `pause(ms)` gives the host's event loop a turn (a worker's messages) and, when
   * the board is ahead of the wall clock, waits that long.
   */
  async run(speed: number, pause: (ms: number) => Promise<void>, now: () => number): Promise<void> {
    this.running = true;
    const wallStart = now();
    const boardStart = this.board.timeMs;
    while (this.running) {
      const due = Number.isFinite(speed) ? boardStart + (now() - wallStart) * speed : Infinity;
      let ahead = 0;
      const turnStart = now();
      if (this.board.timeMs >= due) ahead = (this.board.timeMs - due) / speed;
      for (
        let n = 0;
        n < MAX_SLICES_PER_TURN && this.board.timeMs < due && now() - turnStart < TURN_WALL_MS;
        n++
      )
        this.advance(SLICE_MS);
      this.report({ kind: 'time', timeMs: this.board.timeMs, wallMs: now() - wallStart });
      await pause(Math.min(SLICE_MS, ahead));
    }
  }

  stop(): void {
    this.running = false;
  }

  /** Runs exactly `ms` of board time (tests, "step"). */
  step(ms: number): void {
    this.advance(ms);
  }
}
