/**
 * Gradient cultivation's public side and the province's settings in a browser (issue 18), on the demo data (one
 * application on public notice in 昆山市, one recognised): the home page's card names the three tiers; the header's
 * 梯度培育 menu leads to the notices and to the announced recognitions, which filter by tier, year and province and
 * search by name; an objection refused on a contact that is neither a phone number nor an e-mail, then lodged with
 * its reference and lookup code, looked up (a wrong code refused on its field; open, then dismissed with the
 * province's answer); the province's 特色化 band gap refused in words on that band's end, and a quota below the
 * year's approvals refused on its field; the header at 1280 px and the pages on a phone without sideways scrolling;
 * the recognitions in English.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/shared/today.ts';
import {
  type ApiSession,
  apiCall,
  apiSession,
  type BrowserRig,
  fieldError,
  fillNumber,
  pickOption,
  signIn,
  startRig,
} from './browser.ts';

/** Where to save screenshots (HUIQI_E2E_SHOTS), if anywhere. */
const SHOTS = process.env.HUIQI_E2E_SHOTS;
const YEAR = Number(todayInChina().slice(0, 4));

/** How far the page runs past the window's right edge (0 or less: it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

interface Recognition {
  enterpriseName: string;
  tier: string;
  announcedOn: string;
  validTo: string;
  provinceCode: string;
}

describe('cultivation’s public side and the province’s settings in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let province: ApiSession;
  let recognised: Recognition;
  let lodged = { reference: '', code: '' };

  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    base = rig.server.url;
    province = await apiSession(base, 'official.province');
    const response = await fetch(`${base}/api/public/cultivation/recognitions`);
    const list = (await response.json()) as { items: Recognition[] };
    const first = list.items[0];
    if (!first) throw new Error('the demo has a recognised application');
    recognised = first;
  });
  afterAll(() => rig?.close());

  it('names all three tiers on the home page, and leads from the header to the notices and the recognitions', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/`);
    const card = page.getByTestId('public-tool-cultivationNotices');
    await card.waitFor({ timeout: 15_000 });
    const words = (await card.textContent()) ?? '';
    for (const tier of ['创新型中小企业', '专精特新中小企业', '“小巨人”企业']) expect(words).toContain(tier);
    await page.getByTestId('header-cultivation').hover();
    await page.getByTestId('header-cultivation-notices').click();
    await page.waitForURL(`${base}/cultivation/notices`, { timeout: 10_000 });
    await page.getByTestId('notices-list').waitFor({ timeout: 15_000 });
    await page.getByTestId('header-cultivation').hover();
    await page.getByTestId('header-cultivation-recognitions').click();
    await page.waitForURL(`${base}/cultivation/recognitions`, { timeout: 10_000 });
    await page.getByTestId('recognitions-table').waitFor({ timeout: 15_000 });
  });

  it('lists the announced recognitions in force, by tier, year and province, searched by name', async () => {
    await page.goto(`${base}/cultivation/recognitions`);
    const table = page.getByTestId('recognitions-table');
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain(recognised.enterpriseName);
    expect(await table.textContent()).toContain('江苏省');
    expect(await table.textContent()).not.toMatch(/91[0-9A-Z]{16}/);
    await pickOption(page, 'recognitions-tier', '专精特新“小巨人”企业');
    await page.getByTestId('recognitions-empty').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('tier')).toBe('little_giant');
    await page.goto(`${base}/cultivation/recognitions?year=${recognised.announcedOn.slice(0, 4)}`);
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain(recognised.enterpriseName);
    await page.goto(`${base}/cultivation/recognitions?provinceCode=110000`);
    await page.getByTestId('recognitions-empty').waitFor({ timeout: 15_000 });
    await page.goto(`${base}/cultivation/recognitions`);
    const search = page.getByTestId('recognitions-search').locator('input');
    await search.fill('不会有这样的企业名称');
    await search.press('Enter');
    await page.getByTestId('recognitions-empty').waitFor({ timeout: 15_000 });
    await search.fill(recognised.enterpriseName.slice(0, 4));
    await search.press('Enter');
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain(recognised.enterpriseName);
    expect(new URL(page.url()).searchParams.get('q')).toBe(recognised.enterpriseName.slice(0, 4));
  });

  it('refuses a contact that is neither a phone number nor an e-mail, then gives the reference and lookup code', async () => {
    await page.goto(`${base}/cultivation/notices`);
    const open = page.locator('[data-testid="notice-item"][data-open="true"]').first();
    await open.waitFor({ timeout: 15_000 });
    await open.getByTestId('notice-object').click();
    await page.getByTestId('objection-name').fill('赵六');
    await page.getByTestId('objection-contact').fill('12345');
    await page.getByTestId('objection-content').fill('该企业主营业务收入占比数据与年报不符。');
    await page.getByTestId('objection-submit').click();
    expect(await fieldError(page, 'objection-contact')).toContain('11 位手机号');
    await page.getByTestId('objection-contact').fill('zhao.liu@example.com');
    await page.getByTestId('objection-submit').click();
    await page.getByTestId('objection-lodged').waitFor({ timeout: 15_000 });
    lodged = {
      reference: ((await page.getByTestId('objection-reference').textContent()) ?? '').trim(),
      code: ((await page.getByTestId('objection-code').textContent()) ?? '').trim(),
    };
    expect(lodged.reference).toMatch(/^\d+-\d+$/);
    expect(lodged.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-objection-lodged.png` });
    await page.getByTestId('objection-close').click();
  });

  it('looks the objection up: a wrong code refused on its field, then open, then the province’s answer', async () => {
    const lookUp = async (code: string) => {
      await page.getByTestId('objection-lookup-reference').fill(lodged.reference);
      await page.getByTestId('objection-lookup-code').fill(code);
      await page.getByTestId('objection-lookup-submit').click();
    };
    await page.getByTestId('objection-lookup').scrollIntoViewIfNeeded();
    await lookUp('AAAA-AAAA' === lodged.code ? 'BBBB-BBBB' : 'AAAA-AAAA');
    expect(await fieldError(page, 'objection-lookup-code')).toContain('编号或查询码不正确');
    await lookUp(lodged.code.toLowerCase());
    const result = page.getByTestId('objection-lookup-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('objection-lookup-state').textContent()).toBe('核实中');
    expect(await page.getByTestId('objection-lookup-answer').textContent()).toContain('尚未答复');
    const [enterpriseId, id] = lodged.reference.split('-');
    await apiCall(base, province, 'POST', `/api/cultivation/objections/${enterpriseId}/${id}`, {
      state: 'dismissed',
      answer: '经核实，主营业务收入占比数据与审计报告一致，异议不成立。',
    });
    await lookUp(lodged.code);
    await expect
      .poll(() => page.getByTestId('objection-lookup-state').textContent(), { timeout: 15_000 })
      .toBe('异议不成立');
    expect(await page.getByTestId('objection-lookup-answer').textContent()).toContain('异议不成立');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-objection-lookup.png`, fullPage: true });
  });

  it('refuses a 特色化 band gap in words on that band’s end, and a quota below the year’s approvals', async () => {
    const settings = await apiCall<{ tiers: { tier: string; used: number }[] }>(
      base,
      province,
      'GET',
      `/api/cultivation/settings?year=${YEAR}`,
    );
    const used = settings.tiers.find((tier) => tier.tier === 'innovative')?.used ?? 0;
    expect(used).toBeGreaterThan(0);
    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/cultivation/settings`);
    await page.getByTestId('settings-innovative-form').waitFor({ timeout: 15_000 });
    await fillNumber(page, 'settings-innovative-quota', String(used - 1));
    await page.getByTestId('settings-innovative-save').click();
    expect(await fieldError(page, 'settings-innovative-quota')).toContain(
      `本年度已批准 ${used} 家，名额不能少于 ${used}`,
    );

    await page.getByTestId('settings-tab-specialised').click();
    await page.getByTestId('settings-specialised-indicator-0').waitFor({ timeout: 10_000 });
    // The demo's export share: < 5 %, 5–20 %, ≥ 20 %. Band 2 from 6 % leaves 5–6 % in no band.
    await fillNumber(page, 'settings-specialised-indicator-0-band-1-lower-value', '6');
    await page.getByTestId('settings-specialised-save').click();
    const gap = '指标“出口交货值占营业收入比重”的第 2 档下限 6% 与第 1 档上限 5% 之间有空档';
    expect(await fieldError(page, 'settings-specialised-indicator-0-band-1-lower-value')).toContain(gap);
    expect(await page.getByTestId('settings-specialised-indicators-error').textContent()).toContain(gap);
    expect(await page.getByTestId('settings-specialised-indicators-error').textContent()).not.toMatch(
      /2022-specialised|indicators\[/,
    );
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-settings-gap.png`, fullPage: true });
  });

  it('fits the header at 1280 px and the public pages on a phone without sideways scrolling', async () => {
    await page.context().clearCookies();
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${base}/cultivation/recognitions`);
      await page.getByTestId('header-cultivation').waitFor({ timeout: 15_000 });
      expect(await overflow(page), '1280 px').toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of ['/cultivation/recognitions', '/cultivation/notices']) {
        await page.goto(`${base}${path}`);
        await page.getByTestId('page-title').waitFor({ timeout: 15_000 });
        expect(await overflow(page), `${path} at 390 px`).toBeLessThanOrEqual(0);
      }
      await page.getByTestId('header-menu').click();
      await page.getByTestId('header-cultivation-recognitions').click();
      await page.waitForURL(`${base}/cultivation/recognitions`, { timeout: 10_000 });
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('reads the recognitions in English', async () => {
    await page.goto(`${base}/cultivation/recognitions`);
    await page.getByTestId('page-title').waitFor({ timeout: 15_000 });
    await page.getByTestId('lang-switch').first().click();
    try {
      await expect
        .poll(() => page.getByTestId('page-title').textContent(), { timeout: 15_000 })
        .toBe('Recognised quality SMEs');
      await expect
        .poll(() => page.getByTestId('recognitions-table').textContent(), { timeout: 15_000 })
        .toContain('Jiangsu');
    } finally {
      if ((await page.evaluate(() => document.documentElement.lang)) === 'en')
        await page.getByTestId('lang-switch').first().click();
    }
  });
});
