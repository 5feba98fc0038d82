// @vitest-environment node
// The palette's marks come from the sizes files the firmware build writes: here the real ones
// scripts/build-web.sh ships (web/public/firmware), so a component dropped from or added to a
// board's build changes what the palette says without another list to keep.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/genericFirmware';
import {
  boardsWithout,
  parseFirmwareInfo,
  type GenericFirmwareInfo,
} from './genericFirmwareLimits';

const shipped = (board: string): GenericFirmwareInfo => {
  const name = `generic-${board}.json`;
  return parseFirmwareInfo(name, readFileSync(`${repoRoot}web/public/firmware/${name}`, 'utf8'));
};

describe('generic firmware limits', () => {
  const infos = new Map([
    ['uno', shipped('uno')],
    ['mega2560', shipped('mega2560')],
  ]);

  it('names the boards whose shipped firmware lacks a component', () => {
    expect(infos.get('uno')?.excluded).toContain('WindowFeatures');
    expect(boardsWithout('WindowFeatures', infos)).toEqual(['Uno']);
    expect(boardsWithout('Timer', infos)).toEqual([]);
    // A board whose sizes file is missing marks nothing.
    expect(boardsWithout('WindowFeatures', new Map([['mega2560', shipped('mega2560')]]))).toEqual(
      [],
    );
  });

  it('refuses a file that is not a sizes file, naming it', () => {
    expect(() => parseFirmwareInfo('generic-x.json', '{"flash": 1}')).toThrow(
      'generic-x.json: not a generic firmware sizes file',
    );
  });
});
