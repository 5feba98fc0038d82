// Transports carry the worker command set (worker-protocol.ts) between an EngineClient and an
// engine: a Web Worker, a WebSocket FBP runtime (protocol messages only), or an engine host
// running in the same thread (Node tests, pages without workers).
import type { FromWorker, ToWorker } from './worker-protocol';
import type { FbpMessage } from './types';
import { decodeFbpMessage, parseJson } from './wire';

export interface Transport {
  /** Sends one message to the engine. */
  post(message: ToWorker): void;
  /** Registers the single receiver of engine messages (the EngineClient). */
  onMessage(listener: (message: FromWorker) => void): void;
  /** Ends the connection (terminates a worker, closes a socket). */
  close(): void;
  /** False when only FBP protocol messages can travel (WebSocket). */
  readonly supportsCalls: boolean;
}

/** A Web Worker running engine.worker.ts. */
export class WorkerTransport implements Transport {
  readonly supportsCalls = true;
  private listener: (message: FromWorker) => void = () => {};

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.listener(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.listener({ type: 'fatal', message: `engine worker failed: ${event.message}` });
    };
  }

  post(message: ToWorker): void {
    // Typed arrays are copied, not transferred: the caller may keep using its buffers.
    this.worker.postMessage(message);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.listener = listener;
  }

  close(): void {
    this.worker.terminate();
  }
}

/** An FBP runtime over WebSocket (subprotocol "noflo"), e.g. `npx emflow-runtime`. */
export class WebSocketTransport implements Transport {
  readonly supportsCalls = false;
  private listener: (message: FromWorker) => void = () => {};
  private readonly queue: string[] = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly secret?: string,
  ) {
    socket.addEventListener('open', () => {
      for (const text of this.queue.splice(0)) socket.send(text);
      this.listener({ type: 'ready', version: 'websocket' });
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      let message: FbpMessage;
      try {
        message = decodeFbpMessage(parseJson(String(event.data), 'runtime message'));
      } catch (error) {
        // A runtime that sends something else than protocol messages is not one to talk to.
        const why = error instanceof Error ? error.message : String(error);
        this.listener({ type: 'fatal', message: `runtime sent a malformed message: ${why}` });
        return;
      }
      this.listener({ type: 'fbp', message });
    });
    socket.addEventListener('close', () =>
      this.listener({ type: 'fatal', message: 'connection to the runtime closed' }),
    );
  }

  post(message: ToWorker): void {
    if (message.type === 'call') {
      this.listener({
        type: 'result',
        id: message.id,
        ok: false,
        error: `${message.method} needs the worker engine; a WebSocket runtime speaks only the FBP protocol`,
      });
      return;
    }
    const outgoing = { ...message.message, secret: this.secret };
    const text = JSON.stringify(outgoing);
    if (this.socket.readyState === 1) this.socket.send(text);
    else this.queue.push(text);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.listener = listener;
  }

  close(): void {
    this.socket.close();
  }
}

/** Anything that handles worker messages in the same thread (see engine-host.ts). */
export interface InProcessEngine {
  receive(message: ToWorker): void;
  setSink(sink: (message: FromWorker) => void): void;
  dispose(): void;
}

/** The engine in the same thread: for Node tests and for pages that cannot start workers. */
export class InProcessTransport implements Transport {
  readonly supportsCalls = true;

  constructor(private readonly engine: InProcessEngine) {}

  post(message: ToWorker): void {
    // Asynchronous like a worker, so callers see the same ordering on every transport.
    queueMicrotask(() => this.engine.receive(message));
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.engine.setSink(listener);
  }

  close(): void {
    this.engine.dispose();
  }
}
