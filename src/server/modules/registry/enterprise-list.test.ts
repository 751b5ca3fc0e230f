/**
 * The officials' enterprise list at scale (issue 11, ADR 0011): keyset pages in name order, relevance tiers,
 * totals from the roll-up or counted up to a limit and then estimated, and the roll-up kept by every write.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anOfficial,
  anEnterprise as aRegisteredEnterprise,
  aUser,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { sizeStatsAsRead, sizeStatsFromSizes } from '../../../../test/helpers/registry-factories.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import type { EnterpriseInput } from './registry.model.ts';
import { compactRollup } from './registry.rollups.ts';
import { writeEnterpriseBatch } from './registry.writes.ts';

/** An enterprise to write, in 昆山市 (the county official's county) unless told otherwise. */
function anEnterprise(
  index: number,
  name: string,
  overrides: Partial<EnterpriseInput> = {},
): EnterpriseInput {
  return {
    uscc: makeUscc(`91320583MA1LW${String(index).padStart(4, '0')}`),
    name,
    formerNames: [],
    legalRepresentative: null,
    regionCode: '320583',
    industryCode: 'C39',
    establishedOn: null,
    status: null,
    ownershipType: null,
    certifications: [],
    figures: null,
    ...overrides,
  };
}

type Row = {
  id: number;
  name: string;
  uscc: string;
  regionCode: string;
  industryCode: string;
  status: string;
};
type Page = { items: Row[]; total: number; totalIsEstimate: boolean; nextCursor: string | null };

/** Code-point order of two strings (what `collate "C"` sorts by). */
function codePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

describe('enterprise list at scale', () => {
  let t: TestApp;
  let province: Session;
  let county: Session;

  beforeAll(async () => {
    t = await createTestApp({ demo: false, env: { HUIQI_LIST_EXACT_COUNT_LIMIT: '5' } });
    province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
    county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    // More enterprises than several pages hold, in four counties and four industries, active.
    const regions = ['320583', '320585', '320102', '320205'];
    const industries = ['C39', 'C34', 'F51', 'I65'];
    for (let i = 0; i < 24; i++)
      await aRegisteredEnterprise(t.handle.db, {
        region: regions[i % 4] as string,
        industryCode: industries[Math.floor(i / 4) % 4] as string,
      });
    // Names for the relevance tiers of 望岳精工, and a few in other counties and industries.
    await writeEnterpriseBatch(
      t.handle.db,
      [
        anEnterprise(1, '苏州望岳精工有限公司'),
        anEnterprise(2, '望岳精工发展有限公司'),
        anEnterprise(3, '望岳精工'),
        anEnterprise(4, '望岳精密岳精工有限公司'),
        anEnterprise(5, '望岳精工服务有限公司', { industryCode: 'F51' }),
        anEnterprise(6, '南京望岳精工有限公司', { regionCode: '320102' }),
        anEnterprise(7, '无锡望岳精工有限公司', { regionCode: '320205', status: 'cancelled' }),
      ],
      'test',
    );
  });
  afterAll(() => t.close());

  async function list(session: Session, query: string): Promise<Page> {
    const response = await t.request('GET', `/api/enterprises?${query}`, { session });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  }

  /** Every page of a list, following nextCursor from the first. */
  async function allByCursor(session: Session, query: string): Promise<Row[]> {
    const rows: Row[] = [];
    let page = await list(session, query);
    rows.push(...page.items);
    while (page.nextCursor) {
      page = await list(session, `${query}&after=${encodeURIComponent(page.nextCursor)}`);
      rows.push(...page.items);
    }
    return rows;
  }

  it('pages by keyset in name order: the pages joined are the whole list, each enterprise once', async () => {
    const whole = await list(province, 'pageSize=200');
    const stored = await t.handle.db
      .selectFrom('enterprises')
      .select(['id', 'name', 'name_initials'])
      .where('region_code', 'like', '32%')
      .execute();
    // Pinyin initials, then code points, then id: the same order on every engine and locale.
    const expected = [...stored]
      .sort(
        (a, b) => codePoints(a.name_initials, b.name_initials) || codePoints(a.name, b.name) || a.id - b.id,
      )
      .map((e) => e.id);
    expect(whole.items.map((e) => e.id)).toEqual(expected);
    expect(whole.nextCursor).toBeNull();
    const paged = await allByCursor(province, 'pageSize=7');
    expect(paged.map((e) => e.id)).toEqual(expected);
    // The keyset page after page 1 is the same as page 2 by number.
    const first = await list(province, 'pageSize=7');
    const second = await list(province, `pageSize=7&after=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.items).toEqual((await list(province, 'pageSize=7&page=2')).items);
  });

  it('keeps the filters on every keyset page', async () => {
    const rows = await allByCursor(county, 'pageSize=3&industry=C&status=active');
    const stored = await t.handle.db
      .selectFrom('enterprises')
      .select('id')
      .where('region_code', '=', '320583')
      .where('industry_code', 'like', 'C%')
      .where('status', '=', 'active')
      .execute();
    expect(rows.map((e) => e.id).sort((a, b) => a - b)).toEqual(
      stored.map((e) => e.id).sort((a, b) => a - b),
    );
    expect(rows.every((e) => e.regionCode === '320583' && e.industryCode.startsWith('C'))).toBe(true);
  });

  it('ranks a name search: the exact name, names starting with it, containing it, then the other candidates', async () => {
    const found = await list(county, `q=${encodeURIComponent('望岳精工')}&pageSize=2`);
    const all = await list(county, `q=${encodeURIComponent('望岳精工')}&pageSize=50`);
    // Within a tier, name order: pinyin initials wyjgfw… (服务) before wyjgfz… (发展).
    expect(all.items.map((e) => e.name)).toEqual([
      '望岳精工',
      '望岳精工服务有限公司',
      '望岳精工发展有限公司',
      '苏州望岳精工有限公司',
      '望岳精密岳精工有限公司',
    ]);
    expect(found.items).toEqual(all.items.slice(0, 2));
    const secondPage = await list(county, `q=${encodeURIComponent('望岳精工')}&pageSize=2&page=2`);
    expect(secondPage.items).toEqual(all.items.slice(2, 4));
    // The province sees the other counties' too, the cancelled one included. Seven candidates are more than
    // the limit of 5: read tier by tier, in the same order as five ranked at once.
    const wider = await list(province, `q=${encodeURIComponent('望岳精工')}&pageSize=50`);
    expect(wider.items.map((e) => e.name)).toEqual([
      '望岳精工',
      '望岳精工服务有限公司',
      '望岳精工发展有限公司',
      '南京望岳精工有限公司',
      '苏州望岳精工有限公司',
      '无锡望岳精工有限公司',
      '望岳精密岳精工有限公司',
    ]);
    const pages = [1, 2, 3, 4].map((page) =>
      list(province, `q=${encodeURIComponent('望岳精工')}&pageSize=2&page=${page}`),
    );
    expect((await Promise.all(pages)).flatMap((p) => p.items)).toEqual(wider.items);
  });

  it('ranks pinyin initials: initials starting with the text first, then containing it, each in name order', async () => {
    // The province: more candidates than the limit of 5, read tier by tier; the county: ranked at once.
    for (const session of [province, county]) {
      const result = await list(session, 'q=wyjg&pageSize=50');
      const names = result.items.map((e) => e.name);
      expect(names.slice(0, 3)).toEqual(['望岳精工', '望岳精工服务有限公司', '望岳精工发展有限公司']);
      expect(names.indexOf('苏州望岳精工有限公司')).toBeGreaterThan(2);
      // 望岳精密岳精工 has the initials wyjmyjg…: no match.
      expect(names).not.toContain('望岳精密岳精工有限公司');
    }
    const wider = (await list(province, 'q=wyjg&pageSize=50')).items.map((e) => e.name);
    expect(wider.slice(3, 6)).toEqual([
      '南京望岳精工有限公司',
      '苏州望岳精工有限公司',
      '无锡望岳精工有限公司',
    ]);
  });

  it('gives exact totals from the roll-up at any size, and an estimate (flagged) above the count limit', async () => {
    // Region (and status, industry division) only: the roll-up answers exactly, above the limit of 5 too.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from enterprises where region_code like '32%'`.execute(t.handle.db);
    const whole = await list(province, 'pageSize=1');
    expect(whole).toMatchObject({ total: rows[0]?.n, totalIsEstimate: false });
    const active = await list(county, 'pageSize=1&status=active&industry=C39');
    const { rows: activeRows } = await sql<{ n: number }>`
      select count(*)::int as n from enterprises
      where region_code = '320583' and status = 'active' and industry_code like 'C39%'`.execute(t.handle.db);
    expect(active).toMatchObject({ total: activeRows[0]?.n, totalIsEstimate: false });
    // A search with more matches than the limit: an estimate, flagged, above the limit.
    const many = await list(province, `q=${encodeURIComponent('望岳精工')}&pageSize=1`);
    expect(many.totalIsEstimate).toBe(true);
    expect(many.total).toBeGreaterThan(5);
    // At most the limit: counted exactly.
    const few = await list(province, `q=${encodeURIComponent('望岳精工服务')}&pageSize=1`);
    expect(few).toMatchObject({ total: 1, totalIsEstimate: false });
  });

  it('keeps the roll-up behind the home page equal to the enterprises through writes that move them', async () => {
    // Two enterprises of its own (the other tests read the ones of beforeAll): one moved by a re-import to
    // another county, industry and status; the other by a correction.
    await writeEnterpriseBatch(
      t.handle.db,
      [anEnterprise(8, '滚动统计甲有限公司'), anEnterprise(9, '滚动统计乙有限公司')],
      'test',
    );
    await writeEnterpriseBatch(
      t.handle.db,
      [
        anEnterprise(8, '滚动统计甲有限公司', {
          regionCode: '320585',
          industryCode: 'F52',
          status: 'suspended',
        }),
      ],
      'test',
    );
    const moved = await t.handle.db
      .selectFrom('enterprises')
      .select(['id', 'version'])
      .where('uscc', '=', makeUscc('91320583MA1LW0009'))
      .executeTakeFirstOrThrow();
    const admin = await signIn(t, await aUser(t.handle.db, { role: 'admin' }));
    const patched = await t.request('PATCH', `/api/enterprises/${moved.id}`, {
      session: admin,
      body: { version: moved.version, industryCode: 'I65' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const { rows: rollup } = await sql<{ region: string; industry: string; status: string; n: number }>`
      select region_code as region, industry_code as industry, status, sum(enterprises)::int as n
      from enterprise_counts group by 1, 2, 3 having sum(enterprises) <> 0 order by 1, 2, 3`.execute(
      t.handle.db,
    );
    const { rows: truth } = await sql<{ region: string; industry: string; status: string; n: number }>`
      select region_code as region, left(industry_code, 3) as industry, status, count(*)::int as n from enterprises
      group by 1, 2, 3 order by 1, 2, 3`.execute(t.handle.db);
    expect(rollup).toEqual(truth);
    // Compacted (as after an import): one row per cell, the same sums.
    await compactRollup(t.handle.db, 'enterprise_counts');
    const { rows: compacted } = await sql<{ region: string; industry: string; status: string; n: number }>`
      select region_code as region, industry_code as industry, status, enterprises as n
      from enterprise_counts order by 1, 2, 3`.execute(t.handle.db);
    expect(compacted).toEqual(truth);
    const home = (await t.request('GET', '/api/home', { session: province })).json();
    const { rows: total } = await sql<{ n: number }>`
      select count(*)::int as n from enterprises where region_code like '32%'`.execute(t.handle.db);
    expect(home.region.enterpriseCount).toBe(total[0]?.n);
    const sections = home.region.bySection as { key: string; count: number }[];
    expect(sections.find((s) => s.key === 'I')?.count).toBeGreaterThan(0);
    expect(sections.reduce((sum, s) => sum + s.count, 0)).toBe(total[0]?.n);
  });

  it('keeps the size statistics equal to the size classes through random imports, moves and corrections', async () => {
    // A seeded series of writes over twelve enterprises of their own: re-imports that create them, move them
    // between counties and industry divisions and change their figures of two years, beside corrections of the
    // industry and of figures through the API. After each step the roll-up, summed as its readers sum it, is
    // what a count over the size classes gives (ADR 0026: no refresh runs).
    let seed = 20261206;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const regions = ['320583', '320585', '320205'];
    const industries = ['C34', 'C3911', 'F52', 'I65'];
    const admin = await signIn(t, await aUser(t.handle.db, { role: 'admin' }));
    const uscc = (i: number) => makeUscc(`91320583MA1LW${String(300 + i).padStart(4, '0')}`);
    const summed = () => sizeStatsAsRead(t.handle.db);
    const truth = () => sizeStatsFromSizes(t.handle.db);
    let corrections = 0;
    for (let step = 0; step < 40; step++) {
      const kind = step < 3 ? 0 : Math.floor(random() * 3);
      if (kind === 0) {
        const chosen = [
          ...new Set(Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * 12))),
        ];
        await writeEnterpriseBatch(
          t.handle.db,
          chosen.map((i) =>
            anEnterprise(300 + i, `随机统计${i}号有限公司`, {
              uscc: uscc(i),
              regionCode: pick(regions),
              industryCode: pick(industries),
              figures: {
                year: pick([2024, 2025]),
                employees: Math.floor(random() * 400),
                operatingRevenue: Math.floor(random() * 50_000),
                mainBusinessRevenue: null,
                totalAssets: Math.floor(random() * 90_000),
                totalLiabilities: null,
                rdExpense: null,
                rdStaff: null,
                taxableIncome: null,
                vatTaxpayerType: null,
              },
            }),
          ),
          'test',
        );
      } else {
        const one = await t.handle.db
          .selectFrom('enterprises')
          .select(['id', 'version'])
          .where(
            'uscc',
            'in',
            Array.from({ length: 12 }, (_, i) => uscc(i)),
          )
          .orderBy('id')
          .offset(Math.floor(random() * 3))
          .limit(1)
          .executeTakeFirstOrThrow();
        const response =
          kind === 1
            ? await t.request('PATCH', `/api/enterprises/${one.id}`, {
                session: admin,
                body: { version: one.version, industryCode: pick(industries) },
              })
            : await t.request('PUT', `/api/enterprises/${one.id}/figures/${pick([2024, 2025])}`, {
                session: admin,
                body: {
                  employees: Math.floor(random() * 400),
                  operatingRevenue: Math.floor(random() * 50_000),
                  totalAssets: Math.floor(random() * 90_000),
                },
              });
        expect(response.statusCode, response.body).toBe(200);
        corrections += 1;
      }
      expect(await summed(), `after step ${step}`).toEqual(await truth());
    }
    expect(corrections).toBeGreaterThan(10);
    await compactRollup(t.handle.db, 'size_stats');
    const { rows: perCell } = await sql<{ rows: number }>`
      select count(*)::int as rows from size_stats
      group by year, standard, region_code, industry_code, size having count(*) > 1`.execute(t.handle.db);
    expect(perCell).toEqual([]);
    expect(await summed()).toEqual(await truth());
    // The statistics page reads the same counts.
    const stats = (await t.request('GET', '/api/registry/stats?year=2025', { session: province })).json();
    const { rows: total } = await sql<{ n: number }>`
      select count(*)::int as n from enterprise_sizes s join enterprises e on e.id = s.enterprise_id
      where s.year = 2025 and s.standard = 'cn-2011' and e.region_code like '32%'`.execute(t.handle.db);
    expect(stats.totals.total).toBe(total[0]?.n);
  });

  it('refuses a cursor that is not one, or one with a sort other than by name (400, field after)', async () => {
    const bad = await t.request('GET', '/api/enterprises?after=nonsense', { session: county });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'after' })]);
    const first = await list(county, 'pageSize=2');
    const wrongSort = await t.request(
      'GET',
      `/api/enterprises?sort=established&after=${encodeURIComponent(first.nextCursor ?? '')}`,
      { session: county },
    );
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.json().errors).toEqual([expect.objectContaining({ field: 'after' })]);
  });
});
