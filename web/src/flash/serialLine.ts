// What the bootloader clients (stk500v1.ts for the Uno, stk500v2.ts for the Mega 2560) share:
// the line they talk over (any byte transport with an optional DTR control — Web Serial in
// Chromium, a tty in Node), the error they throw (with a code a CLI turns into an exit
// status), a receiver that takes answer bytes with a timeout and a cancel signal, the DTR
// reset, and the names of the chips a wrong-board message can give.
import type { LinkTransport } from '../link/linkClient';

export interface SerialLine extends LinkTransport {
  /** DTR/RTS, as Web Serial's SerialPort.setSignals; absent where the line has none. */
  setSignals?(signals: { dataTerminalReady?: boolean; requestToSend?: boolean }): Promise<void>;
}

/** Why a flash failed: `emflow flash` exits with a status per code (docs/flash.md). */
export type FlashErrorCode =
  | 'no-answer' // nothing (or nothing sensible) came back: wrong port, no bootloader
  | 'wrong-board' // the chip's signature is not the firmware's
  | 'refused' // the bootloader answered a command with a failure or lost sync
  | 'verify' // a byte read back differs from the one written
  | 'cancelled' // the caller's AbortSignal fired
  | 'port' // the port could not be opened or written (busy, gone, no permission)
  | 'image'; // the firmware does not fit the chip

export class FlashError extends Error {
  constructor(
    message: string,
    readonly code: FlashErrorCode = 'refused',
  ) {
    super(message);
    this.name = 'FlashError';
  }
}

export type FlashStage = 'sync' | 'write' | 'verify' | 'done';

export interface FlashOptions {
  /** Bytes per flash page (128 on the ATmega328P, 256 on the ATmega2560). */
  pageSize?: number;
  /** The chip the firmware is for: the signature the bootloader must report. */
  signature?: [number, number, number];
  chipName?: string;
  /** Read every written page back and compare (default true). */
  verify?: boolean;
  progress?: (stage: FlashStage, done: number, total: number) => void;
  /** How long an answer may take (ms; page writes twice that): default 500, as avrdude. */
  answerTimeoutMs?: number;
  /** Waits `ms` (wall time by default). */
  wait?: (ms: number) => Promise<void>;
  /** Cancels the flash between two bytes: a FlashError with code 'cancelled'. */
  signal?: AbortSignal;
}

export const KNOWN_CHIPS: Record<string, string> = {
  '1e950f': 'ATmega328P (Uno, Nano)',
  '1e9514': 'ATmega328 (not P)',
  '1e9801': 'ATmega2560 (Mega 2560)',
  '1e9406': 'ATmega168',
  '1e9587': 'ATmega32U4 (Leonardo: it uses AVR109)',
};

export const hex = (bytes: ArrayLike<number>) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export const wallClock = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function throwIfCancelled(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new FlashError('flashing cancelled', 'cancelled');
}

/** Writes to the line; a port that refuses (closed, unplugged) is a FlashError. */
export function send(line: SerialLine, bytes: Uint8Array) {
  try {
    line.write(bytes);
  } catch (e) {
    throw new FlashError(`cannot write to the port: ${(e as Error).message}`, 'port');
  }
}

/**
 * Bytes from the line, taken in order, with a timeout per read. A read wakes as soon as bytes
 * come (not at the next 5 ms poll): a flash is hundreds of short round trips, and waiting out a
 * poll on each cost 30 % of the flash time (measured on the simulated boards: Mega 18.4 s → 12.8 s,
 * Uno 15.9 s → 12.8 s).
 */
export class Receiver {
  private buffer: number[] = [];
  private wake: (() => void) | null = null;
  private readonly stop: () => void;
  constructor(
    line: SerialLine,
    private readonly wait: (ms: number) => Promise<void>,
    private readonly signal?: AbortSignal,
  ) {
    this.stop = line.onBytes((bytes) => {
      this.buffer.push(...bytes);
      this.wake?.();
    });
  }
  close() {
    this.stop();
  }
  drain() {
    this.buffer = [];
  }
  /**
   * Drops what arrives until the line has been quiet for `quietMs` (at most `maxMs`): the late
   * answer to a sync attempt that timed out would otherwise be taken for the next answer.
   */
  async settle(quietMs: number, maxMs: number): Promise<void> {
    let quiet = 0;
    for (let waited = 0; quiet < quietMs && waited < maxMs; waited += 5) {
      throwIfCancelled(this.signal);
      const before = this.buffer.length;
      await this.wait(5);
      quiet = this.buffer.length === before ? quiet + 5 : 0;
    }
    this.drain();
  }
  /** `count` bytes, or null when they have not all come within `timeoutMs`. */
  async take(count: number, timeoutMs: number): Promise<number[] | null> {
    // The timeout counts 5 ms polls only: wake-ups by arriving bytes do not use it up.
    for (let waited = 0; this.buffer.length < count;) {
      throwIfCancelled(this.signal);
      if (waited >= timeoutMs) return null;
      const byData = new Promise<boolean>((resolve) => (this.wake = () => resolve(true)));
      if (await Promise.race([byData, this.wait(5).then(() => false)])) continue;
      waited += 5;
    }
    this.wake = null;
    return this.buffer.splice(0, count);
  }
}

/**
 * Resets the board into its bootloader as the Arduino IDE does: DTR (and RTS) off, 100 ms, on.
 * On Arduino boards the USB serial chip's DTR goes through a capacitor to RESET, so the edge
 * is a reset pulse. A line without DTR control: the user presses reset.
 */
export async function resetByDtr(line: SerialLine, wait: (ms: number) => Promise<void>) {
  if (!line.setSignals) return;
  try {
    await line.setSignals({ dataTerminalReady: false, requestToSend: false });
    await wait(100);
    await line.setSignals({ dataTerminalReady: true, requestToSend: true });
  } catch (e) {
    throw new FlashError(`cannot set DTR on the port: ${(e as Error).message}`, 'port');
  }
}

/** The image without its trailing erased (0xFF) bytes: what must be written. */
export function usedLength(image: Uint8Array): number {
  let used = image.length;
  while (used > 0 && image[used - 1] === 0xff) used--;
  return used;
}

/** Reads back `page` (at byte `at`) and throws at the first byte that differs from the image. */
export function compareRead(image: Uint8Array, at: number, back: ArrayLike<number>) {
  for (let i = 0; i < back.length; i++) {
    const expected = at + i < image.length ? image[at + i] : 0xff;
    if (back[i] !== expected) {
      throw new FlashError(
        `verify failed at 0x${(at + i).toString(16)}: wrote 0x${hex([expected])}, read 0x${hex([back[i]])}`,
        'verify',
      );
    }
  }
}
