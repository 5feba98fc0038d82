// The notebook's Python kernel: one KernelClient (Pyodide in a Web Worker) per view and app
// base, its state as React state, and the data/ files written into it.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { KernelClient, type KernelState } from './kernel-client';
import type { NotebookMessage } from './notebookMessage';

/** Where Python sees uploaded and recorded datasets. */
export const DATA_DIR = '/home/pyodide/data';

export interface KernelHandle {
  kernel: RefObject<KernelClient | null>;
  state: KernelState;
  /** File names in data/ (uploaded or handed in by the app) since Python last started. */
  files: string[];
  setFiles: React.Dispatch<React.SetStateAction<string[]>>;
  /** Writes uploaded files into data/ and reports each one. */
  upload: (list: FileList | null) => Promise<void>;
}

export function useKernel(
  appBase: string | undefined,
  dataFiles: Readonly<Record<string, string | Uint8Array>> | undefined,
  say: (message: NotebookMessage) => void,
): KernelHandle {
  const [state, setState] = useState<KernelState>({ phase: 'starting' });
  const [files, setFiles] = useState<string[]>([]);
  const kernel = useRef<KernelClient | null>(null);

  // The kernel lives as long as the view.
  useEffect(() => {
    const client = new KernelClient(appBase);
    kernel.current = client;
    const unsubscribe = client.subscribe(setState);
    client.start();
    return () => {
      unsubscribe();
      client.dispose();
      kernel.current = null;
    };
  }, [appBase]);

  // Datasets handed in by the app land in data/ once Python is up (again after a restart).
  const pythonUp = state.phase === 'ready';
  useEffect(() => {
    const client = kernel.current;
    if (!pythonUp || !client || !dataFiles) return;
    for (const [name, content] of Object.entries(dataFiles)) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      void client.writeFile(`${DATA_DIR}/${name}`, bytes).then((r) => {
        if (r.ok) setFiles((f) => (f.includes(name) ? f : [...f, name]));
        else say({ text: `data/${name} could not be written: ${r.error}`, kind: 'error' });
      });
    }
  }, [pythonUp, dataFiles, say]);

  const upload = async (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await kernel.current?.writeFile(`${DATA_DIR}/${file.name}`, bytes);
      if (result?.ok) {
        setFiles((f) => [...f.filter((n) => n !== file.name), file.name]);
        say({
          text: `Uploaded data/${file.name} (${bytes.length} bytes): open("data/${file.name}")`,
          kind: 'info',
        });
      } else {
        say({
          text: `Upload of ${file.name} failed: ${result?.error ?? 'Python is not running'}`,
          kind: 'error',
        });
      }
    }
  };

  return { kernel, state, files, setFiles, upload };
}
