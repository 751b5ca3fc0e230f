/**
 * Gradient cultivation (issue 18) as the demo enterprise sees it in a browser: each tier assessed with the standard
 * named and the reported 2026 revision marked as reported; a missing fact's "fill in" opening the facts form at it;
 * a count that is not whole refused in the form, a class-I in-use count above the class-I items refused by the
 * server on its field, then saved and scored; a save on a stale version reloaded with a message; the 专精特新 tier
 * refused for want of the tier below, shown in the dialog; applying for the innovative tier after a dialog that says
 * what is sent; the county returning it with a comment, the enterprise reading it, resubmitting and withdrawing; the
 * county recommending and the province approving a second one, which then shows its public notice and, once an
 * objection to it is answered, the answer on its timeline; the page on a phone (390 px) and in English (tiers,
 * documents and recognitions by their English names). Applying for 专精特新 is not offered without the innovative
 * recognition (the button disabled, the reason beside it); sources are worded, never a file path or a standard's
 * id; the province's indicators show their units. The demo gives the enterprise its facts; the test makes the rest
 * through the API.
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

interface Mine {
  dataYear: number;
  ownVersion: number;
  ownFacts: Record<string, unknown>;
  applications: { id: number; enterpriseId: number; stage: string; version: number; tier: string }[];
}

/** Waits until the tab's panel shows its content. */
async function openTab(page: Page, testId: string, content: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByTestId(content).first().waitFor({ timeout: 15_000 });
}

/** Confirms the open Popconfirm. */
async function confirmPopover(page: Page): Promise<void> {
  const ok = page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary');
  await ok.first().waitFor({ timeout: 10_000 });
  await ok.first().click();
}

describe('gradient cultivation: the enterprise’s page in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let enterprise: ApiSession;
  let applicationId = 0;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    base = rig.server.url;
    enterprise = await apiSession(base, 'enterprise');
  });
  afterAll(() => rig?.close());

  it('shows each tier assessed, the standard named, the 2026 revision as reported, and what is missing', async () => {
    // The demo enterprise has given its facts; it takes back its R&D institution (not known for now).
    const before = await apiCall<Mine>(base, enterprise, 'GET', '/api/my/cultivation');
    await apiCall(base, enterprise, 'PUT', '/api/my/cultivation/facts', {
      year: before.dataYear,
      version: before.ownVersion,
      facts: { ...before.ownFacts, rdInstitution: null },
    });
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my/cultivation`);
    const tier = page.locator('[data-testid="my-tier"][data-tier="innovative"]');
    await tier.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('page-title').textContent()).toBe('梯度培育自评与申报');
    expect(['likely', 'unlikely', 'incomplete']).toContain(await tier.getAttribute('data-status'));
    expect(await page.getByTestId('my-tier-standard').getAttribute('data-document')).toBe(
      '工信部企业〔2022〕63号',
    );
    const successor = await page.getByTestId('my-tier-successor').textContent();
    expect(successor).toContain('工信部企业〔2026〕2号');
    expect(successor).toContain('据报道');
    expect(successor).toContain('未经核实');
    // Its source in words (the document), never the reference file Huiqi keeps it in.
    const source = await page.getByTestId('my-tier-source').textContent();
    expect(source).toContain('来源：工信部企业〔2022〕63号《优质中小企业梯度培育管理暂行办法》');
    expect(source).not.toContain('docs/');
    expect(source).not.toContain('凭记忆');
    // One word for the status across the page (its badge, its summary, the reviewers' pages).
    const status = (await tier.getByTestId('my-tier-status').first().textContent()) ?? '';
    expect(['可能符合', '暂不符合', '资料不全']).toContain(status);
    expect(await tier.getByTestId('my-tier-summary').textContent()).toContain(status);
    // The score's verdict agrees with it (its tone is the status's).
    expect(await tier.getByTestId('my-tier-pass').getAttribute('data-status')).toBe(
      await tier.getAttribute('data-status'),
    );
    // Innovative is scored: three dimensions, each against its minimum.
    expect(await tier.getByTestId('my-dimension').count()).toBe(3);
    expect(await tier.getByTestId('my-dimension-minimum').count()).toBe(3);
    expect(await tier.getByTestId('my-indicator').count()).toBe(6);
    // No R&D institution given yet: named missing, with a button to give it.
    const missing = tier.locator('[data-testid="my-missing"][data-fact="rdInstitution"]');
    expect(await missing.textContent()).toContain('研发机构级别');
    await missing.getByTestId('my-missing-fill').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'facts', { timeout: 10_000 });
    expect(new URL(page.url()).searchParams.get('focus')).toBe('rdInstitution');
    await page.getByTestId('my-facts-form').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('my-facts-group').count()).toBe(7);
    // The province set two 特色化 indicators (the demo's): the form asks for both, each with its unit.
    expect(await page.locator('[data-testid^="fact-province-"]').count()).toBe(2);
    const unit = (id: string) =>
      page
        .locator('.ant-form-item', { has: page.getByTestId(`fact-province-${id}`) })
        .locator('.ant-input-number-suffix')
        .textContent();
    expect(await unit('export_share')).toBe('%');
    expect(await unit('service_hours')).toBe('小时');
    // The registry's figures are read-only, with the way to correct them.
    expect(await page.getByTestId('my-registry-correct').getAttribute('href')).toBe('/app/my-enterprise');
  });

  it('checks a count in the form, puts the server’s refusal on its field, then saves and scores the facts', async () => {
    await fillNumber(page, 'fact-ipClassIHighValue', '0');
    await fillNumber(page, 'fact-ipClassISelfDeveloped', '1');
    await fillNumber(page, 'fact-ipClassIOther', '0');
    await fillNumber(page, 'fact-ipClassII', '1.5');
    await page.getByTestId('my-facts-save').click();
    expect(await fieldError(page, 'fact-ipClassII')).toContain('应为整数');

    // Whole now; but 3 class-I items in use with only 1 class-I item: the server refuses it on that field.
    await fillNumber(page, 'fact-ipClassII', '2');
    await fillNumber(page, 'fact-ipClassIInUse', '3');
    await page.getByTestId('my-facts-save').click();
    const refusal = await fieldError(page, 'fact-ipClassIInUse');
    expect(refusal).toContain('多于Ⅰ类知识产权合计');
    expect(refusal).not.toContain('ipClassIInUse');

    await fillNumber(page, 'fact-ipClassIInUse', '1');
    await page.getByTestId('my-facts-save').click();
    await page.getByText('已保存，自评已更新').first().waitFor({ timeout: 15_000 });
    const mine = await apiCall<Mine>(base, enterprise, 'GET', '/api/my/cultivation');
    expect(mine.ownFacts.ipClassISelfDeveloped).toBe(1);
    expect(mine.ownFacts.ipClassII).toBe(2);
    expect(mine.ownFacts.ipClassIInUse).toBe(1);
    // Left blank: not given, never 0.
    expect(mine.ownFacts.rdInstitution).toBeNull();

    // A self-developed class-I item scores 15 of the IP indicator's 20 (docs/reference/cultivation.md §2.2).
    await page.getByTestId('my-tab-innovative').click();
    const ip = page.locator(
      '[data-testid="my-tier"][data-tier="innovative"] [data-testid="my-indicator"][data-indicator="ip"]',
    );
    await ip.waitFor({ timeout: 15_000 });
    expect(await ip.getAttribute('data-points')).toBe('15');
    expect(await ip.getByTestId('my-indicator-figures').textContent()).toContain('自主研发Ⅰ类');
  });

  it('reloads the facts when they changed elsewhere meanwhile (409), and says so', async () => {
    await openTab(page, 'my-tab-facts', 'my-facts-form');
    const mine = await apiCall<Mine>(base, enterprise, 'GET', '/api/my/cultivation');
    await apiCall(base, enterprise, 'PUT', '/api/my/cultivation/facts', {
      year: mine.dataYear,
      version: mine.ownVersion,
      facts: { ...mine.ownFacts, nicheYears: 5 },
    });
    await fillNumber(page, 'fact-nicheYears', '4');
    await page.getByTestId('my-facts-save').click();
    await page.getByText('资料已在别处被修改').first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('fact-nicheYears').first().inputValue(), {
        timeout: 15_000,
      })
      .toMatch(/^5(\.00)?$/);
  });

  it('attaches evidence files to a fact, lists them by fact and removes one', async () => {
    const pdf = (title: string) =>
      Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${title}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
    const evidence = page.getByTestId('my-evidence');
    await evidence.waitFor({ timeout: 15_000 });
    await pickOption(page, 'my-evidence-fact', '自主研发的Ⅰ类知识产权');
    const input = evidence.locator('input[type=file]');
    await input.setInputFiles({ name: '发明专利证书.pdf', mimeType: 'application/pdf', buffer: pdf('a') });
    await evidence.getByTestId('my-evidence-file').first().waitFor({ timeout: 15_000 });
    await input.setInputFiles({ name: '专利年费收据.pdf', mimeType: 'application/pdf', buffer: pdf('b') });
    await expect.poll(() => evidence.getByTestId('my-evidence-file').count(), { timeout: 15_000 }).toBe(2);
    const group = evidence.locator('[data-testid="my-evidence-group"][data-fact="ipClassISelfDeveloped"]');
    expect(await group.textContent()).toContain('发明专利证书.pdf');
    // A file of a type not accepted is refused before it is sent.
    await input.setInputFiles({
      name: '说明.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('MZ'),
    });
    await page.getByText('说明.exe 的格式不在可上传之列').first().waitFor({ timeout: 10_000 });

    await evidence
      .locator('[data-testid="my-evidence-file"]', { hasText: '专利年费收据.pdf' })
      .getByTestId('my-evidence-remove')
      .click();
    await confirmPopover(page);
    await expect.poll(() => evidence.getByTestId('my-evidence-file').count(), { timeout: 15_000 }).toBe(1);
  });

  it('does not offer the 专精特新 tier without the innovative recognition, and says why beside the button', async () => {
    await openTab(page, 'my-tab-specialised', 'my-tier-apply');
    const tier = page.locator('[data-testid="my-tier"][data-tier="specialised"]');
    expect(await tier.getByTestId('my-tier-apply').getAttribute('data-blocked')).toBe('prerequisite');
    expect(await tier.getByTestId('my-apply-open').isDisabled()).toBe(true);
    expect(await tier.getByTestId('my-tier-prerequisite').textContent()).toBe(
      '须先取得有效期内的创新型中小企业认定才能申报：本企业目前没有。',
    );
    const prerequisite = tier.locator('[data-testid="my-condition"][data-condition="prerequisite"]');
    expect(await prerequisite.getAttribute('data-met')).toBe('false');
    // Worded for one recognition (never "之一" of a list of one).
    const reason = await prerequisite.getByTestId('my-condition-reason').textContent();
    expect(reason).toBe('企业库中没有本企业有效期内的创新型中小企业认定');
    expect(await prerequisite.textContent()).not.toContain('之一');
    // The prerequisite is Huiqi's reading from memory: marked to be verified, its source worded.
    const mark = prerequisite.getByTestId('my-confidence');
    expect(await mark.getAttribute('data-confidence')).toBe('memory');
    expect(await mark.textContent()).toBe('待核实');
    await mark.hover();
    const tooltip = page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').first();
    await tooltip.waitFor({ timeout: 10_000 });
    expect(await tooltip.textContent()).toContain('未经核实');
    expect(await tooltip.textContent()).not.toContain('docs/');
    // The little giant likewise waits for 专精特新.
    await openTab(page, 'my-tab-little_giant', 'my-tier-apply');
    const giant = page.locator('[data-testid="my-tier"][data-tier="little_giant"]');
    expect(await giant.getByTestId('my-apply-open').isDisabled()).toBe(true);
    expect(await giant.getByTestId('my-tier-prerequisite').textContent()).toContain('专精特新中小企业认定');
  });

  it('applies for the innovative tier after a dialog saying what is sent, and opens the application', async () => {
    await openTab(page, 'my-tab-innovative', 'my-tier-apply');
    const tier = page.locator('[data-testid="my-tier"][data-tier="innovative"]');
    expect(await tier.getByTestId('my-tier-window').getAttribute('data-open')).toBe('true');
    await tier.getByTestId('my-apply-open').click();
    const dialog = page.getByTestId('my-apply-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    const text = await dialog.textContent();
    expect(text).toContain('工信部企业〔2022〕63号《优质中小企业梯度培育管理暂行办法》');
    expect(text).not.toContain('2022-innovative');
    expect(text).toContain('填报资料');
    await page.getByTestId('my-apply-confirm').click();
    const detail = page.getByTestId('my-application-detail');
    await detail.waitFor({ timeout: 15_000 });
    expect(await detail.getAttribute('data-stage')).toBe('county_review');
    applicationId = Number(await detail.getAttribute('data-id'));
    expect(applicationId).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('application')).toBe(String(applicationId));
    expect(await page.locator('[data-testid="my-event"][data-action="submitted"]').count()).toBe(1);
    expect(await page.getByTestId('my-application-due').getAttribute('data-due')).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
    // A second application of the tier this year is not offered.
    await page.keyboard.press('Escape');
    await page
      .getByTestId('my-application-drawer')
      .waitFor({ state: 'hidden', timeout: 10_000 })
      .catch(() => undefined);
    expect(await tier.getByTestId('my-tier-apply').getAttribute('data-blocked')).toBe('applied');
  });

  it('reads the county’s return comment, resubmits, then withdraws', async () => {
    const county = await apiSession(base, 'official.county');
    const mine = await apiCall<Mine>(base, enterprise, 'GET', '/api/my/cultivation');
    const application = mine.applications.find((a) => a.id === applicationId);
    if (!application) throw new Error('the application is not listed');
    await apiCall(
      base,
      county,
      'POST',
      `/api/cultivation/applications/${application.enterpriseId}/${application.id}/actions`,
      { action: 'return', comment: '请补充研发机构的认定文件', version: application.version },
    );

    await page.goto(`${base}/app/my/cultivation?tab=applications`);
    const card = page.locator(`[data-testid="my-application"][data-id="${applicationId}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getAttribute('data-stage')).toBe('returned');
    expect(await card.textContent()).toContain('请补充研发机构的认定文件');
    await card.getByTestId('my-application-open').click();
    const detail = page.getByTestId('my-application-detail');
    await detail.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('my-application-return').textContent()).toContain(
      '请补充研发机构的认定文件',
    );
    expect(await page.locator('[data-testid="my-event"][data-action="return"]').textContent()).toContain(
      '请补充研发机构的认定文件',
    );

    await page.getByTestId('my-resubmit').click();
    await confirmPopover(page);
    await expect.poll(() => detail.getAttribute('data-stage'), { timeout: 15_000 }).toBe('county_review');
    expect(await page.getByTestId('my-resubmit').count()).toBe(0);

    await page.getByTestId('my-withdraw').click();
    await confirmPopover(page);
    await expect
      .poll(() => page.getByTestId('my-application-detail').getAttribute('data-stage'), { timeout: 15_000 })
      .toBe('withdrawn');
    expect(await page.getByTestId('my-withdraw').count()).toBe(0);
  });

  it('shows an application approved by the province on public notice, with its days', async () => {
    const county = await apiSession(base, 'official.county');
    const province = await apiSession(base, 'official.province');
    const applied = await apiCall<{ id: number; enterpriseId: number; version: number }>(
      base,
      enterprise,
      'POST',
      '/api/my/cultivation/applications',
      { tier: 'innovative' },
    );
    const actions = `/api/cultivation/applications/${applied.enterpriseId}/${applied.id}/actions`;
    const recommended = await apiCall<{ version: number }>(base, county, 'POST', actions, {
      action: 'recommend',
      version: applied.version,
    });
    const approved = await apiCall<{ stage: string; noticeFrom: string; noticeTo: string }>(
      base,
      province,
      'POST',
      actions,
      { action: 'approve', version: recommended.version },
    );
    expect(approved.stage).toBe('notice');

    await page.goto(`${base}/app/my/cultivation?tab=applications&application=${applied.id}`);
    const detail = page.getByTestId('my-application-detail');
    await detail.waitFor({ timeout: 15_000 });
    expect(await detail.getAttribute('data-stage')).toBe('notice');
    const notice = detail.getByTestId('my-application-notice');
    expect([await notice.getAttribute('data-from'), await notice.getAttribute('data-to')]).toEqual([
      approved.noticeFrom,
      approved.noticeTo,
    ]);
    expect(await detail.textContent()).toContain('公示期内没有收到异议');
    // On notice it can no longer be withdrawn.
    expect(await page.getByTestId('my-withdraw').count()).toBe(0);
    expect(
      await page
        .locator('[data-testid="my-event"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
    ).toEqual(['submitted', 'recommend', 'approve']);

    // An objection lodged while on notice (moved to today: days cannot pass in a test) and answered by the province:
    // its answer stands on the enterprise's timeline, upheld or not, with the reason and the time.
    const today = todayInChina();
    await sql`update cultivation_applications set notice_from = ${today}::date,
      notice_to = ${addDays(today, 4)}::date where id = ${applied.id}`.execute(rig.server.db);
    const lodged = await fetch(
      `${base}/api/public/cultivation/notices/${applied.enterpriseId}/${applied.id}/objections`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '王五', contact: '13800000000', content: '该企业的专利已转让他人。' }),
      },
    );
    expect(lodged.status).toBe(200);
    const objectionId = ((await lodged.json()) as { id: number }).id;
    await apiCall(
      base,
      province,
      'POST',
      `/api/cultivation/objections/${applied.enterpriseId}/${objectionId}`,
      {
        state: 'dismissed',
        answer: '经核实，专利仍在企业名下。',
      },
    );
    await page.reload();
    const answer = page.locator('[data-testid="my-event"][data-action="objection_dismissed"]');
    await answer.waitFor({ timeout: 15_000 });
    const answerText = await answer.textContent();
    expect(answerText).toContain('答复异议：异议不成立');
    expect(answerText).toContain('答复：经核实，专利仍在企业名下。');
    expect(answerText).toContain('主管部门');
    expect(answerText).toMatch(/\d{4}\/\d{2}\/\d{2}/);
    expect(
      await page
        .locator('[data-testid="my-event"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
    ).toEqual(['submitted', 'recommend', 'approve', 'objection', 'objection_dismissed']);

    // With an application of the year decided for notice, its evidence can no longer be removed.
    await page.goto(`${base}/app/my/cultivation?tab=facts`);
    const file = page.getByTestId('my-evidence-file').first();
    await file.waitFor({ timeout: 15_000 });
    expect(await file.getByTestId('my-evidence-remove').isDisabled()).toBe(true);
  });

  it('fits a phone (390 px): every tab without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const tab of ['innovative', 'specialised', 'little_giant', 'facts', 'applications']) {
        await page.goto(`${base}/app/my/cultivation?tab=${tab}`);
        await page.getByTestId('my-cultivation-tabs').waitFor({ timeout: 15_000 });
        await page
          .waitForFunction(() => !document.querySelector('.ant-skeleton-active'), undefined, {
            timeout: 10_000,
          })
          .catch(() => undefined);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, tab).toBeLessThanOrEqual(0);
        if (SHOTS)
          await page.screenshot({ path: `${SHOTS}/cultivation-my-${tab}-phone.png`, fullPage: true });
      }
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('reads in English', async () => {
    await page.goto(`${base}/app/my/cultivation`);
    await page.getByTestId('my-tier').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('lang-switch').first().click();
    try {
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, {
        timeout: 10_000,
      });
      await expect
        .poll(() => page.getByTestId('page-title').textContent(), { timeout: 15_000 })
        .toBe('Gradient cultivation: self-assessment and applications');
      expect(await page.getByTestId('my-tier-successor').textContent()).toContain(
        'Reported: Measures for the Gradient Cultivation of Quality SMEs (工信部企业〔2026〕2号)',
      );
      expect(await page.getByTestId('my-tier-status').first().textContent()).toMatch(/qualify|missing/);
      // The document's title, the tiers' and the recognitions' names in English.
      expect(await page.getByTestId('my-tier-document').textContent()).toBe(
        'Interim Measures for the Gradient Cultivation of Quality SMEs',
      );
      const conditions = await page.getByTestId('my-tier-conditions').first().textContent();
      expect(conditions).not.toMatch(/[\u4e00-\u9fff]/);
      const tabs = await page.locator('[data-testid^="my-tab-"]').allTextContents();
      expect(tabs.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
      await page.getByTestId('my-tab-specialised').click();
      const prerequisite = page.locator('[data-testid="my-condition"][data-condition="prerequisite"]');
      await prerequisite.waitFor({ timeout: 15_000 });
      expect(await prerequisite.textContent()).toContain('Innovative SME');
      expect(await prerequisite.textContent()).not.toMatch(/[\u4e00-\u9fff]/);
      expect(await page.getByTestId('my-tier-prerequisite').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-my-en.png`, fullPage: true });
    } finally {
      if ((await page.evaluate(() => document.documentElement.lang)) === 'en')
        await page.getByTestId('lang-switch').first().click();
    }
  });
});
