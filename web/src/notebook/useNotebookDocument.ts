// The notebook document: loaded from IndexedDB (or the first starter), autosaved after every
// change (debounced), and edited through pure functions of cells.ts.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Notebook } from './cells';
import { fromIpynb } from './ipynb';
import { loadNotebook, saveNotebook } from './notebookDb';
import type { NotebookMessage } from './notebookMessage';
import { STARTER_NOTEBOOKS } from './starters';

const AUTOSAVE_MS = 500;

export function starterNotebook(id: string): Notebook {
  const s = STARTER_NOTEBOOKS.find((n) => n.id === id) ?? STARTER_NOTEBOOKS[0];
  return fromIpynb(s.ipynb, s.title);
}

export interface NotebookDocument {
  notebook: Notebook | null;
  /** Always the latest notebook, for callbacks that outlive a render. */
  notebookRef: RefObject<Notebook | null>;
  setNotebook: (notebook: Notebook) => void;
  /** Applies a change; a change that throws (its cell was deleted meanwhile) is dropped. */
  edit: (change: (nb: Notebook) => Notebook) => void;
}

export function useNotebookDocument(
  storageKey: string,
  onNotebookChange: ((notebook: Notebook) => void) | undefined,
  say: (message: NotebookMessage) => void,
): NotebookDocument {
  const [notebook, setNotebookState] = useState<Notebook | null>(null);
  // Updated with every change at once, not at React's next render: a Run clicked right after
  // typing (before that render, which input events can overtake under load) must run the
  // source just typed, not the one before it.
  const notebookRef = useRef<Notebook | null>(null);
  const setNotebook = useCallback((next: Notebook) => {
    notebookRef.current = next;
    setNotebookState(next);
  }, []);

  useEffect(() => {
    let cancelled = false;
    loadNotebook(storageKey)
      .catch(() => null)
      .then((saved) => {
        if (!cancelled) setNotebook(saved ?? starterNotebook(STARTER_NOTEBOOKS[0].id));
      });
    return () => {
      cancelled = true;
    };
  }, [storageKey, setNotebook]);

  useEffect(() => {
    if (!notebook) return;
    onNotebookChange?.(notebook);
    const timer = setTimeout(() => {
      saveNotebook(storageKey, notebook).catch((e: unknown) =>
        say({ text: `autosave failed: ${String(e)}`, kind: 'error' }),
      );
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [notebook, storageKey, onNotebookChange, say]);

  const edit = useCallback(
    (change: (nb: Notebook) => Notebook) => {
      const nb = notebookRef.current;
      if (!nb) return;
      let next: Notebook;
      try {
        next = change(nb);
      } catch {
        return;
      }
      setNotebook(next);
    },
    [setNotebook],
  );

  return { notebook, notebookRef, setNotebook, edit };
}
