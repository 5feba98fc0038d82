// Tells the user in words when their work is not safely stored: a failing autosave (with
// "Export now" and "Retry now"), a refused project switch or write, and stored projects that
// are damaged and were set aside. Shown under the header until the problem is gone.
import { useState } from 'react';
import { useProject, useProjectStore } from './ProjectContext';
import { exportOpenProject } from './projectExport';
import './storage.css';

interface Props {
  /** Retries after the first failed write (the store's delay list). */
  maxRetries: number;
  onShowDamaged: () => void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function StorageBanner({ maxRetries, onShowDamaged }: Props) {
  const store = useProjectStore();
  const state = useProject((s) => s);
  const failing = state.saveState === 'error';
  const { damaged, notice } = state;
  // The damaged-records line can be hidden for the session; it returns when the set changes.
  const damagedKeys = damaged.map((d) => d.key).join('\n');
  const [hiddenDamaged, setHiddenDamaged] = useState<string | null>(null);
  const showDamaged = damaged.length > 0 && hiddenDamaged !== damagedKeys;
  if (!failing && !notice && !showDamaged) return null;
  const exportNow = (
    <button
      className="btn small primary"
      onClick={() => exportOpenProject(store)}
      data-testid="export-now"
    >
      Export now
    </button>
  );
  return (
    <div className="storage-banners">
      {failing && (
        <div className="storage-banner error" role="alert" data-testid="save-failing">
          <span>
            <b>Your latest changes are not saved</b> — {state.saveError ?? 'storage failed'}.{' '}
            {state.rescued
              ? 'They are kept in this tab and in a rescue copy that comes back at the next start.'
              : 'They are kept in this tab only: do not close it until the header says “saved”.'}{' '}
            {state.nextRetryAt !== null
              ? `Retrying by itself (attempt ${state.saveFailures + 1} of ${maxRetries + 1}).`
              : 'Automatic retries stopped; your next change or “Retry now” tries again.'}{' '}
            Free some space (old projects, other sites' data) or download the project.
          </span>
          {exportNow}
          <button
            className="btn small"
            onClick={() => void store.retrySave()}
            data-testid="retry-save"
          >
            Retry now
          </button>
        </div>
      )}
      {notice && (
        <div className="storage-banner warn" role="alert" data-testid="storage-notice">
          <span>{notice}</span>
          {/* A refused switch or write: the open project's changes are at stake. */}
          {!failing && store.unsaved ? exportNow : null}
          <button className="icon-btn" onClick={() => store.dismissNotice()} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      {showDamaged && (
        <div className="storage-banner warn" role="status" data-testid="damaged-notice">
          <span>
            <b>{plural(damaged.length, 'saved project', 'saved projects')} could not be opened</b>{' '}
            because {damaged.length === 1 ? 'its' : 'their'} stored data is damaged:{' '}
            {damaged
              .slice(0, 3)
              .map((d) => `“${d.name}” (${d.problems[0]})`)
              .join(', ')}
            {damaged.length > 3 ? ` and ${damaged.length - 3} more` : ''}.{' '}
            {damaged.length === 1 ? 'It was' : 'They were'} set aside, not deleted: you can export
            the data or delete it. Your other projects are fine.
          </span>
          <button className="btn small" onClick={onShowDamaged} data-testid="show-damaged">
            Show
          </button>
          <button
            className="icon-btn"
            onClick={() => setHiddenDamaged(damagedKeys)}
            aria-label="Hide until the damaged records change"
            title="Hide (the list stays under Projects)"
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
