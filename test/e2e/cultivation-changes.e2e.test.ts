/**
 * Keeping a recognition (issue 18) in a browser: the demo enterprise, recognised as an innovative SME, opens its
 * tab 认定维护 — its recognition 已认定 with its validity, this year's data update done — is refused an empty report
 * field by field, and reports its new name; the province's official finds the report under 梯度培育 › 认定维护 (as 已报告，
 * 待处理, filtered by kind), accepts it with a comment, and the enterprise reads 已受理 with that comment. The
 * recognitions' view lists the enterprise as 已认定. The demo has no cultivation data: the recognition is made through
 * the API (and the notice's dates moved in the database, as days cannot pass in a test).
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/reference/calendar.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { type ApiSession, apiCall, apiSession, type BrowserRig, signIn, startRig } from './browser.ts';

const SHOTS = process.env.HUIQI_E2E_SHOTS;
const TODAY = todayInChina();
const NEW_NAME = '苏州梯度更名测试科技有限公司';

interface Application {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  version: number;
  validTo: string | null;
}

/** Types a day into the antd date picker found by its test id and leaves it (Enter would submit the form). */
async function typeDay(page: Page, testId: string, day: string): Promise<void> {
  const target = page.getByTestId(testId).first();
  const input =
    (await target.evaluate((el) => el.tagName)) === 'INPUT' ? target : target.locator('input').first();
  await input.click();
  await input.fill(day);
  await input.press('Tab');
  expect(await input.inputValue()).toBe(day);
}

describe('gradient cultivation: a material change reported and accepted in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let enterprise: ApiSession;
  let application: Application;

  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    base = rig.server.url;
    enterprise = await apiSession(base, 'enterprise');
    const mine = await apiCall<{ dataYear: number; ownVersion: number }>(
      base,
      enterprise,
      'GET',
      '/api/my/cultivation',
    );
    await apiCall(base, enterprise, 'PUT', '/api/my/cultivation/facts', {
      year: mine.dataYear,
      version: mine.ownVersion,
      facts: {
        ipClassIHighValue: 0,
        ipClassISelfDeveloped: 1,
        ipClassIOther: 0,
        ipClassII: 2,
        inStrategicCatalogue: false,
        nicheYears: 4,
      },
    });
    application = await apiCall<Application>(base, enterprise, 'POST', '/api/my/cultivation/applications', {
      tier: 'innovative',
    });
    const county = await apiSession(base, 'official.county');
    const province = await apiSession(base, 'official.province');
    const act = async (who: ApiSession, action: string) => {
      application = await apiCall<Application>(
        base,
        who,
        'POST',
        `/api/cultivation/applications/${application.enterpriseId}/${application.id}/actions`,
        { action, version: application.version },
      );
    };
    await act(county, 'recommend');
    await act(province, 'approve');
    await sql`update cultivation_applications set notice_from = ${addDays(TODAY, -6)}::date,
      notice_to = ${addDays(TODAY, -1)}::date where id = ${application.id}`.execute(rig.server.db);
    await act(province, 'announce');
    expect(application.validTo).not.toBeNull();
  });
  afterAll(() => rig?.close());

  it('shows the enterprise its recognition and this year’s update, refuses an empty report and takes its new name', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my/cultivation?tab=changes`);
    const state = page.getByTestId(`my-recognition-state-${application.id}`);
    await state.waitFor({ timeout: 15_000 });
    expect(await state.textContent()).toBe('已认定');
    expect(await page.getByTestId(`my-recognition-${application.id}`).textContent()).toContain('有效期');
    expect(await page.getByTestId('my-update-done').textContent()).toContain('本年度已完成');
    expect(await page.getByTestId('my-no-changes').count()).toBe(1);

    await page.getByTestId('my-change-report').click();
    await page.getByTestId('change-report-description').waitFor({ timeout: 10_000 });
    await page.getByTestId('change-report-submit').click();
    // Each empty field says so.
    await page.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('.ant-form-item-explain-error').count()).toBe(3);

    await typeDay(page, 'change-report-changed-on', addDays(TODAY, -10));
    await page.getByTestId('change-report-new-name').fill(NEW_NAME);
    await page.getByTestId('change-report-description').fill('经股东会决议更名，已完成工商变更登记');
    await page.getByTestId('change-report-submit').click();
    await page.getByText('已报告。主管部门处理后会通知本企业。').waitFor({ timeout: 15_000 });
    const card = page.locator('[data-testid^="my-change-state-"]').first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toBe('已报告，待处理');
    expect(await page.getByTestId('my-changes').textContent()).toContain(NEW_NAME);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-changes-enterprise.png`, fullPage: true });
  });

  it('lets the province accept it with a comment; the enterprise reads 已受理 and the comment', async () => {
    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/cultivation/changes?kind=rename&state=reported`);
    // Its own row (the demo has a reported change of its own).
    const accept = page.locator('tr', { hasText: NEW_NAME }).locator('[data-testid^="change-accept-"]');
    await accept.waitFor({ timeout: 15_000 });
    const id = (await accept.getAttribute('data-testid'))?.replace('change-accept-', '') ?? '';
    await accept.click();
    await page.getByTestId('change-decision-comment').waitFor({ timeout: 10_000 });
    await page.getByTestId('change-decision-comment').fill('名称变更已核实');
    await page.getByTestId('change-decision-submit').click();
    await page.getByText('已受理').first().waitFor({ timeout: 15_000 });
    // The filter is on 已报告，待处理: the accepted change leaves it; every state shows it accepted.
    await page.goto(`${base}/app/cultivation/changes?kind=rename`);
    const stateTag = page.getByTestId(`change-state-${id}`);
    await stateTag.waitFor({ timeout: 15_000 });
    expect(await stateTag.textContent()).toBe('已受理');
    expect(await page.getByTestId(`change-accept-${id}`).count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-changes-list.png`, fullPage: true });

    await page.getByTestId('changes-view-recognitions').click();
    const recognition = page.getByTestId(`recognition-state-${application.id}`);
    await recognition.waitFor({ timeout: 15_000 });
    expect(await recognition.textContent()).toBe('已认定');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-changes-official.png`, fullPage: true });

    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my/cultivation?tab=changes`);
    const mine = page.getByTestId(`my-change-state-${id}`);
    await mine.waitFor({ timeout: 15_000 });
    expect(await mine.textContent()).toBe('已受理');
    expect(await page.getByTestId(`my-change-decision-${id}`).textContent()).toContain('名称变更已核实');
    // On a phone the tab fits without scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.reload();
      await page.getByTestId(`my-change-state-${id}`).waitFor({ timeout: 15_000 });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-changes-phone.png`, fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });
});
