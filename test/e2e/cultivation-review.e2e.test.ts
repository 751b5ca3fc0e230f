/**
 * Gradient cultivation (issue 18) as the reviewers and the public see it in a browser: the demo county's official
 * finds the demo enterprise's application in a queue that opens on the county's step, reads its assessment and
 * facts, cannot return it without reasons, returns it with them; after the enterprise resubmits, recommends it; the
 * province's official approves it into public notice and is refused announcing it before the notice is over, on the
 * action; the public finds it on the notices, an empty objection is refused field by field, one is lodged; the
 * province dismisses it with an answer, and once the notice is over the public is told objections are closed and the
 * province announces the recognition. The province sets its quota and window and a 特色化 indicator with bands, a
 * window closing before it opens is refused on its field; a county official reads the settings only. The queue and
 * the notices fit a phone (390 px); the queue reads in English. The county reads the enterprise's evidence files
 * on the application and downloads one; the queue's 企业 column keeps the name on one line at 1280 px; announcing is
 * offered only once the notice is over (the button disabled, with the day it becomes possible); the standard is
 * named by its document, never its id; the answer to an objection stands on the timeline; the demo's timelines
 * spread over days. The test makes what it needs through the API (and moves the notice's dates in the database,
 * as days cannot pass in a test).
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/reference/calendar.ts';
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
const TODAY = todayInChina();

interface Application {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  stage: string;
  version: number;
}

/** Waits until the application page shows the stage. */
async function stageIs(page: Page, stage: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId('application-stage').getAttribute('data-stage'), { timeout: 15_000 })
    .toBe(stage);
}

/** Takes an action through its button and dialog, with reasons when given. */
async function act(page: Page, action: string, reasons?: string): Promise<void> {
  await page.getByTestId(`review-action-${action}`).click();
  await page.getByTestId('review-action-confirm').waitFor({ timeout: 10_000 });
  if (reasons !== undefined) await page.getByTestId('review-action-comment').fill(reasons);
  await page.getByTestId('review-action-submit').click();
}

/** Attaches a file to a fact of a data year as the enterprise (the raw body, as the page sends it). */
async function uploadEvidence(
  base: string,
  session: ApiSession,
  query: { year: number; fact: string; fileName: string },
  body: Buffer,
): Promise<{ id: number; url: string }> {
  const search = new URLSearchParams({ ...query, year: String(query.year) });
  const response = await fetch(`${base}/api/my/cultivation/evidence?${search}`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': 'application/octet-stream',
    },
    body: new Uint8Array(body),
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return JSON.parse(text) as { id: number; url: string };
}

/** Whether the page scrolls sideways. */
async function overflow(page: Page): Promise<number> {
  await page
    .waitForFunction(() => !document.querySelector('.ant-skeleton-active'), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('gradient cultivation: the reviewers’ pages and the public notices in a browser', () => {
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
    // The demo enterprise fills in the facts of the reference's worked case §7.1 and applies as an innovative SME.
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
    // Its certificate behind the self-developed class-I item, for the reviewers to read.
    await uploadEvidence(
      base,
      enterprise,
      { year: mine.dataYear, fact: 'ipClassISelfDeveloped', fileName: '发明专利证书.pdf' },
      Buffer.from('%PDF-1.4\n1 0 obj << /Title (cert) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    );
    application = await apiCall<Application>(base, enterprise, 'POST', '/api/my/cultivation/applications', {
      tier: 'innovative',
    });
    expect(application.stage).toBe('county_review');
  });
  afterAll(() => rig?.close());

  it('shows the county its own step’s queue and the application with its assessment and facts', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/cultivation/applications`);
    await page.getByTestId(`application-link-${application.id}`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('applications-stage').textContent()).toContain('县（区）审核');
    expect(await page.getByTestId(`application-due-${application.id}`).getAttribute('data-overdue')).toBe(
      'false',
    );
    // Another stage's queue does not list it; every stage does.
    await pickOption(page, 'applications-stage', '已撤销');
    await page.waitForURL((url) => url.searchParams.get('stage') === 'revoked', { timeout: 10_000 });
    await page.getByText('没有符合筛选条件的申请').waitFor({ timeout: 15_000 });
    await page.goto(
      `${base}/app/cultivation/applications?q=${encodeURIComponent(application.enterpriseName)}`,
    );
    await page.getByTestId(`application-link-${application.id}`).click();
    await page.getByTestId('application-page').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('application-enterprise').textContent()).toBe(application.enterpriseName);
    // Its way back is to the queue as searched.
    expect(await page.getByTestId('review-back').getAttribute('href')).toContain('q=');
    await page.getByTestId('review-assessment').waitFor();
    expect(await page.getByTestId('review-assessment-total').textContent()).toMatch(/\d+ \/ 100/);
    expect(await page.getByTestId('indicator-ip').textContent()).toBe('15 / 20');
    expect(await page.getByTestId('fact-ipClassISelfDeveloped').textContent()).toBe('1');
    expect(await page.getByTestId('fact-inStrategicCatalogue').textContent()).toBe('否');
    // The standard by its document and annex, not its id.
    const standard = await page.getByTestId('application-standard').textContent();
    expect(standard).toContain('工信部企业〔2022〕63号');
    expect(standard).toContain('附件1');
    expect(standard).not.toContain('2022-innovative');
    // The enterprise's evidence by fact, read-only, each file downloadable by the county.
    const evidence = page.getByTestId('evidence-panel');
    await evidence.locator('[data-testid="evidence-group"][data-fact="ipClassISelfDeveloped"]').waitFor({
      timeout: 15_000,
    });
    expect(await evidence.textContent()).toContain('自主研发的Ⅰ类知识产权');
    const link = evidence.getByTestId('evidence-link').first();
    expect(await link.textContent()).toContain('发明专利证书.pdf');
    expect(await evidence.getByTestId('evidence-upload').count()).toBe(0);
    expect(await evidence.getByTestId('evidence-remove').count()).toBe(0);
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toContain(`/api/cultivation/evidence/${application.enterpriseId}/`);
    const download = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, start: (await response.text()).slice(0, 5) };
    }, href);
    expect(download).toEqual({ status: 200, start: '%PDF-' });
    expect(
      await page
        .locator('[data-testid^="review-action-"]')
        .evaluateAll((els) =>
          els
            .map((e) => e.getAttribute('data-testid'))
            .filter((id) => /^review-action-[a-z]+$/.test(id ?? '')),
        ),
    ).toEqual(['review-action-recommend', 'review-action-return', 'review-action-reject']);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-review-application.png`, fullPage: true });
  });

  it('asks the reasons to return it, then returns it with them, its clock stopped', async () => {
    await act(page, 'return');
    expect(await fieldError(page, 'review-action-comment')).toContain('请写明理由');
    await page.getByTestId('review-action-comment').fill('请补充知识产权证书');
    await page.getByTestId('review-action-submit').click();
    await stageIs(page, 'returned');
    expect(await page.getByTestId('application-return-comment').textContent()).toContain(
      '请补充知识产权证书',
    );
    expect(await page.getByTestId('application-due').count()).toBe(0);
    expect(await page.getByTestId('review-no-actions').count()).toBe(1);
    expect(
      await page
        .locator('[data-testid="review-event"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
    ).toEqual(['submitted', 'return']);
  });

  it('recommends it once resubmitted, and reloads with a message when it changed meanwhile (409)', async () => {
    const returned = await apiCall<Application & { version: number }>(
      base,
      enterprise,
      'GET',
      `/api/my/cultivation/applications/${application.id}`,
    );
    await apiCall(base, enterprise, 'POST', `/api/my/cultivation/applications/${application.id}/resubmit`, {
      version: returned.version,
    });
    await page.reload();
    await stageIs(page, 'county_review');
    // Meanwhile (as another reviewer of the county would) it is returned and resubmitted through the API.
    const county = await apiSession(base, 'official.county');
    const detail = await apiCall<Application>(
      base,
      county,
      'GET',
      `/api/cultivation/applications/${application.enterpriseId}/${application.id}`,
    );
    await apiCall(
      base,
      county,
      'POST',
      `/api/cultivation/applications/${application.enterpriseId}/${application.id}/actions`,
      {
        action: 'return',
        comment: '再补充一份证明',
        version: detail.version,
      },
    );
    const again = await apiCall<{ version: number }>(
      base,
      enterprise,
      'GET',
      `/api/my/cultivation/applications/${application.id}`,
    );
    await apiCall(base, enterprise, 'POST', `/api/my/cultivation/applications/${application.id}/resubmit`, {
      version: again.version,
    });
    // The page still holds the version read before those two steps.
    await act(page, 'recommend');
    await page.getByText('已重新载入').first().waitFor({ timeout: 15_000 });
    await stageIs(page, 'county_review');
    await act(page, 'recommend');
    await stageIs(page, 'province_review');
  });

  it('lets the province approve it into public notice, and refuses announcing it before the notice is over', async () => {
    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/cultivation/applications`);
    expect(await page.getByTestId('applications-stage').textContent()).toContain('省级审核');
    await page.getByTestId(`application-link-${application.id}`).click();
    await page.getByTestId('application-page').waitFor({ timeout: 15_000 });
    await act(page, 'approve');
    // The notice starts the next day: until then the stage says when (the public sees it from that day).
    await stageIs(page, 'notice_ahead');
    expect(await page.getByTestId('application-stage').textContent()).toContain('待公示');
    expect(await page.getByTestId('application-notice').textContent()).toContain('至');
    await page.getByTestId('review-objections').waitFor();
    // Announcing is not offered before the notice's last day has passed: the day it becomes possible is said.
    const announce = page.getByTestId('review-action-announce');
    await announce.waitFor({ timeout: 15_000 });
    expect(await announce.isDisabled()).toBe(true);
    const waits = await page.getByTestId('review-announce-waits').textContent();
    const zhDate = (day: string) =>
      `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;
    expect(waits).toContain(`${zhDate(addDays(TODAY, 6))} 起可公告认定`);
    expect(waits).toContain(`公示期至 ${zhDate(addDays(TODAY, 5))} 止`);
    await stageIs(page, 'notice_ahead');
  });

  it('lists it on the public notices, refuses an empty objection field by field and takes one', async () => {
    // The notice begins tomorrow; it is moved to today (days cannot pass in a test).
    await sql`update cultivation_applications set notice_from = ${TODAY}::date,
      notice_to = ${addDays(TODAY, 4)}::date where id = ${application.id}`.execute(rig.server.db);
    await page.context().clearCookies();
    await page.goto(`${base}/cultivation/notices`);
    const item = page.locator(`[data-testid="notice-item"][data-application="${application.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-open')).toBe('true');
    expect(await item.getByTestId('notice-name').textContent()).toBe(application.enterpriseName);
    expect(await item.getByTestId('notice-period').textContent()).toContain('公示期');
    await item.getByTestId('notice-object').click();
    await page.getByTestId('objection-submit').click();
    expect(await fieldError(page, 'objection-name')).toContain('请填写');
    expect(await fieldError(page, 'objection-content')).toContain('请填写');
    await page.getByTestId('objection-name').fill('王五');
    await page.getByTestId('objection-contact').fill('13800000000');
    await page.getByTestId('objection-content').fill('该企业的发明专利已转让他人，不应计入。');
    await page.getByTestId('objection-submit').click();
    await page.getByTestId('objection-lodged').waitFor({ timeout: 15_000 });
    await page.getByTestId('objection-close').click();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-review-notices.png`, fullPage: true });
  });

  it('lets the province dismiss the objection with an answer, then announce once the notice is over', async () => {
    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/cultivation/applications/${application.enterpriseId}/${application.id}`);
    const objection = page.locator('[data-testid^="objection-"][data-state]').first();
    await objection.waitFor({ timeout: 15_000 });
    expect(await objection.getAttribute('data-state')).toBe('open');
    expect(await objection.textContent()).toContain('13800000000');
    await objection.locator('[data-testid^="objection-dismiss-"]').click();
    await page.getByTestId('objection-answer-submit').click();
    expect(await fieldError(page, 'objection-answer')).toContain('请填写答复');
    await page.getByTestId('objection-answer').fill('经核实，专利仍在企业名下，异议不成立。');
    await page.getByTestId('objection-answer-submit').click();
    await expect
      .poll(
        () => page.locator('[data-testid^="objection-"][data-state]').first().getAttribute('data-state'),
        {
          timeout: 15_000,
        },
      )
      .toBe('dismissed');

    await sql`update cultivation_applications set notice_from = ${addDays(TODAY, -6)}::date,
      notice_to = ${addDays(TODAY, -1)}::date where id = ${application.id}`.execute(rig.server.db);
    await page.context().clearCookies();
    await page.goto(`${base}/cultivation/notices`);
    const item = page.locator(`[data-testid="notice-item"][data-application="${application.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-open')).toBe('false');
    expect(await item.getByTestId('notice-closed').textContent()).toContain('不再受理异议');
    expect(await item.getByTestId('notice-object').count()).toBe(0);

    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/cultivation/applications/${application.enterpriseId}/${application.id}`);
    await page.getByTestId('application-page').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('review-announce-waits').count()).toBe(0);
    await act(page, 'announce');
    await stageIs(page, 'recognised');
    expect(
      await page
        .locator('[data-testid="review-event"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
    ).toEqual([
      'submitted',
      'return',
      'resubmitted',
      'return',
      'resubmitted',
      'recommend',
      'approve',
      'objection',
      'objection_dismissed',
      'announce',
    ]);
    const answer = page.locator('[data-testid="review-event"][data-action="objection_dismissed"]');
    expect(await answer.textContent()).toContain('答复异议：异议不成立');
    expect(await answer.textContent()).toContain('经核实，专利仍在企业名下，异议不成立。');
    expect(await page.getByTestId('review-action-revoke').count()).toBe(1);
  });

  it('lets the province set a quota, a window and a 特色化 indicator, refusing a window that closes before it opens', async () => {
    await page.goto(`${base}/app/cultivation/settings`);
    await page.getByTestId('settings-innovative-form').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('settings-innovative-state').textContent()).toContain('平台默认');
    expect(await page.locator('text=未经核实，来源：本平台的默认设置').count()).toBeGreaterThan(0);
    await fillNumber(page, 'settings-innovative-quota', '300');
    const year = TODAY.slice(0, 4);
    await page.getByTestId('settings-innovative-opensOn').click();
    await page.keyboard.type(`${year}-06-30`);
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-innovative-closesOn').click();
    await page.keyboard.type(`${year}-06-01`);
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-innovative-save').click();
    expect(await fieldError(page, 'settings-innovative-closesOn')).toContain('截止日期不能早于开始日期');
    await page.getByTestId('settings-innovative-closesOn').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`${year}-12-31`);
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-innovative-save').click();
    await expect
      .poll(() => page.getByTestId('settings-innovative-state').textContent(), { timeout: 15_000 })
      .toContain('版本 1');

    // The demo's province divides 特色化's 15 points between two indicators (10 and 5): the second is replaced.
    const province = await apiSession(base, 'official.province');
    const before = await apiCall<{ tiers: { tier: string; version: number }[] }>(
      base,
      province,
      'GET',
      '/api/cultivation/settings',
    );
    const version = before.tiers.find((tier) => tier.tier === 'specialised')?.version ?? 0;
    await page.getByTestId('settings-tab-specialised').click();
    await page.getByTestId('settings-specialised-indicator-1').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('settings-specialised-indicator-0-zh').inputValue()).toBe(
      '出口交货值占营业收入比重',
    );
    expect(await page.getByTestId('settings-specialised-indicator-0-band-1-text').textContent()).toBe(
      '≥ 5 % 且 < 20 %',
    );
    await page.getByTestId('settings-specialised-indicator-1-remove').click();
    expect(await page.getByTestId('settings-specialised-indicators-total').textContent()).toContain('10');
    await page.getByTestId('settings-specialised-indicator-add').click();
    await page.getByTestId('settings-specialised-indicator-1-zh').fill('研发投入强度');
    await page.getByTestId('settings-specialised-indicator-1-unit').fill('%');
    await fillNumber(page, 'settings-specialised-indicator-1-max', '5');
    // Band 1: below 10 % scores 0; band 2: from 12 % — a gap the server refuses — then from 10 % (included) up, 5.
    await page.getByTestId('settings-specialised-indicator-1-band-0-lower-unbounded').click();
    await page.getByTestId('settings-specialised-indicator-1-band-0-upper-unbounded').click();
    await fillNumber(page, 'settings-specialised-indicator-1-band-0-upper-value', '10');
    await page.getByTestId('settings-specialised-indicator-1-band-add').click();
    await fillNumber(page, 'settings-specialised-indicator-1-band-1-lower-value', '12');
    await fillNumber(page, 'settings-specialised-indicator-1-band-1-points', '5');
    await expect
      .poll(() => page.getByTestId('settings-specialised-indicator-1-band-0-text').textContent(), {
        timeout: 10_000,
      })
      .toBe('< 10 %');
    expect(await page.getByTestId('settings-specialised-indicators-total').textContent()).toContain('15');
    await page.getByTestId('settings-specialised-save').click();
    await page.getByTestId('settings-specialised-indicators-error').waitFor({ timeout: 15_000 });
    await fillNumber(page, 'settings-specialised-indicator-1-band-1-lower-value', '10');
    // The band's words follow the field once the form has taken the value (not at once after typing).
    await expect
      .poll(() => page.getByTestId('settings-specialised-indicator-1-band-1-text').textContent(), {
        timeout: 10_000,
      })
      .toBe('≥ 10 %');
    await page.getByTestId('settings-specialised-save').click();
    await expect
      .poll(() => page.getByTestId('settings-specialised-state').textContent(), { timeout: 15_000 })
      .toContain(`版本 ${version + 1}`);
    expect(await page.getByTestId('settings-specialised-indicator-1-zh').inputValue()).toBe('研发投入强度');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-review-settings.png`, fullPage: true });
  });

  it('shows a county official the settings read-only', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/cultivation/settings`);
    await page.getByTestId('settings-read-only').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('settings-innovative-save').count()).toBe(0);
    expect(
      await page
        .getByTestId('settings-innovative-quota')
        .first()
        .evaluate((el) => (el instanceof HTMLInputElement ? el : el.querySelector('input'))?.disabled),
    ).toBe(true);
    expect(await page.getByTestId('settings-innovative-state').textContent()).toContain('版本 1');
  });

  it('keeps the 企业 column’s names on one line at 1280 px, whole in a tooltip, without squeezing it', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    try {
      await page.goto(`${base}/app/cultivation/applications?stage=all`);
      const cell = page.getByTestId(`application-enterprise-${application.id}`);
      await cell.waitFor({ timeout: 15_000 });
      const box = await cell.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThanOrEqual(200);
      // One line: the name's height is one line's, however long it is.
      const link = page.getByTestId(`application-link-${application.id}`);
      const lines = await link.evaluate((el) => {
        const style = getComputedStyle(el);
        return Math.round(el.getBoundingClientRect().height / Number.parseFloat(style.lineHeight));
      });
      expect(lines).toBe(1);
      await link.hover();
      const tooltip = page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').first();
      await tooltip.waitFor({ timeout: 10_000 });
      expect(await tooltip.textContent()).toBe(application.enterpriseName);
      expect(await overflow(page), 'queue at 1280').toBeLessThanOrEqual(0);
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('spreads the demo’s timelines over days: an application recommended to the province was submitted days before', async () => {
    await page.goto(`${base}/app/cultivation/applications?stage=province_review`);
    const first = page.locator('[data-testid^="application-link-"]').first();
    await first.waitFor({ timeout: 15_000 });
    await first.click();
    await page.getByTestId('application-page').waitFor({ timeout: 15_000 });
    const events = page.getByTestId('review-event');
    await events.first().waitFor({ timeout: 15_000 });
    const days = (await events.allTextContents()).map((text) =>
      (/(\d{4})[/-](\d{2})[/-](\d{2})/.exec(text)?.slice(1) ?? []).join('-'),
    );
    expect(days.length).toBeGreaterThanOrEqual(2);
    expect(new Set(days).size).toBe(days.length);
    expect([...days].sort()).toEqual(days);
    expect(days.every((day) => day !== '' && day < TODAY)).toBe(true);
  });

  it('fits a phone (390 px): the queue, the application and the notices without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${base}/app/cultivation/applications?stage=all`);
      await page.getByTestId(`application-link-${application.id}`).waitFor({ timeout: 15_000 });
      expect(await overflow(page), 'queue').toBeLessThanOrEqual(0);
      // The table scrolls sideways within itself; the name keeps its width.
      expect(
        (await page.getByTestId(`application-enterprise-${application.id}`).boundingBox())?.width ?? 0,
      ).toBeGreaterThanOrEqual(200);
      await page.goto(`${base}/app/cultivation/applications/${application.enterpriseId}/${application.id}`);
      await page.getByTestId('application-page').waitFor({ timeout: 15_000 });
      expect(await overflow(page), 'application').toBeLessThanOrEqual(0);
      await page.goto(`${base}/app/cultivation/settings`);
      await page.getByTestId('settings-innovative-form').waitFor({ timeout: 15_000 });
      expect(await overflow(page), 'settings').toBeLessThanOrEqual(0);
      await page.goto(`${base}/cultivation/notices`);
      await page.getByTestId('notice-item').first().waitFor({ timeout: 15_000 });
      expect(await overflow(page), 'notices').toBeLessThanOrEqual(0);
      if (SHOTS)
        await page.screenshot({ path: `${SHOTS}/cultivation-review-notices-phone.png`, fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('reads in English', async () => {
    await page.goto(`${base}/app/cultivation/applications?stage=all`);
    await page.getByTestId(`application-link-${application.id}`).waitFor({ timeout: 15_000 });
    await page.getByTestId('lang-switch').first().click();
    try {
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, {
        timeout: 10_000,
      });
      await expect
        .poll(() => page.getByTestId('page-title').textContent(), { timeout: 15_000 })
        .toBe('Applications');
      expect(await page.getByTestId(`application-stage-${application.id}`).textContent()).toBe('Recognised');
      // Tier names in English, none in Chinese.
      const tiers = await page.locator('[data-testid="applications-table"] .ant-tag').allTextContents();
      expect(tiers.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
      await page.getByTestId(`application-link-${application.id}`).click();
      await page.getByTestId('application-page').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('application-standard').textContent()).toBe(
        'Interim Measures for the Gradient Cultivation of Quality SMEs (工信部企业〔2022〕63号), annex 1',
      );
      expect(await page.getByTestId('evidence-panel').textContent()).toContain('Evidence');
      // The recognitions the conditions name, in English too.
      expect(await page.getByTestId('review-conditions').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      if ((await page.evaluate(() => document.documentElement.lang)) === 'en')
        await page.getByTestId('lang-switch').first().click();
    }
  });
});
