// The playground: header, sidebar (palette, projects), graph/text views, inspector and the
// simulation panel, wired to the project store and the engine session.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { exampleById, fetchExampleModels } from '../examples/examples';
import { downloadText, fileStem } from '../files/download';
import { importGraphFile } from '../files/importFile';
import { GraphView, type Selection } from '../graph/GraphView';
import { Inspector } from '../inspector/Inspector';
import { libraryFrom } from '../model/components';
import { readProjectFile } from '../persist/readProjectFile';
import type { Diagnostic } from '../model/diagnostics';
import { addNode, emptyGraph, uniqueNodeId } from '../model/graph';
import { autoLayout } from '../model/layout';
import { toNofloJson } from '../model/nofloJson';
import { encodeShareHash } from '../model/shareLink';
import { Palette } from '../sidebar/Palette';
import { ProjectList } from '../sidebar/ProjectList';
import type { EngineSession } from '../sim/engineSession';
import { SimPanel } from '../sim/SimPanel';
import { documentFromGraph, documentFromText } from '../state/document';
import {
  type ProjectStore,
  SAVE_RETRY_DELAYS_MS,
  UnsavedChangesError,
} from '../state/projectStore';
import { FirmwareDialog } from '../firmware/FirmwareDialog';
import { DamagedRecords } from './DamagedRecords';
import { EngineBanner } from './EngineBanner';
import { PanelBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { exportOpenProject } from './projectExport';
import { SettingsDialog } from './SettingsDialog';
import { StorageBanner } from './StorageBanner';
import { useToasts } from './notifications';
import { Toasts } from './Toasts';
import { useExternal } from './useExternal';
import { useNotebookBridge } from './useNotebookBridge';
import { useUnsavedGuard } from './useUnsavedGuard';

const FbpEditor = lazy(() => import('../text/FbpEditor'));
// Pyodide, Monaco's Python mode and the notebook UI load only when the tab is opened.
const NotebookView = lazy(() =>
  import('../notebook/NotebookView').then((m) => ({ default: m.NotebookView })),
);

type ViewMode = 'graph' | 'text' | 'split' | 'notebook';

const VIEW_LABELS: Record<ViewMode, string> = {
  graph: 'Graph',
  text: 'Text (.fbp)',
  split: 'Split',
  notebook: 'Notebook',
};

interface Props {
  store: ProjectStore;
  session: EngineSession;
  initialNotice: { message: string; kind: 'error' | 'info' } | null;
}

const preferredTheme = (): 'dark' | 'light' => {
  const saved = localStorage.getItem('emflow.theme');
  if (saved === 'dark' || saved === 'light') return saved;
  return matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
};

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.closest('input, textarea, select, .monaco-editor') !== null || el.isContentEditable);

export function App({ store, session, initialNotice }: Props) {
  const state = useExternal(store);
  const sim = useExternal(session);
  const { toasts, notify, dismiss } = useToasts();
  const [theme, setTheme] = useState(preferredTheme);
  const [view, setView] = useState<ViewMode>('graph');
  const [sideTab, setSideTab] = useState<'components' | 'projects'>('components');
  const [selection, setSelection] = useState<Selection>(null);
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const [fitRequest, setFitRequest] = useState(0);
  const [firmwareOpen, setFirmwareOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [notebookOpened, setNotebookOpened] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const doc = state.project?.history.present ?? null;
  const graph = doc?.graph ?? emptyGraph();
  const library = useMemo(() => libraryFrom(sim.components), [sim.components]);
  const stem = fileStem(state.project?.name ?? 'graph');

  useEffect(() => {
    if (initialNotice) notify(initialNotice.message, initialNotice.kind);
  }, [initialNotice, notify]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('emflow.theme', theme);
  }, [theme]);

  // Every graph change goes to the running network at once (live edits, see liveEdits.ts).
  useEffect(() => session.graphChanged(graph), [session, graph]);

  useUnsavedGuard(store);

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

  const openProject = useCallback(
    async (id: string) => {
      // Refused while the open project's changes cannot be saved (the banner says why).
      if (!(await store.open(id))) return;
      setSelection(null);
      await session.reset();
    },
    [store, session],
  );

  /** Opens a new project made by `make` (false when refused: the banner says why). */
  const startNew = useCallback(
    async (make: () => Promise<string>): Promise<boolean> => {
      try {
        await make();
      } catch (e) {
        if (e instanceof UnsavedChangesError) return false; // the banner says why
        throw e;
      }
      setSelection(null);
      setFitRequest((n) => n + 1);
      await session.reset();
      return true;
    },
    [session],
  );
  const createFrom = useCallback(
    (name: string, d: ReturnType<typeof documentFromText>) => startNew(() => store.create(name, d)),
    [store, startNew],
  );

  const openExample = async (id: string) => {
    const ex = exampleById(id);
    if (!ex || !(await createFrom(ex.title, documentFromText(ex.text)))) return;
    // Its models go into the new project's model store under the annotated ids.
    try {
      for (const model of await fetchExampleModels(ex)) store.setModel(model);
    } catch (e) {
      notify(
        `The example's model could not be loaded: ${e instanceof Error ? e.message : e}`,
        'error',
      );
    }
  };

  const onImportFile = async (file: File) => {
    const text = await file.text();
    // A project file from "Export now" comes back whole (notebook, models, datasets too).
    const p = readProjectFile(file.name, text);
    if (p.kind === 'error') return notify(`Import failed — ${p.error}.`, 'error');
    if (p.kind === 'ok') {
      if (await startNew(() => store.importProject(p.project)))
        notify(
          `Imported ${file.name} as a new project. ${p.note ?? ''}`,
          p.note ? 'error' : 'info',
        );
      return;
    }
    const r = importGraphFile(file.name, text);
    if (!r.ok) {
      notify(`Import failed — ${r.error}. The open project is unchanged.`, 'error');
      return;
    }
    if (await createFrom(r.name, r.document)) notify(`Imported ${file.name} as a new project.`);
  };

  const onShare = async () => {
    const r = encodeShareHash(graph);
    if (!r.ok) return notify(r.error, 'error');
    const url = `${location.origin}${location.pathname}${r.hash}`;
    try {
      await navigator.clipboard.writeText(url);
      notify('Link copied: it opens this graph as a new project.');
    } catch {
      prompt('Copy this link:', url);
    }
  };

  const addComponent = (component: string) => {
    let id = '';
    store.editGraph((g) => {
      id = uniqueNodeId(g, component);
      const maxX = g.nodes.reduce((m, n) => Math.max(m, n.x), 0);
      const r = addNode(g, { id, component, x: g.nodes.length ? maxX + 240 : 40, y: 40 });
      return r.ok ? r.graph : g;
    });
    if (id) setSelection({ kind: 'node', id });
  };

  // The project's models go into the engine (and into every engine started after a crash).
  const models = state.project?.models;
  useEffect(() => void session.setModels(models ?? []), [session, models]);

  const { onSendModel, onNotebookChange, dataFiles, onRecordToNotebook } = useNotebookBridge(
    store,
    session,
    notify,
    setSelection,
  );

  const dark = theme === 'dark';
  const showNotebook = view === 'notebook';
  if (showNotebook && !notebookOpened) setNotebookOpened(true);
  const showGraph = view === 'graph' || view === 'split';
  const showText = view === 'text' || view === 'split';

  return (
    <div className="app">
      <Header
        state={state}
        engine={sim.engine}
        canUndo={store.canUndo}
        canRedo={store.canRedo}
        onRename={(name) => state.project && void store.rename(state.project.id, name)}
        onExample={(id) => void openExample(id)}
        onImport={() => fileInput.current?.click()}
        onExportFbp={() => doc && downloadText(`${stem}.fbp`, doc.text)}
        onExportJson={() =>
          downloadText(
            `${stem}.json`,
            JSON.stringify(toNofloJson(graph), null, 2) + '\n',
            'application/json',
          )
        }
        onExportProject={() => exportOpenProject(store)}
        onExportFirmware={() => setFirmwareOpen(true)}
        onShare={() => void onShare()}
        onUndo={() => store.undo()}
        onRedo={() => store.redo()}
        onLayout={() => {
          store.editGraph(autoLayout);
          setFitRequest((n) => n + 1);
        }}
        theme={theme}
        onTheme={() => setTheme(dark ? 'light' : 'dark')}
        onSettings={() => setSettingsOpen(true)}
      />
      <EngineBanner state={sim} onRestart={() => void session.restart()} />
      <StorageBanner
        state={state}
        store={store}
        maxRetries={SAVE_RETRY_DELAYS_MS.length}
        onShowDamaged={() => setSideTab('projects')}
      />
      <div className={`workspace${showNotebook ? ' notebook-mode' : ''}`}>
        <aside className="sidebar">
          <div className="tabs">
            <button
              className={sideTab === 'components' ? 'active' : ''}
              onClick={() => setSideTab('components')}
              data-testid="tab-components"
            >
              Components
            </button>
            <button
              className={sideTab === 'projects' ? 'active' : ''}
              onClick={() => setSideTab('projects')}
              data-testid="tab-projects"
            >
              Projects
            </button>
          </div>
          {sideTab === 'components' ? (
            <Palette components={sim.components} engine={sim.engine} onAdd={addComponent} />
          ) : (
            <>
              <ProjectList
                projects={state.projects}
                currentId={state.project?.id ?? null}
                onOpen={(id) => void openProject(id)}
                onRename={(id, name) => void store.rename(id, name)}
                onDuplicate={(id) => void store.duplicate(id)}
                onDelete={(id) => void store.remove(id)}
                onNew={() => void createFrom('Untitled', documentFromGraph(emptyGraph('Untitled')))}
              />
              <DamagedRecords damaged={state.damaged} store={store} />
            </>
          )}
        </aside>
        {/* A panel that fails to render says why in its place; the rest keeps working. */}
        <PanelBoundary as="main" className="center" what="editor" resetKey={state.project?.id}>
          <div className="tabs view-tabs">
            {(['graph', 'text', 'split', 'notebook'] as const).map((m) => (
              <button
                key={m}
                className={view === m ? 'active' : ''}
                onClick={() => {
                  setView(m);
                  setFitRequest((n) => n + 1);
                }}
                data-testid={`view-${m}`}
              >
                {VIEW_LABELS[m]}
              </button>
            ))}
            <span className="spacer" />
            {doc?.textError && (
              <span
                className="text-error small"
                data-testid="text-error"
                title={doc.textError.message}
              >
                text line {doc.textError.line}:{doc.textError.column}:{' '}
                {doc.textError.message.split('\n')[0]}
              </span>
            )}
          </div>
          <div className={`views ${view}`}>
            {(showNotebook || notebookOpened) && state.project && (
              // Kept mounted (hidden) once opened, so Python and its variables survive a
              // look at the graph; a project switch starts a fresh one (key).
              <div className="nb-host" hidden={!showNotebook}>
                <Suspense fallback={<div className="pane-loading">Loading notebook…</div>}>
                  <NotebookView
                    key={state.project.id}
                    storageKey={state.project.id}
                    dark={dark}
                    onSendModel={onSendModel}
                    onNotebookChange={onNotebookChange}
                    dataFiles={dataFiles}
                  />
                </Suspense>
              </div>
            )}
            {showGraph && state.project && (
              <GraphView
                key={state.project.id}
                graph={graph}
                library={library}
                packets={session.packets}
                dataVersion={sim.dataVersion}
                nodeErrors={sim.nodeErrors}
                selection={selection}
                onSelect={setSelection}
                store={store}
                notify={notify}
                colorMode={theme}
                fitRequest={fitRequest}
                showMiniMap={view === 'graph'}
              />
            )}
            {showText && doc && (
              <Suspense fallback={<div className="pane-loading">Loading editor…</div>}>
                <FbpEditor
                  text={doc.text}
                  textError={doc.textError}
                  graph={graph}
                  library={library}
                  store={store}
                  session={session}
                  engineReady={sim.engine === 'ready'}
                  dark={dark}
                  onProblems={setProblems}
                />
              </Suspense>
            )}
          </div>
        </PanelBoundary>
        <PanelBoundary as="aside" className="right" what="inspector" resetKey={state.project?.id}>
          <Inspector
            graph={graph}
            library={library}
            selection={selection}
            onSelect={setSelection}
            packets={session.packets}
            dataVersion={sim.dataVersion}
            nodeErrors={sim.nodeErrors}
            problems={doc?.textError ? [doc.textError] : problems}
            store={store}
            notify={notify}
          />
        </PanelBoundary>
        <PanelBoundary
          as="section"
          className="bottom"
          what="simulation panel"
          resetKey={state.project?.id}
        >
          <SimPanel
            session={session}
            state={sim}
            graph={graph}
            dark={dark}
            fileStem={stem}
            onRecordToNotebook={() => void onRecordToNotebook()}
          />
        </PanelBoundary>
      </div>
      <input
        ref={fileInput}
        type="file"
        accept=".fbp,.json,text/plain,application/json"
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void onImportFile(f);
        }}
      />
      {firmwareOpen && doc && (
        <FirmwareDialog
          fbpText={doc.text}
          sourceName={`${stem}.fbp`}
          models={state.project?.models}
          onClose={() => setFirmwareOpen(false)}
          onExported={(message) => notify(message)}
        />
      )}
      {settingsOpen && (
        <SettingsDialog onClose={() => setSettingsOpen(false)} onSaved={(m) => notify(m)} />
      )}
      <Toasts toasts={toasts} dismiss={dismiss} />
    </div>
  );
}
