// @vitest-environment node
// The generic firmware (firmware/generic, the .hex the app ships) on the virtual Uno and the
// virtual Mega 2560, driven by the host's link client exactly as a real board will be: hello,
// upload Blink, see its LED pin (D13: PB5 on the Uno, PB7 on the Mega), refusals, and a reset
// that keeps the graph in EEPROM.
import { describe, expect, it } from 'vitest';
import { crc16 } from '../link/frames';
import { LinkClient, LinkError, type LinkEvent } from '../link/linkClient';
import { blinkStream, genericHex } from '../test-support/genericFirmware';
import { VirtualBoard } from './virtualBoard';
import { MEGA2560, UNO, type VirtualBoardSpec } from './virtualBoards';

// What each board's firmware says and reports (docs/serial-link.md's table).
const BOARDS: Array<{
  spec: VirtualBoardSpec;
  banner: string;
  boardName: string;
  maxNodes: number;
  ledPort: number;
  ledBit: number;
}> = [
  {
    spec: UNO,
    banner: 'emflow generic firmware 1 uno',
    boardName: 'Uno',
    maxNodes: 24,
    ledPort: 0x25, // PORTB
    ledBit: 5,
  },
  {
    spec: MEGA2560,
    banner: 'emflow generic firmware 1 mega2560',
    boardName: 'Mega2560',
    maxNodes: 48,
    ledPort: 0x25, // PORTB
    ledBit: 7,
  },
];

function boardWithClient(spec: VirtualBoardSpec, eeprom?: Uint8Array) {
  const board = new VirtualBoard(genericHex(spec.id), { spec, eeprom });
  const events: LinkEvent[] = [];
  // The client waits in board time: each wait runs the CPU instead of sleeping.
  const client = new LinkClient(board.serial, {
    wait: async (ms) => board.run(ms),
    timeoutMs: 500,
  });
  client.onEvent((e) => events.push(e));
  return { board, client, events };
}

const ledToggles = (board: VirtualBoard, fromMs: number) =>
  board.pinChanges.filter((c) => c.pin === 13 && c.timeMs >= fromMs).map((c) => c.timeMs);

describe.each(BOARDS)('the generic firmware on the virtual $boardName', (b) => {
  // Generous timeouts: the board's seconds run in avr8js (several wall seconds on a loaded CI
  // machine); they guard against a hang, they assert no speed.
  it(
    'boots, uploads Blink over the link, blinks and keeps it after a reset',
    { timeout: 120_000 },
    async () => {
      const { board, client, events } = boardWithClient(b.spec);
      board.run(20);
      expect(events[0]).toEqual({ kind: 'log', text: b.banner });
      const info = await client.hello();
      expect(info.boardName).toBe(b.boardName);
      expect(info.MaxNodes).toBe(b.maxNodes);
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
      // D13 is the chip's port bit the board's LED is on: the level is in the PORT register.
      const led = (board.cpu.data[b.ledPort] >> b.ledBit) & 1;
      expect(led).toBe(board.pinLevel(13) ? 1 : 0);
      expect(Array.from((await client.readBack()) ?? [])).toEqual(Array.from(stream));
      const stored = await client.hello();
      expect(stored.StoredLength).toBe(stream.length);
      expect(stored.StoredCrc).toBe(crc16(stream));

      // A reset: a new board on the same EEPROM runs Blink without an upload.
      const again = boardWithClient(b.spec, board.eeprom);
      again.board.run(1600);
      expect(ledToggles(again.board, 0).length).toBeGreaterThanOrEqual(3);
      expect((await again.client.hello()).StoredCrc).toBe(stored.StoredCrc);
    },
  );

  it('names what it refuses and keeps running the graph it has', { timeout: 120_000 }, async () => {
    const { board, client } = boardWithClient(b.spec);
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

describe('the virtual boards', () => {
  it('refuses an EEPROM of another board’s size', () => {
    expect(
      () =>
        new VirtualBoard(genericHex('mega2560'), { spec: MEGA2560, eeprom: new Uint8Array(1024) }),
    ).toThrow(/Mega 2560's EEPROM holds 4096 bytes, not 1024/);
  });
});
