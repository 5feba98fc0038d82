// The boards a virtual board can be (virtualBoard.ts): one table entry per chip — its flash,
// SRAM and EEPROM sizes, its I/O ports, the Arduino pin map (pin number → port and bit, A0's
// number) and its peripherals as avr8js configurations. avr8js ships the ATmega328P's
// configurations; the ATmega2560's are written out here from its register map
// (avr-libc's iom2560.h, the datasheet's interrupt vector table): the same registers for
// Timer0-2, USART0, the ADC and the EEPROM, but other interrupt vectors, Timer3/4/5, eleven
// ports, MUX5 for ADC8-15, and 8 KB of SRAM above 512 bytes of I/O space.
import {
  adcConfig,
  ADCMuxInputType,
  ADCReference,
  eepromConfig,
  portAConfig,
  portBConfig,
  portCConfig,
  portDConfig,
  portEConfig,
  portFConfig,
  portGConfig,
  portHConfig,
  portJConfig,
  portKConfig,
  portLConfig,
  timer0Config,
  timer1Config,
  timer2Config,
  usart0Config,
  type ADCConfig,
  type AVREEPROMConfig,
  type AVRPortConfig,
  type AVRTimerConfig,
} from 'avr8js';

type USARTConfig = typeof usart0Config;

export type VirtualBoardId = 'uno' | 'mega2560';

export interface VirtualBoardSpec {
  id: VirtualBoardId;
  /** "Uno", "Mega 2560": what the app calls the virtual board. */
  name: string;
  mcu: 'ATmega328P' | 'ATmega2560';
  clockHz: number;
  /** The whole flash (the image a .hex is read into). */
  flashBytes: number;
  /** avr8js's SRAM size: its data space is this plus the first 0x100 bytes (registers, I/O). */
  sramBytes: number;
  eepromBytes: number;
  /** The chip's I/O ports by letter. */
  ports: Record<string, AVRPortConfig>;
  /** Arduino pin number → "port letter + bit" ("D0", "B5", ...), as printed on the board. */
  pins: readonly string[];
  /** A0 as a digital pin number (Uno 14, Mega 54), and how many analog pins follow it. */
  firstAnalogPin: number;
  analogPins: number;
  timers: readonly AVRTimerConfig[];
  usart0: USARTConfig;
  adc: ADCConfig;
  eeprom: AVREEPROMConfig;
}

/** Both boards run at 16 MHz. */
export const UNO_CLOCK_HZ = 16_000_000;

// The Uno: D0-D7 on PORTD, D8-D13 on PORTB, A0-A5 (14-19) on PORTC.
const UNO_PINS = [
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((b) => `D${b}`),
  ...[0, 1, 2, 3, 4, 5].map((b) => `B${b}`),
  ...[0, 1, 2, 3, 4, 5].map((b) => `C${b}`),
];

export const UNO: VirtualBoardSpec = {
  id: 'uno',
  name: 'Uno',
  mcu: 'ATmega328P',
  clockHz: UNO_CLOCK_HZ,
  flashBytes: 0x8000,
  sramBytes: 2048,
  eepromBytes: 1024,
  ports: { B: portBConfig, C: portCConfig, D: portDConfig },
  pins: UNO_PINS,
  firstAnalogPin: 14,
  analogPins: 6,
  timers: [timer0Config, timer1Config, timer2Config],
  usart0: usart0Config,
  adc: adcConfig,
  eeprom: eepromConfig,
};

// The Mega 2560's pin map, as firmware/avr/mega_pins.h has it (the Arduino core's "mega"
// variant; virtualBoards.test.ts reads that header and compares).
const range = (port: string, bits: number[]) => bits.map((b) => `${port}${b}`);
const MEGA_PINS = [
  ...['E0', 'E1', 'E4', 'E5', 'G5', 'E3', 'H3', 'H4', 'H5', 'H6', 'B4', 'B5', 'B6', 'B7'],
  ...['J1', 'J0', 'H1', 'H0', 'D3', 'D2', 'D1', 'D0'], // D14-D21: USART3/2/1, I2C
  ...range('A', [0, 1, 2, 3, 4, 5, 6, 7]), // D22-D29
  ...range('C', [7, 6, 5, 4, 3, 2, 1, 0]), // D30-D37
  ...['D7', 'G2', 'G1', 'G0'], // D38-D41
  ...range('L', [7, 6, 5, 4, 3, 2, 1, 0]), // D42-D49
  ...['B3', 'B2', 'B1', 'B0'], // D50-D53: SPI
  ...range('F', [0, 1, 2, 3, 4, 5, 6, 7]), // A0-A7 (54-61)
  ...range('K', [0, 1, 2, 3, 4, 5, 6, 7]), // A8-A15 (62-69)
];

// The 2560's ports without avr8js's 328P pin-change and INTn settings (their vectors and
// registers are the 328P's; the generic firmware uses neither).
const plain = (c: AVRPortConfig): AVRPortConfig => ({
  PIN: c.PIN,
  DDR: c.DDR,
  PORT: c.PORT,
  externalInterrupts: [],
});
const MEGA_PORTS: Record<string, AVRPortConfig> = Object.fromEntries(
  Object.entries({
    A: portAConfig,
    B: portBConfig,
    C: portCConfig,
    D: portDConfig,
    E: portEConfig,
    F: portFConfig,
    G: portGConfig,
    H: portHConfig,
    J: portJConfig,
    K: portKConfig,
    L: portLConfig,
  }).map(([letter, config]) => [letter, plain(config)]),
);

// Interrupt vectors of the ATmega2560 (iom2560.h's _VECTOR(n)); avr8js takes word addresses,
// two words (a JMP) per vector.
const vector = (n: number) => n * 2;
const PORT = (letter: string) => MEGA_PORTS[letter].PORT;
// The 16-bit timers' channel C: OCFnC and OCIEnC are bit 3 of TIFRn and TIMSKn.
const CHANNEL_C = { OCFC: 8, OCIEC: 8 };

const megaTimer16 = (
  first: number,
  registers: number,
  tifr: number,
  timsk: number,
  port: string,
  bits: [number, number, number],
  clock: [string, number],
): AVRTimerConfig => ({
  ...timer1Config,
  ...CHANNEL_C,
  captureInterrupt: vector(first),
  compAInterrupt: vector(first + 1),
  compBInterrupt: vector(first + 2),
  compCInterrupt: vector(first + 3),
  ovfInterrupt: vector(first + 4),
  TIFR: tifr,
  TIMSK: timsk,
  TCCRA: registers,
  TCCRB: registers + 1,
  TCCRC: registers + 2,
  TCNT: registers + 4,
  ICR: registers + 6,
  OCRA: registers + 8,
  OCRB: registers + 10,
  OCRC: registers + 12,
  compPortA: PORT(port),
  compPinA: bits[0],
  compPortB: PORT(port),
  compPinB: bits[1],
  compPortC: PORT(port),
  compPinC: bits[2],
  externalClockPort: PORT(clock[0]),
  externalClockPin: clock[1],
});

const MEGA_TIMERS: AVRTimerConfig[] = [
  // Timer0: OC0A on PB7 (D13), OC0B on PG5 (D4); T0 on PD7.
  {
    ...timer0Config,
    compAInterrupt: vector(21),
    compBInterrupt: vector(22),
    ovfInterrupt: vector(23),
    compPortA: PORT('B'),
    compPinA: 7,
    compPortB: PORT('G'),
    compPinB: 5,
    externalClockPort: PORT('D'),
    externalClockPin: 7,
  },
  // Timer1 (0x80): OC1A/B/C on PB5/PB6/PB7 (D11, D12, D13); T1 on PD6.
  megaTimer16(16, 0x80, 0x36, 0x6f, 'B', [5, 6, 7], ['D', 6]),
  // Timer2: OC2A on PB4 (D10), OC2B on PH6 (D9).
  {
    ...timer2Config,
    compAInterrupt: vector(13),
    compBInterrupt: vector(14),
    ovfInterrupt: vector(15),
    compPortA: PORT('B'),
    compPinA: 4,
    compPortB: PORT('H'),
    compPinB: 6,
  },
  // Timer3 (0x90): PE3/PE4/PE5 (D5, D2, D3); T3 on PE6.
  megaTimer16(31, 0x90, 0x38, 0x71, 'E', [3, 4, 5], ['E', 6]),
  // Timer4 (0xA0): PH3/PH4/PH5 (D6, D7, D8); T4 on PH7.
  megaTimer16(41, 0xa0, 0x39, 0x72, 'H', [3, 4, 5], ['H', 7]),
  // Timer5 (0x120): PL3/PL4/PL5 (D46, D45, D44); T5 on PL2.
  megaTimer16(46, 0x120, 0x3a, 0x73, 'L', [3, 4, 5], ['L', 2]),
];

// ADMUX's MUX4:0 with ADCSRB's MUX5 as bit 5: single-ended ADC0-7 at 0x00-0x07, ADC8-15 at
// 0x20-0x27; 1.1 V band gap at 0x1E, ground at 0x1F.
const MEGA_ADC_CHANNELS: ADCConfig['muxChannels'] = {
  0x1e: { type: ADCMuxInputType.Constant, voltage: 1.1 },
  0x1f: { type: ADCMuxInputType.Constant, voltage: 0 },
};
for (let channel = 0; channel < 16; channel++)
  MEGA_ADC_CHANNELS[(channel & 8 ? 0x20 : 0) | (channel & 7)] = {
    type: ADCMuxInputType.SingleEnded,
    channel,
  };

export const MEGA2560: VirtualBoardSpec = {
  id: 'mega2560',
  name: 'Mega 2560',
  mcu: 'ATmega2560',
  clockHz: UNO_CLOCK_HZ,
  flashBytes: 256 * 1024,
  // Data space 0x0000-0x21FF: 512 bytes of registers and I/O (ports H-L and Timer5 lie above
  // 0xFF), then 8 KB of SRAM; avr8js counts the first 0x100 itself.
  sramBytes: 0x2200 - 0x100,
  eepromBytes: 4096,
  ports: MEGA_PORTS,
  pins: MEGA_PINS,
  firstAnalogPin: 54,
  analogPins: 16,
  timers: MEGA_TIMERS,
  usart0: {
    ...usart0Config,
    rxCompleteInterrupt: vector(25),
    dataRegisterEmptyInterrupt: vector(26),
    txCompleteInterrupt: vector(27),
  },
  adc: {
    ...adcConfig,
    adcInterrupt: vector(29),
    numChannels: 16,
    muxInputMask: 0x3f,
    muxChannels: MEGA_ADC_CHANNELS,
    adcReferences: [
      ADCReference.AREF,
      ADCReference.AVCC,
      ADCReference.Internal1V1,
      ADCReference.Internal2V56,
    ],
  },
  eeprom: { ...eepromConfig, eepromReadyInterrupt: vector(30) },
};

export const VIRTUAL_BOARDS: Record<VirtualBoardId, VirtualBoardSpec> = {
  uno: UNO,
  mega2560: MEGA2560,
};

/**
 * The simulator's pin (its virtual board is an Uno: D0-D13, A0-A5 as 14-19) that a board's
 * pin is wired to in a world, or -1: D0-D13 are D0-D13 on both boards, and the Mega's A0-A5
 * (54-59) sit where the Uno's do. docs/board-worlds.md.
 */
export function worldPinOf(spec: VirtualBoardSpec, pin: number): number {
  if (pin >= 0 && pin < 14) return pin;
  if (pin >= spec.firstAnalogPin && pin < spec.firstAnalogPin + 6)
    return 14 + pin - spec.firstAnalogPin;
  return -1;
}

/** The board's pin behind a simulator pin (0-19), the inverse of worldPinOf. */
export function boardPinOf(spec: VirtualBoardSpec, worldPin: number): number {
  if (worldPin >= 0 && worldPin < 14) return worldPin;
  if (worldPin >= 14 && worldPin < 20) return spec.firstAnalogPin + worldPin - 14;
  return -1;
}

/** A pin's name on the board: "D13", "A0" (Uno pin 14, Mega pin 54). */
export function boardPinLabel(spec: VirtualBoardSpec, pin: number): string {
  const analog = pin - spec.firstAnalogPin;
  return analog >= 0 && analog < spec.analogPins ? `A${analog}` : `D${pin}`;
}
