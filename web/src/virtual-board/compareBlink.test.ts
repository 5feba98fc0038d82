// @vitest-environment node
// The comparison on real parts: Blink stepped on the WebAssembly engine's simulator (the engine
// session the playground uses) and run on the shipped generic firmware on the virtual Uno
// (compiled for it by the same engine, uploaded over the link), their D13 timelines compared
// change by change — the table "compare both" shows. Exports of both sides read back as VCD.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PinEdge } from '../board/pinTimeline';
import { EngineClient } from '../engine';
import { EngineHost } from '../engine/engine-host';
import { parseFbp } from '../graph-doc/fbpRead';
import { EngineSession } from '../sim/engineSession';
import { loadEngine } from '../test-support/engine';
import { genericHex, repoRoot } from '../test-support/genericFirmware';
import { BoardRunner, type BoardReport } from './boardRunner';
import { compareTimelines, comparisonSetup, sinceStart } from './compareTimelines';
import { readVcd, writeVcd } from './vcd';

const RUN_MS = 3000;

describe('Blink on the simulator and on the virtual Uno', () => {
  it('agree change by change within one timer interval', { timeout: 180_000 }, async () => {
    const text = readFileSync(`${repoRoot}examples/blink.fbp`, 'utf8');
    const parsed = parseFbp(text);
    if (!parsed.ok) throw new Error(parsed.diagnostic.message);
    const module = await loadEngine();

    // The simulator: the playground's session on the engine, stepped on its virtual clock.
    const session = new EngineSession(() =>
      EngineClient.inProcess(new EngineHost(module, { clock: false })),
    );
    await session.start();
    await session.step(parsed.graph, RUN_MS);
    const simulator = [...session.pinTimeline.changes];
    session.dispose();

    // The board: boot, compile for its capacities, upload, run the same board time.
    const reports: BoardReport[] = [];
    const board = new BoardRunner(genericHex(), (r) => reports.push(r));
    const info = await board.boot();
    const compiled = module.compileForBoard(
      text,
      JSON.stringify({
        maxNodes: info.MaxNodes,
        maxEdges: info.MaxEdges,
        maxInitials: info.MaxInitials,
      }),
    );
    expect(compiled.errors).toEqual([]);
    await board.load({ stream: compiled.stream, edits: [] });
    const uploaded = reports.find((r) => r.kind === 'uploaded');
    const startMs = uploaded?.kind === 'uploaded' ? uploaded.timeMs : undefined;
    expect(startMs).toBeGreaterThan(0);
    board.step(RUN_MS);
    const changes: PinEdge[] = reports.flatMap((r) => (r.kind === 'pins' ? r.changes : []));
    const onBoard = sinceStart(changes, startMs!);

    const setup = comparisonSetup(parsed.graph);
    expect(setup.toleranceMs).toBe(500);
    const c = compareTimelines(simulator, onBoard, {
      pins: setup.pins,
      toleranceMs: setup.toleranceMs,
      simulatorEndMs: RUN_MS,
      boardEndMs: board.timeMs - startMs!,
      exclusive: setup.exclusive,
    });
    // 3 s of a 500 ms toggle: about six changes on each side, all paired and within.
    expect(c.within).toBeGreaterThanOrEqual(5);
    expect(c.disagree).toBe(0);
    expect(c.overlaps).toEqual([]);
    const worst = Math.max(
      ...c.rows.flatMap((r) => (r.diffMs === null ? [] : [Math.abs(r.diffMs)])),
    );
    console.log(`Blink: ${c.within} changes within, worst |Δ| ${worst.toFixed(1)} ms`);

    // Both sides' dumps read back with the same number of D13 changes as the timelines.
    for (const edges of [simulator, onBoard]) {
      const f = readVcd(writeVcd(edges, { endMs: RUN_MS }));
      const d13 = f.signals.find((s) => s.name === 'D13')!;
      expect(f.changes.filter((x) => x.id === d13.id && x.value !== 'x')).toHaveLength(
        edges.filter((e) => e.pin === 13).length,
      );
    }
  });
});
