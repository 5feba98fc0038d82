// Where the graph view is looking and how big its nodes are drawn, for code outside the view:
// a node added from the palette (double-click) or pasted lands in the middle of what the user
// sees, and Auto-layout spaces nodes by their measured sizes (GraphView keeps both current).
export interface Size {
  width: number;
  height: number;
}

let centre: (() => { x: number; y: number } | null) | null = null;
let visible: (() => { x: number; y: number; width: number; height: number } | null) | null = null;
const sizes = new Map<string, Size>();

export function setViewCentreProvider(
  provider: (() => { x: number; y: number } | null) | null,
  visibleRect: (() => { x: number; y: number; width: number; height: number } | null) | null = null,
) {
  centre = provider;
  visible = visibleRect;
}

/** What the graph view shows, in flow coordinates (null when no view is shown). */
export function viewRect(): { x: number; y: number; width: number; height: number } | null {
  return visible ? visible() : null;
}

/** The flow position at the middle of the graph view, or null when no view is shown. */
export function viewCentre(): { x: number; y: number } | null {
  return centre ? centre() : null;
}

export function setMeasuredSizes(measured: Iterable<[string, Size]>): void {
  sizes.clear();
  for (const [id, s] of measured) sizes.set(id, s);
}

/** The drawn sizes of the nodes by id (empty before the view measured them). */
export function measuredSizes(): ReadonlyMap<string, Size> {
  return sizes;
}

/** A rectangle in flow coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A free spot for a `size` node near `want`: the nearest position (on a grid around it) that
 * overlaps no node of `taken` (with a small gap) and, when `view` is given, lies inside what
 * the user sees; if the view is full, the nearest free spot outside it.
 */
export function freeSpot(
  want: { x: number; y: number },
  size: Size,
  taken: readonly Rect[],
  view: Rect | null = null,
  gap = 16,
): { x: number; y: number } {
  const hits = (x: number, y: number) =>
    taken.some(
      (r) =>
        x < r.x + r.width + gap &&
        r.x < x + size.width + gap &&
        y < r.y + r.height + gap &&
        r.y < y + size.height + gap,
    );
  const inView = (x: number, y: number) =>
    !view ||
    (x >= view.x &&
      y >= view.y &&
      x + size.width <= view.x + view.width &&
      y + size.height <= view.y + view.height);
  const candidates: { x: number; y: number; d: number }[] = [];
  const stepX = size.width / 2 + gap;
  const stepY = 40;
  for (let i = -12; i <= 12; i++)
    for (let j = -12; j <= 12; j++)
      candidates.push({
        x: want.x + i * stepX,
        y: want.y + j * stepY,
        d: Math.hypot(i * stepX, j * stepY),
      });
  candidates.sort((a, b) => a.d - b.d);
  const free = candidates.filter((c) => !hits(c.x, c.y));
  const best = free.find((c) => inView(c.x, c.y)) ?? free[0] ?? want;
  return { x: Math.round(best.x), y: Math.round(best.y) };
}
