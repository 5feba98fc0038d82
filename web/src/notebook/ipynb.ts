// .ipynb (Jupyter nbformat 4) import and export. emflow's structured outputs (plots, tables,
// evaluations, models) travel as display_data under their own MIME type with a text/plain
// summary, so Jupyter shows something sensible and a round trip through emflow is lossless.
import { makeCell, newCellId, type Cell, type Notebook } from './cells';
import type { CellOutput } from './outputs';

export const EMFLOW_MIME = 'application/vnd.emflow.output+json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A malformed .ipynb: `where` is the JSON path of the problem (e.g. `cells[2].source`). */
export class IpynbError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'IpynbError';
  }
}

function lines(text: string): string[] {
  // nbformat stores multi-line strings as lists of lines, each but the last ending in \n.
  const parts = text.split(/(?<=\n)/);
  return parts.length === 1 && parts[0] === '' ? [] : parts;
}

function summary(output: CellOutput): string {
  switch (output.type) {
    case 'plot':
      return `[plot${output.title ? `: ${output.title}` : ''} — ${output.x.length} points]`;
    case 'table':
      return [output.columns.join('\t'), ...output.rows.map((r) => r.join('\t'))].join('\n');
    case 'evaluation':
      return `[${output.title}: agreement ${(output.agreement * 100).toFixed(1)}% on ${output.rows} rows, ${output.blobBytes} bytes]`;
    case 'model':
      return `[model ${output.name}: ${output.size} bytes, trained with ${output.trainer}]`;
    case 'notice':
      return output.text;
    case 'sweep':
      return `[${output.title}: ${output.rows.length} rows, ${output.metric} against flash and cycles]`;
    default:
      return '';
  }
}

function exportOutput(output: CellOutput, count: number | null): JsonObject {
  switch (output.type) {
    case 'stream':
      return { output_type: 'stream', name: output.name, text: lines(output.text) };
    case 'result':
      return {
        output_type: 'execute_result',
        execution_count: count,
        data: { 'text/plain': lines(output.text) },
        metadata: {},
      };
    case 'error':
      return {
        output_type: 'error',
        ename: output.ename,
        evalue: output.evalue,
        traceback: output.traceback.split('\n'),
      };
    default:
      return {
        output_type: 'display_data',
        data: { [EMFLOW_MIME]: output as unknown as Json, 'text/plain': lines(summary(output)) },
        metadata: {},
      };
  }
}

/**
 * What nbconvert and Jupyter read to treat the cells as Python: without `file_extension` and
 * `nbconvert_exporter`, `jupyter nbconvert --to script` writes a `.txt` and drops the markdown.
 */
export const LANGUAGE_INFO = {
  name: 'python',
  file_extension: '.py',
  mimetype: 'text/x-python',
  nbconvert_exporter: 'python',
  pygments_lexer: 'ipython3',
  codemirror_mode: { name: 'ipython', version: 3 },
};

/** The notebook as nbformat 4.5 JSON text. */
export function toIpynb(nb: Notebook): string {
  const cells = nb.cells.map((cell): JsonObject => {
    const base = { id: cell.id, metadata: {}, source: lines(cell.source) };
    if (cell.kind === 'markdown') return { cell_type: 'markdown', ...base };
    return {
      cell_type: 'code',
      ...base,
      execution_count: cell.executionCount,
      outputs: cell.outputs.map((o) => exportOutput(o, cell.executionCount)),
    };
  });
  const doc: JsonObject = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3 (Pyodide)', language: 'python' },
      language_info: LANGUAGE_INFO,
      emflow: { name: nb.name },
    },
    cells,
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

function text(value: Json | undefined, where: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('');
  throw new IpynbError(where, 'expected a string or a list of strings');
}

function object(value: Json | undefined, where: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IpynbError(where, 'expected an object');
  }
  return value;
}

function importOutput(raw: Json, where: string): CellOutput {
  const o = object(raw, where);
  switch (o.output_type) {
    case 'stream': {
      const name = o.name === 'stderr' ? 'stderr' : 'stdout';
      return { type: 'stream', name, text: text(o.text, `${where}.text`) };
    }
    case 'error': {
      const tb = o.traceback;
      return {
        type: 'error',
        ename: String(o.ename ?? 'Error'),
        evalue: String(o.evalue ?? ''),
        // Jupyter's tracebacks carry ANSI colours; they are noise here.
        traceback: (Array.isArray(tb) ? tb.map(String).join('\n') : String(tb ?? '')).replace(
          // eslint-disable-next-line no-control-regex
          /\u001b\[[0-9;]*m/g,
          '',
        ),
      };
    }
    case 'execute_result':
    case 'display_data': {
      const data = object(o.data, `${where}.data`);
      if (data[EMFLOW_MIME] !== undefined) {
        return object(data[EMFLOW_MIME], `${where}.data`) as unknown as CellOutput;
      }
      if (data['text/plain'] !== undefined) {
        return { type: 'result', text: text(data['text/plain'], `${where}.data["text/plain"]`) };
      }
      const kinds = Object.keys(data).join(', ') || 'nothing';
      return { type: 'notice', level: 'info', text: `(an output of type ${kinds} is not shown)` };
    }
    default:
      throw new IpynbError(
        `${where}.output_type`,
        `unknown output type ${JSON.stringify(o.output_type)}`,
      );
  }
}

/** Reads .ipynb JSON text (nbformat 4); `fallbackName` names notebooks that carry no name. */
export function fromIpynb(json: string, fallbackName = 'Imported notebook'): Notebook {
  let doc: JsonObject;
  try {
    doc = object(JSON.parse(json) as Json, '(document)');
  } catch (e) {
    if (e instanceof IpynbError) throw e;
    throw new IpynbError('(document)', `not JSON: ${(e as Error).message}`);
  }
  if (doc.nbformat !== 4) {
    throw new IpynbError(
      'nbformat',
      `only nbformat 4 is supported (found ${JSON.stringify(doc.nbformat)})`,
    );
  }
  if (!Array.isArray(doc.cells)) throw new IpynbError('cells', 'expected a list of cells');
  const seen = new Set<string>();
  const cells = doc.cells.map((raw, i): Cell => {
    const where = `cells[${i}]`;
    const c = object(raw, where);
    const source = text(c.source ?? '', `${where}.source`);
    const id = typeof c.id === 'string' && c.id && !seen.has(c.id) ? c.id : newCellId();
    seen.add(id);
    if (c.cell_type === 'markdown' || c.cell_type === 'raw')
      return makeCell('markdown', source, id);
    if (c.cell_type !== 'code') {
      throw new IpynbError(
        `${where}.cell_type`,
        `unknown cell type ${JSON.stringify(c.cell_type)}`,
      );
    }
    const outputs = Array.isArray(c.outputs) ? c.outputs : [];
    const cell = makeCell('code', source, id);
    cell.outputs = outputs.map((o, k) => importOutput(o, `${where}.outputs[${k}]`));
    cell.executionCount = typeof c.execution_count === 'number' ? c.execution_count : null;
    return cell;
  });
  const meta = doc.metadata && typeof doc.metadata === 'object' ? (doc.metadata as JsonObject) : {};
  const emflow = meta.emflow && typeof meta.emflow === 'object' ? (meta.emflow as JsonObject) : {};
  const name = typeof emflow.name === 'string' && emflow.name ? emflow.name : fallbackName;
  return { name, cells: cells.length ? cells : [makeCell('code')] };
}
