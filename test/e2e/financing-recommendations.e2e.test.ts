/**
 * The 2024 coordination mechanism's recommended list in a browser: the county official adds an enterprise through
 * the form — with one of the five tests unchecked the server's error shows on that checkbox; with all five a small
 * or micro enterprise of the county is listed — pushes it to the demo bank (chosen among the banks serving its
 * county), the bank records its contact and a grant, and the official sees the contact rate change; the list
 * exports as CSV. The enterprise's code is found through the API (a small or micro active enterprise of the county
 * not on the list yet).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCookie, type BrowserRig, signIn, startRig } from './browser.ts';

const SHOTS = process.env.HUIQI_E2E_SHOTS;

async function getJson<T>(base: string, cookie: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface Row {
  uscc: string;
  state: string;
  institutionName: string | null;
}

async function contactRate(page: Page): Promise<string> {
  const rate = page.getByTestId('rec-contact-rate');
  await rate.waitFor({ timeout: 15_000 });
  return ((await rate.textContent()) ?? '').trim();
}

describe('the recommended list in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let uscc = '';
  let bankName = '';
  let rateBefore = '';

  beforeAll(async () => {
    rig = await startRig();
    base = rig.server.url;
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    const cookie = await apiCookie(base, 'official.county');
    const list = await getJson<{ items: Row[] }>(base, cookie, '/api/financing/recommendations?pageSize=100');
    // The demo pushed its first listed enterprise to the demo bank (contacted and granted).
    bankName = list.items.find((r) => r.state === 'decided')?.institutionName ?? '';
    expect(bankName).not.toBe('');
    const listed = new Set(list.items.map((r) => r.uscc));
    for (const size of ['micro', 'small']) {
      const found = await getJson<{ items: { uscc: string }[] }>(
        base,
        cookie,
        `/api/enterprises?size=${size}&status=active&pageSize=50`,
      );
      const candidate = found.items.find((e) => !listed.has(e.uscc));
      if (candidate) {
        uscc = candidate.uscc;
        break;
      }
    }
    expect(uscc).not.toBe('');
  });
  afterAll(() => rig?.close());

  it('the county official adds an enterprise: a test left unchecked is named on its checkbox', async () => {
    await signIn(page, base, 'official.county');
    await page.locator('.ant-menu').getByText('融资推荐清单').first().click();
    await page.waitForURL((url) => url.pathname === '/app/financing/recommendations', { timeout: 10_000 });
    await page.getByTestId('rec-row').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('rec-row').count()).toBeGreaterThanOrEqual(3);
    rateBefore = await contactRate(page);
    expect(rateBefore).toMatch(/%$/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/rec-official.png`, fullPage: true });

    await page.getByTestId('rec-add').click();
    await page.getByTestId('rec-add-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('rec-uscc').fill(uscc);
    for (const test of ['compliantOperation', 'realNeed', 'goodCredit', 'compliantPurpose'])
      await page.getByTestId(`rec-test-${test}`).check();
    await page.getByTestId('rec-need').fill('80');
    await page.getByTestId('rec-add-submit').click();
    const error = page.getByTestId('rec-test-item-fixedPremises').locator('.ant-form-item-explain-error');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toContain('固定经营场所');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/rec-add-error.png` });

    await page.getByTestId('rec-test-fixedPremises').check();
    await page.getByTestId('rec-add-submit').click();
    await page.getByTestId('rec-add-form').waitFor({ state: 'detached', timeout: 15_000 });
    const row = page.locator(`[data-testid="rec-row"][data-uscc="${uscc}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-state')).toBe('listed');
    expect(await row.textContent()).toContain('80万元');
  });

  it('pushes it to the demo bank', async () => {
    const row = page.locator(`[data-testid="rec-row"][data-uscc="${uscc}"]`);
    await row.getByTestId('rec-push').click();
    await page.getByTestId('rec-push-bank').click();
    const option = page.locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
      {
        hasText: bankName,
      },
    );
    await option.first().waitFor({ timeout: 10_000 });
    await option.first().dispatchEvent('click');
    await page.getByTestId('rec-push-submit').click();
    await page.locator(`[data-testid="rec-row"][data-uscc="${uscc}"][data-state="pushed"]`).waitFor({
      timeout: 15_000,
    });
    expect(await row.textContent()).toContain(bankName);
    expect(await contactRate(page)).not.toBe(rateBefore);
  });

  it('the bank records its contact and grants', async () => {
    await signIn(page, base, 'bank');
    await page.locator('.ant-menu').getByText('推荐企业').first().click();
    await page.waitForURL((url) => url.pathname === '/app/bank/financing/recommendations', {
      timeout: 10_000,
    });
    const row = page.locator(`[data-testid="bank-rec-row"][data-uscc="${uscc}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('bank-rec-contact').click();
    await page.getByTestId('bank-rec-contact-note').fill('已电话联系企业负责人，约定上门尽调');
    await page.getByTestId('bank-rec-contact-submit').click();
    await page
      .locator(`[data-testid="bank-rec-row"][data-uscc="${uscc}"][data-state="contacted"]`)
      .waitFor({ timeout: 15_000 });

    await row.getByTestId('bank-rec-decide').click();
    await page.getByTestId('bank-rec-amount').fill('60.5');
    await page.getByTestId('bank-rec-decide-submit').click();
    await page
      .locator(`[data-testid="bank-rec-row"][data-uscc="${uscc}"][data-state="decided"]`)
      .waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('60.5万元');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/rec-bank.png`, fullPage: true });
  });

  it('the official sees the contact rate change, and the list exports', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/financing/recommendations`);
    const row = page.locator(`[data-testid="rec-row"][data-uscc="${uscc}"][data-state="decided"]`);
    await row.waitFor({ timeout: 15_000 });
    const rateAfter = await contactRate(page);
    expect(rateAfter).not.toBe(rateBefore);
    expect(Number.parseFloat(rateAfter)).toBeGreaterThan(Number.parseFloat(rateBefore));
    expect(await row.getByTestId('rec-outcome').getAttribute('data-outcome')).toBe('granted');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/rec-official-after.png`, fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByTestId('rec-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('统一社会信用代码');
    expect(csv).toContain(uscc);
  });
});
