/**
 * Monitoring surveys and the SME development index (issue 16) in a browser, across its roles: the county official
 * designs a survey with an index question — saved without a direction, the server's error lands on that
 * question's direction — draws a panel (a sample above the frame is refused on the field, then the whole frame is
 * drawn, so the demo enterprise is in it) and opens a wave; the demo enterprise answers the questionnaire on a
 * phone-sized screen and submits; the official computes the wave, opens the development index's trace and walks it
 * down to a question's weighted counts, closes the wave (warned of the questionnaires still out and the deadline
 * not yet passed) and makes a release with its commentary; the city official reviews it and schedules it for now;
 * the public page lists the series and shows the chart, the commentary, the weights it used (the defaults, said to
 * be unverified) and the figures, a figure opening its trace. Everything the flow needs is made here (the demo
 * survey is not relied on).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/reference/calendar.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { apiCall, apiSession, type BrowserRig, fieldError, fillNumber, signIn, startRig } from './browser.ts';

const SHOTS = process.env.HUIQI_E2E_SHOTS;

/** Chooses the option `text` of the antd Select found by its test id. */
async function pick(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).first().click();
  const option = page.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
    {
      hasText: text,
    },
  );
  await option.first().waitFor({ timeout: 10_000 });
  await option.first().dispatchEvent('click');
}

/**
 * Four more panel members answer through the API (each an enterprise user the admin makes), so the wave's figures
 * reach the disclosure minimum and are published, not withheld.
 */
async function moreAnswers(base: string, waveId: number): Promise<void> {
  const official = await apiSession(base, 'official.county');
  const admin = await apiSession(base, 'admin');
  const pending = await apiCall<{ items: { enterpriseId: number }[] }>(
    base,
    official,
    'GET',
    `/api/monitoring/waves/${waveId}/responses?state=pending&pageSize=4`,
  );
  expect(pending.items.length).toBe(4);
  const password = 'Huiqi-E2e-Panel-2026';
  for (const [i, member] of pending.items.entries()) {
    const username = `e2e-panel-${waveId}-${i}`;
    await apiCall(base, admin, 'POST', '/api/admin/users', {
      username,
      displayName: `样本企业 ${i}`,
      password,
      role: 'enterprise',
      enterpriseId: member.enterpriseId,
    });
    const user = await apiSession(base, username, password);
    const form = await apiCall<{ version: number }>(base, user, 'GET', `/api/my/surveys/${waveId}`);
    await apiCall(base, user, 'POST', `/api/my/surveys/${waveId}/submit`, {
      answers: [{ questionCode: 'orders', level: i % 2 === 0 ? 'same' : 'down' }],
      version: form.version,
    });
  }
}

describe('monitoring surveys and the development index in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let surveyId = 0;
  let waveId = 0;
  let releaseId = 0;
  const code = `e2e${Date.now() % 100000}`;
  const name = `浏览器测试景气调查${code}`;
  const commentary = `本期指数由浏览器测试发布（${code}）。`;

  beforeAll(async () => {
    rig = await startRig();
    base = rig.server.url;
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
  });
  afterAll(() => rig?.close());

  it('the county official designs a survey: an index question without a direction is refused on that field', async () => {
    await signIn(page, base, 'official.county');
    // The monitoring pages share one submenu, 运行监测.
    await page.locator('.ant-menu').getByText('运行监测').first().click();
    await page.locator('.ant-menu').getByText('监测调查').first().click();
    await page.waitForURL((url) => url.pathname === '/app/monitoring/surveys', { timeout: 10_000 });
    await page.getByTestId('survey-new').click();
    await page.getByTestId('survey-design').waitFor({ timeout: 15_000 });
    await page.getByTestId('survey-code').fill(code);
    await page.getByTestId('survey-name-zh').fill(name);
    const row = page.locator('[data-testid="question-row"][data-index="0"]');
    await row.getByTestId('question-code').fill('orders');
    await row.getByTestId('question-text-zh').fill('本月新订单比上月');
    await pick(page, 'question-sub-index', '市场指数');
    await row.getByTestId('question-weight').fill('1');
    await page
      .locator('[data-testid="weight-sum"][data-sub-index="market"][data-sum="1"]')
      .waitFor({ timeout: 5_000 });

    const refused = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/monitoring/surveys' && r.request().method() === 'POST',
    );
    await page.getByTestId('survey-save').click();
    expect((await refused).status()).toBe(400);
    expect(await fieldError(page, 'question-direction')).toContain('方向');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-direction-error.png`, fullPage: true });

    await pick(page, 'question-direction', '正向');
    await page.getByTestId('survey-save').click();
    await page.waitForURL((url) => /^\/app\/monitoring\/surveys\/\d+$/.test(url.pathname), {
      timeout: 15_000,
    });
    surveyId = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(surveyId).toBeGreaterThan(0);
    await page.getByTestId('survey-tabs').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('page-title').textContent()).toContain(name);
  });

  it('draws a panel: a sample above the frame is refused on the field, then the whole frame is drawn', async () => {
    await page.getByRole('tab', { name: /样本/ }).click();
    await page.getByTestId('draw-form').waitFor({ timeout: 15_000 });
    // A size that is not a whole number of at least 1 is refused on the field as typed, never rounded into a draw.
    for (const typed of ['0', '-5', '2.5', 'abc']) {
      await fillNumber(page, 'draw-size', typed);
      await page.getByTestId('draw-submit').click();
      expect(await fieldError(page, 'draw-size')).toContain('1 至 1,000,000 之间的整数');
      expect(await page.getByTestId('draw-size').inputValue()).toBe(typed);
    }
    await fillNumber(page, 'draw-size', '999999');
    await page.getByTestId('draw-submit').click();
    // The field's words change from the last refusal to this one when the form has checked the new size.
    await expect.poll(() => fieldError(page, 'draw-size'), { timeout: 15_000 }).toContain('抽样框');
    const refused = await fieldError(page, 'draw-size');
    const frame = Number(/（(\d+)家）/.exec(refused)?.[1]);
    expect(frame).toBeGreaterThan(0);

    await fillNumber(page, 'draw-size', String(frame));
    await page.getByTestId('draw-seed').fill('e2e-seed');
    await page.getByTestId('draw-submit').click();
    const drawn = page.getByTestId('draw-drawn');
    await drawn.waitFor({ timeout: 20_000 });
    expect(await drawn.getAttribute('data-drawn')).toBe(String(frame));
    await page.getByTestId('panel-makeup').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('makeup-row').count()).toBeGreaterThan(0);
    // What the frame leaves out of the registry, and why: as many as the API counts, each reason named.
    const { outside } = await apiCall<{ outside: { reason: string; enterprises: number }[] }>(
      base,
      await apiSession(base, 'official.county'),
      'GET',
      `/api/monitoring/surveys/${surveyId}/panel/makeup`,
    );
    expect(outside.length).toBeGreaterThan(0);
    const left = outside.reduce((sum, o) => sum + o.enterprises, 0);
    expect(await page.getByTestId('makeup-outside').textContent()).toContain(
      `另有 ${left} 家登记企业不在抽样框内`,
    );
    await page.getByTestId('makeup-chart').waitFor({ timeout: 15_000 });
    await page.getByTestId('member-row').first().waitFor({ timeout: 15_000 });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-panel.png`, fullPage: true });
  });

  it('opens a wave', async () => {
    await page.getByRole('tab', { name: /调查轮次/ }).click();
    await page.getByTestId('wave-new').click();
    await page.getByTestId('wave-form').waitFor({ timeout: 10_000 });
    // Opening today: the members are told at once (a later first day would tell them on that day).
    expect(await page.getByTestId('wave-told').textContent()).toContain('立即');
    const picker = page.getByTestId('wave-opens').first();
    const opens =
      (await picker.evaluate((el) => el.tagName)) === 'INPUT' ? picker : picker.locator('input').first();
    const typeDay = async (day: string) => {
      await opens.click();
      await opens.fill(day);
      await opens.press('Enter');
    };
    // A first day typed after the next period is kept and told as too late, not dropped.
    await typeDay(addDays(todayInChina(), 100));
    expect(await fieldError(page, 'wave-opens')).toContain('最晚');
    // A later first day: the members are told on that day.
    await typeDay(addDays(todayInChina(), 1));
    await page.getByTestId('wave-told').filter({ hasText: '将于' }).waitFor({ timeout: 5_000 });
    await typeDay(todayInChina());
    await page.getByTestId('wave-told').filter({ hasText: '立即' }).waitFor({ timeout: 5_000 });
    await page.getByTestId('wave-submit').click();
    await page.waitForURL((url) => /\/waves\/\d+$/.test(url.pathname), { timeout: 15_000 });
    waveId = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(waveId).toBeGreaterThan(0);
    await page.getByTestId('wave-rate').waitFor({ timeout: 15_000 });
    expect(
      Number(
        await page.getByTestId('wave-count-pending').locator('.ant-statistic-content-value').textContent(),
      ),
    ).toBeGreaterThan(0);
  });

  it('the enterprise answers the questionnaire on a phone and submits it', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await signIn(page, base, 'enterprise');
      await page.goto(`${base}/app/my/surveys`);
      const card = page.locator(`[data-testid="my-survey-card"][data-wave="${waveId}"]`);
      await card.waitFor({ timeout: 15_000 });
      expect(await card.getAttribute('data-state')).toBe('pending');
      await card.getByTestId('my-survey-open').click();
      await page.waitForURL((url) => url.pathname === `/app/my/surveys/${waveId}`, { timeout: 10_000 });
      const question = page.locator('[data-testid="my-question"][data-code="orders"]');
      await question.waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('my-survey-deadline').textContent()).toContain('截止日期');
      await question.locator('label', { hasText: '增加' }).click();
      // Nothing wider than the phone's screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (SHOTS)
        await page.screenshot({ path: `${SHOTS}/monitoring-questionnaire-phone.png`, fullPage: true });
      await page.getByTestId('my-survey-submit').click();
      await page
        .locator('[data-testid="response-state"][data-state="submitted"]')
        .first()
        .waitFor({ timeout: 15_000 });
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('four more members answer (through the API)', async () => {
    await moreAnswers(base, waveId);
  });

  it('the official computes the wave, walks a figure’s trace down to weighted counts and makes a release', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/monitoring/surveys/${surveyId}/waves/${waveId}?tab=computation`);
    await page.getByTestId('run-compute').click();
    const overall = page.locator('[data-testid="figure-open"][data-measure="overall"]');
    await overall.waitFor({ timeout: 20_000 });
    // The computation says it stands on the platform's equal default weights, not verified.
    const computedWeights = page.getByTestId('weights-unverified');
    expect(await computedWeights.getAttribute('data-defaults')).toBe('true');
    await overall.click();
    await page.getByTestId('trace-drawer').waitFor({ timeout: 10_000 });
    // The overall index's method weighs the industries by a set not verified: a tag says so beside the words.
    expect(
      await page
        .getByTestId('trace-drawer')
        .locator('[data-testid="weight-standing"][data-standing="default"]')
        .count(),
    ).toBe(1);
    // overall → an industry → its sub-index → its question → weighted counts.
    for (let step = 0; step < 3; step++) {
      const before = await page.getByTestId('trace-step').getAttribute('data-measure');
      await page.getByTestId('trace-component-open').first().click();
      await page.waitForFunction(
        (measure) =>
          document.querySelector('[data-testid="trace-step"]')?.getAttribute('data-measure') !== measure ||
          document.querySelectorAll('[data-testid="trace-breadcrumb"] li').length > 0,
        before,
        { timeout: 10_000 },
      );
      await page.getByTestId('trace-step').waitFor({ timeout: 10_000 });
      if ((await page.getByTestId('trace-counts').count()) > 0) break;
    }
    await page.getByTestId('trace-counts').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('trace-step').getAttribute('data-measure')).toBe('q:orders');
    const up = page.locator('[data-testid="trace-count"][data-level="up"]');
    expect(await up.textContent()).not.toBe('');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-trace.png` });
    await page.keyboard.press('Escape');

    // A release is made of a computation after the wave closed: close it, compute again, then release.
    await page.getByTestId('run-close-first').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('run-release').isDisabled()).toBe(true);
    await page.getByTestId('wave-close').click();
    // Closing before the deadline, with questionnaires still out, says so before it is done.
    const warning = page.getByTestId('wave-close-warning');
    await warning.waitFor({ timeout: 10_000 });
    const left = await page
      .getByTestId('wave-close-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    expect(left).toContain('deadline');
    expect(await warning.textContent()).toContain('尚未到期');
    const pending = Number(
      await page.getByTestId('wave-count-pending').locator('.ant-statistic-content-value').textContent(),
    );
    if (pending > 0) {
      expect(left).toContain('unsubmitted');
      expect(await warning.textContent()).toContain(`${pending} 份问卷尚未提交`);
    }
    expect(await page.getByTestId('wave-close-ok').textContent()).toContain('仍然结束');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-close-warning.png` });
    await page.getByTestId('wave-close-ok').click();
    await page
      .locator('[data-testid="wave-state"][data-state="closed"]')
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('run-compute').click();
    await page.getByTestId('run-close-first').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('run-release').click();
    await page.getByTestId('release-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('release-commentary-zh').fill(commentary);
    await page.getByTestId('release-create-submit').click();
    await page.waitForURL((url) => /^\/app\/monitoring\/releases\/\d+$/.test(url.pathname), {
      timeout: 15_000,
    });
    releaseId = Number(new URL(page.url()).pathname.split('/').at(-1));
    await page.locator('[data-testid="release-state"][data-state="draft"]').waitFor({ timeout: 15_000 });
    // Its maker cannot review it.
    await page.getByTestId('release-needs-reviewer').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('release-review').count()).toBe(0);
  });

  it('a second official sends it back with a comment, then reviews it and schedules it for now', async () => {
    await signIn(page, base, 'official.city');
    await page.goto(`${base}/app/monitoring/releases/${releaseId}`);
    // Sent back: a comment is required; then the draft carries it, still a draft.
    await page.getByTestId('release-return').click();
    await page.getByTestId('return-form').waitFor({ timeout: 10_000 });
    // Behind the dialog, the release page says the figures stand on the unverified default weights.
    expect(await page.getByTestId('weights-unverified').getAttribute('data-defaults')).toBe('true');
    await page.getByTestId('return-submit').click();
    expect(await fieldError(page, 'return-comment')).toContain('请写明');
    await page.getByTestId('return-comment').fill('请补充本期回收率的说明');
    await page.getByTestId('return-submit').click();
    await page.getByTestId('release-returned').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('release-returned').textContent()).toContain('请补充本期回收率的说明');
    expect(await page.locator('[data-testid="release-state"]').first().getAttribute('data-state')).toBe(
      'draft',
    );
    await page.getByTestId('release-review').click();
    await page.getByTestId('release-review-ok').click();
    await page.locator('[data-testid="release-state"][data-state="reviewed"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('release-schedule').click();
    await page.getByTestId('schedule-form').waitFor({ timeout: 10_000 });
    // No time is chosen for the official: submitting without one is refused on the field, nothing is scheduled.
    await page.getByTestId('schedule-submit').click();
    expect(await fieldError(page, 'schedule-at')).toContain('请填写');
    await page.getByTestId('schedule-now').click();
    await page.getByTestId('schedule-chosen').waitFor({ timeout: 5_000 });
    await page.getByTestId('schedule-submit').click();
    await page
      .locator(
        '[data-testid="release-state"][data-state="published"], [data-testid="release-state"][data-state="scheduled"]',
      )
      .first()
      .waitFor({ timeout: 15_000 });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-release.png`, fullPage: true });
  });

  it('the public page shows the series, its chart, the commentary, the unverified weights it used and the figures, each opening its trace', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/`);
    await page.getByTestId('header-monitoring').first().click();
    await page.waitForURL((url) => url.pathname === '/monitoring', { timeout: 10_000 });
    const series = page.locator(`[data-testid="public-series"][data-survey="${surveyId}"]`);
    await series.waitFor({ timeout: 15_000 });
    await series.click();
    await page.waitForURL((url) => url.pathname === `/monitoring/${surveyId}`, { timeout: 10_000 });
    await page.getByTestId('series-chart').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('series-commentary').textContent()).toContain(commentary);
    // The weights it used: the platform's defaults, said plainly to be unverified.
    const weights = page.getByTestId('weights-unverified');
    await weights.waitFor({ timeout: 10_000 });
    expect(await weights.textContent()).toContain('默认值');
    expect(await weights.getByTestId('weights-used').textContent()).toContain('全国');
    // Named as the platform's default, not by the day it is dated from (2000-01-01).
    expect(await weights.getByTestId('weights-used-default').count()).toBe(2);
    expect(await weights.getByTestId('weights-used').textContent()).not.toContain('2000');
    // Plainly the equal defaults, each set tagged and with where it comes from.
    expect(await weights.getAttribute('data-defaults')).toBe('true');
    expect(await weights.textContent()).toContain('平台默认权重（各项等权）');
    expect(await weights.locator('[data-testid="weight-standing"][data-standing="default"]').count()).toBe(2);
    expect(await weights.getByTestId('weights-set-basis').first().textContent()).toContain('平台默认设置');
    // The release's panel and response rate: five responses of the panel.
    const coverage = page.getByTestId('public-response-rate');
    expect(Number(await coverage.getAttribute('data-responses'))).toBe(5);
    expect(Number(await coverage.getAttribute('data-members'))).toBeGreaterThanOrEqual(5);
    await page.getByTestId('series-export-csv').waitFor();
    await page
      .locator('[data-testid="series-figures"] [data-testid="figure-open"][data-measure="overall"]')
      .click();
    await page.getByTestId('trace-components').waitFor({ timeout: 15_000 });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-public.png`, fullPage: true });
    await page.keyboard.press('Escape');

    // A group picked: the address keeps it, and the download asks for that group.
    await page.getByTestId('series-industry').click();
    const industryOption = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .nth(1);
    await industryOption.waitFor({ timeout: 10_000 });
    await industryOption.dispatchEvent('click');
    await page.waitForURL((url) => url.searchParams.has('industry'), { timeout: 10_000 });
    const industry = new URL(page.url()).searchParams.get('industry');
    const [exported] = await Promise.all([
      page.waitForRequest(
        (r) => new URL(r.url()).pathname === `/api/public/monitoring/surveys/${surveyId}/export`,
        { timeout: 15_000 },
      ),
      page.getByTestId('series-export-csv').click(),
    ]);
    const asked = new URL(exported.url()).searchParams;
    expect(asked.get('industry')).toBe(industry);
    expect(asked.get('format')).toBe('csv');
    expect(await page.getByTestId('series-figures-title').textContent()).not.toContain('全部行业');
    // Published at China's time, said so.
    expect(await page.getByTestId('series-latest').textContent()).toContain('北京时间');

    // A link to a group no release has: said so plainly, with the way back to every enterprise's series.
    await page.goto(`${base}/monitoring/${surveyId}?industry=ZZ9`);
    const unknown = page.getByTestId('series-unknown-group');
    await unknown.waitFor({ timeout: 15_000 });
    expect(await unknown.textContent()).toContain('该分组没有已发布的数据');
    expect(await unknown.textContent()).toContain('行业“ZZ9”');
    expect(await page.getByTestId('series-chart').count()).toBe(0);
    await page.getByTestId('series-unknown-group-back').click();
    await page.waitForURL(
      (url) => url.pathname === `/monitoring/${surveyId}` && !url.searchParams.has('industry'),
      {
        timeout: 10_000,
      },
    );
    await page.getByTestId('series-chart').waitFor({ timeout: 15_000 });
  });

  it('the demo survey asks the enterprise for a delivery time as longer, the same or shorter', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my/surveys`);
    const open = page.locator('[data-testid="my-survey-card"][data-state="pending"]', {
      hasText: '苏州市中小企业景气监测调查',
    });
    await open.first().waitFor({ timeout: 15_000 });
    await open.first().getByTestId('my-survey-open').click();
    const delivery = page.locator('[data-testid="my-question"][data-code="delivery"]');
    await delivery.waitFor({ timeout: 15_000 });
    const levels = await delivery.locator('label.ant-radio-button-wrapper').allTextContents();
    expect(levels).toEqual(['延长', '持平', '缩短']);
    const orders = page.locator('[data-testid="my-question"][data-code="new_orders"]');
    expect(await orders.locator('label.ant-radio-button-wrapper').allTextContents()).toEqual([
      '增加',
      '持平',
      '减少',
    ]);
  });

  it('the weights dialog checks the sum as it is typed and saves nothing that does not sum to 1', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/monitoring/weights`);
    await page.getByTestId('weights-edit-sub_index').click();
    await page.getByTestId('weights-form').waitFor({ timeout: 10_000 });
    const sum = page.getByTestId('weights-running-sum');
    // The defaults (0.125 each) sum to 1; one changed, the sum follows and says which row is not a weight.
    await page.getByTestId('weights-item-macro').fill('0.2');
    await page.locator('[data-testid="weights-running-sum"][data-sum="1.075"]').waitFor({ timeout: 5_000 });
    await page.getByTestId('weights-item-market').fill('x');
    expect(await page.getByTestId('weights-invalid').textContent()).toContain('市场指数');
    await page.getByTestId('weights-item-market').fill('0.125');
    let asked = false;
    const listen = (request: { url: () => string; method: () => string }) => {
      if (new URL(request.url()).pathname === '/api/monitoring/weights' && request.method() === 'PUT')
        asked = true;
    };
    page.on('request', listen);
    // The basis is the new set's own: it starts empty and is required, told beside the sum.
    expect(await page.getByTestId('weights-basis').inputValue()).toBe('');
    await page.getByTestId('weights-submit').click();
    await page.getByTestId('weights-sum-error').waitFor({ timeout: 5_000 });
    expect(await fieldError(page, 'weights-basis')).toContain('请填写');
    expect(await sum.getAttribute('data-complete')).toBe('false');
    page.off('request', listen);
    expect(asked).toBe(false);
  });
});
