/**
 * The SQL of supervision: the daily reminder and 督办 marks on cases, `case_supervisions`, and the dashboard's
 * reads of the `case_stats` / `case_deadlines` roll-ups.
 */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { type CaseKey, insertCaseEvent, OPEN_STATES, regionWithin } from './cases.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A case the daily run flagged (reminded or supervised), with its deadline. */
export type Flagged = {
  id: number;
  enterprise_id: number;
  number: string;
  title: string;
  assignee_id: number | null;
  region_code: string;
  department_code: string;
  deadline: string;
};

const openStates = () => sql.join(OPEN_STATES.map((s) => sql`${s}`));

/** Marks open cases due between `date` and `soon` as reminded for their deadline (once per deadline). */
export async function markReminded(
  trx: Transaction<Database>,
  date: string,
  soon: string,
): Promise<Flagged[]> {
  const { rows } = await sql<Flagged>`
      update cases set reminded_level = 1, reminded_deadline = deadline
      where state in (${openStates()}) and deadline >= ${date} and deadline <= ${soon}
        and reminded_deadline is distinct from deadline
      returning id, enterprise_id, number, title, assignee_id, region_code, department_code, deadline`.execute(
    trx,
  );
  return rows;
}

/** Marks open cases past their deadline as supervised for it (once per deadline). */
export async function markOverdue(trx: Transaction<Database>, date: string): Promise<Flagged[]> {
  const { rows } = await sql<Flagged>`
      update cases set reminded_level = 2, reminded_deadline = deadline
      where state in (${openStates()}) and deadline < ${date}
        and not (reminded_deadline is not distinct from deadline and reminded_level >= 2)
      returning id, enterprise_id, number, title, assignee_id, region_code, department_code, deadline`.execute(
    trx,
  );
  return rows;
}

/** Records the platform's 督办 notices and their timeline entries, one per case. */
export async function insertAutomaticSupervisions(
  trx: Transaction<Database>,
  notices: readonly { of: CaseKey; reason: string; deadline: string }[],
): Promise<void> {
  if (notices.length === 0) return;
  await trx
    .insertInto('case_supervisions')
    .values(
      notices.map((n) => ({
        enterprise_id: n.of.enterprise_id,
        case_id: n.of.id,
        issued_by: null,
        reason: n.reason,
        deadline: n.deadline,
      })),
    )
    .execute();
  await trx
    .insertInto('case_events')
    .values(
      notices.map((n) => ({
        enterprise_id: n.of.enterprise_id,
        case_id: n.of.id,
        actor_user_id: null,
        actor_role: 'system',
        action: 'supervise',
        from_state: null,
        to_state: null,
        note: n.reason,
        data: JSON.stringify({ deadline: n.deadline, automatic: true }),
      })),
    )
    .execute();
}

/** Records the platform's reminders on the cases' timelines. */
export async function insertReminders(
  trx: Transaction<Database>,
  reminders: readonly { of: CaseKey; deadline: string }[],
): Promise<void> {
  if (reminders.length === 0) return;
  await trx
    .insertInto('case_events')
    .values(
      reminders.map((r) => ({
        enterprise_id: r.of.enterprise_id,
        case_id: r.of.id,
        actor_user_id: null,
        actor_role: 'system',
        action: 'remind',
        from_state: null,
        to_state: null,
        note: null,
        data: JSON.stringify({ deadline: r.deadline }),
      })),
    )
    .execute();
}

/** Drops the deadline roll-up rows no open case has any more, before a day. */
export async function dropPastDeadlines(trx: Transaction<Database>, date: string): Promise<void> {
  await trx.deleteFrom('case_deadlines').where('open', '=', 0).where('deadline', '<', date).execute();
}

/** Records a 督办 notice an official issued, with its timeline entry; returns its id. */
export async function insertSupervision(
  trx: Transaction<Database>,
  actor: Pick<Actor, 'userId' | 'role'>,
  notice: { of: CaseKey; reason: string; deadline: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('case_supervisions')
    .values({
      enterprise_id: notice.of.enterprise_id,
      case_id: notice.of.id,
      issued_by: actor.userId,
      reason: notice.reason,
      deadline: notice.deadline,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertCaseEvent(trx, notice.of, actor, {
    action: 'supervise',
    fromState: null,
    toState: null,
    note: notice.reason,
    data: { deadline: notice.deadline, supervisionId: id },
  });
  return id;
}

/** A case's 督办 notice, locked until the transaction ends (by its key: one shard on Citus). */
export function lockSupervision(trx: Transaction<Database>, of: CaseKey, id: number) {
  return trx
    .selectFrom('case_supervisions')
    .select(['id', 'acknowledged_at'])
    .where('enterprise_id', '=', of.enterprise_id)
    .where('id', '=', id)
    .where('case_id', '=', of.id)
    .forUpdate()
    .executeTakeFirst();
}

/** Records the handler's acknowledgement of a 督办 notice, with its timeline entry. */
export async function acknowledgeSupervisionRow(
  trx: Transaction<Database>,
  actor: Pick<Actor, 'userId' | 'role'>,
  of: CaseKey,
  id: number,
): Promise<void> {
  await trx
    .updateTable('case_supervisions')
    .set({ acknowledged_at: new Date() })
    .where('enterprise_id', '=', of.enterprise_id)
    .where('id', '=', id)
    .execute();
  await insertCaseEvent(trx, of, actor, {
    action: 'acknowledge_supervision',
    fromState: null,
    toState: null,
    note: null,
    data: { supervisionId: id },
  });
}

// ---- the dashboard's roll-ups --------------------------------------------------------------------------------

/** One group's sums of the `case_stats` roll-up. */
export type SumRow = {
  key: string;
  received: number;
  open: number;
  replied: number;
  replied_on_time: number;
  handling_days: number;
  closed: number;
  rated: number;
  satisfied: number;
  basically_satisfied: number;
  unsatisfied: number;
  reopened: number;
  claimed: number;
  repaid: number;
  cleared: number;
};

const SUMS = sql`sum(received)::int as received, sum(open)::int as open, sum(replied)::int as replied,
  sum(replied_on_time)::int as replied_on_time, sum(handling_days)::float8 as handling_days,
  sum(closed)::int as closed, sum(rated)::int as rated, sum(satisfied)::int as satisfied,
  sum(basically_satisfied)::int as basically_satisfied, sum(unsatisfied)::int as unsatisfied,
  sum(reopened)::int as reopened, sum(claimed)::float8 as claimed, sum(repaid)::float8 as repaid,
  sum(cleared)::int as cleared`;

/** The dashboard's filter, resolved by the service. */
export interface StatsFilter {
  prefix: string;
  department: string | null;
  type?: 'demand' | 'arrears' | undefined;
  /** First and last month received, YYYY-MM. */
  from?: string | undefined;
  to?: string | undefined;
}

function statsWhere(f: StatsFilter): RawBuilder<boolean> {
  const parts = [regionWithin(f.prefix)];
  if (f.department) parts.push(sql<boolean>`department_code = ${f.department}`);
  if (f.type) parts.push(sql<boolean>`type = ${f.type}`);
  if (f.from) parts.push(sql<boolean>`month >= ${`${f.from}-01`}::date`);
  if (f.to) parts.push(sql<boolean>`month <= ${`${f.to}-01`}::date`);
  return sql.join(parts, sql` and `) as RawBuilder<boolean>;
}

/**
 * The roll-up's sums grouped by child region (the first `childLength` digits of the code), by department, by debtor
 * kind (arrears only) and by month.
 */
export async function statSums(db: Db, f: StatsFilter, childLength: number) {
  const where = statsWhere(f);
  const [byRegion, byDepartment, byDebtor, byMonth] = await Promise.all([
    sql<SumRow>`select left(region_code, ${childLength}) as key, ${SUMS} from case_stats where ${where} group by 1 order by 1`.execute(
      db,
    ),
    sql<SumRow>`select department_code as key, ${SUMS} from case_stats where ${where} group by 1 order by 1`.execute(
      db,
    ),
    sql<SumRow>`select debtor_kind as key, ${SUMS} from case_stats
      where ${where} and type = 'arrears' group by 1 order by 1`.execute(db),
    sql<SumRow>`select to_char(month, 'YYYY-MM') as key, ${SUMS} from case_stats where ${where} group by 1 order by 1`.execute(
      db,
    ),
  ]);
  return {
    byRegion: byRegion.rows,
    byDepartment: byDepartment.rows,
    byDebtor: byDebtor.rows,
    byMonth: byMonth.rows,
  };
}

/**
 * Open cases due by `soon`, by child region: overdue (before `date`) and due soon. With a received period, the
 * cases themselves are counted (the deadline roll-up has no month); without, the roll-up.
 */
export async function deadlineFlags(
  db: Db,
  f: Omit<StatsFilter, 'from' | 'to'> & {
    receivedFrom?: string | undefined;
    receivedBefore?: string | undefined;
  },
  childLength: number,
  date: string,
  soon: string,
) {
  const where = [regionWithin(f.prefix), sql<boolean>`deadline <= ${soon}`];
  if (f.department) where.push(sql<boolean>`department_code = ${f.department}`);
  if (f.type) where.push(sql<boolean>`type = ${f.type}`);
  const period = f.receivedFrom !== undefined || f.receivedBefore !== undefined;
  if (f.receivedFrom) where.push(sql<boolean>`received_on >= ${f.receivedFrom}`);
  if (f.receivedBefore) where.push(sql<boolean>`received_on < ${f.receivedBefore}`);
  const { rows } = period
    ? await sql<{ key: string; overdue: number; due_soon: number }>`
      select left(region_code, ${childLength}) as key, (count(*) filter (where deadline < ${date}))::int as overdue,
        (count(*) filter (where deadline >= ${date}))::int as due_soon
      from cases where state in (${openStates()}) and ${sql.join(where, sql` and `)} group by 1`.execute(db)
    : await sql<{ key: string; overdue: number; due_soon: number }>`
      select left(region_code, ${childLength}) as key, coalesce(sum(open) filter (where deadline < ${date}), 0)::int as overdue,
        coalesce(sum(open) filter (where deadline >= ${date}), 0)::int as due_soon
      from case_deadlines where ${sql.join(where, sql` and `)} group by 1`.execute(db);
  return rows;
}
