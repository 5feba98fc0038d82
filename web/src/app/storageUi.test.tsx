// The words the user sees about storage problems, rendered by React in jsdom: the banner of a
// failing save (with Export now / Retry now), the damaged-records notice, and the recovery
// screen the top-level error boundary shows instead of a blank page.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBoundary, PanelBoundary } from './ErrorBoundary';
import { ProjectProvider } from './ProjectContext';
import { RecoveryScreen } from './RecoveryScreen';
import { StorageBanner } from './StorageBanner';
import { useExternal } from './useExternal';
import { ProjectDb } from '../persist/projectDb';
import { documentFromText } from '../state/document';
import { ProjectStore } from '../state/projectStore';
import { FRIDGE_FBP } from '../test-support/fixtures';

let dbName: string;
let counter = 0;
const realPut = IDBObjectStore.prototype.put;
beforeEach(() => {
  dbName = `emflow-ui-test-${++counter}`;
  localStorage.clear();
});
afterEach(() => {
  IDBObjectStore.prototype.put = realPut;
  cleanup();
});

const load = async () => new ProjectStore(await ProjectDb.open(dbName), 0, [60_000]);

/** Makes IndexedDB refuse project writes as a full disk does. */
const fillDisk = () => {
  IDBObjectStore.prototype.put = function () {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
};

async function seedDamaged(): Promise<void> {
  const db = await openDB(dbName);
  const graph = documentFromText(FRIDGE_FBP).graph;
  const damaged = { id: 'bad', name: 'Broken fridge', graph: null, text: '', createdAt: 1 };
  await db.put('projects', { ...damaged, updatedAt: 2 });
  await db.put('projects', { ...damaged, id: 'bad2', name: 'No times', graph, updatedAt: 'x' });
  db.close();
}

/** The banner under the store's context, as the app shows it. */
function Banner({ store }: { store: ProjectStore }) {
  return (
    <ProjectProvider store={store}>
      <StorageBanner maxRetries={8} onShowDamaged={() => {}} />
    </ProjectProvider>
  );
}

describe('storage problems in words', () => {
  it('a failing save shows why, that the edit is kept, Export now and Retry now', async () => {
    const store = await load();
    await store.create('Fridge', documentFromText(FRIDGE_FBP));
    render(<Banner store={store} />);
    expect(screen.queryByTestId('save-failing')).toBeNull();

    fillDisk();
    store.editText(FRIDGE_FBP + '# more\n');
    await store.flush();
    const banner = await screen.findByTestId('save-failing');
    expect(banner.textContent).toContain('Your latest changes are not saved');
    expect(banner.textContent).toContain("the browser's storage for this site is full");
    expect(banner.textContent).toContain('kept in this tab');
    expect(banner.textContent).toContain('Retrying by itself (attempt 2 of 9)');
    expect(screen.getByTestId('export-now')).toBeTruthy();

    IDBObjectStore.prototype.put = realPut;
    fireEvent.click(screen.getByTestId('retry-save'));
    await waitFor(() => expect(screen.queryByTestId('save-failing')).toBeNull());
    expect(store.getState().saveState).toBe('saved');
  });

  it('damaged records get one notice naming them and what is wrong', async () => {
    const store = await load();
    (await ProjectDb.open(dbName)).close();
    await seedDamaged();
    await store.refreshList();
    render(<Banner store={store} />);
    const notice = screen.getByTestId('damaged-notice');
    expect(notice.textContent).toContain('2 saved projects could not be opened');
    expect(notice.textContent).toContain('“Broken fridge” (graph is null)');
    expect(notice.textContent).toContain('“No times” (updatedAt is a string, not a time)');
    expect(notice.textContent).toContain('set aside, not deleted');
    // Hidden on request; a new damaged record brings it back.
    fireEvent.click(screen.getByRole('button', { name: /Hide until/ }));
    expect(screen.queryByTestId('damaged-notice')).toBeNull();
    const db = await openDB(dbName);
    await db.put('projects', { id: 'bad3', name: 'Third', graph: 7 });
    db.close();
    await store.refreshList();
    expect((await screen.findByTestId('damaged-notice')).textContent).toContain(
      '3 saved projects could not be opened',
    );
  });

  it('a panel that throws says so in its place and comes back when another project opens', () => {
    const quiet = console.error;
    console.error = () => {}; // React and the boundary log the expected error
    try {
      const Panel = ({ id }: { id: string }) => {
        if (id === 'bad') throw new Error('node 3 has no ports');
        return <p data-testid="panel-ok">{id}</p>;
      };
      const tree = (id: string) => (
        <div>
          <PanelBoundary as="main" className="center" what="editor" resetKey={id}>
            <Panel id={id} />
          </PanelBoundary>
          <aside data-testid="sidebar">projects</aside>
        </div>
      );
      const { rerender } = render(tree('bad'));
      const error = screen.getByTestId('panel-error');
      expect(error.textContent).toContain('The editor stopped working.');
      expect(error.textContent).toContain('node 3 has no ports');
      expect(error.closest('main')?.className).toBe('center');
      expect(screen.getByTestId('sidebar')).toBeTruthy();
      rerender(tree('good'));
      expect(screen.getByTestId('panel-ok').textContent).toBe('good');
    } finally {
      console.error = quiet;
    }
  });

  it('a view that throws is replaced by the recovery screen with the projects and export', async () => {
    const store = await load();
    const first = await store.create('First', documentFromText(FRIDGE_FBP));
    await store.create('Second', documentFromText(FRIDGE_FBP));
    await seedDamaged();
    await store.refreshList();
    /** Throws while "Second" is open, as a view would on a record it cannot draw. */
    function View() {
      const state = useExternal(store);
      if (state.project?.name === 'Second') throw new Error('cannot draw node 3');
      return <p data-testid="view">{state.project?.name} is open</p>;
    }
    const quiet = console.error;
    console.error = () => {}; // React and the boundary log the expected error
    try {
      render(
        <ProjectProvider store={store}>
          <ErrorBoundary
            fallback={(error, reset) => <RecoveryScreen error={error} onRetry={reset} />}
          >
            <View />
          </ErrorBoundary>
        </ProjectProvider>,
      );
      const recovery = screen.getByTestId('recovery');
      expect(recovery.textContent).toContain('cannot draw node 3');
      expect(recovery.textContent).toContain('“Second” is open');
      expect(screen.getByTestId('export-now').textContent).toBe('Export “Second” now');
      expect(screen.getByTestId('recovery-projects').textContent).toContain('First');
      expect(screen.getAllByTestId('damaged-item')).toHaveLength(2);

      // Opening another project brings the app back.
      fireEvent.click(screen.getByRole('button', { name: 'Open First' }));
      await screen.findByTestId('view');
      expect(store.getState().project?.id).toBe(first);
    } finally {
      console.error = quiet;
    }
  });
});
