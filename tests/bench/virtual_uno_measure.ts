// What the virtual board benches share, in Node (virtual_uno_bench.ts) and in Chromium
// (virtual_uno_browser.ts): a booted board with a graph uploaded over the serial link, and its
// speed over a stretch of board time run in 20 ms slices, as BoardRunner runs it.
import { LinkClient } from '../../web/src/link/linkClient';
import { VirtualBoard } from '../../web/src/virtual-board/virtualBoard';
import { VIRTUAL_BOARDS, type VirtualBoardSpec } from '../../web/src/virtual-board/virtualBoards';

/** A booted board (the Uno unless `spec` says) with `stream`'s graph uploaded (none: idle). */
export async function boardWith(
  hex: string,
  stream: Uint8Array | undefined,
  ignoreSleep: boolean,
  spec: VirtualBoardSpec = VIRTUAL_BOARDS.uno,
) {
  const board = new VirtualBoard(hex, { spec });
  board.ignoreSleep = ignoreSleep;
  const client = new LinkClient(board.serial, {
    wait: async (ms) => board.run(ms),
    timeoutMs: 500,
  });
  board.run(20);
  await client.hello();
  if (stream) await client.upload(stream);
  client.close();
  return board;
}

export interface Speed {
  /** Board ms per wall ms, and simulated MHz per wall second. */
  speed: number;
  mhz: number;
  /** The same per ms of this process's CPU time, when `cpuNowMs` is given (else NaN). */
  cpuSpeed: number;
  cpuMhz: number;
  /** The share of cycles the CPU slept (skipped, not executed). */
  asleep: number;
}

/**
 * Runs `ms` of board time in 20 ms slices: board time and cycles per wall ms, and per ms of
 * CPU time when `cpuNowMs` reads it (the machine may be shared: the CPU figure is the engine's).
 */
export function measure(board: VirtualBoard, ms: number, cpuNowMs?: () => number): Speed {
  const cycles0 = board.cpu.cycles;
  const slept0 = board.sleptCycles;
  const start = performance.now();
  const cpu0 = cpuNowMs?.() ?? NaN;
  for (let t = 0; t < ms; t += 20) board.run(20);
  const cpuMs = (cpuNowMs?.() ?? NaN) - cpu0;
  const wallMs = performance.now() - start;
  const cycles = board.cpu.cycles - cycles0;
  return {
    speed: ms / wallMs,
    cpuSpeed: ms / cpuMs,
    mhz: cycles / 1e3 / wallMs,
    cpuMhz: cycles / 1e3 / cpuMs,
    asleep: (board.sleptCycles - slept0) / cycles,
  };
}
