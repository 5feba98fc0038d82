// The virtual Uno's serial monitor: an xterm.js terminal (read-only) showing what the board said
// — its boot banner, uploads, watched packets and errors — each line with the board time it
// arrived at. The scrollback is bounded; a selection copies with Ctrl+C, and "Copy all" puts
// every kept line on the clipboard.
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';

/** Lines the terminal keeps above its screen: a long run cannot grow the page without bound. */
export const SCROLLBACK_LINES = 2000;
const FONT_SIZE = 12;
const LINE_HEIGHT = 1.15;

interface Props {
  /** The latest lines (bounded by the hook); `total` counts every line since power on. */
  lines: readonly string[];
  total: number;
  /** Shown when nothing was said yet. */
  placeholder: string;
}

/** The terminal's colours from the app's theme variables (dark or light). */
function themeOf(el: HTMLElement) {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--input-bg', '#14161a'),
    foreground: v('--text', '#d7dce4'),
    cursor: v('--input-bg', '#14161a'),
    selectionBackground: v('--accent-2', '#2f6fbf'),
  };
}

/** Columns and rows that fit the element at the terminal's font (there is no fit add-on). */
function fit(term: Terminal, el: HTMLElement): void {
  const probe = document.createElement('canvas').getContext('2d');
  if (!probe) return;
  probe.font = `${FONT_SIZE}px ${getComputedStyle(el).fontFamily || 'monospace'}`;
  const cell = probe.measureText('W').width || FONT_SIZE * 0.6;
  const cols = Math.max(20, Math.floor((el.clientWidth - 14) / cell));
  const rows = Math.max(3, Math.floor(el.clientHeight / Math.ceil(FONT_SIZE * LINE_HEIGHT)));
  if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
}

export function SerialMonitor({ lines, total, placeholder }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const written = useRef(0);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const t = new Terminal({
      disableStdin: true,
      convertEol: true,
      scrollback: SCROLLBACK_LINES,
      fontSize: FONT_SIZE,
      lineHeight: LINE_HEIGHT,
      fontFamily: getComputedStyle(el).fontFamily || 'monospace',
      cursorStyle: 'underline',
      cursorInactiveStyle: 'none',
      theme: themeOf(el),
    });
    t.open(el);
    fit(t, el);
    term.current = t;
    written.current = 0;
    const resize = new ResizeObserver(() => fit(t, el));
    resize.observe(el);
    // The app's theme switch changes the variables on <html>: follow it.
    const themed = new MutationObserver(() => (t.options.theme = themeOf(el)));
    themed.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resize.disconnect();
      themed.disconnect();
      t.dispose();
      term.current = null;
    };
  }, []);

  useEffect(() => {
    const t = term.current;
    if (!t) return;
    if (total < written.current || (total === 0 && written.current === 0)) {
      // Powered on again (the count started over), or nothing yet: start a clean screen.
      t.reset();
      written.current = 0;
      if (total === 0) {
        t.write(`\x1b[2m${placeholder}\x1b[0m`);
        return;
      }
    }
    const fresh = Math.min(total - written.current, lines.length);
    if (fresh <= 0) return;
    if (written.current === 0) t.reset();
    t.write(`${lines.slice(lines.length - fresh).join('\n')}\n`);
    written.current = total;
  }, [lines, total, placeholder]);

  const copyAll = () => {
    navigator.clipboard
      .writeText(lines.join('\n'))
      .then(() => setCopied(`${lines.length} lines copied`))
      .catch((e: unknown) => setCopied(`copy refused: ${e instanceof Error ? e.message : e}`));
  };

  return (
    <div className="serial-monitor" aria-label="Serial monitor">
      <div className="serial-monitor-bar small">
        <span className="muted">serial monitor · board time</span>
        <span className="spacer" />
        {copied && (
          <span className="muted" data-testid="vuno-serial-copied">
            {copied}
          </span>
        )}
        <button
          className="btn small"
          onClick={copyAll}
          disabled={lines.length === 0}
          title="Copy every kept line (a selection copies with Ctrl+C)"
          data-testid="vuno-serial-copy"
        >
          Copy all
        </button>
      </div>
      <div className="serial-monitor-term mono" ref={host} data-testid="vuno-serial" />
    </div>
  );
}
