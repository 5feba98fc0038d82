// @vitest-environment node
// The activity graph (examples/activity.fbp, its random forest examples/models/activity.bin) on
// a Mega 2560 running the generic firmware, the whole path in Node against the real parts:
// simavr's ATmega2560 runs Debian's STK500v2 bootloader behind a pseudo-terminal (the USB
// serial chip's stand-in, tests/flash/bootloader_board.cpp) with the seeded activity world's
// ADC counts on A0..A2 (`emflow run ... --adc`). The generic firmware is flashed through the
// bootloader; ensureModelsThenUpload writes the model into the firmware's model area (only
// those pages, through the bootloader) and uploads the graph over the serial link; the board's
// classes must equal the native run's for the same seed, every one of them. Then: a graph that
// names a model the board lacks is refused with the node and the model id; the same models are
// not written twice; a damaged area is refused at boot and the stored graph does not run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BoardEdge, joinStream, watchCommand } from '../link/commandStream';
import { LinkClient, describeError, type LinkEvent } from '../link/linkClient';
import { modelAreaImage, modelAreaPages } from '../link/modelArea';
import { startBoard, stopBoards } from '../test-support/bootloaderBoard';
import { loadEngine } from '../test-support/engine';
import { cliPath, genericHex, repoRoot } from '../test-support/genericFirmware';
import { parseIntelHex } from '../virtual-board/intelHex';
import { compileLimits } from '../real-board/boardCompiler';
import { ensureModelsThenUpload, initialInts } from './ensureModels';
import { flashStk500v2, writeFlashPagesStk500v2 } from './stk500v2';

afterEach(stopBoards);

const SEED = 1;
const WINDOW_MS = 640; // 16 readings every 40 ms
// Seed 1's cow ruminates, then lies down at 126 s (native run): the board's run starts 180
// windows in and sees both activities.
const FROM_MS = 180 * WINDOW_MS;
const CLASSES = 40;
/**
 * A live edit that watches one edge (a whole stream: watch-edge and end): only the classes cross
 * the line, not every reading as with the compiler's watch-all edits.
 */
const watchStream = (edge: BoardEdge) => joinStream([watchCommand(edge, true)]);

// The bootloader's answers may take longer than a real board's on a loaded machine (the
// simulated board then runs slower than wall time).
const LOADED = 3000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The native run of the same graph, world and seed: its ADC counts and its classes. */
function nativeRun(): { adc: string; classes: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'emflow-activity-mega-'));
  const [adc, trace] = [join(dir, 'adc.csv'), join(dir, 'trace.csv')];
  const seconds = (FROM_MS + (CLASSES + 5) * WINDOW_MS) / 1000;
  execFileSync(cliPath, [
    'run',
    `${repoRoot}examples/activity.fbp`,
    '--world',
    'activity',
    '--seed',
    String(SEED),
    '--duration',
    `${seconds}s`,
    '--adc',
    adc,
    '--trace',
    trace,
  ]);
  const classes = readFileSync(trace, 'utf8')
    .split('\n')
    .map((line) => line.split(','))
    .filter(([, kind, edge]) => kind === 'packet' && edge === 'classify.OUT -> log.IN')
    .filter(([time]) => Number(time) > FROM_MS)
    .map(([, , , value]) => Number(value));
  return { adc, classes };
}

describe('the activity graph on a Mega 2560 with its model in flash', () => {
  it(
    'writes the model through the bootloader, uploads the graph and classifies as the native run',
    { timeout: 420_000 },
    async () => {
      const native = nativeRun();
      expect(new Set(native.classes.slice(0, CLASSES)).size).toBeGreaterThan(1);
      const engine = await loadEngine();
      const board = await startBoard('mega2560', {
        seconds: 400,
        adc: { file: native.adc, fromMs: FROM_MS },
      });
      const line = board.line();
      await flashStk500v2(line, parseIntelHex(genericHex('mega2560'), 256 * 1024), {
        answerTimeoutMs: LOADED,
      });

      let client = new LinkClient(line, { timeoutMs: 3000, retries: 4 });
      const info = await client.hello();
      expect(info.boardName).toBe('Mega2560');
      const empty = await client.modelArea();
      expect(empty.stateName).toBe('empty'); // a full flash erases the area
      client.close();

      const fbp = readFileSync(`${repoRoot}examples/activity.fbp`, 'utf8');
      // The Mega's A0..A2 are its pins 54..56: board(ArduinoUno) A0 is remapped to them.
      const compiled = engine.compileForBoard(fbp, compileLimits(info));
      expect(compiled.errors).toEqual([]);
      const idOf = (name: string) => compiled.nodes.find((n) => n.name === name)!.id;
      const pins = [...initialInts(compiled.stream)].filter(([at]) =>
        at.startsWith(`${idOf('x')}.`),
      );
      expect(pins.map(([, pin]) => pin)).toContain(54);
      const classifyEdge = compiled.edges.find(
        (e) => e.src === idOf('classify') && e.tgt === idOf('log'),
      )!;
      const blobs = new Map([
        [1, new Uint8Array(readFileSync(`${repoRoot}examples/models/activity.bin`))],
      ]);

      // The model area's pages through the bootloader (timed from the DTR reset to the loader
      // leaving), then the graph.
      let writeStart = 0;
      let writeMs = 0;
      const result = await ensureModelsThenUpload(line, blobs, compiled.stream, {
        nodes: compiled.nodes,
        answerTimeoutMs: LOADED,
        progress: (stage) => {
          if (stage === 'sync' && !writeStart) writeStart = performance.now();
          if (stage === 'done') writeMs = performance.now() - writeStart;
        },
      });
      client = result.client;
      expect(result.wrote).toBe(true);
      const image = modelAreaImage(blobs);
      expect(result.areaBytes).toBe(image.bytes.length);
      expect(result.pagesWritten - result.pagesKept).toBe(Math.ceil(image.bytes.length / 256));
      console.log(
        `model area: ${image.bytes.length} B in ${result.pagesWritten} pages ` +
          `(${result.pagesKept} before the area rewritten as they were), written and verified ` +
          `through the bootloader at 115200 baud in ${(writeMs / 1000).toFixed(1)} s (wall time, ` +
          `board paced to it)`,
      );

      const classes: number[] = [];
      const problems: string[] = [];
      client.onEvent((event: LinkEvent) => {
        if (event.kind === 'network-error')
          problems.push(`network error: ${describeError(event.error)}`);
        // SerialOut writes its lines on the same UART: the host sees them as damaged frames
        // of its own (status 0); the board reporting a damaged frame of ours would be a fault.
        if (event.kind === 'damaged' && event.error.status !== 0)
          problems.push(`board: damaged ${event.error.statusName}`);
        if (event.kind !== 'packet' || event.src !== idOf('classify')) return;
        if (event.packet.type === 'int') classes.push(event.packet.value);
      });
      await client.liveEdit(watchStream(classifyEdge));
      for (let i = 0; i < 1200 && classes.length < CLASSES && problems.length < 10; i++)
        await pause(250);
      expect(problems).toEqual([]);
      expect(classes.length).toBeGreaterThanOrEqual(CLASSES);
      const equal = classes.slice(0, CLASSES).filter((c, i) => c === native.classes[i]).length;
      console.log(`activity on the Mega: ${equal} of ${CLASSES} classes equal the native run's`);
      expect(classes.slice(0, CLASSES)).toEqual(native.classes.slice(0, CLASSES));

      // The same models again: the board's CRC says it holds them, nothing is written.
      client.close();
      const again = await ensureModelsThenUpload(line, blobs, compiled.stream, {
        nodes: compiled.nodes,
        answerTimeoutMs: LOADED,
      });
      expect(again.wrote).toBe(false);
      // A graph naming model 2, which the area lacks: refused with the node and the model id,
      // and the stored graph keeps running.
      again.client.close();
      const two = engine.compileForBoard(
        fbp.replace("'1' -> MODEL", "'2' -> MODEL"),
        compileLimits(info),
      );
      await expect(
        ensureModelsThenUpload(line, new Map(), two.stream, { nodes: two.nodes }),
      ).rejects.toThrow("node 'classify' uses model 2, which the board's model area does not hold");
      client = new LinkClient(line, { timeoutMs: 3000 });
      expect((await client.hello()).Running).toBe(1);
      client.close();

      // A damaged area (one byte of the model changed, the area's CRC kept): the board registers
      // no model, reports it bad, and refuses the stored graph at boot — it does not run.
      const bad = modelAreaImage(blobs);
      bad.bytes[200] ^= 0x01;
      const events: LinkEvent[] = [];
      client = new LinkClient(line, { timeoutMs: 3000, retries: 4 });
      client.onEvent((event) => events.push(event));
      await writeFlashPagesStk500v2(line, modelAreaPages(empty.Address, bad.bytes), {
        answerTimeoutMs: LOADED,
      });
      const report = await client.modelArea();
      expect(report.stateName).toBe('bad');
      expect(report.statusName).toBe('checksum mismatch');
      expect(report.ids).toEqual([]);
      const refused = events.find((e) => e.kind === 'network-error');
      expect(refused).toMatchObject({
        error: { statusName: 'no such model', node: idOf('classify') },
      });
      expect((await client.hello()).Running).toBe(0);
      client.close();
    },
  );
});
