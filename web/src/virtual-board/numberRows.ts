// Rows of numbers from CSV text, for measuring a model on them (`emflow measure --rows`, the
// firmware dialog's project datasets): an optional header line (no field a number), then
// one row per line; a field that is not a number is an error with its line and column.
export interface NumberRows {
  /** The header's names, when the first line is one. */
  columns?: string[];
  rows: number[][];
}

const isNumber = (field: string) => field.trim() !== '' && Number.isFinite(Number(field));

export function parseNumberRows(text: string, source = 'rows'): NumberRows {
  const lines = text.split(/\r?\n/);
  const result: NumberRows = { rows: [] };
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const fields = line.split(',');
    if (index === 0 && !fields.some(isNumber)) {
      result.columns = fields.map((f) => f.trim());
      return;
    }
    const bad = fields.findIndex((f) => !isNumber(f));
    if (bad >= 0)
      throw new Error(
        `${source}:${index + 1}: column ${bad + 1} is not a number: '${fields[bad]}'`,
      );
    const width = result.rows[0]?.length ?? result.columns?.length ?? fields.length;
    if (fields.length !== width)
      throw new Error(
        `${source}:${index + 1}: ${fields.length} columns, the rows before have ${width}`,
      );
    result.rows.push(fields.map(Number));
  });
  return result;
}
