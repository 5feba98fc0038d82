// Shown when the engine could not start or went away: the project is safe (it lives in
// IndexedDB), and the engine can be restarted.
import { useEngineSession, useSession } from './SessionContext';

export function EngineBanner() {
  const session = useEngineSession();
  const state = useSession((s) => s);
  if (state.engine !== 'failed' && state.engine !== 'disconnected') return null;
  return (
    <div className="engine-banner" role="alert" data-testid="engine-banner">
      <b>
        {state.engine === 'failed'
          ? 'The simulation engine could not start.'
          : 'The simulation engine stopped.'}
      </b>{' '}
      <span>{state.engineMessage}</span>{' '}
      <span className="muted">Your project is saved; editing still works.</span>
      <button
        className="btn small"
        onClick={() => void session.restart()}
        data-testid="engine-restart"
      >
        Restart engine
      </button>
    </div>
  );
}
