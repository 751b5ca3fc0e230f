/**
 * The web app's files and shell as the server sends them: the Content-Security-Policy of the shell, and addresses
 * the file system cannot look up (over-long or NUL segments) refused with a stable 4xx rather than a 500.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { WEB_APP_CSP } from '../app.ts';

describe('the web app served by the API server', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'assets', 'index.js'), 'export {};');
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
});
