// The starter notebooks (examples/notebooks/*.ipynb), bundled as text.
import activity from '../../../examples/notebooks/activity-classifier.ipynb?raw';
import xor from '../../../examples/notebooks/xor-random-forest.ipynb?raw';

export const STARTER_NOTEBOOKS = [
  {
    id: 'activity-classifier',
    title: 'Activity classifier (accelerometer → forest → graph)',
    ipynb: activity,
  },
  { id: 'xor-random-forest', title: 'XOR random forest → emltrees CSV', ipynb: xor },
] as const;
