// The WebAssembly engine's compileForBoard on the page: a graph (.fbp text) as the command
// stream a board running the generic firmware applies, checked against the capacities that
// board reported, with the live edits that watch every edge. Loaded once, on first use.
import type { EngineModule } from '../../../wasm/emflow-engine';
import { engineModuleUrl } from '../engine/paths';
import type { BoardInfo } from '../link/linkClient';
import { LINK_BOARDS } from '../link/linkConstants.generated';

type Compiler = Pick<EngineModule, 'compileForBoard'>;
export type CompiledForBoard = ReturnType<Compiler['compileForBoard']>;

let loading: Promise<Compiler> | null = null;

function loadCompiler(): Promise<Compiler> {
  loading ??= (async () => {
    const imported = (await import(/* @vite-ignore */ engineModuleUrl())) as {
      default: () => Promise<Partial<Compiler>>;
    };
    const module = await imported.default();
    if (typeof module.compileForBoard !== 'function')
      throw new Error(
        'this engine build cannot compile for a board (rebuild with scripts/build-wasm.sh)',
      );
    return module as Compiler;
  })();
  loading.catch(() => (loading = null)); // a failed load can be retried
  return loading;
}

/** A0 as a digital pin number on the board that reported `info`: the Mega's A0..A15 are 54..69. */
export const firstAnalogPinOf = (info: BoardInfo) =>
  info.Board === LINK_BOARDS.Mega2560 ? 54 : 14;

/**
 * compileForBoard's limits for the board that reported `info`: its node/edge/initial
 * capacities, and where its A0 is (a Mega's is pin 54: a graph's board(ArduinoUno) A0..A5 must
 * read the Mega's A0..A5, not its D14..D19).
 */
export function compileLimits(info: BoardInfo): string {
  return JSON.stringify({
    maxNodes: info.MaxNodes,
    maxEdges: info.MaxEdges,
    maxInitials: info.MaxInitials,
    firstAnalogPin: firstAnalogPinOf(info),
  });
}

/** `fbpText` compiled for the board that reported `info` (compileLimits). */
export async function compileForBoard(fbpText: string, info: BoardInfo): Promise<CompiledForBoard> {
  return (await loadCompiler()).compileForBoard(fbpText, compileLimits(info));
}
