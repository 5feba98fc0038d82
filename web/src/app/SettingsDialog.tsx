// The app's settings: where the notebook loads numpy / scipy / scikit-learn from (the same
// setting as the notebook's own Settings; web/src/notebook/settings.ts). It takes effect when
// Python next starts, so an open notebook needs a Restart.
import { useEscape } from '../help/useEscape';
import { useState } from 'react';
import {
  buildTimePackageIndex,
  normalizeIndexUrl,
  packageIndexUrl,
  setPackageIndexUrl,
} from '../notebook/settings';

interface Props {
  onClose: () => void;
  onSaved: (message: string) => void;
}

export function SettingsDialog({ onClose, onSaved }: Props) {
  useEscape(onClose);
  const [indexUrl, setIndexUrl] = useState(packageIndexUrl());
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    const r = normalizeIndexUrl(indexUrl);
    if ('error' in r) return setError(r.error);
    setPackageIndexUrl(r.url === buildTimePackageIndex() ? null : r.url);
    onSaved(`Package index: ${r.url} — used when Python next starts (Notebook → Restart).`);
    onClose();
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-label="Settings" data-testid="settings-dialog">
        <h2>Settings</h2>
        <label className="dialog-field">
          Package index for the notebook&apos;s numpy / scipy / scikit-learn
          <input
            value={indexUrl}
            onChange={(e) => {
              setIndexUrl(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => e.key === 'Enter' && save()}
            spellCheck={false}
            data-testid="settings-index-url"
          />
        </label>
        <p className="muted small">
          Default: {buildTimePackageIndex()} (set at build time by VITE_PYODIDE_PACKAGE_INDEX). For
          an offline lab, a mirror of the bundled Pyodide&apos;s packages. Without it the notebook
          trains with emflow&apos;s built-in trainer and says so.
        </p>
        {error && (
          <ul className="dialog-errors" data-testid="settings-error">
            <li>{error}</li>
          </ul>
        )}
        <div className="dialog-actions">
          <button className="btn" onClick={() => setIndexUrl(buildTimePackageIndex())}>
            Default
          </button>
          <span className="spacer" />
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button className="btn primary" onClick={save} data-testid="settings-save">
            Save
          </button>
        </div>
      </div>
    </div>
  );
}
