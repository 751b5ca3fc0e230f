/**
 * The officials' cultivation dashboard (issue 18) in a browser, on the demo data: the demo enterprise's innovative
 * application taken through the county and the province to recognition (its validity then shortened to end in 60
 * days), and one other enterprise of the county scored likely for the tier — made through the API and, for the
 * dates and the score, SQL (the demo has no cultivation data). The county's official reads the recognition against
 * the national target with what that target is, the pipeline's recognised cell, the recognition expiring soon
 * (opening its application), the likely candidate (opening the enterprise) found by search, and downloads the tables
 * with the page's numbers; the province's official sees it under 苏州市, finds 南京市's list never scored (said so)
 * and computes its scores (when and by whom shown after), where a county's official has no such button; the page
 * fits a phone (390 px) and 1280 px (合计 in sight) and reads in English.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/reference/calendar.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { type ApiSession, apiCall, apiSession, type BrowserRig, signIn, startRig } from './browser.ts';

/** Where to save screenshots (HUIQI_E2E_SHOTS), if anywhere. */
const SHOTS = process.env.HUIQI_E2E_SHOTS;
const TODAY = todayInChina();

/** What the dashboard says of the innovative tier (the demo has applications of its own: counted from them). */
interface Innovative {
  recognised: number;
  pipelineRecognised: number;
  expiring: number;
  candidates: number;
  suzhou: number;
}

async function innovativeOf(base: string, session: ApiSession): Promise<Innovative> {
  const d = await apiCall<{
    tiers: { tier: string; recognised: number; expiring: number; candidates: number }[];
    pipeline: { tier: string; stage: string; count: number }[];
    bySubRegion: { code: string; counts: Record<string, number> }[];
  }>(base, session, 'GET', '/api/cultivation/dashboard');
  const tier = d.tiers.find((x) => x.tier === 'innovative');
  return {
    recognised: tier?.recognised ?? 0,
    pipelineRecognised:
      d.pipeline.find((p) => p.tier === 'innovative' && p.stage === 'recognised')?.count ?? 0,
    expiring: tier?.expiring ?? 0,
    candidates: tier?.candidates ?? 0,
    suzhou: d.bySubRegion.find((r) => r.code === '320500')?.counts.innovative ?? 0,
  };
}

/** Waits for the dashboard and its chart (or its empty state) to have loaded. */
async function openDashboard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('cult-dash-tiers').waitFor({ timeout: 20_000 });
  await page
    .waitForFunction(() => !document.querySelector('.ant-skeleton-active'), undefined, { timeout: 15_000 })
    .catch(() => undefined);
}

/** How far the page runs past the window's right edge (0 or less: it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('the officials’ cultivation dashboard in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let application = { id: 0, enterpriseId: 0 };
  let candidate = { id: 0, name: '' };
  let before: Innovative;
  let provinceBefore: Innovative;
  const ends = addDays(TODAY, 60);

  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    base = rig.server.url;
    const db = rig.server.db;
    const enterprise = await apiSession(base, 'enterprise');
    const county = await apiSession(base, 'official.county');
    const province = await apiSession(base, 'official.province');
    before = await innovativeOf(base, county);
    provinceBefore = await innovativeOf(base, province);
    const applied = await apiCall<{ id: number; enterpriseId: number; version: number; regionCode: string }>(
      base,
      enterprise,
      'POST',
      '/api/my/cultivation/applications',
      { tier: 'innovative' },
    );
    expect(applied.regionCode).toBe('320583');
    application = { id: applied.id, enterpriseId: applied.enterpriseId };
    const actions = `/api/cultivation/applications/${applied.enterpriseId}/${applied.id}/actions`;
    const recommended = await apiCall<{ version: number }>(base, county, 'POST', actions, {
      action: 'recommend',
      version: applied.version,
    });
    const approved = await apiCall<{ version: number }>(base, province, 'POST', actions, {
      action: 'approve',
      version: recommended.version,
    });
    await sql`update cultivation_applications set notice_from = ${addDays(TODAY, -6)}::date,
      notice_to = ${addDays(TODAY, -1)}::date where id = ${applied.id}`.execute(db);
    const announced = await apiCall<{ stage: string }>(base, province, 'POST', actions, {
      action: 'announce',
      version: approved.version,
    });
    expect(announced.stage).toBe('recognised');
    await sql`update cultivation_applications set valid_to = ${ends}::date where id = ${applied.id}`.execute(
      db,
    );
    // Another enterprise of the county, scored likely for the tier by the registry-wide scoring.
    const other = await sql<{ id: number; name: string }>`select id, name from enterprises
      where region_code = '320583' and id <> ${applied.enterpriseId} and not exists (select 1
        from enterprise_certifications c where c.enterprise_id = enterprises.id and c.name = '创新型中小企业')
        and not exists (select 1 from cultivation_applications a where a.enterprise_id = enterprises.id)
        and not exists (select 1 from cultivation_scores s where s.enterprise_id = enterprises.id)
      order by id limit 1`.execute(db);
    const row = other.rows[0];
    if (!row) throw new Error('the demo has one enterprise in 昆山市 only');
    candidate = { id: Number(row.id), name: row.name };
    await sql`insert into cultivation_scores (enterprise_id, tier, standard_version, data_year, status, score, missing)
      values (${candidate.id}, 'innovative', 'miit-2022-innovative', ${Number(TODAY.slice(0, 4)) - 1}, 'likely', 72,
        1)`.execute(db);
  });
  afterAll(() => rig?.close());

  it('shows the county its recognition against the national target, saying what the target is', async () => {
    await signIn(page, base, 'official.county');
    await openDashboard(page, `${base}/app/cultivation/dashboard`);
    expect(await page.getByTestId('page-title').textContent()).toBe('梯度培育看板');
    const value = (testId: string) => page.getByTestId(testId).getAttribute('data-value');
    expect(await value('cult-dash-recognised-innovative')).toBe(String(before.recognised + 1));
    const card = await page.getByTestId('cult-dash-tier-innovative').textContent();
    expect(card).toContain('全国目标 1,000,000 家');
    // A few of a million: too small for two decimals, said so rather than 0.00%.
    expect(card).toContain('占全国目标 < 0.01%');
    const note = await page.getByTestId('cult-dash-targets-note').textContent();
    expect(note).toContain('“十四五”');
    expect(note).toContain('没有分解');
    expect(await value('cult-dash-pipeline-innovative-recognised')).toBe(
      String(before.pipelineRecognised + 1),
    );
    await page.getByTestId('cult-dash-pipeline-chart').waitFor({ timeout: 15_000 });
    expect(await value('cult-dash-expiring-count-innovative')).toBe(String(before.expiring + 1));
    expect(await value('cult-dash-candidates-count-innovative')).toBe(String(before.candidates + 1));
  });

  it('lists the recognition expiring within 180 days, opening its application', async () => {
    const link = page.getByTestId(`cult-dash-expiring-${application.id}`);
    expect(await page.getByTestId('cult-dash-expiring-table').textContent()).toContain('60 天');
    await link.click();
    await page.waitForURL(
      `${base}/app/cultivation/applications/${application.enterpriseId}/${application.id}`,
      { timeout: 10_000 },
    );
  });

  it('lists the likely candidate not applying, found by search, opening the enterprise', async () => {
    await openDashboard(page, `${base}/app/cultivation/dashboard`);
    const table = page.getByTestId('cult-dash-candidates-table');
    await page.getByTestId(`cult-dash-candidate-${candidate.id}`).waitFor({ timeout: 15_000 });
    // The recognised applicant holds the tier: not a candidate.
    expect(await page.getByTestId(`cult-dash-candidate-${application.enterpriseId}`).count()).toBe(0);
    expect(await page.getByTestId('cult-dash-scored-at').count()).toBe(1);
    const search = page.getByTestId('cult-dash-candidates-search').locator('input');
    await search.fill('不会有这样的企业名称');
    await search.press('Enter');
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain('没有符合条件的企业');
    await search.fill(candidate.name.slice(0, 6));
    await search.press('Enter');
    await page.getByTestId(`cult-dash-candidate-${candidate.id}`).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('q')).toBe(candidate.name.slice(0, 6));
    await page.getByTestId(`cult-dash-candidate-${candidate.id}`).click();
    await page.waitForURL(`${base}/app/enterprises/${candidate.id}`, { timeout: 10_000 });
  });

  it('downloads the tables with the numbers the page shows', async () => {
    await openDashboard(page, `${base}/app/cultivation/dashboard`);
    const [tiers] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('cult-dash-tiers-export-csv').click(),
    ]);
    const text = readFileSync((await tiers.path()) ?? '', 'utf8').replace(/^\uFEFF/, '');
    const [header = '', innovative = ''] = text.split('\r\n');
    const columns = header.split(',');
    const cells = innovative.split(',');
    expect(cells[0]).toBe('创新型中小企业');
    const now = await innovativeOf(base, await apiSession(base, 'official.county'));
    expect(now.recognised).toBe(before.recognised + 1);
    expect(cells[columns.indexOf('有效认定数')]).toBe(String(now.recognised));
    expect(cells[columns.indexOf('本年申请：已认定')]).toBe(String(now.pipelineRecognised));
    expect(cells[columns.indexOf('180 天内到期')]).toBe(String(now.expiring));
    expect(cells[columns.indexOf('可能符合未申报')]).toBe(String(now.candidates));

    const [candidates] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('cult-dash-candidates-export-csv').click(),
    ]);
    const list = readFileSync((await candidates.path()) ?? '', 'utf8')
      .trim()
      .split('\r\n');
    expect(list).toHaveLength(2);
    expect(list[1]).toContain(candidate.name);
  });

  it('shows the province its recognitions by city', async () => {
    await signIn(page, base, 'official.province');
    await openDashboard(page, `${base}/app/cultivation/dashboard`);
    await page.getByTestId('cult-dash-regions').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('cult-dash-region-320500-innovative').getAttribute('data-value')).toBe(
      String(provinceBefore.suzhou + 1),
    );
    expect(await page.getByTestId('cult-dash-regions').textContent()).toContain('苏州市');
    // The region picker narrows it to another city: nothing there.
    await openDashboard(page, `${base}/app/cultivation/dashboard?regionCode=320100`);
    expect(await page.getByTestId('cult-dash-recognised-innovative').getAttribute('data-value')).toBe('0');
    expect(await page.getByTestId('cult-dash-scope').textContent()).toContain('南京市');
  });

  it('explains an empty list never scored, and lets the province compute the scores with their progress', async () => {
    // 南京市 has no scores: the list says why it is empty and how the scores come.
    await openDashboard(page, `${base}/app/cultivation/dashboard?regionCode=320100`);
    const never = page.getByTestId('cult-dash-candidates-never-scored');
    await never.waitFor({ timeout: 15_000 });
    expect(await never.textContent()).toContain('尚未计算评分');
    expect(await never.textContent()).toContain('开始计算评分');
    expect(await page.getByTestId('cult-dash-scoring-last').count()).toBe(0);
    await page.getByTestId('cult-dash-scoring-start').click();
    // The run shows its progress while it runs (a small region may finish before the page reads it), then when the
    // scores were computed, by whom and over how many enterprises.
    const last = page.getByTestId('cult-dash-scoring-last');
    await last.waitFor({ timeout: 60_000 });
    expect(await last.textContent()).toContain('南京市');
    expect(await last.textContent()).toContain('official.province');
    expect(await page.getByTestId('cult-dash-scoring-progress').count()).toBe(0);
    expect(await page.getByTestId('cult-dash-scoring-start').textContent()).toContain('重新计算评分');
    expect(await page.getByTestId('cult-dash-candidates-never-scored').count()).toBe(0);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_log
      where action = 'cultivation.scoring_queued'`.execute(rig.server.db);
    expect(rows[0]?.n).toBe(1);
  });

  it('shows a county’s official no way to start the scoring, nor another region’s', async () => {
    await signIn(page, base, 'official.county');
    await openDashboard(page, `${base}/app/cultivation/dashboard`);
    // The list has its (SQL-written) candidate: scored, so no "never scored" state.
    await page.getByTestId(`cult-dash-candidate-${candidate.id}`).waitFor({ timeout: 15_000 });
    await page.getByTestId('cult-dash-scored-at').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('cult-dash-candidates-never-scored').count()).toBe(0);
    // No run covers the county (the province scored 南京市), and a county's official starts none.
    expect(await page.getByTestId('cult-dash-scoring-start').count()).toBe(0);
    expect(await page.getByTestId('cult-dash-scoring').count()).toBe(0);
    // 南京市 is outside the county: the official cannot look at it, scored or not.
    const scoring = await fetch(`${base}/api/cultivation/scoring?regionCode=320100`, {
      headers: { cookie: (await apiSession(base, 'official.county')).cookie },
    });
    expect(scoring.status).toBe(403);
  });

  it('fits a phone (390 px) and a 1280 px screen without sideways scrolling', async () => {
    try {
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await openDashboard(page, `${base}/app/cultivation/dashboard`);
        await page.getByTestId('cult-dash-pipeline-chart').waitFor({ timeout: 15_000 });
        expect(await overflow(page), `${width} px`).toBeLessThanOrEqual(0);
        if (width === 1280) {
          // 合计 stays in sight: its cell ends inside the table's box, not in the part scrolled out of view.
          const table = await page.getByTestId('cult-dash-pipeline').boundingBox();
          const total = await page.getByTestId('cult-dash-pipeline-innovative-total').boundingBox();
          if (!table || !total) throw new Error('the pipeline table or its total is not shown');
          expect(total.x + total.width).toBeLessThanOrEqual(table.x + table.width + 1);
          expect(total.x).toBeGreaterThanOrEqual(table.x);
          expect(await page.getByTestId('cult-dash-pipeline-innovative-total').textContent()).toMatch(/^\d/);
        }
        if (SHOTS)
          await page.screenshot({ path: `${SHOTS}/cultivation-dashboard-${width}.png`, fullPage: true });
      }
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('reads in English', async () => {
    await openDashboard(page, `${base}/app/cultivation/dashboard`);
    await page.getByTestId('lang-switch').first().click();
    try {
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, {
        timeout: 10_000,
      });
      await expect
        .poll(() => page.getByTestId('page-title').textContent(), { timeout: 15_000 })
        .toBe('Cultivation dashboard');
      expect(await page.getByTestId('cult-dash-targets-note').textContent()).toContain('14th Five-Year Plan');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/cultivation-dashboard-en.png`, fullPage: true });
    } finally {
      if ((await page.evaluate(() => document.documentElement.lang)) === 'en')
        await page.getByTestId('lang-switch').first().click();
    }
  });
});
