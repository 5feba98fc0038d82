// Runs a virtual Uno for the app: boots the generic firmware, puts a graph on it over the serial
// link (the LinkClient a real board will get), and then runs the board in slices of board time —
// paced to the wall clock at a chosen speed, or as fast as the host allows — reporting pin
// changes, link events and progress. Plain TypeScript without DOM or worker APIs, so the worker
// (board.worker.ts) is a thin shell around it and Node tests drive it directly.
import { LinkClient, LinkError, type BoardInfo, type LinkEvent } from '../link/linkClient';
import { VirtualUno, type PinChange } from './virtualUno';

export type BoardReport =
  | { kind: 'booted'; info: BoardInfo }
  | { kind: 'uploaded'; bytes: number; /** Board time the graph started at. */ timeMs?: number }
  | { kind: 'pins'; changes: PinChange[] }
  | { kind: 'event'; event: LinkEvent; /** Board time it arrived at. */ timeMs?: number }
  | { kind: 'time'; timeMs: number; wallMs: number }
  | { kind: 'error'; message: string };

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
 * times real time instead of one slice per timer turn (a worker's setTimeout(0) takes ~4 ms).
 */
const TURN_WALL_MS = 15;
const MAX_SLICES_PER_TURN = 50;

export class BoardRunner {
  private board: VirtualUno;
  private client: LinkClient;
  private pendingPins: PinChange[] = [];
  private running = false;

  constructor(
    private readonly hexText: string,
    private readonly report: (r: BoardReport) => void,
    eeprom?: Uint8Array,
  ) {
    this.board = new VirtualUno(hexText, eeprom);
    this.client = this.connect();
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
    this.report({ kind: 'booted', info });
    return info;
  }

  /** Uploads a graph and its edits; a refusal is reported (and rethrown) with the board's reason. */
  async load(graph: GraphForBoard): Promise<void> {
    try {
      await this.client.upload(graph.stream);
      const startedMs = this.board.timeMs;
      for (const edit of graph.edits) await this.client.liveEdit(edit);
      this.report({ kind: 'uploaded', bytes: graph.stream.length, timeMs: startedMs });
    } catch (e) {
      const message = e instanceof LinkError ? e.message : String(e);
      this.report({ kind: 'error', message });
      throw e;
    }
  }

  /** A reset (the board's button): same flash and EEPROM, everything else starts over. */
  async reset(): Promise<BoardInfo> {
    const eeprom = this.board.eeprom;
    this.client.close();
    this.board = new VirtualUno(this.hexText, eeprom);
    this.client = this.connect();
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
