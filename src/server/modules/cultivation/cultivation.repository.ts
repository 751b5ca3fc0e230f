/** The cultivation module's SQL on its own tables (issue 18); the registry's are read through its index. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type OwnFacts, readOwnFacts } from './cultivation.facts.rules.ts';
import type { ProvinceIndicatorSet } from './cultivation.standards.ts';
import type { TierCode } from './cultivation.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** An enterprise's own facts of a data year (empty, version 0, when it has filled in none). */
export async function findOwnFacts(
  db: Db,
  enterpriseId: number,
  year: number,
): Promise<{ facts: OwnFacts; version: number; updatedAt: Date | null }> {
  const row = await db
    .selectFrom('cultivation_facts')
    .select(['facts', 'version', 'updated_at'])
    .where('enterprise_id', '=', enterpriseId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!row) return { facts: {}, version: 0, updatedAt: null };
  // Stored facts were checked when written; reading them again keeps only what the rules still know.
  return { facts: readOwnFacts(row.facts).facts, version: row.version, updatedAt: row.updated_at };
}

/**
 * Writes an enterprise's own facts of a year on the version read (0: none yet). False when another write came
 * first (the caller answers 409).
 */
export async function writeOwnFacts(
  trx: Transaction<Database>,
  enterpriseId: number,
  year: number,
  facts: OwnFacts,
  version: number,
  userId: number,
): Promise<boolean> {
  const json = JSON.stringify(facts);
  if (version === 0) {
    const inserted = await trx
      .insertInto('cultivation_facts')
      .values({ enterprise_id: enterpriseId, year, facts: json, updated_by: userId, updated_at: new Date() })
      .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await trx
    .updateTable('cultivation_facts')
    .set((eb) => ({
      facts: json,
      updated_by: userId,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('enterprise_id', '=', enterpriseId)
    .where('year', '=', year)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** A province's settings of a tier and year, as stored (null when it has set none). */
export async function findSettings(db: Db, provinceCode: string, tier: TierCode, year: number) {
  return (
    (await db
      .selectFrom('cultivation_settings')
      .selectAll()
      .where('province_code', '=', provinceCode)
      .where('tier', '=', tier)
      .where('year', '=', year)
      .executeTakeFirst()) ?? null
  );
}

/** The 特色化 indicator sets the provinces have stored for a year, by province and standard version. */
export async function provinceIndicatorSets(
  db: Db,
  year: number,
  provinceCode?: string,
): Promise<ProvinceIndicatorSet[]> {
  let query = db
    .selectFrom('cultivation_settings')
    .select(['province_code', 'indicators'])
    .where('year', '=', year)
    .where('tier', '=', 'specialised');
  if (provinceCode !== undefined) query = query.where('province_code', '=', provinceCode);
  const rows = await query.execute();
  const sets: ProvinceIndicatorSet[] = [];
  for (const row of rows)
    for (const set of (Array.isArray(row.indicators) ? row.indicators : []) as ProvinceIndicatorSet[])
      sets.push({ ...set, province: row.province_code });
  return sets;
}
