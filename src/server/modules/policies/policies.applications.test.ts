/**
 * Applications to 需申报 policies (issue 12): the enterprise records that it applied (audited, once per version),
 * its card says so, and officials count, list and export the applications of their own region only. The world is
 * the test's own: a county enterprise with its user, the county's and another county's officials, and policies
 * published as the platform's.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { anEnterprise, anEnterpriseUser, anOfficial, signIn } from '../../../../test/helpers/factories.ts';
import { aPlatformDefinition, aPlatformPolicy } from '../../../../test/helpers/policies-factories.ts';

describe('applications to 需申报 policies', () => {
  let t: TestApp;
  let enterprise: Session;
  let county: Session;
  let outsider: Session;
  let loanId: number;
  let automaticId: number;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    enterprise = await signIn(
      t,
      await anEnterpriseUser(db, await anEnterprise(db, { employees: 5, revenue: 300 })),
    );
    county = await signIn(t, await anOfficial(db));
    outsider = await signIn(t, await anOfficial(db, { region: '320505' }));
    loanId = await aPlatformPolicy(
      db,
      aPlatformDefinition({
        id: 'county-first-loan-subsidy',
        title: { zh: '昆山市小微企业首贷贴息（测试）', en: 'First-loan interest subsidy (test)' },
        regions: ['320583'],
        method: 'application',
        topics: ['financing'],
        applyUrl: 'https://www.example.com/huiqi-test/first-loan-subsidy',
        applyOffice: '昆山市中小企业服务中心 一楼服务窗口（测试）',
        rule: { all: [{ region: ['320583'] }, { compare: [{ fact: 'employees' }, '<=', 20] }] },
      }),
    );
    automaticId = await aPlatformPolicy(db, aPlatformDefinition({ method: 'automatic' }));
    // For firms of less than three years: the enterprise (founded in 2015) meets every other condition.
    await aPlatformPolicy(
      db,
      aPlatformDefinition({
        title: { zh: '孵化器在孵企业房租减免（测试）', en: 'Incubator rent relief (test)' },
        regions: ['320583'],
        rule: {
          all: [
            { region: ['320583'] },
            { compare: [{ age: 'years' }, '<', 3] },
            { compare: [{ fact: 'employees' }, '<=', 20] },
          ],
        },
      }),
    );
  });
  afterAll(() => t.close());

  it('tells where to apply: the policy’s application link and office', async () => {
    const policy = (await t.request('GET', `/api/public/policies/${loanId}`)).json();
    expect(policy.applyUrl).toBe('https://www.example.com/huiqi-test/first-loan-subsidy');
    expect(policy.applyOffice).toContain('昆山市中小企业服务中心');
  });

  it('refuses an application to a 免申即享 policy (409)', async () => {
    const automatic = await t.request('POST', `/api/my/policies/${automaticId}/applications`, {
      session: enterprise,
      body: { channel: 'online' },
    });
    expect(automatic.statusCode).toBe(409);
  });

  it('refuses an application to a policy that does not exist (404)', async () => {
    const missing = await t.request('POST', '/api/my/policies/999999/applications', {
      session: enterprise,
      body: { channel: 'online' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses an application through a channel there is not (400)', async () => {
    const bad = await t.request('POST', `/api/my/policies/${loanId}/applications`, {
      session: enterprise,
      body: { channel: 'fax' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lists no near miss the enterprise cannot meet: a firm of 2015 is not "almost" a start-up', async () => {
    const mine = (await t.request('GET', '/api/my/policies', { session: enterprise })).json();
    const titles = mine.almost.map((p: { title: { zh: string } }) => p.title.zh);
    expect(titles.some((title: string) => title.includes('孵化器'))).toBe(false);
    for (const p of mine.almost) expect(p.nearMiss.text.zh).not.toMatch(/成立 \d+ 年 [<≤]/);
  });

  it('shows the public version history without repository paths: shipped with the platform', async () => {
    const policy = (await t.request('GET', `/api/public/policies/${loanId}`)).json();
    expect(policy.versions).toEqual([
      expect.objectContaining({ version: 1, source: 'platform', changeNote: null, department: null }),
    ]);
  });

  describe('an application the enterprise recorded', () => {
    let applied: LightMyRequestResponse;
    let again: LightMyRequestResponse;

    beforeAll(async () => {
      applied = await t.request('POST', `/api/my/policies/${loanId}/applications`, {
        session: enterprise,
        body: { channel: 'office', note: '已提交贷款合同' },
      });
      again = await t.request('POST', `/api/my/policies/${loanId}/applications`, {
        session: enterprise,
        body: { channel: 'online' },
      });
    });

    it('is recorded with its channel and note', () => {
      expect(applied.statusCode, applied.body).toBe(200);
      expect(applied.json()).toMatchObject({ policyId: loanId, channel: 'office', note: '已提交贷款合同' });
    });

    it('is recorded once per version: a second one is refused (409)', () => {
      expect(again.statusCode).toBe(409);
    });

    it('shows on the enterprise’s card of the policy, with where to apply', async () => {
      const mine = (await t.request('GET', '/api/my/policies', { session: enterprise })).json();
      const card = mine.eligible.find((p: { id: number }) => p.id === loanId);
      expect(card.application).toMatchObject({ channel: 'office', version: 1 });
      expect(card.applyOffice).toContain('服务窗口');
    });

    it('is audited', async () => {
      const audit = await t.handle.db
        .selectFrom('audit_log')
        .select(['action', 'target_id'])
        .where('action', '=', 'policy.applied')
        .execute();
      expect(audit).toEqual([{ action: 'policy.applied', target_id: String(loanId) }]);
    });

    it('is listed and counted for officials of the enterprise’s region', async () => {
      const list = await t.request('GET', `/api/policies/${loanId}/applications`, { session: county });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().total).toBe(1);
      expect(list.json().items[0]).toMatchObject({ channel: 'office', note: '已提交贷款合同', version: 1 });
    });

    it('is exported with the cells the list shows, under the export’s own headers', async () => {
      const list = (
        await t.request('GET', `/api/policies/${loanId}/applications`, { session: county })
      ).json();
      const csv = await t.request('GET', `/api/policies/${loanId}/applications/export?format=csv&lang=zh`, {
        session: county,
      });
      expect(csv.statusCode).toBe(200);
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      expect(lines).toHaveLength(2);
      const [header = [], row = []] = lines.map((line) => line.split(','));
      const cell = (title: string) => row[header.indexOf(title)];
      expect(header).toEqual([
        '统一社会信用代码',
        '企业名称',
        '行政区划代码',
        '政策版本',
        '申报日期',
        '申报方式',
        '企业说明',
      ]);
      const item = list.items[0];
      expect(cell('统一社会信用代码')).toBe(item.uscc);
      expect(cell('企业名称')).toBe(item.name);
      expect(cell('政策版本')).toBe('1');
      expect(cell('申报方式')).toBe('窗口申报');
      expect(cell('企业说明')).toBe('已提交贷款合同');
    });

    it('is not listed for an official of another county', async () => {
      const list = (
        await t.request('GET', `/api/policies/${loanId}/applications`, { session: outsider })
      ).json();
      expect(list).toMatchObject({ total: 0, items: [] });
    });

    it('is not exported for an official of another county: the header only', async () => {
      const csv = await t.request('GET', `/api/policies/${loanId}/applications/export?format=csv`, {
        session: outsider,
      });
      expect(
        csv.body
          .replace(/^\uFEFF/, '')
          .split('\r\n')
          .filter(Boolean),
      ).toHaveLength(1);
    });
  });
});
