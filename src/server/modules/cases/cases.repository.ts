/**
 * The SQL of the case engine's use cases over its own tables (cases, case_numbers, case_events, case_payments,
 * case_supervisions, case_routing_rules, the case_stats / case_deadlines roll-ups), and the one write of an action
 * on a case: recordCaseChange. Other modules' data comes through their index.ts.
 *
 * Scale-out (docs/adr/0025-scale-out-on-citus.md): a case's rows are keyed by (enterprise_id, id), so a write or a
 * lock names the enterprise (one shard on Citus); every write that changes what the roll-ups count updates them in
 * its transaction (applyRollup; no trigger).
 */
import {
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { appendAudit, escapeLike } from '../audit/index.ts';
import {
  ROLLUP_COLUMNS,
  type RollupDelta,
  type RollupFacts,
  rollupDelta,
  STAT_COUNTERS,
  yuanOf,
} from './cases.rollup.rules.ts';
import { type CaseEvent, type CaseState, type CaseType, type Clock, deadlineOf } from './cases.rules.ts';
import type { CasesTable } from './cases.table.ts';

/** A connection or a transaction. */
export type Db = Kysely<Database> | Transaction<Database>;
/** A case as stored. */
export type CaseRow = Selectable<Database['cases']>;
/** A routing rule as stored. */
export type RoutingRuleRow = Selectable<Database['case_routing_rules']>;

/** The states a case is open in: someone still has to act. */
export const OPEN_STATES: readonly CaseState[] = ['submitted', 'accepted', 'in_progress', 'info_requested'];

// ---- cases -----------------------------------------------------------------------------------------------

/** A case by id. */
export function findCase(db: Db, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The enterprise a case belongs to (the first part of its key), if the case exists. */
async function enterpriseOfCase(db: Db, id: number): Promise<number | undefined> {
  const row = await db.selectFrom('cases').select('enterprise_id').where('id', '=', id).executeTakeFirst();
  return row?.enterprise_id;
}

/**
 * A case by id, locked until the transaction ends (an action reads and writes it in one go). The lock names the
 * enterprise: a `for update` by id alone would lock across every shard on Citus.
 */
export async function lockCase(trx: Transaction<Database>, id: number): Promise<CaseRow | undefined> {
  const enterpriseId = await enterpriseOfCase(trx, id);
  if (enterpriseId === undefined) return undefined;
  return trx
    .selectFrom('cases')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** A case's key: its enterprise and id. */
export type CaseKey = Pick<CaseRow, 'enterprise_id' | 'id'>;

/** Adds a change's contribution to the case_stats / case_deadlines roll-ups (cases.rollup.rules.ts). */
export async function applyRollup(trx: Transaction<Database>, delta: RollupDelta): Promise<void> {
  if (delta.stats.length > 0) {
    const sums = Object.fromEntries(
      STAT_COUNTERS.map((k) => [k, sql`${sql.ref(`case_stats.${k}`)} + ${sql.ref(`excluded.${k}`)}`]),
    );
    await trx
      .insertInto('case_stats')
      .values(
        delta.stats.map((row) => ({ ...row, claimed: yuanOf(row.claimed), repaid: yuanOf(row.repaid) })),
      )
      .onConflict((oc) =>
        oc.columns(['region_code', 'department_code', 'type', 'debtor_kind', 'month']).doUpdateSet(sums),
      )
      .execute();
  }
  if (delta.deadlines.length > 0)
    await trx
      .insertInto('case_deadlines')
      .values(delta.deadlines)
      .onConflict((oc) =>
        oc
          .columns(['region_code', 'department_code', 'type', 'deadline'])
          .doUpdateSet({ open: sql`case_deadlines.open + excluded.open` }),
      )
      .execute();
}

/** The columns a clock sets: the clock and its deadline (none while paused). */
export function clockColumns(clock: Clock | null) {
  return {
    clock: JSON.stringify(clock),
    deadline: clock && !clock.pausedSince ? deadlineOf(clock) : null,
  };
}

/** A new case as filing builds it (number, state, clock and dates are set here). */
export type NewCase = Omit<
  Updateable<CasesTable>,
  'id' | 'number' | 'state' | 'clock' | 'deadline' | 'received_on' | 'version'
> & {
  type: CaseType;
  category: string;
  title: string;
  description: string;
  region_code: string;
  department_code: string;
  enterprise_id: number;
  submitted_by: number;
};

/**
 * Inserts a submitted case with its first clock, numbers it (SQ/QK + date + id; the number is claimed in
 * `case_numbers`, unique across enterprises), counts it in the roll-ups and returns id and number.
 */
export async function insertSubmittedCase(
  trx: Transaction<Database>,
  values: NewCase,
  on: string,
  clock: Clock | null,
): Promise<{ id: number; number: string }> {
  const { id, ...facts } = await trx
    .insertInto('cases')
    .values({
      ...values,
      number: `tmp-${crypto.randomUUID()}`,
      state: 'submitted',
      received_on: on,
      ...clockColumns(clock),
    })
    .returning(['id', ...ROLLUP_COLUMNS])
    .executeTakeFirstOrThrow();
  const number = `${values.type === 'demand' ? 'SQ' : 'QK'}${on.replaceAll('-', '')}${String(id).padStart(6, '0')}`;
  await trx
    .insertInto('case_numbers')
    .values({ number, enterprise_id: values.enterprise_id, case_id: id })
    .execute();
  await trx
    .updateTable('cases')
    .set({ number })
    .where('enterprise_id', '=', values.enterprise_id)
    .where('id', '=', id)
    .execute();
  await applyRollup(trx, rollupDelta(null, facts));
  return { id, number };
}

/** Appends an entry to a case's timeline. */
export async function insertCaseEvent(
  trx: Transaction<Database>,
  of: CaseKey,
  actor: Pick<Actor, 'userId' | 'role'>,
  event: CaseEvent,
): Promise<void> {
  await trx
    .insertInto('case_events')
    .values({
      enterprise_id: of.enterprise_id,
      case_id: of.id,
      actor_user_id: actor.userId,
      actor_role: actor.role,
      action: event.action,
      from_state: event.fromState,
      to_state: event.toState,
      note: event.note,
      data: JSON.stringify(event.data),
    })
    .execute();
}

/** One change to a case by someone: what the transition (or a payer's answer) decided, and how to audit it. */
export interface CaseChange {
  /** The case as loaded (locked) before the change. */
  current: Pick<CaseRow, 'id' | 'enterprise_id' | 'clock' | 'version'> & RollupFacts;
  changes: Updateable<CasesTable>;
  /** The clock after the change; undefined: the clock is not touched. */
  clock?: Clock | null;
  event: CaseEvent;
  actor: Pick<Actor, 'userId' | 'role'>;
  requestId: string | null | undefined;
  /** The audit entry's summary (its action is `case.<the event's action>`). */
  auditSummary: Record<string, unknown>;
}

/**
 * Records a change to a case in the caller's transaction: its columns (and clock, resetting reminders when the
 * clock changed), a version bump, the roll-ups, the timeline entry and the audit entry. The one write of every
 * action on a case, officials', enterprises' and payers'.
 */
export async function recordCaseChange(trx: Transaction<Database>, change: CaseChange): Promise<void> {
  const { current, clock } = change;
  const clockSet: Updateable<CasesTable> =
    clock === undefined
      ? {}
      : {
          ...clockColumns(clock),
          // A new clock may be reminded and supervised afresh.
          ...(JSON.stringify(clock) !== JSON.stringify(current.clock)
            ? { reminded_level: 0, reminded_deadline: null }
            : {}),
        };
  const after = await trx
    .updateTable('cases')
    .set({ ...change.changes, ...clockSet, version: current.version + 1, updated_at: new Date() })
    .where('enterprise_id', '=', current.enterprise_id)
    .where('id', '=', current.id)
    .returning(ROLLUP_COLUMNS)
    .executeTakeFirstOrThrow();
  await applyRollup(trx, rollupDelta(current, after));
  await insertCaseEvent(trx, current, change.actor, change.event);
  await appendAudit(
    trx,
    { userId: change.actor.userId, role: change.actor.role },
    {
      action: `case.${change.event.action}`,
      targetType: 'case',
      targetId: current.id,
      requestId: change.requestId,
      summary: change.auditSummary,
    },
  );
}

/** Open cases with a stored deadline after an id, by id: their clocks (a page of the deadline refresh). */
export function pageOpenClocks(trx: Transaction<Database>, afterId: number, limit: number) {
  return trx
    .selectFrom('cases')
    .select(['id', 'enterprise_id', 'clock', 'deadline'])
    .where('state', 'in', OPEN_STATES)
    .where('deadline', 'is not', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A stored deadline to move: the case and its deadline as read (`from`) and as it should be (`to`). */
export interface DeadlineMove {
  enterpriseId: number;
  id: number;
  from: string;
  to: string;
}

/**
 * Moves the deadlines of some open cases in one statement, and the deadline roll-up with them (not an action: no
 * event, no version bump). A case whose deadline changed since it was read is left to the action that changed it.
 * Returns how many moved.
 */
export async function setDeadlines(
  trx: Transaction<Database>,
  moves: readonly DeadlineMove[],
): Promise<number> {
  if (moves.length === 0) return 0;
  // Dates passed as date[] (a text → date cast per row is STABLE, which Citus runs in no UPDATE).
  const { rows } = await sql<RollupFacts & { previous: string }>`update cases set deadline = v.deadline
    from unnest(${moves.map((m) => m.enterpriseId)}::int8[], ${moves.map((m) => m.id)}::int8[],
      ${moves.map((m) => m.from)}::date[], ${moves.map((m) => m.to)}::date[]) as v(enterprise_id, id, previous, deadline)
    where cases.enterprise_id = v.enterprise_id and cases.id = v.id and cases.deadline = v.previous
      and cases.state in (${sql.join(OPEN_STATES.map((state) => sql`${state}`))})
    returning ${sql.join(ROLLUP_COLUMNS.map((c) => sql.ref(`cases.${c}`)))}, v.previous`.execute(trx);
  for (const { previous, ...after } of rows)
    await applyRollup(trx, rollupDelta({ ...after, deadline: previous }, after));
  return rows.length;
}

// ---- timeline, payments, 督办 -------------------------------------------------------------------------------

/** A case's timeline, oldest first. */
export function listCaseEvents(db: Db, caseId: number) {
  return db
    .selectFrom('case_events')
    .select(['id', 'at', 'action', 'from_state', 'to_state', 'note', 'data', 'actor_role', 'actor_user_id'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

/** A case's timeline entries of some actions, oldest first. */
export function listCaseEventsOf(db: Db, caseId: number, actions: readonly string[]) {
  return db
    .selectFrom('case_events')
    .select(['id', 'at', 'action', 'to_state', 'actor_role', 'note'])
    .where('case_id', '=', caseId)
    .where('action', 'in', [...actions])
    .orderBy('id')
    .execute();
}

/** The payments recorded against a complaint, in date order. */
export function listCasePayments(db: Db, caseId: number) {
  return db
    .selectFrom('case_payments')
    .select(['id', 'paid_on', 'amount', 'note', 'created_at', 'recorded_by'])
    .where('case_id', '=', caseId)
    .orderBy('paid_on')
    .orderBy('id')
    .execute();
}

/** Records a payment the debtor made against a complaint. */
export async function insertCasePayment(
  trx: Transaction<Database>,
  of: CaseKey,
  payment: { paidOn: string; amount: number; note: string | null; recordedBy: number },
): Promise<void> {
  await trx
    .insertInto('case_payments')
    .values({
      enterprise_id: of.enterprise_id,
      case_id: of.id,
      paid_on: payment.paidOn,
      amount: payment.amount.toFixed(2),
      note: payment.note,
      recorded_by: payment.recordedBy,
    })
    .execute();
}

/** The payments recorded against many complaints, by case, in date order (what `assessCase` takes). */
export async function recordedPaymentsOf(db: Db, ids: readonly number[]) {
  const byCase = new Map<number, { paidOn: string; amount: number }[]>();
  if (ids.length === 0) return byCase;
  const rows = await db
    .selectFrom('case_payments')
    .select(['case_id', 'paid_on', 'amount'])
    .where('case_id', 'in', [...ids])
    .orderBy('paid_on')
    .execute();
  for (const r of rows) {
    const list = byCase.get(r.case_id) ?? [];
    list.push({ paidOn: r.paid_on, amount: Number(r.amount) });
    byCase.set(r.case_id, list);
  }
  return byCase;
}

/** The 督办 notices of a case, newest first. */
export function listCaseSupervisions(db: Db, caseId: number) {
  return db
    .selectFrom('case_supervisions')
    .select(['id', 'issued_at', 'issued_by', 'reason', 'deadline', 'acknowledged_at'])
    .where('case_id', '=', caseId)
    .orderBy('id', 'desc')
    .execute();
}

/** The 督办 notices of some cases, oldest first (a list keeps the latest and counts them). */
export function listSupervisionsOf(db: Db, caseIds: readonly number[]) {
  return db
    .selectFrom('case_supervisions')
    .select(['case_id', 'deadline', 'acknowledged_at'])
    .where('case_id', 'in', [...caseIds])
    .orderBy('id')
    .execute();
}

// ---- lists ------------------------------------------------------------------------------------------------

/** A page of an enterprise's own cases, newest first, and their count. */
export async function pageEnterpriseCases(
  db: Db,
  enterpriseId: number,
  query: { type?: CaseType | undefined; page: number; pageSize: number },
) {
  let base = db.selectFrom('cases').where('enterprise_id', '=', enterpriseId);
  if (query.type) base = base.where('type', '=', query.type);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** A queue's filter, resolved and checked by the service. */
export interface QueueFilter {
  prefix: string;
  department: string | null;
  receivedFrom?: string | undefined;
  receivedBefore?: string | undefined;
  /** States asked for; empty: every open one (unless `open` is false). */
  states: readonly string[];
  open: boolean;
  type?: CaseType | undefined;
  /** Past their deadline on this day. */
  overdueOn: string | null;
  assigneeId?: number | undefined;
  enterpriseId?: number | undefined;
  supervised: boolean;
  q?: string | undefined;
  /** Count from the roll-ups (the usual queue) rather than the cases. */
  rolledUp: boolean;
  page: number;
  pageSize: number;
}

/** A page of a queue, open ones first by deadline, and its count. */
export async function pageQueue(db: Kysely<Database>, f: QueueFilter) {
  let base = db.selectFrom('cases').where(regionWithin(f.prefix));
  if (f.department) base = base.where('department_code', '=', f.department);
  if (f.receivedFrom) base = base.where('received_on', '>=', f.receivedFrom);
  if (f.receivedBefore) base = base.where('received_on', '<', f.receivedBefore);
  if (f.states.length > 0) base = base.where('state', 'in', [...f.states]);
  else if (f.open) base = base.where('state', 'in', [...OPEN_STATES]);
  if (f.type) base = base.where('type', '=', f.type);
  if (f.overdueOn) base = base.where('deadline', '<', f.overdueOn);
  if (f.assigneeId !== undefined) base = base.where('assignee_id', '=', f.assigneeId);
  if (f.enterpriseId) base = base.where('enterprise_id', '=', f.enterpriseId);
  // Under 督办: a notice was issued on it (by hand or by the daily job). Joined on the whole key, so on Citus each
  // shard answers for its own cases.
  if (f.supervised)
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('case_supervisions as s')
          .select('s.id')
          .whereRef('s.enterprise_id', '=', 'cases.enterprise_id')
          .whereRef('s.case_id', '=', 'cases.id'),
      ),
    );
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('number', 'like', like.toUpperCase()),
        eb('title', 'like', like),
        eb('debtor_name', 'like', like),
      ]),
    );
  }
  const counted = f.rolledUp
    ? countOpen(db, f.prefix, f.department, f.type ?? null, f.overdueOn)
    : base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy(sql`deadline asc nulls last`)
      .orderBy('id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    counted,
  ]);
  return { rows, total: total.n };
}

/** Open cases of a region subtree (and department, type) from the roll-ups; with `overdueOn`, those past due. */
async function countOpen(
  db: Kysely<Database>,
  prefix: string,
  department: string | null,
  type: CaseType | null,
  overdueOn: string | null,
): Promise<{ n: number }> {
  const where = [regionWithin(prefix)];
  if (department) where.push(sql<boolean>`department_code = ${department}`);
  if (type) where.push(sql<boolean>`type = ${type}`);
  const { rows } = overdueOn
    ? await sql<{ n: number }>`select coalesce(sum(open), 0)::int as n from case_deadlines
        where ${sql.join(where, sql` and `)} and deadline < ${overdueOn}`.execute(db)
    : await sql<{ n: number }>`select coalesce(sum(open), 0)::int as n from case_stats
        where ${sql.join(where, sql` and `)}`.execute(db);
  return rows[0] ?? { n: 0 };
}

/**
 * Cases whose region lies in a GB/T 2260 prefix subtree, as a range an index can use (a county: equality; a city
 * or province: from the prefix up to the next one).
 */
export function regionWithin(prefix: string) {
  if (prefix === '') return sql<boolean>`true`;
  if (prefix.length === 6) return sql<boolean>`region_code = ${prefix}`;
  const next = String(Number(prefix) + 1).padStart(prefix.length, '0');
  if (next.length > prefix.length) return sql<boolean>`region_code >= ${prefix}`;
  return sql<boolean>`(region_code >= ${prefix} and region_code < ${next})`;
}

// ---- the debtor's side ------------------------------------------------------------------------------------

/** A page of the complaints against a debtor body in some states, newest first, and their count. */
export async function pageDebtorCases(
  db: Db,
  uscc: string,
  query: { states: readonly CaseState[]; q?: string | undefined; page: number; pageSize: number },
) {
  let base = db
    .selectFrom('cases')
    .where('debtor_uscc', '=', uscc)
    .where('state', 'in', [...query.states]);
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    base = base.where((eb) =>
      eb.or([eb('number', 'like', like.toUpperCase()), eb('contract_number', 'like', like)]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** The complaints against a debtor body in some states: how many, how many unanswered, principal outstanding. */
export function debtorSums(db: Db, uscc: string, states: readonly CaseState[]) {
  return db
    .selectFrom('cases')
    .where('debtor_uscc', '=', uscc)
    .where('state', 'in', [...states])
    .select([
      sql<number>`count(*)::int`.as('open'),
      sql<number>`(count(*) filter (where debtor_position is null))::int`.as('unanswered'),
      sql<string>`coalesce(sum(principal_outstanding), 0)`.as('outstanding'),
    ])
    .executeTakeFirstOrThrow();
}

// ---- routing rules ----------------------------------------------------------------------------------------

/** The most specific active routing rule for a case (longest region prefix, then category, then priority). */
export function findRoutingRule(db: Db, type: CaseType, category: string, regionCode: string) {
  return db
    .selectFrom('case_routing_rules')
    .selectAll()
    .where('case_type', '=', type)
    .where('is_active', '=', true)
    .where((eb) => eb.or([eb('category', 'is', null), eb('category', '=', category)]))
    .where(sql<boolean>`starts_with(${regionCode}, region_prefix)`)
    .orderBy(sql`length(region_prefix)`, 'desc')
    .orderBy(sql`(category is not null)`, 'desc')
    .orderBy('priority', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every routing rule, most specific first. */
export function listRoutingRuleRows(db: Db): Promise<RoutingRuleRow[]> {
  return db
    .selectFrom('case_routing_rules')
    .selectAll()
    .orderBy('case_type')
    .orderBy(sql`length(region_prefix)`, 'desc')
    .orderBy('priority', 'desc')
    .orderBy('id')
    .execute();
}

/** The columns of a routing rule an admin sets. */
export type RoutingRuleValues = Omit<
  Updateable<Database['case_routing_rules']>,
  'id' | 'version' | 'created_by' | 'created_at' | 'updated_at'
> & { case_type: CaseType; department_code: string };

/** Adds a routing rule. */
export function insertRoutingRule(trx: Transaction<Database>, values: RoutingRuleValues, createdBy: number) {
  return trx
    .insertInto('case_routing_rules')
    .values({ ...values, created_by: createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A routing rule, locked until the transaction ends. */
export function lockRoutingRule(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('case_routing_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Changes a routing rule, bumping its version. */
export function updateRoutingRule(
  trx: Transaction<Database>,
  current: Pick<RoutingRuleRow, 'id' | 'version'>,
  values: RoutingRuleValues,
) {
  return trx
    .updateTable('case_routing_rules')
    .set({ ...values, version: current.version + 1, updated_at: new Date() })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- attachments ------------------------------------------------------------------------------------------

/** What attaching a file needs of a case. */
const ATTACHING_FACTS = ['id', 'number', 'state', 'enterprise_id', 'region_code', 'department_code'] as const;

/** A case's facts for attaching files (locked until the transaction ends with `forUpdate`, by its key). */
export async function findCaseForAttaching(db: Db, caseId: number, forUpdate = false) {
  if (!forUpdate)
    return db.selectFrom('cases').select(ATTACHING_FACTS).where('id', '=', caseId).executeTakeFirst();
  const enterpriseId = await enterpriseOfCase(db, caseId);
  if (enterpriseId === undefined) return undefined;
  return db
    .selectFrom('cases')
    .select(ATTACHING_FACTS)
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
}

/** How many files a case has. */
export async function countAttachments(db: Db, caseId: number): Promise<number> {
  const { n } = await db
    .selectFrom('case_attachments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return n;
}

function selectAttachments(db: Db) {
  return db
    .selectFrom('case_attachments')
    .select([
      'id',
      'case_id',
      'file_name',
      'content_type',
      'size_bytes',
      'sha256',
      'created_at',
      'uploaded_by',
    ]);
}

/** An attachment as listed. */
export type AttachmentRow = Awaited<
  ReturnType<ReturnType<typeof selectAttachments>['executeTakeFirstOrThrow']>
>;

/** One attachment as listed. */
export function getAttachment(db: Db, id: number): Promise<AttachmentRow> {
  return selectAttachments(db).where('id', '=', id).executeTakeFirstOrThrow();
}

/** A case's attachments as listed, in upload order. */
export function listAttachmentRows(db: Db, caseId: number): Promise<AttachmentRow[]> {
  return selectAttachments(db).where('case_id', '=', caseId).orderBy('id').execute();
}

/** An attachment of a case with where its file is stored, if any. */
export function findStoredAttachment(db: Db, caseId: number, id: number) {
  return db
    .selectFrom('case_attachments')
    .select(['file_name', 'content_type', 'size_bytes', 'sha256', 'storage_key'])
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

/** Records an attachment and its timeline entry (linked both ways); returns the attachment's id. */
export async function insertAttachment(
  trx: Transaction<Database>,
  attachment: Omit<Insertable<Database['case_attachments']>, 'event_id'>,
  actor: Pick<Actor, 'userId' | 'role'>,
  event: CaseEvent,
): Promise<number> {
  const { id } = await trx
    .insertInto('case_attachments')
    .values(attachment)
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: eventId } = await trx
    .insertInto('case_events')
    .values({
      enterprise_id: attachment.enterprise_id,
      case_id: attachment.case_id,
      actor_user_id: actor.userId,
      actor_role: actor.role,
      action: event.action,
      from_state: event.fromState,
      to_state: event.toState,
      note: event.note,
      data: JSON.stringify({ attachmentId: id, ...event.data }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('case_attachments')
    .set({ event_id: eventId })
    .where('enterprise_id', '=', attachment.enterprise_id)
    .where('id', '=', id)
    .execute();
  return id;
}

// ---- demo -------------------------------------------------------------------------------------------------

/** Moves a demo case's filing to a day (its received date, clock start, creation and first timeline entry). */
export async function backdateCase(trx: Transaction<Database>, id: number, on: string): Promise<void> {
  const row = await lockCase(trx, id);
  if (!row) throw new Error(`no case ${id}`);
  if (!row.is_demo) throw new Error(`case ${id} is not a demo case`);
  const clock = row.clock ? ({ ...row.clock, startedOn: on } satisfies Clock) : null;
  const at = `${on}T09:30:00+08:00`;
  const after = await trx
    .updateTable('cases')
    .set({ received_on: on, ...clockColumns(clock), created_at: at })
    .where('enterprise_id', '=', row.enterprise_id)
    .where('id', '=', id)
    .returning(ROLLUP_COLUMNS)
    .executeTakeFirstOrThrow();
  await applyRollup(trx, rollupDelta(row, after));
  await trx
    .updateTable('case_events')
    .set({ at })
    .where('enterprise_id', '=', row.enterprise_id)
    .where('case_id', '=', id)
    .where('action', '=', 'submit')
    .execute();
}
