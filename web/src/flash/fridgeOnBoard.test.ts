// @vitest-environment node
// A real board's whole path in Node, against the real bootloader: a simulated ATmega328P
// (simavr) runs Debian's Optiboot behind a pseudo-terminal (the USB serial port's stand-in),
// with a DS18B20 device model on pin 9 whose temperature swings between 2 and 7 °C
// (tests/flash/bootloader_board.cpp --ds18b20). The generic firmware is flashed and verified
// through Optiboot; the fridge graph (examples/fridge.fbp, its timer at 1 s), compiled by the
// WebAssembly engine for the capacities the board reports, is uploaded over the serial link
// with every edge watched; and the board's packet events must show the relays switching the
// compressor on and off as the sensor crosses the thresholds — never both relays energised.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkClient, type LinkEvent } from '../link/linkClient';
import { startBoard, stopBoards } from '../test-support/bootloaderBoard';
import { loadEngine } from '../test-support/engine';
import { genericHex, repoRoot } from '../test-support/genericFirmware';
import { parseIntelHex } from '../virtual-board/intelHex';
import { flashStk500v1 } from './stk500v1';

afterEach(stopBoards);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the fridge on a flashed Uno with a DS18B20 on its pin', () => {
  it(
    'flashes the generic firmware, uploads the fridge and sees both relays switch in turn',
    { timeout: 240_000 },
    async () => {
      const engine = await loadEngine();
      const board = await startBoard('uno', {
        seconds: 200,
        ds18b20: { pin: 9, wave: '2:7:16' },
      });
      const line = board.line();
      // simavr runs Optiboot in real time beside other work: a generous answer time (not under test).
      await flashStk500v1(line, parseIntelHex(genericHex(), 0x7e00), { answerTimeoutMs: 3000 });
      const client = new LinkClient(line, { timeoutMs: 3000 });
      const info = await client.hello();
      expect(info.boardName).toBe('Uno');

      const fbp = readFileSync(`${repoRoot}examples/fridge.fbp`, 'utf8').replace(
        "'5000' -> INTERVAL",
        "'1000' -> INTERVAL",
      );
      const limits = {
        maxNodes: info.MaxNodes,
        maxEdges: info.MaxEdges,
        maxInitials: info.MaxInitials,
      };
      const compiled = engine.compileForBoard(fbp, JSON.stringify(limits));
      expect(compiled.errors).toEqual([]);
      const idOf = (name: string) => compiled.nodes.find((n) => n.name === name)!.id;
      const relays = new Map([
        [idOf('turnOn'), 'on'],
        [idOf('turnOff'), 'off'],
      ]);

      // The level each relay pin was last sent (false: LOW, an active-low module energised).
      const levels = new Map<string, boolean>();
      const energised: string[] = [];
      const problems: string[] = [];
      let overlaps = 0;
      client.onEvent((event: LinkEvent) => {
        if (event.kind === 'network-error' || event.kind === 'damaged')
          problems.push(`${event.kind}: ${event.error.statusName}`);
        if (event.kind !== 'packet' || event.packet.type !== 'boolean') return;
        const relay = relays.get(event.tgt);
        if (relay === undefined) return;
        const wasEnergised = levels.get(relay) === false;
        levels.set(relay, event.packet.value);
        if (!event.packet.value && !wasEnergised) energised.push(relay);
        if (levels.get('on') === false && levels.get('off') === false) overlaps += 1;
      });
      await client.upload(compiled.stream);
      for (const edit of compiled.watch) await client.liveEdit(edit);

      // Board time runs at about wall time: the sensor's 16 s wave switches the compressor
      // every ~8 s, starting where the wave happens to be. Wait (bounded) for three switches.
      for (let i = 0; i < 400 && energised.length < 3; i++) await pause(250);
      client.close();
      expect(problems).toEqual([]);
      expect(energised.length).toBeGreaterThanOrEqual(3);
      // The relays take turns (on, off, on… or off, on, off…), never both energised.
      for (let i = 1; i < energised.length; i++) expect(energised[i]).not.toBe(energised[i - 1]);
      expect(overlaps).toBe(0);
    },
  );
});
