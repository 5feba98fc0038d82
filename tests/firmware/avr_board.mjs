// A simulated Arduino Uno for the firmware checks: an ATmega328P at 16 MHz (avr8js) running
// the Intel HEX of a build, with Timer0 (the Arduino core's millis()), Timer1, USART0 (serial lines
// in and out) and optionally the ADC. Shared by model_serial.mjs (a model over serial) and
// activity_parity.mjs (the activity graph with its accelerometer on A0..A2).
import { readFileSync } from 'node:fs';
import {
  AVRADC,
  AVRTimer,
  AVRUSART,
  CPU,
  adcConfig,
  avrInstruction,
  timer0Config,
  timer1Config,
  usart0Config,
} from 'avr8js';

export const CLOCK_HZ = 16e6;

// Intel HEX (data and end records; what avr-objcopy -O ihex writes) into a 32 KB flash image.
export function loadHex(path) {
  const flash = new Uint8Array(0x8000);
  for (const [n, raw] of readFileSync(path, 'utf8').split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (line[0] !== ':') throw new Error(`${path}:${n + 1}: not an Intel HEX record`);
    const count = parseInt(line.slice(1, 3), 16);
    const address = parseInt(line.slice(3, 7), 16);
    const type = parseInt(line.slice(7, 9), 16);
    if (type === 1) break;
    if (type !== 0) continue;
    if (address + count > flash.length) throw new Error(`${path}:${n + 1}: beyond 32 KB`);
    for (let i = 0; i < count; i++) flash[address + i] = parseInt(line.slice(9 + 2 * i, 11 + 2 * i), 16);
  }
  return flash;
}

export class SimulatedUno {
  // analogCounts(channel, cycles) -> 0..1023: what the ADC converts on `channel` when a
  // conversion starts at CPU cycle `cycles` (omit it for a board without analog inputs).
  constructor(hexPath, { analogCounts } = {}) {
    this.cpu = new CPU(new Uint16Array(loadHex(hexPath).buffer));
    this.timer0 = new AVRTimer(this.cpu, timer0Config);
    this.timer1 = new AVRTimer(this.cpu, timer1Config); // cycle counts around a computation
    this.usart = new AVRUSART(this.cpu, usart0Config, CLOCK_HZ);
    this.received = '';
    this.usart.onByteTransmit = (byte) => (this.received += String.fromCharCode(byte));
    if (analogCounts) {
      this.adc = new AVRADC(this.cpu, adcConfig);
      // The counts come straight from the caller (no volts in between, so no rounding).
      this.adc.onADCRead = (input) => {
        const counts = analogCounts(input.channel, this.cpu.cycles);
        this.cpu.addClockEvent(() => this.adc.completeADCRead(counts), this.adc.sampleCycles);
      };
    }
  }

  get seconds() {
    return this.cpu.cycles / CLOCK_HZ;
  }

  // Runs until `done()` or until `maxCycles` more cycles have passed (then throws: a hang).
  runUntil(done, maxCycles, what) {
    const { cpu } = this;
    const limit = cpu.cycles + maxCycles;
    while (!done()) {
      if (cpu.cycles > limit) {
        throw new Error(
          `no ${what} within ${maxCycles} cycles; serial: ${JSON.stringify(this.received.slice(-200))}`,
        );
      }
      for (let i = 0; i < 500; i++) {
        avrInstruction(cpu);
        cpu.tick();
      }
    }
  }

  // The next complete serial line (without its line end), or null.
  takeLine() {
    const end = this.received.indexOf('\n');
    if (end < 0) return null;
    const line = this.received.slice(0, end).replace(/\r$/, '');
    this.received = this.received.slice(end + 1);
    return line;
  }

  // Queues text for the board's serial input; `pump()` inside a runUntil() condition feeds it
  // one byte at a time as the USART accepts them.
  send(text) {
    this.pending = [...(this.pending ?? []), ...Buffer.from(text, 'latin1')];
  }

  pump() {
    if (this.pending?.length && !this.usart.rxBusy && this.usart.writeByte(this.pending[0]))
      this.pending.shift();
  }
}
