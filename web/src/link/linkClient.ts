// The host's end of the serial link (docs/serial-link.md): asks a board running the generic
// firmware for its info, uploads graphs (command streams) in chunks, sends live edits and reads
// the stored graph back, and hands the board's events (watched packets, logs, network errors,
// damaged frames) to a listener. One client per byte transport: the virtual Uno in a worker
// today, Web Serial or a Node tty through the same interface.
import { FrameReader, crc16, encodeFrame, isDamage, type LinkFrame } from './frames';
import {
  LINK_BOARDS,
  LINK_INFO_FIELDS,
  LINK_MAX_PAYLOAD,
  LINK_MESSAGES as M,
  LINK_MODEL_AREA_FIELDS,
  LINK_MODEL_AREA_SIZE,
  MODEL_AREA_STATES,
  STATUS_NAMES,
} from './linkConstants.generated';

/** Bytes both ways; `onBytes` returns a function that stops listening. */
export interface LinkTransport {
  write(bytes: Uint8Array): void;
  onBytes(listener: (bytes: Uint8Array) => void): () => void;
}

export type BoardInfo = { [K in keyof typeof LINK_INFO_FIELDS]: number } & { boardName: string };

/** What a board's model area in flash holds (the ModelArea query, docs/serial-link.md). */
export type ModelAreaReport = { [K in keyof typeof LINK_MODEL_AREA_FIELDS]: number } & {
  stateName: 'empty' | 'valid' | 'bad';
  /** Why the area is bad ('ok' otherwise). */
  statusName: string;
  /** The ids of the models the board registered from it. */
  ids: number[];
};

export type LinkEvent =
  | {
      kind: 'packet';
      timeMs: number;
      src: number;
      srcPort: number;
      tgt: number;
      tgtPort: number;
      packet: LinkPacket;
    }
  | { kind: 'log'; text: string }
  | { kind: 'network-error'; error: LinkErrorDetail }
  | { kind: 'damaged'; error: LinkErrorDetail };

export type LinkPacket =
  | { type: 'bang' | 'open' | 'close' }
  | { type: 'boolean'; value: boolean }
  | { type: 'byte' | 'int' | 'error'; value: number }
  | { type: 'float'; value: number };

export interface LinkErrorDetail {
  status: number;
  statusName: string;
  node?: number;
  port?: number;
  command?: number;
  offset?: number;
}

/** A board's refusal (an Error answer), or no answer at all. */
export class LinkError extends Error {
  constructor(
    message: string,
    readonly detail?: LinkErrorDetail,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

const ANSWERS = new Set<number>([M.Info, M.Ack, M.Error, M.StoredChunk, M.ModelAreaInfo]);
const CHUNK = LINK_MAX_PAYLOAD - 2; // a chunk's payload: offset (u16) + bytes
const NONE8 = 0xff;
const NONE16 = 0xffff;
const NO_GRAPH_STORED = STATUS_NAMES.indexOf('no graph stored');

const u16 = (p: Uint8Array, at: number) => p[at] | (p[at + 1] << 8);
const u32 = (p: Uint8Array, at: number) => (u16(p, at) | (u16(p, at + 2) << 16)) >>> 0;
const le16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];

export function errorDetail(p: Uint8Array): LinkErrorDetail {
  const detail: LinkErrorDetail = {
    status: p[0],
    statusName: STATUS_NAMES[p[0]] ?? `status ${p[0]}`,
  };
  if (p[1] !== NONE8) detail.node = p[1];
  if (p[2] !== NONE8) detail.port = p[2];
  if (p.length >= 7 && u16(p, 3) !== NONE16) detail.command = u16(p, 3);
  if (p.length >= 7 && u16(p, 5) !== NONE16) detail.offset = u16(p, 5);
  return detail;
}

export function describeError(detail: LinkErrorDetail): string {
  const where = [
    detail.node !== undefined ? `node ${detail.node}` : '',
    detail.port !== undefined ? `port ${detail.port}` : '',
    detail.command !== undefined ? `command ${detail.command}` : '',
    detail.offset !== undefined ? `byte ${detail.offset}` : '',
  ].filter(Boolean);
  return where.length ? `${detail.statusName} (${where.join(', ')})` : detail.statusName;
}

function readPacket(p: Uint8Array): LinkPacket {
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  switch (p[0]) {
    case 0:
      return { type: 'bang' };
    case 1:
      return { type: 'boolean', value: p[1] !== 0 };
    case 2:
      return { type: 'byte', value: p[1] };
    case 3:
      return { type: 'int', value: view.getInt32(1, true) };
    case 4:
      return { type: 'float', value: view.getFloat32(1, true) };
    case 5:
      return { type: 'open' };
    case 6:
      return { type: 'close' };
    default:
      return { type: 'error', value: p[1] };
  }
}

function toEvent(frame: LinkFrame): LinkEvent | null {
  const p = frame.payload;
  switch (frame.type) {
    case M.Packet:
      return {
        kind: 'packet',
        timeMs: new DataView(p.buffer, p.byteOffset).getUint32(0, true),
        src: p[4],
        srcPort: p[5],
        tgt: p[6],
        tgtPort: p[7],
        packet: readPacket(p.subarray(8)),
      };
    case M.Log:
      return { kind: 'log', text: new TextDecoder().decode(p) };
    case M.NetworkError:
      return { kind: 'network-error', error: errorDetail(p) };
    case M.Damaged:
      return { kind: 'damaged', error: errorDetail(p) };
    default:
      return null;
  }
}

export interface LinkClientOptions {
  /** How long to wait for an answer (ms of the transport's clock: wall time for a real board). */
  timeoutMs?: number;
  /** Waits `ms`; a virtual board passes one that runs its CPU instead of sleeping. */
  wait?: (ms: number) => Promise<void>;
  /** Frames sent again when the board reported a damaged frame instead of answering. */
  retries?: number;
}

export class LinkClient {
  private readonly reader = new FrameReader();
  private readonly stop: () => void;
  private readonly pending = new Map<number, (frame: LinkFrame) => void>();
  private damagedSinceSend = false;
  private sequence = 0;
  private listeners: Array<(event: LinkEvent) => void> = [];

  constructor(
    private readonly transport: LinkTransport,
    private readonly options: LinkClientOptions = {},
  ) {
    this.stop = transport.onBytes((bytes) => this.receive(bytes));
  }

  close(): void {
    this.stop();
  }

  onEvent(listener: (event: LinkEvent) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  private receive(bytes: Uint8Array): void {
    for (const item of this.reader.push(bytes)) {
      if (isDamage(item)) {
        // The board never sends a damaged frame: this is line noise on our side.
        this.emit({
          kind: 'damaged',
          error: { status: 0, statusName: `host received a ${item.damaged} frame` },
        });
        continue;
      }
      if (ANSWERS.has(item.type)) {
        this.pending.get(item.sequence)?.(item);
        this.pending.delete(item.sequence);
        continue;
      }
      if (item.type === M.Damaged) this.damagedSinceSend = true;
      const event = toEvent(item);
      if (event) this.emit(event);
    }
  }

  private emit(event: LinkEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Sends one request and resolves with its answer; an Error answer rejects with LinkError. */
  /**
   * `idempotent`: asking again cannot change the board (hello, read-back), so a request that
   * got no answer is sent again — a board that is still starting (just reset or flashed, its
   * receiver not yet on) did not hear the first one.
   */
  async request(
    type: number,
    payload: ArrayLike<number> = [],
    idempotent = false,
  ): Promise<LinkFrame> {
    const {
      timeoutMs = 2000,
      wait = (ms) => new Promise((r) => setTimeout(r, ms)),
      retries = 2,
    } = this.options;
    for (let attempt = 0; attempt <= retries; attempt++) {
      this.sequence = (this.sequence % 255) + 1; // 1..255
      const sequence = this.sequence;
      let answer: LinkFrame | null = null;
      this.pending.set(sequence, (frame) => (answer = frame));
      this.damagedSinceSend = false;
      this.transport.write(encodeFrame(type, sequence, payload));
      for (
        let waited = 0;
        answer === null && waited < timeoutMs && !this.damagedSinceSend;
        waited += 5
      ) {
        await wait(5);
      }
      this.pending.delete(sequence);
      const got = answer as LinkFrame | null;
      if (got === null) {
        if ((this.damagedSinceSend || idempotent) && attempt < retries) continue; // damaged, or not heard
        throw new LinkError(
          `no answer from the board within ${timeoutMs} ms (request type 0x${type.toString(16)})`,
        );
      }
      if (got.type === M.Error) {
        const detail = errorDetail(got.payload);
        throw new LinkError(`the board refused it: ${describeError(detail)}`, detail);
      }
      return got;
    }
    throw new LinkError('unreachable');
  }

  async hello(): Promise<BoardInfo> {
    const frame = await this.request(M.Hello, [], true);
    const info = { boardName: '' } as BoardInfo;
    for (const [name, field] of Object.entries(LINK_INFO_FIELDS)) {
      (info as Record<string, number | string>)[name] =
        field.bytes === 2 ? u16(frame.payload, field.offset) : frame.payload[field.offset];
    }
    info.boardName =
      Object.entries(LINK_BOARDS).find(([, id]) => id === info.Board)?.[0] ?? `board ${info.Board}`;
    return info;
  }

  /**
   * Uploads a command stream: the board checks, applies and stores it, or refuses it (LinkError
   * with the failing command) and keeps its graph. `progress(sent, total)` after each chunk.
   */
  async upload(
    stream: Uint8Array,
    progress?: (sent: number, total: number) => void,
  ): Promise<void> {
    await this.request(M.StreamBegin, [...le16(stream.length), ...le16(crc16(stream))]);
    for (let at = 0; at < stream.length; at += CHUNK) {
      await this.request(M.StreamChunk, [...le16(at), ...stream.subarray(at, at + CHUNK)]);
      progress?.(Math.min(stream.length, at + CHUNK), stream.length);
    }
    await this.request(M.StreamCommit);
  }

  /** Applies a whole command stream (header + CRC) to the running network. */
  async liveEdit(stream: Uint8Array): Promise<void> {
    await this.request(M.LiveEdit, stream);
  }

  /**
   * Where the board's model area is and what it holds; a LinkError ('unsupported by this IO')
   * from a firmware without one (the Uno's).
   */
  async modelArea(): Promise<ModelAreaReport> {
    const frame = await this.request(M.ModelArea, [], true);
    const p = frame.payload;
    if (p.length < LINK_MODEL_AREA_SIZE)
      throw new LinkError(
        `the board's model area answer is ${p.length} B, not ${LINK_MODEL_AREA_SIZE}`,
      );
    const report = {} as ModelAreaReport;
    for (const [name, field] of Object.entries(LINK_MODEL_AREA_FIELDS)) {
      const at = field.offset;
      (report as Record<string, unknown>)[name] =
        field.bytes === 4 ? u32(p, at) : field.bytes === 2 ? u16(p, at) : p[at];
    }
    const states = Object.entries(MODEL_AREA_STATES);
    report.stateName = (states.find(([, v]) => v === report.State)?.[0].toLowerCase() ??
      'bad') as ModelAreaReport['stateName'];
    report.statusName = STATUS_NAMES[report.Status] ?? `status ${report.Status}`;
    report.ids = Array.from(p.subarray(LINK_MODEL_AREA_SIZE, LINK_MODEL_AREA_SIZE + report.Count));
    return report;
  }

  /** The stored graph's bytes, or null when the board has none. */
  async readBack(): Promise<Uint8Array | null> {
    const chunks: number[] = [];
    for (;;) {
      let frame: LinkFrame;
      try {
        frame = await this.request(M.ReadBack, le16(chunks.length), true);
      } catch (e) {
        if (e instanceof LinkError && e.detail?.status === NO_GRAPH_STORED) return null;
        throw e;
      }
      const total = u16(frame.payload, 2);
      chunks.push(...frame.payload.subarray(6));
      if (chunks.length >= total) return Uint8Array.from(chunks);
      if (frame.payload.length <= 6)
        throw new LinkError('the board sent an empty chunk of its stored graph');
    }
  }
}
