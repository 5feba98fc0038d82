// Nothing unsaved is lost when the tab closes or hides: pending writes are flushed, and while
// the open project has changes that are not stored (a failing save), the browser asks before
// leaving the page.
import { useEffect } from 'react';
import { useProjectStore } from './ProjectContext';

export function useUnsavedGuard(): void {
  const store = useProjectStore();
  useEffect(() => {
    const flush = () => void store.flush();
    const beforeUnload = (e: BeforeUnloadEvent) => {
      void store.flush();
      if (!store.unsaved) return;
      e.preventDefault();
      e.returnValue = ''; // older Chromium needs it set to show the prompt
    };
    addEventListener('pagehide', flush);
    addEventListener('beforeunload', beforeUnload);
    document.addEventListener('visibilitychange', flush);
    return () => {
      removeEventListener('pagehide', flush);
      removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [store]);
}
