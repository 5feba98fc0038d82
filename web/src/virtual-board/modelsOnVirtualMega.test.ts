// @vitest-environment node
// Models on the virtual boards (issue 15): the activity graph (examples/activity.fbp, its
// random forest examples/models/activity.bin as model 1) on the virtual Mega 2560 with the
// activity world (seed 1) behind A0..A2. BoardRunner.ensureModels writes the model area's pages
// into program memory as the bootloader would and restarts the board; the graph is uploaded
// over the virtual serial link, and the classes the board sends equal the simulator's
// (simulateWorld, same graph, world and seed), class by class. The same models again write
// nothing; the virtual Uno refuses them in words. Loops are bounded by board time.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../../wasm/emflow-engine';
import { loadEngine } from '../test-support/engine';
import { genericHex, repoRoot } from '../test-support/genericFirmware';
import { compileLimits } from '../real-board/boardCompiler';
import { modelAreaImage } from '../link/modelArea';
import { BoardRunner, type BoardReport } from './boardRunner';
import { MEGA2560, UNO } from './virtualBoards';

let engine: EngineModule;
beforeAll(async () => {
  engine = await loadEngine();
});

const SEED = 1;
const WINDOW_MS = 640; // 16 readings every 40 ms
// Classes compared: 40 windows are 25.6 s of board time (EMFLOW_BOARD_CLASSES for more).
const CLASSES = Number(process.env.EMFLOW_BOARD_CLASSES ?? 40);
const fbp = readFileSync(`${repoRoot}examples/activity.fbp`, 'utf8');
const activity = () => new Uint8Array(readFileSync(`${repoRoot}examples/models/activity.bin`));

describe('models on the virtual boards', () => {
  it(
    'the activity graph on the virtual Mega classifies as the simulator, its model written into flash',
    { timeout: 600_000 },
    async () => {
      // The simulator: the model in the engine's store, the same world and seed.
      const runtime = new engine.EngineRuntime('{}');
      expect(JSON.parse(runtime.putModel(1, activity())).ok).toBe(true);
      const run = engine.simulateWorld(
        fbp,
        JSON.stringify({ world: 'activity', seed: SEED, durationMs: (CLASSES + 3) * WINDOW_MS }),
      );
      if (!run.ok) throw new Error(run.error);
      const simulated = run.summary.predictions.classify.map(([, c]) => c);
      expect(simulated.length).toBeGreaterThanOrEqual(CLASSES);

      const reports: BoardReport[] = [];
      const board = new BoardRunner(
        genericHex('mega2560'),
        (r) => reports.push(r),
        undefined,
        MEGA2560,
      );
      board.setWorld({ world: 'activity', seed: SEED }, () => new engine.BoardWorld());
      const info = await board.boot();
      const blobs = new Map([[1, activity()]]);
      const image = modelAreaImage(blobs);
      const written = await board.ensureModels(blobs);
      expect(written).toEqual({
        wrote: true,
        bytes: image.bytes.length,
        pages: Math.ceil(image.bytes.length / 256),
        ids: [1],
      });
      expect(reports.filter((r) => r.kind === 'booted')).toHaveLength(2); // restarted once

      const compiled = engine.compileForBoard(fbp, compileLimits(info));
      expect(compiled.errors).toEqual([]);
      const idOf = (name: string) => compiled.nodes.find((n) => n.name === name)?.id;
      // Every edge watched, as the app's upload does (the readings cross the link too).
      await board.load({ stream: compiled.stream, edits: compiled.watch });
      const origin = board.worldOrigin ?? NaN;
      const classes = () =>
        reports.flatMap((r) =>
          r.kind === 'event' &&
          r.event.kind === 'packet' &&
          r.event.src === idOf('classify') &&
          r.event.packet.type === 'int'
            ? [r.event.packet.value]
            : [],
        );
      const wallStart = performance.now();
      while (board.timeMs < origin + (CLASSES + 1) * WINDOW_MS) board.step(250);
      const wallS = (performance.now() - wallStart) / 1000;
      const onBoard = classes().slice(0, CLASSES);
      const equal = onBoard.filter((c, i) => c === simulated[i]).length;
      console.log(
        `activity on the virtual Mega: model area ${written.bytes} B in ${written.pages} pages; ` +
          `${equal} of ${CLASSES} classes equal the simulator's (board ${onBoard.join('')}, ` +
          `simulator ${simulated.slice(0, CLASSES).join('')}); ` +
          `${((board.timeMs - origin) / 1000).toFixed(1)} s of board time in ${wallS.toFixed(1)} s of wall time`,
      );
      expect(reports.filter((r) => r.kind === 'error')).toEqual([]);
      expect(onBoard).toHaveLength(CLASSES);
      expect(equal).toBe(CLASSES);

      // The same models again: the board's CRC-32 says it holds them; nothing written, no restart.
      const again = await board.ensureModels(blobs);
      expect(again).toMatchObject({ wrote: false, pages: 0, ids: [1] });
      expect(reports.filter((r) => r.kind === 'booted')).toHaveLength(2);
      // A reset keeps the flash: the stored graph finds its model and runs on.
      const after = await board.reset();
      expect(after.Running).toBe(1);
      expect(reports.filter((r) => r.kind === 'error')).toEqual([]);
    },
  );

  it('the virtual Uno refuses models in words (its generic firmware has no model area)', async () => {
    const reports: BoardReport[] = [];
    const board = new BoardRunner(genericHex('uno'), (r) => reports.push(r), undefined, UNO);
    await board.boot();
    await expect(board.ensureModels(new Map([[1, activity()]]))).rejects.toThrow(
      /the Uno's generic firmware holds no models .*: pick the virtual Mega 2560/,
    );
    expect(reports.at(-1)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/pick the virtual Mega/),
    });
  });
});
