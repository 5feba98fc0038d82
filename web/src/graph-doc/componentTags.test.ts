// Palette search over names, tags and descriptions: the words a first-timer types find the
// component that does the job.
import { describe, expect, it } from 'vitest';
import { searchScore } from './componentTags';

const c = (name: string, description = '') => ({ name, description, inPorts: [], outPorts: [] });
const best = (query: string, names: string[]) =>
  names
    .map((n) => ({ n, s: searchScore(c(n, `${n} does things`), query) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s)
    .map((x) => x.n);
const ALL = [
  'DigitalWrite',
  'PwmWrite',
  'HysteresisLatch',
  'Threshold',
  'ReadDallasTemperature',
  'Timer',
];

describe('palette search', () => {
  it('finds outputs for fan, relay and LED, and the thermostat latch for thermostat', () => {
    expect(best('fan', ALL)).toEqual(['DigitalWrite', 'PwmWrite']);
    expect(best('relay', ALL)).toEqual(['DigitalWrite']);
    expect(best('LED', ALL)).toEqual(['DigitalWrite', 'PwmWrite']);
    expect(best('thermostat', ALL)).toEqual(['HysteresisLatch', 'Threshold']);
    expect(best('thermometer', ALL)).toEqual(['ReadDallasTemperature']);
  });

  it('ranks a name match before a tag and a tag before a description', () => {
    expect(searchScore(c('Timer'), 'timer')).toBeGreaterThan(searchScore(c('Timer'), 'blink'));
    expect(searchScore(c('Timer'), 'blink')).toBeGreaterThan(
      searchScore(c('Drop', 'blinks never'), 'blink'),
    );
    expect(searchScore(c('Drop', 'discards packets'), 'zebra')).toBe(0);
  });
});
