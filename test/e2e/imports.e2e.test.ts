/**
 * A county official imports a file in a browser (issue 11, finding 1): the row about an enterprise registered in
 * another county is rejected with its reason, the new one goes in, and the page lists what the import created
 * (the list the import's audit entry points to, ADR 0015).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/reference/uscc.ts';
import { createLocalImportJob, runImportJob } from '../../src/server/modules/registry/index.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { type BrowserRig, signIn, startRig } from './browser.ts';

const HEADER =
  '统一社会信用代码,企业名称,法定代表人,注册地行政区划代码,行业代码,年度,从业人员,营业收入（万元）,资产总额（万元）';
const uscc = (i: number) => makeUscc(`91320500MA${String(i).padStart(7, '0')}`);
const line = (i: number, region: string, name: string) =>
  [uscc(i), name, '王五', region, 'C39', '2025', '20', '500', '800'].join(',');
/** 昆山市 (official.county's county) and 常熟市, another county of the same city. */
const KUNSHAN = '320583';
const CHANGSHU = '320581';

describe('an import in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let dir: string;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    dir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-e2e-import-'));
    // An enterprise of the neighbouring county, loaded from the command line (all regions in scope).
    const seed = path.join(dir, 'seed.csv');
    writeFileSync(seed, [HEADER, line(901, CHANGSHU, '常熟邻县精密机械有限公司')].join('\n'));
    await runImportJob(
      rig.server.db,
      await createLocalImportJob(rig.server.db, seed, 'valid_rows'),
      todayInChina(),
    );
  });
  afterAll(async () => {
    await rig?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rejects the row about another county’s enterprise with its reason and lists what it created', async () => {
    await signIn(page, rig.server.url, 'official.county');
    await page.goto(`${rig.server.url}/app/imports`);
    await page.getByTestId('import-mode').locator('input[value="valid_rows"]').check({ force: true });
    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'scope.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [
            HEADER,
            line(902, KUNSHAN, '昆山新设浏览器测试有限公司'),
            line(901, KUNSHAN, '冒名顶替有限公司'),
          ].join('\n'),
        ),
      });
    await page.getByTestId('import-submit').click();
    await page.locator('[data-testid="import-status"][data-status="succeeded"]').waitFor({ timeout: 60_000 });

    const errors = page.getByTestId('import-errors-table');
    await errors.waitFor({ timeout: 15_000 });
    await expect.poll(() => errors.textContent()).toContain('管辖区域之外');

    const changed = page.getByTestId('import-enterprises-table');
    await changed.waitFor({ timeout: 15_000 });
    await expect.poll(() => changed.textContent()).toContain('昆山新设浏览器测试有限公司');
    const text = (await changed.textContent()) ?? '';
    expect(text).toContain('新建');
    expect(text).not.toContain('冒名顶替');
    await expect.poll(() => page.getByTestId('import-enterprises').textContent()).toContain('（1）');
  });
});
