// Types for the `fbp` npm package (the reference .fbp parser), which ships none.
declare module 'fbp' {
  export interface FbpPortRef {
    process: string;
    port: string;
    index?: number;
  }
  export interface FbpConnection {
    src?: FbpPortRef;
    tgt: FbpPortRef;
    data?: unknown;
  }
  export interface FbpGraph {
    properties?: Record<string, unknown>;
    inports: Record<string, { process: string; port: string }>;
    outports: Record<string, { process: string; port: string }>;
    groups: unknown[];
    processes: Record<string, { component: string; metadata?: Record<string, unknown> }>;
    connections: FbpConnection[];
    caseSensitive: boolean;
  }
  export interface FbpLocation {
    start: { offset: number; line: number; column: number };
    end: { offset: number; line: number; column: number };
  }
  export class SyntaxError extends Error {
    location: FbpLocation;
    expected: unknown;
    found: string | null;
  }
  export function parse(
    source: string,
    options?: { caseSensitive?: boolean; validateSchema?: boolean; validateContents?: boolean },
  ): FbpGraph;
  const fbp: { parse: typeof parse; SyntaxError: typeof SyntaxError };
  export default fbp;
}
