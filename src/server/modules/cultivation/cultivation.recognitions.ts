/**
 * What a recognition is kept against (issue 18; docs/reference/cultivation.md §9): the registry's name and region
 * when it was recognised, recorded in the announcing transaction (and by the daily run for any recognised before
 * this record existed), so that a later rename or move to another province is found.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enterpriseCards } from '../registry/index.ts';

/**
 * Records, for every recognised application without a record (of one enterprise, or all), the registry's name and
 * region as they stand: what later changes are measured against.
 */
export async function recordRecognitions(trx: Transaction<Database>, today: string, enterpriseId?: number) {
  const only = enterpriseId === undefined ? sql`` : sql`and a.enterprise_id = ${enterpriseId}`;
  const { rows } = await sql<{ n: number }>`
    with added as (
      insert into cultivation_recognitions (enterprise_id, application_id, recorded_name, recorded_region_code, recorded_on)
      select a.enterprise_id, a.id, e.name, e.region_code, ${today}::date
      from cultivation_applications a
      join (${enterpriseCards(trx as unknown as Kysely<Database>)}) e on e.id = a.enterprise_id
      where a.stage = 'recognised' and e.region_code is not null ${only}
        and not exists (select 1 from cultivation_recognitions r
                        where r.enterprise_id = a.enterprise_id and r.application_id = a.id)
      on conflict do nothing
      returning 1)
    select count(*)::int as n from added`.execute(trx);
  return rows[0]?.n ?? 0;
}
