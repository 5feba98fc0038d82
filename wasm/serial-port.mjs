// Opens the board for emflow-runtime --serial: takes the port's lock (wasm/port-lock.mjs),
// opens the tty with the `serialport` package at --baud, says hello over the serial link,
// reads the stored graph back and compares it with the project's, and returns the
// SerialRuntime (wasm/serial-runtime.mjs) that the WebSocket server hands messages to.
import { SerialPort } from 'serialport';
import { LinkClient } from './link-client.generated.mjs';
import { lockPort } from './port-lock.mjs';
import { SerialRuntime } from './serial-runtime.mjs';

/** The open port as a LinkTransport (web/src/link/linkClient.ts). */
export function transport(port) {
  return {
    write: (bytes) => port.write(Buffer.from(bytes)),
    onBytes: (listener) => {
      const onData = (data) => listener(new Uint8Array(data));
      port.on('data', onData);
      return () => port.off('data', onData);
    },
  };
}

/** Opens a serial port (or a pty) at `baudRate`; rejects with the system's reason. */
export function open(path, baudRate) {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  return new Promise((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve(port))),
  );
}

/**
 * Takes the port's lock at once (a second runtime fails before it listens), then connects in
 * the background; returns the SerialRuntime, whose network messages wait for the board.
 * hooks: {send, broadcast, note, fail(message): never}.
 */
export function connectBoard(options, engine, runtime, hooks) {
  try {
    lockPort(options.serial);
  } catch (error) {
    hooks.fail(`--serial: ${error.message}`);
  }
  const log = (text) => console.log(`emflow-runtime: ${text}`);
  return new SerialRuntime({
    engine,
    runtime,
    secret: options.secret,
    ...hooks,
    log,
    connect: () => openBoard(options, hooks.fail, log),
  });
}

async function openBoard(options, fail, log) {
  let port;
  try {
    port = await open(options.serial, options.baud);
  } catch (error) {
    fail(`--serial ${options.serial}: ${error.message}`);
  }
  port.on('close', () => {
    console.error(`emflow-runtime: ${options.serial} closed (board unplugged?)`);
    process.exit(1);
  });
  port.on('error', (error) => console.error(`emflow-runtime: ${options.serial}: ${error.message}`));
  // Up to 4 s for a board that is still booting (an Uno resets when its port opens).
  const client = new LinkClient(transport(port), { timeoutMs: 1000, retries: 3 });
  let info;
  try {
    info = await client.hello();
  } catch (error) {
    fail(
      `--serial ${options.serial}: no emflow generic firmware answered (${error.message}); ` +
        'flash it first (docs/flash.md)',
    );
  }
  log(
    `board ${info.boardName} on ${options.serial}: ${info.MaxNodes} nodes, ${info.MaxEdges} ` +
      `edges, ${info.MaxInitials} initial packets, ${info.GraphCapacity} B of graph store`,
  );
  return { client, info };
}
