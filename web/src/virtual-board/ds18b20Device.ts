// A DS18B20 on a virtual Uno's pin: the 1-Wire slave side of the wire protocol, from the Maxim
// DS18B20 datasheet (rev. 6), on avr8js. It watches the master's drive of the pin (the
// firmware's DDR/PORT writes, timed in CPU cycles) and pulls the bus low itself through the
// pin's input (AVRIOPort.setPin), with the bus pulled up whenever nobody pulls it down.
// The temperature comes from outside (a Ds18b20Sensor: the world's Ds18b20Model behind
// BoardWorld), so this file is the wire only. The same protocol as the libsimavr harness
// (tests/board/ds18b20_device.h), plus SEARCH ROM, conversion polling and the scratchpad writes:
//   - reset: the master holds the line low >= 480 us (430 us accepted: slack for its loop);
//     30 us after it releases, the device answers with a 120 us presence pulse (15-60, 60-240).
//   - write slots: low for under 15 us is a 1, longer a 0 (the device samples 15-60 us in).
//   - read slots: for a 0 the device holds the line low for 30 us from the falling edge (the
//     master samples within 15 us); for a 1 it leaves it alone.
//   - ROM commands: SEARCH ROM (0xF0: per ROM bit, the bit and its complement, then the master's
//     choice; a device whose bit was not chosen drops out), READ ROM (0x33), MATCH ROM (0x55 +
//     8 bytes), SKIP ROM (0xCC); ALARM SEARCH (0xEC) finds nobody (no alarm is modelled).
//   - function commands: CONVERT T (0x44; read slots then answer 0 until the 750 ms conversion
//     ends, 1 after), READ SCRATCHPAD (0xBE: 9 bytes LSB first, the last the Dallas CRC-8 of the
//     first 8), WRITE SCRATCHPAD (0x4E: TH, TL, configuration), READ POWER SUPPLY (0xB4: 1,
//     externally powered). Anything else is counted as unsupported and ignored until the next
//     reset, as a device that did not understand would.
//   - the scratchpad holds the last finished conversion; before the first it holds the
//     power-on value +85 °C (0x0550), what a firmware reading too early gets.
import { PinState, type AVRIOPort, type CPU } from 'avr8js';

/** Where the temperature comes from (the world); called at the board's current time. */
export interface Ds18b20Sensor {
  startConversion(): void;
  /** The finished conversion's raw value (1/16 °C), or null while none has finished. */
  finishedReading(): number | null;
}

/** What the device saw, for tests and the UI: every count is of whole transactions. */
export interface Ds18b20Stats {
  resets: number;
  presencePulses: number;
  searches: number;
  matchedRoms: number;
  /** MATCH ROM for another device: it stayed silent. */
  otherRoms: number;
  conversions: number;
  scratchpadReads: number;
  /** READ SCRATCHPAD before a conversion had finished: the old (or power-on) value went out. */
  staleReads: number;
  unsupported: number;
}

const RESET_MIN_US = 430;
const PRESENCE_DELAY_US = 30;
const PRESENCE_US = 120;
const WRITE_ONE_MAX_US = 15;
const READ_ZERO_HOLD_US = 30;
const CONVERSION_MS = 750;

const SEARCH_ROM = 0xf0;
const ALARM_SEARCH = 0xec;
const READ_ROM = 0x33;
const MATCH_ROM = 0x55;
const SKIP_ROM = 0xcc;
const CONVERT_T = 0x44;
const READ_SCRATCHPAD = 0xbe;
const WRITE_SCRATCHPAD = 0x4e;
const READ_POWER_SUPPLY = 0xb4;

/** Dallas/Maxim CRC-8 (x^8 + x^5 + x^4 + 1, reflected). */
export function dallasCrc8(bytes: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) {
    for (let bit = 0; bit < 8; bit++) {
      const feedback = (crc ^ (bytes[i] >> bit)) & 1;
      crc >>= 1;
      if (feedback) crc ^= 0x8c;
    }
  }
  return crc;
}

type State =
  | 'idle' // until the next reset
  | 'rom' // receiving a ROM command
  | 'match' // receiving MATCH ROM's 8 bytes
  | 'search' // SEARCH ROM: sending bit, complement, then receiving the master's choice
  | 'function' // receiving a function command
  | 'writeScratchpad' // receiving TH, TL, configuration
  | 'sending' // answering read slots with `sending`
  | 'converting'; // read slots answer 0 until the conversion ends

export class Ds18b20Device {
  readonly stats: Ds18b20Stats = {
    resets: 0,
    presencePulses: 0,
    searches: 0,
    matchedRoms: 0,
    otherRoms: 0,
    conversions: 0,
    scratchpadReads: 0,
    staleReads: 0,
    unsupported: 0,
  };
  private readonly cyclesPerUs: number;
  private state: State = 'idle';
  private masterLow = false;
  private fallAt = 0;
  private pulling = false;
  /** The slot under way is one the device answers (a read slot), not a bit written to it. */
  private readSlot = false;
  private bitCount = 0;
  private byte = 0;
  private received: number[] = [];
  private sending: number[] = [];
  private sendBits = 0;
  private sentBits = 0;
  private searchBit = 0;
  private searchPhase: 0 | 1 | 2 = 0; // 0: send the bit, 1: its complement, 2: receive
  private conversionEndCycles = 0;
  private scratchpadRaw = 0x0550; // +85 °C, the power-on value
  private th = 0x4b;
  private tl = 0x46;
  private config = 0x7f; // 12 bits

  constructor(
    private readonly cpu: CPU,
    private readonly port: AVRIOPort,
    private readonly bit: number,
    readonly rom: readonly number[],
    private readonly sensor: Ds18b20Sensor,
    clockHz: number,
  ) {
    if (rom.length !== 8) throw new Error(`a DS18B20 ROM has 8 bytes, got ${rom.length}`);
    this.cyclesPerUs = clockHz / 1_000_000;
    port.addListener(this.onPortWrite);
    this.release(); // the pull-up: an idle bus reads high
  }

  /** Takes the device off the bus (its world is gone): the line stays pulled up. */
  detach(): void {
    this.port.removeListener(this.onPortWrite);
    while (this.cpu.clearClockEvent(this.presence));
    while (this.cpu.clearClockEvent(this.release));
    this.release();
    this.state = 'idle';
  }

  private us(microseconds: number): number {
    return microseconds * this.cyclesPerUs;
  }

  // The bus as the pin reads it: low while the device pulls (the master's own drive shows in
  // PINx through its output latch).
  private pull(): void {
    this.pulling = true;
    this.port.setPin(this.bit, false);
  }

  private release = (): void => {
    this.pulling = false;
    this.port.setPin(this.bit, true);
  };

  private presence = (): void => {
    this.pull();
    this.cpu.addClockEvent(this.release, this.us(PRESENCE_US));
  };

  private onPortWrite = (): void => {
    const low = this.port.pinState(this.bit) === PinState.Low;
    if (low === this.masterLow) return;
    this.masterLow = low;
    if (low) this.masterPullsLow();
    else this.masterReleases();
  };

  private masterPullsLow(): void {
    this.fallAt = this.cpu.cycles;
    let answer: number | null = null;
    if (this.state === 'sending') {
      answer = (this.sending[this.sentBits >> 3] >> (this.sentBits & 7)) & 1;
      if (++this.sentBits === this.sendBits) this.state = 'idle';
    } else if (this.state === 'converting') {
      answer = this.cpu.cycles >= this.conversionEndCycles ? 1 : 0;
    } else if (this.state === 'search' && this.searchPhase < 2) {
      const romBit = (this.rom[this.searchBit >> 3] >> (this.searchBit & 7)) & 1;
      answer = this.searchPhase === 0 ? romBit : romBit ^ 1;
      this.searchPhase++;
    }
    this.readSlot = answer !== null;
    // A read slot answered with 0: hold the line past the master's sample point.
    if (answer === 0 && !this.pulling) {
      this.pull();
      this.cpu.addClockEvent(this.release, this.us(READ_ZERO_HOLD_US));
    }
  }

  private masterReleases(): void {
    const lowFor = this.cpu.cycles - this.fallAt;
    if (lowFor >= this.us(RESET_MIN_US)) {
      this.stats.resets++;
      this.stats.presencePulses++;
      this.cpu.addClockEvent(this.presence, this.us(PRESENCE_DELAY_US));
      this.state = 'rom';
      this.bitCount = 0;
      this.byte = 0;
      return;
    }
    if (this.readSlot) return;
    const bit = lowFor < this.us(WRITE_ONE_MAX_US) ? 1 : 0;
    if (this.state === 'search' && this.searchPhase === 2) return this.onSearchChoice(bit);
    if (
      this.state === 'rom' ||
      this.state === 'match' ||
      this.state === 'function' ||
      this.state === 'writeScratchpad'
    )
      this.onBitWritten(bit);
  }

  private onSearchChoice(bit: number): void {
    const romBit = (this.rom[this.searchBit >> 3] >> (this.searchBit & 7)) & 1;
    // The master went the other way: this device leaves the search until the next reset.
    if (bit !== romBit) {
      this.state = 'idle';
      return;
    }
    this.searchPhase = 0;
    // Found: the datasheet has the master reset before the next command.
    if (++this.searchBit === 64) this.state = 'idle';
  }

  private onBitWritten(bit: number): void {
    this.byte |= bit << this.bitCount;
    if (++this.bitCount < 8) return;
    const byte = this.byte;
    this.bitCount = 0;
    this.byte = 0;
    this.onByteWritten(byte);
  }

  private onByteWritten(byte: number): void {
    switch (this.state) {
      case 'rom':
        return this.onRomCommand(byte);
      case 'match':
        this.received.push(byte);
        if (this.received.length < 8) return;
        if (this.received.every((b, i) => b === this.rom[i])) {
          this.stats.matchedRoms++;
          this.state = 'function';
        } else {
          this.stats.otherRoms++;
          this.state = 'idle';
        }
        return;
      case 'function':
        return this.onFunctionCommand(byte);
      case 'writeScratchpad':
        this.received.push(byte);
        if (this.received.length === 3) {
          [this.th, this.tl, this.config] = this.received;
          this.config = (this.config & 0x60) | 0x1f; // only R1, R0 are writable
          this.state = 'idle';
        }
        return;
      default:
        return;
    }
  }

  private onRomCommand(byte: number): void {
    if (byte === MATCH_ROM) {
      this.state = 'match';
      this.received = [];
    } else if (byte === SKIP_ROM) {
      this.state = 'function';
    } else if (byte === READ_ROM) {
      this.send([...this.rom]);
    } else if (byte === SEARCH_ROM) {
      this.stats.searches++;
      this.state = 'search';
      this.searchBit = 0;
      this.searchPhase = 0;
    } else if (byte === ALARM_SEARCH) {
      this.state = 'idle'; // no alarm condition: the device does not take part
    } else {
      this.stats.unsupported++;
      this.state = 'idle';
    }
  }

  private onFunctionCommand(byte: number): void {
    if (byte === CONVERT_T) {
      this.stats.conversions++;
      this.sensor.startConversion();
      this.conversionEndCycles = this.cpu.cycles + this.us(CONVERSION_MS * 1000);
      this.state = 'converting';
    } else if (byte === READ_SCRATCHPAD) {
      this.stats.scratchpadReads++;
      const raw = this.sensor.finishedReading();
      if (raw === null) this.stats.staleReads++;
      else this.scratchpadRaw = raw;
      const bits = this.scratchpadRaw & 0xffff;
      // Temperature LSB/MSB, TH, TL, configuration, three reserved bytes, CRC.
      const pad = [bits & 0xff, bits >> 8, this.th, this.tl, this.config, 0xff, 0x0c, 0x10];
      this.send([...pad, dallasCrc8(pad)]);
    } else if (byte === WRITE_SCRATCHPAD) {
      this.state = 'writeScratchpad';
      this.received = [];
    } else if (byte === READ_POWER_SUPPLY) {
      this.send([0xff]); // externally powered: read slots answer 1
    } else {
      this.stats.unsupported++;
      this.state = 'idle';
    }
  }

  private send(bytes: number[]): void {
    this.sending = bytes;
    this.sendBits = bytes.length * 8;
    this.sentBits = 0;
    this.state = 'sending';
  }
}
