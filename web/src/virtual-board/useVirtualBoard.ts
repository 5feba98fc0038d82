// The app's handle on a virtual board (the Uno or the Mega 2560: virtualBoards.ts): a worker
// running the board's shipped generic firmware (board.worker.ts), its reports turned into state
// a panel renders — the board's info, board time against wall time, the pins (a PinBoard, as
// the simulator's board panel uses, in the board's own pin numbers: a Mega's A0 is 54) and a
// serial monitor of what the board said (boot banner, watched packets, errors, each with the
// board time it arrived at) and a timeline of every pin level (the board's own pin numbers)
// for the logic view and the VCD.
import { useCallback, useEffect, useRef, useState } from 'react';
import { PinBoard } from '../board/pinBoard';
import { PinTimeline } from '../board/pinTimeline';
import { describeError, type BoardInfo, type LinkEvent } from '../link/linkClient';
import type { BoardReport } from './boardRunner';
import type { BoardWorldOptions, BoardWorldState } from './boardWorld';
import type { BoardRequest } from './boardWorkerProtocol';
import { REAL_BOARDS } from '../real-board/boards';
import { pinBatchOf } from './pinGlow';
import { VIRTUAL_BOARDS, type VirtualBoardId } from './virtualBoards';

export type VirtualBoardPhase = 'off' | 'booting' | 'ready' | 'running' | 'stopped' | 'error';

export interface VirtualBoardState {
  phase: VirtualBoardPhase;
  info: BoardInfo | null;
  timeMs: number;
  wallMs: number;
  /** The serial monitor's latest lines (bounded), each "board time  text". */
  lines: string[];
  /** Lines written since power on, the dropped ones included (the monitor appends the new). */
  lineTotal: number;
  /** Board time the uploaded graph started at (its run's time 0), null before an upload. */
  graphStartMs: number | null;
  /** The world behind the board's pins (its last report), null without one. */
  world: BoardWorldState | null;
  error: string | null;
  /**
   * What the last upload did (its models, then the graph), kept apart from the monitor: a
   * chatty graph pushes those lines out of the monitor's view within milliseconds.
   */
  upload: string | null;
  /** Bumps on every change the panel should show (the PinBoard changes in place). */
  version: number;
}

const MAX_LINES = 300;
const INITIAL: VirtualBoardState = {
  phase: 'off',
  info: null,
  timeMs: 0,
  wallMs: 0,
  lines: [],
  lineTotal: 0,
  graphStartMs: null,
  world: null,
  error: null,
  upload: null,
  version: 0,
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

/** A monitor line: the board time it arrived at, right-aligned, then the text. */
export function stampLine(timeMs: number, text: string): string {
  return `${seconds(timeMs).padStart(10)}  ${text}`;
}

/** A board edge as "classify[0] → log[0]"; `names` are the graph's node names by id. */
export function edgeText(
  names: readonly string[],
  edge: { src: number; srcPort: number; tgt: number; tgtPort: number },
): string {
  const node = (id: number) => names[id] ?? `node ${id}`;
  return `${node(edge.src)}[${edge.srcPort}] → ${node(edge.tgt)}[${edge.tgtPort}]`;
}

/** One serial-monitor line for a link event; `names` are the graph's node names by id. */
export function describeEvent(event: LinkEvent, names: readonly string[]): string {
  const node = (id: number) => names[id] ?? `node ${id}`;
  switch (event.kind) {
    case 'log':
      return event.text;
    case 'packet': {
      const p = event.packet;
      const value = 'value' in p ? String(p.value) : p.type;
      return `t=${seconds(event.timeMs)}  ${edgeText(names, event)}  ${value}`;
    }
    case 'network-error':
      return `error: ${describeError({ ...event.error, node: undefined })}${event.error.node !== undefined ? ` at ${node(event.error.node)} port ${event.error.port}` : ''}`;
    case 'damaged':
      return `a frame arrived damaged: ${describeError(event.error)}`;
  }
}

/** The generic firmware the app ships for a board (real-board/boards.ts), under the app's base. */
export function firmwareUrlOf(id: VirtualBoardId): string {
  const real = REAL_BOARDS.find((b) => b.id === id);
  if (!real) throw new Error(`no firmware for the board '${id}'`);
  return `${import.meta.env?.BASE_URL ?? '/'}${real.firmwareUrl}`;
}

/** One monitor line for what went into the model area before an upload. */
export function describeModels(m: { wrote: boolean; bytes: number; pages: number; ids: number[] }) {
  const which = `model${m.ids.length === 1 ? '' : 's'} ${m.ids.join(', ')}`;
  return m.wrote
    ? `${which} written to the model area: ${m.bytes} B in ${m.pages} flash page${m.pages === 1 ? '' : 's'}, board restarted`
    : `${which} already in the model area (${m.bytes} B, same CRC-32): nothing written`;
}

/**
 * `models`: the project's model blobs the graph's model nodes name (id → blob); an upload puts
 * them into the board's model area first (only when it holds others).
 */
export function useVirtualBoard(id: VirtualBoardId, models?: ReadonlyMap<number, Uint8Array>) {
  const spec = VIRTUAL_BOARDS[id];
  const modelsRef = useRef(models);
  modelsRef.current = models;
  const hexUrl = firmwareUrlOf(id);
  const [state, setState] = useState<VirtualBoardState>(INITIAL);
  const board = useRef(new PinBoard()).current;
  const timeline = useRef(new PinTimeline()).current;
  const worker = useRef<Worker | null>(null);
  const names = useRef<string[]>([]);

  const onReport = useCallback(
    (r: BoardReport | { kind: 'stopped' } | { kind: 'graph'; nodes: string[] }) => {
      // Outside the state updater, which React may call twice.
      if (r.kind === 'pins') timeline.add(r.changes);
      if (r.kind === 'time') timeline.advanceTo(r.timeMs);
      // Models written: the board restarted at board time 0, its pins start over.
      if (r.kind === 'models' && r.wrote) {
        board.clear();
        timeline.clear();
      }
      setState((s) => {
        const say = (text: string, timeMs = s.timeMs) => ({
          lines: [...s.lines, stampLine(timeMs, text)].slice(-MAX_LINES),
          lineTotal: s.lineTotal + 1,
        });
        switch (r.kind) {
          case 'booted':
            // A restart after writing models happens within an upload: the run goes on.
            return {
              ...s,
              phase: s.phase === 'running' ? 'running' : 'ready',
              info: r.info,
              error: null,
              version: s.version + 1,
            };
          case 'models':
            return {
              ...s,
              ...say(describeModels(r), r.timeMs),
              upload: describeModels(r),
              timeMs: r.timeMs,
              version: s.version + 1,
            };
          case 'graph':
            names.current = r.nodes;
            return s;
          case 'uploaded':
            return {
              ...s,
              ...say(`graph uploaded (${r.bytes} B), stored in EEPROM`, r.timeMs),
              upload: [s.upload, `graph uploaded (${r.bytes} B), stored in EEPROM`]
                .filter(Boolean)
                .join(' · '),
              graphStartMs: r.timeMs ?? s.timeMs,
              version: s.version + 1,
            };
          case 'pins': {
            // In the board's own pin numbers: its drawing (boardLayouts.ts) has every header pin;
            // a PWM pin as its duty (pinGlow.ts).
            board.apply(pinBatchOf(r.changes));
            return { ...s, version: s.version + 1 };
          }
          case 'event':
            return {
              ...s,
              ...say(describeEvent(r.event, names.current), r.timeMs),
              version: s.version + 1,
            };
          case 'time':
            return { ...s, timeMs: r.timeMs, wallMs: r.wallMs };
          case 'world':
            return { ...s, world: r.state };
          case 'stopped':
            return { ...s, phase: s.phase === 'error' ? s.phase : 'stopped' };
          case 'error':
            return {
              ...s,
              phase: 'error',
              error: r.message,
              ...say(`refused: ${r.message}`),
              version: s.version + 1,
            };
        }
        return s;
      });
    },
    [board, timeline],
  );

  const send = useCallback(
    (request: BoardRequest) => {
      if (!worker.current) {
        worker.current = new Worker(new URL('./board.worker.ts', import.meta.url), {
          type: 'module',
        });
        worker.current.onmessage = (e) => onReport(e.data);
        worker.current.onerror = (e) =>
          onReport({ kind: 'error', message: e.message || 'the board worker failed' });
      }
      worker.current.postMessage(request);
    },
    [onReport],
  );

  useEffect(() => () => worker.current?.terminate(), []);

  /** A live input of the board's world (the fridge's doorOpen, ambientC, ...). */
  const setWorldInput = useCallback(
    (name: string, value: number) => send({ type: 'worldInput', name, value }),
    [send],
  );

  return {
    spec,
    state,
    board,
    timeline,
    boot: () => {
      board.clear();
      timeline.clear();
      setState({ ...INITIAL, phase: 'booting' });
      send({ type: 'boot', hexUrl, board: id });
    },
    /**
     * Compiles and uploads the graph, then runs at `speed` board ms per wall ms, with `world`
     * (the simulator's world and options) behind the board's pins; null: nothing on them.
     */
    runGraph: (fbpText: string, speed: number, world: BoardWorldOptions | null = null) => {
      // The logic view shows this graph's run: from the upload on.
      timeline.clear();
      setState((s) => ({
        ...s,
        phase: 'running',
        error: null,
        graphStartMs: null,
        world: null,
        upload: null,
      }));
      send({ type: 'world', world });
      send({ type: 'loadGraph', fbpText, models: modelsRef.current });
      send({ type: 'run', speed });
    },
    stop: () => send({ type: 'stop' }),
    setWorldInput,
    reset: () => {
      board.clear();
      timeline.clear();
      // After a reset the stored graph starts as the board boots: board time 0.
      setState((s) => ({
        ...s,
        phase: 'booting',
        timeMs: 0,
        graphStartMs: 0,
        lines: [...s.lines, '— reset —'].slice(-MAX_LINES),
        lineTotal: s.lineTotal + 1,
      }));
      send({ type: 'reset' });
    },
  };
}

/** A virtual board as a panel drives it. */
export type VirtualBoardHandle = ReturnType<typeof useVirtualBoard>;
