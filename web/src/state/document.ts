// The edited document: the graph (single source of truth) and the .fbp text shown beside it.
// Graph edits regenerate the text; text edits re-parse into the graph, keeping the user's
// text (comments, order) as typed. Text that does not parse keeps the last good graph.
import type { Diagnostic } from '../graph-doc/diagnostics';
import { parseFbp } from '../graph-doc/fbpRead';
import { toFbp } from '../graph-doc/fbpWrite';
import type { Graph } from '../graph-doc/graph';

export interface GraphDocument {
  graph: Graph;
  text: string;
  /** Why `text` does not parse (then `graph` is the last graph that did), or null. */
  textError: Diagnostic | null;
}

export const documentFromGraph = (graph: Graph): GraphDocument => ({
  graph,
  text: toFbp(graph),
  textError: null,
});

/** Applies a graph edit; the text follows. */
export const withGraph = (doc: GraphDocument, graph: Graph): GraphDocument =>
  graph === doc.graph ? doc : documentFromGraph(graph);

/** Applies a text edit; the graph follows when the text parses. */
export function withText(doc: GraphDocument, text: string): GraphDocument {
  if (text === doc.text) return doc;
  const parsed = parseFbp(text, doc.graph);
  if (!parsed.ok) return { graph: doc.graph, text, textError: parsed.diagnostic };
  return { graph: parsed.graph, text, textError: null };
}

/** Opens text (a file, an example): a document even when the text is broken. */
export function documentFromText(text: string): GraphDocument {
  const parsed = parseFbp(text);
  if (!parsed.ok)
    return {
      graph: { properties: {}, nodes: [], edges: [], iips: [], inports: [], outports: [] },
      text,
      textError: parsed.diagnostic,
    };
  return { graph: parsed.graph, text, textError: null };
}
