// The training notebook: Python cells run in Pyodide in a Web Worker, with the emflow
// converter, the engine's built-in trainer and engine evaluation; autosaved in IndexedDB.
//
//   <NotebookView storageKey={projectId} onSendModel={(name, bytes) => addModelNode(...)} />
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  clearOutputs,
  insertCell,
  makeCell,
  moveCell,
  removeCell,
  updateCell,
  type Cell,
  type Notebook,
} from './cells';
import { CellView } from './CellView';
import { fromIpynb, toIpynb } from './ipynb';
import { KernelClient, type KernelState } from './kernel-client';
import { loadNotebook, saveNotebook } from './notebookDb';
import { appendOutput, type CellOutput } from './outputs';
import { normalizeIndexUrl, packageIndexUrl, setPackageIndexUrl } from './settings';
import { STARTER_NOTEBOOKS } from './starters';
import './notebook.css';

export interface NotebookViewProps {
  /** Autosave key in the `emflow-notebooks` IndexedDB (e.g. the project id). */
  storageKey?: string;
  /** Called with a model blob when the user sends a model to the playground. */
  onSendModel?: (name: string, bytes: Uint8Array) => void;
  /** Called after every change (for saving the notebook with the project). */
  onNotebookChange?: (notebook: Notebook) => void;
  dark?: boolean;
  /** Base URL of the app's static files (pyodide/, py/, engine/); default Vite's BASE_URL. */
  appBase?: string;
  /** Files for Python's data/ folder (e.g. a dataset the simulator recorded), keyed by file
   * name; written whenever Python (re)starts or the files change. */
  dataFiles?: Readonly<Record<string, string | Uint8Array>>;
}

const AUTOSAVE_MS = 500;
const DATA_DIR = '/home/pyodide/data';

function starter(id: string): Notebook {
  const s = STARTER_NOTEBOOKS.find((n) => n.id === id) ?? STARTER_NOTEBOOKS[0];
  return fromIpynb(s.ipynb, s.title);
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

function downloadText(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ipynb+json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function NotebookView({
  storageKey = 'default',
  onSendModel,
  onNotebookChange,
  dark = true,
  appBase,
  dataFiles,
}: NotebookViewProps) {
  const [notebook, setNotebook] = useState<Notebook | null>(null);
  const [kernelState, setKernelState] = useState<KernelState>({ phase: 'starting' });
  const [running, setRunning] = useState<string | null>(null);
  const [queued, setQueued] = useState<string[]>([]);
  const [message, setMessage] = useState<{ text: string; kind: 'info' | 'error' } | null>(null);
  const [showSettings, setShowSettings] = useState(false);
  const [indexDraft, setIndexDraft] = useState(packageIndexUrl());
  const [files, setFiles] = useState<string[]>([]);
  const kernel = useRef<KernelClient | null>(null);
  const runToken = useRef(0);
  const notebookRef = useRef<Notebook | null>(null);
  notebookRef.current = notebook;

  // The kernel lives as long as the view.
  useEffect(() => {
    const client = new KernelClient(appBase);
    kernel.current = client;
    const unsubscribe = client.subscribe(setKernelState);
    client.start();
    return () => {
      unsubscribe();
      client.dispose();
      kernel.current = null;
    };
  }, [appBase]);

  // Datasets handed in by the app land in data/ once Python is up (again after a restart).
  const pythonUp = kernelState.phase === 'ready';
  useEffect(() => {
    const client = kernel.current;
    if (!pythonUp || !client || !dataFiles) return;
    for (const [name, content] of Object.entries(dataFiles)) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      void client.writeFile(`${DATA_DIR}/${name}`, bytes).then((r) => {
        if (r.ok) setFiles((f) => (f.includes(name) ? f : [...f, name]));
        else setMessage({ text: `data/${name} could not be written: ${r.error}`, kind: 'error' });
      });
    }
  }, [pythonUp, dataFiles]);

  // Load the autosaved notebook (or the first starter notebook).
  useEffect(() => {
    let cancelled = false;
    loadNotebook(storageKey)
      .catch(() => null)
      .then((saved) => {
        if (!cancelled) setNotebook(saved ?? starter(STARTER_NOTEBOOKS[0].id));
      });
    return () => {
      cancelled = true;
    };
  }, [storageKey]);

  // Autosave, debounced.
  useEffect(() => {
    if (!notebook) return;
    onNotebookChange?.(notebook);
    const timer = setTimeout(() => {
      saveNotebook(storageKey, notebook).catch((e: unknown) =>
        setMessage({ text: `autosave failed: ${String(e)}`, kind: 'error' }),
      );
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [notebook, storageKey, onNotebookChange]);

  const edit = useCallback((change: (nb: Notebook) => Notebook) => {
    setNotebook((nb) => {
      if (!nb) return nb;
      try {
        return change(nb);
      } catch {
        return nb; // the cell was deleted meanwhile
      }
    });
  }, []);

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
    [edit],
  );

  const runCells = useCallback(
    async (ids: string[]) => {
      const token = ++runToken.current;
      setQueued(ids);
      for (const id of ids) {
        setQueued((q) => q.filter((x) => x !== id));
        const ok = await runOne(id, token);
        if (!ok || token !== runToken.current) break; // stop at the first error, as Jupyter
      }
      if (token === runToken.current) setQueued([]);
    },
    [runOne],
  );

  const runCell = useCallback((id: string) => void runCells([id]), [runCells]);
  const runAll = () => {
    const ids = (notebook?.cells ?? []).filter((c) => c.kind === 'code').map((c) => c.id);
    void runCells(ids);
  };

  const interrupt = () => {
    const client = kernel.current;
    if (!client) return;
    const how = client.interrupt();
    if (how === 'restarted') {
      runToken.current++;
      setQueued([]);
      setRunning(null);
      setMessage({
        text: 'Stopped by restarting Python: variables and uploaded files are gone; run the cells again.',
        kind: 'info',
      });
      setFiles([]);
    }
  };

  const restart = () => {
    runToken.current++;
    setQueued([]);
    setRunning(null);
    setFiles([]);
    kernel.current?.restart();
    setMessage({ text: 'Python restarted.', kind: 'info' });
  };

  const onUpload = async (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await kernel.current?.writeFile(`${DATA_DIR}/${file.name}`, bytes);
      if (result?.ok) {
        setFiles((f) => [...f.filter((n) => n !== file.name), file.name]);
        setMessage({
          text: `Uploaded data/${file.name} (${bytes.length} bytes): open("data/${file.name}")`,
          kind: 'info',
        });
      } else {
        setMessage({
          text: `Upload of ${file.name} failed: ${result?.error ?? 'Python is not running'}`,
          kind: 'error',
        });
      }
    }
  };

  const onImport = async (list: FileList | null) => {
    const file = list?.[0];
    if (!file) return;
    try {
      setNotebook(fromIpynb(await file.text(), file.name.replace(/\.ipynb$/i, '')));
      setMessage({ text: `Imported ${file.name}.`, kind: 'info' });
    } catch (e) {
      setMessage({ text: `${file.name}: ${(e as Error).message}`, kind: 'error' });
    }
  };

  const saveSettings = () => {
    const result = normalizeIndexUrl(indexDraft);
    if ('error' in result) {
      setMessage({ text: result.error, kind: 'error' });
      return;
    }
    setPackageIndexUrl(result.url);
    setIndexDraft(result.url);
    setShowSettings(false);
    setMessage({
      text: `Package index set to ${result.url}; it applies after Restart.`,
      kind: 'info',
    });
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
  const ready = kernelState.phase === 'ready';
  return (
    <div className="nb-view" data-testid="notebook-view">
      <div className="nb-toolbar">
        <input
          className="nb-name"
          value={notebook?.name ?? ''}
          onChange={(e) => edit((nb) => ({ ...nb, name: e.target.value }))}
          aria-label="Notebook name"
        />
        <button onClick={runAll} disabled={!ready || busy} data-testid="nb-run-all">
          ▶▶ Run all
        </button>
        <button onClick={interrupt} disabled={!busy} data-testid="nb-interrupt">
          ■ Interrupt
        </button>
        <button onClick={restart} data-testid="nb-restart">
          ↻ Restart
        </button>
        <button
          onClick={() => edit((nb) => insertCell(nb, makeCell('code'), null))}
          data-testid="nb-add-code"
        >
          + Code
        </button>
        <button onClick={() => edit((nb) => insertCell(nb, makeCell('markdown'), null))}>
          + Markdown
        </button>
        <button onClick={() => edit(clearOutputs)}>Clear outputs</button>
        <label className="nb-file-button">
          Upload CSV
          <input
            type="file"
            accept=".csv,text/csv"
            multiple
            hidden
            onChange={(e) => void onUpload(e.target.files)}
          />
        </label>
        <label className="nb-file-button">
          Import .ipynb
          <input
            type="file"
            accept=".ipynb,application/json"
            hidden
            onChange={(e) => void onImport(e.target.files)}
          />
        </label>
        <button
          onClick={() =>
            notebook && downloadText(`${notebook.name || 'notebook'}.ipynb`, toIpynb(notebook))
          }
          data-testid="nb-export"
        >
          Export .ipynb
        </button>
        <select
          value=""
          onChange={(e) => e.target.value && setNotebook(starter(e.target.value))}
          aria-label="Open a starter notebook"
          data-testid="nb-starters"
        >
          <option value="">Starter notebooks…</option>
          {STARTER_NOTEBOOKS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
        <button onClick={() => setShowSettings((s) => !s)}>Settings</button>
      </div>
      <div
        className={`nb-status${kernelState.phase === 'failed' ? ' nb-bad' : ''}`}
        data-testid="nb-kernel-status"
      >
        {kernelLabel(kernelState, kernel.current?.canInterruptInPlace ?? false)}
        {files.length > 0 && <span> · data/: {files.join(', ')}</span>}
      </div>
      {showSettings && (
        <div className="nb-settings">
          <label>
            Package index for numpy / scipy / scikit-learn (a mirror of Pyodide&apos;s packages for
            offline labs)
            <input
              value={indexDraft}
              onChange={(e) => setIndexDraft(e.target.value)}
              data-testid="nb-index-url"
            />
          </label>
          <button onClick={saveSettings}>Save</button>
          <button
            onClick={() => {
              setPackageIndexUrl(null);
              setIndexDraft(packageIndexUrl());
            }}
          >
            Default
          </button>
        </div>
      )}
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
            {...cellActions}
          />
        ))}
      </div>
    </div>
  );
}

export default NotebookView;
