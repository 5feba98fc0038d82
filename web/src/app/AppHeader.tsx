// The header wired to the open project: rename, examples, import (a hidden file input), the
// exports, the share link, undo/redo and layout. Header.tsx draws it.
import { useRef } from 'react';
import { downloadText } from '../files/download';
import { autoLayout } from '../graph-doc/layout';
import { measuredSizes } from '../graph/viewPlacement';
import { toNofloJson } from '../graph-doc/nofloJson';
import { encodeShareHash } from '../graph-doc/shareLink';
import { Header } from './Header';
import { useNotify } from './NotifyContext';
import { useProject, useProjectStore } from './ProjectContext';
import { exportOpenProject } from './projectExport';
import { useSession } from './SessionContext';
import { useImportFile } from './useImportFile';
import { useOpenGraph } from './useOpenGraph';
import type { ProjectActions } from './useProjectActions';
import type { Theme } from './useTheme';
import type { HelpPage } from '../help/HelpDialog';

interface Props {
  actions: ProjectActions;
  theme: Theme;
  onTheme: () => void;
  onSettings: () => void;
  onFirmware: () => void;
  onBoard: () => void;
  requestFit: () => void;
  onHelp: (page: HelpPage) => void;
  onTour: () => void;
}

export function AppHeader({
  actions,
  theme,
  onTheme,
  onSettings,
  onFirmware,
  onBoard,
  requestFit,
  onHelp,
  onTour,
}: Props) {
  const store = useProjectStore();
  const notify = useNotify();
  const state = useProject((s) => s);
  const engine = useSession((s) => s.engine);
  const { doc, graph, stem } = useOpenGraph();
  const importFile = useImportFile(actions);
  const fileInput = useRef<HTMLInputElement>(null);

  const onShare = async () => {
    const r = encodeShareHash(graph);
    if (!r.ok) return notify(r.error, 'error');
    const url = `${location.origin}${location.pathname}${r.hash}`;
    // A link carries the graph only: say so when the project has trained models.
    const models = state.project?.models?.length ?? 0;
    const without = models
      ? ` It does not carry the project's ${models === 1 ? 'trained model' : `${models} trained models`}` +
        ' or its notebook: use Export → Project file (everything) to share those.'
      : '';
    try {
      await navigator.clipboard.writeText(url);
      notify(`Link copied: it opens this graph as a new project.${without}`);
    } catch {
      prompt('Copy this link:', url);
    }
  };

  return (
    <>
      <Header
        state={state}
        engine={engine}
        canUndo={store.canUndo}
        canRedo={store.canRedo}
        onRename={(name) => state.project && void store.rename(state.project.id, name)}
        onExample={(id) => void actions.openExample(id)}
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
        onExportFirmware={onFirmware}
        onBoard={onBoard}
        onShare={() => void onShare()}
        onUndo={() => store.undo()}
        onRedo={() => store.redo()}
        onLayout={() => {
          store.editGraph((g) => autoLayout(g, measuredSizes()));
          requestFit();
        }}
        theme={theme}
        onTheme={onTheme}
        onSettings={onSettings}
        onHelp={onHelp}
        onTour={onTour}
      />
      <input
        ref={fileInput}
        type="file"
        accept=".fbp,.json,text/plain,application/json"
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
    </>
  );
}
