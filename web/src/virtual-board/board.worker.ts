// The virtual Uno's worker: the board runs here so the page stays responsive at any speed.
// A thin shell around BoardRunner (messages in, reports out); see boardWorkerProtocol.ts.
import { BoardRunner } from './boardRunner';
import type { BoardRequest } from './boardWorkerProtocol';

let runner: BoardRunner | null = null;
const post = (message: unknown) => (self as unknown as Worker).postMessage(message);
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function handle(request: BoardRequest): Promise<void> {
  switch (request.type) {
    case 'boot': {
      runner?.stop();
      const response = await fetch(request.hexUrl);
      if (!response.ok)
        throw new Error(`cannot load the firmware ${request.hexUrl}: HTTP ${response.status}`);
      runner = new BoardRunner(await response.text(), post, request.eeprom);
      await runner.boot();
      return;
    }
    case 'load':
      return requireRunner().load({ stream: request.stream, edits: request.edits });
    case 'run':
      void requireRunner().run(request.speed, pause, () => performance.now());
      return;
    case 'stop':
      runner?.stop();
      post({ kind: 'stopped', eeprom: runner?.eeprom });
      return;
    case 'reset':
      runner?.stop();
      await requireRunner().reset();
      return;
  }
}

function requireRunner(): BoardRunner {
  if (!runner) throw new Error('the virtual board has not booted');
  return runner;
}

self.onmessage = (event: MessageEvent<BoardRequest>) => {
  handle(event.data).catch((e: unknown) =>
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
};
