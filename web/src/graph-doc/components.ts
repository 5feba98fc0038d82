// What the editor knows about components: the engine's component list (FBP protocol
// `component:component` messages), indexed by name, and the rules for connecting ports.
import type { ComponentInfo, PortInfo } from '../engine';

export type { ComponentInfo, PortInfo };

export type ComponentLibrary = ReadonlyMap<string, ComponentInfo>;

/** Indexes the list by name; `core/X` aliases the engine also offers are left out. */
export const libraryFrom = (list: readonly ComponentInfo[]): ComponentLibrary =>
  new Map(list.map((c) => [c.name, c]));

const WILDCARD = new Set(['all', 'any', '']);
const NUMERIC = new Set(['int', 'integer', 'number', 'float', 'byte']);

/**
 * Whether a packet of type `from` may flow into a port of type `to`: the same rule as the
 * engine's validator (typesCompatible in core/host/graph/validator.cpp, which `emflow check`
 * and Run use), so the editor refuses exactly the edges a check would report. A bang input is
 * a trigger and accepts anything; numbers convert between themselves; `all` accepts
 * everything. A boolean is not a number (ToggleBoolean OUT -> Timer INTERVAL is refused).
 * components.test.ts compares this with the engine for every pair of the library's types.
 */
export function typesCompatible(from: string, to: string): boolean {
  const a = from.toLowerCase();
  const b = to.toLowerCase();
  if (a === b || WILDCARD.has(a) || WILDCARD.has(b) || b === 'bang') return true;
  return NUMERIC.has(a) && NUMERIC.has(b);
}

export const findPort = (ports: readonly PortInfo[], name: string): PortInfo | undefined =>
  ports.find((p) => p.id === name.toLowerCase());
