// The engine's validator findings (core/host/graph/validator.cpp, the one validator behind
// `emflow check`, Run and export) as the app's problem list: the same lines in the graph view,
// the text view and before a run.
import type { GraphProblem } from '../engine';
import type { Diagnostic } from './diagnostics';

/** The engine's problems as diagnostics, located at 1:1 when the engine could not say. */
export const toDiagnostics = (problems: readonly GraphProblem[]): Diagnostic[] =>
  problems.map((p) => ({
    message: p.message,
    line: Math.max(1, p.line),
    column: Math.max(1, p.column),
    severity: p.severity,
    ...(p.node ? { node: p.node } : {}),
  }));

/** The problems that stop a run or an export (warnings do not). */
export const errorsOf = <T extends { severity: 'error' | 'warning' }>(
  problems: readonly T[],
): T[] => problems.filter((p) => p.severity === 'error');

/** A problem as `emflow check` prints it, without the file name: "3:14: warning: message". */
export const cliLine = (p: Diagnostic): string =>
  `${p.line}:${p.column}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
