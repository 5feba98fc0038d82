// A missing ")" in .fbp text, found before the fbp parser's own message: for
// `led(DigitalWrite` the parser reports an "undefined target node", which sends a user looking
// for the wrong mistake. Parentheses never span lines in .fbp, so a line is checked alone.
import type { Diagnostic } from './diagnostics';

/** The first "(" left open on its line (outside quoted IIPs and comments), or null. */
export function unclosedParen(text: string): Diagnostic | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let open = -1;
    let quoted = false;
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      if (ch === "'" && line[c - 1] !== '\\') quoted = !quoted;
      if (quoted) continue;
      if (ch === '#') break;
      if (ch === '(' && open < 0) open = c;
      else if (ch === ')') open = -1;
    }
    if (open >= 0) {
      const name = /^[\w/-]*/.exec(line.slice(open + 1))?.[0] ?? '';
      return {
        message: `missing ")": "(${name}" is not closed${name ? ` (write (${name}))` : ''}`,
        line: i + 1,
        column: open + 1,
        endLine: i + 1,
        endColumn: open + 2 + name.length,
        severity: 'error',
      };
    }
  }
  return null;
}
