// A virtual Arduino Uno: avr8js runs a real firmware image (the generic firmware's .hex) on an
// emulated ATmega328P at 16 MHz, with the timers, USART0, the EEPROM and ports B, C and D.
// What the board writes to its pins is recorded with its board time; its serial port is a
// LinkTransport, so the host code that will talk to a real board talks to this one.
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
  adcConfig,
  avrInstruction,
  portBConfig,
  portCConfig,
  portDConfig,
  timer0Config,
  timer1Config,
  timer2Config,
  usart0Config,
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

export const UNO_CLOCK_HZ = 16_000_000;
const UNO_FLASH_BYTES = 0x8000;
const UNO_EEPROM_BYTES = 1024;

/** A digital pin's level as the firmware drives it (D0-D13, A0-A5 as 14-19). */
export interface PinChange {
  timeMs: number;
  pin: number;
  high: boolean;
}

// Ports → Arduino pin numbers: PORTD 0-7 → D0-D7, PORTB 0-5 → D8-D13, PORTC 0-5 → A0-A5 (14-19).
const PORT_PINS: Array<[typeof portBConfig, number, number]> = [
  [portDConfig, 0, 8],
  [portBConfig, 8, 6],
  [portCConfig, 14, 6],
];

export class VirtualUno {
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
  private readonly ports: AVRIOPort[] = [];
  /** What the ADC converts on channels 0-7 (A0-A5, then the two the Uno has no pin for). */
  private readonly analogCounts = new Uint16Array(8);

  /**
   * `eeprom` survives a reset when the same bytes are passed to the next board (a reset is a
   * new VirtualUno). `maxChanges` bounds the pin log.
   */
  constructor(
    hexText: string,
    readonly eeprom: Uint8Array = new Uint8Array(UNO_EEPROM_BYTES).fill(0xff),
    private readonly maxChanges = 100_000,
  ) {
    const flash = parseIntelHex(hexText, UNO_FLASH_BYTES);
    this.cpu = new CPU(new Uint16Array(flash.buffer));
    this.timers = [timer0Config, timer1Config, timer2Config].map((c) => new AVRTimer(this.cpu, c));
    const backend = new EEPROMMemoryBackend(UNO_EEPROM_BYTES);
    backend.memory.set(eeprom);
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
    new AVREEPROM(this.cpu, backend);
    this.usart = new AVRUSART(this.cpu, usart0Config, UNO_CLOCK_HZ);
    this.usart.onByteTransmit = (byte) => {
      const bytes = Uint8Array.of(byte);
      for (const listener of this.serialListeners) listener(bytes);
    };
    const adc = new AVRADC(this.cpu, adcConfig);
    // Counts straight from the world (no volts in between, so no rounding); channels past 7
    // (the band gap, ground) read 0.
    adc.onADCRead = (input) => {
      const counts = 'channel' in input ? (this.analogCounts[input.channel] ?? 0) : 0;
      this.cpu.addClockEvent(() => adc.completeADCRead(counts), adc.sampleCycles);
    };
    for (const [config, firstPin, count] of PORT_PINS) {
      const port = new AVRIOPort(this.cpu, config);
      this.ports.push(port);
      // Called on writes to PORTx and DDRx; only pins driven as outputs are recorded (a PORT
      // bit of an input pin is its pull-up, not a level the firmware drives).
      port.addListener(() => {
        for (let bit = 0; bit < count; bit++) {
          const state = port.pinState(bit);
          if (state === PinState.High || state === PinState.Low) {
            this.recordPin(firstPin + bit, state === PinState.High);
          }
        }
      });
    }
  }

  get timeMs(): number {
    return this.cpu.cycles / (UNO_CLOCK_HZ / 1000);
  }

  private recordPin(pin: number, high: boolean): void {
    if (this.levels.get(pin) === high) return;
    this.levels.set(pin, high);
    const change = { timeMs: Math.round(this.timeMs * 1000) / 1000, pin, high };
    this.pinChanges.push(change);
    if (this.pinChanges.length > this.maxChanges) this.pinChanges.shift();
    for (const listener of this.pinListeners) listener(change);
  }

  /** The port and bit of pin D0-D13 / A0-A5 (14-19), or null for another number. */
  portOf(pin: number): { port: AVRIOPort; bit: number } | null {
    for (const [i, [, firstPin, count]] of PORT_PINS.entries()) {
      if (Number.isInteger(pin) && pin >= firstPin && pin < firstPin + count)
        return { port: this.ports[i], bit: pin - firstPin };
    }
    return null;
  }

  /** Sets what the ADC converts on A0-A5 (channel 0-5): counts 0-1023, clamped. */
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
    const end = cpu.cycles + Math.round(ms * (UNO_CLOCK_HZ / 1000));
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
