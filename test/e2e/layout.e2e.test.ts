/**
 * Wide tables fit a 1440 × 900 screen and dates do not wrap: every demo role opens every page of its menu
 * (src/web/nav.ts); no `.ant-table` scrolls sideways and no cell holding only a date breaks over two lines.
 * Every failing page and table is listed in the failure message.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/web/lib/demoAccounts.ts';
import { NAV_ITEMS, ROLE_NAV } from '../../src/web/nav.ts';
import { type BrowserRig, signIn, startRig } from './browser.ts';

/** One problem found on a page. */
interface LayoutProblem {
  table: string;
  problem: string;
}

/** Looks at every table of the page as it is now (runs in the browser). */
function inspectTables(): LayoutProblem[] {
  const DATE =
    /^(\d{4}-\d{2}-\d{2}|\d{4}\/\d{2}\/\d{2}|\d{4}年\d{1,2}月\d{1,2}日|[A-Z][a-z]{2} \d{1,2}, \d{4})(,? ?T?\d{2}:\d{2}(:\d{2})?)?$/;
  const problems: LayoutProblem[] = [];
  const tables = [...document.querySelectorAll<HTMLElement>('.ant-table')];
  tables.forEach((table, index) => {
    const owner = table.closest<HTMLElement>('[data-testid]');
    const heading = [...table.querySelectorAll('thead th')]
      .map((th) => th.textContent?.trim())
      .filter(Boolean)
      .slice(0, 3)
      .join('|');
    const name = `table ${index + 1}${owner ? ` [${owner.dataset.testid}]` : ''} (${heading})`;
    const inner = table.querySelector<HTMLElement>('table');
    const container =
      table.querySelector<HTMLElement>('.ant-table-body') ??
      table.querySelector<HTMLElement>('.ant-table-content') ??
      table.querySelector<HTMLElement>('.ant-table-container') ??
      table;
    if (inner && inner.scrollWidth > container.clientWidth + 1)
      problems.push({
        table: name,
        problem: `overflows sideways: table ${inner.scrollWidth}px in ${container.clientWidth}px`,
      });
    const parent = table.parentElement;
    if (parent && table.scrollWidth > parent.clientWidth + 1)
      problems.push({
        table: name,
        problem: `wider than its container: ${table.scrollWidth}px in ${parent.clientWidth}px`,
      });
    for (const cell of table.querySelectorAll<HTMLElement>('tbody td')) {
      const text = (cell.textContent ?? '').trim();
      if (!DATE.test(text)) continue;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
      );
      if (tops.size > 1)
        problems.push({ table: name, problem: `date "${text}" wraps over ${tops.size} lines` });
    }
  });
  return problems;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
}

describe('tables at 1440 × 900', () => {
  let rig: BrowserRig;
  let page: Page;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    await page.setViewportSize({ width: 1440, height: 900 });
  });
  afterAll(() => rig?.close());

  for (const account of DEMO_ACCOUNTS) {
    it(`fit on every page of ${account.username}'s menu`, { timeout: 180_000 }, async () => {
      await signIn(page, rig.server.url, account.username);
      const found: string[] = [];
      for (const key of ROLE_NAV[account.role]) {
        const path = NAV_ITEMS[key].path;
        await page.goto(`${rig.server.url}${path}`);
        await settle(page);
        for (const problem of await page.evaluate(inspectTables))
          found.push(`${account.username} ${path}: ${problem.table} ${problem.problem}`);
      }
      expect(found, `tables that do not fit at 1440 px:\n${found.join('\n')}`).toEqual([]);
    });
  }
});
