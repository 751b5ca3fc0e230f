/**
 * Keeps the database copy of the reference data (GB/T 2260 regions, GB/T 4754-2017 industries) equal to the
 * code's tables. Runs after migrations; skips all work when the stored fingerprint matches.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { allIndustries } from '../../../reference/industries.ts';
import { allRegions, regionFullName } from '../../../reference/regions.ts';
import { regionFullNameEn, regionNameEn } from '../../../reference/regions-en.ts';
import type { Database } from '../../db/schema.ts';

const META_KEY = 'reference_data_fingerprint';

function rows() {
  const regions = allRegions().map((r) => ({
    code: r.code,
    name: r.name,
    full_name: regionFullName(r.code) || r.name,
    level: r.level,
    parent_code: r.parentCode,
  }));
  const industries = allIndustries().map((i) => ({
    code: i.code,
    level: i.level,
    name_zh: i.nameZh,
    name_en: i.nameEn,
    parent_code: i.parentCode,
    section: i.section,
  }));
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([regions, industries]))
    .digest('hex');
  return { regions, industries, fingerprint };
}

/** Upserts regions and industries when they changed since the last sync; returns whether it wrote anything. */
export async function syncReferenceData(db: Kysely<Database>): Promise<boolean> {
  const { regions, industries, fingerprint } = rows();
  const stored = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  if (stored?.value === fingerprint) return false;
  await db.transaction().execute(async (trx) => {
    // Parents come before children in allRegions()/allIndustries(), so the foreign keys hold row by row.
    for (let i = 0; i < regions.length; i += 500) {
      await trx
        .insertInto('regions')
        .values(regions.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            full_name: eb.ref('excluded.full_name'),
            level: eb.ref('excluded.level'),
            parent_code: eb.ref('excluded.parent_code'),
          })),
        )
        .execute();
    }
    for (let i = 0; i < industries.length; i += 500) {
      await trx
        .insertInto('industries')
        .values(industries.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            level: eb.ref('excluded.level'),
            name_zh: eb.ref('excluded.name_zh'),
            name_en: eb.ref('excluded.name_en'),
            parent_code: eb.ref('excluded.parent_code'),
            section: eb.ref('excluded.section'),
          })),
        )
        .execute();
    }
    await trx
      .insertInto('meta')
      .values({ key: META_KEY, value: fingerprint })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: fingerprint, updated_at: sql`now()` }))
      .execute();
  });
  return true;
}

/** A region row with its romanised English names (GB/T 2260 has none; docs/reference/regions-en.md). */
function withEnglish<T extends { code: string }>(row: T) {
  return { ...row, nameEn: regionNameEn(row.code), fullNameEn: regionFullNameEn(row.code) };
}

/** Children of a region (provinces when code is null), from the database, with their romanised names. */
export async function listRegionChildren(db: Kysely<Database>, parentCode: string | null) {
  let query = db
    .selectFrom('regions')
    .select(['code', 'name', 'full_name as fullName', 'level', 'parent_code as parentCode']);
  query =
    parentCode === null
      ? query.where('parent_code', 'is', null)
      : query.where('parent_code', '=', parentCode);
  return (await query.orderBy('code').execute()).map(withEnglish);
}

/** One region from the database with its romanised names, or undefined. */
export async function findRegionRow(db: Kysely<Database>, code: string) {
  const row = await db
    .selectFrom('regions')
    .select(['code', 'name', 'full_name as fullName', 'level', 'parent_code as parentCode'])
    .where('code', '=', code)
    .executeTakeFirst();
  return row && withEnglish(row);
}
