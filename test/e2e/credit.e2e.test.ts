/**
 * Credit information (issue 14) in a browser, as its users walk it: the demo enterprise declares its tax paid under
 * the credit commitment and objects to the record (the form says where the answer's time limit comes from); the demo
 * bank asks it for consent with the evaluation (an unknown USCC refused on the field), the enterprise authorises, the
 * bank reads the report (sources and features by name, the evaluation's data of categories not consented withheld in
 * words) and asks the check-only questions the consent allows; the enterprise sees each look in its access log, downloads the receipt and
 * revokes, after which the bank's report is refused in words; the county official exports the queue, opens the
 * enterprise's records from it, rejects the objection in writing and then accepts a second one with a correction
 * (the old record stays in the history); the enterprise grants a check-only consent on its own initiative, which the
 * bank uses; an admin adds a dated figure.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/shared/today.ts';
import { apiCookie, type BrowserRig, fillNumber, signIn, startRig } from './browser.ts';

/** Chooses the option `text` of the antd Select found by its test id. */
async function choose(page: Page, testId: string, text: string, { search = false } = {}): Promise<void> {
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(text);
  const option = page.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
    {
      hasText: text,
    },
  );
  await option.first().waitFor({ timeout: 10_000 });
  await option.first().dispatchEvent('click');
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => undefined);
}

/** The value of a data attribute on the first element of a test id. */
async function attribute(page: Page, testId: string, name: string): Promise<string | null> {
  return page.getByTestId(testId).first().getAttribute(name);
}

describe('credit information in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let uscc = '';
  let recordId = 0;
  let consentId = 0;
  let checkConsentId = 0;
  let enterpriseId = 0;
  let enterpriseName = '';
  const title = '2025年度纳税额（自主填报）';
  const corrected = '2025年度纳税额（更正）';

  beforeAll(async () => {
    rig = await startRig();
    base = rig.server.url;
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    const cookie = await apiCookie(base, 'enterprise');
    const mine = (await (await fetch(`${base}/api/my/enterprise`, { headers: { cookie } })).json()) as {
      id: number;
      uscc: string;
      name: string;
    };
    uscc = mine.uscc;
    enterpriseId = mine.id;
    enterpriseName = mine.name;
  });
  afterAll(() => rig?.close());

  it('the enterprise opens 信用信息 from its menu and declares its tax paid under the credit commitment', async () => {
    await signIn(page, base, 'enterprise');
    await page.locator('.ant-menu').getByText('信用信息').first().click();
    await page.waitForURL((url) => url.pathname === '/app/credit-records', { timeout: 10_000 });
    await page.getByTestId('credit-records-table').waitFor({ timeout: 15_000 });

    await page.getByTestId('declare-open').click();
    await page.getByTestId('declare-form').waitFor({ timeout: 10_000 });
    await choose(page, 'declare-category', '纳税');
    await choose(page, 'declare-item', '年度纳税额');
    await page.getByTestId('declare-title').fill(title);
    await fillNumber(page, 'declare-number', '120');
    const taxBefore = Number((await attribute(page, 'records-category-tax', 'data-count')) ?? 0);
    expect(await page.getByTestId('declare-commitment-text').textContent()).toContain(
      '本企业承诺所填报信息真实',
    );
    // Without the commitment ticked the form says so and sends nothing.
    await page.getByTestId('declare-submit').click();
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '请勾选信用承诺' })
      .waitFor({ timeout: 10_000 });
    await page.getByTestId('declare-commitment').check();
    await page.getByTestId('declare-submit').click();
    await page.getByTestId('declare-form').waitFor({ state: 'detached', timeout: 15_000 });

    const row = page.getByTestId('credit-record').filter({ hasText: title });
    await row.waitFor({ timeout: 15_000 });
    recordId = Number(await row.getAttribute('data-record-id'));
    expect(recordId).toBeGreaterThan(0);
    expect(await row.getByTestId('record-self-declared').count()).toBe(1);
    expect(await row.getByTestId('record-published').count()).toBe(1);
    expect(await row.textContent()).toContain('120万元');
    // Its source is the enterprise's own declaration; the departments' records name their department, not its code.
    expect(await row.textContent()).toContain('企业自主填报');
    const table = (await page.getByTestId('credit-records-table').textContent()) ?? '';
    expect(table).not.toMatch(/\b(samr|sat|mohrss|miit|ndrc|pbc|gacc|mee|nbs|cnipa|mofcom|sme)\b/);
    // One more tax record than the departments' files of the demo gave.
    expect(Number(await attribute(page, 'records-category-tax', 'data-count'))).toBe(taxBefore + 1);
  });

  it('objects to the record; the form says where the time limit comes from, and the record shows disputed', async () => {
    await page.getByTestId(`object-${recordId}`).click();
    const limit = page.getByTestId('objection-limit');
    await limit.waitFor({ timeout: 10_000 });
    await expect.poll(() => limit.textContent(), { timeout: 10_000 }).toMatch(/依据/);
    await page.getByTestId('objection-reason').fill('纳税额应为 150 万元，填报时少算了第四季度。');
    await page.getByTestId('objection-submit').click();
    await limit.waitFor({ state: 'detached', timeout: 15_000 });
    const row = page.getByTestId('credit-record').filter({ hasText: title });
    await row.getByTestId('record-disputed').waitFor({ timeout: 15_000 });

    await page.getByRole('tab', { name: '异议与修复' }).click();
    const objection = page.getByTestId('my-objection').first();
    await objection.waitFor({ timeout: 15_000 });
    expect(await objection.getAttribute('data-state')).toBe('open');
    expect(await objection.textContent()).toContain('等待答复');
  });

  it('the bank asks for consent with the evaluation: an unknown USCC is refused on the field, the enterprise’s is sent', async () => {
    await signIn(page, base, 'bank');
    await page.locator('.ant-menu').getByText('企业信用查询').first().click();
    await page.waitForURL((url) => url.pathname === '/app/bank/credit', { timeout: 10_000 });
    await page.getByTestId('consents-table').waitFor({ timeout: 15_000 });

    await page.getByTestId('request-open').click();
    await page.getByTestId('request-uscc').fill('91320583MA1ZZZZZ9X');
    await page.getByTestId('request-categories').getByText('纳税').click();
    await page.getByTestId('request-categories').getByText('行政处罚').click();
    await page.getByTestId('request-score').click();
    await page.getByTestId('request-purpose').fill('流动资金贷款审批');
    expect(await page.getByTestId('request-limit').textContent()).toContain('最长至');
    await page.getByTestId('request-submit').click();
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '统一社会信用代码' })
      .waitFor({ timeout: 15_000 });
    // A code whose check character is wrong is said so, not "not in the registry".
    await page.getByTestId('request-uscc').fill('91320583EXFKH31U1X');
    await page.getByTestId('request-submit').click();
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '校验位不正确' })
      .waitFor({ timeout: 15_000 });

    await page.getByTestId('request-uscc').fill(uscc);
    await page.getByTestId('request-submit').click();
    await page.getByTestId('request-uscc').waitFor({ state: 'detached', timeout: 15_000 });
    const row = page.locator('[data-testid="consent-row"][data-status="awaiting"]').first();
    await row.waitFor({ timeout: 15_000 });
    consentId = Number(await row.getAttribute('data-consent-id'));
    expect(await row.textContent()).toContain('流动资金贷款审批');
  });

  it('the enterprise is told of the request, authorises it with its signer, and the consent is live', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/credit-records`);
    await page.getByTestId('consent-requests-alert').waitFor({ timeout: 15_000 });
    await page.getByTestId('consent-requests-alert').getByRole('button').click();
    await page.getByTestId('consent-requests').waitFor({ timeout: 15_000 });
    // A request not yet authorised has no receipt to download.
    await page.getByTestId(`authorise-${consentId}`).first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(`receipt-${consentId}`).count()).toBe(0);
    await page.getByTestId(`authorise-${consentId}`).first().click();
    await page.getByTestId('authorise-signer').fill('张三');
    await page.getByTestId('authorise-submit').click();
    await page.getByTestId('authorise-signer').waitFor({ state: 'detached', timeout: 15_000 });
    const row = page.locator(`[data-testid="consent-row"][data-consent-id="${consentId}"]`).first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('authorised');
    expect(await row.textContent()).toContain('张三');
    await row.getByTestId(`receipt-${consentId}`).waitFor({ timeout: 15_000 });
    // The request left the list of those awaiting the enterprise (the demo's own request may still be there).
    expect(await page.getByTestId(`authorise-${consentId}`).count()).toBe(0);
  });

  it('the enterprise’s 信用评价 page is its own: title, what the evaluation is, and 刷新', async () => {
    await page.locator('.ant-menu').getByText('信用评价').first().click();
    await page.waitForURL((url) => url.pathname === '/app/my-credit', { timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId('page-title').textContent(), { timeout: 15_000 })
      .toBe('信用评价');
    const intro = (await page.getByTestId('page-intro').textContent()) ?? '';
    expect(intro).toContain('评分卡');
    expect(intro).toContain('授权');
    expect(await page.getByRole('button', { name: /刷\s*新/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);
  });

  it('the bank opens the report (the declared record, sources named, the evaluation explained) and asks the check-only questions the consent allows: 是, 否', async () => {
    await signIn(page, base, 'bank');
    await page.goto(`${base}/app/bank/credit`);
    await page.getByTestId(`open-consent-${consentId}`).click();
    await page.waitForURL((url) => url.pathname === `/app/bank/credit/${enterpriseId}/${consentId}`, {
      timeout: 10_000,
    });
    await page.getByTestId('credit-report').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('credit-report').textContent()).toContain('流动资金贷款审批');
    await page.getByTestId('credit-record').filter({ hasText: title }).waitFor({ timeout: 15_000 });
    // The departments' files are named by department, not by code.
    const records = (await page.getByTestId('credit-records-table').textContent()) ?? '';
    expect(records).toContain('税务部门');
    expect(records).not.toMatch(/\bsat\b|\bsamr\b/);

    // The evaluation, feature by feature: the data behind a category consented (tax) shown with its department,
    // that of one not consented (social insurance) withheld in words.
    const explanation = page.getByTestId('score-explanation');
    await explanation.waitFor({ timeout: 15_000 });
    const tax = page.locator('[data-testid="score-item"][data-source="tax"]');
    expect(await tax.count()).toBeGreaterThan(0);
    expect(await tax.getByTestId('score-evidence-withheld').count()).toBe(0);
    expect(await tax.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('税务部门')]),
    );
    // The declared amount with its unit.
    expect(await tax.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('120万元')]));
    const social = page.locator('[data-testid="score-item"][data-source="social_insurance"]').first();
    expect(await social.getByTestId('score-evidence-withheld').textContent()).toContain(
      '企业未授权“社会保险”：不显示数据',
    );
    // Nor its value or points: they would tell the data too.
    expect(await social.getByTestId('score-points-withheld').count()).toBe(1);
    expect(await social.getByTestId('score-points').count()).toBe(0);
    expect(await explanation.textContent()).not.toContain('mohrss');

    // Tax paid this year: 120 declared, so at least 100 is yes and at least 200 is no.
    await fillNumber(page, 'check-year', todayInChina().slice(0, 4));
    await fillNumber(page, 'check-amount', '100');
    await page.getByTestId('check-ask-tax_paid_at_least').click();
    const answer = page.getByTestId('check-answer-tax_paid_at_least');
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.getAttribute('data-answer')).toBe('true');
    expect((await answer.textContent())?.trim()).toBe('是');
    await fillNumber(page, 'check-amount', '200');
    await page.getByTestId('check-ask-tax_paid_at_least').click();
    await expect.poll(() => answer.getAttribute('data-answer'), { timeout: 15_000 }).toBe('false');
    expect((await answer.textContent())?.trim()).toBe('否');

    // Only the questions of the consented categories (tax, penalties) are offered; the rest are named as needing consent.
    expect(await page.getByTestId('check-ask-no_penalty_since').count()).toBe(1);
    expect(await page.getByTestId('check-ask-no_dishonesty').count()).toBe(0);
    expect(await page.getByTestId('check-ask-social_insurance_months_at_least').count()).toBe(0);
    expect(await page.getByTestId('checks-not-consented').textContent()).toContain('严重失信主体名单');
  });

  it('the enterprise sees every look in its access log, downloads the receipt and revokes the consent', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/credit-records?tab=log`);
    await page.getByTestId('access-log-table').waitFor({ timeout: 15_000 });
    // The report and the two checks under this consent (the demo's own looks are there too).
    await expect
      .poll(() => page.getByTestId('access-log-row').filter({ hasText: '流动资金贷款审批' }).count(), {
        timeout: 15_000,
      })
      .toBe(3);
    const log = (await page.getByTestId('access-log-table').textContent()) ?? '';
    expect(log).toContain('信用报告');
    expect(log).toContain('年纳税额不少于 100万元');

    await page.goto(`${base}/app/credit-records?tab=consents`);
    const row = page.locator(`[data-testid="consent-row"][data-consent-id="${consentId}"]`).first();
    await row.waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`receipt-${consentId}`).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe(`consent-receipt-${consentId}.json`);

    await page.getByTestId(`revoke-${consentId}`).first().click();
    await page.getByTestId('revoke-confirm').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('revoked');
  });

  it('after revocation the bank’s report is refused in words, not a crash', async () => {
    await signIn(page, base, 'bank');
    await page.goto(`${base}/app/bank/credit/${enterpriseId}/${consentId}`);
    const refused = page.getByTestId('report-refused');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.getAttribute('data-code')).toBe('CONSENT_NOT_LIVE');
    expect(await refused.textContent()).toContain('企业已撤回该授权');
    // One message, and nothing to ask under it.
    expect(await page.getByTestId('report-refused').count()).toBe(1);
    expect(await page.getByTestId('credit-checks').count()).toBe(0);
    expect(await page.getByTestId('credit-report').count()).toBe(0);
    expect(await page.getByTestId('page-title').textContent()).toBe(enterpriseName);

    // A consent that does not exist: one message, nothing else.
    await page.goto(`${base}/app/bank/credit/${enterpriseId}/999999`);
    await page.getByTestId('report-refused').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('report-refused').getAttribute('data-code')).toBe('NOT_FOUND');
    expect(await page.getByTestId('report-refused').count()).toBe(1);
    expect(await page.getByTestId('credit-checks').count()).toBe(0);
  });

  it('the county official exports the queue and answers the objection from it; the enterprise reads the written answer', async () => {
    await signIn(page, base, 'official.county');
    // Two entries of the menu, each with its own name and a page titled alike.
    const menu = page.locator('.ant-menu');
    await menu.getByText('信用信息覆盖', { exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === '/app/credit/coverage', { timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId('page-title').textContent(), { timeout: 15_000 })
      .toBe('信用信息覆盖情况');
    await menu.getByText('信用信息管理', { exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === '/app/credit-admin', { timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId('page-title').textContent(), { timeout: 15_000 })
      .toBe('信用信息管理');
    expect(await menu.getByText('信用信息', { exact: true }).count()).toBe(0);
    const row = page.getByTestId('queue-row').filter({ hasText: title });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-state')).toBe('open');
    expect(await row.textContent()).toContain('企业自主填报');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('queue-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(readFileSync((await download.path()) as string, 'utf8')).toContain(title);

    // The enterprise's records, from the queue.
    await row.getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname === `/app/credit-admin/enterprises/${enterpriseId}`, {
      timeout: 10_000,
    });
    await page.getByTestId('credit-record').filter({ hasText: title }).waitFor({ timeout: 15_000 });
    await page.goBack();

    await page.getByTestId('queue-row').filter({ hasText: title }).getByRole('button').click();
    await page.getByTestId('answer-decision').getByText('不予采纳').click();
    await page.getByTestId('answer-text').fill('经核对税务部门数据，填报数额无误，不予更正。');
    await page.getByTestId('answer-submit').click();
    await page.getByTestId('answer-text').waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('queue-row').filter({ hasText: title }).getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('rejected');

    await page.getByRole('tab', { name: '统计' }).click();
    await page.getByTestId('credit-stats').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => attribute(page, 'stats-objections-answered', 'data-value'), { timeout: 15_000 })
      .toBe('1');
    // Grades by industry name the GB/T 4754 section beside its letter.
    await page.getByTestId('stats-grades').scrollIntoViewIfNeeded();
    const sections = await page.getByTestId('grade-section').allTextContents();
    for (const section of sections) expect(section).toMatch(/^[A-T] \S+|^—$/);
    expect(sections.some((section) => /^[A-T] /.test(section))).toBe(true);

    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/credit-records?tab=objections`);
    const answer = page.getByTestId('objection-answer').first();
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.textContent()).toContain('填报数额无误');
  });

  it('the enterprise objects again; the official accepts with a correction, asked on its field for the number', async () => {
    await page.goto(`${base}/app/credit-records`);
    await page.getByTestId(`object-${recordId}`).click();
    await page.getByTestId('objection-reason').fill('税务部门出具的完税证明为 150 万元，附证明。');
    await page.getByTestId('objection-submit').click();
    await page.getByTestId('objection-reason').waitFor({ state: 'detached', timeout: 15_000 });

    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/credit-admin?state=open`);
    const row = page.locator('[data-testid="queue-row"][data-state="open"]').filter({ hasText: title });
    await row.waitFor({ timeout: 15_000 });
    await row.getByRole('button').click();
    await page.getByTestId('answer-correct').click();
    await page.getByTestId('answer-correction-title').fill(corrected);
    await page.getByTestId('answer-text').fill('经核对完税证明，采纳异议，更正为 150 万元。');
    // A tax paid needs its number: the server says so on the field.
    await page.getByTestId('answer-submit').click();
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '须填写数值' })
      .waitFor({ timeout: 15_000 });
    await fillNumber(page, 'answer-correction-number', '150');
    await page.getByTestId('answer-submit').click();
    await page.getByTestId('answer-text').waitFor({ state: 'detached', timeout: 15_000 });

    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/credit-records`);
    const current = page.getByTestId('credit-record').filter({ hasText: corrected });
    await current.waitFor({ timeout: 15_000 });
    expect(await current.getByTestId('record-correction').count()).toBe(1);
    expect(await current.textContent()).toContain('150万元');
    expect(await page.getByTestId('credit-record').filter({ hasText: title }).count()).toBe(0);
    // The history shows the record the correction replaced.
    await page.getByTestId('records-history').click();
    const old = page.getByTestId('credit-record').filter({ hasText: title });
    await old.waitFor({ timeout: 15_000 });
    expect(await old.getByTestId('record-status').getAttribute('data-status')).toBe('superseded');
  });

  it('the enterprise grants a check-only consent on its own initiative, naming the bank found by name', async () => {
    await page.goto(`${base}/app/credit-records?tab=consents`);
    await page.getByTestId('grant-open').click();
    await choose(page, 'grant-bank', '农村商业银行', { search: true });
    await page.getByTestId('grant-scope').getByText('仅核查').click();
    await page.getByTestId('grant-categories').getByText('纳税').click();
    await page.getByTestId('grant-purpose').fill('贷后检查');
    expect(await page.getByTestId('grant-limit').textContent()).toContain('365');
    await page.getByTestId('grant-signer').fill('李四');
    await page.getByTestId('grant-submit').click();
    await page.getByTestId('grant-signer').waitFor({ state: 'detached', timeout: 15_000 });
    const row = page
      .locator('[data-testid="consent-row"][data-status="authorised"]')
      .filter({ hasText: '贷后检查' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('企业主动授权');
    expect(await row.textContent()).toContain('仅核查');
    checkConsentId = Number(await row.getAttribute('data-consent-id'));
  });

  it('the bank opens the check-only consent: no report is asked for, the questions answer', async () => {
    await signIn(page, base, 'bank');
    await page.goto(`${base}/app/bank/credit`);
    await page.getByTestId(`open-consent-${checkConsentId}`).click();
    await page.getByTestId('check-only-consent').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('check-only-consent').textContent()).toContain('贷后检查');
    expect(await page.getByTestId('report-refused').count()).toBe(0);
    expect(await page.getByTestId('page-title').textContent()).toBe(enterpriseName);
    // Tax only: its two questions, none of the others.
    await page.getByTestId('credit-checks').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('check-ask-tax_grade_at_least').count()).toBe(1);
    expect(await page.getByTestId('check-ask-tax_paid_at_least').count()).toBe(1);
    expect(await page.getByTestId('check-ask-no_penalty_since').count()).toBe(0);
    expect(await page.getByTestId('check-ask-no_dishonesty').count()).toBe(0);
    // The corrected record says 150.
    await fillNumber(page, 'check-year', todayInChina().slice(0, 4));
    await fillNumber(page, 'check-amount', '150');
    await page.getByTestId('check-ask-tax_paid_at_least').click();
    const answer = page.getByTestId('check-answer-tax_paid_at_least');
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.getAttribute('data-answer')).toBe('true');
  });

  it('the dated figures are listed with their basis and the 待核实 mark; an admin adds a dated row', async () => {
    await signIn(page, base, 'admin');
    await page.goto(`${base}/app/credit-admin?tab=settings`);
    await page.getByTestId('settings-table').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('setting-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await page.getByTestId('setting-row').count();

    await page.getByTestId('setting-add').click();
    await choose(page, 'setting-key', 'objection_answer_days');
    await fillNumber(page, 'setting-value', '15');
    await page.getByTestId('setting-basis').fill('测试：某市信用修复办法第十条');
    await page.getByTestId('setting-submit').click();
    await page.getByTestId('setting-basis').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.getByTestId('setting-row').count(), { timeout: 15_000 }).toBe(before + 1);
    expect(await page.getByTestId('settings-table').textContent()).toContain('测试：某市信用修复办法第十条');
    expect(await page.getByTestId('setting-unverified').count()).toBeGreaterThan(0);
  });

  it('in English the officials’ entries and their pages read Credit coverage and Credit administration', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/credit-admin?tab=stats`);
    await page.getByTestId('lang-switch').click();
    try {
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, {
        timeout: 10_000,
      });
      const menu = page.locator('.ant-menu');
      await menu.getByText('Credit administration', { exact: true }).first().waitFor({ timeout: 15_000 });
      expect(await menu.getByText('Credit coverage', { exact: true }).count()).toBe(1);
      expect(await page.getByTestId('page-title').textContent()).toBe('Credit administration');
      await page.getByTestId('credit-stats').waitFor({ timeout: 15_000 });
      await expect
        .poll(() => page.getByTestId('grade-section').allTextContents(), { timeout: 15_000 })
        .toContainEqual(expect.stringMatching(/^[A-T] [A-Z][a-z]/));
    } finally {
      // The switch is the official's preference: back to Chinese for whatever runs next.
      if ((await page.evaluate(() => document.documentElement.lang)) === 'en')
        await page.getByTestId('lang-switch').click();
    }
  });
});
