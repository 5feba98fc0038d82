// The training notebook: Python cells run in Pyodide in a Web Worker, with the emflow
// converter, the engine's built-in trainer and engine evaluation; autosaved in IndexedDB.
// This file only composes the parts: the kernel (useKernel), the document (useNotebookDocument),
// the run queue (useCellRunner), the toolbar and the settings panel.
//
//   <NotebookView storageKey={projectId} onSendModel={(name, bytes) => addModelNode(...)} />
import { AppBaseContext } from './appBase';
import { useCallback, useState } from 'react';
import { moveCell, removeCell, updateCell, type Cell, type Notebook } from './cells';
import { CellView } from './CellView';
import type { KernelState } from './kernel-client';
import { NotebookToolbar } from './NotebookToolbar';
import type { NotebookMessage } from './notebookMessage';
import type { CellOutput } from './outputs';
import { PackageIndexSettings } from './PackageIndexSettings';
import type { RunPython } from './SweepView';
import { useCellRunner } from './useCellRunner';
import { useKernel } from './useKernel';
import { useNotebookDocument } from './useNotebookDocument';
import './notebook.css';

export interface NotebookViewProps {
  /** Autosave key in the `emflow-notebooks` IndexedDB (e.g. the project id). */
  storageKey?: string;
  /** Called with a model blob when the user sends a model to the playground. */
  onSendModel?: (name: string, bytes: Uint8Array, rows?: number[][]) => void;
  /** Called after every change (for saving the notebook with the project). */
  onNotebookChange?: (notebook: Notebook) => void;
  dark?: boolean;
  /** Base URL of the app's static files (pyodide/, py/, engine/); default Vite's BASE_URL. */
  appBase?: string;
  /** Files for Python's data/ folder (e.g. a dataset the simulator recorded), keyed by file
   * name; written whenever Python (re)starts or the files change. */
  dataFiles?: Readonly<Record<string, string | Uint8Array>>;
}

function kernelLabel(state: KernelState, inPlace: boolean): string {
  if (state.phase === 'starting') return 'Python starting…';
  if (state.phase === 'failed') return `Python failed to start: ${state.message}`;
  const engine = state.engineError
    ? ` · engine not loaded: ${state.engineError}`
    : ' · engine ready';
  const interrupt = inPlace ? '' : ' · interrupt restarts Python (page not cross-origin isolated)';
  return `Python ${state.pythonVersion} (Pyodide ${state.pyodideVersion}) ${state.busy ? 'busy' : 'idle'}${engine}${interrupt}`;
}

export function NotebookView({
  storageKey = 'default',
  onSendModel,
  onNotebookChange,
  dark = true,
  appBase,
  dataFiles,
}: NotebookViewProps) {
  const [message, setMessage] = useState<NotebookMessage | null>(null);
  const [showSettings, setShowSettings] = useState(false);
  const say = useCallback((m: NotebookMessage) => setMessage(m), []);
  const {
    kernel,
    state: kernelState,
    files,
    setFiles,
    upload,
  } = useKernel(appBase, dataFiles, say);
  const { notebook, notebookRef, setNotebook, edit } = useNotebookDocument(
    storageKey,
    onNotebookChange,
    say,
  );
  const { running, queued, runCells, cancelAll } = useCellRunner(kernel, notebookRef, edit);

  // Python run for an output's own action (the sweep view's "Send to graph"), not in a cell.
  const runPython: RunPython = useCallback(
    async (code: string) => {
      const client = kernel.current;
      if (!client) return { ok: false, outputs: [], error: 'Python is not running' };
      const outputs: CellOutput[] = [];
      const result = await client.run(code, (o) => outputs.push(o));
      return { ok: result.ok, outputs, error: result.error };
    },
    [kernel],
  );

  const runCell = useCallback((id: string) => void runCells([id]), [runCells]);
  const runAll = () => {
    const ids = (notebook?.cells ?? []).filter((c) => c.kind === 'code').map((c) => c.id);
    void runCells(ids);
  };

  const interrupt = () => {
    const client = kernel.current;
    if (!client || client.interrupt() !== 'restarted') return;
    cancelAll();
    setFiles([]);
    say({
      text: 'Stopped by restarting Python: variables and uploaded files are gone; run the cells again.',
      kind: 'info',
    });
  };

  const restart = () => {
    cancelAll();
    setFiles([]);
    kernel.current?.restart();
    say({ text: 'Python restarted.', kind: 'info' });
  };

  const cellActions = {
    onChange: useCallback(
      (id: string, source: string) => edit((nb) => updateCell(nb, id, { source })),
      [edit],
    ),
    onMove: useCallback((id: string, d: -1 | 1) => edit((nb) => moveCell(nb, id, d)), [edit]),
    onDelete: useCallback((id: string) => edit((nb) => removeCell(nb, id)), [edit]),
    onToggleKind: useCallback(
      (id: string) =>
        edit((nb) => {
          const cell = nb.cells.find((c) => c.id === id) as Cell;
          return updateCell(nb, id, { kind: cell.kind === 'code' ? 'markdown' : 'code' });
        }),
      [edit],
    ),
  };

  const busy = running !== null || queued.length > 0;
  return (
    <AppBaseContext.Provider value={appBase ?? import.meta.env?.BASE_URL ?? '/'}>
      <div className="nb-view" data-testid="notebook-view">
        <NotebookToolbar
          notebook={notebook}
          ready={kernelState.phase === 'ready'}
          busy={busy}
          edit={edit}
          setNotebook={setNotebook}
          onRunAll={runAll}
          onInterrupt={interrupt}
          onRestart={restart}
          onUpload={(list) => void upload(list)}
          onToggleSettings={() => setShowSettings((s) => !s)}
          say={say}
        />
        <div
          className={`nb-status${kernelState.phase === 'failed' ? ' nb-bad' : ''}`}
          data-testid="nb-kernel-status"
        >
          {kernelLabel(kernelState, kernel.current?.canInterruptInPlace ?? false)}
          {files.length > 0 && <span> · data/: {files.join(', ')}</span>}
        </div>
        {showSettings && <PackageIndexSettings onDone={() => setShowSettings(false)} say={say} />}
        {message && (
          <div className={`nb-message nb-${message.kind}`} data-testid="nb-message">
            {message.text}
            <button onClick={() => setMessage(null)} aria-label="Dismiss">
              ✕
            </button>
          </div>
        )}
        <div className="nb-cells">
          {notebook?.cells.map((cell, i) => (
            <CellView
              key={cell.id}
              cell={cell}
              index={i}
              running={running === cell.id}
              queued={queued.includes(cell.id)}
              dark={dark}
              onRun={runCell}
              onSendModel={onSendModel}
              onRunPython={runPython}
              {...cellActions}
            />
          ))}
        </div>
      </div>
    </AppBaseContext.Provider>
  );
}

export default NotebookView;
