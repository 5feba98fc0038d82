// The project context's selector hook: a view re-renders when the part it selects changes and
// not for changes elsewhere in the store's state; the store's actions come from the context;
// a hook outside its provider fails with a message that names the provider.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { moveNodes } from '../graph-doc/graph';
import { ProjectDb } from '../persist/projectDb';
import { documentFromText } from '../state/document';
import { ProjectStore } from '../state/projectStore';
import { FRIDGE_FBP } from '../test-support/fixtures';
import { ProjectProvider, useProject, useProjectStore } from './ProjectContext';

let counter = 0;
afterEach(cleanup);

describe('useProject(select)', () => {
  it('re-renders a view for the part it selects only', async () => {
    const store = new ProjectStore(await ProjectDb.open(`emflow-ctx-${++counter}`), 0);
    await store.create('Fridge', documentFromText(FRIDGE_FBP));
    let renders = 0;
    /** Shows the name; its button renames through the store from the context. */
    function Name() {
      renders++;
      const name = useProject((s) => s.project?.name);
      const id = useProject((s) => s.project?.id ?? '');
      const fromContext = useProjectStore();
      return (
        <button data-testid="name" onClick={() => void fromContext.rename(id, 'Cold')}>
          {name}
        </button>
      );
    }
    render(
      <ProjectProvider store={store}>
        <Name />
      </ProjectProvider>,
    );
    expect(screen.getByTestId('name').textContent).toBe('Fridge');
    const before = renders;

    // A moved node and the save state are other parts of the state: no render.
    act(() => store.editGraph((g) => moveNodes(g, new Map([['timer', { x: 9, y: 9 }]]))));
    expect(store.getState().saveState).toBe('pending');
    await act(() => store.flush());
    expect(store.getState().saveState).toBe('saved');
    expect(renders).toBe(before);

    // The name is its part: it renders again with the new name.
    await act(async () => screen.getByTestId('name').click());
    await act(() => store.flush());
    expect(screen.getByTestId('name').textContent).toBe('Cold');
    expect(renders).toBeGreaterThan(before);
  });

  it('says which provider is missing', () => {
    function Orphan() {
      useProject((s) => s.projects);
      return null;
    }
    const quiet = console.error;
    console.error = () => {}; // React logs the expected error
    try {
      expect(() => render(<Orphan />)).toThrow(/outside a <ProjectProvider>/);
    } finally {
      console.error = quiet;
    }
  });
});
