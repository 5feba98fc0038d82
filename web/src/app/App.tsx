// The playground: header, sidebar (palette, projects), graph/text/notebook views, inspector and
// the simulation panel. The project store, the engine session and the toasts come from their
// contexts (ProjectContext, SessionContext, NotifyContext); this file holds only the view state
// (theme, view, selection, dialogs) and lays the parts out.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FirmwareDialog } from '../firmware/FirmwareDialog';
import type { Selection } from '../graph/GraphView';
import { Inspector } from '../inspector/Inspector';
import { RealBoardPanel } from '../real-board/RealBoardPanel';
import { libraryFrom } from '../graph-doc/components';
import { SAVE_RETRY_DELAYS_MS } from '../state/projectStore';
import { AppHeader } from './AppHeader';
import { EditorViews, type ViewMode } from './EditorViews';
import { EngineBanner } from './EngineBanner';
import { PanelBoundary } from './ErrorBoundary';
import { useNotify } from './NotifyContext';
import { useProject } from './ProjectContext';
import { useSession } from './SessionContext';
import { SettingsDialog } from './SettingsDialog';
import { Sidebar, type SideTab } from './Sidebar';
import { SimSection } from './SimSection';
import { StorageBanner } from './StorageBanner';
import { useEngineSync } from './useEngineSync';
import { useGraphProblems } from './useGraphProblems';
import { useNotebookBridge } from './useNotebookBridge';
import { useOpenGraph } from './useOpenGraph';
import { modelsOfGraph } from '../ml/modelNode';
import { useProjectActions } from './useProjectActions';
import { useTheme } from './useTheme';
import { useUndoKeys } from './useUndoKeys';
import { useUnsavedGuard } from './useUnsavedGuard';
import { HelpDialog, type HelpPage } from '../help/HelpDialog';
import { Tour, tourDone } from '../help/Tour';
import { useHelpKey } from '../help/useHelpKey';
import { useBottomPanel } from './useBottomPanel';

interface Props {
  initialNotice: { message: string; kind: 'error' | 'info' } | null;
}

export function App({ initialNotice }: Props) {
  const notify = useNotify();
  const [theme, toggleTheme] = useTheme();
  const [view, setView] = useState<ViewMode>('graph');
  const [sideTab, setSideTab] = useState<SideTab>('components');
  const [selection, setSelection] = useState<Selection>(null);
  const [fitRequest, setFitRequest] = useState(0);
  const [dialog, setDialog] = useState<'firmware' | 'settings' | null>(null);
  const requestFit = useCallback(() => setFitRequest((n) => n + 1), []);
  const [help, setHelp] = useState<HelpPage | null>(null);
  // The Board panel, once opened, stays mounted (hidden) so its serial port stays open.
  const [boardPanel, setBoardPanel] = useState<'open' | 'hidden' | null>(null);
  const [tour, setTour] = useState(() => !tourDone());
  const closeHelp = useCallback(() => setHelp(null), []);
  const bottom = useBottomPanel();
  useHelpKey(() => setHelp({ kind: 'shortcuts' }));

  const projectId = useProject((s) => s.project?.id);
  const { doc, graph, stem } = useOpenGraph();
  // One list for the graph view, the text view and the run guard (the engine's validator).
  const problems = useGraphProblems(doc?.text, doc?.textError ?? null);
  const models = useProject((s) => s.project?.models);
  const datasets = useProject((s) => s.project?.datasets);
  const components = useSession((s) => s.components);
  const library = useMemo(() => libraryFrom(components), [components]);
  const actions = useProjectActions({ select: setSelection, requestFit });
  const { onRecordToNotebook, ...notebook } = useNotebookBridge(setSelection);

  useEffect(() => {
    if (initialNotice) notify(initialNotice.message, initialNotice.kind);
  }, [initialNotice, notify]);
  useEngineSync(graph);
  useUnsavedGuard();
  useUndoKeys();

  return (
    <div className="app">
      <AppHeader
        actions={actions}
        theme={theme}
        onTheme={toggleTheme}
        onSettings={() => setDialog('settings')}
        onFirmware={() => setDialog('firmware')}
        onBoard={() => setBoardPanel((b) => (b === 'open' ? 'hidden' : 'open'))}
        requestFit={requestFit}
        onHelp={setHelp}
        onTour={() => setTour(true)}
      />
      <EngineBanner />
      <StorageBanner
        maxRetries={SAVE_RETRY_DELAYS_MS.length}
        onShowDamaged={() => setSideTab('projects')}
      />
      <div
        className={`workspace${view === 'notebook' ? ' notebook-mode' : ''}${bottom.collapsed ? ' bottom-collapsed' : ''}`}
        style={bottom.style}
      >
        <Sidebar tab={sideTab} onTab={setSideTab} actions={actions} />
        {/* A panel that fails to render says why in its place; the rest keeps working. */}
        <PanelBoundary as="main" className="center" what="editor" resetKey={projectId}>
          <EditorViews
            view={view}
            onView={(m) => {
              setView(m);
              requestFit();
            }}
            theme={theme}
            library={library}
            selection={selection}
            onSelect={setSelection}
            fitRequest={fitRequest}
            problems={problems}
            notebook={notebook}
          />
        </PanelBoundary>
        <PanelBoundary as="aside" className="right" what="inspector" resetKey={projectId}>
          <Inspector
            graph={graph}
            library={library}
            selection={selection}
            onSelect={setSelection}
            problems={problems}
            onHelp={(name) => setHelp({ kind: 'component', name })}
          />
        </PanelBoundary>
        <PanelBoundary as="section" className="bottom" what="simulation panel" resetKey={projectId}>
          {bottom.handle}
          <SimSection
            dark={theme === 'dark'}
            onRecordToNotebook={onRecordToNotebook}
            onSelect={setSelection}
          />
        </PanelBoundary>
      </div>
      {dialog === 'firmware' && doc && (
        <FirmwareDialog
          fbpText={doc.text}
          sourceName={`${stem}.fbp`}
          models={models}
          graph={graph}
          datasets={datasets}
          onClose={() => setDialog(null)}
          onExported={(message) => notify(message)}
        />
      )}
      {boardPanel && (
        <RealBoardPanel
          fbpText={doc?.text}
          models={modelsOfGraph(graph, models)}
          hidden={boardPanel === 'hidden'}
          onClose={() => setBoardPanel('hidden')}
        />
      )}
      {help && <HelpDialog page={help} library={library} onClose={closeHelp} />}
      {tour && <Tour onClose={() => setTour(false)} />}
      {dialog === 'settings' && (
        <SettingsDialog onClose={() => setDialog(null)} onSaved={(m) => notify(m)} />
      )}
    </div>
  );
}
