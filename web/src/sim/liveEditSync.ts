// Keeps the running network in step with the edited graph: every change goes to the runtime
// as FBP protocol graph messages (liveEdits.ts), one batch at a time and in order. The engine
// session owns it; this file knows only the graph the runtime holds and the one wanted next.
import type { ComponentInfo, EngineClient } from '../engine';
import type { Graph } from '../graph-doc/graph';
import { graphEdits } from './liveEdits';

/** What the sync reports to the session's state (a subset of SessionState). */
export interface LiveEditReport {
  graphStale?: boolean;
  liveEditError?: string | null;
  liveEditPending?: string | null;
  lastError?: string | null;
  /** Graph messages just applied (added to the session's count). */
  applied?: number;
}

export interface LiveEditHost {
  client(): EngineClient | null;
  components(): readonly ComponentInfo[];
  /** True once a refused edit left the runtime's graph behind the edited one. */
  stale(): boolean;
  pending(): string | null;
  report(report: LiveEditReport): void;
}

export class LiveEditSync {
  /** The graph the runtime holds (null when no network is loaded). */
  private loaded: Graph | null = null;
  /** The newest edited graph not yet sent to the runtime. */
  private wanted: Graph | null = null;
  private applying = false;

  constructor(
    private readonly graphName: string,
    private readonly host: LiveEditHost,
  ) {}

  get loadedGraph(): Graph | null {
    return this.loaded;
  }

  /** The runtime now holds `graph` (loaded whole); edits waiting for the old one are dropped. */
  loadedWhole(graph: Graph | null): void {
    this.loaded = graph;
    this.wanted = null;
  }

  /** Drops an edit still waiting: the whole graph or nothing replaces it. */
  dropPending(): void {
    this.wanted = null;
  }

  /** Queues `graph` for the running network (only while one is loaded). */
  changed(graph: Graph): void {
    if (!this.loaded || !this.host.client()) return;
    this.wanted = graph;
    if (!this.applying) void this.apply();
  }

  /** Resolves once every graph change handed to changed() reached the runtime. */
  async settled(): Promise<void> {
    while (this.applying || this.wanted) await new Promise((r) => setTimeout(r, 10));
  }

  private async apply(): Promise<void> {
    this.applying = true;
    try {
      while (this.wanted && this.loaded && this.host.client() && !this.host.stale()) {
        const target = this.wanted;
        this.wanted = null;
        // Half-typed text (`Tim` on the way to `Timer`) must not break the running network:
        // a graph with an unknown component waits, and the panel says why.
        const unknown = this.unknownComponent(target);
        if (unknown) {
          this.host.report({ liveEditPending: unknown });
          continue;
        }
        if (this.host.pending()) this.host.report({ liveEditPending: null });
        const edits = graphEdits(this.loaded, target, this.graphName);
        if (edits.length === 0) {
          this.loaded = target;
          continue;
        }
        const client = this.host.client();
        if (!client) return;
        for (const edit of edits) {
          try {
            await client.request(
              'graph',
              edit.command,
              edit.payload,
              (m) => m.command === edit.command,
            );
          } catch (e) {
            const why = e instanceof Error ? e.message : String(e);
            this.host.report({
              graphStale: true,
              liveEditError: `${edit.command}: ${why}`,
              lastError: `live edit refused — graph:${edit.command}: ${why}. Reset to load the whole graph.`,
            });
            return;
          }
        }
        this.loaded = target;
        this.host.report({ applied: edits.length });
      }
    } finally {
      this.applying = false;
    }
  }

  private unknownComponent(g: Graph): string | null {
    const known = new Set(this.host.components().map((c) => c.name));
    if (known.size === 0) return null; // no library to check against: the runtime decides
    const node = g.nodes.find((n) => !known.has(n.component.replace(/^.*\//, '')));
    return node
      ? `${node.id}(${node.component}) is not a component of the library; the change waits`
      : null;
  }
}
