// The WebAssembly engine's compileForBoard on the page: a graph (.fbp text) as the command
// stream a board running the generic firmware applies, checked against the capacities that
// board reported, with the live edits that watch every edge; and the engine calls the live
// edits of a running graph need (parseFbp, graphToFbp: web/src/link/liveEdits.ts). Loaded once,
// on first use.
import type { EngineModule } from '../../../wasm/emflow-engine';
import { engineLoader } from '../engine/engineLoader';
import type { BoardInfo } from '../link/linkClient';
import { LINK_BOARDS } from '../link/linkConstants.generated';
import type { NofloGraph } from '../link/liveEdits';

type Compiler = Pick<EngineModule, 'compileForBoard' | 'graphToFbp' | 'parseFbp' | 'EngineRuntime'>;
export type CompiledForBoard = ReturnType<Compiler['compileForBoard']>;

/** The engine's calls for boards (loaded on first use). */
export const loadCompiler: () => Promise<Compiler> = engineLoader(
  ['compileForBoard', 'graphToFbp', 'parseFbp', 'EngineRuntime'],
  'cannot compile for a board',
);

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

/** `fbpText` as a NoFlo JSON graph, or the first problem that keeps it from being one. */
export async function parseGraph(
  fbpText: string,
): Promise<{ ok: true; graph: NofloGraph } | { ok: false; error: string }> {
  const parsed = JSON.parse((await loadCompiler()).parseFbp(fbpText)) as {
    ok: boolean;
    graph?: NofloGraph;
    problems?: { message: string; line?: number; column?: number; severity?: string }[];
  };
  if (parsed.ok && parsed.graph) return { ok: true, graph: parsed.graph };
  const first = parsed.problems?.find((p) => p.severity !== 'warning') ?? parsed.problems?.[0];
  const where = first?.line ? `${first.line}:${first.column ?? 0}: ` : '';
  return { ok: false, error: first ? `${where}${first.message}` : 'the graph does not parse' };
}
