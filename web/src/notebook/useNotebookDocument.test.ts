// @vitest-environment jsdom
// The document's ref is what Run reads: it must hold an edit as soon as the edit is made, not
// after React's next render (a click can overtake that render on a loaded machine, and the cell
// would run the source from before the user's last keystrokes).
import 'fake-indexeddb/auto';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { insertCell, makeCell, updateCell } from './cells';
import { useNotebookDocument } from './useNotebookDocument';

describe('useNotebookDocument', () => {
  it('applies edits to the ref at once, in order, and renders them', async () => {
    const { result } = renderHook(() => useNotebookDocument('ref-test', undefined, () => {}));
    await waitFor(() => expect(result.current.notebook).not.toBeNull());
    const cell = makeCell('code');
    const { edit, notebookRef } = result.current;
    edit((nb) => insertCell(nb, cell, null));
    edit((nb) => updateCell(nb, cell.id, { source: 'while True: pass' }));
    // No render has happened yet: the ref already has both edits.
    expect(notebookRef.current?.cells.find((c) => c.id === cell.id)?.source).toBe(
      'while True: pass',
    );
    await waitFor(() =>
      expect(result.current.notebook?.cells.find((c) => c.id === cell.id)?.source).toBe(
        'while True: pass',
      ),
    );
  });

  it('drops an edit that throws and keeps the document', async () => {
    const { result } = renderHook(() => useNotebookDocument('throw-test', undefined, () => {}));
    await waitFor(() => expect(result.current.notebook).not.toBeNull());
    const before = result.current.notebookRef.current;
    result.current.edit(() => {
      throw new Error('cell deleted meanwhile');
    });
    expect(result.current.notebookRef.current).toBe(before);
  });
});
