// The virtual board's worker (an Uno or a Mega 2560): the board runs here so the page stays responsive at any speed.
// A thin shell around BoardRunner (messages in, reports out; boardWorkerProtocol.ts). Graphs
// arrive as .fbp text and are compiled here by the WebAssembly engine's compileForBoard, with
// the capacities the booted board reported — no compiler, no server. A world behind the pins
// is the engine's BoardWorld (boardWorld.ts), created here from the same module.
import { engineLoader } from '../engine/engineLoader';
import type { BoardInfo } from '../link/linkClient';
import { compileLimits } from '../real-board/boardCompiler';
import { BoardRunner } from './boardRunner';
import { VIRTUAL_BOARDS } from './virtualBoards';
import type { BoardWorldOptions } from './boardWorld';
import type { BoardRequest } from './boardWorkerProtocol';

let runner: BoardRunner | null = null;
let info: BoardInfo | null = null;
// The world asked for, kept for the next boot (a new runner) and across resets.
let world: BoardWorldOptions | null = null;
const post = (message: unknown) => (self as unknown as Worker).postMessage(message);
// A turn of the event loop between slices of board time. With nothing to wait for, a message
// to itself: nested setTimeout(0) is clamped to 4 ms, as long as a whole unpaced turn of a
// sleeping board. Incoming messages (stop, live inputs) still get their turn in between.
const yieldChannel = new MessageChannel();
const yielded: Array<() => void> = [];
yieldChannel.port1.onmessage = () => yielded.shift()?.();
const pause = (ms: number) =>
  new Promise<void>((resolve) => {
    if (ms > 0) setTimeout(resolve, ms);
    else {
      yielded.push(resolve);
      yieldChannel.port2.postMessage(null);
    }
  });

const loadCompiler = engineLoader(
  ['compileForBoard', 'BoardWorld'],
  'cannot compile for a board or run its world',
);

async function handle(request: BoardRequest): Promise<void> {
  switch (request.type) {
    case 'boot': {
      runner?.stop();
      const response = await fetch(request.hexUrl);
      if (!response.ok)
        throw new Error(`cannot load the firmware ${request.hexUrl}: HTTP ${response.status}`);
      const spec = VIRTUAL_BOARDS[request.board ?? 'uno'];
      if (!spec) throw new Error(`no virtual board '${String(request.board)}'`);
      runner = new BoardRunner(await response.text(), post, request.eeprom, spec);
      if (world) await setWorld(runner, world);
      info = await runner.boot();
      return;
    }
    case 'load':
      // A refusal is reported by the runner itself (with the board's reason).
      return requireRunner()
        .load({ stream: request.stream, edits: request.edits })
        .catch(() => {});
    case 'loadGraph': {
      const board = requireRunner();
      // The models first: writing them restarts the board (same firmware, same capacities).
      if (request.models && request.models.size > 0) {
        const ok = await board.ensureModels(request.models).then(
          () => true,
          () => false, // reported by the runner with its reason
        );
        if (!ok) return;
      }
      const compiled = (await loadCompiler()).compileForBoard(
        request.fbpText,
        info ? compileLimits(info) : '',
      );
      if (!compiled.ok) {
        post({
          kind: 'error',
          message: `The graph does not fit this board: ${compiled.errors.join('; ')}`,
        });
        return;
      }
      post({ kind: 'graph', nodes: compiled.nodes.map((n) => n.name) });
      return board.load({ stream: compiled.stream, edits: compiled.watch }).catch(() => {});
    }
    case 'run':
      void requireRunner().run(request.speed, pause, () => performance.now());
      return;
    case 'stop':
      runner?.stop();
      post({ kind: 'stopped', eeprom: runner?.eeprom });
      return;
    case 'reset':
      runner?.stop();
      info = await requireRunner().reset();
      return;
    case 'world':
      world = request.world;
      if (runner) await setWorld(runner, world);
      return;
    case 'worldInput':
      requireRunner().setWorldInput(request.name, request.value);
      return;
  }
}

async function setWorld(board: BoardRunner, options: BoardWorldOptions | null): Promise<void> {
  if (!options) return board.setWorld(null);
  const engine = await loadCompiler();
  board.setWorld(options, () => new engine.BoardWorld());
}

function requireRunner(): BoardRunner {
  if (!runner) throw new Error('the virtual board has not booted');
  return runner;
}

// Requests are handled one after the other (an upload finishes before the run it precedes);
// `run` returns at once and runs on until a `stop`.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<BoardRequest>) => {
  queue = queue
    .then(() => handle(event.data))
    .catch((e: unknown) =>
      post({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
};
