// @vitest-environment node
// The STK500v1 flasher against the Uno's real bootloader: Debian's optiboot_atmega328.hex runs
// on simavr (tests/flash/optiboot_uno.cpp, built here) behind a pseudo-terminal that stands in
// for /dev/ttyACM0 — a test double of the USB serial port only; the bootloader, its SPM writes
// and the firmware are real. The shipped generic firmware is flashed, verified, and then answers
// the serial link on the same line. A pty has no DTR: the harness starts in the bootloader, as
// a board does right after the DTR pulse.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkClient } from '../link/linkClient';
import { genericHex, genericHexPath } from '../test-support/genericFirmware';
import { startOptibootUno, type SimulatedUno } from '../test-support/optibootUno';
import { parseIntelHex } from '../virtual-board/intelHex';
import { FlashError, flashStk500v1, type SerialLine } from './stk500v1';

const running: SimulatedUno[] = [];
afterEach(() => {
  for (const board of running.splice(0)) board.close();
});

/** A simulated Uno in its bootloader, and the pty to it as a SerialLine. */
async function uno(): Promise<SerialLine> {
  const board = await startOptibootUno({ seconds: 60 });
  running.push(board);
  return board;
}

describe('flashing an Uno through Optiboot (STK500v1)', () => {
  it(
    'writes and verifies the generic firmware, which then answers the serial link',
    { timeout: 120_000 },
    async () => {
      const image = parseIntelHex(genericHex(), 0x7e00);
      const line = await uno();
      const stages: string[] = [];
      await flashStk500v1(line, image, {
        progress: (stage, done, total) => stages.push(`${stage} ${done}/${total}`),
      });
      const flashBytes = JSON.parse(readFileSync(genericHexPath.replace(/\.hex$/, '.json'), 'utf8'))
        .flash as number;
      const pages = Math.ceil(flashBytes / 128);
      expect(stages).toContain(`write ${pages}/${pages}`);
      expect(stages).toContain(`verify ${pages}/${pages}`);
      expect(stages.at(-1)).toBe(`done ${pages}/${pages}`);
      // Optiboot's watchdog starts the application: the generic firmware on the same line.
      const client = new LinkClient(line, { timeoutMs: 3000 });
      const info = await client.hello();
      expect(info.boardName).toBe('Uno');
      expect(info.LinkVersion).toBe(1);
      client.close();
    },
  );

  it(
    'refuses a firmware for another chip, naming the one it found',
    { timeout: 60_000 },
    async () => {
      const line = await uno();
      const error = await flashStk500v1(line, new Uint8Array(256), {
        signature: [0x1e, 0x98, 0x01],
        chipName: 'ATmega2560 (Mega 2560)',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FlashError);
      expect((error as Error).message).toBe(
        'wrong board: the chip is ATmega328P (Uno, Nano), but this firmware is for the ATmega2560 (Mega 2560)',
      );
    },
  );

  it('says so when nothing answers', { timeout: 60_000 }, async () => {
    const silent: SerialLine = { write: () => {}, onBytes: () => () => {} };
    await expect(flashStk500v1(silent, new Uint8Array(128).fill(1))).rejects.toThrow(
      /no answer from a bootloader/,
    );
  });
});
