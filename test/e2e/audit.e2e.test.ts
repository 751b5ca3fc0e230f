/** The auditor verifies the audit log in a browser: keyed and checkpointed, then a rollback named (ADR 0010). */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, signIn, startRig } from './browser.ts';

describe('audit verification in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
  });
  afterAll(() => rig?.close());

  const verify = async () => {
    await page.getByTestId('verify-button').click();
    const result = page.getByTestId('verify-result');
    await result.waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="verify-button"]')?.classList.contains('ant-btn-loading'),
      undefined,
      { timeout: 15_000 },
    );
    return (await result.textContent()) ?? '';
  };

  it('shows the chain keyed and a checkpoint added, then the rollback a superuser made behind it', async () => {
    const db = rig.server.db;
    // The jobs queued at start (matching, supervision) may write audit entries: let them finish first.
    for (let i = 0; i < 120; i++) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from jobs where status in ('queued', 'running') and run_after <= now()`.execute(
        db,
      );
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await signIn(page, rig.server.url, 'auditor');
    const intact = await verify();
    expect(intact).toContain('哈希链完整');
    expect(intact).toContain('以审计密钥');
    expect(intact).toContain('已新增检查点');
    const verified = Number(/最新序号 (\d+)/.exec(intact)?.[1]);

    // A superuser deletes the last verified entry (and any after it) and rolls the head back.
    const back = verified - 1;
    await sql`alter table audit_log disable trigger user`.execute(db);
    await sql`delete from audit_log where seq > ${back}`.execute(db);
    await sql`update audit_head set seq = ${back}, hash = (select hash from audit_log where seq = ${back})`.execute(
      db,
    );
    await sql`alter table audit_log enable trigger user`.execute(db);

    await page.reload();
    await page.getByTestId('home-title').waitFor({ timeout: 15_000 });
    await verify();
    const findings = page.getByTestId('verify-findings');
    await findings.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('verify-result').textContent()).toContain('审计日志与检查点不符');
    // A rollback, or a rewrite if a background job appended again after it.
    expect(await findings.textContent()).toMatch(/回滚|改写/);
  });
});
