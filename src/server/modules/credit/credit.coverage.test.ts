/** The coverage of credit information by category in an official's region: counts, share, freshness, export. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { aCreditRecord } from '../../../../test/helpers/credit-factories.ts';
import { readCsv } from '../../../../test/helpers/csv.ts';
import { anEnterprise, aUser, signIn } from '../../../../test/helpers/factories.ts';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';

describe('credit coverage', () => {
  let t: TestApp;
  let official: Session;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    official = await signIn(t, await aUser(t.handle.db, { role: 'official', regionCode: '320583' }));
    const db = t.handle.db;
    const first = await anEnterprise(db, { region: '320583' });
    const second = await anEnterprise(db, { region: '320583' });
    await anEnterprise(db, { region: '320583' });
    const elsewhere = await anEnterprise(db, { region: '320582' });
    await aCreditRecord(db, first.id, { decidedOn: '2026-01-10' });
    await aCreditRecord(db, first.id, { decidedOn: '2025-06-01', publishUntil: '2099-12-31' });
    await aCreditRecord(db, first.id, { category: 'tax', item: 'tax_paid', decidedOn: '2025-05-01' });
    await aCreditRecord(db, second.id, { decidedOn: '2025-12-01' });
    // Not published: superseded, or its publication ended.
    await aCreditRecord(db, second.id, { decidedOn: '2026-02-01', status: 'superseded' });
    await aCreditRecord(db, second.id, { decidedOn: '2020-01-01', publishUntil: '2020-06-30' });
    // Outside the official's region.
    await aCreditRecord(db, elsewhere.id, { decidedOn: '2026-03-01' });
  });
  afterAll(() => t.close());

  it("counts each category's published records and enterprises in the official's region, with their freshness", async () => {
    const response = await t.request('GET', '/api/credit/coverage', { session: official });
    expect(response.statusCode).toBe(200);
    const coverage = response.json();
    const inRegion = await t.handle.db
      .selectFrom('enterprises')
      .select('id')
      .where('region_code', 'like', '320583%')
      .execute();
    expect(coverage).toMatchObject({ regionCode: '320583', enterprises: inRegion.length });
    expect(coverage.categories.map((c: { category: string }) => c.category)).toEqual(
      CREDIT_CATEGORIES.map((c) => c.code),
    );
    const row = (code: string) => coverage.categories.find((c: { category: string }) => c.category === code);
    expect(row('penalty')).toEqual({
      category: 'penalty',
      nameZh: '行政处罚',
      nameEn: 'Administrative penalties',
      enterprises: 2,
      records: 3,
      share: 2 / inRegion.length,
      newest: '2026-01-10',
      median: '2025-12-01',
    });
    expect(row('tax')).toMatchObject({
      enterprises: 1,
      records: 1,
      newest: '2025-05-01',
      median: '2025-05-01',
    });
    expect(row('ip')).toMatchObject({ enterprises: 0, records: 0, share: 0, newest: null, median: null });
  });

  it('reads a region of the scope when asked, and refuses one outside it (403) or no region at all (400)', async () => {
    const county = await t.request('GET', '/api/credit/coverage?region=320583', { session: official });
    expect(county.json().categories[2]).toMatchObject({ category: 'penalty', enterprises: 2 });
    const outside = await t.request('GET', '/api/credit/coverage?region=320582', { session: official });
    expect(outside.statusCode).toBe(403);
    const invalid = await t.request('GET', '/api/credit/coverage?region=999999', { session: official });
    expect(invalid.statusCode).toBe(400);
  });

  it('downloads the table as CSV with the same figures', async () => {
    const response = await t.request('GET', '/api/credit/coverage/export?format=csv', { session: official });
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = readCsv(response.body.replace(/^\uFEFF/, ''));
    expect(header).toEqual([
      '信息类别',
      '有记录的企业数',
      '覆盖率（%）',
      '记录数',
      '最新日期',
      '日期中位数',
      '类别代码',
    ]);
    expect(rows).toHaveLength(CREDIT_CATEGORIES.length);
    expect(rows.find((r) => r[6] === 'penalty')).toEqual([
      '行政处罚',
      '2',
      String(Math.round((2 / 3) * 1000) / 10),
      '3',
      '2026-01-10',
      '2025-12-01',
      'penalty',
    ]);
  });
});
