// The engine session for the views: a context holding the EngineSession, and selector hooks, so
// a view reads the parts of the simulation it shows instead of receiving the session as a prop.
import { createContext, type ReactNode, useContext } from 'react';
import type { EngineSession, SessionState } from '../sim/engineSession';
import { useSelected } from './useExternal';

const SessionContext = createContext<EngineSession | null>(null);

export function SessionProvider({
  session,
  children,
}: {
  session: EngineSession;
  children: ReactNode;
}) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session itself, for its actions (run, validate, restart) and its mutable packet maps. */
export function useEngineSession(): EngineSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useEngineSession() is used outside a <SessionProvider>');
  return session;
}

/** A part of the session's state (see useSelected: return a part, not a new object). */
export function useSession<T>(select: (state: SessionState) => T): T {
  return useSelected(useEngineSession(), select);
}
