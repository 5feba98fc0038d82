// Reading an imported graph file: `.fbp` text or a NoFlo `.json` graph. Errors are located
// (line:column for text, the JSON path for graphs) and never touch the open project. A .fbp
// text that does not parse still becomes a project, its error marked in the text view.
import { formatDiagnostic } from '../graph-doc/diagnostics';
import { parseFbp } from '../graph-doc/fbpRead';
import { emptyGraph, graphName, type Graph } from '../graph-doc/graph';
import { fromNofloJson } from '../graph-doc/nofloJson';
import { documentFromGraph, type GraphDocument } from '../state/document';

export type ImportResult =
  | {
      ok: true;
      name: string;
      document: GraphDocument;
      /** A .fbp text that does not parse is imported anyway, to be fixed in the text view. */
      textError?: string;
    }
  | { ok: false; error: string };

export function importGraphFile(fileName: string, content: string): ImportResult {
  const base = fileName.replace(/\.[^.]+$/, '');
  if (/\.json$/i.test(fileName)) {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch (e) {
      return {
        ok: false,
        error: `${fileName}: not valid JSON (${e instanceof Error ? e.message : String(e)})`,
      };
    }
    const r = fromNofloJson(json);
    if (!r.ok) return { ok: false, error: `${fileName}: ${r.error}` };
    return { ok: true, name: nameOf(r.graph, base), document: documentFromGraph(r.graph) };
  }
  const r = parseFbp(content);
  if (!r.ok)
    // Opened, not refused: the text keeps its error marked (an empty graph until it parses).
    return {
      ok: true,
      name: base,
      document: { graph: emptyGraph(base), text: content, textError: r.diagnostic },
      textError: `${fileName}:${formatDiagnostic(r.diagnostic)}`,
    };
  return {
    ok: true,
    name: nameOf(r.graph, base),
    document: { graph: r.graph, text: content, textError: null },
  };
}

const nameOf = (g: Graph, fallback: string): string =>
  g.properties.name ? graphName(g) : fallback;
