// Where the graph view is looking and how big its nodes are drawn, for code outside the view:
// a node added from the palette (double-click) or pasted lands in the middle of what the user
// sees, and Auto-layout spaces nodes by their measured sizes (GraphView keeps both current).
export interface Size {
  width: number;
  height: number;
}

let centre: (() => { x: number; y: number } | null) | null = null;
const sizes = new Map<string, Size>();

export function setViewCentreProvider(provider: (() => { x: number; y: number } | null) | null) {
  centre = provider;
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

/**
 * A free spot for a `size` node near `want`: stepping down (then right) until it overlaps no
 * node of `taken` (rectangles with a small gap).
 */
export function freeSpot(
  want: { x: number; y: number },
  size: Size,
  taken: readonly { x: number; y: number; width: number; height: number }[],
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
  for (let column = 0; column < 20; column++) {
    const x = Math.round(want.x + column * (size.width + gap));
    for (let row = 0; row < 20; row++) {
      const y = Math.round(want.y + row * 40);
      if (!hits(x, y)) return { x, y };
    }
  }
  return { x: Math.round(want.x), y: Math.round(want.y) };
}
