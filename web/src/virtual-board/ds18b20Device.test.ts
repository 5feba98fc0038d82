// @vitest-environment node
// The DS18B20 device model on a real avr8js port, driven by a 1-Wire master written here from
// the datasheet's timings (and Maxim's application note 187 for SEARCH ROM): reset and
// presence, SEARCH / READ / MATCH / SKIP ROM, CONVERT T with polling, READ SCRATCHPAD with its
// CRC-8, WRITE SCRATCHPAD, and silence for another device's ROM. The CPU runs no program: the
// test writes the port's registers as the firmware would and moves its clock.
import { AVRIOPort, CPU, portBConfig } from 'avr8js';
import { describe, expect, it } from 'vitest';
import { Ds18b20Device, dallasCrc8, type Ds18b20Sensor } from './ds18b20Device';

const HZ = 16_000_000;
const BIT = 1; // PB1: the Uno's pin 9
const MASK = 1 << BIT;
const ROM = [0x28, 0xaf, 0x1c, 0xb2, 0x04, 0x00, 0x00, 0x33];

// A sensor whose conversions finish 750 ms after they start (board time in µs here).
class FakeWorldSensor implements Ds18b20Sensor {
  started: number[] = [];
  constructor(
    private readonly cpu: CPU,
    private readonly raw: number,
  ) {}
  startConversion(): void {
    this.started.push(this.cpu.cycles);
  }
  finishedReading(): number | null {
    const last = this.started.at(-1);
    return last !== undefined && this.cpu.cycles - last >= 0.75 * HZ ? this.raw : null;
  }
}

// The master's side: open drain on PB1, as firmware/avr/one_wire.cpp drives it.
class Master {
  constructor(private readonly cpu: CPU) {}
  private write(address: number, value: number) {
    this.cpu.writeData(address, value);
  }
  private low() {
    this.write(portBConfig.PORT, this.cpu.data[portBConfig.PORT] & ~MASK);
    this.write(portBConfig.DDR, this.cpu.data[portBConfig.DDR] | MASK);
  }
  private release() {
    this.write(portBConfig.DDR, this.cpu.data[portBConfig.DDR] & ~MASK);
    this.write(portBConfig.PORT, this.cpu.data[portBConfig.PORT] | MASK);
  }
  private line(): number {
    return this.cpu.data[portBConfig.PIN] & MASK ? 1 : 0;
  }
  // Moves the clock 1 µs at a time so every device event fires at its cycle.
  wait(us: number) {
    for (let i = 0; i < us; i++) {
      this.cpu.cycles += HZ / 1_000_000;
      this.cpu.tick();
    }
  }
  reset(): boolean {
    this.low();
    this.wait(480);
    this.release();
    this.wait(70);
    const present = this.line() === 0;
    this.wait(410);
    return present;
  }
  bit(value: number): number {
    this.low();
    this.wait(3);
    if (value) this.release();
    this.wait(7);
    const level = this.line();
    this.wait(53);
    this.release();
    this.wait(5);
    return level;
  }
  writeByte(value: number) {
    for (let i = 0; i < 8; i++) this.bit((value >> i) & 1);
  }
  readBytes(count: number): number[] {
    const out: number[] = [];
    for (let n = 0; n < count; n++) {
      let byte = 0;
      for (let i = 0; i < 8; i++) byte |= this.bit(1) << i;
      out.push(byte);
    }
    return out;
  }
  // One pass of SEARCH ROM taking the 1 branch at every discrepancy (AN187's first pass);
  // null when no device answered a bit.
  search(): number[] | null {
    this.writeByte(0xf0);
    const rom = new Array<number>(8).fill(0);
    for (let i = 0; i < 64; i++) {
      const bit = this.bit(1);
      const complement = this.bit(1);
      if (bit && complement) return null;
      const chosen = bit === complement ? 1 : bit;
      rom[i >> 3] |= chosen << (i & 7);
      this.bit(chosen);
    }
    return rom;
  }
}

function setup(raw = 0x0191) {
  const cpu = new CPU(new Uint16Array(0x4000));
  const port = new AVRIOPort(cpu, portBConfig);
  const sensor = new FakeWorldSensor(cpu, raw);
  const device = new Ds18b20Device(cpu, port, BIT, ROM, sensor, HZ);
  return { cpu, sensor, device, master: new Master(cpu) };
}

describe('the DS18B20 model on an avr8js pin', () => {
  it('answers a reset with presence and only then; an idle bus reads high', () => {
    const { master, device } = setup();
    expect(master.bit(1)).toBe(1);
    expect(master.reset()).toBe(true);
    expect(device.stats).toMatchObject({ resets: 1, presencePulses: 1 });
  });

  it('is found by SEARCH ROM and reads its ROM with a valid CRC', () => {
    const { master, device } = setup();
    expect(master.reset()).toBe(true);
    const found = master.search();
    expect(found).toEqual(ROM);
    expect(dallasCrc8(ROM.slice(0, 7))).toBe(ROM[7]);
    expect(master.reset()).toBe(true);
    master.writeByte(0x33); // READ ROM
    expect(master.readBytes(8)).toEqual(ROM);
    expect(device.stats.searches).toBe(1);
  });

  it('converts (polled: 0 while busy, 1 when done) and sends the scratchpad with its CRC', () => {
    const { master, device, sensor } = setup(0x0191); // 25.0625 °C
    // Before any conversion: the power-on 85 °C, counted as a stale read.
    master.reset();
    master.writeByte(0xcc); // SKIP ROM
    master.writeByte(0xbe);
    const powerOn = master.readBytes(9);
    expect(powerOn[0] | (powerOn[1] << 8)).toBe(0x0550);
    expect(dallasCrc8(powerOn)).toBe(0); // the CRC over all nine bytes, CRC included
    expect(device.stats.staleReads).toBe(1);

    master.reset();
    master.writeByte(0x55); // MATCH ROM
    for (const byte of ROM) master.writeByte(byte);
    master.writeByte(0x44); // CONVERT T
    expect(sensor.started.length).toBe(1);
    expect(master.bit(1)).toBe(0); // still converting
    let polls = 0;
    while (master.bit(1) === 0 && polls < 1000) {
      master.wait(1000);
      polls++;
    }
    // Done after 750 ms: about 740 polls of 1.07 ms each (bounded by count, not by time).
    expect(polls).toBeGreaterThan(650);
    expect(polls).toBeLessThan(760);

    master.reset();
    master.writeByte(0x55);
    for (const byte of ROM) master.writeByte(byte);
    master.writeByte(0xbe);
    const pad = master.readBytes(9);
    expect(pad[0] | (pad[1] << 8)).toBe(0x0191);
    expect(pad[4]).toBe(0x7f); // 12-bit configuration
    expect(pad[8]).toBe(dallasCrc8(pad.slice(0, 8)));
    expect(device.stats).toMatchObject({ matchedRoms: 2, conversions: 1, scratchpadReads: 2 });
  });

  it('stays silent for another ROM and counts unknown commands', () => {
    const { master, device, sensor } = setup();
    master.reset();
    master.writeByte(0x55);
    for (const byte of [...ROM.slice(0, 7), 0x34]) master.writeByte(byte);
    master.writeByte(0x44);
    expect(sensor.started.length).toBe(0);
    expect(master.readBytes(2)).toEqual([0xff, 0xff]); // nobody pulls the line
    master.reset();
    master.writeByte(0x99); // no such ROM command
    expect(device.stats).toMatchObject({ otherRoms: 1, unsupported: 1 });
  });

  it('keeps TH, TL and the resolution bits written by WRITE SCRATCHPAD', () => {
    const { master } = setup();
    master.reset();
    master.writeByte(0xcc);
    master.writeByte(0x4e);
    for (const byte of [0x19, 0x05, 0x3f]) master.writeByte(byte); // TH 25, TL 5, 10 bits
    master.reset();
    master.writeByte(0xcc);
    master.writeByte(0xbe);
    const pad = master.readBytes(9);
    expect(pad.slice(2, 5)).toEqual([0x19, 0x05, 0x3f]);
    expect(dallasCrc8(pad)).toBe(0);
  });
});
