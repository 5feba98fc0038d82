// Graph → .fbp text. The output parses back (with the `fbp` grammar) to the same graph.
import type { Graph, PortRef } from './graph';

const port = (p: PortRef): string =>
  `${p.port.toUpperCase()}${p.index === undefined ? '' : `[${p.index}]`}`;

/** Writes an IIP: strings quoted (`'` escaped), other JSON values as JSON. */
export function iipLiteral(data: unknown): string {
  if (typeof data === 'string') return `'${data.replace(/'/g, "\\'")}'`;
  return JSON.stringify(data);
}

/** Annotation values the grammar accepts: letters, digits, `-_ .`. */
const annotationValue = (v: string): string => v.replace(/[^a-zA-Z0-9\-_ .]/g, '_').trim();

export function toFbp(g: Graph): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(g.properties)) {
    const env = value as { type?: unknown } | null;
    // `# @runtime x` parses into `environment: {type: x}`; other values are plain strings.
    if (key === 'environment' && typeof env?.type === 'string') {
      const v = annotationValue(env.type);
      if (v) lines.push(`# @runtime ${v}`);
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const v = annotationValue(String(value));
    if (/^[a-zA-Z0-9\-_]+$/.test(key) && v) lines.push(`# @${key} ${v}`);
  }
  const component = new Map(g.nodes.map((n) => [n.id, n.component]));
  const declared = new Set<string>();
  // A node is declared with its component the first time it is written, referred to after.
  const ref = (id: string): string => {
    if (declared.has(id)) return `${id}()`;
    declared.add(id);
    return `${id}(${component.get(id) ?? ''})`;
  };

  const edgeLines: string[] = [];
  for (const e of g.edges) {
    edgeLines.push(`${ref(e.src.node)} ${port(e.src)} -> ${port(e.tgt)} ${ref(e.tgt.node)}`);
  }
  const iipLines = g.iips.map((i) => `${iipLiteral(i.data)} -> ${port(i.tgt)} ${ref(i.tgt.node)}`);
  const lonely = g.nodes.filter((n) => !declared.has(n.id)).map((n) => ref(n.id));
  const exported = [
    ...g.inports.map((p) => `INPORT=${p.node}.${p.port.toUpperCase()}:${p.name.toUpperCase()}`),
    ...g.outports.map((p) => `OUTPORT=${p.node}.${p.port.toUpperCase()}:${p.name.toUpperCase()}`),
  ];
  for (const block of [edgeLines, iipLines, lonely, exported]) {
    if (block.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(...block);
  }
  return lines.join('\n') + '\n';
}
