// Wires one of the simulator's worlds to a virtual board's pins (docs/board-worlds.md): the world
// is the engine's BoardWorld — the same C++ the model-level simulator runs, created from the
// same registry with the same options — stepped on the board's own time:
//   - every board millisecond (a clock event of the CPU, so it also fires across skipped
//     sleep) the world moves to that time and what it reports goes on the pins: digital inputs
//     through the port's input (AVRIOPort.setPin), analog counts into the ADC;
//   - every level the firmware drives on an output pin reaches the world at once (the
//     fridge's relay modules → its latching contactor → the compressor);
//   - each DS18B20 the world attached gets a Ds18b20Device on its pin, whose conversions and
//     scratchpad reads are the world's Ds18b20Model (noise, 1/16 °C, the 750 ms sample point).
// The world's pins are the simulator's (an Uno's D0-D13 and A0-A5); on a Mega they are the same
// D0-D13 and its A0-A5 (54-59): worldPinOf/boardPinOf (virtualBoards.ts) translate.
// The world's clock starts at `start(originMs)`: the board time at which the graph started, so
// the world is where the simulator's is when the graph's timers fire. Before that it holds
// time 0 (its first inputs are already on the pins).
import type { BoardWorld } from '../../../wasm/emflow-engine';
import type { WorldInputs, WorldKind } from '../engine';
import { Ds18b20Device } from './ds18b20Device';
import type { VirtualBoard } from './virtualBoard';
import { boardPinOf, worldPinOf } from './virtualBoards';

/** The world a virtual board runs against: what the simulator's world picker sets. */
export interface BoardWorldOptions {
  world: WorldKind;
  /** The world's seed (the simulator's activity runs use ACTIVITY_SEED). */
  seed?: number;
  /** The recording a replay world plays (CSV text, docs/replay.md). */
  data?: string;
  /** Live inputs set from the start (the fridge's ambientC, doorOpen, ...). */
  inputs?: WorldInputs;
}

/** The world's state for the UI: World::sample's values and pinN for each driven pin. */
export interface BoardWorldState {
  /** Board time, ms. */
  timeMs: number;
  /** The world's own clock, ms (0 until the graph started). */
  worldMs: number;
  world: WorldKind;
  /** The fridge: airC, contentsC, sensorC, ambientC, loadW, doorOpen, compressorOn; the
   * activity world: activity, accelXG, ...; every world: pinN (0/1) of the board's outputs. */
  values: Record<string, number>;
}

// The simulator's pins: D0-D13, then A0-A5 as 14-19.
const PIN_COUNT = 20;
const FIRST_ANALOG_PIN = 14;
const UNDRIVEN = 0xffff;

export type EngineBoardWorld = Pick<
  BoardWorld,
  | 'open'
  | 'advanceTo'
  | 'writePin'
  | 'thermometers'
  | 'startConversion'
  | 'readTemperature'
  | 'sample'
  | 'setInput'
  | 'delete'
>;

function engineResult(json: string): void {
  const result = JSON.parse(json) as { ok: boolean; error: string };
  if (!result.ok) throw new Error(result.error);
}

export class BoardWorldLink {
  /** The DS18B20 devices on the board's pins, by the world's pin (D9 is D9 on both boards). */
  readonly thermometers = new Map<number, Ds18b20Device>();
  private originMs: number | null = null;
  private worldMs = 0;
  private readonly inputPins = new Set<number>();
  private readonly inputLevels = new Map<number, boolean>();
  private detached = false;
  private readonly unsubscribe: () => void;
  /** What went wrong inside the board's run (a refused conversion), for the runner to report. */
  readonly problems: string[] = [];

  /**
   * Opens `world` with `options` (a refused option throws with the engine's reason) and wires
   * it to `board`. The link owns `world` and deletes it in detach().
   */
  constructor(
    private readonly board: VirtualBoard,
    private readonly world: EngineBoardWorld,
    readonly options: BoardWorldOptions,
  ) {
    const { inputs, ...open } = options;
    try {
      engineResult(world.open(JSON.stringify(open)));
      for (const [name, value] of Object.entries(inputs ?? {})) this.setInput(name, Number(value));
    } catch (e) {
      world.delete();
      throw e;
    }
    this.unsubscribe = board.onPinChange((change) => {
      const pin = worldPinOf(board.spec, change.pin);
      if (this.detached || pin < 0 || this.thermometers.has(pin)) return;
      this.advance();
      this.world.writePin(pin, change.high);
    });
    this.attachThermometers();
    this.applyInputs(this.world.advanceTo(0));
    board.cpu.addClockEvent(this.tick, this.cyclesPerMs);
  }

  /**
   * Starts the world's clock at board time `originMs` (the first graph's start). Once running
   * it runs on: a later graph starts in the world as it is then (as a new graph flashed into a
   * fridge's controller does); a new world starts over.
   */
  start(originMs: number): void {
    this.originMs ??= originMs;
  }

  /** Board time at which the world's clock started, or null before the graph did. */
  get origin(): number | null {
    return this.originMs;
  }

  /** A live input by name → throws with the world's reason when refused. */
  setInput(name: string, value: number): void {
    engineResult(this.world.setInput(name, value));
    // The bench attaches a DS18B20 when its T<n> input is first set.
    this.attachThermometers();
  }

  /** The world's state at the board's time now. */
  state(): BoardWorldState {
    this.applyInputs(this.advance());
    return {
      timeMs: this.board.timeMs,
      worldMs: this.worldMs,
      world: this.options.world,
      values: JSON.parse(this.world.sample()) as Record<string, number>,
    };
  }

  /** Stops stepping the world and frees it. */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.unsubscribe();
    this.board.cpu.clearClockEvent(this.tick);
    for (const device of this.thermometers.values()) device.detach();
    this.world.delete();
  }

  // The world's time for the board's now: whole ms since the origin, 0 before it.
  private advance(): Uint16Array {
    if (this.originMs !== null) {
      const ms = Math.floor(this.board.timeMs - this.originMs);
      if (ms > this.worldMs) this.worldMs = ms;
    }
    return this.world.advanceTo(this.worldMs);
  }

  private get cyclesPerMs(): number {
    return this.board.spec.clockHz / 1000;
  }

  private tick = (): void => {
    if (this.detached) return;
    this.applyInputs(this.advance());
    this.board.cpu.addClockEvent(this.tick, this.cyclesPerMs);
  };

  private applyInputs(inputs: Uint16Array): void {
    for (let pin = 0; pin < PIN_COUNT; pin++) {
      const level = inputs[pin];
      if (level !== UNDRIVEN && !this.thermometers.has(pin)) this.setDigital(pin, level === 1);
    }
    for (let pin = FIRST_ANALOG_PIN; pin < PIN_COUNT; pin++)
      this.board.setAnalogCounts(pin - FIRST_ANALOG_PIN, inputs[PIN_COUNT + pin]);
  }

  // `pin` is the world's.
  private setDigital(pin: number, high: boolean): void {
    if (this.inputPins.has(pin) && this.inputLevels.get(pin) === high) return;
    const at = this.board.portOf(boardPinOf(this.board.spec, pin));
    if (!at) return;
    this.inputPins.add(pin);
    this.inputLevels.set(pin, high);
    at.port.setPin(at.bit, high);
  }

  private attachThermometers(): void {
    for (const { pin, rom } of this.world.thermometers()) {
      if (this.thermometers.has(pin)) continue;
      const at = this.board.portOf(boardPinOf(this.board.spec, pin));
      if (!at) continue;
      const sensor = {
        startConversion: () => {
          this.advance();
          const status = this.world.startConversion(pin, rom);
          // Reported, not thrown: this runs inside an instruction of the board.
          if (status !== 'ok') this.problems.push(`DS18B20 on pin ${pin}: conversion ${status}`);
        },
        finishedReading: () => {
          this.advance();
          const reading = this.world.readTemperature(pin, rom);
          return reading.status === 'ok' ? reading.raw : null;
        },
      };
      this.thermometers.set(
        pin,
        new Ds18b20Device(this.board.cpu, at.port, at.bit, rom, sensor, this.board.spec.clockHz),
      );
    }
  }
}
