/**
 * Starts the real server on its own embedded database with demo data (a copy of the run's seeded directory, made
 * by global-setup.ts), and Debian's chromium to drive it.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { type RunningServer, startServer } from '../../src/server/main.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/index.ts';

/** Debian's chromium, headless, without the background networking that floods a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const WEB_DIR = path.resolve(import.meta.dirname, '../../dist/web');

/** A server and a browser for one test file. */
export interface BrowserRig {
  server: RunningServer;
  browser: BrowserContext;
  close(): Promise<void>;
}

/** Starts both; fails clearly when the web app was not built or chromium is missing. */
export async function startRig(): Promise<BrowserRig> {
  if (!existsSync(path.join(WEB_DIR, 'index.html')))
    throw new Error('Build the web app first: npm run build:web');
  if (!existsSync('/usr/bin/chromium')) throw new Error('Install chromium: apt-get install chromium');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-e2e-'));
  cpSync(inject('e2eDemoDir'), dataDir, { recursive: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'huiqi-e2e-profile-'));
  const server = await startServer(
    loadConfig({
      HUIQI_DATA_DIR: dataDir,
      HUIQI_WEB_DIR: WEB_DIR,
      PORT: '0',
      HUIQI_MODE: 'test',
      LOG_LEVEL: 'silent',
    }),
  );
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
    args: CHROMIUM_ARGS,
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs a demo user in (starting without a session: another user may be signed in) and waits for the home page. */
export async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-title').waitFor({ timeout: 15_000 });
}

/** Fills an antd InputNumber found by its test id (on the input itself or on its wrapper). */
export async function fillNumber(page: Page, testId: string, value: string): Promise<void> {
  const target = page.getByTestId(testId).first();
  const input =
    (await target.evaluate((el) => el.tagName)) === 'INPUT' ? target : target.locator('input').first();
  await input.fill(value);
}

/** Signs in through the API (no browser): the session cookie. */
export async function apiCookie(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Reads a JSON route with a session cookie (200 expected). */
export async function getJson<T>(base: string, path: string, cookie: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** Chooses the option `text` of the antd Select found by its test id. */
export async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
    { hasText: text },
  );
  await option.first().waitFor({ timeout: 10_000 });
  await option.first().dispatchEvent('click');
}

/** The error shown on the form item holding the element of `testId`. */
export async function fieldError(page: Page, testId: string): Promise<string> {
  const item = page.locator('.ant-form-item', { has: page.getByTestId(testId) }).last();
  const error = item.locator('.ant-form-item-explain-error');
  await error.first().waitFor({ timeout: 15_000 });
  return (await error.allTextContents()).join(' ');
}

/** A demo user's API session: the session cookie and the CSRF token its writes send. */
export interface ApiSession {
  cookie: string;
  csrf: string;
}

/** Signs a demo user in through the API (a test's data made the way a client makes it). */
export async function apiSession(
  base: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<ApiSession> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status, username).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** Calls the API as a session; an answer other than 2xx fails the test with the answer's text. */
export async function apiCall<T>(
  base: string,
  session: ApiSession,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'GET' ? {} : { 'content-type': 'application/json', 'x-csrf-token': session.csrf }),
    },
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${path}: ${response.status} ${text}`).toBe(true);
  return JSON.parse(text) as T;
}
