// The damaged records under the project list: what is wrong with each, "Export data" (the raw
// record as JSON, for repair or a bug report) and "Delete" (only when the user asks).
import { useProject, useProjectStore } from './ProjectContext';
import { exportDamagedRecord } from './projectExport';
import './storage.css';

export function DamagedRecords() {
  const store = useProjectStore();
  const damaged = useProject((s) => s.damaged);
  if (damaged.length === 0) return null;
  return (
    <section className="damaged-records" data-testid="damaged-records">
      <h4>Damaged ({damaged.length})</h4>
      <p className="muted small">
        Set aside, not opened; nothing was deleted. “Export data” downloads what is stored, as JSON,
        to repair it or attach to a bug report.
      </p>
      <ul>
        {damaged.map((d) => (
          <li key={d.key} data-testid="damaged-item">
            <span className="damaged-name">{d.name}</span>
            <span className="damaged-problems small">{d.problems.join('; ')}</span>
            <span className="damaged-actions">
              <button
                className="btn small"
                onClick={() => exportDamagedRecord(d)}
                data-testid="damaged-export"
              >
                Export data
              </button>
              <button
                className="btn small danger"
                onClick={() => {
                  if (
                    confirm(
                      `Delete the damaged record “${d.name}”? Export its data first if you may need it.`,
                    )
                  )
                    void store.removeDamaged(d.key);
                }}
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
