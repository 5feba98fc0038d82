// Flashing an Arduino Uno through its bootloader, Optiboot, which speaks STK500 version 1
// (Atmel AVR061): reset by DTR, sync, check the chip's signature, write the firmware page by
// page, read it back and compare, leave. The line is any byte transport with an optional DTR
// control — Web Serial in Chromium, a tty in Node — so the same code flashes from the browser
// and from the CLI. Every failure says what did not answer or what differed.
import type { LinkTransport } from '../link/linkClient';

export interface SerialLine extends LinkTransport {
  /** DTR/RTS, as Web Serial's SerialPort.setSignals; absent where the line has none. */
  setSignals?(signals: { dataTerminalReady?: boolean; requestToSend?: boolean }): Promise<void>;
}

export interface FlashOptions {
  /** Bytes per flash page (128 on the ATmega328P). */
  pageSize?: number;
  /** The chip the firmware is for: the signature the bootloader must report. */
  signature?: [number, number, number];
  chipName?: string;
  /** Read every written page back and compare (default true). */
  verify?: boolean;
  progress?: (stage: 'sync' | 'write' | 'verify' | 'done', done: number, total: number) => void;
  /** How long an answer may take (ms; page writes twice that): default 500, as avrdude. */
  answerTimeoutMs?: number;
  /** Waits `ms` (wall time by default). */
  wait?: (ms: number) => Promise<void>;
}

export class FlashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlashError';
  }
}

// STK500v1 bytes (AVR061).
const STK = {
  ok: 0x10,
  insync: 0x14,
  crcEop: 0x20,
  getSync: 0x30,
  getParameter: 0x41,
  enterProgmode: 0x50,
  leaveProgmode: 0x51,
  loadAddress: 0x55,
  progPage: 0x64,
  readPage: 0x74,
  readSign: 0x75,
};

const UNO_SIGNATURE: [number, number, number] = [0x1e, 0x95, 0x0f];
const KNOWN_CHIPS: Record<string, string> = {
  '1e950f': 'ATmega328P (Uno, Nano)',
  '1e9514': 'ATmega328 (not P)',
  '1e9801': 'ATmega2560 (Mega 2560: it uses STK500v2)',
  '1e9406': 'ATmega168',
  '1e9587': 'ATmega32U4 (Leonardo: it uses AVR109)',
};
const hex = (bytes: ArrayLike<number>) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Bytes from the line, taken in order, with a timeout per read. */
class Receiver {
  private buffer: number[] = [];
  private readonly stop: () => void;
  constructor(
    line: LinkTransport,
    private readonly wait: (ms: number) => Promise<void>,
  ) {
    this.stop = line.onBytes((bytes) => this.buffer.push(...bytes));
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
      const before = this.buffer.length;
      await this.wait(5);
      quiet = this.buffer.length === before ? quiet + 5 : 0;
    }
    this.drain();
  }
  async take(count: number, timeoutMs: number): Promise<number[] | null> {
    for (let waited = 0; this.buffer.length < count; waited += 5) {
      if (waited >= timeoutMs) return null;
      await this.wait(5);
    }
    return this.buffer.splice(0, count);
  }
}

export async function flashStk500v1(
  line: SerialLine,
  image: Uint8Array,
  options: FlashOptions = {},
): Promise<void> {
  const {
    pageSize = 128,
    signature = UNO_SIGNATURE,
    chipName = 'ATmega328P (Uno)',
    verify = true,
    progress,
    answerTimeoutMs = 500,
    wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  } = options;
  const rx = new Receiver(line, wait);
  // A command: the bytes, CRC_EOP; the answer: INSYNC, `answerBytes` bytes, OK.
  const command = async (
    bytes: number[],
    answerBytes = 0,
    what = 'the command',
    timeoutMs = answerTimeoutMs,
  ) => {
    line.write(Uint8Array.from([...bytes, STK.crcEop]));
    const head = await rx.take(1, timeoutMs);
    if (head === null) throw new FlashError(`the bootloader did not answer ${what}`);
    if (head[0] !== STK.insync)
      throw new FlashError(`the bootloader lost sync during ${what} (0x${hex(head)})`);
    const rest = await rx.take(answerBytes + 1, timeoutMs);
    if (rest === null || rest[answerBytes] !== STK.ok) {
      throw new FlashError(`the bootloader refused ${what}${rest ? ` (0x${hex(rest)})` : ''}`);
    }
    return rest.slice(0, answerBytes);
  };

  try {
    // Reset into the bootloader: DTR low then high, as the Arduino IDE does (the Uno's
    // auto-reset capacitor turns the edge into a reset pulse).
    if (line.setSignals) {
      await line.setSignals({ dataTerminalReady: false, requestToSend: false });
      await wait(100);
      await line.setSignals({ dataTerminalReady: true, requestToSend: true });
    }
    // Sync: the bootloader listens once it has started (after its LED flashes); try, drain, retry.
    progress?.('sync', 0, 1);
    let synced = false;
    for (let attempt = 0; attempt < 10 && !synced; attempt++) {
      rx.drain();
      line.write(Uint8Array.of(STK.getSync, STK.crcEop));
      const answer = await rx.take(2, 200);
      synced = answer !== null && answer[0] === STK.insync && answer[1] === STK.ok;
    }
    if (!synced) {
      throw new FlashError(
        'no answer from a bootloader: is it the right port, and an Uno with its bootloader? (10 sync attempts)',
      );
    }
    await rx.settle(Math.min(answerTimeoutMs, 200), 2 * answerTimeoutMs);
    const chip = await command([STK.readSign], 3, 'the signature request');
    if (hex(chip) !== hex(signature)) {
      const known = KNOWN_CHIPS[hex(chip)];
      throw new FlashError(
        `wrong board: the chip is ${known ?? `0x${hex(chip)}`}, but this firmware is for the ${chipName}`,
      );
    }
    await command([STK.enterProgmode], 0, 'programming mode');

    let used = image.length;
    while (used > 0 && image[used - 1] === 0xff) used--;
    const pages = Math.ceil(used / pageSize);
    const loadAddress = (byteAddress: number) =>
      command(
        [STK.loadAddress, (byteAddress >> 1) & 0xff, byteAddress >> 9],
        0,
        `the address 0x${byteAddress.toString(16)}`,
      );
    for (let page = 0; page < pages; page++) {
      const at = page * pageSize;
      const data = Array.from(image.subarray(at, at + pageSize));
      while (data.length < pageSize) data.push(0xff);
      await loadAddress(at);
      await command(
        [STK.progPage, pageSize >> 8, pageSize & 0xff, 0x46, ...data],
        0,
        `page 0x${at.toString(16)}`,
        2 * answerTimeoutMs,
      );
      progress?.('write', page + 1, pages);
    }
    if (verify) {
      for (let page = 0; page < pages; page++) {
        const at = page * pageSize;
        await loadAddress(at);
        const back = await command(
          [STK.readPage, pageSize >> 8, pageSize & 0xff, 0x46],
          pageSize,
          `reading 0x${at.toString(16)}`,
        );
        for (let i = 0; i < pageSize; i++) {
          const expected = at + i < image.length ? image[at + i] : 0xff;
          if (back[i] !== expected) {
            throw new FlashError(
              `verify failed at 0x${(at + i).toString(16)}: wrote 0x${hex([expected])}, read 0x${hex([back[i]])}`,
            );
          }
        }
        progress?.('verify', page + 1, pages);
      }
    }
    await command([STK.leaveProgmode], 0, 'leaving programming mode');
    progress?.('done', pages, pages);
  } finally {
    rx.close();
  }
}
