/**
 * Case routing rules in a browser: the admin adds a rule, tests which rule routes a case, edits the rule, meets a
 * concurrent change (409) without losing the edits, and sees the server's field error on an arrears rule with
 * time limits.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, fillNumber, signIn, startRig } from './browser.ts';

/** Chooses the option `text` of the antd Select found by its test id (typing it first into a searchable one). */
async function choose(page: Page, testId: string, text: string, { search = false } = {}): Promise<void> {
  // Scrolled first: the dropdown is placed where the select stands when it opens.
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(text);
  // The open dropdown's option, clicked by event: the dropdown may still be moving into place (layout below it
  // changes as results load), which makes a pointer click miss it.
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

/** Chooses a region path (province, city, county) in the antd Cascader found by its test id. */
async function chooseRegion(page: Page, testId: string, names: string[]): Promise<void> {
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  await page.getByTestId(testId).click();
  for (const name of names)
    await page
      .locator('.ant-cascader-menu-item:visible', { hasText: name })
      .first()
      .click({ timeout: 10_000 });
  await page.keyboard.press('Escape');
}

async function numberValue(page: Page, testId: string): Promise<string> {
  const target = page.getByTestId(testId).first();
  const input =
    (await target.evaluate((el) => el.tagName)) === 'INPUT' ? target : target.locator('input').first();
  return input.inputValue();
}

describe('case routing rules in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let ruleId: number;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    await signIn(page, rig.server.url, 'admin');
  });
  afterAll(() => rig?.close());

  it('lets the admin add a rule and see it in the table', async () => {
    await page.goto(`${rig.server.url}/app/admin/routing-rules`);
    await page.getByTestId('routing-rules-table').waitFor({ timeout: 15_000 });
    await page.getByTestId('routing-rules-new').click();
    await page.getByTestId('rule-form').waitFor({ timeout: 10_000 });
    await choose(page, 'rule-form-category', '税费');
    await chooseRegion(page, 'rule-form-region', ['江苏省', '苏州市']);
    await choose(page, 'rule-form-department', '税务部门', { search: true });
    await fillNumber(page, 'rule-form-result', '20');
    await page.getByTestId('rule-form-submit').click();
    await page.getByTestId('rule-form').waitFor({ state: 'detached', timeout: 15_000 });

    const row = page.locator('[data-testid^="routing-rule-"][data-row-key]').first();
    await row.waitFor({ timeout: 15_000 });
    ruleId = Number(await row.getAttribute('data-row-key'));
    expect(ruleId).toBeGreaterThan(0);
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid="routing-rule-${id}"]`)?.textContent?.includes('苏州市'),
      ruleId,
      { timeout: 15_000 },
    );
    const text = (await page.getByTestId(`routing-rule-${ruleId}`).textContent()) ?? '';
    expect(text).toContain('税费');
    expect(text).toContain('3205');
    expect(text).toContain('税务部门');
    expect(text).toContain('办理 20 日');
  });

  it('shows which rule routes a case in the tester, and the SME authority where none applies', async () => {
    await choose(page, 'tester-category', '税费');
    await chooseRegion(page, 'tester-region', ['江苏省', '苏州市', '昆山市']);
    await page.getByTestId('tester-result').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('tester-department').textContent()).toBe('税务部门');
    expect(await page.getByTestId('tester-rule').textContent()).toContain(`#${ruleId}`);
    await choose(page, 'tester-category', '融资');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="tester-department"]')?.textContent === '中小企业主管部门',
      undefined,
      { timeout: 10_000 },
    );
  });

  it('lets the admin edit the rule', async () => {
    await page.getByTestId(`routing-rule-edit-${ruleId}`).click();
    await page.getByTestId('rule-form').waitFor({ timeout: 10_000 });
    await fillNumber(page, 'rule-form-priority', '5');
    await page.getByTestId('rule-form-submit').click();
    await page.getByTestId('rule-form').waitFor({ state: 'detached', timeout: 15_000 });
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid="routing-rule-priority-${id}"]`)?.textContent === '5',
      ruleId,
      { timeout: 15_000 },
    );
    await page.getByTestId(`routing-rule-edit-${ruleId}`).click();
    await page.getByTestId('rule-form').waitFor({ timeout: 10_000 });
    expect(await numberValue(page, 'rule-form-priority')).toBe('5');
    expect(await page.getByTestId('rule-form-version').textContent()).toContain('2');
  });

  it('keeps the edits when someone else changed the rule meanwhile (409), and reloads on request', async () => {
    await fillNumber(page, 'rule-form-priority', '7');
    // Another tab switches the rule off: its version moves on.
    const other = await rig.browser.newPage();
    await other.goto(`${rig.server.url}/app/admin/routing-rules`);
    await other.getByTestId(`routing-rule-active-${ruleId}`).click({ timeout: 15_000 });
    await other.locator('.ant-message-success').first().waitFor({ timeout: 15_000 });
    await other.close();

    await page.getByTestId('rule-form-submit').click();
    await page.getByTestId('rule-conflict').waitFor({ timeout: 15_000 });
    expect(await numberValue(page, 'rule-form-priority')).toBe('7');
    await page.getByTestId('rule-form-reload').click();
    await page.getByTestId('rule-conflict').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await numberValue(page, 'rule-form-priority')).toBe('5');
    expect(await page.getByTestId('rule-form-version').textContent()).toContain('3');
    expect(await page.getByTestId('rule-form-active').getAttribute('aria-checked')).toBe('false');
  });

  it('shows the server’s field error when an arrears rule sets a time limit', async () => {
    await page.getByTestId('rule-form-type').getByText('欠款投诉').click();
    await page.getByTestId('rule-form-submit').click();
    await page
      .locator('.ant-form-item-explain-error', { hasText: '欠款投诉的期限由投诉处理办法规定' })
      .waitFor({ timeout: 15_000 });
    // Nothing was saved: the rule is still a demand rule.
    await page.getByTestId('rule-drawer').locator('.ant-drawer-close').click();
    await page.getByTestId('rule-form').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.getByTestId(`routing-rule-${ruleId}`).textContent()).toContain('诉求');
  });
});
