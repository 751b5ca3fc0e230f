/**
 * Government procurement for SMEs (issue 17, measure 8) in a browser: the public evaluates the notes' worked case
 * (docs/reference/procurement.md §7.1) and sees a deduction outside the range refused on its field, and what a
 * project above 200万 must reserve; a buyer adds a project to the plan that reserves less than the rules require and
 * sees the requirement live, then each shortfall on its field after saving, and the project tagged in the plan; a
 * flagged declaration reads by name; a supervising official reads the region's shares with each body against the
 * lines, its grade and the method, and the chart, and downloads them; rechecks a year's declarations after the
 * registry learns other figures, follows the run and opens the newly flagged award from its result; filters the
 * awards by region; a buyer corrects an award, and withdraws one recorded in error, saying why.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSession, type BrowserRig, fieldError, signIn, startRig } from './browser.ts';

/** Where to save screenshots (HUIQI_E2E_SHOTS), if anywhere. */
const SHOTS = process.env.HUIQI_E2E_SHOTS;

/** The demo's buyer and the body it buys for (the demo registers it in 昆山市). */
async function buyerAccount(base: string): Promise<{ username: string; bodyName: string }> {
  const demo = await apiSession(base, 'buyer');
  const home = (await (await fetch(`${base}/api/home`, { headers: { cookie: demo.cookie } })).json()) as {
    buyingBody?: { name: string } | null;
  };
  expect(home.buyingBody?.name).toBe('（演示）昆山市某局');
  return { username: 'buyer', bodyName: home.buyingBody?.name ?? '' };
}

/** The warning shown on the form item holding the element of `testId`. */
async function fieldWarning(page: Page, testId: string): Promise<string> {
  const item = page.locator('.ant-form-item', { has: page.getByTestId(testId) }).last();
  const warning = item.locator('.ant-form-item-explain-warning');
  await warning.first().waitFor({ timeout: 15_000 });
  return (await warning.allTextContents()).join(' ');
}

describe('government procurement for SMEs in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let bodyName = '';
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    base = rig.server.url;
  });
  afterAll(() => rig?.close());

  it('lets the public evaluate the notes’ worked case from the home page’s tools, and refuses a deduction on its field', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/`);
    await page.getByTestId('public-tool-procurement').click();
    await page.waitForURL(`${base}/procurement-calculator`, { timeout: 10_000 });

    await page.getByTestId('proc-tab-evaluate').click();
    await page.getByTestId('eval-example').click();
    await page.getByTestId('eval-result').waitFor({ timeout: 15_000 });
    // Goods announced in 2023, 15%: A (small) 1,000,000 → 850,000 ranks first; B (medium) 900,000 stays, second.
    expect(await page.getByTestId('eval-evaluated-A').getAttribute('data-value')).toBe('850000');
    expect(await page.getByTestId('eval-evaluated-B').getAttribute('data-value')).toBe('900000');
    expect(await page.getByTestId('eval-deduction-A').getAttribute('data-value')).toBe('15');
    expect(await page.getByTestId('eval-deduction-B').getAttribute('data-value')).toBe('0');
    expect(await page.locator('[data-testid="eval-row"][data-id="A"]').getAttribute('data-rank')).toBe('1');
    expect(await page.locator('[data-testid="eval-row"][data-id="B"]').getAttribute('data-rank')).toBe('2');
    expect(await page.getByTestId('eval-ranking').getAttribute('data-ranking')).toBe('A,B');
    expect(await page.getByTestId('eval-rules').textContent()).toContain('2023-01');
    // The range allowed on that date for goods, from the dated rules.
    const range = page.getByTestId('eval-sm-range');
    expect([await range.getAttribute('data-min'), await range.getAttribute('data-max')]).toEqual([
      '10',
      '20',
    ]);

    // 25% is outside 10%–20%: the server's refusal lands on the deduction's input.
    await page.getByTestId('eval-sm-deduction').fill('25');
    await page.getByTestId('eval-submit').click();
    expect(await fieldError(page, 'eval-sm-deduction')).toMatch(/10%.+20%/);
    expect(await page.getByTestId('eval-result').count()).toBe(0);

    // 10%: A's 1,000,000 is evaluated at 900,000, B's price: a tie, both rank 1, and the result says so.
    await page.getByTestId('eval-sm-deduction').fill('10');
    await page.getByTestId('eval-submit').click();
    await page.getByTestId('eval-result').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="eval-row"][data-id="B"]').getAttribute('data-rank')).toBe('1');
    expect(await page.locator('[data-testid="eval-row"][data-id="A"]').getAttribute('data-rank')).toBe('1');
    expect(await page.getByTestId('eval-ranking').textContent()).toContain('A = B');
    expect(await page.getByTestId('eval-tie').getAttribute('data-ids')).toBe('A,B');
    expect(await page.getByTestId('eval-ties').textContent()).toContain('采购文件');

    // What a goods project of 2,000,000.01 yuan must reserve: a share, 30% = 600,000.003 at least.
    await page.getByTestId('proc-tab-requirement').click();
    await page.getByTestId('req-budget').fill('2000000.01');
    await page.getByTestId('req-submit').click();
    const requirement = page.getByTestId('requirement');
    await requirement.waitFor({ timeout: 15_000 });
    expect(await requirement.getAttribute('data-mode')).toBe('share');
    expect(await page.getByTestId('requirement-reserved-amount').getAttribute('data-value')).toBe(
      '600000.003',
    );
    expect(await page.getByTestId('proc-rules').textContent()).toContain('财库〔2022〕19号');
  });

  it('lets a buyer add a project that reserves too little: the rules live beside the form, the shortfall on its field', async () => {
    const buyer = await buyerAccount(base);
    bodyName = buyer.bodyName;
    await signIn(page, base, buyer.username);
    await page.getByTestId('buyer-home').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('buyer-body-name').textContent()).toBe(bodyName);

    await page.getByTestId('home-link-procurement-projects').click();
    await page.waitForURL(`${base}/app/procurement/projects`, { timeout: 10_000 });
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-form').waitFor({ timeout: 15_000 });
    const code = `E2E-${Date.now()}`;
    await page.getByTestId('project-code').fill(code);
    await page.getByTestId('project-name').fill('（测试）办公家具采购');
    await page.getByTestId('project-budget').fill('5000000');
    // Goods of 5,000,000 announced today: at least 1,500,000 reserved, 900,000 of it for small and micro.
    const preview = page.getByTestId('project-requirement');
    await preview.waitFor({ timeout: 15_000 });
    await expect.poll(() => preview.getAttribute('data-mode'), { timeout: 10_000 }).toBe('share');
    expect(await page.getByTestId('requirement-reserved-amount').getAttribute('data-value')).toBe('1500000');
    await page.getByTestId('project-reserved').fill('1000000');
    await page.getByTestId('project-small-micro').fill('600000');
    await page.getByTestId('project-live-short').waitFor({ timeout: 10_000 });

    await page.getByTestId('project-submit').click();
    await page.waitForURL(/\/app\/procurement\/projects\/\d+\/edit\?saved=1$/, { timeout: 15_000 });
    const id = Number(/projects\/(\d+)\//.exec(page.url())?.[1]);
    await page.getByTestId('project-saved').waitFor({ timeout: 15_000 });
    expect(
      await page
        .locator('[data-testid="project-shortfall"]')
        .evaluateAll((els) => els.map((e) => e.dataset.field)),
    ).toEqual(['reservedAmount', 'smallMicroReserved']);
    expect(await fieldWarning(page, 'project-reserved')).toContain('1500000');
    expect(await fieldWarning(page, 'project-small-micro')).toContain('900000');

    // The plan tags it, and 只看未达标 keeps it.
    await page.goto(`${base}/app/procurement/projects?short=true`);
    await page.getByTestId(`project-short-${id}`).waitFor({ timeout: 15_000 });
    await page.getByTestId(`project-link-${id}`).click();
    await page.getByTestId('project-page').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('project-requirement').getAttribute('data-mode')).toBe('share');
    expect(await page.locator('[data-testid="project-shortfall"][data-field="reservedAmount"]').count()).toBe(
      1,
    );

    // Made up to the least the rules require, and saved twice (each save sends the version it read): it meets them.
    await page.getByTestId('project-edit').click();
    await page.getByTestId('project-form').waitFor({ timeout: 15_000 });
    await page.getByTestId('project-fill-minimum').click();
    expect(await page.getByTestId('project-reserved').inputValue()).toBe('1500000');
    expect(await page.getByTestId('project-small-micro').inputValue()).toBe('900000');
    await page.getByTestId('project-live-meets').waitFor({ timeout: 10_000 });
    const version = Number(await page.getByTestId('project-form').getAttribute('data-version'));
    for (let save = 1; save <= 2; save++) {
      await page.getByTestId('project-submit').click();
      await expect
        .poll(() => page.getByTestId('project-form').getAttribute('data-version'), { timeout: 15_000 })
        .toBe(String(version + save));
      expect(await page.getByTestId('project-saved').getAttribute('class')).toContain('success');
    }
    expect(await page.locator('[data-testid="project-shortfall"]').count()).toBe(0);
  });

  it('names a flagged declaration’s finding in the buyer’s awards', async () => {
    await page.goto(`${base}/app/procurement/awards?flagged=true`);
    await page.getByTestId('awards-table').waitFor({ timeout: 15_000 });
    // The demo's medium supplier declared itself small: the size standard flags it.
    const link = page.locator('[data-testid^="award-link-"]').first();
    await link.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid^="award-link-"]').count()).toBe(1);
    await link.click();
    await page.getByTestId('award-page').waitFor({ timeout: 15_000 });
    const finding = page.locator('[data-testid="finding"]').first();
    await finding.waitFor({ timeout: 15_000 });
    expect(await finding.textContent()).toMatch(/[\u4e00-\u9fa5]/);
    expect(await page.getByTestId('declaration-flag').first().getAttribute('data-flag')).toBeTruthy();
  });

  it('shows a supervising official the region’s shares: each body against the lines, its grade and the chart', async () => {
    await signIn(page, base, 'official.county');
    await page.getByTestId('nav-group-procurement').click();
    await page.getByRole('menuitem', { name: '中小企业份额' }).click();
    await page.waitForURL(/\/app\/procurement\/shares/, { timeout: 10_000 });
    const row = page.locator('[data-testid="shares-body"]', { hasText: bodyName });
    await row.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('shares-grade-method').textContent()).toContain('SBA');
    expect(await page.getByTestId('shares-totals').textContent()).toContain('%');
    expect(['true', 'false']).toContain(await row.getAttribute('data-below'));
    await page.getByTestId('shares-chart').waitFor({ timeout: 15_000 });
    // Beside each body's shares, the part resting on flagged declarations; the rule stated with its number.
    expect(await row.getByTestId('shares-flagged').count()).toBe(1);
    expect(await page.getByTestId('shares-flagged-note').textContent()).toContain('财库〔2020〕46号');
    expect(await page.getByTestId('shares-flagged-total').textContent()).toContain('声明函');
    // Only the bodies below a line: the count above says how many there are.
    const below = Number(await page.getByTestId('shares-below-count').getAttribute('data-value'));
    await page.getByTestId('shares-below').click();
    await expect
      .poll(() => page.locator('[data-testid="shares-body"]').count(), { timeout: 10_000 })
      .toBe(below);
    // The download asks for what the page shows: the year and only the bodies below a line.
    const [exported] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/procurement/shares/export', {
        timeout: 15_000,
      }),
      page.getByTestId('shares-export-xlsx').click(),
    ]);
    expect(exported.status()).toBe(200);
    const asked = new URL(exported.url()).searchParams;
    expect(asked.get('below')).toBe('true');
    expect(asked.get('format')).toBe('xlsx');
  });

  it('lets a supervising official recheck a year’s declarations: the run followed, its result by body linking the newly flagged award, earlier runs listed', async () => {
    // The registry learns other figures of last year for the demo's small supplier, whose declaration agreed.
    const official = await apiSession(base, 'official.county');
    const admin = await apiSession(base, 'admin');
    const year = Number(new Date().toISOString().slice(0, 4));
    const list = (await (
      await fetch(`${base}/api/procurement/awards?year=${year}&pageSize=50`, {
        headers: { cookie: official.cookie },
      })
    ).json()) as {
      items: { id: number; enterpriseId: number | null; flags: string[]; declarationCount: number }[];
    };
    const agreed = list.items.find((a) => a.flags.length === 0 && a.declarationCount > 0 && a.enterpriseId);
    if (!agreed) throw new Error('the demo has no award whose declaration agreed');
    const award = (await (
      await fetch(`${base}/api/procurement/awards/${agreed.id}`, { headers: { cookie: official.cookie } })
    ).json()) as { declarations: { figuresYear: number }[] };
    const figuresYear = award.declarations[0]?.figuresYear ?? year - 1;
    await apiCall(base, admin, 'PUT', `/api/enterprises/${agreed.enterpriseId}/figures/${figuresYear}`, {
      employees: 5000,
      operatingRevenue: 500000,
      totalAssets: 500000,
    });

    await signIn(page, base, 'official.county');
    await page.getByTestId('nav-group-procurement').click();
    await page.getByRole('menuitem', { name: '声明函复核' }).click();
    await page.waitForURL(/\/app\/procurement\/recheck/, { timeout: 10_000 });
    expect(await page.getByTestId('page-title').textContent()).toBe('声明函复核');
    await page.getByTestId('recheck-start').click();
    await page.waitForURL(/\?run=\d+/, { timeout: 10_000 });
    const run = page.getByTestId('recheck-run');
    await run.waitFor({ timeout: 15_000 });
    // Followed until it is done (the job runner takes it within seconds).
    await expect.poll(() => run.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
    expect(
      Number(await page.getByTestId('recheck-checked').locator('.ant-statistic-content-value').textContent()),
    ).toBeGreaterThanOrEqual(2);
    expect(
      await page.getByTestId('recheck-newly-flagged').locator('.ant-statistic-content-value').textContent(),
    ).toBe('1');
    const bodies = page.getByTestId('recheck-bodies');
    expect(await bodies.textContent()).toContain(bodyName);
    // The run is listed among the earlier ones.
    const runId = Number(await run.getAttribute('data-run'));
    await page.getByTestId(`recheck-open-${runId}`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(`recheck-started-by-${runId}`).textContent()).toBe('official.county');
    // The newly flagged award opens from the result, showing the size its check used and when.
    await bodies.getByTestId('recheck-award-link').first().click();
    await page.waitForURL(new RegExp(`/app/procurement/awards/${agreed.id}$`), { timeout: 10_000 });
    await page.getByTestId('award-page').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('award-registry-size').textContent()).toContain('大型');
    expect(await page.getByTestId('award-registry-when').textContent()).toContain(`${figuresYear} 年数据`);
    expect(await page.getByTestId('declaration-flag').first().getAttribute('data-flag')).toBe(
      'figures_differ',
    );
  });

  it('filters an official’s awards by a region under theirs, kept in the address', async () => {
    const [listed] = await Promise.all([
      page.waitForResponse(
        (r) =>
          new URL(r.url()).pathname === '/api/procurement/awards' &&
          new URL(r.url()).searchParams.get('regionCode') === '320583',
        { timeout: 15_000 },
      ),
      page.goto(`${base}/app/procurement/awards?regionCode=320583`),
    ]);
    expect(listed.status()).toBe(200);
    await page.locator('[data-testid^="award-link-"]').first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('awards-region').textContent(), { timeout: 15_000 })
      .toContain('昆山');
  });
  it('lets a buyer correct an award: the form filled with it, a reason asked, the corrected award shown', async () => {
    const demo = await apiSession(base, 'buyer');
    const awards = (await (
      await fetch(`${base}/api/procurement/awards?pageSize=50`, { headers: { cookie: demo.cookie } })
    ).json()) as {
      items: {
        id: number;
        amount: string;
        declaredSize: string | null;
        role: string;
        source: string;
        version: number;
        supplierUscc: string | null;
        supplierName: string;
      }[];
    };
    const small = awards.items.find(
      (a) => a.declaredSize === 'small' && a.role === 'single' && a.source === 'huiqi' && a.supplierUscc,
    );
    if (!small) throw new Error('the demo has no small single winner recorded in Huiqi');
    await signIn(page, base, 'buyer');
    await page.goto(`${base}/app/procurement/awards/${small.id}`);
    await page.getByTestId('award-page').waitFor({ timeout: 15_000 });
    await page.getByTestId('award-correct').click();
    await page.getByTestId('award-drawer').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('award-amount').inputValue()).toBe(small.amount);
    // The supplier's name emptied and its USCC typed again: the registry's name fills it and is shown beside it.
    await page.getByTestId('award-supplier').fill('');
    await page.getByTestId('award-uscc').fill('');
    await page.getByTestId('award-uscc').fill(small.supplierUscc ?? '');
    await page.getByTestId('award-supplier-registry').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('award-supplier').inputValue(), { timeout: 10_000 })
      .toBe(small.supplierName);
    const amount = String(Number(small.amount) + 1000);
    await page.getByTestId('award-amount').fill(amount);
    // No reason: refused in the form, nothing sent.
    await page.getByTestId('award-submit').click();
    expect(await fieldError(page, 'award-reason')).toContain('必填');
    await page.getByTestId('award-reason').fill('合同金额登记有误');
    await page.getByTestId('award-submit').click();
    await page.getByTestId('award-corrected').waitFor({ timeout: 15_000 });
    const corrected = (await (
      await fetch(`${base}/api/procurement/awards/${small.id}`, { headers: { cookie: demo.cookie } })
    ).json()) as { amount: string; version: number };
    expect(corrected).toMatchObject({ amount, version: small.version + 1 });
  });
  it('lets a buyer withdraw an award recorded in error, saying why, and returns to its project', async () => {
    const demo = await apiSession(base, 'buyer');
    const awards = (await (
      await fetch(`${base}/api/procurement/awards?pageSize=50`, { headers: { cookie: demo.cookie } })
    ).json()) as {
      items: { id: number; projectId: number | null; declaredSize: string | null; source: string }[];
    };
    const large = awards.items.find((a) => a.declaredSize === 'large' && a.source === 'huiqi');
    if (!large) throw new Error('the demo has no large winner');
    await signIn(page, base, 'buyer');
    await page.goto(`${base}/app/procurement/awards/${large.id}`);
    await page.getByTestId('award-page').waitFor({ timeout: 15_000 });
    await page.getByTestId('award-withdraw').click();
    const ok = page.locator('.ant-modal-footer .ant-btn-primary');
    await ok.waitFor({ timeout: 10_000 });
    expect(await ok.isDisabled()).toBe(true);
    await page.getByTestId('award-withdraw-reason').fill('中标供应商登记错误，已重新登记');
    await ok.click();
    await page.waitForURL(new RegExp(`/app/procurement/projects/${large.projectId}$`), { timeout: 15_000 });
    const gone = await fetch(`${base}/api/procurement/awards/${large.id}`, {
      headers: { cookie: demo.cookie },
    });
    expect(gone.status).toBe(404);
  });
  it('reads a published annual report on a phone: the chart’s panels stacked, the not-suited table scrolled, not squeezed', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${base}/procurement/reports`);
      const link = page.getByTestId('public-report-link').first();
      await link.waitFor({ timeout: 15_000 });
      await link.click();
      await page.getByTestId('report-view').waitFor({ timeout: 15_000 });
      const box = page.getByTestId('report-chart-box');
      await box.waitFor({ timeout: 15_000 });
      expect(await box.getAttribute('data-layout')).toBe('narrow');
      await page.getByTestId('report-chart').waitFor({ timeout: 15_000 });
      // The stacked chart is taller than the side-by-side one (300 px) and no wider than the screen.
      const chart = await page.getByTestId('report-chart').boundingBox();
      expect(chart?.height ?? 0).toBeGreaterThan(300);
      expect(chart?.width ?? 999).toBeLessThanOrEqual(390);
      // The not-suited table keeps its columns' widths and scrolls: a reason's header is one line, not a
      // character a line.
      const table = page.getByTestId('report-not-suited');
      await table.waitFor({ timeout: 15_000 });
      const header = table.locator('thead th').last();
      const headerBox = await header.boundingBox();
      expect(headerBox?.width ?? 0).toBeGreaterThan(150);
      expect(headerBox?.height ?? 999).toBeLessThan(60);
      const nameCell = table.locator('tbody tr').first().locator('td').nth(1);
      expect((await nameCell.boundingBox())?.width ?? 0).toBeGreaterThan(150);
      // The page itself does not scroll sideways: only the table does.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/procurement-report-phone.png`, fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });
});
