// The simulation panel's height: dragged on its top edge (pointer or arrow keys), collapsed to
// its toolbar with a button, both remembered in localStorage. The workspace grid reads the
// height from a CSS variable, so nothing else re-renders while dragging.
import { type CSSProperties, type ReactNode, useCallback, useState } from 'react';

const HEIGHT_KEY = 'emflow.simHeight';
const COLLAPSED_KEY = 'emflow.simCollapsed';
export const MIN_SIM_HEIGHT = 140;
export const DEFAULT_SIM_HEIGHT = 250;

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage refused: the choice lasts this session only
  }
}

/** A height that leaves the editor at least 160 px of a `viewport`-high window. */
export function clampHeight(h: number, viewport: number): number {
  return Math.round(Math.max(MIN_SIM_HEIGHT, Math.min(h, viewport - 42 - 160)));
}

export function useBottomPanel(): { style: CSSProperties; collapsed: boolean; handle: ReactNode } {
  const [height, setHeight] = useState(() => {
    const h = Number(stored(HEIGHT_KEY));
    return Number.isFinite(h) && h >= MIN_SIM_HEIGHT ? h : DEFAULT_SIM_HEIGHT;
  });
  const [collapsed, setCollapsed] = useState(() => stored(COLLAPSED_KEY) === '1');
  const resize = useCallback((h: number) => {
    const next = clampHeight(h, window.innerHeight);
    setHeight(next);
    store(HEIGHT_KEY, String(next));
  }, []);
  const toggle = () => {
    store(COLLAPSED_KEY, collapsed ? '0' : '1');
    setCollapsed(!collapsed);
  };
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (collapsed || e.button !== 0 || e.target !== e.currentTarget) return;
    const startY = e.clientY;
    const startH = height;
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => resize(startH + (startY - ev.clientY));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const handle = (
    <div
      className="bottom-handle"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the simulation panel (arrow keys)"
      aria-valuenow={height}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        if (e.key === 'ArrowUp') resize(height + 20);
        if (e.key === 'ArrowDown') resize(height - 20);
      }}
      data-testid="sim-resize"
    >
      <button
        className="bottom-toggle small"
        onClick={toggle}
        aria-expanded={!collapsed}
        title={collapsed ? 'Show the simulation panel' : 'Collapse the simulation panel'}
        data-testid="sim-collapse"
      >
        {collapsed ? '▴ show simulation' : '▾ hide'}
      </button>
    </div>
  );
  return {
    style: { '--sim-height': `${collapsed ? 52 : height}px` } as CSSProperties,
    collapsed,
    handle,
  };
}
