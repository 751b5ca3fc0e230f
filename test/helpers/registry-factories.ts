/**
 * Registry test factories: enterprises with more than one year of figures, through the registry module's
 * exported functions (style habit 18); the size statistics as their readers see them and as the size classes
 * give them.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { insertInstitution } from '../../src/server/modules/institutions/index.ts';
import { writeEnterpriseBatch } from '../../src/server/modules/registry/index.ts';
import { anEnterprise, aUscc, type MadeEnterprise } from './factories.ts';

/** One year's figures an enterprise reports (revenue in 10,000 yuan). */
export interface YearFigures {
  year: number;
  employees: number;
  revenue: number;
}

/** An active enterprise that reported figures for each of the given years (the first year first). */
export async function anEnterpriseReporting(
  db: Kysely<Database>,
  years: readonly [YearFigures, ...YearFigures[]],
  options: { region?: string; name?: string; industryCode?: string } = {},
): Promise<MadeEnterprise> {
  const [first, ...rest] = years;
  const made = await anEnterprise(db, { ...options, ...first });
  for (const figures of rest)
    await writeEnterpriseBatch(
      db,
      [
        {
          uscc: made.uscc,
          name: made.name,
          formerNames: [],
          legalRepresentative: '张三',
          regionCode: made.regionCode,
          industryCode: options.industryCode ?? 'C34',
          establishedOn: '2015-06-01',
          status: 'active',
          ownershipType: '私营',
          certifications: [],
          figures: {
            year: figures.year,
            employees: figures.employees,
            operatingRevenue: figures.revenue,
            mainBusinessRevenue: null,
            totalAssets: null,
            totalLiabilities: null,
            rdExpense: null,
            rdStaff: null,
            taxableIncome: null,
            vatTaxpayerType: null,
          },
        },
      ],
      'test',
    );
  return made;
}

/** A bank (a financial institution of the region) that bank users can belong to. */
export async function aBank(db: Kysely<Database>, region = '320583'): Promise<{ id: number; name: string }> {
  const uscc = aUscc(region);
  const name = `测试银行${uscc.slice(-6)}支行`;
  const id = await insertInstitution(db, { uscc, name, kind: 'bank', region_code: region });
  return { id, name };
}

/** A `size_stats` cell (`year/standard/county/division/size`) and its count. */
export interface SizeStatsCell {
  cell: string;
  n: number;
}

/** `size_stats` summed by cell, deltas included, as the statistics page reads it (zero cells left out). */
export async function sizeStatsAsRead(db: Kysely<Database>): Promise<SizeStatsCell[]> {
  const { rows } = await sql<SizeStatsCell>`
    select concat_ws('/', year, standard, region_code, industry_code, size) as cell, sum(enterprises)::int as n
    from size_stats group by 1 having sum(enterprises) <> 0 order by 1`.execute(db);
  return rows;
}

/** The same counts computed from the enterprises and their stored size classes. */
export async function sizeStatsFromSizes(db: Kysely<Database>): Promise<SizeStatsCell[]> {
  const { rows } = await sql<SizeStatsCell>`
    select concat_ws('/', s.year, s.standard, e.region_code, left(e.industry_code, 3), s.size) as cell,
      count(*)::int as n
    from enterprise_sizes s join enterprises e on e.id = s.enterprise_id group by 1 order by 1`.execute(db);
  return rows;
}
