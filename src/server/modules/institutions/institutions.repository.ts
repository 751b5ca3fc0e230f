/** SQL of financial institutions. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { escapeLike } from '../audit/index.ts';

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
