// What the user sees when the app itself failed to render (the top-level error boundary): the
// error in words, the open project's export (from memory, so unsaved work can still be
// downloaded), the project list to open another one, and the damaged records to export.
import { DamagedRecords } from './DamagedRecords';
import { useProject, useProjectStore } from './ProjectContext';
import { exportOpenProject } from './projectExport';
import './storage.css';

interface Props {
  error: Error;
  onRetry: () => void;
}

export function RecoveryScreen({ error, onRetry }: Props) {
  const store = useProjectStore();
  const state = useProject((s) => s);
  const open = state.project;
  return (
    <div className="recovery" role="alert" data-testid="recovery">
      <h1>emflow hit an error and stopped showing the editor</h1>
      <p className="mono">{error.message}</p>
      <p>
        Your projects are still in this browser.{' '}
        {open
          ? `“${open.name}” is open${store.unsaved ? ' with changes that are not saved yet' : ''}: download it before anything else.`
          : 'Open one of them below, or reload the page.'}
      </p>
      <div className="row">
        {open && (
          <button
            className="btn primary"
            onClick={() => exportOpenProject(store)}
            data-testid="export-now"
          >
            Export “{open.name}” now
          </button>
        )}
        <button className="btn" onClick={onRetry}>
          Try again
        </button>
        <button className="btn" onClick={() => location.reload()}>
          Reload the page
        </button>
      </div>
      <h3>Projects</h3>
      <ul data-testid="recovery-projects">
        {state.projects.map((p) => (
          <li key={p.id}>
            <button
              className="btn small"
              onClick={() => void store.open(p.id).then((ok) => ok && onRetry())}
              disabled={p.id === open?.id}
              aria-label={`Open ${p.name}`}
            >
              Open
            </button>{' '}
            {p.name}
            {p.id === open?.id ? ' (open)' : ''}
          </li>
        ))}
      </ul>
      {state.notice && <p className="warn">{state.notice}</p>}
      <DamagedRecords />
    </div>
  );
}
