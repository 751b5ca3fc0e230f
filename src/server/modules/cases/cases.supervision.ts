/**
 * Supervision of case handling (issue 5, measure 23): reminders before a deadline, 督办 past it, by a durable job
 * (the `case-supervision` kind of the job queue: once a day on whichever instance polls first, idempotent — a case
 * is reminded once and supervised once per deadline, recorded on the case); 督办 issued by hand by a supervising
 * official and acknowledged by the handler; the supervision dashboard (on-time rate, handling days, satisfaction,
 * reopen rate; for arrears amounts claimed, repaid and outstanding, clearance) from the `case_stats` roll-up.
 */

import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import { addWorkingDays, calendarFingerprint, isRealDate } from '../../../reference/calendar.ts';
import { findDepartment } from '../../../reference/departments.ts';
import { findRegion } from '../../../reference/regions.ts';
import { regionNameEn } from '../../../reference/regions-en.ts';
import type { DashboardQuerySchema } from '../../../shared/api/supervision.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { listActiveOfficials } from '../accounts/index.ts';
import { appendAudit } from '../audit/index.ts';
import { dueWindow, JOB_KINDS, type JobHandler, queueDailyJob, recordDueRun } from '../jobs/index.ts';
import { type NewUserNotification, notifyUsers } from '../notifications/index.ts';
import { handlersOf, handlingRegion, mayAcknowledge, maySupervise } from './cases.access.ts';
import { refreshDeadlines } from './cases.acting.ts';
import { assertMaySee, caseQueue, receivedBetween } from './cases.reading.ts';
import { findCase, lockCase, OPEN_STATES } from './cases.repository.ts';
import { automaticReason } from './cases.rules.ts';
import {
  acknowledgeSupervisionRow,
  deadlineFlags,
  dropPastDeadlines,
  insertAutomaticSupervisions,
  insertReminders,
  insertSupervision,
  lockSupervision,
  markOverdue,
  markReminded,
  type SumRow,
  statSums,
} from './cases.supervision.repository.ts';

/** The job kind that reminds and supervises. */
export const SUPERVISION_JOB = JOB_KINDS.caseSupervision;
/** A reminder goes this many working days before a deadline. */
export const REMIND_WORKING_DAYS = 2;
/** A 督办 notice asks for the case to be dealt with within this many working days. */
export const SUPERVISION_WORKING_DAYS = 3;
/**
 * The version of how a clock's deadline is counted (cases.rules.ts deadlineOf): raise it with a change of those
 * rules, so the next daily run counts every open case's deadline again (1: the rest-day rule, 民法典第二百零三条).
 */
const DEADLINE_RULES_VERSION = 1;

/** What stored deadlines are counted on: the rules' version and the calendar's digest. */
function deadlineInputs(): string {
  return `${DEADLINE_RULES_VERSION}:${calendarFingerprint()}`;
}

type Official = { id: number; region_code: string | null; department_code: string | null };

/** The supervisors of a case: officials of the region above its handling office's, of its department or of none. */
function supervisorsOf(
  officials: readonly Official[],
  c: { region_code: string; department_code: string },
): number[] {
  const parent = findRegion(handlingRegion(officials, c) ?? c.region_code)?.parentCode ?? null;
  if (!parent) return [];
  return officials
    .filter(
      (o) =>
        o.region_code === parent && (o.department_code === null || o.department_code === c.department_code),
    )
    .map((o) => o.id);
}

/** The active officials (accounts), by id. */
function activeOfficials(db: Kysely<Database> | Transaction<Database>): Promise<Official[]> {
  return listActiveOfficials(db);
}

/**
 * Reminds the handlers of open cases whose deadline is within REMIND_WORKING_DAYS working days, and supervises
 * (督办, to the handlers and the supervisors above them) those past their deadline. Each case at most once per
 * deadline and level, so running it again (or on two instances) sends nothing twice.
 */
export async function superviseDeadlines(db: Kysely<Database>, date: string) {
  const soon = addWorkingDays(date, REMIND_WORKING_DAYS);
  const respondBy = addWorkingDays(date, SUPERVISION_WORKING_DAYS);
  return db.transaction().execute(async (trx) => {
    // Deadlines as the rules and the holiday calendar compute them, counted again only when either changed since
    // the last run (a rest day at the end, a new year's arrangement): otherwise the run reads only the deadlines
    // due (issue 21), not every open case.
    const inputs = deadlineInputs();
    const { state } = await dueWindow(trx, SUPERVISION_JOB, date);
    const moved = state === inputs ? 0 : await refreshDeadlines(trx);
    const officials = await activeOfficials(trx);
    const reminded = await markReminded(trx, date, soon);
    const overdue = await markOverdue(trx, date);
    const notes: NewUserNotification[] = [];
    for (const c of reminded) {
      const title = {
        zh: `案件 ${c.number} 将于 ${c.deadline} 到期，请及时办理`,
        en: `Case ${c.number} is due on ${c.deadline}: please deal with it`,
      };
      for (const userId of handlersOf(officials, c))
        notes.push({ userId, kind: 'case_reminder', caseId: c.id, title });
    }
    for (const c of overdue) {
      const title = {
        zh: `督办：案件 ${c.number} 已超过办理期限（${c.deadline}），请于 ${respondBy} 前办理`,
        en: `Supervision: case ${c.number} is past its deadline (${c.deadline}); deal with it by ${respondBy}`,
      };
      const to = new Set([...handlersOf(officials, c), ...supervisorsOf(officials, c)]);
      for (const userId of to) notes.push({ userId, kind: 'case_supervision', caseId: c.id, title });
    }
    await insertAutomaticSupervisions(
      trx,
      overdue.map((c) => ({ of: c, reason: automaticReason(c.deadline), deadline: respondBy })),
    );
    await insertReminders(
      trx,
      reminded.map((c) => ({ of: c, deadline: c.deadline })),
    );
    for (let i = 0; i < notes.length; i += 500) await notifyUsers(trx, notes.slice(i, i + 500));
    // Deadlines no open case has any more.
    await dropPastDeadlines(trx, date);
    await recordDueRun(trx, SUPERVISION_JOB, date, inputs);
    return { moved, reminded: reminded.length, supervised: overdue.length, notified: notes.length };
  });
}

/** The supervision job's handler. */
export function supervisionHandler(): JobHandler {
  return async (db) => superviseDeadlines(db, todayInChina());
}

/** Queues the day's supervision run, once per day whichever instance asks first. */
export async function queueDailySupervision(db: Kysely<Database>, day: string): Promise<void> {
  await queueDailyJob(db, SUPERVISION_JOB, day);
}

/** A supervising official issues a 督办 notice on an open case (audited; the handlers are told). */
export async function superviseCase(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: { reason: string; deadline?: string | null },
) {
  const actor = requireActor(caller);
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const reason = body.reason.trim();
  if (!reason) throw AppError.field('reason', { zh: '请填写督办事由', en: 'give the reason' });
  const date = todayInChina();
  const deadline = body.deadline || addWorkingDays(date, SUPERVISION_WORKING_DAYS);
  if (!isRealDate(deadline) || deadline < date)
    throw AppError.field('deadline', {
      zh: '应为今天或以后的有效日期',
      en: 'must be a valid date, today or later',
    });
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id);
    if (!row) throw new AppError('NOT_FOUND');
    assertMaySee(actor, row);
    if (!OPEN_STATES.includes(row.state as (typeof OPEN_STATES)[number]))
      throw new AppError(
        'CONFLICT',
        [{ field: 'reason', message: { zh: '案件已办结', en: 'the case is closed' } }],
        {
          zh: '只能督办办理中的案件',
          en: 'Only an open case can be supervised',
        },
      );
    // 督办 comes from above: an official of a region above the case's handling office (or an admin; ADR 0016).
    const officials = await activeOfficials(trx);
    if (!maySupervise(actor, officials, row))
      throw new AppError('FORBIDDEN', [], {
        zh: '督办由上级地区的部门发出，承办地区的工作人员不能督办本地区的案件',
        en: 'Supervision comes from a region above the case’s; officials of its own region cannot issue it',
      });
    const supervisionId = await insertSupervision(trx, actor, { of: row, reason, deadline });
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'case.supervise',
        targetType: 'case',
        targetId: id,
        requestId: caller.requestId,
        summary: { number: row.number, reason, deadline },
      },
    );
    await notifyUsers(
      trx,
      handlersOf(officials, row).map((userId) => ({
        userId,
        kind: 'case_supervision' as const,
        caseId: id,
        title: {
          zh: `督办：案件 ${row.number}，请于 ${deadline} 前办理（${reason}）`,
          en: `Supervision: case ${row.number}, deal with it by ${deadline} (${reason})`,
        },
      })),
    );
    return { id: supervisionId };
  });
}

/** The handler acknowledges a 督办 notice (audited). */
export async function acknowledgeSupervision(
  db: Kysely<Database>,
  caller: Caller,
  caseId: number,
  id: number,
) {
  const actor = requireActor(caller);
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    const row = await findCase(trx, caseId);
    if (!row) throw new AppError('NOT_FOUND');
    assertMaySee(actor, row);
    // The handler acknowledges: the assignee, or (unassigned) an official of the handling office; or an admin.
    if (!mayAcknowledge(actor, await activeOfficials(trx), row))
      throw new AppError('FORBIDDEN', [], {
        zh: '督办由本案承办人签收',
        en: 'The case’s handler acknowledges a supervision notice',
      });
    const notice = await lockSupervision(trx, row, id);
    if (!notice) throw new AppError('NOT_FOUND');
    if (notice.acknowledged_at)
      throw new AppError('CONFLICT', [], { zh: '该督办已签收', en: 'This notice was already acknowledged' });
    await acknowledgeSupervisionRow(trx, actor, row, id);
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'case.supervision_acknowledged',
        targetType: 'case',
        targetId: caseId,
        requestId: caller.requestId,
        summary: { number: row.number, supervisionId: id },
      },
    );
  });
}

// ---- the dashboard --------------------------------------------------------------------------------------------

/** Filters of the supervision dashboard; `from` and `to` are the first and last month received, YYYY-MM. */
export type DashboardQuery = Static<typeof DashboardQuerySchema>;

/** Sums of the roll-up, as numbers. */
export interface StatSums {
  received: number;
  open: number;
  replied: number;
  repliedOnTime: number;
  handlingDays: number;
  closed: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  reopened: number;
  claimed: number;
  repaid: number;
  cleared: number;
}

/** The figures supervisors read, from sums (null where there is nothing to divide by). */
export function metricsOf(s: StatSums) {
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);
  return {
    ...s,
    onTimeRate: ratio(s.repliedOnTime, s.replied),
    averageHandlingDays: s.replied > 0 ? Math.round((s.handlingDays / s.replied) * 10) / 10 : null,
    satisfactionRate: ratio(s.satisfied + s.basicallySatisfied, s.rated),
    reopenRate: ratio(s.reopened, s.replied),
    outstanding: Math.round((s.claimed - s.repaid) * 100) / 100,
    clearanceRatio: ratio(s.repaid, s.claimed),
  };
}

function sumsOf(r: SumRow | undefined): StatSums {
  return {
    received: r?.received ?? 0,
    open: r?.open ?? 0,
    replied: r?.replied ?? 0,
    repliedOnTime: r?.replied_on_time ?? 0,
    handlingDays: Number(r?.handling_days ?? 0),
    closed: r?.closed ?? 0,
    rated: r?.rated ?? 0,
    satisfied: r?.satisfied ?? 0,
    basicallySatisfied: r?.basically_satisfied ?? 0,
    unsatisfied: r?.unsatisfied ?? 0,
    reopened: r?.reopened ?? 0,
    claimed: Number(r?.claimed ?? 0),
    repaid: Number(r?.repaid ?? 0),
    cleared: r?.cleared ?? 0,
  };
}

/** The sums of a group's rows (each row's figures as the dashboard answers them). */
function sumsOfRows(rows: readonly StatSums[]): StatSums {
  const acc = sumsOf(undefined);
  for (const row of rows) for (const k of Object.keys(acc) as (keyof StatSums)[]) acc[k] += row[k];
  acc.claimed = Math.round(acc.claimed * 100) / 100;
  acc.repaid = Math.round(acc.repaid * 100) / 100;
  return acc;
}

/**
 * The totals of a table of the dashboard: the figures of the sum of its rows, so a totals row always equals the sum
 * of the rows above it (rates are recomputed from the sums, never added).
 */
export function totalsOfRows(rows: readonly StatSums[]) {
  return metricsOf(sumsOfRows(rows));
}

function monthOk(value: string | undefined): boolean {
  return value === undefined || (/^\d{4}-(0[1-9]|1[0-2])$/.test(value) && value >= '2000-01');
}

/** The scope of a dashboard request: the region prefix, its child level and the forced department. */
function dashboardScope(actor: Actor, query: DashboardQuery) {
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const { prefix, code: regionCode } = resolveRegionScope(actor, query.region);
  if (!monthOk(query.from))
    throw AppError.field('from', { zh: '应为 YYYY-MM 月份', en: 'must be a month, YYYY-MM' });
  if (!monthOk(query.to))
    throw AppError.field('to', { zh: '应为 YYYY-MM 月份', en: 'must be a month, YYYY-MM' });
  if (query.from && query.to && query.from > query.to)
    throw AppError.field('to', { zh: '不能早于起始月份', en: 'cannot be before the first month' });
  let department = query.department ?? null;
  if (department && !findDepartment(department))
    throw AppError.field('department', { zh: '未知的部门', en: 'unknown department' });
  if (actor.role === 'official' && actor.departmentCode) department = actor.departmentCode;
  // Children: a nation → provinces (2 digits), a province → cities (4), a city or county → counties (6).
  const childLength = prefix.length === 0 ? 2 : prefix.length === 2 ? 4 : 6;
  return { prefix, regionCode, department, childLength };
}

function regionName(code: string): string {
  const full = code.padEnd(6, '0');
  return findRegion(full)?.name ?? full;
}

/** The supervision dashboard of a region: totals, by child region, by department, by debtor kind, by month. */
export async function supervisionDashboard(db: Kysely<Database>, actor: Actor, query: DashboardQuery) {
  const scope = dashboardScope(actor, query);
  const date = todayInChina();
  const soon = addWorkingDays(date, REMIND_WORKING_DAYS);
  const n = scope.childLength;
  const filter = { prefix: scope.prefix, department: scope.department, type: query.type };
  // Overdue and due soon count the open cases the other figures count: with a period, those received in it (the
  // deadline roll-up has no month, so the cases themselves are counted; the queue the figures link to does the
  // same). Without one, every open case, from the roll-up.
  const received = receivedBetween(query);
  const [sums, flagged] = await Promise.all([
    statSums(db, { ...filter, from: query.from, to: query.to }, n),
    deadlineFlags(
      db,
      { ...filter, receivedFrom: received.from, receivedBefore: received.before },
      n,
      date,
      soon,
    ),
  ]);
  const { byRegion, byDepartment, byDebtor, byMonth } = sums;
  const flags = new Map(flagged.map((r) => [r.key, r]));
  const total = sumsOfRows(byRegion.map(sumsOf));
  const overdueTotal = flagged.reduce((a, r) => a + r.overdue, 0);
  const dueSoonTotal = flagged.reduce((a, r) => a + r.due_soon, 0);
  const regionKeys = new Set([...byRegion.map((r) => r.key), ...flags.keys()]);
  const rowsByKey = new Map(byRegion.map((r) => [r.key, r]));
  return {
    regionCode: scope.regionCode,
    department: scope.department,
    date,
    totals: { ...metricsOf(total), overdue: overdueTotal, dueSoon: dueSoonTotal },
    byRegion: [...regionKeys].sort().map((key) => ({
      regionCode: key.padEnd(6, '0'),
      regionName: regionName(key),
      regionNameEn: regionNameEn(key.padEnd(6, '0')),
      ...metricsOf(sumsOf(rowsByKey.get(key))),
      overdue: flags.get(key)?.overdue ?? 0,
      dueSoon: flags.get(key)?.due_soon ?? 0,
    })),
    byDepartment: byDepartment.map((r) => ({
      departmentCode: r.key,
      departmentName: {
        zh: findDepartment(r.key)?.nameZh ?? r.key,
        en: findDepartment(r.key)?.nameEn ?? r.key,
      },
      ...metricsOf(sumsOf(r)),
    })),
    byDebtorKind: byDebtor.map((r) => ({ debtorKind: r.key, ...metricsOf(sumsOf(r)) })),
    // The debtor-kind table covers overdue-payment complaints only: its own totals, not the dashboard's.
    debtorKindTotals: totalsOfRows(byDebtor.map(sumsOf)),
    byMonth: byMonth.map((r) => ({ month: r.key, ...metricsOf(sumsOf(r)) })),
  };
}

// ---- an official's home ---------------------------------------------------------------------------------------

/** How many cases the home page lists under each of overdue and due soon. */
export const DIGEST_LIST_LENGTH = 5;

function digestCase(c: { id: number; number: string; title: string; type: string; deadline: string | null }) {
  return { id: c.id, number: c.number, title: c.title, type: c.type, deadline: c.deadline };
}

/** Page size of the queue pages read for the cases due soon. */
const DIGEST_PAGE = 50;

/**
 * An official's cases by deadline for the home page, all read through the case queue (so the home, the queue and
 * its links agree on whose cases they are): open and overdue as the queue counts them, and those due within
 * REMIND_WORKING_DAYS working days (the reminder's horizon): the queue's open cases in deadline order, read on
 * from just past the overdue ones (which come first) until a deadline lies beyond the horizon.
 */
export async function deadlineDigest(db: Kysely<Database>, actor: Actor) {
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const date = todayInChina();
  const soon = addWorkingDays(date, REMIND_WORKING_DAYS);
  const [open, overdue] = await Promise.all([
    caseQueue(db, actor, { pageSize: 1 }),
    caseQueue(db, actor, { overdue: true, pageSize: DIGEST_LIST_LENGTH }),
  ]);
  const dueSoon: ReturnType<typeof digestCase>[] = [];
  for (let page = Math.floor(overdue.total / DIGEST_PAGE) + 1; ; page++) {
    const { items } = await caseQueue(db, actor, { page, pageSize: DIGEST_PAGE });
    const after = items.filter((c) => c.deadline === null || c.deadline >= date);
    for (const c of after) if (c.deadline !== null && c.deadline <= soon) dueSoon.push(digestCase(c));
    const isPastHorizon = after.some((c) => c.deadline === null || c.deadline > soon);
    if (isPastHorizon || items.length < DIGEST_PAGE) break;
  }
  return {
    date,
    dueSoonUntil: soon,
    open: open.total,
    overdue: { total: overdue.total, items: overdue.items.map(digestCase) },
    dueSoon: { total: dueSoon.length, items: dueSoon.slice(0, DIGEST_LIST_LENGTH) },
  };
}
