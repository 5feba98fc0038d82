// The FBP-protocol runtime behind the playground's postMessage bridge (fbpBridge.ts): the
// engine's protocol runtime keeps the client's graphs and answers component/graph/runtime
// messages, and wasm/serial-runtime.mjs — the same code as emflow-runtime --serial — runs the
// network on the board the Board panel has connected (upload at network:start, live edits,
// watched edges as network:data), over the panel's own link client.
import { SerialRuntime, type FbpMessage } from '../../../wasm/serial-runtime.mjs';
import { loadCompiler } from './boardCompiler';
import type { HandlerHooks, ProtocolHandler } from './fbpBridge';
import type { RealBoardSession } from './realBoardSession';

export async function boardRuntime(
  session: RealBoardSession,
  secret: string,
  origin: string,
  hooks: HandlerHooks,
): Promise<ProtocolHandler> {
  // Throws when no board with the firmware is connected; `closed` once the port closes.
  let closed = false;
  const link = session.lendLink(origin, () => (closed = true));
  let runtime: InstanceType<Awaited<ReturnType<typeof loadCompiler>>['EngineRuntime']> | null =
    null;
  try {
    const engine = await loadCompiler();
    runtime = new engine.EngineRuntime(
      JSON.stringify({ secret, label: `emflow board (${link.info.boardName}, playground)` }),
    );
    const engineRuntime = runtime;
    const serial = new SerialRuntime<null>({
      engine: engine as never,
      runtime: engineRuntime,
      secret,
      connect: async () => link,
      send: (_socket, message) => hooks.send(message),
      broadcast: (messages) => messages.forEach((m) => hooks.send(m)),
      note: () => {},
      log: hooks.log,
      // The panel labels the board's packets with the client's node names, from the first.
      named: (nodes) => session.nameLentNodes(origin, nodes),
    });
    // What the engine answers goes to the client (there is one: the bridge's owner).
    const viaEngine = (text: string): FbpMessage[] => {
      const replies = JSON.parse(engineRuntime.handle(text)) as FbpMessage[];
      replies.forEach((r) => hooks.send(r));
      return replies;
    };
    return {
      message: async (text) => {
        // The bridge drops this runtime and opens a new one (a new loan) on the next message.
        if (closed)
          throw new Error('the board was disconnected in the Board panel: connect it again');
        return serial.message(null, text, viaEngine);
      },
      close: () => {
        session.returnLink(origin);
        engineRuntime.delete();
      },
    };
  } catch (e) {
    session.returnLink(origin);
    runtime?.delete();
    throw e;
  }
}
