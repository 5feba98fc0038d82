// The real boards the app can flash and drive, one table entry each: which firmware the app
// ships for it, how big its flash is (what the .hex is read into), the bootloader protocol that
// writes it and the serial-link board id its generic firmware reports.
import { flashStk500v1, type FlashOptions, type SerialLine } from '../flash/stk500v1';
import { flashStk500v2 } from '../flash/stk500v2';
import { LINK_BOARDS } from '../link/linkConstants.generated';

export type FlashProgress = NonNullable<FlashOptions['progress']>;

export interface RealBoard {
  id: string;
  label: string;
  /** The generic firmware under the app's base URL. */
  firmwareUrl: string;
  /** Bytes of application flash (below the bootloader): the image the .hex is read into. */
  applicationBytes: number;
  /** The id the board's generic firmware reports in its Info frame. */
  linkBoard: number;
  /** The bootloader's protocol, for the dialog ("Optiboot (STK500v1)"). */
  bootloader: string;
  baudRate: number;
  /** Whether its generic firmware has a model area (core/ml/model_area.h): graphs with model
   * nodes need one (the Uno's flash has no room for it). */
  modelArea: boolean;
  /** How long the bootloader listens after a reset before it starts the firmware. The Mega's
   * STK500v2 bootloader treats bytes arriving then as its own protocol and stays (measured on
   * simavr: a hello right after the reset went unanswered for 6 s, one 1.5 s later was answered
   * at once), so the host waits this long before it talks; Optiboot leaves on a stray byte. */
  bootMs: number;
  /** Writes and verifies `image` through the board's bootloader (resets it by DTR first). */
  /** `signal` cancels between two bytes (the device was lost): a FlashError 'cancelled'. */
  flash(
    line: SerialLine,
    image: Uint8Array,
    progress: FlashProgress,
    signal?: AbortSignal,
  ): Promise<void>;
}

export const REAL_BOARDS: readonly RealBoard[] = [
  {
    id: 'uno',
    label: 'Arduino Uno (ATmega328P)',
    firmwareUrl: 'firmware/generic-uno.hex',
    applicationBytes: 0x7e00,
    linkBoard: LINK_BOARDS.Uno,
    bootloader: 'Optiboot (STK500v1)',
    baudRate: 115200,
    modelArea: false,
    bootMs: 0,
    // Answers may wait 2 s: a browser tab on a busy machine stalls for hundreds of ms at times,
    // and a slow answer costs nothing (Optiboot's own watchdog gives up after 1 s of silence).
    flash: (line, image, progress, signal) =>
      flashStk500v1(line, image, { progress, answerTimeoutMs: 2000, signal }),
  },
  {
    id: 'mega2560',
    label: 'Arduino Mega 2560 (ATmega2560)',
    firmwareUrl: 'firmware/generic-mega2560.hex',
    applicationBytes: 256 * 1024 - 8192, // the top 8 KB hold the bootloader
    linkBoard: LINK_BOARDS.Mega2560,
    bootloader: 'STK500v2 (stk500boot_v2_mega2560)',
    baudRate: 115200,
    modelArea: true,
    bootMs: 2000,
    flash: (line, image, progress, signal) => flashStk500v2(line, image, { progress, signal }),
  },
];
