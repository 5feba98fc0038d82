// .fbp text → graph, with the `fbp` reference grammar. Syntax errors carry the parser's
// location; the grammar's semantic errors (a node without a component…) are located by name.
import fbp, { type FbpGraph, type FbpLocation, type FbpPortRef } from 'fbp';
import { type Diagnostic, locateWord } from './diagnostics';
import type { Graph, GraphNode, PortRef } from './graph';
import { layoutNewNodes } from './layout';
import { unclosedParen } from './fbpParens';

export type ParseResult = { ok: true; graph: Graph } | { ok: false; diagnostic: Diagnostic };

const ref = (p: FbpPortRef): PortRef =>
  p.index === undefined || p.index === null
    ? { node: p.process, port: p.port }
    : { node: p.process, port: p.port, index: p.index };

/** Converts the parser's NoFlo-style output into the editor's graph (positions from metadata). */
export function fromNoflo(parsed: FbpGraph): Graph {
  const nodes: GraphNode[] = Object.entries(parsed.processes).map(([id, p]) => {
    const x = Number(p.metadata?.x);
    const y = Number(p.metadata?.y);
    return {
      id,
      component: p.component,
      x: Number.isFinite(x) ? x : NaN,
      y: Number.isFinite(y) ? y : NaN,
    };
  });
  const edges: Graph['edges'] = [];
  const iips: Graph['iips'] = [];
  for (const c of parsed.connections) {
    if (c.src) edges.push({ src: ref(c.src), tgt: ref(c.tgt) });
    else iips.push({ data: c.data, tgt: ref(c.tgt) });
  }
  const exported = (ports: FbpGraph['inports']) =>
    Object.entries(ports).map(([name, p]) => ({ name, node: p.process, port: p.port }));
  return {
    properties: { ...(parsed.properties ?? {}) },
    nodes,
    edges,
    iips,
    inports: exported(parsed.inports),
    outports: exported(parsed.outports),
  };
}

function locateSemanticError(text: string, message: string): Diagnostic {
  const names = [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  // The node name is the last quoted word in fbp's messages ("... undefined target node "x"").
  const node = names.length > 0 ? names[names.length - 1] : undefined;
  const at = node ? locateWord(text, node) : { line: 1, column: 1 };
  return { message, ...at, severity: 'error', node };
}

/**
 * Parses `.fbp` text. Nodes that already exist in `previous` keep their positions; new nodes
 * are placed by the automatic layout.
 */
export function parseFbp(text: string, previous?: Graph): ParseResult {
  let parsed: FbpGraph;
  try {
    parsed = fbp.parse(text, { caseSensitive: false });
  } catch (e) {
    const err = e as { name?: string; message?: string; location?: FbpLocation };
    // The parser reads `led(DigitalWrite` as something else ("undefined target node"): name
    // the missing ")" instead.
    const paren = unclosedParen(text);
    if (paren) return { ok: false, diagnostic: paren };
    if (err.location) {
      return {
        ok: false,
        diagnostic: {
          message: err.message ?? 'syntax error',
          line: err.location.start.line,
          column: err.location.start.column,
          endLine: err.location.end.line,
          endColumn: err.location.end.column,
          severity: 'error',
        },
      };
    }
    return { ok: false, diagnostic: locateSemanticError(text, err.message ?? String(e)) };
  }
  const graph = fromNoflo(parsed);
  const before = new Map((previous?.nodes ?? []).map((n) => [n.id, n]));
  graph.nodes = graph.nodes.map((n) => {
    const old = before.get(n.id);
    if (old && Number.isNaN(n.x)) return { ...n, x: old.x, y: old.y };
    return n;
  });
  return { ok: true, graph: layoutNewNodes(graph) };
}
