// Catches a rendering error below it, so one broken view (a record that opened "fine" but
// crashes a panel) does not blank the whole app: the fallback is shown in its place, and a new
// `resetKey` (another project opened) or the fallback's "Try again" renders the children anew.
import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  fallback: (error: Error, reset: () => void) => ReactNode;
  /** When it changes, a shown fallback gives way to the children again. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(e: unknown): State {
    return { error: e instanceof Error ? e : new Error(String(e)) };
  }

  componentDidCatch(error: Error): void {
    // Kept in the console for a bug report; the user sees the fallback.
    console.error('emflow: a view failed to render', error);
  }

  componentDidUpdate(prev: Props): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.reset();
  }

  reset = (): void => this.setState({ error: null });

  render(): ReactNode {
    return this.state.error
      ? this.props.fallback(this.state.error, this.reset)
      : this.props.children;
  }
}

/** The fallback of one panel: what failed, that the project is safe, and a way back. */
export function PanelError({
  what,
  error,
  onRetry,
}: {
  what: string;
  error: Error;
  onRetry: () => void;
}) {
  return (
    <div className="panel-error" role="alert" data-testid="panel-error">
      <b>The {what} stopped working.</b>
      <span className="mono small">{error.message}</span>
      <span className="muted">
        Your project is not affected: the project list and Export still work, and opening another
        project resets this panel.
      </span>
      <button className="btn small" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

interface PanelProps {
  /** The element of the layout grid the panel is (its content is replaced on an error). */
  as: 'main' | 'aside' | 'section';
  className: string;
  /** What the user calls this panel ("editor"). */
  what: string;
  resetKey: unknown;
  children: ReactNode;
}

/** A panel of the layout under its own boundary: on an error it keeps its place in the grid. */
export function PanelBoundary({ as: Tag, className, what, resetKey, children }: PanelProps) {
  return (
    <Tag className={className}>
      <ErrorBoundary
        resetKey={resetKey}
        fallback={(error, retry) => <PanelError what={what} error={error} onRetry={retry} />}
      >
        {children}
      </ErrorBoundary>
    </Tag>
  );
}
