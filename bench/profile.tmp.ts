import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/main.ts';
import { DEMO_PASSWORD } from '../src/server/modules/demo/demo.service.ts';
import { CHROMIUM_ARGS } from '../test/e2e/browser.ts';
import { ROOT } from './lib.ts';
const target = process.argv[2] ?? '/app/enterprises';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-prof-'));
const server = await startServer(loadConfig({ HUIQI_DATA_DIR: path.join(dataDir, 'data'), HUIQI_WEB_DIR: path.join(ROOT, 'dist/web'), PORT: '0', HUIQI_MODE: 'test', LOG_LEVEL: 'silent', DATABASE_URL: '' }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
for (let run = 0; run < 2; run++) {
const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
await context.request.post(`${server.url}/api/auth/login`, { data: { username: 'official.province', password: DEMO_PASSWORD } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(`${server.url}${target}`);
await page.waitForLoadState('networkidle');
const { profile } = await cdp.send('Profiler.stop') as any;
if (run === 0) { await context.close(); continue; }
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const self = new Map<number, number>();
const dts = profile.timeDeltas; 
profile.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + (dts[i] ?? 0)));
const byUrl = new Map<string, number>(); const byFn = new Map<string, number>();
for (const [id, t] of self) { const n: any = byId.get(id); const u = n.callFrame.url.replace(/.*\/assets\//, '').replace(/-[\w-]{8}\.js$/, '') || '(' + n.callFrame.functionName + ')';
  byUrl.set(u, (byUrl.get(u) ?? 0) + t); const f = `${n.callFrame.functionName || '(anon)'} @${u}:${n.callFrame.lineNumber}`; byFn.set(f, (byFn.get(f) ?? 0) + t); }
const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([k2, v]) => `${(v / 1000).toFixed(0).padStart(6)} ms  ${k2}`).join('\n');
console.log('total', ((profile.endTime - profile.startTime) / 1000).toFixed(0), 'ms'); console.log(top(byUrl, 25)); console.log('--'); console.log(top(byFn, 40));
await context.close();
}
await browser.close(); await server.stop();
