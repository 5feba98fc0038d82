// A virtual Arduino board: avr8js runs a real firmware image (the generic firmware's .hex) on
// an emulated AVR at 16 MHz — an Uno's ATmega328P or a Mega 2560's ATmega2560, described by a
// table entry (virtualBoards.ts: flash, SRAM and EEPROM sizes, ports, pin map, timers, USART0,
// ADC) — with its timers, USART0, the EEPROM and its ports. What the board writes to its pins
// is recorded with its board time; its serial port is a LinkTransport, so the host code that
// will talk to a real board talks to this one.
//
// The ADC converts counts set with setAnalogCounts (a world's sensors: boardWorld.ts), and
// devices on a pin (ds18b20Device.ts) reach its port through portOf.
//
// Time is the board's own: run(ms) executes exactly ms × 16,000 cycles; nothing waits on the
// wall clock. avr8js has no SLEEP; the run loop adds it (sleepSkip.ts): a CPU that executes
// SLEEP with SMCR's SE set runs no instruction until an interrupt, and its sleeping cycles are
// skipped event to event — which is where the generic firmware spends most of its time.
import {
  AVRADC,
  AVREEPROM,
  AVRIOPort,
  PinState,
  AVRTimer,
  AVRUSART,
  CPU,
  EEPROMMemoryBackend,
  avrInstruction,
} from 'avr8js';
import type { LinkTransport } from '../link/linkClient';
import { parseIntelHex } from './intelHex';
import {
  SEI_OPCODE,
  SLEEP_OPCODE,
  SMCR_ADDRESS,
  SMCR_SE,
  sleepStep,
  type SleepMode,
} from './sleepSkip';
import { completeChannelC } from './timerChannelC';
import { UNO, type VirtualBoardSpec } from './virtualBoards';

/** A digital pin's level as the firmware drives it (the board's Arduino pin numbers). */
export interface PinChange {
  timeMs: number;
  pin: number;
  high: boolean;
}

export interface VirtualBoardOptions {
  /** The chip and its pins (default: the Uno). */
  spec?: VirtualBoardSpec;
  /**
   * The EEPROM's bytes: they survive a reset when the same bytes are passed to the next board
   * (a reset is a new VirtualBoard). Default: erased (0xFF), spec.eepromBytes long.
   */
  eeprom?: Uint8Array;
  /** Bounds the pin log (the oldest changes go first). */
  maxChanges?: number;
}

export class VirtualBoard {
  readonly spec: VirtualBoardSpec;
  readonly eeprom: Uint8Array;
  private readonly maxChanges: number;
  readonly cpu: CPU;
  private readonly usart: AVRUSART;
  private readonly rx: number[] = [];
  private readonly serialListeners: Array<(bytes: Uint8Array) => void> = [];
  private readonly levels = new Map<number, boolean>();
  /** Every pin change since boot (bounded: the oldest go first past `maxChanges`). */
  readonly pinChanges: PinChange[] = [];
  private readonly pinListeners: Array<(change: PinChange) => void> = [];
  private readonly timers: AVRTimer[];
  /** `skip` (default) jumps over sleeping cycles; `cycle` steps them (the reference in tests). */
  sleepMode: SleepMode = 'skip';
  /** SLEEP as avr8js decodes it, a no-op: the firmware busy-waits (the reference in tests). */
  ignoreSleep = false;
  /** Where the CPU sleeps (the address after SLEEP), or -1 while it runs. */
  private sleepPc = -1;
  /** Cycles spent asleep since boot (how much of the board's time needed no instruction). */
  sleptCycles = 0;
  /** The ports by letter, and each Arduino pin's port and bit (spec.pins). */
  private readonly ports = new Map<string, AVRIOPort>();
  private readonly pinPorts: Array<{ port: AVRIOPort; bit: number }>;
  /** What the ADC converts per channel (the Uno's 6-7 and the Mega's 8-15 included). */
  private readonly analogCounts: Uint16Array;

  constructor(hexText: string, options: VirtualBoardOptions = {}) {
    const spec = options.spec ?? UNO;
    this.spec = spec;
    this.maxChanges = options.maxChanges ?? 100_000;
    this.eeprom = options.eeprom ?? new Uint8Array(spec.eepromBytes).fill(0xff);
    if (this.eeprom.length !== spec.eepromBytes)
      throw new Error(
        `the ${spec.name}'s EEPROM holds ${spec.eepromBytes} bytes, not ${this.eeprom.length}`,
      );
    const flash = parseIntelHex(hexText, spec.flashBytes);
    this.cpu = new CPU(new Uint16Array(flash.buffer), spec.sramBytes);
    this.timers = spec.timers.map((c) => new AVRTimer(this.cpu, c));
    this.timers.forEach(completeChannelC);
    const backend = new EEPROMMemoryBackend(spec.eepromBytes);
    backend.memory.set(this.eeprom);
    // Writes go through to `eeprom`, so the caller keeps what the firmware stored.
    const write = backend.writeMemory.bind(backend);
    backend.writeMemory = (address: number, value: number) => {
      write(address, value);
      this.eeprom[address] = backend.memory[address];
    };
    const erase = backend.eraseMemory.bind(backend);
    backend.eraseMemory = (address: number) => {
      erase(address);
      this.eeprom[address] = backend.memory[address];
    };
    new AVREEPROM(this.cpu, backend, spec.eeprom);
    this.usart = new AVRUSART(this.cpu, spec.usart0, spec.clockHz);
    this.usart.onByteTransmit = (byte) => {
      const bytes = Uint8Array.of(byte);
      for (const listener of this.serialListeners) listener(bytes);
    };
    this.analogCounts = new Uint16Array(spec.adc.numChannels);
    const adc = new AVRADC(this.cpu, spec.adc);
    // Counts straight from the world (no volts in between, so no rounding); the band gap and
    // ground read 0.
    adc.onADCRead = (input) => {
      const counts = 'channel' in input ? (this.analogCounts[input.channel] ?? 0) : 0;
      this.cpu.addClockEvent(() => adc.completeADCRead(counts), adc.sampleCycles);
    };
    for (const [letter, config] of Object.entries(spec.ports))
      this.ports.set(letter, new AVRIOPort(this.cpu, config));
    this.pinPorts = spec.pins.map((name) => {
      const port = this.ports.get(name[0]);
      if (!port) throw new Error(`the ${spec.name} has no port ${name[0]}`);
      return { port, bit: Number(name.slice(1)) };
    });
    // Per port, its pins by bit (a port's listener sees all eight at once).
    const pinsOf = new Map<AVRIOPort, Array<[number, number]>>();
    this.pinPorts.forEach(({ port, bit }, pin) => {
      pinsOf.set(port, [...(pinsOf.get(port) ?? []), [bit, pin]]);
    });
    for (const [port, pins] of pinsOf) {
      // Called on writes to PORTx and DDRx; only pins driven as outputs are recorded (a PORT
      // bit of an input pin is its pull-up, not a level the firmware drives).
      port.addListener(() => {
        for (const [bit, pin] of pins) {
          const state = port.pinState(bit);
          if (state === PinState.High || state === PinState.Low)
            this.recordPin(pin, state === PinState.High);
        }
      });
    }
  }

  get timeMs(): number {
    return this.cpu.cycles / (this.spec.clockHz / 1000);
  }

  private recordPin(pin: number, high: boolean): void {
    if (this.levels.get(pin) === high) return;
    this.levels.set(pin, high);
    const change = { timeMs: Math.round(this.timeMs * 1000) / 1000, pin, high };
    this.pinChanges.push(change);
    if (this.pinChanges.length > this.maxChanges) this.pinChanges.shift();
    for (const listener of this.pinListeners) listener(change);
  }

  /** The port and bit of an Arduino pin (Uno D0-D13, A0-A5 as 14-19; Mega D0-D53, A0-A15 as
   * 54-69), or null for another number. */
  portOf(pin: number): { port: AVRIOPort; bit: number } | null {
    return Number.isInteger(pin) ? (this.pinPorts[pin] ?? null) : null;
  }

  /** Sets what the ADC converts on a channel (A0 is channel 0): counts 0-1023, clamped. */
  setAnalogCounts(channel: number, counts: number): void {
    if (channel < 0 || channel >= this.analogCounts.length) return;
    this.analogCounts[channel] = Math.max(0, Math.min(1023, Math.round(counts)));
  }

  /** The level the firmware last wrote to a pin (false until it writes one). */
  pinLevel(pin: number): boolean {
    return this.levels.get(pin) ?? false;
  }

  onPinChange(listener: (change: PinChange) => void): () => void {
    this.pinListeners.push(listener);
    return () => this.pinListeners.splice(this.pinListeners.indexOf(listener), 1);
  }

  /** Runs the board for `ms` of its own time, feeding queued serial input as the USART takes it. */
  run(ms: number): void {
    const { cpu } = this;
    const { data, progMem } = cpu;
    const end = cpu.cycles + Math.round(ms * (this.spec.clockHz / 1000));
    this.feedSerial();
    while (cpu.cycles < end) {
      if (this.sleepPc >= 0) {
        const before = cpu.cycles;
        const due = sleepStep(cpu, this.timers, this.sleepMode, end);
        this.sleptCycles += cpu.cycles - before;
        if (!due) break;
        if (cpu.pc !== this.sleepPc) this.sleepPc = -1; // an interrupt woke it
      } else {
        const opcode = progMem[cpu.pc];
        if (opcode === SLEEP_OPCODE && data[SMCR_ADDRESS] & SMCR_SE && !this.ignoreSleep)
          this.sleepPc = cpu.pc + 1;
        avrInstruction(cpu);
        if (opcode === SEI_OPCODE) {
          // The instruction after SEI runs before a pending interrupt (so SEI; SLEEP cannot
          // miss a wake-up): clock events fire now, interrupts wait one instruction.
          data[95] &= 0x7f;
          cpu.tick();
          data[95] |= 0x80;
        } else {
          cpu.tick();
        }
        if (this.sleepPc >= 0 && cpu.pc !== this.sleepPc) this.sleepPc = -1;
      }
      if (this.rx.length > 0) this.feedSerial();
    }
  }

  /** Hands the next queued byte to the USART's receiver when it is free (at wire speed). */
  private feedSerial(): void {
    if (this.rx.length > 0 && !this.usart.rxBusy && this.usart.writeByte(this.rx[0]))
      this.rx.shift();
  }

  /** The board's USART0 as a link transport: writes queue for its receiver. */
  readonly serial: LinkTransport = {
    write: (bytes) => this.rx.push(...bytes),
    onBytes: (listener) => {
      this.serialListeners.push(listener);
      return () => this.serialListeners.splice(this.serialListeners.indexOf(listener), 1);
    },
  };
}
