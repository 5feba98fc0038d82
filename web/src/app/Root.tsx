// The app under its contexts (project store, engine session, toasts) and its last-resort error
// boundary: if rendering the app fails, the recovery screen (project list, export of the open
// project, damaged records) replaces it instead of a blank page.
import type { ComponentProps } from 'react';
import type { EngineSession } from '../sim/engineSession';
import type { ProjectStore } from '../state/projectStore';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import { NotifyProvider } from './NotifyContext';
import { ProjectProvider } from './ProjectContext';
import { RecoveryScreen } from './RecoveryScreen';
import { SessionProvider } from './SessionContext';

interface Props extends ComponentProps<typeof App> {
  store: ProjectStore;
  session: EngineSession;
}

export function Root({ store, session, ...app }: Props) {
  return (
    <ProjectProvider store={store}>
      <SessionProvider session={session}>
        <NotifyProvider>
          <ErrorBoundary
            fallback={(error, reset) => <RecoveryScreen error={error} onRetry={reset} />}
          >
            <App {...app} />
          </ErrorBoundary>
        </NotifyProvider>
      </SessionProvider>
    </ProjectProvider>
  );
}
