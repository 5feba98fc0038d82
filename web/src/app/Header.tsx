// The header: the project's name and save state, file actions, undo/redo, layout, the
// engine's state and the theme.
import { useEffect, useState } from 'react';
import type { EngineState } from '../sim/engineSession';
import type { StoreState } from '../state/projectStore';
import { EXAMPLES } from '../examples/examples';
import { Menu } from './Menu';
import type { HelpPage } from '../help/HelpDialog';

interface Props {
  state: StoreState;
  engine: EngineState;
  canUndo: boolean;
  canRedo: boolean;
  onRename: (name: string) => void;
  onExample: (id: string) => void;
  onImport: () => void;
  onExportFbp: () => void;
  onExportJson: () => void;
  onExportProject: () => void;
  onExportFirmware: () => void;
  /** Shows the Board panel (a real board on a serial port). */
  onBoard: () => void;
  onShare: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  theme: 'dark' | 'light';
  onTheme: () => void;
  onSettings: () => void;
  onHelp: (page: HelpPage) => void;
  onTour: () => void;
}

const ENGINE_LABEL: Record<EngineState, string> = {
  loading: 'engine loading…',
  ready: 'engine ready',
  failed: 'engine failed',
  disconnected: 'engine disconnected',
};

/** The project's name (edited in place) and its save state. */
function ProjectTitle(p: Props) {
  const name = p.state.project?.name ?? '';
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);
  const save = p.state.saveState;
  return (
    <>
      <input
        className="project-title"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft.trim() && draft !== name && p.onRename(draft)}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        aria-label="Project name"
        data-testid="project-title"
        disabled={!p.state.project}
      />
      <span
        className={`save-state ${save}`}
        data-testid="save-state"
        title={p.state.saveError ?? undefined}
      >
        {save === 'saved' ? 'saved' : save === 'pending' ? 'saving…' : 'NOT SAVED'}
      </span>
    </>
  );
}

/** Examples, Import, the exports and the share link. */
function FileActions(p: Props) {
  return (
    <>
      <Menu
        label="Examples"
        testId="menu-examples"
        items={EXAMPLES.map((e) => ({
          label: e.title,
          hint: e.description,
          onSelect: () => p.onExample(e.id),
          testId: `example-${e.id}`,
        }))}
      />
      <button className="btn" onClick={p.onImport} data-testid="import">
        Import
      </button>
      <Menu
        label="Export"
        testId="menu-export"
        items={[
          { label: '.fbp text', onSelect: p.onExportFbp, testId: 'export-fbp' },
          { label: 'JSON graph (NoFlo)', onSelect: p.onExportJson, testId: 'export-json' },
          {
            label: 'Project file (everything)',
            hint: 'graph, text, notebook, models, datasets (.emflow.json)',
            onSelect: p.onExportProject,
            testId: 'export-project',
          },
          {
            label: 'Download firmware…',
            hint: 'Arduino sketch (.zip)',
            onSelect: p.onExportFirmware,
            testId: 'export-firmware',
          },
        ]}
      />
      <button
        className="btn"
        onClick={p.onShare}
        title="Copy a link that carries this graph"
        data-testid="share"
      >
        Share link
      </button>
    </>
  );
}

export function Header(p: Props) {
  return (
    <header className="header">
      <div className="brand">
        <span className="logo">◆</span> emflow
      </div>
      <ProjectTitle {...p} />
      <nav className="actions">
        <FileActions {...p} />
        <span className="sep" />
        <button
          className="btn icon"
          onClick={p.onUndo}
          disabled={!p.canUndo}
          title="Undo (Ctrl+Z)"
          aria-label="Undo"
          data-testid="undo"
        >
          ↶
        </button>
        <button
          className="btn icon"
          onClick={p.onRedo}
          disabled={!p.canRedo}
          title="Redo (Ctrl+Shift+Z)"
          aria-label="Redo"
          data-testid="redo"
        >
          ↷
        </button>
        <button
          className="btn"
          onClick={p.onLayout}
          title="Arrange the nodes automatically"
          data-testid="auto-layout"
        >
          Auto-layout
        </button>
        <span className="sep" />
        <button
          className="btn"
          onClick={p.onBoard}
          title="A real board on a serial port: flash, upload the graph, watch its packets"
          data-testid="open-board"
        >
          Board
        </button>
        <Menu
          label="Help"
          testId="menu-help"
          items={[
            {
              label: 'Getting started',
              hint: 'the playground, step by step',
              onSelect: () => p.onHelp({ kind: 'doc', id: 'getting-started' }),
              testId: 'help-guides',
            },
            {
              label: 'Components',
              hint: 'a page per component: ports, types, an example',
              onSelect: () => p.onHelp({ kind: 'component', name: 'Timer' }),
              testId: 'help-components',
            },
            {
              label: 'Keyboard shortcuts',
              hint: '?',
              onSelect: () => p.onHelp({ kind: 'shortcuts' }),
              testId: 'help-shortcuts',
            },
            { label: 'Show the tour', onSelect: p.onTour, testId: 'help-tour' },
          ]}
        />
        <span className={`engine-badge ${p.engine}`} data-testid="engine-state">
          {ENGINE_LABEL[p.engine]}
        </span>
        <button
          className="btn icon"
          onClick={p.onSettings}
          title="Settings"
          aria-label="Settings"
          data-testid="settings"
        >
          ⚙
        </button>
        <button
          className="btn icon"
          onClick={p.onTheme}
          title="Switch theme"
          aria-label="Switch theme"
        >
          {p.theme === 'dark' ? '☀' : '☾'}
        </button>
      </nav>
    </header>
  );
}
