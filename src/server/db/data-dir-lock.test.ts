/** The lock of an embedded data directory (ADR 0021): who holds it, stale locks, other hosts. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { DataDirLockedError, findDataDirHolder, LOCK_FILE, lockDataDir } from './data-dir-lock.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An empty directory of the test's own. */
function aDirectory(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-lock-'));
  dirs.push(dir);
  return dir;
}

/** The lock file another process would have written. */
function lockOf(dir: string, holder: { pid: number; host?: string; purpose?: string }): void {
  writeFileSync(
    path.join(dir, LOCK_FILE),
    JSON.stringify({
      host: os.hostname(),
      purpose: 'server',
      since: '2026-12-05T08:00:00Z',
      token: 't',
      ...holder,
    }),
  );
}

describe('data directory lock', () => {
  it('records this process and removes the file when the last holder releases it', () => {
    const dir = aDirectory();
    const first = lockDataDir(dir, 'server');
    const second = lockDataDir(dir, 'backup');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      purpose: 'server',
    });
    first.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    second.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a directory a live process holds, naming it and what to do', async () => {
    const dir = aDirectory();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    onTestFinished(() => void holder.kill('SIGKILL'));
    lockOf(dir, { pid: holder.pid as number });
    expect(findDataDirHolder(dir)?.pid).toBe(holder.pid);
    expect(() => lockDataDir(dir, 'backup')).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir, 'backup')).toThrow(`(server, pid ${holder.pid} on ${os.hostname()}`);
    expect(() => lockDataDir(dir, 'backup')).toThrow('stop the server');
  });

  it('takes over the lock of a process that is gone', async () => {
    const dir = aDirectory();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    lockOf(dir, { pid: gone.pid as number });
    expect(findDataDirHolder(dir)).toBeNull();
    const lock = lockDataDir(dir, 'backup');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('counts a lock written on another host as held (its process cannot be checked)', () => {
    const dir = aDirectory();
    lockOf(dir, { pid: 1, host: 'another-host.invalid' });
    expect(() => lockDataDir(dir, 'backup')).toThrow('pid 1 on another-host.invalid');
  });
});
