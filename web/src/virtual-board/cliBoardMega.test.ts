// @vitest-environment node
// `emflow compile --board mega` against the web app's compile for a Mega: the limits the Mega's
// generic firmware reports in its hello (compileLimits, real-board/boardCompiler.ts) are the
// CLI's, and for a graph reading the Uno's A0 and driving D22 the CLI's stream is the engine's
// compileForBoard stream byte for byte; run on the virtual Mega's generic firmware, that stream
// drives D22 (PA0) and reads pin 54 without a network error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLimits } from '../real-board/boardCompiler';
import { loadEngine } from '../test-support/engine';
import { cliPath, genericHex } from '../test-support/genericFirmware';
import { BoardRunner, type BoardReport } from './boardRunner';
import { MEGA2560 } from './virtualBoards';

const GRAPH = [
  't(Timer) OUT -> TRIGGER r(AnalogRead) OUT -> IN log(SerialOut)',
  "'100' -> INTERVAL t()",
  'board(ArduinoUno) A0 -> PIN r()',
  't2(Timer) OUT -> IN toggle(ToggleBoolean) OUT -> IN relay(DigitalWrite) OUT -> IN d(Drop)',
  "'50' -> INTERVAL t2()",
  "'22' -> PIN relay()",
].join('\n');

/** The CLI's stream for GRAPH with `args`, and what it said on stderr. */
function cliCompile(args: string[]): { stream: Uint8Array; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'emflow-board-mega-'));
  writeFileSync(join(dir, 'g.fbp'), `${GRAPH}\n`);
  const out = join(dir, 'g.bin');
  // stderr into a file: execFileSync returns stdout only.
  const stderr = join(dir, 'stderr.txt');
  execFileSync('sh', [
    '-c',
    `"$0" "$@" 2>"${stderr}"`,
    cliPath,
    'compile',
    join(dir, 'g.fbp'),
    '-o',
    out,
    ...args,
  ]);
  return { stream: new Uint8Array(readFileSync(out)), stderr: readFileSync(stderr, 'utf8') };
}

describe('emflow compile --board mega', () => {
  it(
    'compiles as the web does for the Mega its firmware reports',
    { timeout: 120_000 },
    async () => {
      const reports: BoardReport[] = [];
      const board = new BoardRunner(
        genericHex('mega2560'),
        (r) => reports.push(r),
        undefined,
        MEGA2560,
      );
      const info = await board.boot();
      // The Mega's limits as the web compiles with them, and the CLI's help says the same.
      expect(JSON.parse(compileLimits(info))).toEqual({
        maxNodes: 48,
        maxEdges: 64,
        maxInitials: 64,
        firstAnalogPin: 54,
      });
      const help = execFileSync(cliPath, ['help', 'compile'], { encoding: 'utf8' });
      expect(help).toContain('48 nodes, 64 connections, 64');

      const cli = cliCompile(['--board', 'mega']);
      expect(cli.stderr).toContain("the Uno's A0 is A0 (pin 54) on the target board");
      const module = await loadEngine();
      const web = module.compileForBoard(GRAPH, compileLimits(info));
      expect(web.errors).toEqual([]);
      expect([...cli.stream]).toEqual([...web.stream]);
      // The Uno's stream differs (A0 is 14 there).
      expect([...cliCompile(['--board', 'uno']).stream]).not.toEqual([...cli.stream]);

      // On the virtual Mega: D22 toggles; reading pin 54 raises no network error.
      await board.load({ stream: cli.stream, edits: [] });
      board.step(1000);
      const changes = reports.flatMap((r) => (r.kind === 'pins' ? r.changes : []));
      expect(changes.filter((c) => c.pin === 22).length).toBeGreaterThanOrEqual(10);
      expect(reports.filter((r) => r.kind === 'error')).toEqual([]);
      const events = reports.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
      expect(events.filter((e) => e.kind === 'network-error' || e.kind === 'damaged')).toEqual([]);
    },
  );
});
