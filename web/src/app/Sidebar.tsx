// The left column: the component palette (click or drag to add) and the project list with the
// damaged records under it.
import { DamagedRecords } from './DamagedRecords';
import { Palette } from '../sidebar/Palette';
import { ProjectList } from '../sidebar/ProjectList';
import { useProject, useProjectStore } from './ProjectContext';
import { useSession } from './SessionContext';
import type { ProjectActions } from './useProjectActions';

export type SideTab = 'components' | 'projects';

interface Props {
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  actions: ProjectActions;
}

export function Sidebar({ tab, onTab, actions }: Props) {
  const store = useProjectStore();
  const projects = useProject((s) => s.projects);
  const currentId = useProject((s) => s.project?.id ?? null);
  const components = useSession((s) => s.components);
  const engine = useSession((s) => s.engine);
  const tabButton = (t: SideTab, label: string) => (
    <button className={tab === t ? 'active' : ''} onClick={() => onTab(t)} data-testid={`tab-${t}`}>
      {label}
    </button>
  );
  return (
    <aside className="sidebar">
      <div className="tabs">
        {tabButton('components', 'Components')}
        {tabButton('projects', 'Projects')}
      </div>
      {tab === 'components' ? (
        <Palette components={components} engine={engine} onAdd={actions.addComponent} />
      ) : (
        <>
          <ProjectList
            projects={projects}
            currentId={currentId}
            onOpen={(id) => void actions.openProject(id)}
            onRename={(id, name) => void store.rename(id, name)}
            onDuplicate={(id) => void store.duplicate(id)}
            onDelete={(id) => void store.remove(id)}
            onNew={() => void actions.newProject()}
          />
          <DamagedRecords />
        </>
      )}
    </aside>
  );
}
