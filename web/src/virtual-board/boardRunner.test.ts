// @vitest-environment node
// BoardRunner, what the virtual Uno's worker runs: the shipped generic firmware boots, takes
// Blink with a watch edit over the link, runs in board-time slices (paced to a fake wall clock,
// or unpaced), reports LED changes and the watched packets, and keeps Blink across a reset.
import { describe, expect, it } from 'vitest';
import { joinStream, splitStream, watchCommand } from '../link/commandStream';
import { blinkStream, genericHex } from '../test-support/genericFirmware';
import { BoardRunner, type BoardReport } from './boardRunner';

// A live edit that watches one edge: a whole command stream (docs/command-stream.md).
const watchEdit = (src: number, srcPort: number, tgt: number, tgtPort: number) =>
  joinStream([watchCommand({ src, srcPort, tgt, tgtPort }, true)]);

function runner() {
  const reports: BoardReport[] = [];
  return {
    runner: new BoardRunner(genericHex(), (r) => reports.push(r)),
    reports,
  };
}

describe('BoardRunner', () => {
  it(
    'boots, loads Blink with a watch edit, runs paced and unpaced, and survives a reset',
    { timeout: 120_000 },
    async () => {
      const { runner: board, reports } = runner();
      const info = await board.boot();
      expect(info.boardName).toBe('Uno');
      // Blink's nodes in declaration order: timer 0, toggle 1, led 2, sink 3.
      await board.load({ stream: blinkStream(), edits: [watchEdit(1, 0, 2, 0)] });
      expect(reports.some((r) => r.kind === 'uploaded')).toBe(true);

      // Paced at 10× on a fake wall clock: 100 wall ms → about 1000 board ms.
      let wall = 0;
      let slices = 0;
      await board.run(
        10,
        async (ms) => {
          wall += Math.max(ms, 2);
          if (++slices > 2000 || wall >= 100) board.stop();
        },
        () => wall,
      );
      expect(board.timeMs).toBeGreaterThan(900);
      expect(board.timeMs).toBeLessThan(1400);

      // Unpaced: slices as fast as the host runs them.
      slices = 0;
      await board.run(
        Infinity,
        async () => {
          if (++slices >= 50) board.stop();
        },
        () => 0,
      );
      const led = reports
        .flatMap((r) => (r.kind === 'pins' ? r.changes : []))
        .filter((c) => c.pin === 13);
      expect(led.length).toBeGreaterThanOrEqual(3);
      const packets = reports.flatMap((r) =>
        r.kind === 'event' && r.event.kind === 'packet' ? [r.event] : [],
      );
      expect(packets.length).toBeGreaterThanOrEqual(3);
      expect(packets.every((p) => p.src === 1 && p.tgt === 2 && p.packet.type === 'boolean')).toBe(
        true,
      );

      const after = await board.reset();
      expect(after.StoredLength).toBeGreaterThan(0);
      const before = reports.length;
      board.step(1100);
      const ledAfter = reports
        .slice(before)
        .flatMap((r) => (r.kind === 'pins' ? r.changes : []))
        .filter((c) => c.pin === 13);
      expect(ledAfter.length).toBeGreaterThanOrEqual(2);
    },
  );

  it('reports a refused graph with the board’s reason', { timeout: 60_000 }, async () => {
    const { runner: board, reports } = runner();
    await board.boot();
    const commands = splitStream(blinkStream());
    commands[0][2] = 250; // the first command creates node 0; this is its component id: not in the firmware
    const stream = joinStream(commands); // with its CRC: the board checks the command, not the checksum
    await expect(board.load({ stream, edits: [] })).rejects.toThrow(
      /unknown component \(command 0, byte 10\)/,
    );
    expect(reports.at(-1)).toEqual({
      kind: 'error',
      message: expect.stringMatching(/unknown component/),
    });
  });
});
