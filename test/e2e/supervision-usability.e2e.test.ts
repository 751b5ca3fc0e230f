/**
 * Issue 12 in a browser, for supervising officials and the calculator: exports whose totals are the sum of their
 * rows and whose headers are the page's; the dashboard's 在办 / 已超期 open the cases behind them; a county
 * official's home lists overdue cases (each linking to its case) and shows no empty sub-regions; the calculator's
 * complaint link carries its figures through sign-in into the complaint form, which fills the debtor's name from
 * the registry.
 */

import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/reference/calendar.ts';
import { OPEN_STATES } from '../../src/server/modules/cases/index.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/index.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { type BrowserRig, signIn, startRig } from './browser.ts';

/** The texts of a table's column headers, as the page shows them. */
async function headerTexts(page: Page, testId: string): Promise<string[]> {
  const texts = await page.locator(`[data-testid="${testId}"] thead th`).allTextContents();
  return texts.map((text) => text.trim()).filter((text) => text !== '');
}

/** The input of an antd InputNumber found by its test id (on the input itself or on its wrapper). */
async function numberInput(page: Page, testId: string) {
  const target = page.getByTestId(testId).first();
  return (await target.evaluate((el) => el.tagName)) === 'INPUT' ? target : target.locator('input').first();
}

/** A downloaded CSV as rows of cells. */
function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .replace('\uFEFF', '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('supervision, the official home and the calculator in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let overdueId: number;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    await page.setViewportSize({ width: 1440, height: 900 });
    // One of the demo's open cases past its deadline (as if time had passed).
    const first = await rig.server.db
      .selectFrom('cases')
      .select('id')
      .where('type', '=', 'demand')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    overdueId = first.id;
    await rig.server.db
      .updateTable('cases')
      .set({ deadline: addDays(todayInChina(), -3) })
      .where('id', '=', overdueId)
      .execute();
    // Written around the case repository: the roll-ups are rebuilt from the cases.
    await sql`select case_stats_rebuild()`.execute(rig.server.db);
  });
  afterAll(() => rig?.close());

  /** The demo's open cases of a region and below (those past due, with `overdue`), counted in the database. */
  const openCases = async (regionPrefix: string, overdue: boolean): Promise<number> => {
    let query = rig.server.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', 'in', [...OPEN_STATES])
      .where('region_code', 'like', `${regionPrefix}%`);
    if (overdue) query = query.where('deadline', '<', todayInChina());
    return Number((await query.executeTakeFirstOrThrow()).n);
  };

  it('exports the debtor-kind and region tables with the page’s headers and totals equal to the sum of the rows', async () => {
    await signIn(page, rig.server.url, 'official.province');
    await page.goto(`${rig.server.url}/app/supervision`);
    await page.getByTestId('supervision-debtor-table').waitFor({ timeout: 15_000 });
    for (const [by, table] of [
      ['debtorKind', 'supervision-debtor-table'],
      ['region', 'supervision-region-table'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 15_000 }),
        page.getByTestId(`supervision-export-${by}-csv`).click(),
      ]);
      const [header = [], ...rows] = csvRows(await download.path());
      expect(header).toEqual(await headerTexts(page, table));
      const total = rows.at(-1) ?? [];
      expect(total[0]).toBe('合计');
      const body = rows.slice(0, -1);
      for (const title of ['收件', '在办', '已答复', '投诉金额（元）', '已清偿（元）']) {
        const column = header.indexOf(title);
        const sum = body.reduce((acc, row) => acc + Number(row[column]), 0);
        expect(Number(total[column]), `${by}: ${title}`).toBeCloseTo(sum, 2);
      }
      // Names, not codes: the kinds of debtor as the page calls them.
      if (by === 'debtorKind') expect(body.map((row) => row[0])).toEqual(['机关']);
    }
  });

  it('opens the overdue and the open cases of a region from the dashboard’s figures', async () => {
    await page.goto(`${rig.server.url}/app/supervision`);
    await page.getByTestId('supervision-overdue-link').click({ timeout: 15_000 });
    await page.waitForURL(
      (url) => url.pathname === '/app/cases' && url.searchParams.get('overdue') === 'true',
    );
    await page.getByTestId(`case-link-${overdueId}`).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid^="case-link-"]').count()).toBe(await openCases('32', true));

    await page.goto(`${rig.server.url}/app/supervision`);
    await page.getByTestId('supervision-open-link-320500').click({ timeout: 15_000 });
    await page.waitForURL(
      (url) => url.searchParams.get('open') === 'true' && url.searchParams.get('region') === '320500',
    );
    await page.getByTestId(`case-link-${overdueId}`).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid^="case-link-"]').count()).toBe(await openCases('3205', false));
  });

  it('shows a county official the overdue case on the home page, linking to it, and no sub-regions', async () => {
    await signIn(page, rig.server.url, 'official.county');
    const card = page.getByTestId('home-case-deadlines');
    await card.waitFor({ timeout: 15_000 });
    expect((await page.getByTestId('home-overdue-count').textContent())?.trim()).toContain(
      String(await openCases('320583', true)),
    );
    expect(await page.getByTestId('official-sub-regions').count()).toBe(0);
    expect(await page.getByTestId('official-child-region-count').count()).toBe(0);
    await page.getByTestId(`home-case-${overdueId}`).click();
    await page.waitForURL((url) => url.pathname === `/app/cases/${overdueId}`, { timeout: 10_000 });
    await page.getByTestId('case-detail').waitFor({ timeout: 15_000 });
    await page.getByTestId('logout').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app'), { timeout: 10_000 });
  });

  it('carries the calculator’s figures through sign-in into the complaint form and fills the debtor’s name', async () => {
    const other = await rig.server.db
      .selectFrom('enterprises')
      .select(['uscc', 'name'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await page.context().clearCookies();
    const claim = new URLSearchParams({
      debtorKind: 'large_enterprise',
      signedOn: '2025-07-01',
      basis: 'delivery',
      deliveredOn: '2025-07-10',
      agreedTermDays: '30',
      amount: '48000',
    });
    await page.goto(`${rig.server.url}/payment-calculator?${claim}`);
    const link = page.getByTestId('pay-file-complaint');
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await page.getByTestId('login-username').waitFor({ timeout: 10_000 });
    await page.getByTestId('login-username').fill('enterprise');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('arrears-form').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('amount')).toBe('48000');
    expect(await (await numberInput(page, 'arrears-amount')).inputValue()).toContain('48,000');
    expect(await (await numberInput(page, 'arrears-term')).inputValue()).toBe('30');
    expect(
      await page
        .locator('[data-testid="arrears-debtor-kind"] .ant-radio-button-wrapper-checked')
        .textContent(),
    ).toBe('大型企业');

    await page.getByTestId('arrears-debtor-uscc').fill(other.uscc);
    await page.getByTestId('arrears-debtor-found').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('arrears-debtor-name').inputValue()).toBe(other.name);
  });
});
