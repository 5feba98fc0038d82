// @vitest-environment node
// The postMessage bridge's checks, with a FAKE WINDOW PAIR: the playground's window and client
// windows are small stand-ins that deliver what one posts to the other as a MessageEvent with
// the sender's origin and window, as browsers do (Playwright covers real windows on two
// origins: tests/e2e/fbp-bridge.spec.ts). Behind the bridge is the real engine's protocol
// runtime (no board), so the replies are real protocol messages.
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../../wasm/emflow-engine';
import { loadEngine } from '../test-support/engine';
import { FbpBridge, type BridgeEvent, type HandlerHooks, type MessageTarget } from './fbpBridge';
import { parseOrigins } from './FbpBridgePanel';

let engine: EngineModule;
beforeAll(async () => {
  engine = await loadEngine();
});

const SECRET = 'bridge-secret';
const FLOWHUB = 'https://app.flowhub.io';

/** The playground's window: listeners of 'message'. */
class PlaygroundWindow implements MessageTarget {
  listeners = new Set<(event: MessageEvent) => void>();
  addEventListener(_type: 'message', l: (event: MessageEvent) => void) {
    this.listeners.add(l);
  }
  removeEventListener(_type: 'message', l: (event: MessageEvent) => void) {
    this.listeners.delete(l);
  }
}

/** A client's window on `origin`: what it receives, and posting to the playground. */
class ClientWindow {
  received: { message: Record<string, unknown>; targetOrigin: string }[] = [];
  closed = false;
  constructor(
    readonly origin: string,
    private readonly playground: PlaygroundWindow,
    private readonly bridge: FbpBridge,
  ) {}
  postMessage(message: string, targetOrigin: string) {
    this.received.push({ message: JSON.parse(message), targetOrigin });
  }
  /** Posts `data` to the playground; resolves once the bridge handled it. */
  async send(data: unknown) {
    const event = { data, origin: this.origin, source: this } as unknown as MessageEvent;
    expect(this.playground.listeners.size).toBeLessThanOrEqual(1);
    if (this.playground.listeners.size === 0) return; // nobody listens
    await this.bridge.receive(event);
  }
  commands() {
    return this.received.map((r) => `${r.message.protocol}:${r.message.command}`);
  }
}

function setup(allowedOrigins = [FLOWHUB]) {
  const playground = new PlaygroundWindow();
  const events: BridgeEvent[] = [];
  let opened = 0;
  const open = async (hooks: HandlerHooks) => {
    opened++;
    const runtime = new engine.EngineRuntime(JSON.stringify({ secret: SECRET }));
    return {
      message: async (text: string) => {
        for (const reply of JSON.parse(runtime.handle(text))) hooks.send(reply);
      },
      close: () => runtime.delete(),
    };
  };
  const bridge = new FbpBridge(playground, { allowedOrigins, secret: SECRET }, open, (e) =>
    events.push(e),
  );
  bridge.start();
  const client = (origin = FLOWHUB) => new ClientWindow(origin, playground, bridge);
  return { bridge, client, events, opened: () => opened };
}

const list = (secret: string | null = SECRET) =>
  JSON.stringify({
    protocol: 'component',
    command: 'list',
    payload: secret === null ? {} : { secret },
  });

describe('the postMessage bridge', () => {
  it('answers an allowed origin with the secret, to that origin only', async () => {
    const { client, events } = setup();
    const flowhub = client();
    await flowhub.send(list());
    expect(flowhub.commands()).toContain('component:component');
    expect(flowhub.commands().at(-1)).toBe('component:componentsready');
    expect(flowhub.received.every((r) => r.targetOrigin === FLOWHUB)).toBe(true);
    const names = flowhub.received.map((r) => (r.message.payload as { name?: string }).name);
    expect(names).toContain('Timer');
    expect(events).toContainEqual({ kind: 'owner', origin: FLOWHUB });
    // An object (not JSON text) is taken too, as noflo-runtime-postmessage's clients may send.
    await flowhub.send({
      protocol: 'runtime',
      command: 'getruntime',
      payload: { secret: SECRET },
    });
    expect(flowhub.commands()).toContain('runtime:runtime');
  });

  it('refuses a foreign origin before anything runs', async () => {
    const { client, events, opened } = setup();
    const foreign = client('https://evil.example');
    await foreign.send(list());
    expect(foreign.received).toEqual([
      {
        message: {
          protocol: 'runtime',
          command: 'error',
          payload: {
            message:
              "origin https://evil.example may not drive this board: add it to the Board panel's allowed origins",
          },
        },
        targetOrigin: 'https://evil.example',
      },
    ]);
    expect(opened()).toBe(0);
    expect(events[0]).toMatchObject({ kind: 'refused', origin: 'https://evil.example' });
  });

  it('refuses everyone when no origin is allowed (the default)', async () => {
    const { client, opened } = setup([]);
    const flowhub = client();
    await flowhub.send(list());
    expect(flowhub.commands()).toEqual(['runtime:error']);
    expect(opened()).toBe(0);
  });

  it('needs the secret on every message', async () => {
    const { client, opened } = setup();
    const flowhub = client();
    await flowhub.send(list('wrong'));
    await flowhub.send(list(null));
    await flowhub.send(list(`${SECRET}x`));
    expect(flowhub.received.map((r) => r.message.payload)).toEqual([
      { message: 'component:list: wrong or missing secret' },
      { message: 'component:list: wrong or missing secret' },
      { message: 'component:list: wrong or missing secret' },
    ]);
    expect(opened()).toBe(0);
    // The secret at the message's top level counts as well (fbp-protocol allows both).
    await flowhub.send(JSON.stringify({ protocol: 'component', command: 'list', secret: SECRET }));
    expect(flowhub.commands()).toContain('component:componentsready');
    expect(opened()).toBe(1);
  });

  it('lets one client window own the board at a time', async () => {
    const { client, events } = setup();
    const first = client();
    const second = client();
    await first.send(list());
    await second.send(list());
    expect(second.commands()).toEqual(['runtime:error']);
    expect(String((second.received[0].message.payload as { message: string }).message)).toContain(
      `the board is driven by another FBP client (${FLOWHUB})`,
    );
    // The owner's window closes: the next client takes over.
    first.closed = true;
    await second.send(list());
    expect(second.commands()).toContain('component:componentsready');
    expect(events.filter((e) => e.kind === 'owner')).toEqual([
      { kind: 'owner', origin: FLOWHUB },
      { kind: 'owner', origin: null },
      { kind: 'owner', origin: FLOWHUB },
    ]);
  });

  it('ignores what is not an FBP message, and stops listening when stopped', async () => {
    const { bridge, client, events } = setup();
    const flowhub = client();
    await flowhub.send('not json');
    await flowhub.send({ type: 'vite:ping' });
    expect(flowhub.received).toEqual([]);
    await flowhub.send(list());
    bridge.stop();
    const before = flowhub.received.length;
    await flowhub.send(list());
    expect(flowhub.received).toHaveLength(before);
    expect(events.at(-1)).toEqual({ kind: 'owner', origin: null });
  });
});

describe('a runtime that cannot go on', () => {
  it('is refused with its reason, and the next message opens a new one', async () => {
    const playground = new PlaygroundWindow();
    let opened = 0;
    let closed = 0;
    const bridge = new FbpBridge(
      playground,
      { allowedOrigins: [FLOWHUB], secret: SECRET },
      async (hooks) => {
        const generation = ++opened;
        return {
          // The first runtime's board went away (the panel's port closed); the second answers.
          message: async () => {
            if (generation === 1)
              throw new Error('the board was disconnected in the Board panel: connect it again');
            hooks.send({ protocol: 'runtime', command: 'runtime', payload: { generation } });
          },
          close: () => void closed++,
        };
      },
    );
    bridge.start();
    const flowhub = new ClientWindow(FLOWHUB, playground, bridge);
    await flowhub.send(list());
    expect(flowhub.received.map((r) => r.message)).toEqual([
      {
        protocol: 'runtime',
        command: 'error',
        payload: {
          message:
            'component:list: the board was disconnected in the Board panel: connect it again',
        },
      },
    ]);
    await flowhub.send(list());
    expect(flowhub.received.at(-1)!.message.payload).toEqual({ generation: 2 });
    expect([opened, closed]).toEqual([2, 1]);
  });
});

describe('allowed origins as typed', () => {
  it('keeps exact origins and drops what is not one', () => {
    expect(parseOrigins('https://app.flowhub.io/, http://127.0.0.1:8080  nonsense')).toEqual([
      'https://app.flowhub.io',
      'http://127.0.0.1:8080',
    ]);
    expect(parseOrigins('')).toEqual([]);
  });
});
