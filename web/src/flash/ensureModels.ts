// "Ensure models, then upload": puts a graph's model blobs into a board's model area in flash
// (docs/serial-link.md, "Models in flash") and uploads the graph over the serial link. The
// board says where its area is and the CRC-32 of what it holds (the link's ModelArea query):
// when that equals the image of the graph's models nothing is written; otherwise only the
// area's pages go through the bootloader (STK500v2, the Mega 2560: writeFlashPagesStk500v2),
// the board restarts with them, and the graph is uploaded. A board that refuses the graph
// because a model is missing gets a message with the node and the model id.
import { LinkClient, LinkError, type LinkClientOptions } from '../link/linkClient';
import { modelAreaImage, modelAreaPages } from '../link/modelArea';
import type { SerialLine } from './serialLine';
import { writeFlashPagesStk500v2, type Stk500v2Options } from './stk500v2';

export interface EnsureModelsOptions extends Stk500v2Options {
  /** Options of the link clients (timeouts for a board that is still booting). */
  link?: LinkClientOptions;
  /** Names of the graph's node ids (a compiled graph's `nodes`), for messages. */
  nodes?: ReadonlyArray<{ id: number; name: string }>;
}

export interface EnsureModelsResult {
  /** A client on the line after the upload (the caller listens to its events and closes it). */
  client: LinkClient;
  /** False when the board already held exactly these models. */
  wrote: boolean;
  /** Pages written through the bootloader (the area's, and the ones before it kept as they were). */
  pagesWritten: number;
  pagesKept: number;
  /** Bytes of the area image. */
  areaBytes: number;
}

const PACKET_PAYLOAD = [0, 1, 1, 4, 4, 0, 0, 1]; // by packet type (core/runtime/packet_bytes.cpp)
const OPERANDS: Record<number, number> = { 2: 2, 3: 6, 4: 3, 7: 5, 8: 1, 9: 6, 10: 2 };
const STREAM_HEADER = 10;

/** The int initial packets of a command stream: (node, port) → value (docs/command-stream.md). */
export function initialInts(stream: Uint8Array): Map<string, number> {
  const found = new Map<string, number>();
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  for (let at = STREAM_HEADER; at < stream.length && stream[at] !== 0;) {
    const code = stream[at];
    if (code === 4) {
      const [node, port, type] = [stream[at + 1], stream[at + 2], stream[at + 3]];
      if (type === 3) found.set(`${node}.${port}`, view.getInt32(at + 4, true));
      at += 4 + (PACKET_PAYLOAD[type] ?? 0);
    } else {
      at += 1 + (OPERANDS[code] ?? 0);
    }
  }
  return found;
}

export async function ensureModelsThenUpload(
  line: SerialLine,
  blobs: ReadonlyMap<number, Uint8Array>,
  stream: Uint8Array,
  options: EnsureModelsOptions = {},
): Promise<EnsureModelsResult> {
  const linkOptions = { timeoutMs: 3000, retries: 4, ...options.link };
  let client = new LinkClient(line, linkOptions);
  let wrote = false;
  let pagesWritten = 0;
  let pagesKept = 0;
  let areaBytes = 0;
  try {
    if (blobs.size > 0) {
      const area = await client.modelArea().catch((e: unknown) => {
        throw new LinkError(
          `this board's firmware has no model area, so the graph's models cannot go onto it (${(e as Error).message})`,
        );
      });
      const image = modelAreaImage(blobs, area.Capacity, area.MaxModels);
      areaBytes = image.bytes.length;
      const same =
        area.stateName === 'valid' &&
        area.Crc === image.crc &&
        area.Length === image.bytes.length - 4;
      if (!same) {
        client.close();
        const pages = modelAreaPages(area.Address, image.bytes, area.PageSize);
        ({ pagesWritten, pagesKept } = await writeFlashPagesStk500v2(line, pages, {
          pageSize: area.PageSize,
          ...options,
        }));
        wrote = true;
        client = new LinkClient(line, linkOptions);
        const after = await client.modelArea();
        if (after.stateName !== 'valid' || after.Crc !== image.crc) {
          throw new LinkError(
            `the board did not take the models: its model area is ${after.stateName} (${after.statusName}) after writing`,
          );
        }
      }
    }
    await client.upload(stream).catch((e: unknown) => {
      const detail = e instanceof LinkError ? e.detail : undefined;
      if (detail?.statusName !== 'no such model' || detail.node === undefined) throw e;
      const name = options.nodes?.find((n) => n.id === detail.node)?.name ?? `${detail.node}`;
      const id = initialInts(stream).get(`${detail.node}.${detail.port}`);
      throw new LinkError(
        `the board refused the graph: node '${name}' uses model ${id ?? '?'}, which the board's model area does not hold`,
        detail,
      );
    });
    return { client, wrote, pagesWritten, pagesKept, areaBytes };
  } catch (e) {
    client.close();
    throw e;
  }
}
