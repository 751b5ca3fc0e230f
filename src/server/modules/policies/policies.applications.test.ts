/**
 * Applications to 需申报 policies (issue 12): the enterprise records that it applied (audited, once per version),
 * its card says so, and officials count, list and export the applications of their own region only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';

describe('applications to 需申报 policies', () => {
  let t: TestApp;
  let enterprise: Session;
  let county: Session;
  let outsider: Session;
  let loanId: number;
  let automaticId: number;

  beforeAll(async () => {
    t = await createTestApp({ policies: true });
    enterprise = await t.login('enterprise');
    county = await t.login('official.county');
    const admin = await t.login('admin');
    const password = 'Huiqi-Demo-2026';
    const created = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: {
        username: 'official.huqiu.applications',
        displayName: '虎丘区中小企业局',
        role: 'official',
        regionCode: '320505',
        password,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    outsider = await t.login('official.huqiu.applications', password);
    const library = (await t.request('GET', '/api/public/policies?pageSize=50')).json();
    const bySlug = (slug: string) =>
      (library.items as { id: number; slug: string }[]).find((p) => p.slug === slug)?.id as number;
    loanId = bySlug('demo-micro-first-loan-subsidy');
    automaticId = bySlug('small-low-profit-income-tax');
  });
  afterAll(() => t.close());

  it('tells where to apply: the policy’s application link and office', async () => {
    const policy = (await t.request('GET', `/api/public/policies/${loanId}`)).json();
    expect(policy.applyUrl).toBe('https://www.example.com/huiqi-demo/first-loan-subsidy');
    expect(policy.applyOffice).toContain('昆山市中小企业服务中心');
  });

  it('records the enterprise’s application once per version, audited, and shows it on its card', async () => {
    const applied = await t.request('POST', `/api/my/policies/${loanId}/applications`, {
      session: enterprise,
      body: { channel: 'office', note: '已提交贷款合同' },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ policyId: loanId, channel: 'office', note: '已提交贷款合同' });

    const again = await t.request('POST', `/api/my/policies/${loanId}/applications`, {
      session: enterprise,
      body: { channel: 'online' },
    });
    expect(again.statusCode).toBe(409);

    const mine = (await t.request('GET', '/api/my/policies', { session: enterprise })).json();
    const card = mine.eligible.find((p: { id: number }) => p.id === loanId);
    expect(card.application).toMatchObject({ channel: 'office', version: 1 });
    expect(card.applyOffice).toContain('服务窗口');

    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'policy.applied')
      .execute();
    expect(audit).toEqual([{ action: 'policy.applied', target_id: String(loanId) }]);
  });

  it('refuses an application to a 免申即享 policy (409) and to a policy that does not exist (404)', async () => {
    const automatic = await t.request('POST', `/api/my/policies/${automaticId}/applications`, {
      session: enterprise,
      body: { channel: 'online' },
    });
    expect(automatic.statusCode).toBe(409);
    const missing = await t.request('POST', '/api/my/policies/999999/applications', {
      session: enterprise,
      body: { channel: 'online' },
    });
    expect(missing.statusCode).toBe(404);
    const bad = await t.request('POST', `/api/my/policies/${loanId}/applications`, {
      session: enterprise,
      body: { channel: 'fax' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lists and counts the applications for officials of the enterprise’s region, and exports them', async () => {
    const list = await t.request('GET', `/api/policies/${loanId}/applications`, { session: county });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({ channel: 'office', note: '已提交贷款合同', version: 1 });

    const csv = await t.request('GET', `/api/policies/${loanId}/applications/export?format=csv&lang=zh`, {
      session: county,
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines).toHaveLength(2);
    // The application's cells as the list shows them, under the export's own headers.
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
    const item = list.json().items[0];
    expect(cell('统一社会信用代码')).toBe(item.uscc);
    expect(cell('企业名称')).toBe(item.name);
    expect(cell('政策版本')).toBe('1');
    expect(cell('申报方式')).toBe('窗口申报');
    expect(cell('企业说明')).toBe('已提交贷款合同');
  });

  it('shows an official of another county none of them', async () => {
    const list = (
      await t.request('GET', `/api/policies/${loanId}/applications`, { session: outsider })
    ).json();
    expect(list).toMatchObject({ total: 0, items: [] });
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

  it('lists no near miss the enterprise cannot meet: a firm of 1996 is not "almost" a start-up', async () => {
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
});
