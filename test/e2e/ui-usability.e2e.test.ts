/**
 * Issue 12 in a browser: the audit log by action name with readable details and filters; every demo account on the
 * sign-in page; the landing page's public tools and nothing unbuilt advertised; a missing record named, no retry.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/server/modules/audit/index.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/index.ts';
import { type BrowserRig, signIn, startRig } from './browser.ts';

describe('usability in a browser (issue 12)', () => {
  let rig: BrowserRig;
  let page: Page;
  let base: string;
  beforeAll(async () => {
    rig = await startRig();
    base = rig.server.url;
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    await page.setViewportSize({ width: 1440, height: 900 });
  });
  afterAll(() => rig?.close());

  const rowsOfAudit = async () => {
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="audit-table"] [data-testid="audit-action"]') !== null &&
        !document.querySelector('[data-testid="audit-table"] .ant-spin-spinning'),
      undefined,
      { timeout: 15_000 },
    );
    return page.locator('[data-testid="audit-table"] [data-testid="audit-action"]').evaluateAll((cells) =>
      cells.map((cell) => ({
        action: cell.getAttribute('data-action'),
        text: cell.textContent ?? '',
        unlisted: cell.querySelector('[data-testid="audit-action-unlisted"]') !== null,
      })),
    );
  };

  it('shows audit actions by name, an unlisted one raw and marked, and the details as labelled fields', async () => {
    // The jobs queued at start (matching, supervision) write audit entries: let them finish first.
    for (let i = 0; i < 120; i++) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from jobs where status in ('queued', 'running') and run_after <= now()`.execute(
        rig.server.db,
      );
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // A failed sign-in (details: username, failures, ip) and an action no catalogue knows.
    await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'enterprise', password: 'not-the-password-1' }),
    });
    await rig.server.db
      .transaction()
      .execute((trx) =>
        appendAudit(
          trx,
          { userId: null, role: null },
          { action: 'test.unlisted_action', summary: { on: '2026-03-05' } },
        ),
      );
    await signIn(page, base, 'auditor');
    await page.goto(`${base}/app/audit`);
    const rows = await rowsOfAudit();
    const unlisted = rows.find((row) => row.action === 'test.unlisted_action');
    expect(unlisted).toMatchObject({ unlisted: true });
    expect(unlisted?.text).toContain('test.unlisted_action');
    const login = rows.find((row) => row.action === 'auth.login');
    expect(login).toMatchObject({ text: '登录', unlisted: false });
    const failed = rows.find((row) => row.action === 'auth.login_failed');
    expect(failed?.text).toBe('登录失败');

    const summaries = await page.getByTestId('audit-summary').allTextContents();
    expect(summaries.some((s) => s.includes('用户名: enterprise') && s.includes('连续失败次数: 1'))).toBe(
      true,
    );
    expect(summaries.some((s) => s.includes('on: 2026年3月5日'))).toBe(true);
    expect(summaries.join('')).not.toContain('{"');

    // Expanding an entry lists its fields one by one.
    await page.locator('[data-testid="audit-table"] .ant-table-row-expand-icon').first().click();
    const details = page.getByTestId('audit-details').first();
    await details.waitFor({ timeout: 10_000 });
    expect(await details.textContent()).toContain('操作代码');
  });

  it('filters the audit log by an action chosen by its name and by a user found by username', async () => {
    await page.goto(`${base}/app/audit`);
    await rowsOfAudit();
    await page.getByTestId('audit-filter-action').click();
    await page.keyboard.type('登录失败');
    await page
      .locator('.ant-select-item-option[title="登录失败"], .ant-select-item-option:has-text("登录失败")')
      .first()
      .click();
    await page.getByTestId('audit-search').click();
    await expect
      .poll(async () => [...new Set((await rowsOfAudit()).map((row) => row.action))], { timeout: 10_000 })
      .toEqual(['auth.login_failed']);

    await page.getByRole('button', { name: /重\s*置/ }).click();
    await page.getByTestId('audit-filter-actor').fill('auditor');
    await page.getByTestId('audit-search').click();
    await expect
      .poll(
        async () => {
          await rowsOfAudit();
          return [
            ...new Set(
              await page
                .locator('[data-testid="audit-table"] tbody tr.ant-table-row td:nth-child(4)')
                .allTextContents(),
            ),
          ].map((text) => text.replace(/\s*#\d+$/, '').trim());
        },
        { timeout: 10_000 },
      )
      .toEqual(['auditor']);
  });

  it('lists on the sign-in page every account the demo seeded, each with what it is for', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await page.getByTestId('demo-accounts').waitFor({ timeout: 15_000 });
    const listed = await page
      .getByTestId('demo-account')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-username')));
    const { rows } = await sql<{ username: string }>`
      select username from users where is_demo order by id`.execute(rig.server.db);
    expect([...listed].sort()).toEqual(rows.map((row) => row.username).sort());
    const purposes = await page.getByTestId('demo-account-purpose').allTextContents();
    expect(purposes).toHaveLength(rows.length);
    for (const purpose of purposes) expect(purpose.trim().length).toBeGreaterThan(4);

    // Choosing an account fills its username in; then it signs in with the demo password.
    await page.locator('[data-testid="demo-account"][data-username="payer"]').click();
    expect(await page.getByTestId('login-username').inputValue()).toBe('payer');
  });

  it('offers the public tools on the landing page and the services open after signing in, with nothing left marked unbuilt', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/`);
    await page.getByTestId('public-tools').waitFor({ timeout: 15_000 });
    const tools = await page
      .locator('[data-testid^="public-tool-"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(tools).toEqual([
      '/policies',
      '/payment-calculator',
      '/size-test',
      '/arrears-disclosures',
      '/procurement-calculator',
      '/procurement/reports',
      '/cultivation/notices',
    ]);

    // Every service of the plan is built: nothing is advertised as 建设中 any more.
    expect(await page.getByTestId('public-building').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('建设中');
    for (const key of ['credit', 'financing'])
      expect(await page.getByTestId(`public-signed-in-${key}`).getAttribute('href')).toBe('/login');
    expect(await page.getByTestId('public-signed-in-financing').textContent()).toContain('融资对接');

    await page.getByTestId('public-tool-calculator').click();
    await page.waitForURL(`${base}/payment-calculator`, { timeout: 10_000 });
  });

  it('names a missing policy or case, with a way back and no retry', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/policies/999999`);
    // The policy page's own not-found (it also handles a missing version): the id, the way back to the library.
    const policy = page.getByTestId('policy-not-found');
    await policy.waitFor({ timeout: 15_000 });
    expect(await policy.textContent()).toContain('999999');
    expect(await page.getByTestId('error-retry').count()).toBe(0);
    expect(await page.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);

    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/cases/999999`);
    const record = page.getByTestId('case-missing');
    await record.waitFor({ timeout: 15_000 });
    expect(await record.textContent()).toContain('未找到该案件');
    expect(await page.getByTestId('error-retry').count()).toBe(0);
    expect(await page.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);
    await page.getByRole('button', { name: '返回案件列表' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/999999'), { timeout: 10_000 });

    // An address with no page names the address, with the way home and no retry.
    await page.goto(`${base}/app/no-such-page`);
    await page.getByTestId('not-found-title').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('not-found-path').textContent()).toBe('/app/no-such-page');
    expect(await page.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);
  });

  it('shows English readers region names romanised in Hanyu Pinyin, marked as having no official English name', async () => {
    await signIn(page, base, 'admin');
    await page.goto(`${base}/app/admin/users`);
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(
      () => document.documentElement.lang === 'en' || document.body.textContent?.includes('Users'),
      undefined,
      { timeout: 10_000 },
    );
    const romanised = page.getByTestId('region-romanised');
    await romanised.first().waitFor({ timeout: 15_000 });
    const names = await romanised.allTextContents();
    expect(names).toContain('Kunshan Shi, Suzhou Shi, Jiangsu Sheng');
    await romanised.filter({ hasText: 'Kunshan Shi' }).first().hover();
    const tooltip = page.locator('.ant-tooltip').filter({ hasText: 'no official English name' });
    await tooltip.first().waitFor({ timeout: 10_000 });
    expect(await tooltip.first().textContent()).toContain('江苏省苏州市昆山市');
    await page.getByTestId('lang-switch').click();
  });

  it('keeps the language a visitor chose when they sign in, and makes it their preference', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').waitFor({ timeout: 15_000 });
    if ((await page.evaluate(() => document.documentElement.lang)) !== 'en')
      await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 10_000 });
    await page.getByTestId('login-username').fill('enterprise');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-title').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Kept as the user's preference: the next session starts in English.
    await expect
      .poll(async () => (await page.request.get(`${base}/api/auth/me`)).json().then((me) => me.user?.locale))
      .toBe('en');
    await page.reload();
    await page.getByTestId('home-title').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Back to Chinese for the tests that follow (also saved as the preference).
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', undefined, {
      timeout: 10_000,
    });
    await expect
      .poll(async () => (await page.request.get(`${base}/api/auth/me`)).json().then((me) => me.user?.locale))
      .toBe('zh-CN');
  });

  it('names regions romanised to English readers on the dashboard, the statistics, an enterprise and the homes', async () => {
    const CJK = /[\u4e00-\u9fff]/;
    const toEnglish = async () => {
      await page.getByTestId('lang-switch').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, {
        timeout: 10_000,
      });
    };
    const toChinese = async () => {
      await page.getByTestId('lang-switch').click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', undefined, {
        timeout: 10_000,
      });
    };
    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/supervision`);
    await page.getByTestId('supervision-kpi-received').waitFor({ timeout: 15_000 });
    await toEnglish();
    const links = page.locator('[data-testid^="supervision-region-link-"]');
    await links.first().waitFor({ timeout: 15_000 });
    const shown = await links.allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((name) => CJK.test(name))).toEqual([]);
    expect(shown.some((name) => / Shi$/.test(name))).toBe(true);
    // The tables' headings are whole words (wrapped in their column, not cut off with an ellipsis).
    const cutHeadings = await page
      .locator('.huiqi-header-text')
      .evaluateAll((elements) =>
        elements
          .filter((element) => element.scrollWidth > element.clientWidth + 1)
          .map((element) => element.textContent),
      );
    expect(cutHeadings).toEqual([]);
    // The card naming the official's own region, and a level down.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.ant-card-head-title')].some((el) =>
          /Jiangsu Sheng/.test(el.textContent ?? ''),
        ),
      undefined,
      { timeout: 10_000 },
    );
    await links.first().click();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.ant-breadcrumb')].some(
          (el) => / Shi/.test(el.textContent ?? '') && !/[\u4e00-\u9fff]/.test(el.textContent ?? ''),
        ),
      undefined,
      { timeout: 10_000 },
    );

    await page.goto(`${base}/app/stats`);
    await page.getByTestId('stats-region-chart').waitFor({ timeout: 15_000 });
    const titles = await page.locator('.ant-card-head-title').allTextContents();
    expect(titles.filter((title) => /Jiangsu Sheng/.test(title)).length).toBeGreaterThan(0);
    expect(titles.filter((title) => CJK.test(title))).toEqual([]);
    const firstColumn = await page
      .locator('.ant-table-tbody tr.ant-table-row td:first-child')
      .allTextContents();
    expect(firstColumn.length).toBeGreaterThan(0);
    expect(firstColumn.filter((cell) => CJK.test(cell))).toEqual([]);
    // Marked as romanised (the tooltip says there is no official English name), as elsewhere.
    expect(
      await page.locator('.ant-table-tbody td:first-child [data-testid="region-romanised"]').count(),
    ).toBeGreaterThan(0);

    await page.goto(`${base}/app`);
    await page.getByTestId('official-region').waitFor({ timeout: 15_000 });
    const home = await page.getByTestId('official-region').textContent();
    expect(home).toContain('Jiangsu Sheng');
    expect(home).not.toMatch(CJK);

    await page.goto(`${base}/app/enterprises/1`);
    const region = page.getByTestId('region-romanised').first();
    await region.waitFor({ timeout: 15_000 });
    expect(await region.textContent()).toMatch(/ Sheng$/);
    await toChinese();

    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app`);
    await toEnglish();
    const own = page.getByTestId('region-romanised').first();
    await own.waitFor({ timeout: 15_000 });
    expect(await own.textContent()).toMatch(/ Sheng$/);
    await toChinese();
  });

  it('fits labels whole (English menu, the qualifications header), romanises the English registry, and gives a county no card of divisions', async () => {
    const cutOff = (selector: string) =>
      page.locator(selector).evaluateAll((elements) =>
        elements
          // A fixed column's cell carries its shadow beside it (wider than the cell: not text cut off).
          .filter((element) => !/cell-fix/.test(element.className))
          .filter((element) => element.scrollWidth > element.clientWidth + 1)
          .map((element) => element.textContent),
      );
    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/enterprises/1`);
    const header = page.locator('th', { hasText: '认定机关' });
    await header.first().waitFor({ timeout: 15_000 });
    expect(await cutOff('th.ant-table-cell')).toEqual([]);

    await page.goto(`${base}/app/enterprises`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 10_000 });
    expect(await cutOff('.ant-menu-item')).toEqual([]);
    const region = page.locator('.ant-table-tbody').getByTestId('region-romanised').first();
    await region.waitFor({ timeout: 15_000 });
    expect(await region.textContent()).toMatch(/ Sheng$/);
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', undefined, {
      timeout: 10_000,
    });

    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/stats`);
    await page.getByTestId('stats-industry-chart').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('stats-region-chart').count()).toBe(0);
  });
});
