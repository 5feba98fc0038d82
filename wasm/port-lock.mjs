// One owner per serial port: emflow-runtime --serial takes a lock file before it opens the
// port, so a second runtime (or flasher) on the same port gets a clear error instead of
// stealing half of the board's frames. The lock follows the UUCP convention that serial tools
// (minicom, picocom, ModemManager's peers) share: /run/lock/LCK..ttyACM0 holding the owner's
// pid as ten ASCII digits. A lock whose pid no longer runs is stale and is taken over.
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename } from 'node:path';

/** Where locks live: /run/lock when it exists (Debian), else /tmp. */
export function lockDirectory() {
  return process.env.EMFLOW_LOCK_DIR ?? (existsSync('/run/lock') ? '/run/lock' : '/tmp');
}

/** The lock file of a port path (/dev/ttyACM0 → /run/lock/LCK..ttyACM0; /dev/pts/3 → LCK..pts_3). */
export function lockPath(port, directory = lockDirectory()) {
  const name = port.startsWith('/dev/') ? port.slice(5).replaceAll('/', '_') : basename(port);
  return `${directory}/LCK..${name}`;
}

function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM'; // alive, but another user's
  }
}

/**
 * Takes the port's lock or throws an Error naming the owner. Returns release(), which removes
 * the lock (only if it is still ours); it is also called when the process exits.
 */
export function lockPort(port, directory = lockDirectory()) {
  const path = lockPath(port, directory);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd;
    try {
      fd = openSync(path, 'wx', 0o644); // atomic: fails when the file exists
    } catch (error) {
      if (error.code !== 'EEXIST')
        throw new Error(`cannot lock ${port} (${path}): ${error.message}`);
      const owner = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner > 0 && running(owner)) {
        throw new Error(`${port} is in use by process ${owner} (lock file ${path})`);
      }
      // Stale (its owner is gone, or the file holds no pid): remove it and try once more.
      try {
        unlinkSync(path);
      } catch {
        // another process removed it first: the retry decides who gets it
      }
      continue;
    }
    writeSync(fd, `${String(process.pid).padStart(10)}\n`);
    closeSync(fd);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      try {
        if (Number.parseInt(readFileSync(path, 'utf8'), 10) === process.pid) unlinkSync(path);
      } catch {
        // already gone
      }
    };
    process.on('exit', release);
    return release;
  }
  throw new Error(`cannot lock ${port}: ${path} keeps reappearing`);
}
