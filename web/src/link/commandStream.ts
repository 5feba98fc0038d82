// Command streams as the serial link carries them (layout: docs/command-stream.md): split a
// stream the engine compiled (compileForBoard, the one encoder) into its commands, and frame a
// list of commands as a stream again (header + CRC), so a host can add watch commands to an
// upload and send single commands as live edits. Shared by the Board panel and, through
// wasm/link-client.generated.mjs, by emflow-runtime --serial.
import { crc16 } from './frames';
import { STREAM_VERSION } from './linkConstants.generated';

export const OP = {
  end: 0x00,
  reset: 0x01,
  createNode: 0x02,
  connect: 0x03,
  initial: 0x04,
  start: 0x05,
  stop: 0x06,
  watch: 0x07,
  removeNode: 0x08,
  disconnect: 0x09,
  removeInitial: 0x0a,
} as const;

/** Operand bytes per opcode; an initial packet's length also depends on its packet type. */
const OPERANDS: Record<number, number> = {
  0: 0,
  1: 0,
  2: 2,
  3: 6,
  5: 0,
  6: 0,
  7: 5,
  8: 1,
  9: 6,
  10: 2,
};
/** Payload bytes per packet type (void, bool, byte, int, float, open, close, error). */
const PACKET_PAYLOAD = [0, 1, 1, 4, 4, 0, 0, 1];
const HEADER = 10;

/** An edge as the board numbers it: node ids and port positions. */
export interface BoardEdge {
  src: number;
  srcPort: number;
  tgt: number;
  tgtPort: number;
}

/** The commands of a stream (each a Uint8Array: opcode + operands), without the end byte. */
export function splitStream(stream: Uint8Array): Uint8Array[] {
  if (stream.length < HEADER + 1 || String.fromCharCode(...stream.subarray(0, 4)) !== 'EMFG') {
    throw new Error('not a command stream');
  }
  const commands: Uint8Array[] = [];
  for (let at = HEADER; at < stream.length;) {
    const op = stream[at];
    if (op === OP.end) return commands;
    const size =
      op === OP.initial ? 3 + (PACKET_PAYLOAD[stream[at + 3]] ?? NaN) : (OPERANDS[op] ?? NaN);
    if (!Number.isInteger(size) || at + 1 + size > stream.length) {
      throw new Error(`command stream: unknown or cut command 0x${op.toString(16)} at byte ${at}`);
    }
    commands.push(stream.slice(at, at + 1 + size));
    at += 1 + size;
  }
  throw new Error('command stream: no end command');
}

/** A whole stream (header, body, end byte) of `commands`. */
export function joinStream(commands: ArrayLike<number>[]): Uint8Array {
  const length = commands.reduce((n, c) => n + c.length, 0) + 1;
  const body = new Uint8Array(length);
  let at = 0;
  for (const command of commands) {
    body.set(command, at);
    at += command.length;
  }
  const crc = crc16(body);
  const header = [0x45, 0x4d, 0x46, 0x47, STREAM_VERSION, 0, length & 0xff, length >> 8];
  return Uint8Array.from([...header, crc & 0xff, crc >> 8, ...body]);
}

/** The watch command (on or off) for the edge src:srcPort → tgt:tgtPort. */
export function watchCommand(edge: BoardEdge, on: boolean): Uint8Array {
  return Uint8Array.from([OP.watch, edge.src, edge.srcPort, edge.tgt, edge.tgtPort, on ? 1 : 0]);
}

/**
 * The stream to upload: the compiled one with watch commands for `watched` edges placed
 * before its start command, so the first packets after start (the initial packets') are seen.
 */
export function withWatches(stream: Uint8Array, watched: BoardEdge[]): Uint8Array {
  const commands = splitStream(stream);
  const start = commands.findIndex((c) => c[0] === OP.start);
  const watches = watched.map((edge) => watchCommand(edge, true));
  if (start < 0) return joinStream([...commands, ...watches]);
  return joinStream([...commands.slice(0, start), ...watches, ...commands.slice(start)]);
}

export const sameBytes = (a: Uint8Array | null, b: Uint8Array | null): boolean =>
  a !== null && b !== null && a.length === b.length && a.every((v, i) => v === b[i]);
