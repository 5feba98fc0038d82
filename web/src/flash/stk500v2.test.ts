// @vitest-environment node
// The STK500v2 flasher against the Mega 2560's real bootloader: Debian's
// stk500boot_v2_mega2560.hex runs on simavr's ATmega2560 (tests/flash/bootloader_board.cpp,
// through test-support/bootloaderBoard.ts) behind a pseudo-terminal that stands in for
// /dev/ttyACM0 — a test double of the USB serial chip (and its DTR → reset wiring) only; the
// bootloader, its SPM writes, the EEPROM and the firmware are real. The shipped generic Mega
// firmware is flashed, verified, and then answers the serial link on the same line.
import { afterEach, describe, expect, it } from 'vitest';
import { LinkClient } from '../link/linkClient';
import { startBoard, stopBoards, type SimulatedBoard } from '../test-support/bootloaderBoard';
import { blinkStream, genericHex, genericSizes } from '../test-support/genericFirmware';
import { parseIntelHex } from '../virtual-board/intelHex';
import { FlashError } from './serialLine';
import { flashStk500v2, frameMessage } from './stk500v2';
import type { SerialLine } from './serialLine';

afterEach(stopBoards);

const MEGA_FLASH = 256 * 1024;
const megaImage = () => parseIntelHex(genericHex('mega2560'), MEGA_FLASH);
// simavr runs the bootloader in real time beside other work: a loaded machine (a CI run next to
// builds) has kept it from answering within the client's default 500 ms. Not what these tests
// are about; the "no answer" test below keeps the default.
const SIMULATED_BOARD_MS = 3000;

/** Flashes the generic Mega firmware; the stages seen, in order. */
async function flashGeneric(line: SerialLine, signal?: AbortSignal): Promise<string[]> {
  const stages: string[] = [];
  await flashStk500v2(line, megaImage(), {
    signal,
    answerTimeoutMs: SIMULATED_BOARD_MS,
    progress: (stage, done, total) => stages.push(`${stage} ${done}/${total}`),
  });
  return stages;
}

/** The generic firmware's hello on a line, after the bootloader has handed over. */
async function hello(line: SerialLine) {
  const client = new LinkClient(line, { timeoutMs: 3000, retries: 4 });
  try {
    return await client.hello();
  } finally {
    client.close();
  }
}

/**
 * Resolves when the generic firmware's boot banner (a log frame) comes: after a reset the
 * bootloader waits about a second and hands over only if the line stays quiet — a host that
 * keeps asking keeps it waiting, on a real board too — so a test listens before it speaks.
 */
async function booted(line: SerialLine): Promise<void> {
  const client = new LinkClient(line);
  let banner = '';
  const stop = client.onEvent((event) => {
    if (event.kind === 'log') banner = event.text;
  });
  for (let waits = 0; !banner && waits < 3000; waits++) await new Promise((r) => setTimeout(r, 5));
  stop();
  client.close();
  expect(banner).toBe('emflow generic firmware 1 mega2560');
}

describe('flashing a Mega 2560 through its STK500v2 bootloader', () => {
  it(
    'writes and verifies the generic firmware, which then answers the serial link as a mega2560',
    { timeout: 180_000 },
    async () => {
      const board = await startBoard('mega2560');
      const line = board.line();
      const stages = await flashGeneric(line);
      const pages = Math.ceil(genericSizes('mega2560').flash / 256);
      expect(stages[0]).toBe('sync 0/1');
      expect(stages).toContain(`write ${pages}/${pages}`);
      expect(stages).toContain(`verify ${pages}/${pages}`);
      expect(stages.at(-1)).toBe(`done ${pages}/${pages}`);
      const info = await hello(line);
      expect(info.boardName).toBe('Mega2560');
      expect(info.LinkVersion).toBe(1);
      // A DTR pulse (the line's reset) goes through the bootloader, which hands over to the
      // firmware after its wait: the firmware still answers.
      const boot = booted(line);
      await line.setSignals!({ dataTerminalReady: false });
      await line.setSignals!({ dataTerminalReady: true });
      await boot;
      expect((await hello(line)).boardName).toBe('Mega2560');
    },
  );

  it(
    'survives a link cut mid-flash: after a reset the bootloader answers and a re-flash succeeds',
    { timeout: 240_000 },
    async () => {
      const board = await startBoard('mega2560');
      const cancel = new AbortController();
      const line = board.line();
      let written = 0;
      const cut = flashStk500v2(line, megaImage(), {
        signal: cancel.signal,
        answerTimeoutMs: SIMULATED_BOARD_MS,
        progress: (stage, done) => {
          if (stage !== 'write') return;
          written = done;
          if (done === 40) {
            board.cut(); // the cable is pulled: the host's side of the port closes
            cancel.abort();
          }
        },
      }).catch((e: unknown) => e);
      const error = await cut;
      expect(error).toBeInstanceOf(FlashError);
      expect((error as FlashError).code).toBe('cancelled');
      expect(written).toBe(40);
      // Plugged in again: the DTR pulse of the next upload resets into the bootloader, which
      // is in its own section and was never touched.
      const again = board.line();
      const stages = await flashGeneric(again);
      expect(stages.at(-1)).toMatch(/^done /);
      expect((await hello(again)).boardName).toBe('Mega2560');
    },
  );

  it(
    'keeps the previous graph when a graph upload is cut: it boots from EEPROM after a reset',
    { timeout: 240_000 },
    async () => {
      const board = await startBoard('mega2560');
      const line = board.line();
      await flashGeneric(line);
      const blink = blinkStream();
      const client = new LinkClient(line, { timeoutMs: 3000 });
      await client.hello();
      await client.upload(blink);
      expect(await client.readBack()).toEqual(blink);
      // A second upload, cut after its first chunk: begin and one chunk, then the cable goes.
      let chunks = 0;
      const other = Uint8Array.from([...blink, ...blink]); // longer: several chunks
      await client
        .upload(other, () => {
          if (++chunks === 1) board.cut();
        })
        .catch(() => {});
      client.close();
      const after = board.line();
      const boot = booted(after);
      board.reset();
      await boot;
      const reader = new LinkClient(after, { timeoutMs: 3000 });
      expect((await reader.hello()).boardName).toBe('Mega2560');
      expect(await reader.readBack()).toEqual(blink);
      reader.close();
    },
  );

  it(
    'refuses a firmware for another chip, naming the one it found',
    { timeout: 60_000 },
    async () => {
      const line = (await startBoard('mega2560')).line();
      const error = await flashStk500v2(line, new Uint8Array(512).fill(1), {
        signature: [0x1e, 0x95, 0x0f],
        chipName: 'ATmega328P (Uno)',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FlashError);
      expect((error as FlashError).code).toBe('wrong-board');
      expect((error as Error).message).toBe(
        'wrong board: the chip is ATmega2560 (Mega 2560), but this firmware is for the ATmega328P (Uno)',
      );
    },
  );

  it(
    'names the first byte that differs when a page reads back wrong',
    { timeout: 60_000 },
    async () => {
      // The real bootloader behind a line that flips one bit of the page it sends back: what a
      // worn flash cell or a write the loader skipped would look like.
      const board: SimulatedBoard = await startBoard('mega2560');
      const real = board.line();
      const image = new Uint8Array(512).map((_, i) => i & 0xff);
      // After the second READ_FLASH_ISP goes out, the answer's bytes are counted as they come
      // (in whatever pieces the pty gives): 1B seq len len 0E 14 00 d0 d1 d2 d3 …, checksum at 264.
      let reads = 0;
      let answerAt = -1;
      const line: SerialLine = {
        ...real,
        write: (bytes) => {
          if (bytes[5] === 0x14 && ++reads === 2) answerAt = 0;
          real.write(bytes);
        },
        onBytes: (listener) =>
          real.onBytes((bytes) => {
            if (answerAt < 0) return listener(bytes);
            const changed = Uint8Array.from(bytes);
            for (let i = 0; i < changed.length; i++, answerAt++) {
              if (answerAt === 10 || answerAt === 264) changed[i] ^= 0x01; // d3, and the checksum
            }
            if (answerAt > 264) answerAt = -1;
            listener(changed);
          }),
      };
      const error = await flashStk500v2(line, image, { answerTimeoutMs: SIMULATED_BOARD_MS }).catch(
        (e: unknown) => e,
      );
      expect((error as FlashError).code).toBe('verify');
      expect((error as Error).message).toBe('verify failed at 0x103: wrote 0x03, read 0x02');
    },
  );

  it('says so when nothing answers, and when the caller cancels', { timeout: 60_000 }, async () => {
    const silent: SerialLine = { write: () => {}, onBytes: () => () => {} };
    await expect(flashStk500v2(silent, new Uint8Array(256).fill(1))).rejects.toThrow(
      /no answer from a bootloader: is it the right port, and a Mega 2560/,
    );
    const cancel = new AbortController();
    cancel.abort();
    await expect(
      flashStk500v2(silent, new Uint8Array(256).fill(1), { signal: cancel.signal }),
    ).rejects.toThrow('flashing cancelled');
  });

  it('frames messages as AVR068 says (start, sequence, length, token, body, XOR)', () => {
    expect(Array.from(frameMessage(1, [0x01]))).toEqual([0x1b, 0x01, 0x00, 0x01, 0x0e, 0x01, 0x14]);
  });
});
