// Help, served by the app itself (offline): the project's docs pages, a generated page per
// component, and the shortcut sheet. Opens at a given page (a component name in the
// inspector links here); Esc or the backdrop closes it.
import { useMemo, useState } from 'react';
import type { ComponentLibrary } from '../graph-doc/components';
import { renderMarkdown } from '../notebook/markdown';
import { componentMarkdown } from './componentPage';
import { DOC_PAGES, docById, forHelp } from './docs';
import { SHORTCUTS } from './shortcuts';
import { useEscape } from './useEscape';

/** What Help shows: a docs page, a component page, or the shortcut sheet. */
export type HelpPage =
  { kind: 'doc'; id: string } | { kind: 'component'; name: string } | { kind: 'shortcuts' };

interface Props {
  page: HelpPage;
  library: ComponentLibrary;
  onClose: () => void;
}

export function ShortcutTable() {
  return (
    <table className="shortcut-table" data-testid="shortcut-sheet">
      <tbody>
        {SHORTCUTS.map((s) => (
          <tr key={s.keys}>
            <td>
              <kbd>{s.keys}</kbd>
            </td>
            <td>{s.what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HelpDialog({ page: initial, library, onClose }: Props) {
  const [page, setPage] = useState<HelpPage>(initial);
  useEscape(onClose);
  const html = useMemo(() => {
    if (page.kind === 'doc')
      return renderMarkdown(forHelp(docById(page.id)?.markdown ?? 'No such page.'));
    if (page.kind === 'component') {
      const info = library.get(page.name);
      return renderMarkdown(
        info
          ? componentMarkdown(info)
          : `# ${page.name}\n\nNot a component of the engine's library.`,
      );
    }
    return null;
  }, [page, library]);
  const components = [...library.keys()].sort();
  const is = (p: HelpPage) => JSON.stringify(p) === JSON.stringify(page);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog help-dialog" role="dialog" aria-label="Help" data-testid="help-dialog">
        <nav className="help-nav small" aria-label="Help pages">
          <button
            className={is({ kind: 'shortcuts' }) ? 'active' : ''}
            onClick={() => setPage({ kind: 'shortcuts' })}
          >
            Keyboard shortcuts
          </button>
          <div className="help-nav-head muted">Guides</div>
          {DOC_PAGES.map((d) => (
            <button
              key={d.id}
              className={is({ kind: 'doc', id: d.id }) ? 'active' : ''}
              onClick={() => setPage({ kind: 'doc', id: d.id })}
              data-testid={`help-doc-${d.id}`}
            >
              {d.title}
            </button>
          ))}
          <div className="help-nav-head muted">Components</div>
          {components.map((name) => (
            <button
              key={name}
              className={is({ kind: 'component', name }) ? 'active' : ''}
              onClick={() => setPage({ kind: 'component', name })}
              data-testid={`help-component-${name}`}
            >
              {name}
            </button>
          ))}
        </nav>
        <article className="help-body" data-testid="help-body">
          <button className="btn small help-close" onClick={onClose} aria-label="Close help">
            ✕
          </button>
          {html === null ? (
            <>
              <h1>Keyboard shortcuts</h1>
              <ShortcutTable />
            </>
          ) : (
            // renderMarkdown escapes everything first (web/src/notebook/markdown.ts).
            <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
          )}
        </article>
      </div>
    </div>
  );
}
