// Reading the framework-free stores from React.
import { useSyncExternalStore } from 'react';

interface External<T> {
  subscribe: (listener: () => void) => () => void;
  getState: () => T;
}

export const useExternal = <T>(source: External<T>): T =>
  useSyncExternalStore(source.subscribe, source.getState, source.getState);
