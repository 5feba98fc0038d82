// Short messages to the user (refused connections, import errors, "link copied").
import { useCallback, useState } from 'react';

export interface Toast {
  id: number;
  message: string;
  kind: 'error' | 'info';
}

export type Notify = (message: string, kind?: 'error' | 'info') => void;

let nextId = 1;

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const notify: Notify = useCallback(
    (message: string, kind: 'error' | 'info' = 'info') => {
      const id = nextId++;
      setToasts((t) => [...t.slice(-3), { id, message, kind }]);
      setTimeout(() => dismiss(id), kind === 'error' ? 8000 : 4000);
    },
    [dismiss],
  );
  return { toasts, notify, dismiss };
}
