/** The SQL of the annual disclosure of overdue payments: `arrears_disclosures` and the complaints it is computed from. */
import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { escapeLike } from '../audit/index.ts';
import { regionWithin } from './cases.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;
/** A published disclosure as stored. */
export type DisclosureRow = Selectable<Database['arrears_disclosures']>;
/** The kinds of debtor a disclosure covers. */
export type DisclosingKind = 'government' | 'public_institution';

/** The accepted complaints against some bodies of some kinds, by id (what a disclosure is computed from). */
export function listDisclosableComplaints(
  db: Db,
  usccs: readonly string[],
  kinds: readonly DisclosingKind[],
) {
  return (
    db
      .selectFrom('cases')
      .select(['id', 'number', 'type', 'claim', 'debtor_uscc', 'debtor_kind', 'contract_number'])
      .where('debtor_uscc', 'in', [...usccs])
      .where('type', '=', 'arrears')
      .where('debtor_kind', 'in', [...kinds])
      .where('state', 'not in', ['returned', 'merged'])
      // Only complaints a department accepted: one still under review is not the body's to see, nor the public's.
      .where('accepted_on', 'is not', null)
      .orderBy('id')
      .execute()
  );
}

/** The debtor kind the latest complaint against a body names, if any. */
export async function findLatestDebtorKind(db: Db, uscc: string) {
  const row = await db
    .selectFrom('cases')
    .select('debtor_kind')
    .where('debtor_uscc', '=', uscc)
    .where('debtor_kind', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.debtor_kind ?? null;
}

/** The bodies of some kinds with complaints against them in a region subtree, by USCC. */
export function listDebtorBodies(db: Db, prefix: string, kinds: readonly DisclosingKind[]) {
  return db
    .selectFrom('cases')
    .select([
      'debtor_uscc',
      sql<string>`max(debtor_name)`.as('name'),
      sql<string>`max(debtor_kind)`.as('kind'),
    ])
    .where(regionWithin(prefix))
    .where('type', '=', 'arrears')
    .where('debtor_kind', 'in', [...kinds])
    .groupBy('debtor_uscc')
    .orderBy('debtor_uscc')
    .execute();
}

/** A body's published disclosure of a year, if any. */
export function findDisclosure(db: Db, uscc: string, year: number): Promise<DisclosureRow | undefined> {
  return db
    .selectFrom('arrears_disclosures')
    .selectAll()
    .where('organization_uscc', '=', uscc)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** The published disclosures of a year of some bodies. */
export async function listDisclosuresOf(
  db: Db,
  usccs: readonly string[],
  year: number,
): Promise<DisclosureRow[]> {
  if (usccs.length === 0) return [];
  return db
    .selectFrom('arrears_disclosures')
    .selectAll()
    .where('year', '=', year)
    .where('organization_uscc', 'in', [...usccs])
    .execute();
}

/** Records a published disclosure. */
export function insertDisclosure(
  trx: Transaction<Database>,
  values: Insertable<Database['arrears_disclosures']>,
): Promise<DisclosureRow> {
  return trx.insertInto('arrears_disclosures').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A page of published disclosures (newest year first, then by name) and their count. */
export async function pageDisclosures(
  db: Db,
  query: {
    year?: number | undefined;
    regionPrefix?: string | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  let base = db.selectFrom('arrears_disclosures');
  if (query.year) base = base.where('year', '=', query.year);
  if (query.regionPrefix !== undefined) base = base.where('region_code', 'like', `${query.regionPrefix}%`);
  if (query.q) base = base.where('organization_name', 'like', `%${escapeLike(query.q)}%`);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('organization_name')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
