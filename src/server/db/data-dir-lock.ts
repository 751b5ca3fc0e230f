/**
 * Who holds the embedded database's directory (ADR 0021). PGlite runs PostgreSQL in one process and takes no lock
 * of its own: it writes a `postmaster.pid` whose pid is always -42 and which a killed process leaves behind, and a
 * second PGlite opens a directory another process has open without a word, the two then overwriting each other's
 * pages. So every process that opens the directory (the server, each command) writes `huiqi.lock` in it — its pid,
 * host and purpose — and removes it when it closes; a lock whose process is gone on this host is stale and taken
 * over. Within one process the lock is shared (tests open a directory more than once).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The lock file's name inside the data directory. */
export const LOCK_FILE = 'huiqi.lock';

/** What the lock file records. */
export interface DataDirHolder {
  pid: number;
  host: string;
  /** What holds it: `server`, `backup`, a command. */
  purpose: string;
  /** When it was taken (ISO 8601). */
  since: string;
  token: string;
}

/** The directory is held by another process. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: DataDirHolder,
  ) {
    super(
      `The data directory ${dir} is in use by another process (${holder.purpose}, pid ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
        `PGlite is one process: stop the server (or let the command finish), then try again. ` +
        `If that process is surely gone, remove ${path.join(dir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** Whether a process of this host is alive (EPERM: alive, owned by another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): DataDirHolder | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as DataDirHolder;
    if (Number.isInteger(parsed.pid) && typeof parsed.host === 'string') return parsed;
  } catch {
    // A lock half written by a process killed while writing it: nobody holds it.
  }
  return { pid: 0, host: os.hostname(), purpose: 'unknown', since: '', token: '' };
}

/**
 * The live process of another pid that holds the directory, or null: none, a stale lock (its process gone), or
 * this process. A lock written on another host cannot be checked and counts as held.
 */
export function findDataDirHolder(dir: string): DataDirHolder | null {
  const holder = readHolder(path.join(dir, LOCK_FILE));
  if (!holder || holder.pid === process.pid) return null;
  if (holder.host === os.hostname() && (holder.pid <= 0 || !isAlive(holder.pid))) return null;
  return holder;
}

/** Locks this module instance holds: how many holders, and the token it wrote (null: another thread's file). */
const held = new Map<string, { count: number; token: string | null }>();

/** A taken lock; `release()` removes it when the last holder in this process lets go. */
export interface DataDirLock {
  release(): void;
}

/** Takes the directory's lock (the directory exists) or throws DataDirLockedError naming the holder. */
export function lockDataDir(dir: string, purpose: string): DataDirLock {
  const key = path.resolve(dir);
  const file = path.join(key, LOCK_FILE);
  const mine = held.get(key);
  if (mine) mine.count++;
  else if (readHolder(file)?.pid === process.pid) {
    // Written by this process from another thread or module instance: shared, and left for it to remove.
    held.set(key, { count: 1, token: null });
  } else {
    const holder = findDataDirHolder(key);
    if (holder) throw new DataDirLockedError(key, holder);
    const token = randomUUID();
    const record: DataDirHolder = {
      pid: process.pid,
      host: os.hostname(),
      purpose,
      since: new Date().toISOString(),
      token,
    };
    // A stale lock is replaced; `wx` then makes two processes starting at once race for it, one wins.
    if (readHolder(file)) rmSync(file, { force: true });
    try {
      writeFileSync(file, `${JSON.stringify(record)}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const winner = readHolder(file);
      throw new DataDirLockedError(key, winner ?? record);
    }
    held.set(key, { count: 1, token });
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const entry = held.get(key);
      if (!entry) return;
      entry.count--;
      if (entry.count > 0) return;
      held.delete(key);
      if (entry.token !== null && readHolder(file)?.token === entry.token) rmSync(file, { force: true });
    },
  };
}
