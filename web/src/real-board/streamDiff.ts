// Live edits for a real board: the difference between the command stream a board runs and the
// one the edited graph compiles to, as one live-edit stream (docs/command-stream.md) — when the
// link can carry it. Changed initial values are: each changed port's initials are removed and
// the new ones added (`remove initial` + `initial packet`), which a running network delivers at
// once, as the simulator's removeinitial/addinitial do. Anything else (nodes, edges) returns
// null: the board needs a new upload.
import { crc16 } from '../link/frames';

const OP = { end: 0x00, initial: 0x04, removeInitial: 0x0a };
/** Operand bytes per opcode; `initial packet` also carries its packet's payload. */
const OPERANDS = [0, 0, 2, 6, 3, 0, 0, 5, 1, 6, 2];
/** Payload bytes per packet type (bang, bool, byte, int, float, open, close, error). */
const PAYLOAD = [0, 1, 1, 4, 4, 0, 0, 1];
const HEADER = 10;

/** The body's commands, each as its bytes (opcode first); `end` left out. */
export function streamCommands(stream: Uint8Array): number[][] {
  const magic = String.fromCharCode(...stream.subarray(0, 4));
  if (stream.length < HEADER || magic !== 'EMFG' || stream[4] !== 1 || stream[5] !== 0)
    throw new Error('not a version 1 command stream');
  const body = stream.subarray(HEADER, HEADER + (stream[6] | (stream[7] << 8)));
  const commands: number[][] = [];
  for (let at = 0; at < body.length;) {
    const op = body[at];
    if (op === OP.end) break;
    if (op >= OPERANDS.length) throw new Error(`unknown opcode 0x${op.toString(16)} at ${at}`);
    let size = 1 + OPERANDS[op];
    if (op === OP.initial) size += PAYLOAD[body[at + 3]] ?? 0;
    commands.push(Array.from(body.subarray(at, at + size)));
    at += size;
  }
  return commands;
}

/** A command stream of `commands` (an `end` is added), header and CRC as the board checks. */
export function encodeStream(commands: number[][]): Uint8Array {
  const body = [...commands.flat(), OP.end];
  const crc = crc16(body);
  const header = [0x45, 0x4d, 0x46, 0x47, 1, 0, body.length & 0xff, body.length >> 8];
  return Uint8Array.from([...header, crc & 0xff, crc >> 8, ...body]);
}

export interface LiveEditPlan {
  stream: Uint8Array;
  /** The ports whose initial values change, as "node id.port" (for the log). */
  ports: Array<{ node: number; port: number }>;
}

/**
 * The live edit that turns the network `running` into `wanted` (both compiled for the board):
 * null when they differ in more than initial values, an empty plan when they are the same.
 */
export function liveEditBetween(running: Uint8Array, wanted: Uint8Array): LiveEditPlan | null {
  const split = (stream: Uint8Array) => {
    const rest: string[] = [];
    const initials = new Map<string, number[][]>();
    for (const c of streamCommands(stream)) {
      if (c[0] !== OP.initial) {
        rest.push(c.join(','));
        continue;
      }
      const key = `${c[1]}.${c[2]}`;
      initials.set(key, [...(initials.get(key) ?? []), c]);
    }
    return { rest: rest.join(';'), initials };
  };
  const before = split(running);
  const after = split(wanted);
  if (before.rest !== after.rest) return null;
  const commands: number[][] = [];
  const ports: LiveEditPlan['ports'] = [];
  const keys = new Set([...before.initials.keys(), ...after.initials.keys()]);
  for (const key of keys) {
    const old = before.initials.get(key) ?? [];
    const next = after.initials.get(key) ?? [];
    if (old.map(String).join(';') === next.map(String).join(';')) continue;
    const [node, port] = key.split('.').map(Number);
    if (old.length) commands.push([OP.removeInitial, node, port]);
    commands.push(...next);
    ports.push({ node, port });
  }
  return { stream: commands.length ? encodeStream(commands) : new Uint8Array(), ports };
}
