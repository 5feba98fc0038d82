// The notebook's settings panel: the package index Pyodide loads numpy / scipy /
// scikit-learn from (a local mirror for offline labs).
import { useState } from 'react';
import type { NotebookMessage } from './notebookMessage';
import { normalizeIndexUrl, packageIndexUrl, setPackageIndexUrl } from './settings';

export function PackageIndexSettings({
  onDone,
  say,
}: {
  onDone: () => void;
  say: (message: NotebookMessage) => void;
}) {
  const [draft, setDraft] = useState(packageIndexUrl());
  const save = () => {
    const result = normalizeIndexUrl(draft);
    if ('error' in result) {
      say({ text: result.error, kind: 'error' });
      return;
    }
    setPackageIndexUrl(result.url);
    setDraft(result.url);
    onDone();
    say({ text: `Package index set to ${result.url}; it applies after Restart.`, kind: 'info' });
  };
  return (
    <div className="nb-settings">
      <label>
        Package index for numpy / scipy / scikit-learn (a mirror of Pyodide&apos;s packages for
        offline labs)
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          data-testid="nb-index-url"
        />
      </label>
      <button onClick={save}>Save</button>
      <button
        onClick={() => {
          setPackageIndexUrl(null);
          setDraft(packageIndexUrl());
        }}
      >
        Default
      </button>
    </div>
  );
}
