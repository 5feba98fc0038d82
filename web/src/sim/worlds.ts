// Which virtual world a graph runs against. The user's choice in the sim panel wins; then a
// graph may say so (`# @world activity`); otherwise the sensors it reads decide: an
// accelerometer graph (AnalogRead into WindowFeatures) gets the cow-halter activity world, a
// graph reading a DS18B20 the fridge (whose sensor is on pin 9), everything else — Blink, a
// graph of pins only — the bench ("none": inputs set by hand on the board panel).
import { WORLD_KINDS, WORLD_NAMES, type WorldKind } from '../engine';
import type { Graph } from '../graph-doc/graph';

// A graph may declare any world of the registry (generated from core/sim/world_registry.cpp)
// that runs without a recording: a replay needs its data chosen by the user.
const WORLDS: readonly WorldKind[] = WORLD_NAMES.filter((name) => !WORLD_KINDS[name].needsData);

/** The activity world's classes, in the order of its `activity` series (0..4). */
export { ACTIVITIES } from '../engine';

/** Virtual ms between recorded world samples: the accelerometer needs a finer grid. */
export const SAMPLE_INTERVAL_MS: Record<WorldKind, number> = {
  fridge: 1000,
  activity: 100,
  replay: 100,
  none: 100, // a blinking LED on the plot needs more than one sample a second
};

export function worldForGraph(g: Graph): WorldKind {
  const declared = g.properties.world;
  if (typeof declared === 'string' && (WORLDS as readonly string[]).includes(declared)) {
    return declared as WorldKind;
  }
  const uses = (component: string) => g.nodes.some((n) => n.component === component);
  if (uses('WindowFeatures') && uses('AnalogRead') && !uses('ReadDallasTemperature')) {
    return 'activity';
  }
  return uses('ReadDallasTemperature') ? 'fridge' : 'none';
}

/** The worlds a user may pick for a run (a replay is picked by choosing its recording). */
export const PICKABLE_WORLDS: readonly WorldKind[] = WORLDS;
