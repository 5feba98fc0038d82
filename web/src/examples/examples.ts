// The example graphs shipped in the repository's examples/ folder, bundled as text.
const files = import.meta.glob('../../../examples/*.fbp', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface Example {
  id: string;
  title: string;
  description: string;
  text: string;
}

/** The first comment lines after the annotations describe the example. */
function describe(text: string): string {
  const lines = text.split('\n');
  const comments = [];
  for (const line of lines) {
    if (/^#\s*@/.test(line)) continue;
    if (!line.startsWith('#')) break;
    comments.push(line.replace(/^#\s?/, ''));
  }
  return comments.join(' ').split(/(?<=\.)\s/)[0] ?? '';
}

const ORDER = ['fridge', 'blink'];

export const EXAMPLES: Example[] = Object.entries(files)
  .map(([path, text]) => {
    const id = path.replace(/^.*\//, '').replace(/\.fbp$/, '');
    const name = /^#\s*@name\s+(.+)$/m.exec(text)?.[1]?.trim() ?? id;
    return { id, title: name, description: describe(text), text };
  })
  .sort((a, b) => {
    const ia = ORDER.indexOf(a.id);
    const ib = ORDER.indexOf(b.id);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.id.localeCompare(b.id);
  });

export const exampleById = (id: string): Example | undefined => EXAMPLES.find((e) => e.id === id);
