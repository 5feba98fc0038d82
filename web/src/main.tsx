import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
import { boot } from './app/boot';
import { EngineSession } from './sim/engineSession';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);

async function main() {
  const session = new EngineSession();
  // The engine loads in its worker while the project opens: editing never waits for it.
  void session.start();
  // Hook for the end-to-end test of a worker crash (tests/e2e).
  (window as unknown as { __emflowKillEngine?: () => void }).__emflowKillEngine = () =>
    session.terminateForTest();
  try {
    const { store, notice } = await boot();
    root.render(
      <StrictMode>
        <Root store={store} session={session} initialNotice={notice} />
      </StrictMode>,
    );
  } catch (e) {
    root.render(
      <div className="fatal">
        <h1>emflow could not open its project storage</h1>
        <p>{e instanceof Error ? e.message : String(e)}</p>
        <p>IndexedDB may be disabled (private browsing?). Your browser must allow site storage.</p>
      </div>,
    );
  }
}

void main();
