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
