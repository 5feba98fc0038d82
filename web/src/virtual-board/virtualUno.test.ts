// @vitest-environment node
// The generic firmware (firmware/generic, the .hex the app ships) on the virtual Uno, driven by
// the host's link client exactly as a real board will be: hello, upload Blink, see its LED
// pin, refusals, and a reset that keeps the graph in EEPROM.
import { describe, expect, it } from 'vitest';
import { crc16 } from '../link/frames';
import { LinkClient, LinkError, type LinkEvent } from '../link/linkClient';
import { blinkStream, genericHex } from '../test-support/genericFirmware';
import { VirtualUno } from './virtualUno';

function boardWithClient(eeprom?: Uint8Array) {
  const board = new VirtualUno(genericHex(), eeprom);
  const events: LinkEvent[] = [];
  // The client waits in board time: each wait runs the CPU instead of sleeping.
  const client = new LinkClient(board.serial, {
    wait: async (ms) => board.run(ms),
    timeoutMs: 500,
  });
  client.onEvent((e) => events.push(e));
  return { board, client, events };
}

const ledToggles = (board: VirtualUno, fromMs: number) =>
  board.pinChanges.filter((c) => c.pin === 13 && c.timeMs >= fromMs).map((c) => c.timeMs);

describe('the generic firmware on the virtual Uno', () => {
  // Generous timeouts: the board's seconds run in avr8js (several wall seconds on a loaded CI
  // machine); they guard against a hang, they assert no speed.
  it(
    'boots, uploads Blink over the link, blinks and keeps it after a reset',
    { timeout: 120_000 },
    async () => {
      const { board, client, events } = boardWithClient();
      board.run(20);
      expect(events[0]).toEqual({ kind: 'log', text: 'emflow generic firmware 1 uno' });
      const info = await client.hello();
      expect(info.boardName).toBe('Uno');
      expect(info.MaxNodes).toBe(24);
      expect(info.StoredLength).toBe(0);
      expect(await client.readBack()).toBeNull();

      const stream = blinkStream();
      const progress: number[] = [];
      await client.upload(stream, (sent) => progress.push(sent));
      expect(progress.at(-1)).toBe(stream.length);
      const from = board.timeMs;
      board.run(2100);
      const toggles = ledToggles(board, from);
      expect(toggles.length).toBeGreaterThanOrEqual(4);
      for (let i = 1; i < toggles.length; i++)
        expect(toggles[i] - toggles[i - 1]).toBeCloseTo(500, -1);
      expect(Array.from((await client.readBack()) ?? [])).toEqual(Array.from(stream));
      const stored = await client.hello();
      expect(stored.StoredLength).toBe(stream.length);
      expect(stored.StoredCrc).toBe(crc16(stream));

      // A reset: a new board on the same EEPROM runs Blink without an upload.
      const again = boardWithClient(board.eeprom);
      again.board.run(1600);
      expect(ledToggles(again.board, 0).length).toBeGreaterThanOrEqual(3);
      expect((await again.client.hello()).StoredCrc).toBe(stored.StoredCrc);
    },
  );

  it('names what it refuses and keeps running the graph it has', { timeout: 120_000 }, async () => {
    const { board, client } = boardWithClient();
    board.run(20);
    await client.upload(blinkStream());
    // A command stream with a bad checksum as a live edit: refused, with the reason.
    const bad = blinkStream();
    bad[bad.length - 1] ^= 0x40;
    const refusal = await client.liveEdit(bad).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LinkError);
    expect((refusal as LinkError).message).toMatch(/checksum mismatch/);
    const from = board.timeMs;
    board.run(1100);
    expect(ledToggles(board, from).length).toBeGreaterThanOrEqual(2);
  });
});
