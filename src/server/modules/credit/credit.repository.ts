/**
 * The SQL of credit records and their objections and repairs (issue 14). Every statement names the enterprise,
 * so on Citus it goes to the one shard holding it. Writes take a transaction; the service checks who acts.
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enterpriseCards } from '../registry/index.ts';
import type { CreditObjectionsTable, CreditPersonal, CreditRecordsTable } from './credit.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A record as stored. */
export type CreditRecordRow = Selectable<CreditRecordsTable>;
/** An objection as stored. */
export type CreditObjectionRow = Selectable<CreditObjectionsTable>;

/** The published rule of credit.rules.ts `isPublished` in SQL, for a table aliased `r`. */
export function publishedOn(day: string) {
  return sql<boolean>`(r.status <> 'superseded' and (r.publish_until is null or r.publish_until >= ${day}::date))`;
}

/** An enterprise's records (a category's; with the superseded ones when `history`), newest first. */
export function listRecords(
  db: Db,
  enterpriseId: number,
  options: {
    category?: string;
    history?: boolean;
    publishedOn?: string;
    categories?: readonly string[];
  } = {},
): Promise<CreditRecordRow[]> {
  let q = db.selectFrom('credit_records as r').selectAll('r').where('r.enterprise_id', '=', enterpriseId);
  if (options.category) q = q.where('r.category', '=', options.category);
  if (options.categories)
    q = q.where('r.category', 'in', options.categories.length > 0 ? [...options.categories] : ['']);
  if (!options.history) q = q.where('r.status', '<>', 'superseded');
  if (options.publishedOn) q = q.where(publishedOn(options.publishedOn));
  return q.orderBy('r.category').orderBy('r.decided_on', 'desc').orderBy('r.id', 'desc').execute();
}

/** One record of an enterprise, locked for the transaction when `lock`. */
export function findRecord(db: Db, enterpriseId: number, id: number, lock = false) {
  let q = db
    .selectFrom('credit_records')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** What a new record holds. */
export interface NewCreditRecord {
  enterpriseId: number;
  category: string;
  item: string;
  title: string;
  valueNumber: number | null;
  valueText: string | null;
  decidedOn: string;
  publishUntil: string | null;
  sourceKind: CreditRecordsTable['source_kind'];
  sourceDepartment: string;
  sourceRef: string | null;
  personal: CreditPersonal | null;
  commitment: string | null;
  corrects: number | null;
  createdBy: number | null;
}

/** Inserts a record; its row. */
export function insertRecord(trx: Transaction<Database>, record: NewCreditRecord) {
  return trx
    .insertInto('credit_records')
    .values({
      enterprise_id: record.enterpriseId,
      category: record.category,
      item: record.item,
      title: record.title,
      value_number: record.valueNumber,
      value_text: record.valueText,
      decided_on: record.decidedOn,
      publish_until: record.publishUntil,
      source_kind: record.sourceKind,
      source_department: record.sourceDepartment,
      source_ref: record.sourceRef,
      personal: record.personal === null ? null : JSON.stringify(record.personal),
      commitment: record.commitment,
      corrects: record.corrects,
      created_by: record.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a record's state (dispute flag, status, end of publication). */
export async function updateRecord(
  trx: Transaction<Database>,
  enterpriseId: number,
  id: number,
  changes: Partial<{ disputed: boolean; status: CreditRecordRow['status']; publish_until: string | null }>,
): Promise<void> {
  await trx
    .updateTable('credit_records')
    .set(changes)
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}

/** An enterprise's objections and repair requests, newest first. */
export function listObjectionsOf(db: Db, enterpriseId: number) {
  return db
    .selectFrom('credit_objections')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('filed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** One objection, locked for the transaction. */
export function findObjectionForUpdate(trx: Transaction<Database>, enterpriseId: number, id: number) {
  return trx
    .selectFrom('credit_objections')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** An open objection or repair of the same kind on a record, if any. */
export function findOpenObjection(
  db: Db,
  enterpriseId: number,
  recordId: number,
  kind: 'objection' | 'repair',
) {
  return db
    .selectFrom('credit_objections')
    .select(['id', 'due_on'])
    .where('enterprise_id', '=', enterpriseId)
    .where('record_id', '=', recordId)
    .where('kind', '=', kind)
    .where('state', '=', 'open')
    .executeTakeFirst();
}

/** The open objections and repair requests on a record, but one (locked: they are about to be answered). */
export function openObjectionsOnRecord(
  trx: Transaction<Database>,
  enterpriseId: number,
  recordId: number,
  exceptId: number,
) {
  return trx
    .selectFrom('credit_objections')
    .select(['id', 'kind'])
    .where('enterprise_id', '=', enterpriseId)
    .where('record_id', '=', recordId)
    .where('state', '=', 'open')
    .where('id', '<>', exceptId)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Files an objection or repair request. */
export function insertObjection(
  trx: Transaction<Database>,
  row: {
    enterpriseId: number;
    recordId: number;
    kind: 'objection' | 'repair';
    reason: string;
    filedBy: number;
    dueOn: string;
  },
) {
  return trx
    .insertInto('credit_objections')
    .values({
      enterprise_id: row.enterpriseId,
      record_id: row.recordId,
      kind: row.kind,
      reason: row.reason,
      filed_by: row.filedBy,
      due_on: row.dueOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records the answer to an objection. */
export function answerObjectionRow(
  trx: Transaction<Database>,
  enterpriseId: number,
  id: number,
  answer: { state: 'accepted' | 'rejected'; answer: string; answeredBy: number; correctionId: number | null },
) {
  return trx
    .updateTable('credit_objections')
    .set({
      state: answer.state,
      answer: answer.answer,
      answered_by: answer.answeredBy,
      answered_at: sql<Date>`now()`,
      correction_id: answer.correctionId,
    })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A page of objections for officials: the enterprises of a region subtree, by state and kind, the open ones first,
 * the oldest due first.
 */
export async function objectionQueue(
  db: Kysely<Database>,
  filter: {
    regionPrefix: string;
    state?: CreditObjectionRow['state'];
    kind?: CreditObjectionRow['kind'];
    page: number;
    pageSize: number;
  },
) {
  let q = db
    .selectFrom('credit_objections as o')
    .innerJoin('credit_records as r', (j) =>
      j.onRef('r.enterprise_id', '=', 'o.enterprise_id').onRef('r.id', '=', 'o.record_id'),
    )
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'o.enterprise_id')
    .where('e.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.state) q = q.where('o.state', '=', filter.state);
  if (filter.kind) q = q.where('o.kind', '=', filter.kind);
  const [rows, total] = await Promise.all([
    q
      .selectAll('o')
      .select([
        'e.uscc',
        'e.name as enterprise_name',
        'e.region_code',
        'r.title as record_title',
        'r.category as record_category',
        'r.source_department as record_source',
      ])
      .orderBy(sql`o.state = 'open'`, 'desc')
      .orderBy('o.due_on')
      .orderBy('o.id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
