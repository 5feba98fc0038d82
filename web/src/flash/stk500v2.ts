// Flashing an Arduino Mega 2560 through its bootloader (Debian's stk500boot_v2_mega2560.hex,
// source stk500boot.c beside it), which speaks STK500 version 2 (Atmel AVR068): reset by DTR,
// sign on, check the chip's signature, write the firmware page by page (256 B), read it back and
// compare, leave (the bootloader then jumps to the firmware). Same line, options, progress and
// errors as the Uno's STK500v1 client (serialLine.ts), so the app and `emflow flash` use both
// alike.
//
// A message both ways: 1B seq len_hi len_lo 0E body… checksum (XOR of all bytes before it). The
// bootloader answers with the sequence number it was sent, the command byte first in the body
// and STATUS_CMD_OK (00) second. Its quirks, from stk500boot.c:
//   - it erases the page *it* counts next (0, 256, …) on each PROGRAM_FLASH_ISP, whatever the
//     loaded address: pages must go in order from 0, every one of them, 256 bytes each;
//   - LOAD_ADDRESS takes a word address; avrdude sets bit 31 on chips over 128 KB (the loader
//     shifts it out), and so do we, to stay byte-for-byte what a real upload sends;
//   - it listens about 1 s after a reset, and a byte that arrives before its UART is on is lost:
//     the first sign-on is retried.
import {
  FlashError,
  KNOWN_CHIPS,
  Receiver,
  compareRead,
  hex,
  resetByDtr,
  send,
  throwIfCancelled,
  usedLength,
  wallClock,
  type FlashOptions,
  type SerialLine,
} from './serialLine';

export interface Stk500v2Options extends FlashOptions {
  /** Flash bytes of the chip (256 KB on the ATmega2560): bigger images are refused. */
  flashBytes?: number;
}

// AVR068 bytes.
const START = 0x1b;
const TOKEN = 0x0e;
const CMD = {
  signOn: 0x01,
  loadAddress: 0x06,
  enterProgmode: 0x10,
  leaveProgmode: 0x11,
  programFlash: 0x13,
  readFlash: 0x14,
  readSignature: 0x1b,
};
const STATUS_CMD_OK = 0x00;

const MEGA_SIGNATURE: [number, number, number] = [0x1e, 0x98, 0x01];
const MAX_BODY = 285; // the bootloader's message buffer (msgBuffer[285])

export function frameMessage(sequence: number, body: number[]): Uint8Array {
  const bytes = [START, sequence & 0xff, body.length >> 8, body.length & 0xff, TOKEN, ...body];
  return Uint8Array.from([...bytes, bytes.reduce((x, b) => x ^ b, 0)]);
}

/** A bootloader in programming mode: page reads and writes, in the loader's own rules. */
interface Stk500v2Session {
  /** Erases (the loader's next page, see above) and writes the page at byte `at`. */
  program(at: number, data: Uint8Array | number[]): Promise<void>;
  /** The page at byte `at`, as the loader reads it. */
  read(at: number): Promise<number[]>;
  /** Leaves programming mode: the loader starts the firmware. */
  leave(): Promise<void>;
}

/**
 * Resets the board into its bootloader, signs on, checks the chip and enters programming mode;
 * runs `body` with the session, then closes the receiver whatever happens.
 */
async function withBootloader(
  line: SerialLine,
  options: Stk500v2Options,
  body: (session: Stk500v2Session) => Promise<void>,
): Promise<void> {
  const {
    pageSize = 256,
    signature = MEGA_SIGNATURE,
    chipName = 'ATmega2560 (Mega 2560)',
    flashBytes = 256 * 1024,
    progress,
    answerTimeoutMs = 500,
    wait = wallClock,
    signal,
  } = options;
  const rx = new Receiver(line, wait, signal);
  let sequence = 0;

  // Reads one answer message for `sequence`; null on timeout, or when only noise comes (a
  // running firmware's output: bounded, so a chatty line cannot keep us here).
  const readAnswer = async (timeoutMs: number, what: string): Promise<number[] | null> => {
    for (let skipped = 0; skipped < 4 * MAX_BODY; skipped++) {
      const first = await rx.take(1, timeoutMs);
      if (first === null) return null;
      if (first[0] !== START) continue; // noise (or the end of an earlier, late answer)
      const head = await rx.take(4, timeoutMs);
      if (head === null) return null;
      const [seq, lengthHigh, lengthLow, token] = head;
      const length = (lengthHigh << 8) | lengthLow;
      if (token !== TOKEN || length > MAX_BODY) continue; // not a message start after all
      const rest = await rx.take(length + 1, timeoutMs);
      if (rest === null) return null;
      const checksum = [START, ...head, ...rest.slice(0, length)].reduce((x, b) => x ^ b, 0);
      if (checksum !== rest[length]) {
        throw new FlashError(`the bootloader's answer to ${what} is damaged (checksum)`);
      }
      if (seq !== sequence) continue; // an answer to an earlier (retried) message
      return rest.slice(0, length);
    }
    return null;
  };

  // A command: its body out, the answer's body back (command byte and status checked).
  const command = async (
    body: number[],
    what: string,
    timeoutMs = answerTimeoutMs,
  ): Promise<number[]> => {
    throwIfCancelled(signal);
    sequence = (sequence + 1) & 0xff;
    send(line, frameMessage(sequence, body));
    const answer = await readAnswer(timeoutMs, what);
    if (answer === null) throw new FlashError(`the bootloader did not answer ${what}`, 'no-answer');
    if (answer[0] !== body[0] || answer[1] !== STATUS_CMD_OK) {
      throw new FlashError(`the bootloader refused ${what} (0x${hex(answer.slice(0, 2))})`);
    }
    return answer;
  };

  try {
    await resetByDtr(line, wait);
    // Sign on: the bootloader listens once its UART is on; try, drain, retry.
    progress?.('sync', 0, 1);
    let signedOn = false;
    for (let attempt = 0; attempt < 10 && !signedOn; attempt++) {
      rx.drain();
      sequence = (sequence + 1) & 0xff;
      send(line, frameMessage(sequence, [CMD.signOn]));
      const answer = await readAnswer(200, 'the sign-on').catch((e: unknown) => {
        if (e instanceof FlashError && e.code !== 'cancelled') return null; // damaged: retry
        throw e;
      });
      signedOn = answer !== null && answer[0] === CMD.signOn && answer[1] === STATUS_CMD_OK;
    }
    if (!signedOn) {
      throw new FlashError(
        'no answer from a bootloader: is it the right port, and a Mega 2560 with its bootloader? (10 sign-on attempts)',
        'no-answer',
      );
    }
    const chip: number[] = [];
    for (let index = 0; index < 3; index++) {
      const answer = await command([CMD.readSignature, 0, 0, 0, index], 'the signature request');
      chip.push(answer[2]);
    }
    if (hex(chip) !== hex(signature)) {
      const known = KNOWN_CHIPS[hex(chip)];
      throw new FlashError(
        `wrong board: the chip is ${known ?? `0x${hex(chip)}`}, but this firmware is for the ${chipName}`,
        'wrong-board',
      );
    }
    // avrdude's ISP timing values for the ATmega2560; the bootloader only answers OK.
    await command(
      [CMD.enterProgmode, 200, 100, 25, 32, 0, 0x53, 3, 0xac, 0x53, 0, 0],
      'programming mode',
    );

    const loadAddress = (byteAddress: number) => {
      const word = byteAddress >>> 1;
      const high = (word >>> 24) | (flashBytes > 128 * 1024 ? 0x80 : 0);
      return command(
        [CMD.loadAddress, high, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff],
        `the address 0x${byteAddress.toString(16)}`,
      );
    };
    const sizeBytes = [pageSize >> 8, pageSize & 0xff];
    await body({
      program: async (at, page) => {
        const data = Array.from(page);
        while (data.length < pageSize) data.push(0xff);
        await loadAddress(at);
        // mode C1 (page mode, write page), delay, the ISP opcodes avrdude sends, no polling.
        await command(
          [CMD.programFlash, ...sizeBytes, 0xc1, 10, 0x40, 0x4c, 0x20, 0, 0, ...data],
          `page 0x${at.toString(16)}`,
          2 * answerTimeoutMs,
        );
      },
      read: async (at) => {
        await loadAddress(at);
        const answer = await command(
          [CMD.readFlash, ...sizeBytes, 0x20],
          `reading 0x${at.toString(16)}`,
        );
        // 14 00 <page> 00
        if (answer.length !== pageSize + 3) {
          throw new FlashError(
            `the bootloader sent ${answer.length - 3} bytes for the page at 0x${at.toString(16)}, not ${pageSize}`,
          );
        }
        return answer.slice(2, 2 + pageSize);
      },
      leave: async () => {
        await command([CMD.leaveProgmode, 1, 1], 'leaving programming mode');
      },
    });
  } finally {
    rx.close();
  }
}

export async function flashStk500v2(
  line: SerialLine,
  image: Uint8Array,
  options: Stk500v2Options = {},
): Promise<void> {
  const {
    pageSize = 256,
    chipName = 'ATmega2560 (Mega 2560)',
    flashBytes = 256 * 1024,
    verify = true,
    progress,
  } = options;
  const used = usedLength(image);
  // The top 8 KB hold the bootloader: an image reaching into them would overwrite nothing (the
  // loader refuses to erase there) but could never run.
  if (used > flashBytes - 8192) {
    throw new FlashError(
      `the firmware (${used} B) does not fit the ${chipName}'s ${flashBytes - 8192} B of application flash`,
      'image',
    );
  }
  await withBootloader(line, options, async (session) => {
    const pages = Math.ceil(used / pageSize);
    for (let page = 0; page < pages; page++) {
      const at = page * pageSize;
      await session.program(at, image.subarray(at, at + pageSize));
      progress?.('write', page + 1, pages);
    }
    if (verify) {
      for (let page = 0; page < pages; page++) {
        const at = page * pageSize;
        compareRead(image, at, await session.read(at));
        progress?.('verify', page + 1, pages);
      }
    }
    await session.leave();
    progress?.('done', pages, pages);
  });
}

/**
 * Writes only `pages` (page-aligned, e.g. a model area's: link/modelArea.ts) and leaves the rest
 * of the firmware as it is — no full reflash. The loader erases pages in order from 0, one per
 * write, whatever address it writes (see above), so every page before the last one given is
 * written, in order: the given ones with their bytes, the others with what they hold now (read
 * back first). Pages right after the vectors cost one or two extra pages; pages high in flash
 * would cost a rewrite of everything below them. Verified by reading back every page written.
 * `progress('write' | 'verify', done, total)` counts all pages written.
 */
export async function writeFlashPagesStk500v2(
  line: SerialLine,
  pages: ReadonlyArray<{ address: number; bytes: Uint8Array }>,
  options: Stk500v2Options = {},
): Promise<{ pagesWritten: number; pagesKept: number }> {
  const { pageSize = 256, flashBytes = 256 * 1024, verify = true, progress } = options;
  const given = new Map<number, Uint8Array>();
  for (const page of pages) {
    if (page.address % pageSize !== 0 || page.bytes.length > pageSize)
      throw new FlashError(
        `a page at 0x${page.address.toString(16)} that is not one whole page`,
        'image',
      );
    if (page.address + pageSize > flashBytes - 8192)
      throw new FlashError(
        `the page at 0x${page.address.toString(16)} lies in the bootloader`,
        'image',
      );
    given.set(page.address, page.bytes);
  }
  if (given.size === 0) return { pagesWritten: 0, pagesKept: 0 };
  const last = Math.max(...given.keys());
  const count = last / pageSize + 1;
  let kept = 0;
  await withBootloader(line, options, async (session) => {
    // What flash holds from 0 to the last page once done.
    const image = new Uint8Array(count * pageSize).fill(0xff);
    for (let page = 0; page < count; page++) {
      const at = page * pageSize;
      const bytes = given.get(at);
      if (bytes) {
        image.set(bytes, at);
      } else {
        image.set(await session.read(at), at); // rewritten as it is
        kept++;
      }
    }
    for (let page = 0; page < count; page++) {
      const at = page * pageSize;
      await session.program(at, image.subarray(at, at + pageSize));
      progress?.('write', page + 1, count);
    }
    if (verify) {
      for (let page = 0; page < count; page++) {
        const at = page * pageSize;
        compareRead(image, at, await session.read(at));
        progress?.('verify', page + 1, count);
      }
    }
    await session.leave();
    progress?.('done', count, count);
  });
  return { pagesWritten: count, pagesKept: kept };
}
