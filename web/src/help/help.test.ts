// Help works offline: the docs pages are in the bundle, and a component's page is generated
// from its description (ports, types, defaults, tags) with an example that parses as .fbp.
import { describe, expect, it } from 'vitest';
import type { ComponentInfo } from '../graph-doc/components';
import { parseFbp } from '../graph-doc/fbpRead';
import { componentMarkdown, exampleFbp } from './componentPage';
import { DOC_PAGES, docById, forHelp, titleOf } from './docs';

const LATCH: ComponentInfo = {
  name: 'HysteresisLatch',
  description: 'true above HIGHTHRESHOLD, false below LOWTHRESHOLD',
  inPorts: [
    { id: 'in', type: 'number', description: 'The measured value' },
    { id: 'lowthreshold', type: 'number', default: 0 },
    { id: 'highthreshold', type: 'number', default: 0 },
  ],
  outPorts: [{ id: 'out', type: 'boolean', description: 'The latched state' }],
} as ComponentInfo;

const THERMOMETER: ComponentInfo = {
  name: 'ReadDallasTemperature',
  description: 'Reads a DS18B20',
  inPorts: [
    { id: 'trigger', type: 'bang' },
    { id: 'pin', type: 'int', required: true },
    { id: 'address', type: 'array', required: true },
  ],
  outPorts: [{ id: 'out', type: 'number' }],
} as ComponentInfo;

describe('help pages', () => {
  it('bundles every docs/*.md page with its title', () => {
    expect(DOC_PAGES.length).toBeGreaterThanOrEqual(15);
    expect(docById('world')?.markdown).toContain('bench');
    expect(docById('web')?.title).toMatch(/web playground/i);
    expect(titleOf('x', 'intro\n# The title\n')).toBe('The title');
    expect(docById('getting-started')?.markdown).toContain('none (bench)');
  });

  it('shows pictures as captions and relative links as text', () => {
    expect(forHelp('See ![the fridge](screenshots/f.png) and [world](world.md).')).toBe(
      'See *(picture: the fridge)* and world.',
    );
    expect(forHelp('[site](https://example.org)')).toBe('[site](https://example.org)');
  });

  it("generates a component's page: ports with types and defaults, tags, an example", () => {
    const md = componentMarkdown(LATCH);
    expect(md).toContain('# HysteresisLatch');
    expect(md).toContain('`LOWTHRESHOLD` *number* (default 0)');
    expect(md).toContain('`OUT` *boolean* — The latched state');
    expect(md).toContain('thermostat');
    expect(md).toContain('initial value');
  });

  it('gives examples that parse as .fbp', () => {
    for (const c of [LATCH, THERMOMETER]) {
      const r = parseFbp(exampleFbp(c));
      expect(r.ok).toBe(true);
    }
    expect(exampleFbp(THERMOMETER)).toContain("'13' -> PIN readDallasTemperature");
    expect(exampleFbp(THERMOMETER)).toContain('-> ADDRESS');
  });

  it('marks the in-ports a run needs fed as required', () => {
    const md = componentMarkdown(THERMOMETER);
    expect(md).toContain('`PIN` *int* **required**');
    expect(md).not.toContain('`TRIGGER` *bang* **required**');
  });
});
