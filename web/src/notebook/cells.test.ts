import { describe, expect, it } from 'vitest';
import {
  clearOutputs,
  emptyNotebook,
  hasWork,
  insertCell,
  makeCell,
  moveCell,
  removeCell,
  updateCell,
  type Notebook,
} from './cells';
import { appendOutput, base64ToBytes, bytesToBase64, estimateUno } from './outputs';

const three = (): Notebook => ({
  name: 'n',
  cells: [makeCell('code', 'a', 'a'), makeCell('markdown', '# b', 'b'), makeCell('code', 'c', 'c')],
});
const ids = (nb: Notebook) => nb.cells.map((c) => c.id);

describe('cell model', () => {
  it('inserts after a cell or at the end', () => {
    expect(ids(insertCell(three(), makeCell('code', '', 'x'), 'a'))).toEqual(['a', 'x', 'b', 'c']);
    expect(ids(insertCell(three(), makeCell('code', '', 'x'), null))).toEqual(['a', 'b', 'c', 'x']);
  });

  it('reorders cells and ignores moves past the ends', () => {
    expect(ids(moveCell(three(), 'c', -1))).toEqual(['a', 'c', 'b']);
    expect(ids(moveCell(three(), 'a', 1))).toEqual(['b', 'a', 'c']);
    const nb = three();
    expect(moveCell(nb, 'a', -1)).toBe(nb);
    expect(moveCell(nb, 'c', 1)).toBe(nb);
  });

  it('removes cells but always keeps one', () => {
    expect(ids(removeCell(three(), 'b'))).toEqual(['a', 'c']);
    const single = emptyNotebook();
    const after = removeCell(single, single.cells[0].id);
    expect(after.cells).toHaveLength(1);
    expect(after.cells[0].id).not.toBe(single.cells[0].id);
    expect(after.cells[0]).toMatchObject({ kind: 'code', source: '' });
  });

  it('says which cell id is unknown', () => {
    expect(() => removeCell(three(), 'zz')).toThrow('no cell with id zz');
    expect(() => moveCell(three(), 'zz', 1)).toThrow('no cell with id zz');
  });

  it('drops outputs when a cell becomes Markdown', () => {
    let nb = updateCell(three(), 'a', {
      outputs: [{ type: 'stream', name: 'stdout', text: 'hi\n' }],
      executionCount: 3,
    });
    expect(nb.cells[0].outputs).toHaveLength(1);
    nb = updateCell(nb, 'a', { kind: 'markdown' });
    expect(nb.cells[0]).toMatchObject({ kind: 'markdown', outputs: [], executionCount: null });
  });

  it('clears every output', () => {
    const nb = updateCell(three(), 'c', {
      outputs: [{ type: 'result', text: '1' }],
      executionCount: 1,
    });
    expect(
      clearOutputs(nb).cells.every((c) => c.outputs.length === 0 && c.executionCount === null),
    ).toBe(true);
  });

  it('merges consecutive text of the same stream', () => {
    let outs = appendOutput([], { type: 'stream', name: 'stdout', text: 'a\n' });
    outs = appendOutput(outs, { type: 'stream', name: 'stdout', text: 'b\n' });
    outs = appendOutput(outs, { type: 'stream', name: 'stderr', text: 'c\n' });
    expect(outs).toEqual([
      { type: 'stream', name: 'stdout', text: 'a\nb\n' },
      { type: 'stream', name: 'stderr', text: 'c\n' },
    ]);
  });

  it('round-trips model bytes through base64', () => {
    const bytes = new Uint8Array(70000).map((_, i) => (i * 31) & 255);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it('estimates Uno resources from the blob and the buffers', () => {
    const e = estimateUno({ blobBytes: 1000, nFeatures: 6, nOutputs: 3 });
    expect(e.flashBytes).toBe(1000);
    expect(e.ramBytes).toBe(36);
    expect(e.ramShare).toBeCloseTo(36 / 2048);
  });
});

describe('replacing a notebook', () => {
  it('counts code, text and outputs as work, an untouched blank notebook not', () => {
    expect(hasWork(emptyNotebook())).toBe(false);
    expect(hasWork({ name: 'n', cells: [makeCell('code', '  \n')] })).toBe(false);
    expect(hasWork(three())).toBe(true);
    const onlyOutput = {
      ...makeCell('code', ''),
      outputs: [{ type: 'stream' as const, name: 'stdout' as const, text: 'x' }],
    };
    expect(hasWork({ name: 'n', cells: [onlyOutput] })).toBe(true);
  });
});
