/** The coverage of credit information by category in a region (issue 14, measure 4), as officials read it. */
import type { Kysely } from 'kysely';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import type { CreditCoverage } from '../../../shared/api/credit-imports.ts';
import type { Database } from '../../db/schema.ts';
import type { RegionScope } from '../../http/region-scope.ts';
import { countEnterprises } from '../registry/index.ts';
import { coverageByCategory } from './credit.coverage.repository.ts';

/**
 * Every category of the sharing list in its order, with the region's enterprises that have a record of it
 * published on `today`, those records, their share of the region's enterprises (as the registry counts them) and
 * their newest and median as-of date; a category without records reads 0.
 */
export async function creditCoverage(
  db: Kysely<Database>,
  scope: RegionScope,
  today: string,
): Promise<CreditCoverage> {
  const [counts, enterprises] = await Promise.all([
    coverageByCategory(db, scope.prefix, today),
    countEnterprises(db, scope.prefix),
  ]);
  const byCategory = new Map(counts.map((c) => [c.category, c]));
  return {
    regionCode: scope.code,
    enterprises,
    asOf: today,
    categories: CREDIT_CATEGORIES.map((c) => {
      const found = byCategory.get(c.code);
      const covered = found?.enterprises ?? 0;
      return {
        category: c.code,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        enterprises: covered,
        records: found?.records ?? 0,
        share: enterprises > 0 ? covered / enterprises : 0,
        newest: found?.newest ?? null,
        median: found?.median ?? null,
      };
    }),
  };
}
