// The Board panel's handle on a RealBoardSession: one session per chosen board, kept while the
// panel is hidden (the port stays open), its state rendered through useSyncExternalStore, and
// the project's graph edits passed on so the panel can say when a re-upload is needed.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RealBoard } from './boards';
import { RealBoardSession } from './realBoardSession';
import { webSerial } from './webSerial';

export function useRealBoard(board: RealBoard, fbpText: string | undefined) {
  const base = import.meta.env?.BASE_URL ?? '/';
  const session = useMemo(
    () => new RealBoardSession(board, typeof navigator === 'undefined' ? null : webSerial(), base),
    [board, base],
  );
  const state = useSyncExternalStore(session.subscribe, session.getState);
  useEffect(() => () => void session.disconnect(), [session]);
  useEffect(() => {
    if (fbpText !== undefined) void session.graphEdited(fbpText);
  }, [session, fbpText]);
  return { session, state };
}
