// The playground as an FBP-protocol runtime over postMessage (web/src/real-board/fbpBridge.ts):
// an FBP client page on another origin (a second local port, served here) embeds the playground
// in an iframe, as Flowhub embeds postMessage runtimes, and drives the board the playground has
// connected. navigator.serial is the TEST DOUBLE of tests/e2e/serialDouble.ts, backed by an
// ATmega328P on simavr running the generic firmware. Real windows, real origins, real
// messages: a wrong secret and a foreign origin (the same client page from a third port) are
// refused; the allowed one lists the components, builds a graph and starts the
// network, whose watched edge's packets come back from the board as network:data; unplugged,
// the client is told, and after the panel connects again it drives the board again.
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { genericHexPath } from '../../web/src/test-support/genericFirmware';
import { snap } from './helpers';
import { installSerialDouble, type SerialDouble } from './serialDouble';

let double: SerialDouble | null = null;
const servers: Server[] = [];
test.afterEach(() => {
  double?.close();
  double = null;
  for (const server of servers.splice(0)) server.close();
});

/** Serves the client page on a port of its own; resolves with its origin. */
async function serveClient(playground: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(clientPage(playground));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The FBP client page: the playground in an iframe, send() posts to it, replies are kept. */
function clientPage(playground: string): string {
  return `<!doctype html>
<meta charset="utf-8"><title>FBP client (test page)</title>
<iframe id="playground" src="${playground}" allow="serial" style="width:1260px;height:760px"></iframe>
<script>
  const frame = document.getElementById('playground');
  window.replies = [];
  addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow) return;
    window.replies.push({ origin: e.origin, message: JSON.parse(e.data) });
  });
  window.send = (message) =>
    frame.contentWindow.postMessage(JSON.stringify(message), new URL(frame.src).origin);
</script>`;
}

/** The payload fields this test reads. */
interface Payload {
  message?: string;
  capabilities?: string[];
  name?: string;
  id?: string;
  data?: unknown;
}
type Reply = { origin: string; message: { protocol: string; command: string; payload: Payload } };

/** A client on `page`: send a message, wait for a reply matching `match` after it. */
function client(page: Page, secret: string) {
  const replies = () => page.evaluate(() => (window as unknown as { replies: Reply[] }).replies);
  return {
    replies,
    async send(protocol: string, command: string, payload: object, withSecret = secret) {
      const from = (await replies()).length;
      await page.evaluate((m) => (window as unknown as { send(m: object): void }).send(m), {
        protocol,
        command,
        payload: { ...payload, secret: withSecret },
      });
      return from;
    },
    async until(match: (r: Reply) => boolean, from: number, what: string): Promise<Reply> {
      let found: Reply | undefined;
      await expect
        .poll(
          async () => {
            found = (await replies()).slice(from).find(match);
            return found !== undefined;
          },
          { message: `waiting for ${what}`, timeout: 60_000 },
        )
        .toBe(true);
      return found!;
    },
  };
}

/** Opens the Board panel's FBP section in the embedded app, allows `origin`; returns the secret. */
async function allowClients(app: FrameLocator, origin: string): Promise<string> {
  await app.getByTestId('rb-bridge').locator('summary').click();
  await app.getByTestId('rb-bridge-origins').fill(origin);
  await app.getByTestId('rb-bridge-enable').check();
  await expect(app.getByTestId('rb-bridge-status')).toHaveText(
    `Waiting for a client from ${origin}.`,
  );
  return (await app.getByTestId('rb-bridge-secret').textContent())!;
}

test('an FBP client on another origin drives the board through the playground', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const playground = new URL(baseURL!).href;
  const clientOrigin = await serveClient(playground);
  expect(clientOrigin).not.toBe(new URL(playground).origin);

  // The board, flashed earlier with the generic firmware; the app that uses it is the iframe.
  double = await installSerialDouble(page, { app: genericHexPath }, () =>
    page.frames().find((f) => f.url().startsWith(playground))!,
  );
  await page.addInitScript(() => localStorage.setItem('emflow.tourDone', '1'));
  await page.goto(`${clientOrigin}/`);
  const app = page.frameLocator('#playground');
  await expect(app.getByTestId('engine-state')).toHaveText('engine ready', { timeout: 30_000 });
  await app.getByTestId('open-board').click();
  await app.getByTestId('rb-connect').click();
  await expect(app.getByTestId('rb-status')).toContainText('Uno · generic firmware', {
    timeout: 30_000,
  });
  const secret = await allowClients(app, clientOrigin);
  expect(secret).toMatch(/^[0-9a-f]{24}$/);
  const fbp = client(page, secret);

  // A wrong secret: refused, in the protocol's words, to this origin only.
  let from = await fbp.send('runtime', 'getruntime', {}, 'not-the-secret');
  const refused = await fbp.until((r) => r.message.command === 'error', from, 'a refusal');
  expect(refused.origin).toBe(new URL(playground).origin);
  expect(refused.message.payload.message).toBe('runtime:getruntime: wrong or missing secret');

  // With the secret: the runtime, then the components the board runs.
  from = await fbp.send('runtime', 'getruntime', {});
  const runtime = await fbp.until((r) => r.message.command === 'runtime', from, 'runtime');
  expect(runtime.message.payload.capabilities).toContain('protocol:network');
  from = await fbp.send('component', 'list', {});
  await fbp.until((r) => r.message.command === 'componentsready', from, 'componentsready');
  const names = (await fbp.replies())
    .slice(from)
    .filter((r) => r.message.command === 'component')
    .map((r) => r.message.payload.name);
  expect(names).toEqual(expect.arrayContaining(['Timer', 'ToggleBoolean', 'DigitalWrite']));
  await expect(app.getByTestId('rb-bridge-status')).toHaveText(`Driven by ${clientOrigin}.`);

  // A graph built message by message, then network:start uploads it to the board.
  from = await fbp.send('graph', 'clear', { id: 'blink', main: true });
  await fbp.until((r) => r.message.command === 'clear', from, 'clear');
  const edits: [string, object][] = [
    ['addnode', { id: 'timer', component: 'Timer' }],
    ['addnode', { id: 'toggle', component: 'ToggleBoolean' }],
    ['addnode', { id: 'led', component: 'DigitalWrite' }],
    ['addedge', { src: { node: 'timer', port: 'out' }, tgt: { node: 'toggle', port: 'in' } }],
    ['addedge', { src: { node: 'toggle', port: 'out' }, tgt: { node: 'led', port: 'in' } }],
    ['addinitial', { src: { data: 200 }, tgt: { node: 'timer', port: 'interval' } }],
    ['addinitial', { src: { data: 13 }, tgt: { node: 'led', port: 'pin' } }],
  ];
  for (const [command, payload] of edits) {
    from = await fbp.send('graph', command, { ...payload, graph: 'blink' });
    const reply = await fbp.until(
      (r) => r.message.command === command || r.message.command === 'error',
      from,
      command,
    );
    expect(reply.message.command, JSON.stringify(reply.message.payload)).toBe(command);
  }
  from = await fbp.send('network', 'start', { graph: 'blink' });
  const started = await fbp.until(
    (r) => ['started', 'error'].includes(r.message.command),
    from,
    'network:started',
  );
  expect(started.message.command, JSON.stringify(started.message.payload)).toBe('started');
  const isLed = (r: Reply) =>
    r.message.command === 'data' && r.message.payload.id === 'toggle() OUT -> IN led()';
  // The board toggles the LED every 200 ms of its time: each packet the opposite of the last.
  const ledData = async () =>
    (await fbp.replies())
      .slice(from)
      .filter(isLed)
      .map((r) => r.message.payload.data);
  await expect
    .poll(async () => (await ledData()).length, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(3);
  const levels = await ledData();
  levels.forEach((level, i) => {
    expect(typeof level).toBe('boolean');
    if (i > 0) expect(level).toBe(!levels[i - 1]);
  });
  // The panel sees the board's packets too, and leaves the board to the client.
  await expect(app.getByTestId('rb-graph-status')).toHaveText(
    `An FBP client (${clientOrigin}) drives the board.`,
  );
  await expect(app.getByTestId('rb-upload')).toBeDisabled();
  // Labelled with the client's node names, not the board's numbers, from the first packet.
  await expect(app.getByTestId('rb-log')).toContainText(/toggle\[0\] → led\[0\]\s+(true|false)/);
  await expect(app.getByTestId('rb-log')).not.toContainText(/node \d+\[\d+\] →/);
  await snap(page, '50-fbp-client-over-postmessage');

  // The cable comes out: the client's next message is refused with the reason; once the panel
  // has connected again, the client drives the board again (a new runtime: its graphs are gone).
  await double.unplug();
  await expect(app.getByTestId('rb-error')).toContainText('The board was disconnected');
  from = await fbp.send('network', 'getstatus', { graph: 'blink' });
  const gone = await fbp.until((r) => r.message.command === 'error', from, 'the refusal');
  expect(gone.message.payload.message).toBe(
    'network:getstatus: the board was disconnected in the Board panel: connect it again',
  );
  await app.getByTestId('rb-connect').click();
  await expect(app.getByTestId('rb-status')).toContainText('Uno · generic firmware', {
    timeout: 30_000,
  });
  // The panel shows the board before its session has read the board back: a message in that
  // moment is refused as "not connected yet" (what a client sees, and retries). (The board's own
  // network errors arrive meanwhile: it runs the stored graph again, whose led OUT goes nowhere.)
  const notYet = /the board cannot take FBP messages: no board running the generic firmware/;
  let status: Reply | null = null;
  for (let attempt = 0; attempt < 20 && !status; attempt++) {
    from = await fbp.send('network', 'getstatus', { graph: 'blink' });
    const reply = await fbp.until(
      (r) =>
        r.message.command === 'status' ||
        (r.message.command === 'error' && notYet.test(String(r.message.payload?.message))),
      from,
      'network:status',
    );
    if (reply.message.command === 'status') status = reply;
    else await page.waitForTimeout(250);
  }
  if (!status) throw new Error('network:getstatus was refused 20 times after reconnecting');
  expect(status.message.payload).toMatchObject({ graph: 'blink', started: false });
  await expect(app.getByTestId('rb-graph-status')).toHaveText(
    `An FBP client (${clientOrigin}) drives the board.`,
  );

  // The same client page on a foreign origin (another port) with its own playground, which
  // allows only the first origin: refused before anything runs.
  const foreignOrigin = await serveClient(playground);
  const foreignPage = await page.context().newPage();
  await foreignPage.addInitScript(() => localStorage.setItem('emflow.tourDone', '1'));
  await foreignPage.goto(`${foreignOrigin}/`);
  const foreignApp = foreignPage.frameLocator('#playground');
  await expect(foreignApp.getByTestId('engine-state')).toHaveText('engine ready', {
    timeout: 30_000,
  });
  await foreignApp.getByTestId('open-board').click();
  const foreignSecret = await allowClients(foreignApp, clientOrigin);
  const foreign = client(foreignPage, foreignSecret);
  from = await foreign.send('component', 'list', {});
  const foreignRefusal = await foreign.until((r) => r.message.command === 'error', from, 'refusal');
  expect(foreignRefusal.message.payload.message).toBe(
    `origin ${foreignOrigin} may not drive this board: add it to the Board panel's allowed origins`,
  );
  expect((await foreign.replies()).map((r) => r.message.command)).toEqual(['error']);
  await expect(foreignApp.getByTestId('rb-bridge-log')).toContainText(`refused ${foreignOrigin}`);
  await foreignPage.close();
});
