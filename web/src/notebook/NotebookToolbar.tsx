// The notebook's toolbar: name, run/interrupt/restart, new cells, files in and out, a new
// notebook (blank or a starter). Each project keeps its own notebook; replacing one that holds
// code asks first, since the old one is gone once replaced.
import { downloadText } from '../files/download';
import { clearOutputs, emptyNotebook, hasWork, insertCell, makeCell, type Notebook } from './cells';
import { fromIpynb, toIpynb } from './ipynb';
import type { NotebookMessage } from './notebookMessage';
import { STARTER_NOTEBOOKS } from './starters';
import { starterNotebook } from './useNotebookDocument';

/** The "new notebook" choice that is not a starter. */
const BLANK = 'blank';

export interface NotebookToolbarProps {
  notebook: Notebook | null;
  ready: boolean;
  busy: boolean;
  edit: (change: (nb: Notebook) => Notebook) => void;
  setNotebook: (notebook: Notebook) => void;
  onRunAll: () => void;
  onInterrupt: () => void;
  onRestart: () => void;
  onUpload: (list: FileList | null) => void;
  onToggleSettings: () => void;
  say: (message: NotebookMessage) => void;
}

export function NotebookToolbar(props: NotebookToolbarProps) {
  const { notebook, ready, busy, edit, setNotebook, say } = props;

  /** Puts `next` in place of the notebook, after asking when that would throw work away. */
  const replaceWith = (next: Notebook): boolean => {
    if (
      notebook &&
      hasWork(notebook) &&
      !window.confirm(
        `Replace the notebook "${notebook.name}" (${notebook.cells.length} cells) with "${next.name}"? ` +
          'Its cells are not kept: Export .ipynb first to keep a copy.',
      )
    )
      return false;
    setNotebook(next);
    return true;
  };

  const openNew = (choice: string) => {
    if (!choice) return;
    const next = choice === BLANK ? emptyNotebook() : starterNotebook(choice);
    if (replaceWith(next)) say({ text: `Opened "${next.name}".`, kind: 'info' });
  };

  const importIpynb = async (list: FileList | null) => {
    const file = list?.[0];
    if (!file) return;
    try {
      if (!replaceWith(fromIpynb(await file.text(), file.name.replace(/\.ipynb$/i, '')))) return;
      say({ text: `Imported ${file.name}.`, kind: 'info' });
    } catch (e) {
      say({ text: `${file.name}: ${(e as Error).message}`, kind: 'error' });
    }
  };

  const exportIpynb = () => {
    if (!notebook) return;
    downloadText(
      `${notebook.name || 'notebook'}.ipynb`,
      toIpynb(notebook),
      'application/x-ipynb+json',
    );
  };

  return (
    <div className="nb-toolbar">
      <input
        className="nb-name"
        value={notebook?.name ?? ''}
        onChange={(e) => edit((nb) => ({ ...nb, name: e.target.value }))}
        aria-label="Notebook name"
      />
      <button onClick={props.onRunAll} disabled={!ready || busy} data-testid="nb-run-all">
        ▶▶ Run all
      </button>
      <button onClick={props.onInterrupt} disabled={!busy} data-testid="nb-interrupt">
        ■ Interrupt
      </button>
      <button onClick={props.onRestart} data-testid="nb-restart">
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
          onChange={(e) => props.onUpload(e.target.files)}
        />
      </label>
      <label className="nb-file-button">
        Import .ipynb
        <input
          type="file"
          accept=".ipynb,application/json"
          hidden
          onChange={(e) => void importIpynb(e.target.files)}
        />
      </label>
      <button onClick={exportIpynb} data-testid="nb-export">
        Export .ipynb
      </button>
      <select
        value=""
        onChange={(e) => openNew(e.target.value)}
        aria-label="New notebook: blank or a starter"
        data-testid="nb-starters"
      >
        <option value="">New notebook…</option>
        <option value={BLANK}>Blank notebook</option>
        {STARTER_NOTEBOOKS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      <button onClick={props.onToggleSettings}>Settings</button>
    </div>
  );
}
