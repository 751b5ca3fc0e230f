/** Each role signs in, lands on its home page, switches between 简体中文 and English, and signs out. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/index.ts';
import { type BrowserRig, startRig } from './browser.ts';

const HOMES = [
  { username: 'enterprise', zh: '企业首页', en: 'Enterprise home' },
  { username: 'official.county', zh: '政府工作台', en: 'Official workspace' },
  { username: 'bank', zh: '银行工作台', en: 'Bank workspace' },
  { username: 'admin', zh: '系统管理', en: 'Administration' },
  { username: 'auditor', zh: '审计', en: 'Audit' },
  { username: 'payer', zh: '付款单位工作台', en: 'Paying organisation' },
  { username: 'buyer', zh: '采购人工作台', en: 'Buyer workspace' },
];

async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('the web app in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  /** What Chromium reports refusing under the shell's Content-Security-Policy. */
  const violations: string[] = [];
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        violations.push(message.text());
    });
  });
  afterAll(() => rig?.close());

  it('shows the public home page without signing in', async () => {
    await page.goto(rig.server.url);
    await expect(page.getByTestId('public-home-title').textContent()).resolves.toBeTruthy();
  });

  it('refuses a wrong password with a clear message', async () => {
    await signIn(page, rig.server.url, 'admin', 'not-the-password');
    await expect(page.getByTestId('login-error').textContent({ timeout: 10_000 })).resolves.toContain(
      '用户名或密码错误',
    );
  });

  for (const home of HOMES) {
    it(`signs in as ${home.username}, sees its home page, switches language and signs out`, async () => {
      await signIn(page, rig.server.url, home.username, DEMO_PASSWORD);
      const title = page.getByTestId('home-title');
      await title.waitFor({ timeout: 15_000 });
      expect((await title.textContent())?.trim()).toBe(home.zh);
      await page.getByTestId('lang-switch').click();
      await page.waitForFunction(
        (expected) => document.querySelector('[data-testid="home-title"]')?.textContent?.trim() === expected,
        home.en,
        { timeout: 10_000 },
      );
      await page.getByTestId('lang-switch').click();
      await page.waitForFunction(
        (expected) => document.querySelector('[data-testid="home-title"]')?.textContent?.trim() === expected,
        home.zh,
        { timeout: 10_000 },
      );
      await page.getByTestId('logout').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/app'), { timeout: 10_000 });
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
      expect(me).toEqual({ user: null, csrfToken: null });
    });
  }

  it('ran every page above under the Content-Security-Policy without a violation', async () => {
    const shell = await fetch(`${rig.server.url}/login`);
    expect(shell.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(violations).toEqual([]);
    // And the policy is in force: an inline script is refused (and the refusal is heard).
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
    });
    await expect.poll(() => violations.length).toBe(1);
    expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false);
  });
});

describe('the registry in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
  });
  afterAll(() => rig?.close());

  it('lets the public run the size self-test and see the class and the reason', async () => {
    await page.goto(
      `${rig.server.url}/size-test?standard=cn-2011&industryCode=C13&employees=19&operatingRevenue=5000`,
    );
    await page.getByTestId('size-test-form').waitFor({ timeout: 15_000 });
    await page.getByTestId('size-test-submit').click();
    const reason = page.getByTestId('size-test-reason');
    await reason.waitFor({ timeout: 10_000 });
    expect(await reason.textContent()).toContain('19');
    expect(await page.getByTestId('size-test-result').textContent()).toContain('微型');
  });

  it('lets an official find an enterprise by name and open it to read why it has its size', async () => {
    await signIn(page, rig.server.url, 'official.county', DEMO_PASSWORD);
    await page.getByTestId('home-title').waitFor({ timeout: 15_000 });
    await page.goto(`${rig.server.url}/app/enterprises`);
    const table = page.getByTestId('enterprises-table');
    await table.waitFor({ timeout: 15_000 });
    const firstLink = page.locator('[data-testid^="enterprise-link-"]').first();
    await firstLink.waitFor({ timeout: 15_000 });
    const name = (await firstLink.textContent())?.trim() ?? '';
    await page.getByTestId('enterprises-search').locator('input').first().fill(name.slice(0, 4));
    await page.getByTestId('enterprises-search').locator('input').first().press('Enter');
    await page.waitForTimeout(500);
    await page.locator('[data-testid^="enterprise-link-"]').first().click();
    const reason = page.getByTestId('enterprise-size-reason');
    await reason.waitFor({ timeout: 15_000 });
    expect(await reason.textContent()).toMatch(/→/);
  });

  it('lets the official export the list, and shows a refused export as a message instead of saving it', async () => {
    await page.goto(`${rig.server.url}/app/enterprises`);
    await page.getByTestId('enterprises-table').waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByTestId('enterprises-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^enterprises-.+\.csv$/);
    // Beijing is outside a 昆山市 official's region: the server refuses, the page says why.
    await page.goto(`${rig.server.url}/app/enterprises?region=110000`);
    await page.getByTestId('enterprises-export-csv').waitFor({ timeout: 15_000 });
    let downloaded = false;
    page.once('download', () => {
      downloaded = true;
    });
    await page.getByTestId('enterprises-export-csv').click();
    await page.locator('.ant-message-error').getByText('管辖范围').first().waitFor({ timeout: 15_000 });
    expect(downloaded).toBe(false);
  });
});
