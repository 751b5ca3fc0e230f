/**
 * Migration 20261214_0100_financing_stats_levels: the financing roll-up's cells (month × county × bank × kind ×
 * reason) already there are filed under every region level and breakdown, and the dashboards read the same figures
 * from them as from the writes' own rows; down() keeps each county's figures by month.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTo } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import { createTestApp, type Session, type TestApp } from './helpers/app.ts';
import { anOfficial, signIn } from './helpers/factories.ts';
import { aBank } from './helpers/registry-factories.ts';

const BEFORE = '20261213_0400_financing_stats';

describe('the financing roll-up levels migration', () => {
  let t: TestApp;
  let db: Kysely<Database>;
  let province: Session;
  let city: Session;
  let bankId: number;
  let afterDown: unknown[];
  // biome-ignore lint/suspicious/noExplicitAny: the dashboards' JSON
  let provinceBody: any;
  // biome-ignore lint/suspicious/noExplicitAny: the dashboards' JSON
  let cityBody: any;

  const dashboard = async (session: Session) => {
    const response = await t.request('GET', '/api/financing/dashboard?from=2026-01&to=2026-12', { session });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    db = t.handle.db;
    bankId = (await aBank(db)).id;
    province = await signIn(t, await anOfficial(db, { region: '320000' }));
    city = await signIn(t, await anOfficial(db, { region: '320500' }));
    await migrateTo(db, BEFORE);
    // Three cells in the old shape: two in Kunshan in March (a bank's credit loans, one declined for collateral),
    // one in Changshu in April without a product.
    await sql`
      insert into financing_stats (month, region_code, institution_id, product_kind, decline_reason, demands,
        pickups, first_pickups, granted, granted_amount, rate_sum, credit_loans)
      values ('2026-03-01', '320583', ${bankId}, 'credit', '', 2, 2, 2, 1, 80, 3.5, 1),
        ('2026-04-01', '320581', 0, '', '', 1, 0, 0, 0, 0, 0, 0)`.execute(db);
    await sql`
      insert into financing_stats (month, region_code, institution_id, product_kind, decline_reason, declined)
      values ('2026-03-01', '320583', ${bankId}, 'credit', 'collateral', 1)`.execute(db);
    await migrateTo(db, 'latest');
    provinceBody = await dashboard(province);
    cityBody = await dashboard(city);
    await migrateTo(db, BEFORE);
    afterDown = (
      await sql`select month::text, region_code, sum(demands)::int as demands, sum(declined)::int as declined
        from financing_stats group by 1, 2 order by 1, 2`.execute(db)
    ).rows;
    await migrateTo(db, 'latest');
  });
  afterAll(async () => t.close());

  it('files the old cells under the province, the city and the county, by bank, kind and reason', async () => {
    const body = provinceBody;
    expect(body.totals).toMatchObject({
      demands: 3,
      pickedUp: 2,
      granted: 1,
      declined: 1,
      grantedAmount: '80',
    });
    expect(
      body.byRegion.map((r: { regionCode: string; demands: number }) => [r.regionCode, r.demands]),
    ).toEqual([['320500', 3]]);
    expect(body.byBank).toEqual([
      expect.objectContaining({ institutionId: bankId, demands: 2, declined: 1 }),
    ]);
    expect(body.byKind.map((k: { kind: string; demands: number }) => [k.kind, k.demands])).toEqual([
      ['', 1],
      ['credit', 2],
    ]);
    expect(body.byMonth.map((m: { month: string; demands: number }) => [m.month, m.demands])).toEqual([
      ['2026-03', 2],
      ['2026-04', 1],
    ]);
    expect(body.declineReasons).toEqual([{ reason: 'collateral', count: 1 }]);
    expect(
      cityBody.byRegion.map((r: { regionCode: string; demands: number }) => [r.regionCode, r.demands]),
    ).toEqual([
      ['320581', 1],
      ['320583', 2],
    ]);
  });

  it("keeps each county's figures by month when taken back, and migrates up again", async () => {
    expect(afterDown).toEqual([
      { month: '2026-03-01', region_code: '320583', demands: 2, declined: 1 },
      { month: '2026-04-01', region_code: '320581', demands: 1, declined: 0 },
    ]);
    expect((await dashboard(city)).totals).toMatchObject({ demands: 3, declined: 1 });
  });
});
