/** Real server processes for the fault tests: `huiqi serve` from the sources, on a free port, and signing in. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A running `huiqi serve` process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Whether the process is still running. */
  isAlive(): boolean;
  /** What it printed (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/** Starts `huiqi serve` (the TypeScript sources under tsx) on a free port against a database. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huiqi-fault-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HUIQI_MODE: 'test',
      PORT: '0',
      HUIQI_WEB_DIR: '/nonexistent',
      HUIQI_DATA_DIR: dataDir,
      // Instances on one database share one audit key (ADR 0010); each data directory would otherwise make its own.
      HUIQI_AUDIT_KEY: 'fault-tests-audit-key-shared-by-every-instance',
      HUIQI_LOGIN_RATE_PER_MINUTE: '10000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start in 45 s:\n${printed}`)),
      45_000,
    );
    const look = () => {
      const found = /is running at (http:\/\/\S+)/.exec(printed);
      if (found) {
        clearTimeout(timer);
        resolve(found[1] as string);
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} while starting:\n${printed}`));
    });
  });
  return {
    url,
    child,
    isAlive: () => child.exitCode === null && child.signalCode === null,
    output: () => printed,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in session over HTTP: the cookie and the CSRF token. */
export interface HttpSession {
  cookie: string;
  csrfToken: string;
}

/** Signs in as a demo user. */
export async function signIn(url: string, username: string): Promise<HttpSession> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in ${username}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** The name of the database a connection string points at. */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}
