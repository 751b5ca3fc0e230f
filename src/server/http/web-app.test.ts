/**
 * The web app's files and shell as the server sends them: the Content-Security-Policy of the shell, hashed assets
 * precompressed and cached for good, the shell asked again each time (ADR 0017), and addresses the file system
 * cannot look up (over-long or NUL segments) refused with a stable 4xx rather than a 500.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { WEB_APP_CSP } from '../app.ts';
import { ASSET_CACHE_CONTROL, SHELL_CACHE_CONTROL } from './web-app.ts';

/** A hashed asset as the build writes it, with its brotli and gzip copies. */
const ASSET = 'assets/page-Ab12Cd34.js';
const ASSET_SOURCE = `export const words = ${JSON.stringify('惠企 SME support '.repeat(200))};\n`;
/** A stylesheet with a gzip copy only. */
const STYLES = 'assets/index-Zz99Yy88.css';
const STYLES_SOURCE = `${'.huiqi-row { display: flex; }\n'.repeat(80)}`;

describe('the web app served by the API server', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'assets', 'index.js'), 'export {};');
    writeFileSync(path.join(webDir, ASSET), ASSET_SOURCE);
    writeFileSync(path.join(webDir, `${ASSET}.br`), brotliCompressSync(ASSET_SOURCE));
    writeFileSync(path.join(webDir, `${ASSET}.gz`), gzipSync(ASSET_SOURCE));
    writeFileSync(path.join(webDir, STYLES), STYLES_SOURCE);
    writeFileSync(path.join(webDir, `${STYLES}.gz`), gzipSync(STYLES_SOURCE));
    t = await createTestApp({ demo: false, env: { HUIQI_WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('sends the shell with a strict Content-Security-Policy, at / and as the fallback of client-side routes', async () => {
    for (const url of ['/', '/index.html', '/policies/42', '/cases?page=2']) {
      const response = await t.request('GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['content-security-policy'], url).toBe(WEB_APP_CSP);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
    }
    expect(WEB_APP_CSP).toContain("script-src 'self';");
    expect(WEB_APP_CSP).toContain("frame-ancestors 'none'");
    expect(WEB_APP_CSP).toContain("object-src 'none'");
  });

  it('answers a path segment longer than 255 bytes with 414 PATH_SEGMENT_TOO_LONG, on files, pages and the API', async () => {
    const long = 'a'.repeat(256);
    const chinese = encodeURIComponent('中'.repeat(86)); // 258 bytes in UTF-8
    for (const url of [
      `/${long}`,
      `/assets/${long}`,
      `/assets/${long}.js`,
      `/${chinese}`,
      `/policies/${long}/edit`,
      `/api/${long}`,
      `/api/enterprises/${long}`,
      `/api/public/policies/${long}`,
    ]) {
      const response = await t.request('GET', url, { headers: { 'accept-language': 'en' } });
      expect(response.statusCode, url).toBe(414);
      expect(response.json()).toMatchObject({ code: 'PATH_SEGMENT_TOO_LONG', message: expect.any(String) });
    }
    // 255 bytes is a name a file may have: an unknown page gets the shell.
    expect((await t.request('GET', `/${'a'.repeat(255)}`)).statusCode).toBe(200);
  });

  it('answers a NUL in a file path with 400 INVALID_CHARACTER, and bad percent-encoding with 400 BAD_URL', async () => {
    for (const url of ['/%00', '/assets/%00.js', '/assets/index.js%00']) {
      const response = await t.request('GET', url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_CHARACTER', errors: [{ field: 'path' }] });
    }
    const bad = await t.request('GET', '/assets/%ZZ.js');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BAD_URL');
  });

  it('still sends the files themselves', async () => {
    const response = await t.request('GET', '/assets/index.js');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('export {};');
  });

  it('sends a hashed asset brotli-compressed to a browser that accepts br, with its type, length and immutable caching', async () => {
    const response = await t.request('GET', `/${ASSET}`, {
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(response.rawPayload.length).toBeLessThan(Buffer.byteLength(ASSET_SOURCE));
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(ASSET_SOURCE);
  });

  it('sends gzip to a browser that accepts gzip only, and to one that prefers it', async () => {
    for (const accept of ['gzip', 'br;q=0.5, gzip;q=1']) {
      const response = await t.request('GET', `/${ASSET}`, { headers: { 'accept-encoding': accept } });
      expect(response.headers['content-encoding'], accept).toBe('gzip');
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      expect(gunzipSync(response.rawPayload).toString()).toBe(ASSET_SOURCE);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    }
  });

  it('sends the file as it is to a client that accepts no compression, still varying on Accept-Encoding', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const response = await t.request('GET', `/${ASSET}`, { headers });
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body).toBe(ASSET_SOURCE);
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(ASSET_SOURCE));
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    }
  });

  it('falls back to the copy there is: gzip for a stylesheet without a brotli copy, with its CSS type', async () => {
    const response = await t.request('GET', `/${STYLES}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toMatch(/^text\/css/);
    expect(gunzipSync(response.rawPayload).toString()).toBe(STYLES_SOURCE);
  });

  it('answers HEAD of an asset with the headers of the file it would send', async () => {
    const response = await t.app.inject({
      method: 'HEAD',
      url: `/${ASSET}`,
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(Number(response.headers['content-length'])).toBe(brotliCompressSync(ASSET_SOURCE).length);
    expect(response.body).toBe('');
  });

  it('sends the shell (at / and for client-side routes) as no-cache, and 304 to a browser whose copy is current', async () => {
    for (const url of ['/', '/index.html', '/app/enterprises']) {
      const response = await t.request('GET', url, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe(SHELL_CACHE_CONTROL);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.headers['content-security-policy'], url).toBe(WEB_APP_CSP);
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
      const etag = response.headers.etag;
      expect(etag, url).toEqual(expect.any(String));
      const again = await t.request('GET', url, { headers: { 'if-none-match': String(etag) } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
    }
  });

  it('answers a missing asset with 404, never cached for good', async () => {
    const response = await t.request('GET', '/assets/gone-Qq11Ww22.js', {
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['cache-control']).not.toBe(ASSET_CACHE_CONTROL);
    expect(response.json().code).toBe('ROUTE_NOT_FOUND');
  });
});

describe("the shell names the address's page chunks (modulepreload)", () => {
  let t: TestApp;
  let webDir: string;
  const shellHtml = (marker: string) =>
    `<!doctype html><html><head><title>${marker}</title><script type="module" crossorigin src="/assets/index-Zz00.js"></script></head><body><div id="root"></div></body></html>`;
  const preload = (routes: { path: string; files: string[] }[], boot = '/assets/boot-Hh88.js') =>
    writeFileSync(path.join(webDir, 'preload.json'), JSON.stringify({ boot, routes }));
  /** The shell without what the server adds. */
  const bare = (body: string) =>
    body
      .replace(/<script src="\/assets\/boot-[^"]*"><\/script>\s*/, '')
      .replace(/\s*<link rel="modulepreload"[^>]*>\s*/g, '');
  /** The page's chunks named. */
  const links = (body: string) =>
    [...body.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((match) => match[1]);

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-web-'));
    writeFileSync(path.join(webDir, 'index.html'), shellHtml('one'));
    preload([
      { path: '/', files: ['/assets/PublicHome-Aa11.js'] },
      { path: '/app/cases', files: ['/assets/CaseQueuePage-Bb22.js', '/assets/table-Cc33.js'] },
      { path: '/app/cases/:id', files: ['/assets/CasePage-Dd44.js', '/assets/timeline-Ee55.js'] },
      { path: '/app/admin/users', files: ['/assets/UsersPage-Ff66.js', '"><script>alert(1)</script>'] },
    ]);
    t = await createTestApp({ demo: false, env: { HUIQI_WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it("names a page's chunks in the head of the shell sent for its address, and no other page's", async () => {
    const queue = await t.request('GET', '/app/cases?state=open');
    expect(links(queue.body)).toEqual(['/assets/CaseQueuePage-Bb22.js', '/assets/table-Cc33.js']);
    expect(queue.body.indexOf('modulepreload')).toBeLessThan(queue.body.indexOf('</head>'));
    const one = await t.request('GET', '/app/cases/17');
    expect(links(one.body)).toEqual(['/assets/CasePage-Dd44.js', '/assets/timeline-Ee55.js']);
    for (const url of ['/', '/index.html'])
      expect(links((await t.request('GET', url)).body)).toEqual(['/assets/PublicHome-Aa11.js']);
    // An address without a page (the not-found page) gets the shell as built, with boot.ts.
    for (const url of ['/app/cases/17/more', '/nowhere']) {
      const response = await t.request('GET', url);
      expect(response.statusCode).toBe(200);
      expect(links(response.body)).toEqual([]);
      expect(bare(response.body)).toBe(shellHtml('one'));
    }
    // Each address's shell has its own ETag; a browser's copy of another address's shell is not current.
    expect(one.headers.etag).not.toBe(queue.headers.etag);
    const stale = await t.request('GET', '/app/cases/17', {
      headers: { 'if-none-match': String(queue.headers.etag) },
    });
    expect(stale.statusCode).toBe(200);
  });

  it('runs boot.ts first on every address: a classic script before the app’s', async () => {
    for (const url of ['/', '/app/cases/17', '/nowhere']) {
      const body = (await t.request('GET', url)).body;
      const boot = body.indexOf('<script src="/assets/boot-Hh88.js"></script>');
      expect(boot, url).toBeGreaterThan(0);
      expect(boot).toBeLessThan(body.indexOf('src="/assets/index-Zz00.js"'));
    }
  });

  it('leaves out a listed file that is not one of the build’s script names', async () => {
    const users = await t.request('GET', '/app/admin/users');
    expect(links(users.body)).toEqual(['/assets/UsersPage-Ff66.js']);
    expect(users.body).not.toContain('<script>alert');
  });

  it('sends a rebuilt shell and preload list without a restart, and the shell as it is without a list', async () => {
    writeFileSync(path.join(webDir, 'index.html'), shellHtml('two'));
    preload([{ path: '/app/cases', files: ['/assets/CaseQueuePage-Gg77.js'] }], '/assets/boot"><b>.js');
    const rebuilt = await t.request('GET', '/app/cases');
    expect(rebuilt.body).toContain('<title>two</title>');
    expect(links(rebuilt.body)).toEqual(['/assets/CaseQueuePage-Gg77.js']);
    // A boot name that is not one of the build's script names is left out, with its imports.
    expect(rebuilt.body).not.toContain('<b>');
    expect(rebuilt.body).not.toContain('boot');
    writeFileSync(path.join(webDir, 'preload.json'), '{ not json');
    const broken = await t.request('GET', '/app/cases');
    expect(broken.statusCode).toBe(200);
    expect(broken.body).toBe(shellHtml('two'));
  });
});
