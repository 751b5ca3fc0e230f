/**
 * Cases in a browser: an official finds a demand in the queue and accepts it; the enterprise follows its timeline;
 * the province's official supervises (督办) a case and the county's acknowledges the notice.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, signIn, startRig } from './browser.ts';

describe('cases in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
  });
  afterAll(() => rig?.close());

  it('lets the county official open a demand from the queue and accept it, with the timeline updated', async () => {
    await signIn(page, rig.server.url, 'official.county');
    await page.goto(`${rig.server.url}/app/cases`);
    await page.getByTestId('case-queue-table').waitFor({ timeout: 15_000 });
    const link = page.locator('[data-testid^="case-link-"]').first();
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await page.getByTestId('case-detail').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-state').textContent()).toContain('待受理');
    await page.getByTestId('case-act-accept').click();
    await page.getByTestId('case-action-submit').click({ timeout: 10_000 });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="case-state"]')?.textContent?.includes('已受理'),
      undefined,
      { timeout: 15_000 },
    );
    await page.getByTestId('case-event-accept').waitFor({ timeout: 10_000 });
    await page.getByTestId('logout').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app'), { timeout: 10_000 });
  });

  it('lets the enterprise follow its demand: the list, the case and its timeline with the acceptance', async () => {
    await signIn(page, rig.server.url, 'enterprise');
    await page.goto(`${rig.server.url}/app/my-cases`);
    await page.getByTestId('my-cases-table').waitFor({ timeout: 15_000 });
    const links = page.locator('[data-testid^="my-case-link-"]');
    await links.first().waitFor({ timeout: 15_000 });
    expect(await links.count()).toBe(4);
    // The demand the official accepted above: the queue's first by deadline, the demo's overdue one.
    await page.getByRole('link', { name: /厂房扩建/ }).click();
    await page.getByTestId('case-timeline').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-timeline').textContent()).toContain('受理');
  });

  it('lets the province official supervise a case and the county official acknowledge it from the notice', async () => {
    await signIn(page, rig.server.url, 'official.province');
    // The county's complaint, not yet supervised (the demo's other cases are).
    await page.goto(`${rig.server.url}/app/cases?region=320583&type=arrears`);
    const link = page.locator('[data-testid^="case-link-"]').first();
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await page.getByTestId('case-supervision').waitFor({ timeout: 15_000 });
    const caseUrl = page.url();
    await page.getByTestId('case-supervise').click();
    // The server refuses an empty reason; the form says so first.
    await page.locator('#case-supervise-submit').click();
    await page.getByText('请填写督办事由').waitFor({ timeout: 10_000 });
    await page.getByTestId('case-supervise-reason').fill('企业多次来电反映，请加快办理');
    await page.locator('#case-supervise-submit').click();
    await page.getByTestId('case-supervision-item').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-supervision').textContent()).toContain('企业多次来电反映');

    await signIn(page, rig.server.url, 'official.county');
    await page.goto(`${rig.server.url}/app/inbox`);
    const notice = page.locator('[data-testid="inbox-item"][data-kind="case_supervision"]');
    await notice.first().waitFor({ timeout: 15_000 });
    await notice.first().click();
    await page.waitForURL(caseUrl, { timeout: 15_000 });
    await page.getByTestId('case-supervision-acknowledge').click();
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="case-supervision-acknowledge"]'),
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.getByTestId('case-supervision').textContent()).toContain('已签收');
  });
});
