// @vitest-environment node
// Fidelity of the virtual Uno and the virtual Mega 2560 against the model-level simulator (issue
// 14): the shipped generic firmware of each board, the graph sent over the virtual serial link,
// and the simulator's own C++ world (the engine's BoardWorld) on the board's pins — a DS18B20 on
// pin 9, the relay modules on 11 and 12, the accelerometer on the ADC's A0-A2 (the Mega's pins
// 54-56) — give what the engine's simulateWorld gives for the same graph, world and seed. Loops
// are bounded by board time; wall time is only printed.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../../wasm/emflow-engine';
import { loadEngine } from '../test-support/engine';
import { genericHex, repoRoot } from '../test-support/genericFirmware';
import { compileLimits } from '../real-board/boardCompiler';
import { MEGA2560, UNO, type VirtualBoardSpec } from './virtualBoards';
import { BoardRunner, type BoardReport } from './boardRunner';
import type { LinkPacket } from '../link/linkClient';
import type { BoardWorldOptions } from './boardWorld';

let engine: EngineModule;
beforeAll(async () => {
  engine = await loadEngine();
});

interface RelayChange {
  ms: number;
  turnOn: boolean;
  turnOff: boolean;
}

// Relay states (active-low modules: LOW = energised; an undriven pin leaves its relay off) at
// each change, from levels per pin in time order.
function relayChanges(levels: Array<{ ms: number; pin: number; high: boolean }>): RelayChange[] {
  const out: RelayChange[] = [];
  let turnOn = false;
  let turnOff = false;
  for (const { ms, pin, high } of levels) {
    if (pin === 11) turnOn = !high;
    else if (pin === 12) turnOff = !high;
    else continue;
    const last = out.at(-1);
    if (last && last.turnOn === turnOn && last.turnOff === turnOff) continue;
    if (!last && !turnOn && !turnOff) continue;
    out.push({ ms, turnOn, turnOff });
  }
  return out;
}

// The simulator's relay changes: `pin,D11,0` rows of simulateWorld's trace.
function simulatedRelays(fbp: string, options: object, durationMs: number): RelayChange[] {
  const run = engine.simulateWorld(fbp, JSON.stringify({ ...options, durationMs }));
  if (!run.ok) throw new Error(run.error);
  const levels = run.csv
    .split('\n')
    .map((line) => line.split(','))
    .filter((f) => f[1] === 'pin' && (f[2] === 'D11' || f[2] === 'D12'))
    .map((f) => ({ ms: Number(f[0]), pin: Number(f[2].slice(1)), high: f[3] === '1' }));
  return relayChanges(levels);
}

async function boardWith(
  spec: VirtualBoardSpec,
  fbp: string,
  world: BoardWorldOptions,
  watch = false,
) {
  const reports: BoardReport[] = [];
  const board = new BoardRunner(genericHex(spec.id), (r) => reports.push(r), undefined, spec);
  board.setWorld(world, () => new engine.BoardWorld());
  const info = await board.boot();
  // The limits the app's worker compiles with: the Mega's A0 is pin 54.
  const compiled = engine.compileForBoard(fbp, compileLimits(info));
  if (!compiled.ok) throw new Error(compiled.error);
  await board.load({ stream: compiled.stream, edits: watch ? compiled.watch : [] });
  return { board, reports, compiled };
}

// The accelerometer graph of examples/activity.fbp up to its readings: the generic Uno firmware
// has no WindowFeatures (docs/serial-link.md: it does not fit) and the link carries no models,
// so the board's part that can be compared is what its ADC converts, reading by reading.
const ACCEL_READINGS = `timer(Timer) OUT -> IN axes(Split)
axes() OUT[0] -> TRIGGER x(AnalogRead) OUT -> IN dx(Drop)
axes() OUT[1] -> TRIGGER y(AnalogRead) OUT -> IN dy(Drop)
axes() OUT[2] -> TRIGGER z(AnalogRead) OUT -> IN dz(Drop)
'40' -> INTERVAL timer()
board(ArduinoUno) A0 -> PIN x()
board() A1 -> PIN y()
board() A2 -> PIN z()
`;

// A recording for the replay world: the door switch on D2, a level on A3 and a DS18B20 on pin
// 9. Its changes fall between the graph's ticks (the board reads a few ms after the simulator,
// docs/board-worlds.md), the temperature ramps between the conversions' sampling points.
const RECORDING = `time_ms,D2,A3,T9
0,0,100,20
1230,1,300,20
2000,1,300,20
2100,0,500,25
3370,1,700,25
6000,1,700,25
`;
const REPLAYED_READINGS = `fast(Timer) OUT -> IN both(Split)
both() OUT[0] -> TRIGGER door(DigitalRead) OUT -> IN dd(Drop)
both() OUT[1] -> TRIGGER level(AnalogRead) OUT -> IN dl(Drop)
slow(Timer) OUT -> TRIGGER thermo(ReadDallasTemperature) OUT -> IN dt(Drop)
'100' -> INTERVAL fast()
'1000' -> INTERVAL slow()
'["0x28", "0xAF", "0x1C", "0xB2", "0x04", "0x00", "0x00", "0x33"]' -> ADDRESS thermo()
board(ArduinoUno) PIN2 -> PIN door()
board() A3 -> PIN level()
board() PIN9 -> PIN thermo()
`;
const REPLAY_MS = 4000;

// Board time per test. The fridge graph sleeps between its ticks and the virtual Uno skips the
// sleep, so 10.5 minutes of the fridge (the "≥ 10 simulated minutes", five relay changes)
// take about 9 s of CPU (23 s of wall time on a loaded 2-core machine, measured). The activity
// readings keep the CPU busy (an ADC read every 40 ms), so their span stays short.
// EMFLOW_BOARD_FRIDGE_MS / EMFLOW_BOARD_ACTIVITY_MS choose other spans.
const FRIDGE_MS = Number(process.env.EMFLOW_BOARD_FRIDGE_MS ?? 630_000);
const ACTIVITY_MS = Number(process.env.EMFLOW_BOARD_ACTIVITY_MS ?? 6_000);
// A guard against a hang only, scaled to the span: no speed is asserted.
const timeoutFor = (boardMs: number) => 120_000 + boardMs * 20;

describe.each([UNO, MEGA2560])('worlds on the virtual $name', (spec) => {
  it(
    'the fridge: the same relay changes as the simulator, each within one timer interval',
    { timeout: timeoutFor(FRIDGE_MS) },
    async () => {
      const fbp = readFileSync(`${repoRoot}examples/fridge.fbp`, 'utf8');
      const world: BoardWorldOptions = { world: 'fridge', seed: 1 };
      const intervalMs = 5000;
      const simulated = simulatedRelays(fbp, world, FRIDGE_MS + intervalMs);
      const expected = simulated.filter((c) => c.ms <= FRIDGE_MS);
      const { board, reports } = await boardWith(spec, fbp, world);
      const origin = board.worldOrigin ?? NaN;
      const changes = () =>
        relayChanges(
          reports
            .flatMap((r) => (r.kind === 'pins' ? r.changes : []))
            .map((c) => ({ ms: c.timeMs - origin, pin: c.pin, high: c.high })),
        );
      // Bounded by board time: the compared span plus one interval (a change the simulator
      // makes just before the span's end may come up to an interval later on the board).
      const wallStart = performance.now();
      while (board.timeMs < origin + FRIDGE_MS + intervalMs) board.step(250);
      const wallS = (performance.now() - wallStart) / 1000;
      const all = changes();
      // Every board change within the span must be one of the simulator's, in order.
      const onBoard = all.filter((c) => c.ms <= FRIDGE_MS);
      const stats = board.worldLink?.thermometers.get(9)?.stats;
      const boardS = (board.timeMs - origin) / 1000;
      console.log(
        `fridge on the virtual ${spec.name}: ${boardS.toFixed(1)} s of board time in ${wallS.toFixed(1)} s ` +
          `of wall time (${(boardS / wallS).toFixed(2)}× real time); relay changes (ms since the ` +
          `graph started) board ${JSON.stringify(all)}, simulator ${JSON.stringify(simulated)}; ` +
          `DS18B20 ${JSON.stringify(stats)}`,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(all.length).toBeGreaterThanOrEqual(expected.length);
      expect(onBoard.length).toBeLessThanOrEqual(simulated.length);
      for (const [i, got] of onBoard.entries()) {
        expect({ turnOn: got.turnOn, turnOff: got.turnOff }).toEqual({
          turnOn: simulated[i].turnOn,
          turnOff: simulated[i].turnOff,
        });
        expect(Math.abs(got.ms - simulated[i].ms)).toBeLessThanOrEqual(intervalMs);
      }
      for (const [i, want] of expected.entries()) {
        expect({ turnOn: all[i].turnOn, turnOff: all[i].turnOff }).toEqual({
          turnOn: want.turnOn,
          turnOff: want.turnOff,
        });
        expect(Math.abs(all[i].ms - want.ms)).toBeLessThanOrEqual(intervalMs);
      }
      // Break before make on the board too: never both relays energised.
      expect(all.filter((c) => c.turnOn && c.turnOff)).toEqual([]);
      // The 1-Wire conversation: every transaction understood, no reading before its time.
      expect(stats?.conversions).toBeGreaterThanOrEqual(Math.floor(boardS / 5) - 1);
      expect(stats?.scratchpadReads).toBeGreaterThanOrEqual(Math.floor(boardS / 5) - 1);
      expect(stats).toMatchObject({ staleReads: 0, unsupported: 0, otherRoms: 0 });
      // The world's state as the UI gets it: the compressor the relays switched.
      const state = reports.filter((r) => r.kind === 'world').at(-1);
      expect(state?.kind === 'world' && state.state.values.compressorOn).toBe(
        all.at(-1)?.turnOn ? 1 : 0,
      );
      expect(state?.kind === 'world' && state.state.values.airC).toBeGreaterThan(-40);
    },
  );

  it(
    'the activity world: every accelerometer reading on the ADC equals the simulator’s',
    { timeout: timeoutFor(ACTIVITY_MS) },
    async () => {
      const world: BoardWorldOptions = { world: 'activity', seed: 1 };
      const run = engine.simulateWorld(
        ACCEL_READINGS,
        // A second longer: a headless run's recording ends with its duration and holds its last
        // sample there, where the board's endless world (the same seeded schedule) goes on.
        JSON.stringify({ ...world, durationMs: ACTIVITY_MS + 1000 }),
      );
      if (!run.ok) throw new Error(run.error);
      const axes = ['x', 'y', 'z'];
      // Per axis: the simulator's reading at each tick time (ms since the graph started).
      const simulated = axes.map(
        (axis) =>
          new Map(
            run.csv
              .split('\n')
              .map((line) => line.split(','))
              .filter((f) => f[1] === 'packet' && f[2] === `${axis}.OUT -> d${axis}.IN`)
              .map((f) => [Number(f[0]), Number(f[3])]),
          ),
      );
      const { board, reports, compiled } = await boardWith(spec, ACCEL_READINGS, world, true);
      const origin = board.worldOrigin ?? NaN;
      const wallStart = performance.now();
      while (board.timeMs < origin + ACTIVITY_MS) board.step(250);
      const wallS = (performance.now() - wallStart) / 1000;
      // The board's readings by tick: its timer ticks every 40 ms of its millis() from the
      // graph's start, which is less than one tick after the world's origin (the world is
      // where the simulator's is at the same tick: docs/board-worlds.md), so a reading at
      // millis() t belongs to tick floor((t - origin) / 40).
      const ids = axes.map((axis) => compiled.nodes.find((n) => n.name === axis)?.id);
      const onBoard = ids.map((id) =>
        reports.flatMap((r) =>
          r.kind === 'event' &&
          r.event.kind === 'packet' &&
          r.event.src === id &&
          r.event.packet.type === 'int'
            ? [
                {
                  tickMs: 40 * Math.floor((r.event.timeMs - origin) / 40),
                  value: r.event.packet.value,
                },
              ]
            : [],
        ),
      );
      const pairs = onBoard.map((readings, axis) =>
        readings
          .filter((r) => r.tickMs <= ACTIVITY_MS && simulated[axis].has(r.tickMs))
          .map((r) => ({
            tickMs: r.tickMs,
            board: r.value,
            simulator: simulated[axis].get(r.tickMs),
          })),
      );
      console.log(
        `activity on the virtual ${spec.name}: ${ACTIVITY_MS / 1000} s of board time in ` +
          `${wallS.toFixed(1)} s of wall time; readings per axis board ` +
          `${onBoard.map((r) => r.length).join('/')}, simulator ` +
          `${simulated.map((r) => r.size).join('/')}; compared ${pairs.map((p) => p.length).join('/')}; ` +
          `first board tick ${onBoard[0][0]?.tickMs} ms`,
      );
      for (let axis = 0; axis < 3; axis++) {
        // Every tick but the ones before the board's watch was on (the first one or two).
        expect(pairs[axis].length).toBeGreaterThanOrEqual(Math.floor(ACTIVITY_MS / 40) - 3);
        expect(pairs[axis].filter((p) => p.board !== p.simulator)).toEqual([]);
      }
      const onBoardX = onBoard[0].map((r) => r.value);
      // The readings move: the world is behind the ADC, not a constant.
      expect(new Set(onBoardX).size).toBeGreaterThan(5);
    },
  );

  it(
    'BoardRunner: a world’s options, live inputs and state; refusals; a reset starts it over',
    { timeout: 120_000 },
    async () => {
      const reports: BoardReport[] = [];
      const board = new BoardRunner(genericHex(spec.id), (r) => reports.push(r), undefined, spec);
      const create = () => new engine.BoardWorld();
      expect(() => board.setWorld({ world: 'replay' }, create)).toThrow(/data is required/);
      expect(() => board.setWorld({ world: 'fridge', inputs: { ambientC: 99 } }, create)).toThrow(
        /ambientC must be between -40 and 60/,
      );
      expect(board.worldState()).toBeNull();

      board.setWorld({ world: 'fridge', seed: 3, inputs: { ambientC: 30 } }, create);
      await board.boot();
      expect(board.worldOrigin).toBeNull(); // no graph yet: the world's clock waits
      board.setWorldInput('doorOpen', 1);
      expect(() => board.setWorldInput('lightsOn', 1)).toThrow(/no input 'lightsOn'/);
      const state = board.worldState();
      expect(state).toMatchObject({ world: 'fridge', worldMs: 0 });
      expect(state?.values).toMatchObject({ ambientC: 30, doorOpen: 1, compressorOn: 0 });
      const last = reports.filter((r) => r.kind === 'world').at(-1);
      expect(last?.kind === 'world' && last.state.values.doorOpen).toBe(1);

      // Blink runs: the world's clock starts with it and follows the board's.
      const blink = engine.compileForBoard(
        readFileSync(`${repoRoot}examples/blink.fbp`, 'utf8'),
        '',
      );
      await board.load({ stream: blink.stream, edits: [] });
      const origin = board.worldOrigin ?? NaN;
      board.step(600);
      const later = board.worldState();
      expect(later?.worldMs).toBe(Math.floor(board.timeMs - origin));
      // The LED pin the firmware drives reaches the world (as the simulator's pinN samples).
      expect(later?.values.pin13).toBeDefined();
      // A second upload starts in the running world: its clock does not start over.
      await board.load({ stream: blink.stream, edits: [] });
      board.step(100);
      expect(board.worldOrigin).toBe(origin);
      expect(board.worldState()?.worldMs).toBeGreaterThan((later?.worldMs ?? 0) + 100);

      await board.reset();
      expect(board.worldState()).toMatchObject({ world: 'fridge', values: { ambientC: 30 } });
      // Blink is stored: the world's clock started again at the board's boot.
      expect(board.worldOrigin).toBe(0);
      board.setWorld(null);
      expect(board.worldState()).toBeNull();
      board.step(100); // a board without its world's devices runs on
    },
  );

  it(
    'a replayed recording drives a digital pin, the ADC and the DS18B20 as in the simulator',
    { timeout: timeoutFor(REPLAY_MS) },
    async () => {
      const world: BoardWorldOptions = { world: 'replay', data: RECORDING };
      const run = engine.simulateWorld(
        REPLAYED_READINGS,
        JSON.stringify({ ...world, durationMs: REPLAY_MS + 1000 }),
      );
      if (!run.ok) throw new Error(run.error);
      // Per node: the simulator's values by tick (ms since the graph started, floored to the
      // node's timer interval: a temperature arrives 750 ms after its tick).
      const readers = [
        { node: 'door', edge: 'door.OUT -> dd.IN', interval: 100 },
        { node: 'level', edge: 'level.OUT -> dl.IN', interval: 100 },
        { node: 'thermo', edge: 'thermo.OUT -> dt.IN', interval: 1000 },
      ];
      const simulated = readers.map(
        ({ edge, interval }) =>
          new Map(
            run.csv
              .split('\n')
              .map((line) => line.split(','))
              .filter((f) => f[1] === 'packet' && f[2] === edge)
              .map((f) => [interval * Math.floor(Number(f[0]) / interval), f[3]]),
          ),
      );
      const { board, reports, compiled } = await boardWith(spec, REPLAYED_READINGS, world, true);
      const origin = board.worldOrigin ?? NaN;
      while (board.timeMs < origin + REPLAY_MS) board.step(250);
      const text = (p: LinkPacket) =>
        p.type === 'boolean' ? String(p.value) : 'value' in p ? String(p.value) : p.type;
      const pairs = readers.map(({ node, interval }, i) => {
        const id = compiled.nodes.find((n) => n.name === node)?.id;
        return reports.flatMap((r) => {
          if (r.kind !== 'event' || r.event.kind !== 'packet' || r.event.src !== id) return [];
          const tick = interval * Math.floor((r.event.timeMs - origin) / interval);
          if (tick > REPLAY_MS || !simulated[i].has(tick)) return [];
          return [{ tick, board: text(r.event.packet), simulator: simulated[i].get(tick) }];
        });
      });
      console.log(
        `replay on the virtual ${spec.name}: compared ${pairs.map((p) => p.length).join('/')} readings ` +
          `(door/level/thermometer); values seen ${pairs
            .map((p) => [...new Set(p.map((x) => x.board))].join(' '))
            .join(' | ')}`,
      );
      expect(pairs[0].length).toBeGreaterThanOrEqual(REPLAY_MS / 100 - 3);
      expect(pairs[1].length).toBeGreaterThanOrEqual(REPLAY_MS / 100 - 3);
      expect(pairs[2].length).toBeGreaterThanOrEqual(REPLAY_MS / 1000 - 2);
      for (const p of pairs) expect(p.filter((x) => x.board !== x.simulator)).toEqual([]);
      // The recording's changes all reached the board.
      expect(new Set(pairs[0].map((x) => x.board))).toEqual(new Set(['false', 'true']));
      expect(new Set(pairs[1].map((x) => x.board)).size).toBe(4);
      expect(new Set(pairs[2].map((x) => x.board))).toEqual(new Set(['20', '25']));
    },
  );
});
