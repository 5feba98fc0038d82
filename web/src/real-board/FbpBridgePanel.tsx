// The Board panel's "FBP clients" section: lets an FBP client (Flowhub / noflo-ui) that embeds
// the playground drive the connected board over postMessage (fbpBridge.ts). Off by default; the
// allowed origins (none by default) and the secret are kept in this browser's storage, so the
// client's runtime entry keeps working; the secret can be replaced at any time.
import { useEffect, useState } from 'react';
import { boardRuntime } from './boardRuntime';
import { FbpBridge, type BridgeEvent } from './fbpBridge';
import type { RealBoardSession } from './realBoardSession';

const STORAGE_KEY = 'emflow.fbpBridge';
const MAX_LINES = 50;

interface Stored {
  origins: string;
  secret: string;
}

function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function load(): Stored {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
    if (stored && typeof stored.origins === 'string' && typeof stored.secret === 'string')
      return stored;
  } catch {
    // unreadable: start afresh
  }
  return { origins: '', secret: newSecret() };
}

/** "https://a.example, https://b.example" → exact origins (anything else is dropped). */
export function parseOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((o) => {
      try {
        const url = new URL(o);
        return url.origin === 'null' ? [] : [url.origin];
      } catch {
        return [];
      }
    });
}

export function FbpBridgePanel({ session }: { session: RealBoardSession }) {
  const [settings, setSettings] = useState<Stored>(load);
  const [enabled, setEnabled] = useState(false);
  const [lines, setLines] = useState<string[]>([]);
  const [owner, setOwner] = useState<string | null>(null);
  const origins = parseOrigins(settings.origins);

  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  }, [settings]);

  const originsKey = origins.join(' ');
  useEffect(() => {
    if (!enabled) return;
    const say = (line: string) => setLines((l) => [...l, line].slice(-MAX_LINES));
    const report = (event: BridgeEvent) => {
      if (event.kind === 'owner') {
        setOwner(event.origin);
        if (event.origin) say(`${event.origin} drives the board`);
      } else if (event.kind === 'refused') say(`refused ${event.origin}: ${event.reason}`);
      else say(event.text);
    };
    const bridge = new FbpBridge(
      window,
      { allowedOrigins: originsKey ? originsKey.split(' ') : [], secret: settings.secret },
      (hooks, origin) => boardRuntime(session, settings.secret, origin, hooks),
      report,
    );
    bridge.start();
    say(`listening for FBP clients from ${originsKey || 'no origin (add one above)'}`);
    return () => bridge.stop();
  }, [enabled, originsKey, settings.secret, session]);

  return (
    <details className="rb-bridge small" data-testid="rb-bridge">
      <summary>FBP clients (Flowhub) over postMessage</summary>
      <label className="rb-bridge-row">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
          data-testid="rb-bridge-enable"
        />{' '}
        Let an FBP client that embeds this playground drive the board
      </label>
      <label className="rb-bridge-row">
        Allowed origins{' '}
        <input
          className="mono"
          value={settings.origins}
          placeholder="https://app.flowhub.io"
          onChange={(e) => setSettings({ ...settings, origins: e.target.value })}
          aria-label="Allowed origins"
          data-testid="rb-bridge-origins"
        />
      </label>
      <div className="rb-bridge-row">
        Secret <code data-testid="rb-bridge-secret">{settings.secret}</code>{' '}
        <button
          className="btn small"
          onClick={() => setSettings({ ...settings, secret: newSecret() })}
          title="A new secret: clients with the old one are refused"
        >
          New secret
        </button>
      </div>
      <p className="muted" data-testid="rb-bridge-status">
        {!enabled
          ? 'Off.'
          : owner
            ? `Driven by ${owner}.`
            : origins.length
              ? `Waiting for a client from ${origins.join(', ')}.`
              : 'No origin allowed: every client is refused.'}
      </p>
      {lines.length > 0 && (
        <pre className="rb-log mono" data-testid="rb-bridge-log">
          {lines.join('\n')}
        </pre>
      )}
    </details>
  );
}
