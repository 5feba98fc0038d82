// The centre of the playground: the view tabs (graph, text, split, notebook), the text's parse
// error, and the views themselves. Monaco and the notebook (Pyodide) load only when first shown.
import { lazy, Suspense, useState } from 'react';
import { GraphView, type Selection } from '../graph/GraphView';
import type { ComponentLibrary } from '../graph-doc/components';
import type { Diagnostic } from '../graph-doc/diagnostics';
import { useProject } from './ProjectContext';
import type { useNotebookBridge } from './useNotebookBridge';
import { useOpenGraph } from './useOpenGraph';
import type { Theme } from './useTheme';

const FbpEditor = lazy(() => import('../text/FbpEditor'));
const NotebookView = lazy(() =>
  import('../notebook/NotebookView').then((m) => ({ default: m.NotebookView })),
);

export type ViewMode = 'graph' | 'text' | 'split' | 'notebook';

const VIEW_LABELS: Record<ViewMode, string> = {
  graph: 'Graph',
  text: 'Text (.fbp)',
  split: 'Split',
  notebook: 'Notebook',
};

interface Props {
  view: ViewMode;
  onView: (view: ViewMode) => void;
  theme: Theme;
  library: ComponentLibrary;
  selection: Selection;
  onSelect: (s: Selection) => void;
  fitRequest: number;
  /** The graph's problems (useGraphProblems), marked in the text view. */
  problems: Diagnostic[];
  notebook: Omit<ReturnType<typeof useNotebookBridge>, 'onRecordToNotebook'>;
}

export function EditorViews(p: Props) {
  const { view, theme, library } = p;
  const projectId = useProject((s) => s.project?.id ?? null);
  const { doc, graph } = useOpenGraph();
  const [notebookOpened, setNotebookOpened] = useState(false);
  const showNotebook = view === 'notebook';
  if (showNotebook && !notebookOpened) setNotebookOpened(true);
  const showGraph = view === 'graph' || view === 'split';
  const showText = view === 'text' || view === 'split';
  const dark = theme === 'dark';
  return (
    <>
      <div className="tabs view-tabs">
        {(['graph', 'text', 'split', 'notebook'] as const).map((m) => (
          <button
            key={m}
            className={view === m ? 'active' : ''}
            onClick={() => p.onView(m)}
            data-testid={`view-${m}`}
          >
            {VIEW_LABELS[m]}
          </button>
        ))}
        <span className="spacer" />
        {doc?.textError && (
          <span className="text-error small" data-testid="text-error" title={doc.textError.message}>
            text line {doc.textError.line}:{doc.textError.column}:{' '}
            {doc.textError.message.split('\n')[0]}
          </span>
        )}
      </div>
      <div className={`views ${view}`}>
        {(showNotebook || notebookOpened) && projectId && (
          // Kept mounted (hidden) once opened, so Python and its variables survive a look at
          // the graph; a project switch starts a fresh one (key).
          <div className="nb-host" hidden={!showNotebook}>
            <Suspense fallback={<div className="pane-loading">Loading notebook…</div>}>
              <NotebookView key={projectId} storageKey={projectId} dark={dark} {...p.notebook} />
            </Suspense>
          </div>
        )}
        {showGraph && projectId && (
          <GraphView
            key={projectId}
            graph={graph}
            library={library}
            selection={p.selection}
            onSelect={p.onSelect}
            colorMode={theme}
            fitRequest={p.fitRequest}
            showMiniMap={view === 'graph'}
          />
        )}
        {showText && doc && (
          <Suspense fallback={<div className="pane-loading">Loading editor…</div>}>
            <FbpEditor
              text={doc.text}
              graph={graph}
              library={library}
              dark={dark}
              problems={p.problems}
            />
          </Suspense>
        )}
      </div>
    </>
  );
}
