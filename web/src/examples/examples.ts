// The example graphs shipped in the repository's examples/ folder, bundled as text.
import { parseNumberRows } from '../virtual-board/numberRows';

const files = import.meta.glob('../../../examples/*.fbp', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

// Model blobs the examples name (`# @model <id> models/x.bin`), served as files of the build.
const modelUrls = import.meta.glob('../../../examples/models/*.bin', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

// Feature rows kept beside a model (`models/x.rows.csv`, made with it): what the firmware
// dialog measures the model's cycles on.
const modelRows = import.meta.glob('../../../examples/models/*.rows.csv', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** A model an example graph uses: its model-store id and where the blob is served. */
export interface ExampleModel {
  id: number;
  /** The path as the annotation gives it, relative to examples/ (`models/activity.bin`). */
  path: string;
  /** URL of the blob in the build, or null when the file is not in the repository. */
  url: string | null;
}

export interface Example {
  id: string;
  title: string;
  description: string;
  text: string;
  models: ExampleModel[];
}

/** The `# @model <id> <path>` annotations of a graph text. */
export function modelAnnotations(text: string): { id: number; path: string }[] {
  return [...text.matchAll(/^#\s*@model\s+(\d+)\s+(\S+)\s*$/gm)].map((m) => ({
    id: Number(m[1]),
    path: m[2],
  }));
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

const ORDER = ['fridge', 'blink', 'activity'];

export const EXAMPLES: Example[] = Object.entries(files)
  .map(([path, text]) => {
    const id = path.replace(/^.*\//, '').replace(/\.fbp$/, '');
    const name = /^#\s*@name\s+(.+)$/m.exec(text)?.[1]?.trim() ?? id;
    const models = modelAnnotations(text).map((m) => ({
      ...m,
      url: modelUrls[`../../../examples/${m.path.replace(/^\.\//, '')}`] ?? null,
    }));
    return { id, title: name, description: describe(text), text, models };
  })
  .sort((a, b) => {
    const ia = ORDER.indexOf(a.id);
    const ib = ORDER.indexOf(b.id);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.id.localeCompare(b.id);
  });

export const exampleById = (id: string): Example | undefined => EXAMPLES.find((e) => e.id === id);

/** Fetches the model blobs of an example (they go into the new project's model store), with
 * the rows kept beside each. */
export async function fetchExampleModels(
  example: Example,
): Promise<{ id: number; name: string; blob: Uint8Array; rows?: number[][]; rowsSource?: string }[]> {
  return Promise.all(
    example.models.map(async (m) => {
      const name = m.path.replace(/^.*\//, '').replace(/\.bin$/, '');
      if (!m.url) throw new Error(`${example.id}.fbp: model ${m.id} (${m.path}) is not in the build`);
      const response = await fetch(m.url);
      if (!response.ok) throw new Error(`${m.path}: HTTP ${response.status}`);
      const blob = new Uint8Array(await response.arrayBuffer());
      const rowsPath = `examples/${m.path.replace(/^\.\//, '').replace(/\.bin$/, '.rows.csv')}`;
      const csv = modelRows[`../../../${rowsPath}`];
      if (csv === undefined) return { id: m.id, name, blob };
      const rows = parseNumberRows(csv, rowsPath).rows;
      return { id: m.id, name, blob, rows, rowsSource: `${rows.length} held-out rows kept with the example (${rowsPath})` };
    }),
  );
}
