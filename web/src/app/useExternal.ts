// Reading the framework-free stores (ProjectStore, EngineSession) from React.
import { useSyncExternalStore } from 'react';

export interface External<T> {
  subscribe: (listener: () => void) => () => void;
  getState: () => T;
}

export const useExternal = <T>(source: External<T>): T =>
  useSyncExternalStore(source.subscribe, source.getState, source.getState);

/**
 * One part of a store's state: the view re-renders only when that part changes. `select` must
 * return a part of the state or a primitive, never a new object per call (that would re-render
 * without end).
 */
export function useSelected<T, S>(source: External<T>, select: (state: T) => S): S {
  const get = () => select(source.getState());
  return useSyncExternalStore(source.subscribe, get, get);
}
