// A problem in a graph or its text, located when possible (1-based line and column).
export interface Diagnostic {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: 'error' | 'warning';
  /** The node the problem is about, so the graph view can mark it. */
  node?: string;
}

export const formatDiagnostic = (d: Diagnostic): string => `${d.line}:${d.column}: ${d.message}`;

/** Line/column of the first whole-word occurrence of `word` in `text` (1, 1 when absent). */
export function locateWord(text: string, word: string): { line: number; column: number } {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(^|[^a-zA-Z0-9_-])(${escaped})(?![a-zA-Z0-9_-])`);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trimStart().startsWith('#')) continue;
    const m = re.exec(lines[i]);
    if (m) return { line: i + 1, column: m.index + m[1].length + 1 };
  }
  return { line: 1, column: 1 };
}
