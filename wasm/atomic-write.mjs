// Crash-safe file replacement for --persist: a kill at any moment leaves either the old or the
// new content under `path`, never an empty or half-written file.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `text` to a temporary file beside `path`, fsyncs it, renames it over `path` and
 * fsyncs the directory so the rename itself survives a power cut. Throws on failure (the
 * old file is then untouched). */
export function writeFileAtomic(path, text) {
  const dir = dirname(path);
  const temporary = join(dir, `.${basename(path)}.tmp`);
  const bytes = Buffer.from(text, 'utf8');
  const fd = openSync(temporary, 'w');
  try {
    for (let done = 0; done < bytes.length;) {
      done += writeSync(fd, bytes, done, bytes.length - done);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
