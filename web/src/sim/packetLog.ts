// What the views show of a run: the recent packets per edge, the classes Classify nodes sent,
// and the world's time series. The engine session feeds it events and clears it on a reset;
// it knows nothing about the engine or the clock.
import type { EdgeDataEvent, SampleBatch } from '../engine';
import { edgeKey, type Graph, iipKey, type PortRef } from '../graph-doc/graph';
import { appendSamples, emptyTrace, type TraceSeries } from './traceSeries';

export interface PacketRecord {
  /** Virtual time of the packet (ms). */
  timeMs: number;
  /** Wall-clock time it arrived here, for the "packet just passed" animation. */
  seenAt: number;
  data: unknown;
}

/** Every class a Classify node sent (its OUT port), in virtual time order. */
export interface PredictionSeries {
  timeMs: number[];
  classes: number[];
}

/** Predictions kept per Classify node; beyond it the oldest half is dropped. */
export const MAX_PREDICTIONS = 200_000;
export const RECENT_PACKETS = 50;

/** An error packet and the node it names. */
export interface PacketError {
  node: string;
  message: string;
}

export class PacketLog {
  /** Recent packets per edge key (`edgeKey`) or IIP key (`iipKey`), newest last. */
  readonly packets = new Map<string, PacketRecord[]>();
  /** Classes sent by each Classify node (by node id) since the network was loaded. */
  readonly predictions = new Map<string, PredictionSeries>();
  trace: TraceSeries = emptyTrace();

  /** Forgets everything recorded (a reset, a new load, a new engine). */
  clear(): void {
    this.packets.clear();
    this.predictions.clear();
    this.trace = emptyTrace();
  }

  addSamples(batch: SampleBatch): void {
    appendSamples(this.trace, batch);
  }

  /**
   * Records a packet seen on an edge. `fallbackTimeMs` stands in when the transport sent no
   * virtual time (the WebSocket runtime); `graph` tells which nodes are Classify nodes.
   * Returns the error an error packet carries, for the session to show on its node.
   */
  addPacket(e: EdgeDataEvent, fallbackTimeMs: number, graph: Graph | null): PacketError | null {
    const tgt: PortRef = { node: e.tgt.node, port: e.tgt.port, index: e.tgt.index };
    const key = e.src
      ? edgeKey({ src: { node: e.src.node, port: e.src.port, index: e.src.index }, tgt })
      : iipKey({ data: null, tgt });
    let list = this.packets.get(key);
    if (!list) this.packets.set(key, (list = []));
    const timeMs = e.timeMs ?? fallbackTimeMs;
    list.push({ timeMs, seenAt: performance.now(), data: e.data });
    if (list.length > RECENT_PACKETS) list.splice(0, list.length - RECENT_PACKETS);
    if (e.src && e.src.port.toLowerCase() === 'out' && typeof e.data === 'number') {
      this.recordPrediction(graph, e.src.node, timeMs, e.data);
    }
    // An error packet names its node: show it there.
    if (e.data && typeof e.data === 'object' && 'error' in e.data) {
      return { node: e.src?.node ?? e.tgt.node, message: String(e.data.error) };
    }
    return null;
  }

  private recordPrediction(graph: Graph | null, node: string, timeMs: number, cls: number): void {
    const component = graph?.nodes.find((n) => n.id === node)?.component;
    if (component?.replace(/^.*\//, '') !== 'Classify') return;
    let series = this.predictions.get(node);
    if (!series) this.predictions.set(node, (series = { timeMs: [], classes: [] }));
    series.timeMs.push(timeMs);
    series.classes.push(cls);
    if (series.timeMs.length > MAX_PREDICTIONS) {
      series.timeMs.splice(0, MAX_PREDICTIONS / 2);
      series.classes.splice(0, MAX_PREDICTIONS / 2);
    }
  }
}
