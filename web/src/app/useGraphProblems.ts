// The open graph's problems for every view: the text's parse error at once, else the engine's
// validator on the text (debounced), so the graph view and the text view list the same lines
// as `emflow check` whichever of them is shown.
import { useEffect, useState } from 'react';
import type { Diagnostic } from '../graph-doc/diagnostics';
import { toDiagnostics } from '../graph-doc/problems';
import { useEngineSession, useSession } from './SessionContext';

const VALIDATE_DELAY_MS = 300;

export function useGraphProblems(text: string | undefined, textError: Diagnostic | null) {
  const session = useEngineSession();
  const engineReady = useSession((s) => s.engine === 'ready');
  const [engineProblems, setEngineProblems] = useState<Diagnostic[]>([]);

  useEffect(() => {
    if (textError || !engineReady || text === undefined) {
      setEngineProblems([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await session.validate(text);
      if (!cancelled && result) setEngineProblems(toDiagnostics(result.problems));
    }, VALIDATE_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, textError, engineReady, session]);

  return textError ? [textError] : engineProblems;
}
