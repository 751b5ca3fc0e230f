/**
 * Registry test factories: enterprises with more than one year of figures, and the statistics roll-up, through
 * the registry module's exported functions (style habit 18).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { insertInstitution } from '../../src/server/modules/institutions/index.ts';
import { refreshSizeStats, writeEnterpriseBatch } from '../../src/server/modules/registry/index.ts';
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

/** The size statistics recomputed for the given years (as an import does after it wrote enterprises). */
export function sizeStatsRefreshed(db: Kysely<Database>, years: Iterable<number>): Promise<void> {
  return refreshSizeStats(db, years);
}

/** A bank (a financial institution of the region) that bank users can belong to. */
export async function aBank(db: Kysely<Database>, region = '320583'): Promise<{ id: number; name: string }> {
  const uscc = aUscc(region);
  const name = `测试银行${uscc.slice(-6)}支行`;
  const id = await insertInstitution(db, { uscc, name, kind: 'bank', region_code: region });
  return { id, name };
}
