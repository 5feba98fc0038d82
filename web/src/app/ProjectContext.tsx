// The project store for the views: a context holding the ProjectStore, and selector hooks, so
// a view reads the parts of the state it shows instead of receiving the store as a prop.
import { createContext, type ReactNode, useContext } from 'react';
import type { ProjectStore, StoreState } from '../state/projectStore';
import { useSelected } from './useExternal';

const ProjectContext = createContext<ProjectStore | null>(null);

export function ProjectProvider({ store, children }: { store: ProjectStore; children: ReactNode }) {
  return <ProjectContext.Provider value={store}>{children}</ProjectContext.Provider>;
}

/** The store itself, for its actions (edits, open, save). */
export function useProjectStore(): ProjectStore {
  const store = useContext(ProjectContext);
  if (!store) throw new Error('useProjectStore() is used outside a <ProjectProvider>');
  return store;
}

/** A part of the store's state (see useSelected: return a part, not a new object). */
export function useProject<T>(select: (state: StoreState) => T): T {
  return useSelected(useProjectStore(), select);
}
