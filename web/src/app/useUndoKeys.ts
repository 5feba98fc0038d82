// Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y redoes, except while typing in a field
// or the text editor (which have their own undo).
import { useEffect } from 'react';
import { useProjectStore } from './ProjectContext';

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.closest('input, textarea, select, .monaco-editor') !== null || el.isContentEditable);

export function useUndoKeys(): void {
  const store = useProjectStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) store.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') store.redo();
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [store]);
}
