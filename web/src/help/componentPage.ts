// A help page per component, generated from the engine's description of it (the catalog in
// core/components: ports, types, defaults) as Markdown, with a small .fbp example that sets
// every in-port without a default from an initial value and wires the first out-port.
import type { ComponentInfo, PortInfo } from '../graph-doc/components';
import { tagsOf } from '../graph-doc/componentTags';

const portRow = (p: PortInfo): string => {
  const dflt = p.default === undefined || p.default === '' ? '' : ` (default ${String(p.default)})`;
  // Required: the validator refuses a run until an edge or an initial value feeds it.
  const required = p.required ? ' **required**' : '';
  return `- \`${p.id.toUpperCase()}\` *${p.type}*${dflt}${required}${p.description ? ` — ${p.description}` : ''}`;
};

/** A value an example may send to a port of this type. */
function sampleValue(p: PortInfo): string {
  if (p.id === 'pin') return '13';
  if (p.id === 'interval') return '1000';
  if (p.id === 'address') return '["0x28", "0xAF", "0x1C", "0xB2", "0x04", "0x00", "0x00", "0x33"]';
  return p.type.toLowerCase() === 'boolean' ? 'true' : '1';
}

/** The example graph: initial values into its settings, its output into a Drop. */
export function exampleFbp(c: ComponentInfo): string {
  const node = c.name.charAt(0).toLowerCase() + c.name.slice(1);
  const lines: string[] = [];
  for (const p of c.inPorts) {
    if (p.type === 'bang') continue;
    if (p.default !== undefined && p.default !== '') continue;
    lines.push(`'${sampleValue(p)}' -> ${p.id.toUpperCase()} ${node}(${c.name})`);
  }
  const out = c.outPorts[0];
  if (out) lines.push(`${node}(${c.name}) ${out.id.toUpperCase()} -> IN sink(Drop)`);
  if (lines.length === 0) lines.push(`${node}(${c.name})`);
  return lines.join('\n');
}

export function componentMarkdown(c: ComponentInfo): string {
  const tags = tagsOf(c.name);
  return [
    `# ${c.name}`,
    c.description,
    tags.length ? `Used for: ${tags.join(', ')}.` : '',
    '## In-ports',
    c.inPorts.length ? c.inPorts.map(portRow).join('\n') : 'none',
    '## Out-ports',
    c.outPorts.length ? c.outPorts.map(portRow).join('\n') : 'none',
    '## Example',
    'An *initial value* (the FBP word is IIP, initial information packet) is a constant sent ' +
      'once to an in-port when the network starts; set it in the inspector or as a quoted ' +
      'value in the text view:',
    '```',
    exampleFbp(c),
    '```',
  ]
    .filter((s) => s !== '')
    .join('\n\n');
}
