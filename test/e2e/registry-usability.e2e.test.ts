/**
 * The registry jobs issue 12 found broken or missing, walked in a browser at 1440 × 900: an official records and
 * ends a qualification with evidence (a link, the certificate file, the ending's notice); the enterprise page shows
 * the policies it qualifies for and leads to its cases; a statistics drill-down
 * survives Back and a reload; exports and the import error report say what the page says in one language; the size
 * self-test asks for a missing figure and Enter does not send half a form; the tables fit the screen.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, signIn, startRig } from './browser.ts';

/** Every table on the page fits its box (no horizontal scrolling at 1440 px). */
async function tablesFit(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map(
        (el) =>
          `${el.closest('[data-testid]')?.getAttribute('data-testid') ?? '?'}: ${el.scrollWidth} > ${el.clientWidth}`,
      ),
  );
}

const WAIT = { timeout: 15_000 };
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('registry usability (issue 12)', () => {
  let rig: BrowserRig;
  let page: Page;
  let enterprise: { id: number; uscc: string; name: string };

  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    await page.setViewportSize({ width: 1440, height: 900 });
    enterprise = await rig.server.db
      .selectFrom('enterprises')
      .select(['id', 'uscc', 'name'])
      .where('region_code', '=', '320583')
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await signIn(page, rig.server.url, 'official.county');
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('records a qualification with its evidence and ends it with a reason, both audited', async () => {
    await page.goto(`${rig.server.url}/app/enterprises/${enterprise.id}`);
    await page.getByTestId('qualification-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('资质名称').fill('专精特新中小企业');
    await dialog.getByLabel('证书编号').fill('ZJTX-2025-0042');
    await dialog.getByLabel('认定机关').fill('江苏省工业和信息化厅');
    await dialog.getByLabel('有效期起').fill('2025-01-01');
    // Enter in the date field moves on; it does not save the half-filled form.
    await dialog.getByLabel('有效期起').press('Enter');
    await dialog.getByLabel(/有效期至/).fill('2027-12-31');
    await dialog.getByLabel(/证书或公告链接/).fill('https://example.org/zjtx.pdf');
    expect(await dialog.isVisible()).toBe(true);
    await page.getByTestId('qualification-save').click();
    await dialog.waitFor({ state: 'hidden' });

    const table = page.getByTestId('enterprise-certifications');
    await expect.poll(() => table.textContent(), WAIT).toContain('ZJTX-2025-0042');
    const row = table.locator('tr', { hasText: 'ZJTX-2025-0042' });
    expect(await row.textContent()).toContain('江苏省工业和信息化厅');
    expect(await row.getAttribute('data-state')).toBe('valid');
    expect(await row.getByRole('link').getAttribute('href')).toBe('https://example.org/zjtx.pdf');
    expect(await tablesFit(page)).toEqual([]);

    await row.locator('[data-testid^="qualification-end-"]').click();
    const endDialog = page.getByRole('dialog');
    await endDialog.getByLabel('终止原因').fill('认定被撤销');
    await page.getByTestId('qualification-end-confirm').click();
    await endDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getAttribute('data-state'), WAIT).toBe('ended');
    expect(await row.textContent()).toContain('已终止');

    const actions = await rig.server.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'enterprise')
      .where('target_id', '=', String(enterprise.id))
      // The demo enterprise's other audited changes (its credit consents, an objection) are not this test's.
      .where('action', 'like', 'enterprise.qualification%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'enterprise.qualification_added',
      'enterprise.qualification_ended',
    ]);
  });

  it('attaches the certificate file when recording a qualification and the notice when ending it', async () => {
    await page.goto(`${rig.server.url}/app/enterprises/${enterprise.id}`);
    await page.getByTestId('qualification-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('资质名称').fill('高新技术企业');
    await dialog.getByLabel('证书编号').fill('GR202532009999');
    await dialog.getByLabel('认定机关').fill('江苏省科学技术厅');
    await dialog.getByLabel('有效期起').fill('2025-02-01');
    // A file that is not a PDF or an image is refused before anything is sent, saying why.
    const picker = dialog.locator('input[type=file]').first();
    await picker.setInputFiles({ name: '说明.docx', mimeType: 'application/octet-stream', buffer: PDF });
    await expect
      .poll(() => page.getByTestId('qualification-file-problem').textContent(), WAIT)
      .toContain('不是 PDF 或图片');
    await picker.setInputFiles({ name: '高新证书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect
      .poll(() => page.getByTestId('qualification-file-chosen').textContent(), WAIT)
      .toContain('高新证书.pdf');
    await page.getByTestId('qualification-save').click();
    await dialog.waitFor({ state: 'hidden' });

    const table = page.getByTestId('enterprise-certifications');
    const row = table.locator('tr', { hasText: 'GR202532009999' });
    const link = row.getByTestId('qualification-file-link');
    await expect.poll(() => link.textContent(), WAIT).toContain('高新证书.pdf');
    const href = (await link.getAttribute('href')) ?? '';
    const served = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return {
        status: response.status,
        disposition: response.headers.get('content-disposition'),
        text: await response.text(),
      };
    }, href);
    expect(served.status).toBe(200);
    expect(served.disposition).toMatch(/^attachment;/);
    expect(served.text.startsWith('%PDF-')).toBe(true);
    expect(await tablesFit(page)).toEqual([]);

    // Ending it with a notice that is really a web page: the qualification ends, the file is refused and named.
    await row.locator('[data-testid^="qualification-end-"]').first().click();
    const endDialog = page.getByRole('dialog');
    await endDialog.getByLabel('终止原因').fill('企业自愿放弃');
    await endDialog
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: '公告.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('<html><body>x</body></html>'),
      });
    await page.getByTestId('qualification-end-confirm').click();
    await endDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getAttribute('data-state'), WAIT).toBe('ended');
    await expect.poll(() => page.locator('.ant-message').textContent(), WAIT).toContain('HTML');
    // Attached again from the list, a real notice is kept as the ending's file.
    await row
      .locator('[data-testid^="qualification-attach-"]')
      .locator('xpath=ancestor::span[contains(@class,"ant-upload")]')
      .locator('input[type=file]')
      .setInputFiles({ name: '撤销公告.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => row.getByTestId('qualification-file-link').count(), WAIT).toBe(2);
    const stored = await rig.server.db
      .selectFrom('qualification_evidence')
      .select(['stage', 'file_name'])
      .where('enterprise_id', '=', enterprise.id)
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      { stage: 'added', file_name: '高新证书.pdf' },
      { stage: 'ended', file_name: '撤销公告.png' },
    ]);

    // The enterprise itself (the demo enterprise user's firm: the county's first active one) downloads them too.
    await signIn(page, rig.server.url, 'enterprise');
    await page.goto(`${rig.server.url}/app/my-enterprise`);
    const own = page.getByTestId('certification-file-link').filter({ hasText: '高新证书.pdf' });
    await own.waitFor(WAIT);
    const ownHref = (await own.getAttribute('href')) ?? '';
    expect(ownHref).toBe(href);
    expect(await page.evaluate(async (url) => (await fetch(url)).status, ownHref)).toBe(200);
    await signIn(page, rig.server.url, 'official.county');
  });

  it('shows the policies the enterprise qualifies for, with why, linking to each, and its cases', async () => {
    await page.goto(`${rig.server.url}/app/enterprises/${enterprise.id}`);
    const card = page.getByTestId('enterprise-policies');
    await page.getByTestId('enterprise-policies-link').click();
    const expected = await page.evaluate(async (id) => {
      const response = await fetch(`/api/enterprises/${id}/policies`);
      return (await response.json()) as {
        eligible: { id: number; title: { zh: string } }[];
        almost: { id: number; title: { zh: string } }[];
      };
    }, enterprise.id);
    expect(expected.eligible.length + expected.almost.length).toBeGreaterThan(0);
    await expect
      .poll(() => card.getByTestId('enterprise-policies-tab-eligible').textContent(), WAIT)
      .toContain(String(expected.eligible.length));
    const eligible = card.getByTestId('enterprise-policies-eligible');
    const titles = await eligible.getByTestId('enterprise-policy-link').allTextContents();
    expect(titles.sort()).toEqual(expected.eligible.map((p) => p.title.zh).sort());
    const [first] = expected.eligible;
    if (first) {
      // Why it qualifies: the clause tree, every clause met.
      await eligible.locator('tr', { hasText: first.title.zh }).locator('.ant-table-row-expand-icon').click();
      const why = card.getByTestId(`enterprise-policy-why-${first.id}`);
      await why.waitFor(WAIT);
      expect(await why.locator('[data-result="false"]').count()).toBe(0);
    }
    const [almost] = expected.almost;
    if (almost) {
      await card.getByTestId('enterprise-policies-tab-almost').click();
      await card.getByTestId(`enterprise-policy-near-miss-${almost.id}`).waitFor(WAIT);
    }
    expect(await tablesFit(page)).toEqual([]);
    const policyLink = card.locator('[data-testid="enterprise-policy-link"]:visible').first();
    const policyHref = (await policyLink.getAttribute('href')) ?? '';
    expect(policyHref).toMatch(/^\/policies\/\d+$/);
    await policyLink.click();
    await page.waitForURL(new RegExp(`${policyHref}$`));
    await page.getByTestId('policy-versions').waitFor(WAIT);

    await page.goto(`${rig.server.url}/app/enterprises/${enterprise.id}`);
    await page.getByTestId('enterprise-cases-link').click();
    await page.waitForURL(/\/app\/cases\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('enterprise')).toBe(String(enterprise.id));
    expect(url.searchParams.get('state')).toBe('all');
    // The queue says whose cases it shows, and shows only theirs.
    await page.getByTestId('case-queue-enterprise').waitFor({ timeout: 15_000 });
    const stored = await rig.server.db
      .selectFrom('cases')
      .select('id')
      .where('enterprise_id', '=', enterprise.id)
      .execute();
    const shown = await page
      .locator('[data-testid^="case-link-"]')
      .evaluateAll((links) =>
        links.map((link) => Number(link.getAttribute('data-testid')?.slice('case-link-'.length))),
      );
    for (const id of shown) expect(stored.map((row) => row.id)).toContain(id);
  });

  it('keeps the statistics drill-down in the URL: Back goes up a level, a reload stays', async () => {
    await signIn(page, rig.server.url, 'official.city');
    await page.goto(`${rig.server.url}/app/stats`);
    const crumbs = page.getByTestId('stats-breadcrumb');
    await expect.poll(() => crumbs.textContent(), WAIT).toContain('苏州市');
    const table = page.getByTestId('stats-region-table');
    await table.getByText('昆山市', { exact: true }).first().click();
    await page.waitForURL(/region=320583/);
    await expect.poll(() => crumbs.textContent(), WAIT).toContain('昆山市');
    expect(await tablesFit(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => crumbs.textContent(), WAIT).toContain('昆山市');
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('region'));
    await expect.poll(() => crumbs.textContent(), WAIT).not.toContain('昆山市');
  });

  it('exports the list as the page shows it: its headers, 存续 not active, names not codes', async () => {
    await page.goto(`${rig.server.url}/app/enterprises?region=320583`);
    await page.getByTestId('enterprises-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await tablesFit(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('enterprises-export-csv').click(),
    ]);
    const text = readFileSync((await download.path()) as string, 'utf8');
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const pageHeaders = await page.getByTestId('enterprises-table').locator('thead th').allTextContents();
    for (const title of pageHeaders.filter(Boolean)) expect(header).toContain(title);
    expect(rows.some((line) => line.includes(',存续,'))).toBe(true);
    expect(rows.some((line) => /,(active|suspended|micro|small),/.test(line))).toBe(false);

    const english = await page.evaluate(async () => {
      const response = await fetch('/api/enterprises/export?format=csv&region=320583&lang=en');
      return response.text();
    });
    expect(english).toContain(',Active,');
    expect(english).not.toMatch(/,active,/);
  });

  it('names the column as the file did and keeps each message in one language in the import report', async () => {
    await signIn(page, rig.server.url, 'official.county');
    await page.goto(`${rig.server.url}/app/imports`);
    await page.getByTestId('import-mode').locator('input[value="all_or_nothing"]').check({ force: true });
    const header =
      '统一社会信用代码,企业名称,注册地行政区划代码,行业代码,年度,从业人员（人）,营业收入（万元）,资产总额（万元）';
    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [header, `${enterprise.uscc},${enterprise.name},320583,C39,2025,很多,500,800`].join('\n'),
        ),
      });
    await page.getByTestId('import-submit').click();
    await page.locator('[data-testid="import-status"][data-status="rejected"]').waitFor({ timeout: 60_000 });
    const outcome = (await page.getByTestId('import-outcome').textContent()) ?? '';
    expect(outcome).toContain('整个文件未导入');
    expect(outcome).not.toMatch(/[A-Za-z]{3,}/);

    const errors = page.getByTestId('import-errors-table');
    await expect.poll(() => errors.textContent(), WAIT).toContain('从业人员（人）');
    const text = (await errors.textContent()) ?? '';
    expect(text).not.toContain('employees');
    expect(text).toContain('IMPORT_VALUE_INVALID');
    const headers = await errors.locator('thead th').allTextContents();
    expect(headers).toEqual(['行号', '列', '问题', '错误代码']);
    expect(await tablesFit(page)).toEqual([]);
  });

  it('asks for a missing figure in the size self-test instead of answering 无效, and Enter moves on', async () => {
    await page.goto(`${rig.server.url}/size-test?industryCode=C13`);
    const employees = page.getByTestId('size-test-employees');
    await employees.fill('20');
    await employees.press('Enter');
    // Enter went to the next empty figure: nothing was sent.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'size-test-revenue',
    );
    expect(await page.getByTestId('size-test-needed').count()).toBe(0);
    expect(await page.getByTestId('size-test-result').count()).toBe(0);

    await page.getByTestId('size-test-submit').click();
    const needed = page.getByTestId('size-test-needed');
    await needed.waitFor();
    expect(await needed.textContent()).toContain('请输入营业收入');
    expect(await page.getByTestId('size-test-form').textContent()).toContain('请输入营业收入');
    expect(await page.getByTestId('size-test-size').count()).toBe(0);

    await page.getByTestId('size-test-revenue').fill('300');
    await page.getByTestId('size-test-submit').click();
    await page.getByTestId('size-test-result').waitFor();
    expect(await page.getByTestId('size-test-size').textContent()).toContain('小型');

    // The test is kept in the address: a reload shows the same figures and the same answer.
    await page.waitForURL(/employees=20/);
    expect(page.url()).toContain('operatingRevenue=300');
    await page.reload();
    await page.getByTestId('size-test-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('size-test-size').textContent()).toContain('小型');
    expect(await page.getByTestId('size-test-employees').inputValue()).toBe('20');
  });
});
