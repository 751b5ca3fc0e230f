/**
 * Figure: hard page loads of the web app to usable ≤ 1 s each (landing page, the registry as a signed-in official,
 * the supervision dashboard), beside the peer: a bare static HTML page served by the same server, in the same run.
 *
 * Time to usable = from navigation start (performance.timeOrigin) to the later of
 *   - the page's key element visible (landing: its title; registry: the first row of the enterprise table;
 *     supervision: its first key figure), and
 *   - the end of the last network response before the network went idle (Playwright's networkidle: no request for
 *     500 ms), read from the page's own Resource Timing entries, so the idle wait itself is not counted.
 * Every run opens a new browser context: an empty HTTP cache (a first visit), the session cookie set beforehand.
 *
 * It builds nothing: run `npm run build:web` first (it serves dist/web as built, from a temporary copy with the peer
 * page added). Starts the real server (`huiqi serve`, its own process) on a fresh embedded database with demo data, and Debian's chromium.
 * Usage: npm run bench:web [-- --runs 10] [--web DIR] [--waterfall]
 * `--waterfall` prints, for the last run of each page, every response (start → end, ms from navigation start) and
 * the long tasks (scripts running ≥ 50 ms), to see where the time goes.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/server/modules/demo/index.ts';
import { CHROMIUM_ARGS } from '../test/e2e/browser.ts';
import { ROOT, startChild, stopChild } from './lib.ts';

const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 10;
const TARGET_MS = 1000;
const webIndex = process.argv.indexOf('--web');
/** The build measured: dist/web, or another (`--web DIR`, e.g. a copy kept from before a change). */
const builtDir =
  webIndex >= 0 ? path.resolve(String(process.argv[webIndex + 1])) : path.join(ROOT, 'dist/web');
const PEER_FILE = 'bench-peer.html';
const waterfall = process.argv.includes('--waterfall');

/** One page measured: where, as whom, and which element means it is there. */
interface Target {
  name: string;
  path: string;
  /** A demo user signed in before the load, or none. */
  username: string | null;
  /** That user's role, which the app keeps after a sign-in (boot.ts reads it to start the page's reads early). */
  role?: string;
  /** A CSS selector of the page's key element. */
  key: string;
}

const targets: Target[] = [
  { name: `peer: bare static page (/${PEER_FILE})`, path: `/${PEER_FILE}`, username: null, key: '#peer' },
  { name: 'landing page (/)', path: '/', username: null, key: '[data-testid="public-home-title"]' },
  {
    name: 'registry (/app/enterprises, official)',
    path: '/app/enterprises',
    username: 'official.province',
    role: 'official',
    key: '.ant-table-tbody tr.ant-table-row',
  },
  {
    name: 'supervision (/app/supervision, official)',
    path: '/app/supervision',
    username: 'official.province',
    role: 'official',
    key: '[data-testid="supervision-kpi-received"]',
  },
];

/** One hard load in a fresh context: time to usable, the key element's time, and what was transferred. */
async function loadOnce(browser: Browser, base: string, target: Target) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  try {
    if (target.username) {
      // The context's request client shares its cookie jar: the page starts signed in, with nothing cached.
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { username: target.username, password: DEMO_PASSWORD },
      });
      if (!login.ok()) throw new Error(`sign-in of ${target.username} failed: ${login.status()}`);
    }
    const page = await context.newPage();
    if (target.role) {
      // As after a sign-in in the app, which keeps the role for boot.ts (auth/storedRole.ts): it then starts the
      // page's first reads early. Signing in through the API above does not run the app.
      await page.addInitScript((role) => window.localStorage.setItem('huiqi.role', role), target.role);
    }
    // Long tasks are observed from the document's first script on (buffered entries are kept).
    await page.addInitScript(() => {
      const tasks: [number, number][] = [];
      (window as unknown as { __longTasks: [number, number][] }).__longTasks = tasks;
      try {
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        // No long-task timing in this browser: the waterfall shows responses only.
      }
    });
    await page.goto(`${base}${target.path}`, { waitUntil: 'commit' });
    const keyVisible = await (
      await page.waitForFunction(
        (selector) => {
          const element = document.querySelector(selector);
          const box = element?.getBoundingClientRect();
          return box && box.width > 0 && box.height > 0 ? performance.now() : false;
        },
        target.key,
        { polling: 'raf', timeout: 30_000 },
      )
    ).jsonValue();
    await page.waitForLoadState('networkidle');
    const network = await page.evaluate(() => {
      const entries = [
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
      ] as PerformanceResourceTiming[];
      return {
        lastResponseEnd: Math.max(...entries.map((entry) => entry.responseEnd)),
        requests: entries.length,
        transferred: entries.reduce((sum, entry) => sum + entry.transferSize, 0),
        scripts: entries
          .filter((entry) => entry.name.endsWith('.js'))
          .reduce((sum, entry) => sum + entry.transferSize, 0),
        waterfall: entries
          .map((entry) => ({
            name: entry.name.replace(location.origin, ''),
            start: entry.startTime,
            end: entry.responseEnd,
            bytes: entry.transferSize,
          }))
          .sort((a, b) => a.start - b.start),
        longTasks: (window as unknown as { __longTasks?: [number, number][] }).__longTasks ?? [],
      };
    });
    return {
      usable: Math.max(Number(keyVisible), network.lastResponseEnd),
      keyVisible: Number(keyVisible),
      ...network,
    };
  } finally {
    await context.close();
  }
}

/** One run's responses and long tasks, in the order they started. */
function printWaterfall(
  name: string,
  run: {
    usable: number;
    keyVisible: number;
    waterfall: { name: string; start: number; end: number; bytes: number }[];
    longTasks: [number, number][];
  },
): void {
  console.log(`\n${name}: usable ${Math.round(run.usable)} ms, key element ${Math.round(run.keyVisible)} ms`);
  const lines = [
    ...run.waterfall.map((entry) => ({
      at: entry.start,
      text:
        `${Math.round(entry.start)}`.padStart(6) +
        ` → ${Math.round(entry.end)}`.padEnd(9) +
        ` ${(entry.bytes / 1024).toFixed(1).padStart(6)} kB  ${entry.name.slice(0, 90)}`,
    })),
    ...run.longTasks.map(([start, duration]) => ({
      at: start,
      text:
        `${Math.round(start)}`.padStart(6) +
        ` → ${Math.round(start + duration)}`.padEnd(9) +
        '           (script running)',
    })),
  ].sort((a, b) => a.at - b.at);
  for (const line of lines) console.log(line.text);
}

/** The value at a percentile of the sorted values (nearest rank). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

if (!existsSync(path.join(builtDir, 'index.html'))) {
  console.error(
    'bench:web measures the built web app and builds nothing itself: run `npm run build:web` first.',
  );
  process.exit(1);
}
if (!existsSync('/usr/bin/chromium')) {
  console.error('bench:web needs Debian chromium at /usr/bin/chromium (apt-get install chromium).');
  process.exit(1);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-bench-web-'));
const webDir = path.join(dataDir, 'web');
cpSync(builtDir, webDir, { recursive: true });
writeFileSync(
  path.join(webDir, PEER_FILE),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>peer</title></head>' +
    '<body><h1 id="peer">A bare static page</h1></body></html>\n',
);
// The server runs as `huiqi serve` does in use: its own process (the bundle), not inside this one, which drives the
// browser.
const server = await startChild(
  ['bin/huiqi.js', 'serve'],
  {
    HUIQI_DATA_DIR: path.join(dataDir, 'data'),
    HUIQI_WEB_DIR: webDir,
    PORT: '0',
    HUIQI_MODE: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: '',
  },
  /running at (http:\/\/\S+)/,
);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});

try {
  const base = server.url;
  const rows: string[] = [];
  let allMet = true;
  let peerP50 = 0;
  console.log(
    `Hard loads to usable, ${runs} runs each in a new browser context (after one unrecorded warm-up)\n`,
  );
  for (const target of targets) {
    await loadOnce(browser, base, target);
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await loadOnce(browser, base, target));
    const usable = results.map((r) => r.usable);
    const last = results.at(-1);
    if (waterfall && last) printWaterfall(target.name, last);
    const p50 = percentile(usable, 50);
    const p95 = percentile(usable, 95);
    const isPeer = target.path === `/${PEER_FILE}`;
    if (isPeer) peerP50 = p50;
    else if (p95 > TARGET_MS) allMet = false;
    rows.push(
      [
        target.name.padEnd(44),
        `${Math.round(p50)}`.padStart(7),
        `${Math.round(p95)}`.padStart(7),
        `${peerP50 > 0 ? (p50 / peerP50).toFixed(1) : '–'}`.padStart(6),
        `${Math.round(
          percentile(
            results.map((r) => r.keyVisible),
            50,
          ),
        )}`.padStart(9),
        `${last?.requests ?? 0}`.padStart(5),
        `${((last?.scripts ?? 0) / 1024).toFixed(0)}`.padStart(7),
        `${((last?.transferred ?? 0) / 1024).toFixed(0)}`.padStart(8),
        isPeer ? '' : `  [${usable.map(Math.round).join(', ')}]`,
      ].join(' '),
    );
  }
  console.log(
    `${'page'.padEnd(44)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'× peer'.padStart(6)} ${'key p50'.padStart(9)} ${'reqs'.padStart(5)} ${'JS kB'.padStart(7)} ${'all kB'.padStart(8)}`,
  );
  for (const row of rows) console.log(row);
  console.log(
    '\n(× peer: p50 over the peer’s p50, which shows how busy the machine was; key p50: the key element alone;\n' +
      ' JS kB / all kB: bytes on the wire of the scripts / of every resource after the document, last run)',
  );
  console.log(
    allMet ? `TARGET MET (p95 ≤ ${TARGET_MS} ms each)` : `TARGET NOT MET (p95 ≤ ${TARGET_MS} ms each)`,
  );
} finally {
  await browser.close();
  await stopChild(server.child);
  rmSync(dataDir, { recursive: true, force: true });
}
