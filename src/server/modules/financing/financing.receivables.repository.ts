/** The SQL of `receivables` (issue 15): amounts read as decimal text, never as floats. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReceivableState } from './financing.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReceivableRow {
  enterprise_id: number;
  id: number;
  debtor_uscc: string;
  debtor_name: string;
  debtor_kind: 'government' | 'public_institution' | 'large_enterprise';
  region_code: string;
  contract_number: string;
  amount: string;
  due_on: string | null;
  case_id: number | null;
  state: ReceivableState;
  requested_at: Date;
  requested_on: string;
  confirm_due: string;
  reminded_on: string | null;
  late_notified_on: string | null;
  escalated_case_id: number | null;
  answered_at: Date | null;
  confirmed_amount: string | null;
  dispute_reason: string | null;
  financed_demand_id: number | null;
  financed_institution_id: number | null;
  financed_at: Date | null;
  notice_kind: 'pledge' | 'transfer' | null;
  version: number;
}

function receivableSelect(db: Db) {
  return db
    .selectFrom('receivables as v')
    .select([
      'v.enterprise_id',
      'v.id',
      'v.debtor_uscc',
      'v.debtor_name',
      'v.debtor_kind',
      'v.region_code',
      'v.contract_number',
      'v.due_on',
      'v.case_id',
      'v.state',
      'v.requested_at',
      'v.requested_on',
      'v.confirm_due',
      'v.reminded_on',
      'v.late_notified_on',
      'v.escalated_case_id',
      'v.answered_at',
      'v.dispute_reason',
      'v.financed_demand_id',
      'v.financed_institution_id',
      'v.financed_at',
      'v.notice_kind',
      'v.version',
    ])
    .select([
      sql<string>`trim_scale(v.amount)::text`.as('amount'),
      sql<string | null>`trim_scale(v.confirmed_amount)::text`.as('confirmed_amount'),
    ]);
}

export async function insertReceivable(
  db: Db,
  values: {
    enterprise_id: number;
    debtor_uscc: string;
    debtor_name: string;
    debtor_kind: ReceivableRow['debtor_kind'];
    region_code: string;
    contract_number: string;
    amount: string;
    due_on: string | null;
    case_id: number | null;
    requested_by: number;
    requested_on: string;
    confirm_due: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('receivables')
    .values({ ...values, state: 'requested' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findReceivable(
  db: Db,
  enterpriseId: number,
  id: number,
  lock = false,
): Promise<ReceivableRow | undefined> {
  let query = receivableSelect(db).where('v.enterprise_id', '=', enterpriseId).where('v.id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst() as Promise<ReceivableRow | undefined>;
}

export async function updateReceivable(
  db: Db,
  enterpriseId: number,
  id: number,
  set: Partial<{
    state: ReceivableState;
    reminded_on: string;
    late_notified_on: string;
    escalated_case_id: number;
    answered_by: number;
    answered_at: Date;
    confirmed_amount: string;
    dispute_reason: string;
    financed_demand_id: number;
    financed_institution_id: number;
    financed_at: Date;
    notice_kind: 'pledge' | 'transfer';
  }>,
): Promise<void> {
  await db
    .updateTable('receivables')
    .set({ ...set, version: sql`version + 1` })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}

/** The live request (requested, confirmed or financed) made from a complaint, if any. */
export async function liveReceivableOfCase(
  db: Db,
  enterpriseId: number,
  caseId: number,
): Promise<{ id: number; state: ReceivableState } | undefined> {
  return db
    .selectFrom('receivables')
    .select(['id', 'state'])
    .where('enterprise_id', '=', enterpriseId)
    .where('case_id', '=', caseId)
    .where('state', 'in', ['requested', 'confirmed', 'financed'])
    .executeTakeFirst();
}

/** A page of receivables: an enterprise's, or those owed by a debtor (by USCC), newest first. */
export async function receivablesPage(
  db: Db,
  filter: { enterpriseId?: number; debtorUscc?: string; state?: ReceivableState },
  page: number,
  pageSize: number,
): Promise<{ rows: ReceivableRow[]; total: number }> {
  let base = db.selectFrom('receivables as v');
  let rows = receivableSelect(db);
  if (filter.enterpriseId !== undefined) {
    base = base.where('v.enterprise_id', '=', filter.enterpriseId);
    rows = rows.where('v.enterprise_id', '=', filter.enterpriseId);
  }
  if (filter.debtorUscc !== undefined) {
    base = base.where('v.debtor_uscc', '=', filter.debtorUscc);
    rows = rows.where('v.debtor_uscc', '=', filter.debtorUscc);
  }
  if (filter.state !== undefined) {
    base = base.where('v.state', '=', filter.state);
    rows = rows.where('v.state', '=', filter.state);
  }
  const [items, count] = await Promise.all([
    rows
      .orderBy('v.requested_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: items as ReceivableRow[], total: Number(count.n) };
}

/** Requests awaiting an answer whose period ends on or before a day (the reminders), not yet reminded. */
export async function receivablesToRemind(db: Db, through: string, limit: number): Promise<ReceivableRow[]> {
  return receivableSelect(db)
    .where('v.state', '=', 'requested')
    .where('v.reminded_on', 'is', null)
    .where('v.confirm_due', '<=', through)
    .orderBy('v.confirm_due')
    .limit(limit)
    .execute() as Promise<ReceivableRow[]>;
}

/** Requests past their period (before `today`) not yet reported late. */
export async function receivablesLate(db: Db, today: string, limit: number): Promise<ReceivableRow[]> {
  return receivableSelect(db)
    .where('v.state', '=', 'requested')
    .where('v.late_notified_on', 'is', null)
    .where('v.confirm_due', '<', today)
    .orderBy('v.confirm_due')
    .limit(limit)
    .execute() as Promise<ReceivableRow[]>;
}

/** Requests unanswered past their period in a region (the creditor's), for the officials' desk. */
export async function lateReceivablesIn(
  db: Db,
  prefix: string,
  today: string,
  page: number,
  pageSize: number,
): Promise<{ rows: ReceivableRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    receivableSelect(db)
      .where('v.state', '=', 'requested')
      .where('v.confirm_due', '<', today)
      .where('v.region_code', 'like', `${prefix}%`)
      .orderBy('v.confirm_due')
      .orderBy('v.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('receivables as v')
      .where('v.state', '=', 'requested')
      .where('v.confirm_due', '<', today)
      .where('v.region_code', 'like', `${prefix}%`)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ReceivableRow[], total: Number(count.n) };
}
