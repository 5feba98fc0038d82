import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCell, type Notebook } from './cells';
import { EMFLOW_MIME, fromIpynb, IpynbError, toIpynb } from './ipynb';

const sample = (): Notebook => {
  const code = makeCell(
    'code',
    'import emflow_nb as nb\nprint("hi")\nnb.plot([0, 1], [2, 3])',
    'k1',
  );
  code.executionCount = 4;
  code.outputs = [
    { type: 'stream', name: 'stdout', text: 'hi\nthere\n' },
    { type: 'result', text: "'x'" },
    { type: 'plot', title: 't', xlabel: 'x', x: [0, 1], series: [[2, 3]], labels: ['y'] },
    {
      type: 'error',
      ename: 'ValueError',
      evalue: 'bad',
      traceback: 'Traceback\n  line\nValueError: bad',
    },
    { type: 'model', name: 'm', trainer: 'scikit-learn', blob: 'AAEC', size: 3 },
  ];
  return { name: 'Sample', cells: [makeCell('markdown', '# Title\n\ntext', 'm1'), code] };
};

describe('.ipynb', () => {
  it('round-trips cells, sources, outputs and the name', () => {
    const nb = sample();
    expect(fromIpynb(toIpynb(nb))).toEqual(nb);
  });

  it('writes valid nbformat 4.5 with multi-line strings as lists of lines', () => {
    const doc = JSON.parse(toIpynb(sample()));
    expect(doc).toMatchObject({ nbformat: 4, nbformat_minor: 5 });
    expect(doc.cells[0]).toMatchObject({
      cell_type: 'markdown',
      id: 'm1',
      source: ['# Title\n', '\n', 'text'],
    });
    const code = doc.cells[1];
    expect(code.execution_count).toBe(4);
    expect(code.outputs[0]).toEqual({
      output_type: 'stream',
      name: 'stdout',
      text: ['hi\n', 'there\n'],
    });
    expect(code.outputs[1]).toMatchObject({ output_type: 'execute_result', execution_count: 4 });
    expect(code.outputs[2].data[EMFLOW_MIME].type).toBe('plot');
    expect(code.outputs[2].data['text/plain']).toEqual(['[plot: t — 2 points]']);
    expect(code.outputs[3].traceback).toEqual(['Traceback', '  line', 'ValueError: bad']);
  });

  it('reads notebooks written by Jupyter (string sources, ANSI tracebacks, images)', () => {
    const nb = fromIpynb(
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 4,
        metadata: {},
        cells: [
          { cell_type: 'raw', metadata: {}, source: 'raw text' },
          {
            cell_type: 'code',
            metadata: {},
            execution_count: null,
            source: 'x',
            outputs: [
              {
                output_type: 'error',
                ename: 'E',
                evalue: 'v',
                traceback: ['\u001b[0;31mE\u001b[0m: v'],
              },
              { output_type: 'display_data', data: { 'image/png': 'iVBOR' }, metadata: {} },
            ],
          },
        ],
      }),
      'from-jupyter',
    );
    expect(nb.name).toBe('from-jupyter');
    expect(nb.cells[0]).toMatchObject({ kind: 'markdown', source: 'raw text' });
    expect(nb.cells[1].outputs[0]).toMatchObject({ type: 'error', traceback: 'E: v' });
    expect(nb.cells[1].outputs[1]).toMatchObject({
      type: 'notice',
      text: expect.stringMatching(/image\/png/),
    });
    expect(new Set(nb.cells.map((c) => c.id)).size).toBe(2);
  });

  it('says where a malformed notebook is wrong', () => {
    expect(() => fromIpynb('{')).toThrow(/\(document\): not JSON/);
    expect(() => fromIpynb('{"nbformat": 3, "cells": []}')).toThrow(/nbformat: only nbformat 4/);
    const bad = {
      nbformat: 4,
      cells: [
        { cell_type: 'code', source: 'a' },
        { cell_type: 'code', source: 7 },
      ],
    };
    expect(() => fromIpynb(JSON.stringify(bad))).toThrow(IpynbError);
    expect(() => fromIpynb(JSON.stringify(bad))).toThrow(
      'cells[1].source: expected a string or a list of strings',
    );
    const badOutput = {
      nbformat: 4,
      cells: [{ cell_type: 'code', source: '', outputs: [{ output_type: 'x' }] }],
    };
    expect(() => fromIpynb(JSON.stringify(badOutput))).toThrow('cells[0].outputs[0].output_type');
  });

  it('reads every starter notebook in examples/notebooks', () => {
    const dir = join(__dirname, '../../../examples/notebooks');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ipynb'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const nb = fromIpynb(readFileSync(join(dir, file), 'utf8'));
      expect(
        nb.cells.some((c) => c.kind === 'code'),
        file,
      ).toBe(true);
      expect(fromIpynb(toIpynb(nb))).toEqual(nb);
    }
  });
});
