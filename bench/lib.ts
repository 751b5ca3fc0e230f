/** Shared helpers of the benchmarks: start a server in a child process, run autocannon, print a table. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

/** Repository root. */
export const ROOT = path.resolve(import.meta.dirname, '..');

/** Starts `node --import tsx <script>` (or bin/huiqi.js) and resolves with its URL once it prints it. */
export function startChild(
  args: string[],
  env: Record<string, string>,
  pattern: RegExp,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so stopChild can end npm and everything it started.
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    let found = false;
    const onData = (chunk: Buffer) => {
      if (found) return; // keep draining the pipe, but stop collecting
      output = (output + chunk.toString()).slice(-20_000);
      const match = output.match(pattern);
      if (match?.[1]) {
        found = true;
        resolve({ child, url: match[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${output.slice(-2000)}`)));
  });
}

/** Sends SIGTERM to a child's whole process group and waits for the child to exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

/** Result of one load run. */
export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon against a URL (with headers such as a session cookie). */
export async function load(
  name: string,
  url: string,
  seconds: number,
  connections: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1, headers });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Prints results as an aligned table. */
export function printTable(rows: LoadResult[]): void {
  console.log(
    `${'route'.padEnd(52)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(52)} ${String(r.requestsPerSecond).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.errors + r.non2xx).padStart(7)}`,
    );
  }
}

/** Signs in over HTTP and returns the session cookie (`name=value`). */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('huiqi_sid='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

/**
 * p50/p99 of GET `url`, one request at a time after a warm-up: `requests` of them, or fewer (at least 5) when
 * they take more than `budgetMs` together (the slow peers); with the last response body.
 */
export async function timeRequests(url: string, cookie: string, requests: number, budgetMs = 30_000) {
  let body: unknown;
  const get = async () => {
    const response = await fetch(url, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    body = await response.json();
  };
  await get();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < requests && (times.length < 5 || performance.now() - started < budgetMs)) {
    const one = performance.now();
    await get();
    times.push(performance.now() - one);
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length / 2)] ?? 0,
    p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
    requests: times.length,
    body: body as { total?: number; totalIsEstimate?: boolean; items?: { name: string }[] },
  };
}

/** A numeric command-line option `--name N` of this process, or the fallback. */
export function numberOption(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** The URL of another database on the same server as `base`. */
export function dbUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `node …args` in the repository with more environment, its output passed through; rejects on failure. */
export async function runNode(args: string[], env: Record<string, string>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}
