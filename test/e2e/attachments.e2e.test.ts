/**
 * Attachments in a browser: the enterprise submits a demand with a file, adds another on the case page (a disguised
 * file is refused with the server's message), and the county official sees both on the case page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, signIn, startRig } from './browser.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Waits until the attachments card lists `count` files. */
async function waitForCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid="case-attachments"]')?.getAttribute('data-count') === String(n),
    count,
    { timeout: 15_000 },
  );
}

describe('case attachments in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let caseId = 0;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
  });
  afterAll(() => rig?.close());

  it('lets the enterprise submit a demand with a file and add another on the case page', async () => {
    await signIn(page, rig.server.url, 'enterprise');
    await page.goto(`${rig.server.url}/app/my-cases?new=demand`);
    await page.getByTestId('demand-form').waitFor({ timeout: 15_000 });
    await page.getByTestId('demand-category').click();
    // The open dropdown's option, clicked by event (a dropdown still moving into place makes pointer clicks miss).
    const option = page.locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
      {
        hasText: '权益保护',
      },
    );
    await option.first().waitFor({ timeout: 10_000 });
    await option.first().dispatchEvent('click');
    await page.getByTestId('demand-title').fill('对方拖欠货款，附合同');
    await page.getByTestId('demand-description').fill('合同约定验收后三十日内付款，至今未付，附合同扫描件。');
    await page
      .getByTestId('attachment-picker')
      .locator('input[type=file]')
      .setInputFiles({ name: '购销合同.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('购销合同.pdf').waitFor({ timeout: 10_000 });
    await page.getByTestId('demand-submit').click();
    await page.getByTestId('my-case').waitFor({ timeout: 30_000 });
    caseId = Number(await page.getByTestId('my-case').getAttribute('data-case-id'));
    expect(caseId).toBeGreaterThan(0);
    await waitForCount(page, 1);
    expect(await page.getByTestId('case-attachments').textContent()).toContain('购销合同.pdf');

    const input = page.getByTestId('case-attachments').locator('input[type=file]');
    await input.setInputFiles({ name: '送货现场.png', mimeType: 'image/png', buffer: PNG });
    await waitForCount(page, 2);
    // A Windows program named like a PDF: the server sniffs it and refuses it, and its message is shown.
    await input.setInputFiles({
      name: '发票.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]),
    });
    await page.getByTestId('attachment-error').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('attachment-error').textContent()).toContain('Windows 可执行程序');
    await waitForCount(page, 2);
    // The timeline has the two uploads.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="case-event"][data-action="attach"]').length === 2,
      undefined,
      { timeout: 15_000 },
    );
    await page.getByTestId('logout').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app'), { timeout: 10_000 });
  });

  it('shows the county official the files on the case page, each a download link', async () => {
    await signIn(page, rig.server.url, 'official.county');
    await page.goto(`${rig.server.url}/app/cases/${caseId}`);
    await page.getByTestId('case-detail').waitFor({ timeout: 15_000 });
    await waitForCount(page, 2);
    const links = page.getByTestId('attachment-link');
    expect(await links.count()).toBe(2);
    expect(await links.first().textContent()).toContain('购销合同.pdf');
    const href = await links.first().getAttribute('href');
    expect(href).toMatch(new RegExp(`^/api/cases/${caseId}/attachments/\\d+$`));
    // The link downloads the file as an attachment with its sniffed type, never rendered inline.
    const headers = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        disposition: response.headers.get('content-disposition'),
        csp: response.headers.get('content-security-policy'),
      };
    }, href as string);
    expect(headers).toMatchObject({
      status: 200,
      type: 'application/pdf',
      csp: "sandbox; default-src 'none'",
    });
    expect(headers.disposition).toMatch(/^attachment;/);
    await page.getByTestId('case-event-attach').first().waitFor({ timeout: 10_000 });
  });
});
