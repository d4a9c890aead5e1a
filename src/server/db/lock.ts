/**
 * Exclusive lock on the embedded database folder. PGlite is one process with one
 * connection; two processes opening the same folder silently lose writes, so a
 * second `npm start` must stop with a clear message instead.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {}

export interface DataDirLock {
  path: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws DataDirLockedError naming the process that holds it. */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'simpul.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; host?: string; since?: string } = {};
      try {
        holder = JSON.parse(readFileSync(lockPath, 'utf8'));
      } catch {
        // A half-written lock file: treat as stale below.
      }
      const sameHost = holder.host === undefined || holder.host === hostname();
      if (holder.pid && sameHost && isAlive(holder.pid) && holder.pid !== process.pid) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is already in use by process ${holder.pid} (since ${holder.since}). ` +
            'Stop that Simpul process first, or set DATA_DIR to another folder.',
        );
      }
      if (holder.pid && !sameHost) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is locked by host ${holder.host} (pid ${holder.pid}). ` +
            `If that host is gone, delete ${lockPath}.`,
        );
      }
      // The holder died without releasing (crash, kill -9): the lock is stale.
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dir}`);
}
