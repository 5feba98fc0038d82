// The virtual Uno's speed for `npm run bench` (tests/bench/virtual_uno.sh bundles this for
// Node): simulated MHz per wall second with every cycle executed (SLEEP ignored, the firmware
// busy-waits), and simulated seconds per wall second with sleep skipped, for the generic
// firmware idle (no graph), running Blink and running the fridge graph (without its world: the
// DS18B20 answers no presence pulse, the timers and the controller run as on the board).
// Reports numbers; asserts nothing. EMFLOW_BENCH_BOARD=mega2560 runs the virtual Mega 2560
// (with the Mega's generic firmware) instead of the Uno.
// Usage: node virtual_uno_bench.mjs GENERIC.hex BLINK.bin FRIDGE.bin
import { readFileSync } from 'node:fs';
import { BoardRunner, type BoardReport } from '../../web/src/virtual-board/boardRunner';
import { VIRTUAL_BOARDS, type VirtualBoardId } from '../../web/src/virtual-board/virtualBoards';
import { boardWith, measure } from './virtual_uno_measure';

const [hexPath, ...streams] = process.argv.slice(2);
const hex = readFileSync(hexPath, 'utf8');
const spec = VIRTUAL_BOARDS[(process.env.EMFLOW_BENCH_BOARD ?? 'uno') as VirtualBoardId];
if (!spec)
  throw new Error(`EMFLOW_BENCH_BOARD: no virtual board '${process.env.EMFLOW_BENCH_BOARD}'`);
const label = `virtual ${spec.name}`;

const streamOf = (path: string | undefined) =>
  path ? new Uint8Array(readFileSync(path)) : undefined;
const boardFrom = (path: string | undefined, ignoreSleep: boolean) =>
  boardWith(hex, streamOf(path), ignoreSleep, spec);
const cpuNowMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

const cases: Array<[string, string | undefined]> = [
  ['idle (no graph)', undefined],
  ['Blink', streams[0]],
  ['fridge graph (no world)', streams[1]],
];
const busy = measure(await boardFrom(streams[0], true), 2000, cpuNowMs);
console.log(
  `${label}: every cycle executed (SLEEP ignored), Blink: ${busy.mhz.toFixed(1)} simulated MHz ` +
    `per wall second, ${busy.cpuMhz.toFixed(1)} per CPU second ` +
    `(x${busy.cpuSpeed.toFixed(2)} real time at ${spec.clockHz / 1e6} MHz)`,
);
for (const [name, stream] of cases) {
  const r = measure(await boardFrom(stream, false), 60_000, cpuNowMs);
  console.log(
    `${label}: sleep skipped, ${name}: ${r.speed.toFixed(0)} simulated s per wall s, ` +
      `${r.cpuSpeed.toFixed(0)} per CPU s (${(r.asleep * 100).toFixed(2)} % of cycles asleep)`,
  );
}

// The app's way: BoardRunner unpaced, yielding to the event loop between turns (as the worker
// does), for 3 wall seconds; its last 'time' report gives board time per wall time.
for (const [name, stream] of cases.slice(1)) {
  const reports: BoardReport[] = [];
  const runner = new BoardRunner(hex, (r) => reports.push(r), undefined, spec);
  await runner.boot();
  await runner.load({ stream: new Uint8Array(readFileSync(stream!)), edits: [] });
  const started = performance.now();
  await runner.run(
    Infinity,
    (ms) =>
      new Promise<void>((resolve) => {
        if (performance.now() - started > 3000) runner.stop();
        setTimeout(resolve, ms);
      }),
    () => performance.now(),
  );
  const last = reports.filter((r) => r.kind === 'time').at(-1);
  if (last?.kind === 'time')
    console.log(
      `${label}: BoardRunner unpaced, ${name}: ${(last.timeMs / last.wallMs).toFixed(0)} ` +
        `simulated s per wall s (${(last.timeMs / 1000).toFixed(0)} s of board time in ` +
        `${(last.wallMs / 1000).toFixed(1)} s)`,
    );
}
