/**
 * Reading cases: one case with its timeline, an enterprise's own cases, an official's work queue, the officials a
 * case may be assigned to; and who may see a case.
 */
import type { Kysely } from 'kysely';
import { findDepartment } from '../../../reference/departments.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { listActiveOfficials, userLabelsOf } from '../accounts/index.ts';
import { findEnterpriseNames } from '../registry/index.ts';
import { handlingOffice, type OfficialRow, offeredActions } from './cases.access.ts';
import {
  type CaseRow,
  type Db,
  findCase,
  listCaseEvents,
  listCasePayments,
  listCaseSupervisions,
  listSupervisionsOf,
  OPEN_STATES,
  pageEnterpriseCases,
  pageQueue,
} from './cases.repository.ts';
import {
  assessCase,
  automaticReasonEn,
  type CaseState,
  type CaseType,
  clockStatus,
  deadlineOf,
  explainDeadline,
  stateText,
} from './cases.rules.ts';

const today = todayInChina;

/** Whether an actor may see a case: its enterprise, officials of its region (and department, when they have one). */
export function maySee(
  actor: Actor,
  row: Pick<CaseRow, 'enterprise_id' | 'region_code' | 'department_code'>,
): boolean {
  if (actor.role === 'admin' || actor.role === 'auditor') return true;
  if (actor.role === 'enterprise') return actor.enterpriseId === row.enterprise_id;
  return (
    actor.role === 'official' &&
    actor.regionPrefix !== null &&
    row.region_code.startsWith(actor.regionPrefix) &&
    (actor.departmentCode === null || actor.departmentCode === row.department_code)
  );
}

/** NOT_FOUND unless the actor may see the case (maySee): a case out of sight is as one that does not exist. */
export function assertMaySee(
  actor: Actor,
  row: Pick<CaseRow, 'enterprise_id' | 'region_code' | 'department_code'>,
): void {
  if (!maySee(actor, row)) throw new AppError('NOT_FOUND');
}

/** The title the system builds for an overdue-payment complaint, in both languages (the names stay as given). */
export function arrearsTitle(debtorName: string, contractNumber: string): { zh: string; en: string } {
  return {
    zh: `拖欠账款：${debtorName}（合同 ${contractNumber}）`,
    en: `Overdue payment: ${debtorName} (contract ${contractNumber})`,
  };
}

/**
 * A case's title in English where the system built it from structured fields (an overdue-payment complaint's
 * debtor and contract); null for titles users typed, shown as typed.
 */
export function titleEnOf(
  row: Pick<CaseRow, 'type' | 'title' | 'debtor_name' | 'contract_number'>,
): string | null {
  if (row.type !== 'arrears' || row.debtor_name === null || row.contract_number === null) return null;
  const built = arrearsTitle(row.debtor_name, row.contract_number);
  return row.title === built.zh ? built.en : null;
}

/** What a case list shows beside a case's own columns: its enterprise's name, its latest 督办. */
export interface CaseExtras {
  enterpriseName: string | null;
  supervision: { deadline: string | null; acknowledged: boolean; count: number } | null;
}

/**
 * The names of the enterprises of some cases (from the registry, one query for the page) and their latest 督办
 * (by case id).
 */
export async function caseExtras(db: Db, rows: readonly CaseRow[]): Promise<Map<number, CaseExtras>> {
  const extras = new Map<number, CaseExtras>();
  if (rows.length === 0) return extras;
  const [nameOf, supervisions] = await Promise.all([
    findEnterpriseNames(
      db,
      rows.map((r) => r.enterprise_id),
    ),
    listSupervisionsOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  const latest = new Map<number, CaseExtras['supervision']>();
  for (const s of supervisions)
    latest.set(s.case_id, {
      deadline: s.deadline,
      acknowledged: s.acknowledged_at !== null,
      count: (latest.get(s.case_id)?.count ?? 0) + 1,
    });
  for (const r of rows)
    extras.set(r.id, {
      enterpriseName: nameOf.get(r.enterprise_id) ?? null,
      supervision: latest.get(r.id) ?? null,
    });
  return extras;
}

function view(row: CaseRow, date: string, extras?: CaseExtras) {
  const clock = row.clock;
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    kind: row.kind,
    category: row.category,
    title: row.title,
    titleEn: titleEnOf(row),
    description: row.description,
    enterpriseId: row.enterprise_id,
    enterpriseName: extras?.enterpriseName ?? null,
    supervision: extras?.supervision ?? null,
    regionCode: row.region_code,
    departmentCode: row.department_code,
    assigneeId: row.assignee_id,
    state: row.state as CaseState,
    stateText: stateText(row.state as CaseState),
    deadline: clock ? deadlineOf(clock, date) : null,
    clockStage: clock?.stage ?? null,
    clockStatus: clock ? clockStatus(clock, date) : null,
    receivedOn: row.received_on,
    acceptedOn: row.accepted_on,
    repliedOn: row.replied_on,
    closedOn: row.closed_on,
    rating: row.rating,
    ratingNote: row.rating_note,
    reopenedCount: row.reopened_count,
    mergedInto: row.merged_into,
    debtor: row.debtor_uscc ? { uscc: row.debtor_uscc, name: row.debtor_name, kind: row.debtor_kind } : null,
    contractNumber: row.contract_number,
    claim: row.claim,
    amount: row.amount === null ? null : Number(row.amount),
    repaid: Number(row.repaid),
    debtorPosition: row.debtor_position,
    debtorAnsweredOn: row.debtor_answered_on,
    firstRepliedOn: row.first_replied_on,
    repliedOnTime: row.replied_on_time,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Timeline events only officials see. */
const INTERNAL_EVENTS = new Set(['remind', 'supervise', 'acknowledge_supervision']);

/**
 * One case with its timeline. `justActed`: the actor has just acted on it in scope (a transfer may have taken it
 * out of their scope; they still get the case as their action left it).
 */
export async function getCase(db: Db, actor: Actor, id: number, options: { justActed?: boolean } = {}) {
  const row = await findCase(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (!options.justActed) assertMaySee(actor, row);
  const date = today();
  const internal = actor.role === 'enterprise';
  const [events, payments, supervisions, extras, officials] = await Promise.all([
    listCaseEvents(db, id),
    casePayments(db, id),
    internal ? Promise.resolve([]) : caseSupervisions(db, id),
    caseExtras(db, [row]),
    officialsServing(db, row.department_code),
  ]);
  const names = await userLabelsOf(
    db,
    events.map((e) => e.actor_user_id),
  );
  const assessment = assessCase(row, payments, date);
  const clock = row.clock;
  const openSupervisions = supervisions.filter((s) => s.acknowledgedAt === null).length;
  return {
    ...view(
      row,
      date,
      internal ? { ...(extras.get(row.id) as CaseExtras), supervision: null } : extras.get(row.id),
    ),
    // What the caller may do now, by the same rules the actions are checked with (cases.access.ts).
    allowedActions: offeredActions(actor, officials, row, openSupervisions),
    deadlineExplanation: clock ? explainDeadline(clock, date, row.type) : [],
    assessment: assessment?.ok ? assessment.assessment : null,
    payments,
    supervisions,
    // Reminders and 督办 are the administration's own business, not the enterprise's.
    events: events
      .filter((e) => !(internal && INTERNAL_EVENTS.has(e.action)))
      .map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        action: e.action,
        fromState: e.from_state,
        toState: e.to_state,
        note: e.note,
        noteEn: e.actor_role === 'system' && e.note ? automaticReasonEn(e.note) : null,
        data: e.data,
        actorRole: e.actor_role,
        actorName: (e.actor_user_id === null ? undefined : names.get(e.actor_user_id)?.displayName) ?? null,
      })),
  };
}

/** The active officials serving a department (of it, or of none): who may handle its cases (cases.access.ts). */
export function officialsServing(db: Db, departmentCode: string): Promise<OfficialRow[]> {
  return listActiveOfficials(db, departmentCode);
}

/** Payments the debtor recorded against a complaint, in date order, with who recorded them. */
export async function casePayments(db: Db, caseId: number) {
  const rows = await listCasePayments(db, caseId);
  const names = await userLabelsOf(
    db,
    rows.map((p) => p.recorded_by),
  );
  return rows.map((p) => ({
    id: p.id,
    paidOn: p.paid_on,
    amount: Number(p.amount),
    note: p.note,
    recordedBy: names.get(p.recorded_by)?.displayName ?? null,
    recordedAt: p.created_at.toISOString(),
  }));
}

/** The 督办 notices of a case, newest first, with who issued them. */
export async function caseSupervisions(db: Db, caseId: number) {
  const rows = await listCaseSupervisions(db, caseId);
  const names = await userLabelsOf(
    db,
    rows.map((r) => r.issued_by),
  );
  return rows.map((r) => ({
    id: r.id,
    issuedAt: r.issued_at.toISOString(),
    issuedBy: (r.issued_by === null ? undefined : names.get(r.issued_by)?.displayName) ?? null,
    reason: r.reason,
    // English where the platform wrote the reason (an automatic 督办); a person's words stay as written.
    reasonEn: r.issued_by === null ? automaticReasonEn(r.reason) : null,
    deadline: r.deadline,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  }));
}

/** An enterprise's own cases, newest first. */
export async function listMyCases(
  db: Kysely<Database>,
  actor: Actor,
  query: { type?: CaseType; page?: number; pageSize?: number },
) {
  const enterpriseId = requireEnterprise(actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await pageEnterpriseCases(db, enterpriseId, { type: query.type, page, pageSize });
  const date = today();
  const extras = await caseExtras(db, rows);
  return {
    items: rows.map((r) => view(r, date, { ...(extras.get(r.id) as CaseExtras), supervision: null })),
    total,
    page,
    pageSize,
  };
}

/** An official's work queue: cases of their region (and department), open ones first by deadline. */
export async function caseQueue(
  db: Kysely<Database>,
  actor: Actor,
  query: {
    /** A state, or several separated by commas. */
    state?: string;
    type?: CaseType;
    open?: boolean;
    overdue?: boolean;
    mine?: boolean;
    supervised?: boolean;
    q?: string;
    region?: string;
    enterprise?: number;
    /** First and last month received (YYYY-MM): the supervision dashboard's period. */
    from?: string;
    to?: string;
    department?: string;
    page?: number;
    pageSize?: number;
  },
) {
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const received = receivedBetween(query);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { prefix } = resolveRegionScope(actor, query.region);
  const date = today();
  // An official of a department sees only its cases; others may ask for one department's (the dashboard's filter).
  const department = queueDepartment(actor, query.department);
  const states = query.state ? [...new Set(query.state.split(','))] : [];
  // Every open state is the usual queue (the supervision dashboard links it so).
  const everyOpen = states.length === OPEN_STATES.length && OPEN_STATES.every((s) => states.includes(s));
  const q = query.q?.trim() || undefined;
  // The usual queue (open cases, maybe of a type, maybe overdue) is counted from the roll-ups the trigger keeps;
  // any other filter counts the cases.
  const rolledUp =
    !received.from &&
    !received.before &&
    (states.length === 0 || everyOpen) &&
    query.open !== false &&
    !query.mine &&
    !query.supervised &&
    !query.enterprise &&
    !q;
  const { rows, total } = await pageQueue(db, {
    prefix,
    department,
    receivedFrom: received.from,
    receivedBefore: received.before,
    states: everyOpen ? [] : states,
    open: query.open !== false,
    type: query.type,
    overdueOn: query.overdue ? date : null,
    assigneeId: query.mine ? actor.userId : undefined,
    enterpriseId: query.enterprise,
    supervised: query.supervised === true,
    q,
    rolledUp,
    page,
    pageSize,
  });
  const extras = await caseExtras(db, rows);
  return { items: rows.map((r) => view(r, date, extras.get(r.id))), total, page, pageSize };
}

/** The month after 'YYYY-MM'. */
function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const number = Number(month.slice(5, 7));
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The received dates of a period of months (the supervision dashboard's from/to, whose roll-up counts a case in
 * the month it was received): the first day, and the first day after it; a bad month is a 400 naming it.
 */
export function receivedBetween(period: { from?: string; to?: string }): { from?: string; before?: string } {
  for (const field of ['from', 'to'] as const) {
    const month = period[field];
    if (month !== undefined && (!MONTH.test(month) || month < '2000-01'))
      throw AppError.field(field, { zh: '应为 YYYY-MM 月份', en: 'must be a month, YYYY-MM' });
  }
  if (period.from && period.to && period.from > period.to)
    throw AppError.field('to', { zh: '不能早于起始月份', en: 'cannot be before the first month' });
  return {
    ...(period.from ? { from: `${period.from}-01` } : {}),
    ...(period.to ? { before: `${nextMonth(period.to)}-01` } : {}),
  };
}

/** The department a queue shows: an official of a department, always theirs; else the one asked for (checked). */
function queueDepartment(actor: Actor, asked: string | undefined): string | null {
  if (actor.role === 'official' && actor.departmentCode) return actor.departmentCode;
  if (asked && !findDepartment(asked))
    throw AppError.field('department', { zh: '未知的部门', en: 'unknown department' });
  return asked ?? null;
}

/**
 * Officials a case may be assigned to: the officials of its handling office (its own region's, or the nearest
 * region above that has one; cases.access.ts), of its department before those of none.
 */
export async function caseHandlers(db: Kysely<Database>, actor: Actor, id: number) {
  const row = await findCase(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  assertMaySee(actor, row);
  const office = handlingOffice(await officialsServing(db, row.department_code), row);
  const names = await userLabelsOf(
    db,
    office.map((o) => o.id),
  );
  return office.map((u) => ({
    id: u.id,
    displayName: names.get(u.id)?.displayName ?? `#${u.id}`,
    regionCode: u.region_code,
    departmentCode: u.department_code,
  }));
}
