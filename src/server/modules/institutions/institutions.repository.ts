/** SQL of financial institutions. */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { escapeLike } from '../audit/index.ts';
import type { FinancialInstitutionsTable } from './institutions.table.ts';

/** One institution with its region name. */
export function findInstitutionView(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('financial_institutions as f')
    .innerJoin('regions as r', 'r.code', 'f.region_code')
    .select(['f.id', 'f.name', 'f.kind', 'f.region_code as regionCode', 'r.full_name as regionName'])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

/** Institutions whose name contains the text, at most `limit`. */
export function searchInstitutions(db: Kysely<Database>, q: string, limit: number) {
  return db
    .selectFrom('financial_institutions')
    .select(['id', 'uscc', 'name', 'kind'])
    .where('name', 'like', `%${escapeLike(q)}%`)
    .orderBy('name')
    .limit(limit)
    .execute();
}

/** The names of those of `ids` that are institutions, by id (for modules that show whom a row is bound to). */
export async function findInstitutionNames(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('financial_institutions')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Adds an institution; returns its id. */
export async function insertInstitution(
  db: Kysely<Database>,
  row: Insertable<FinancialInstitutionsTable>,
): Promise<number> {
  const { id } = await db
    .insertInto('financial_institutions')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
