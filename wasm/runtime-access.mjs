// Who may use the Node FBP runtime (bin/emflow-runtime.mjs): its secret, the WebSocket
// Origin check and the sockets that proved they know the secret. Kept apart from the server
// so the rules read in one place (docs/protocol.md, "Security model").
import { randomBytes } from 'node:crypto';

/** A fresh secret (144 random bits, URL-safe), for a runtime started without --secret. */
export function newSecret() {
  return randomBytes(18).toString('base64url');
}

/** True for host names that only this machine can reach. */
export function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * A `ws` verifyClient function: upgrades without an Origin header come from local tools
 * (fbp-test, fbp-spec, scripts) and are let in; a browser always sends its page's Origin, so
 * a page may connect only when its origin is in `allowed` (--allow-origin). Refused upgrades
 * get 403 before any message is read.
 */
export function originCheck(allowed, onRefused = () => {}) {
  const origins = new Set(allowed.map((o) => o.replace(/\/+$/, '')));
  return (info, done) => {
    const origin = info.origin;
    if (origin === undefined || origins.has(origin)) return done(true);
    onRefused(origin);
    return done(false, 403, 'Origin not allowed (see emflow-runtime --allow-origin)');
  };
}

/**
 * The sockets that sent at least one message carrying the right secret (the C++ runtime
 * checks the secret on every message and reports the verdict). Only these hear broadcasts.
 */
export class AuthenticatedSockets {
  #sockets = new Set();

  /** Records the verdict of the message `socket` just sent. */
  note(socket, authorised) {
    if (authorised) this.#sockets.add(socket);
  }

  forget(socket) {
    this.#sockets.delete(socket);
  }

  /** The open authenticated sockets. */
  *open() {
    for (const socket of this.#sockets) if (socket.readyState === 1) yield socket;
  }
}
