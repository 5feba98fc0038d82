// The app under its last-resort error boundary: if rendering the app fails, the recovery
// screen (project list, export of the open project, damaged records) replaces it instead of
// a blank page.
import type { ComponentProps } from 'react';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import { RecoveryScreen } from './RecoveryScreen';

export function Root(props: ComponentProps<typeof App>) {
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <RecoveryScreen store={props.store} error={error} onRetry={reset} />
      )}
    >
      <App {...props} />
    </ErrorBoundary>
  );
}
