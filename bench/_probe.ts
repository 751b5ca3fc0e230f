import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/main.ts';
const server = await startServer(loadConfig({ HUIQI_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'pr-')), HUIQI_WEB_DIR: path.resolve('dist/web'), PORT: '0', HUIQI_MODE: 'test', LOG_LEVEL: 'silent' }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const target = process.argv[2] ?? '/';
for (let i = 0; i < 3; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(server.url + target, { waitUntil: 'networkidle' });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => `${Math.round(r.startTime)}-${Math.round(r.responseEnd)} ${r.initiatorType} ${Math.round(r.encodedBodySize/1024)}k ${r.name.replace(location.origin, '')}`);
    return { dcl: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventEnd), resp: Math.round(nav.responseEnd), res };
  });
  if (i === 2) console.log(JSON.stringify(t, null, 1));
  await ctx.close();
}
await browser.close(); await server.stop();
