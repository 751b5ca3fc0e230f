/**
 * Figure: cold start of `npm start` on an existing data directory ≤ 3 s to ready (embedded PGlite),
 * beside the floor: a bare Fastify process started the same way, measured in the same run.
 * Usage: npm run bench:start [-- --runs 5]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startChild, stopChild } from './lib.ts';

const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 5;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-cold-'));
const webDir = existsSync(path.join(ROOT, 'dist/web/index.html'))
  ? path.join(ROOT, 'dist/web')
  : '/nonexistent';
const env = {
  HUIQI_DATA_DIR: dataDir,
  HUIQI_WEB_DIR: webDir,
  PORT: '0',
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
};
const npmCli =
  process.env.npm_execpath ??
  path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js');

async function timeToReady(args: string[], extraEnv: Record<string, string>, pattern: RegExp, probe: string) {
  const started = performance.now();
  const { child, url } = await startChild(args, extraEnv, pattern);
  for (;;) {
    const ok = await fetch(`${url}${probe}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const elapsed = performance.now() - started;
  await stopChild(child);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

try {
  console.log('First start (creates the data directory, migrates, loads demo data)…');
  const first = await timeToReady([npmCli, 'start', '--silent'], env, /running at (http:\/\/\S+)/, '/readyz');
  const ours: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await timeToReady([npmCli, 'start', '--silent'], env, /running at (http:\/\/\S+)/, '/readyz'));
    floor.push(
      await timeToReady(
        ['--import', 'tsx', 'bench/ceiling-server.ts'],
        {},
        /LISTENING (http:\/\/\S+)/,
        '/constant',
      ),
    );
  }
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\nCold start to ready, ${runs} runs (median; all runs in ms)`);
  console.log(
    `  floor: bare Fastify via node --import tsx   ${fmt(median(floor))}   [${floor.map(Math.round).join(', ')}]`,
  );
  console.log(
    `  huiqi: npm start, existing PGlite data dir   ${fmt(median(ours))}   [${ours.map(Math.round).join(', ')}]`,
  );
  console.log(`  (first start on an empty data directory: ${fmt(first)})`);
  console.log(median(ours) <= 3000 ? 'TARGET MET (≤ 3 s)' : 'TARGET NOT MET (≤ 3 s)');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
