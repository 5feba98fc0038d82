// The project list: every project saved in this browser, most recent first, with open,
// rename, duplicate and delete.
import { useState } from 'react';
import type { ProjectSummary } from '../persist/projectDb';

interface Props {
  projects: ProjectSummary[];
  currentId: string | null;
  onOpen: (id: string) => void;
  onRename: (id: string, name: string) => void;
  onDuplicate: (id: string) => void;
  onDelete: (id: string) => void;
  onNew: () => void;
}

const when = (t: number) => {
  const d = new Date(t);
  const today = new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString();
};

export function ProjectList({
  projects,
  currentId,
  onOpen,
  onRename,
  onDuplicate,
  onDelete,
  onNew,
}: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  return (
    <div className="projects" data-testid="project-list">
      <button className="btn wide" onClick={onNew}>
        + New project
      </button>
      <ul>
        {projects.map((p) => (
          <li key={p.id} className={p.id === currentId ? 'current' : ''} data-testid="project-item">
            {editing === p.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  onRename(p.id, draft);
                  setEditing(null);
                }}
              >
                <input
                  autoFocus
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  onBlur={() => setEditing(null)}
                  onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                  aria-label="Project name"
                />
              </form>
            ) : (
              <button className="project-open" onClick={() => onOpen(p.id)} title="Open">
                <span className="project-name">{p.name}</span>
                <span className="project-time">{when(p.updatedAt)}</span>
              </button>
            )}
            <span className="project-actions">
              <button
                className="icon-btn"
                title="Rename"
                aria-label={`Rename ${p.name}`}
                onClick={() => {
                  setDraft(p.name);
                  setEditing(p.id);
                }}
              >
                ✎
              </button>
              <button
                className="icon-btn"
                title="Duplicate"
                aria-label={`Duplicate ${p.name}`}
                onClick={() => onDuplicate(p.id)}
              >
                ⧉
              </button>
              <button
                className="icon-btn danger"
                title="Delete"
                aria-label={`Delete ${p.name}`}
                onClick={() => {
                  if (confirm(`Delete “${p.name}”? This cannot be undone.`)) onDelete(p.id);
                }}
              >
                ✕
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
