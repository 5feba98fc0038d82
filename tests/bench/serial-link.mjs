// Benchmark of the serial link as emflow-runtime --serial uses it, against the generic firmware
// on a simulated Uno (simavr behind a pty, tests/wasm/simulated-board.mjs): hello round trip,
// the fridge graph's upload (with its watch commands, as network:start sends it) and a live
// edit's round trip on the running fridge. Reports medians; asserts nothing. simavr paces the
// board to real time at most, slower on a loaded machine, so these are upper bounds of what a
// real Uno at 115200 baud would take for the board's part.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LinkClient } from '../../wasm/link-client.generated.mjs';
import { OP, joinStream, splitStream, withWatches } from '../../wasm/board-stream.mjs';
import { open, transport } from '../../wasm/serial-port.mjs';
import { engine, root } from '../wasm/helpers.mjs';
import { startBoard } from '../wasm/simulated-board.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(runs, call) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call(i);
    ms.push(performance.now() - t);
  }
  return `median ${median(ms).toFixed(1)} ms, min ${Math.min(...ms).toFixed(1)} ms (${runs} runs)`;
}

const module = await engine();
const compiled = module.compileForBoard(
  readFileSync(join(root, 'examples/fridge.fbp'), 'utf8'),
  '',
);
if (!compiled.ok) throw new Error(compiled.error);
const stream = withWatches(compiled.stream, compiled.edges);
const board = await startBoard();
const port = await open(board.path, 115200);
try {
  const client = new LinkClient(transport(port), { timeoutMs: 2000, retries: 3 });
  await client.hello(); // the board boots on the first bytes it hears
  console.log(`serial: hello round trip: ${await timed(20, () => client.hello())}`);
  console.log(
    `serial: fridge upload (${stream.length} B, ${Math.ceil(stream.length / 62)} chunks, stored in EEPROM): ` +
      (await timed(5, () => client.upload(stream))),
  );
  // A changed IIP on the running fridge (the Timer's INTERVAL): remove the initial packet and
  // add it again — the two commands of a graph:removeinitial + addinitial, in one frame. (The
  // board keeps initial packets for the next start, so only adding would fill its table.)
  const initial = splitStream(compiled.stream).find((c) => c[0] === OP.initial);
  const edit = joinStream([Uint8Array.of(OP.removeInitial, initial[1], initial[2]), initial]);
  console.log(
    `serial: live edit round trip (${edit.length} B): ${await timed(20, () => client.liveEdit(edit))}`,
  );
} finally {
  port.close();
  await board.stop();
}
