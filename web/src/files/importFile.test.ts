// Importing graph files: a .fbp with a syntax error is opened (its text kept, the error
// located) instead of refused, and a missing ")" is named as such.
import { describe, expect, it } from 'vitest';
import { importGraphFile } from './importFile';

describe('importGraphFile', () => {
  it('opens a broken .fbp with its text and the error marked', () => {
    const text = "timer(Timer) OUT -> IN led(DigitalWrite\n'500' -> INTERVAL timer\n";
    const r = importGraphFile('blink.fbp', text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.name).toBe('blink');
    expect(r.document.text).toBe(text);
    expect(r.document.graph.nodes).toEqual([]);
    expect(r.document.textError?.line).toBe(1);
    // The missing ")" is named where it is, not as "undefined target node".
    expect(r.textError).toBe(
      'blink.fbp:1:27: missing ")": "(DigitalWrite" is not closed (write (DigitalWrite))',
    );
  });

  it('does not take a ")" inside a quoted IIP or a comment for a missing one', () => {
    const r = importGraphFile('q.fbp', "# a ( in a comment\n'(x' -> INTERVAL timer(Timer)\n");
    expect(r.ok && r.textError).toBeUndefined();
  });

  it('imports a good .fbp without an error', () => {
    const r = importGraphFile('ok.fbp', "'500' -> INTERVAL timer(Timer)\n");
    expect(r.ok && r.textError).toBeUndefined();
  });
});
