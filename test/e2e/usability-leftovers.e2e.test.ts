/**
 * Issue 12's leftovers in a browser at 1440 × 900 on a fresh start with demo data: the deadline's legal basis in
 * English for English readers; the debtor body offered only the answers it may give, and the one offered succeeds;
 * the supervision dashboard's figures over a period open exactly the cases they count; /policies/abc says the
 * policy is missing; the calculator, the complaint and its amendment ask for the claim with the same fields.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/reference/calendar.ts';
import { OPEN_STATES } from '../../src/server/modules/cases/index.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { apiCall, apiSession, type BrowserRig, signIn, startRig } from './browser.ts';

/** The ids of the rows the case queue shows, once it has loaded. */
async function queueIds(page: Page): Promise<number[]> {
  await page.getByTestId('case-queue-table').waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('.ant-table .ant-spin-spinning'), undefined, {
    timeout: 15_000,
  });
  return page
    .locator('[data-testid^="case-link-"]')
    .evaluateAll((links) =>
      links.map((a) => Number(a.getAttribute('data-testid')?.replace('case-link-', ''))),
    );
}

/** A dashboard figure (KPI card) as a number. */
async function kpi(page: Page, id: string): Promise<number> {
  const content = page.locator(`[data-testid="supervision-kpi-${id}"] .ant-statistic-content`);
  await content.waitFor({ timeout: 15_000 });
  return Number((await content.textContent())?.replace(/[^\d]/g, ''));
}

describe('issue 12 leftovers in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base: string;
  /** Two open demo cases moved into April 2025: one within its deadline, one past it. */
  const april = { open: 0, overdue: 0 };
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    await page.setViewportSize({ width: 1440, height: 900 });
    base = rig.server.url;
    const open = await rig.server.db
      .selectFrom('cases')
      .select('id')
      .where('state', 'in', [...OPEN_STATES])
      .where('type', '=', 'demand')
      .orderBy('id')
      .limit(2)
      .execute();
    april.open = open[0]?.id ?? 0;
    april.overdue = open[1]?.id ?? 0;
    const move = (id: number, receivedOn: string, deadline: string) =>
      rig.server.db
        .updateTable('cases')
        .set({ received_on: receivedOn, deadline })
        .where('id', '=', id)
        .execute();
    await move(april.open, '2025-04-07', addDays(todayInChina(), 30));
    await move(april.overdue, '2025-04-21', '2025-05-06');
    // Written around the case repository: the roll-ups are rebuilt from the cases.
    await sql`select case_stats_rebuild()`.execute(rig.server.db);
  });
  afterAll(() => rig?.close());

  /** Switches the signed-in user's language with the page's switch (saved to the account) and waits for it. */
  const switchLanguage = async (locale: 'zh-CN' | 'en') => {
    await page.getByTestId('lang-switch').first().click();
    await page.waitForFunction((value) => document.documentElement.lang === value, locale, {
      timeout: 10_000,
    });
  };

  it('opens from each dashboard figure over a period exactly the cases it counts', async () => {
    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/supervision?from=2025-04&to=2025-04`);
    const open = await kpi(page, 'open');
    const overdue = await kpi(page, 'overdue');
    expect([open, overdue]).toEqual([2, 1]);

    await page.getByTestId('supervision-open-link').click();
    await page.waitForURL(
      (url) => url.pathname === '/app/cases' && url.searchParams.get('from') === '2025-04',
    );
    expect((await queueIds(page)).sort()).toEqual([april.open, april.overdue].sort());
    expect(await page.getByTestId('case-queue-period').textContent()).toContain('2025-04');

    await page.goto(`${base}/app/supervision?from=2025-04&to=2025-04`);
    await page.getByTestId('supervision-overdue-link').click({ timeout: 15_000 });
    await page.waitForURL((url) => url.searchParams.get('overdue') === 'true');
    expect(await queueIds(page)).toEqual([april.overdue]);

    // Per region: the city's row counts the same cases its links open.
    await page.goto(`${base}/app/supervision?from=2025-04&to=2025-04`);
    const cityOpen = page.getByTestId('supervision-open-link-320500');
    await cityOpen.waitFor({ timeout: 15_000 });
    const cityCount = Number((await cityOpen.textContent())?.replace(/[^\d]/g, ''));
    await cityOpen.click();
    await page.waitForURL((url) => url.searchParams.get('region') === '320500');
    expect((await queueIds(page)).length).toBe(cityCount);
  }, 180_000);

  it('shows English readers the deadline’s legal basis in English', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/cases/${april.open}`);
    await page.getByTestId('deadline-basis').first().waitFor({ timeout: 15_000 });
    // A demand: its routing rule's limits, the complaint procedure's where the rule sets none.
    const chinese = (await page.getByTestId('deadline-basis').first().textContent()) ?? '';
    expect(chinese).toContain('受理部门的诉求分派规则');
    expect(chinese).toContain('《保障中小企业款项支付条例》');
    await switchLanguage('en');
    const basis = page.getByTestId('deadline-basis').first();
    await basis.waitFor({ timeout: 15_000 });
    const text = (await basis.textContent()) ?? '';
    expect(text).toContain(
      'Basis: the handling department’s routing rule for demands (where it sets no time limits: MIIT document',
    );
    expect(text).toContain('Regulations on Ensuring Payments to SMEs (2025 revision), Arts. 24, 25');
    expect(text).not.toContain('条例');
    expect(await basis.getAttribute('data-fallback')).toBe('false');
    await switchLanguage('zh-CN');
  }, 180_000);

  it('shows the calculator’s result to English readers in English: figures with their units, one rate, the regulation', async () => {
    await page.goto(
      `${base}/payment-calculator?debtorKind=government&signedOn=2025-02-10&basis=acceptance&deliveredOn=2025-02-28` +
        '&acceptedOn=2025-03-03&settledOn=2025-03-10&amount=1000000&asOf=2026-11-30',
    );
    await page.getByTestId('pay-regulation').waitFor({ timeout: 15_000 });
    await switchLanguage('en');
    const regulation = (await page.getByTestId('pay-regulation').textContent()) ?? '';
    expect(regulation).toMatch(/^Regulations on Ensuring Payments to SMEs \(State Council Decree No\. \d+/);
    expect(regulation).not.toMatch(/[\u4e00-\u9fff]/);
    const figures = (await page.locator('.ant-statistic-content').allTextContents()).join(' | ');
    expect(figures).toMatch(/\d\u00a0days/);
    expect(figures).toMatch(/\d\u00a0yuan/);
    const rate = page.getByTestId('pay-details').locator('tr', { hasText: 'Interest rate' });
    expect(((await rate.textContent()) ?? '').match(/0\.05% a day/g)).toHaveLength(1);
    await switchLanguage('zh-CN');
  }, 120_000);

  it('asks for the claim with the same fields in the calculator, the complaint and its amendment', async () => {
    const FIELDS = ['basis', 'delivered', 'term', 'rate', 'amount', 'disputed', 'add-payment'];
    const fieldsOf = async (prefix: string) => {
      const shown: string[] = [];
      for (const field of FIELDS)
        if ((await page.getByTestId(`${prefix}-${field}`).count()) > 0) shown.push(field);
      return shown;
    };
    await page.goto(`${base}/payment-calculator`);
    await page.getByTestId('pay-form').waitFor({ timeout: 15_000 });
    expect(await fieldsOf('pay')).toEqual(FIELDS);

    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my-cases`);
    await page.getByTestId('case-new-arrears').click({ timeout: 15_000 });
    await page.getByTestId('arrears-form').waitFor({ timeout: 15_000 });
    expect(await fieldsOf('arrears')).toEqual(FIELDS);
    await page.keyboard.press('Escape');

    await page.getByTestId('my-cases-table').waitFor({ timeout: 15_000 });
    await page
      .getByRole('link', { name: /拖欠账款/ })
      .first()
      .click();
    await page.getByTestId('case-action-amend_claim').click({ timeout: 15_000 });
    await page.getByTestId('amend-claim-form').waitFor({ timeout: 10_000 });
    expect(await fieldsOf('amend')).toEqual(FIELDS);
  }, 180_000);

  it('offers the debtor body only the answers it may give; the one offered succeeds', async () => {
    const official = await apiSession(base, 'official.county');
    const act = (id: number, body: Record<string, unknown>) =>
      apiCall<{ id: number; version: number }>(base, official, 'POST', `/api/cases/${id}/actions`, body);
    const queue = (await (
      await fetch(`${base}/api/cases?type=arrears`, { headers: { cookie: official.cookie } })
    ).json()) as { items: { id: number; state: string; contractNumber: string | null }[] };
    const complaint = queue.items.find((c) => c.contractNumber === 'KS-CG-2025-0418');
    if (!complaint) throw new Error('the demo complaint against the payer is missing');
    // The demo has the county accept it: the payer has it to answer.
    expect(complaint.state).toBe('accepted');

    await signIn(page, base, 'payer');
    await page.goto(`${base}/app/claims/${complaint.id}`);
    await page.getByTestId('claim-answers').waitFor({ timeout: 15_000 });
    const offered = async () =>
      page
        .locator('[data-testid^="claim-act-"]')
        .evaluateAll((buttons) =>
          buttons.map((b) => b.getAttribute('data-testid')?.replace('claim-act-', '')),
        );
    expect(await offered()).toEqual(['acknowledge', 'dispute', 'pay']);

    await page.getByTestId('claim-act-acknowledge').click();
    await page.getByTestId('claim-answer-submit').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="claim-position"]')?.getAttribute('data-position') ===
        'acknowledged',
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.getByTestId('claim-answer-error').count()).toBe(0);
    // Acknowledged once: no second 确认欠款.
    expect(await offered()).toEqual(['dispute', 'pay']);

    // After the written reply only a payment can still be recorded.
    let c = (await (
      await fetch(`${base}/api/cases/${complaint.id}`, { headers: { cookie: official.cookie } })
    ).json()) as { id: number; version: number };
    const me = (await (
      await fetch(`${base}/api/auth/me`, { headers: { cookie: official.cookie } })
    ).json()) as {
      user: { id: number };
    };
    c = await act(c.id, { action: 'assign', version: c.version, assigneeId: me.user.id });
    await act(c.id, { action: 'reply', version: c.version, note: '已书面答复' });
    await page.getByTestId('claim-reload').click();
    await page.getByTestId('claim-not-answerable').waitFor({ timeout: 15_000 });
    expect(await offered()).toEqual(['pay']);
  }, 180_000);

  it('says a policy whose address is no number is missing, with the way back to the library', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/policies/abc`);
    const missing = page.getByTestId('policy-missing');
    await missing.waitFor({ timeout: 15_000 });
    expect(await missing.textContent()).toContain('abc');
    expect(await page.getByTestId('policy-not-found').textContent()).toContain('abc');
    expect(await page.getByTestId('error-retry').count()).toBe(0);
    await page.getByTestId('error-back').click();
    await page.waitForURL((url) => url.pathname === '/policies', { timeout: 10_000 });
  });
});
