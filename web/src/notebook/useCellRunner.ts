// Running cells: one at a time through the kernel, in order, stopping at the first error
// (as Jupyter does); outputs stream into the cell as they arrive. A run token makes an
// interrupt or restart cancel everything still queued.
import { useCallback, useRef, useState, type RefObject } from 'react';
import { updateCell, type Notebook } from './cells';
import type { KernelClient } from './kernel-client';
import { appendOutput, type CellOutput } from './outputs';

export interface CellRunner {
  /** The cell running now, if any. */
  running: string | null;
  /** Cells waiting to run, in order. */
  queued: string[];
  runCells: (ids: string[]) => Promise<void>;
  /** Forgets the queue and the running cell (after an interrupt that restarted Python). */
  cancelAll: () => void;
}

export function useCellRunner(
  kernel: RefObject<KernelClient | null>,
  notebookRef: RefObject<Notebook | null>,
  edit: (change: (nb: Notebook) => Notebook) => void,
): CellRunner {
  const [running, setRunning] = useState<string | null>(null);
  const [queued, setQueued] = useState<string[]>([]);
  const runToken = useRef(0);

  const runOne = useCallback(
    async (id: string, token: number): Promise<boolean> => {
      const client = kernel.current;
      const cell = notebookRef.current?.cells.find((c) => c.id === id);
      if (!client || !cell || cell.kind !== 'code' || token !== runToken.current) return false;
      edit((nb) => updateCell(nb, id, { outputs: [] }));
      setRunning(id);
      const result = await client.run(cell.source, (o: CellOutput) =>
        edit((nb) => {
          const current = nb.cells.find((c) => c.id === id);
          return current ? updateCell(nb, id, { outputs: appendOutput(current.outputs, o) }) : nb;
        }),
      );
      edit((nb) => {
        const current = nb.cells.find((c) => c.id === id)!;
        const outputs = result.error
          ? appendOutput(current.outputs, { type: 'notice', level: 'error', text: result.error })
          : current.outputs;
        return updateCell(nb, id, { executionCount: result.executionCount || null, outputs });
      });
      setRunning((r) => (r === id ? null : r));
      return result.ok;
    },
    [edit, kernel, notebookRef],
  );

  const runCells = useCallback(
    async (ids: string[]) => {
      const token = ++runToken.current;
      setQueued(ids);
      for (const id of ids) {
        setQueued((q) => q.filter((x) => x !== id));
        const ok = await runOne(id, token);
        if (!ok || token !== runToken.current) break;
      }
      if (token === runToken.current) setQueued([]);
    },
    [runOne],
  );

  const cancelAll = useCallback(() => {
    runToken.current++;
    setQueued([]);
    setRunning(null);
  }, []);

  return { running, queued, runCells, cancelAll };
}
