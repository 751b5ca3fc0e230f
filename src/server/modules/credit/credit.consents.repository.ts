/**
 * The SQL of consents and the access log (issue 14). A consent is found by its enterprise and id (one shard on
 * Citus); a bank's lists go by institution (every shard, merged on the coordinator).
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enterpriseCards } from '../registry/index.ts';
import type { ConsentState, CreditAccessLogTable, CreditConsentsTable } from './credit.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A consent as stored. */
export type ConsentRow = Selectable<CreditConsentsTable>;
/** An access log entry as stored. */
export type AccessLogRow = Selectable<CreditAccessLogTable>;

/** A stored status filter: the state, and for `expired` / live states the date that tells them apart. */
export interface ConsentFilter {
  enterpriseId?: number;
  institutionId?: number;
  status?: ConsentState | 'expired';
  today: string;
  page: number;
  pageSize: number;
}

/** A page of consents (with the enterprise's card and the number of queries under each), newest first. */
export async function consentsPage(db: Kysely<Database>, filter: ConsentFilter) {
  let q = db
    .selectFrom('credit_consents as c')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'c.enterprise_id');
  if (filter.enterpriseId !== undefined) q = q.where('c.enterprise_id', '=', filter.enterpriseId);
  if (filter.institutionId !== undefined) q = q.where('c.institution_id', '=', filter.institutionId);
  const status = filter.status;
  if (status === 'expired')
    q = q.where('c.state', 'in', ['authorised', 'awaiting']).where('c.valid_until', '<', filter.today);
  else if (status === 'authorised' || status === 'awaiting')
    q = q.where('c.state', '=', status).where('c.valid_until', '>=', filter.today);
  else if (status) q = q.where('c.state', '=', status);
  const [rows, total] = await Promise.all([
    q
      .selectAll('c')
      .select(['e.uscc', 'e.name as enterprise_name'])
      .select((eb) =>
        eb
          .selectFrom('credit_access_log as l')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('l.enterprise_id', '=', 'c.enterprise_id')
          .whereRef('l.consent_id', '=', 'c.id')
          .as('queries'),
      )
      .orderBy('c.requested_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** One consent of an enterprise; locked with `lock` (FOR SHARE: reads under it wait for a revocation). */
export function findConsent(
  db: Db,
  enterpriseId: number,
  id: number,
  lock: 'update' | 'share' | null = null,
) {
  let q = db
    .selectFrom('credit_consents')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id);
  if (lock === 'update') q = q.forUpdate();
  if (lock === 'share') q = q.forShare();
  return q.executeTakeFirst();
}

/** Stores a new consent. */
export function insertConsent(
  trx: Transaction<Database>,
  row: Omit<ConsentRow, 'id' | 'requested_at' | 'decided_at' | 'revoked_at' | 'decided_by' | 'revoked_by'> & {
    decided_by?: number | null;
    decided_at?: Date | null;
  },
) {
  return trx.insertInto('credit_consents').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Changes a consent's state. */
export function updateConsent(
  trx: Transaction<Database>,
  enterpriseId: number,
  id: number,
  changes: Partial<
    Pick<ConsentRow, 'state' | 'signer_name' | 'decided_by' | 'revoked_by' | 'valid_until'> & {
      decided_at: Date;
      revoked_at: Date;
    }
  >,
) {
  return trx
    .updateTable('credit_consents')
    .set(changes)
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Logs one query under a consent; its id. */
export async function insertAccess(
  trx: Transaction<Database>,
  row: {
    enterpriseId: number;
    consentId: number;
    institutionId: number;
    userId: number;
    kind: 'report' | 'check';
    categories: string[];
    purpose: string;
    question: unknown;
    answer: boolean | null;
  },
): Promise<number> {
  const inserted = await trx
    .insertInto('credit_access_log')
    .values({
      enterprise_id: row.enterpriseId,
      consent_id: row.consentId,
      institution_id: row.institutionId,
      user_id: row.userId,
      kind: row.kind,
      categories: row.categories,
      purpose: row.purpose,
      question: row.question === null ? null : JSON.stringify(row.question),
      answer: row.answer,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** A page of the access log: an enterprise's (optionally one consent's) or an institution's, newest first. */
export async function accessLogPage(
  db: Kysely<Database>,
  filter: {
    enterpriseId?: number;
    institutionId?: number;
    consentId?: number;
    page: number;
    pageSize: number;
  },
) {
  let q = db
    .selectFrom('credit_access_log as l')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'l.enterprise_id');
  if (filter.enterpriseId !== undefined) q = q.where('l.enterprise_id', '=', filter.enterpriseId);
  if (filter.institutionId !== undefined) q = q.where('l.institution_id', '=', filter.institutionId);
  if (filter.consentId !== undefined) q = q.where('l.consent_id', '=', filter.consentId);
  const [rows, total] = await Promise.all([
    q
      .selectAll('l')
      .select('e.name as enterprise_name')
      .orderBy('l.at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
