// The playground as an FBP-protocol runtime over postMessage, so an FBP client (Flowhub /
// noflo-ui, which talks to in-browser runtimes that way: noflo-runtime-postmessage) can drive
// the board connected in the Board panel. Browsers cannot listen on sockets; the client embeds
// the playground in an iframe (or is opened by it) and posts protocol messages to its window.
// Hardening, checked on every message before anything else sees it: the sender's origin must
// be one the user allowed (a setting, none by default), the message must carry the secret, and
// one client window owns the board at a time (another is refused until the owner's window
// closes or the user stops the bridge). What the messages do is the runtime's business
// (boardRuntime.ts: wasm/serial-runtime.mjs, the same as emflow-runtime --serial).
import { sameSecret } from '../../../wasm/serial-runtime.mjs';
import type { FbpMessage } from '../../../wasm/serial-runtime.mjs';

/** Where replies go: the client's window (MessageEvent.source). */
export interface ClientWindow {
  postMessage(message: string, targetOrigin: string): void;
  readonly closed?: boolean;
}

/** What the bridge listens on: the playground's window. */
export interface MessageTarget {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface BridgeSettings {
  /** Origins whose windows may drive the board ("https://app.flowhub.io"): exact matches. */
  allowedOrigins: string[];
  secret: string;
}

/** The runtime behind the bridge: one message at a time, replies through `hooks.send`. */
export interface ProtocolHandler {
  message(text: string): Promise<unknown>;
  close(): void;
}
export interface HandlerHooks {
  /** A reply or an event for the owning client. */
  send(message: FbpMessage): void;
  log(text: string): void;
}

export type BridgeEvent =
  | { kind: 'owner'; origin: string | null }
  | { kind: 'refused'; origin: string; reason: string }
  | { kind: 'log'; text: string };

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The message's protocol/command/payload, or null when it is not an FBP message at all. */
function parse(data: unknown): (FbpMessage & { secret?: unknown }) | null {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return null;
    }
  }
  const m = value as { protocol?: unknown; command?: unknown } | null;
  if (
    !m ||
    typeof m !== 'object' ||
    typeof m.protocol !== 'string' ||
    typeof m.command !== 'string'
  )
    return null;
  return value as FbpMessage;
}

export class FbpBridge {
  private owner: { window: ClientWindow; origin: string } | null = null;
  private handler: Promise<ProtocolHandler> | null = null;
  private readonly listener = (event: MessageEvent) => void this.receive(event);

  constructor(
    private readonly target: MessageTarget,
    private readonly settings: BridgeSettings,
    private readonly open: (hooks: HandlerHooks, origin: string) => Promise<ProtocolHandler>,
    private readonly report: (event: BridgeEvent) => void = () => {},
  ) {}

  start(): void {
    this.target.addEventListener('message', this.listener);
  }

  /** Stops listening and lets the board go (the owner is told). */
  stop(): void {
    this.target.removeEventListener('message', this.listener);
    this.release('the playground stopped the FBP bridge');
  }

  /** One posted message: checked, then handed to the runtime. Returns once it was handled. */
  async receive(event: MessageEvent): Promise<void> {
    const message = parse(event.data);
    if (!message) return; // not FBP protocol (other postMessage traffic on the page)
    const source = event.source as ClientWindow | null;
    if (!source || typeof source.postMessage !== 'function') return;
    const origin = event.origin;
    const refuse = (reason: string) => {
      this.report({ kind: 'refused', origin, reason });
      source.postMessage(
        JSON.stringify({ protocol: 'runtime', command: 'error', payload: { message: reason } }),
        origin,
      );
    };
    if (!this.settings.allowedOrigins.includes(origin)) {
      return refuse(
        `origin ${origin} may not drive this board: add it to the Board panel's allowed origins`,
      );
    }
    const given = message.secret ?? (message.payload as { secret?: unknown } | undefined)?.secret;
    if (!sameSecret(utf8(String(given ?? '')), utf8(this.settings.secret))) {
      return refuse(`${message.protocol}:${message.command}: wrong or missing secret`);
    }
    if (this.owner && this.owner.window !== source) {
      if (this.owner.window.closed) this.release('its window closed');
      else
        return refuse(
          `the board is driven by another FBP client (${this.owner.origin}); ` +
            'it is free once that window closes or the Board panel stops the bridge',
        );
    }
    if (!this.owner) {
      this.owner = { window: source, origin };
      this.report({ kind: 'owner', origin });
    }
    const owner = this.owner;
    this.handler ??= this.open(
      {
        send: (reply) => owner.window.postMessage(JSON.stringify(reply), owner.origin),
        log: (text) => this.report({ kind: 'log', text }),
      },
      owner.origin,
    );
    let handler: ProtocolHandler;
    try {
      handler = await this.handler;
    } catch (e) {
      this.handler = null;
      return refuse(`the board cannot take FBP messages: ${e instanceof Error ? e.message : e}`);
    }
    try {
      await handler.message(
        typeof event.data === 'string' ? event.data : JSON.stringify(event.data),
      );
    } catch (e) {
      // The runtime cannot go on (the board went away): the next message opens a new one.
      if (this.handler) void this.handler.then((h) => h.close()).catch(() => {});
      this.handler = null;
      refuse(`${message.protocol}:${message.command}: ${e instanceof Error ? e.message : e}`);
    }
  }

  private release(why: string): void {
    const handler = this.handler;
    this.handler = null;
    void handler?.then((h) => h.close()).catch(() => {});
    if (!this.owner) return;
    this.report({
      kind: 'log',
      text: `the FBP client ${this.owner.origin} let go of the board: ${why}`,
    });
    this.owner = null;
    this.report({ kind: 'owner', origin: null });
  }
}
