// Types of wasm/serial-runtime.mjs for the playground (web/src/real-board/fbpBridge.ts): the
// FBP-protocol runtime whose network is a board on the serial link.
import type { EngineModule, EngineRuntime } from './emflow-engine';
import type { BoardInfo, LinkClient } from '../web/src/link';

/** A protocol message as JSON. */
export type FbpMessage = { protocol: string; command: string; payload?: unknown };

export interface SerialRuntimeOptions<Socket> {
  engine: EngineModule;
  runtime: EngineRuntime;
  /** Resolves once the board is there: the link client on its open port and its hello. */
  connect(): Promise<{ client: LinkClient; info: BoardInfo }>;
  secret: string;
  send(socket: Socket, message: FbpMessage): void;
  broadcast(messages: FbpMessage[]): void;
  /** `socket` sent the secret: it hears the board's events. */
  note(socket: Socket): void;
  log(text: string): void;
  /** The running graph's node ids by name, whenever they change (a start sets them before
   * the board's first packets of the new graph arrive). */
  named?(nodes: ReadonlyMap<string, number>): void;
}

export class SerialRuntime<Socket = unknown> {
  constructor(options: SerialRuntimeOptions<Socket>);
  /** Resolves once the board is connected and its stored graph compared. */
  readonly ready: Promise<void>;
  /** The graph a client started on the board (its node ids by name), or null. */
  readonly running: { graph: string; nodes: Map<string, number> } | null;
  /** One message from `socket`, in arrival order; `viaEngine(text)` runs it through the engine. */
  message(
    socket: Socket,
    text: string,
    viaEngine: (text: string) => FbpMessage[],
  ): Promise<unknown>;
}

/** Compares two secrets in a time that does not depend on where they differ. */
export function sameSecret(given: Uint8Array, secret: Uint8Array): boolean;
