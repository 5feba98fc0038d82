import type { Activity } from './types';

/**
 * The activities of the cow-halter world in the order of their index: the `activity` series
 * of the activity world's samples (core/world/activity_world.h, `Activity`) and the class
 * labels of a classifier trained on `recordActivity()` data with the labels sorted this way.
 */
export const ACTIVITIES: readonly Activity[] = [
  'lying',
  'standing',
  'walking',
  'grazing',
  'ruminating',
];

/** The activity with index `index` (the `activity` sample series), or undefined. */
export function activityAt(index: number): Activity | undefined {
  return Number.isInteger(index) ? ACTIVITIES[index] : undefined;
}
