// What the shipped generic firmwares can run, from the sizes file build.sh writes beside each
// .hex (web/public/firmware/generic-<board>.json): the components left out of a board's build
// (the Uno cannot hold the whole library) and the model forms it carries. The palette marks
// what a virtual or real Uno would refuse, before a graph is built around it.
import { useEffect, useState } from 'react';

export interface GenericFirmwareInfo {
  board: string;
  flash: number;
  flashMax: number;
  ram: number;
  ramMax: number;
  /** Components not in this board's build: an upload that uses one is refused. */
  excluded: string[];
  /** "int16" or "float,int16": the model number formats the firmware's engine runs. */
  models: string;
}

export const GENERIC_BOARDS = [
  { id: 'uno', label: 'Uno' },
  { id: 'mega2560', label: 'Mega 2560' },
] as const;

/** The boards whose generic firmware lacks `component` (by label), in GENERIC_BOARDS order. */
export function boardsWithout(
  component: string,
  infos: ReadonlyMap<string, GenericFirmwareInfo>,
): string[] {
  return GENERIC_BOARDS.filter((b) => infos.get(b.id)?.excluded.includes(component)).map(
    (b) => b.label,
  );
}

/** Parses one sizes file; throws with the file's name when it is not one. */
export function parseFirmwareInfo(name: string, text: string): GenericFirmwareInfo {
  const value = JSON.parse(text) as Partial<GenericFirmwareInfo>;
  if (typeof value.board !== 'string' || !Array.isArray(value.excluded))
    throw new Error(`${name}: not a generic firmware sizes file`);
  return value as GenericFirmwareInfo;
}

/**
 * The shipped firmwares' sizes files, once per page. A missing file (a build without the
 * firmware) leaves that board out: nothing is marked rather than everything.
 */
export function useGenericFirmwareLimits(
  base: string = import.meta.env?.BASE_URL ?? '/',
): ReadonlyMap<string, GenericFirmwareInfo> {
  const [infos, setInfos] = useState<ReadonlyMap<string, GenericFirmwareInfo>>(new Map());
  useEffect(() => {
    let cancelled = false;
    void Promise.all(
      GENERIC_BOARDS.map(async (b) => {
        const name = `firmware/generic-${b.id}.json`;
        try {
          const response = await fetch(`${base}${name}`);
          if (!response.ok) return null;
          return [b.id, parseFirmwareInfo(name, await response.text())] as const;
        } catch {
          return null;
        }
      }),
    ).then((entries) => {
      if (cancelled) return;
      setInfos(new Map(entries.filter((e) => e !== null)));
    });
    return () => {
      cancelled = true;
    };
  }, [base]);
  return infos;
}
