/**
 * Use cases of the case engine (issue 5): an enterprise submits a demand or an overdue-payment complaint; it is
 * routed to a department of a region (routing rules; arrears by the debtor's locality, 属地管理); officials work
 * their queue and act on cases under the state rules (cases.rules.ts) with running clocks; every action is a
 * timeline event, audited, and the enterprise is notified of what officials do. Two officials acting on one case
 * at once: the second gets a conflict (the case's `version`), nothing is lost.
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { findDepartment } from '../../../reference/departments.ts';
import { findRegion } from '../../../reference/regions.ts';
import { isValidUscc, usccRegionCode } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { appendAudit, escapeLike } from '../audit/index.ts';
import { notify, notifyUsers } from '../notifications/index.ts';
import { assessClaim, type ClaimInput } from '../payments/index.ts';
import {
  handlersOf,
  handlingOffice,
  type OfficialRow,
  offeredActions,
  refuseForActor,
} from './cases.access.ts';
import {
  automaticReasonEn,
  type CaseAction,
  type CaseActor,
  type CaseState,
  type CaseType,
  type Clock,
  clockFor,
  clockStatus,
  type DemandKind,
  deadlineOf,
  explainDeadline,
  extendClock,
  limitsFor,
  nextState,
  pauseClock,
  type Rating,
  refuseAction,
  resumeClock,
  stateText,
} from './cases.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;
type CaseRow = Selectable<Database['cases']>;

/** The department that handles a case when no routing rule says otherwise: the SME authority. */
export const DEFAULT_DEPARTMENT = 'sme';

const today = todayInChina;
export const OPEN_STATES: readonly CaseState[] = ['submitted', 'accepted', 'in_progress', 'info_requested'];

/** The routing rule for a case: the most specific active rule (longest region prefix, then priority). */
async function route(db: Db, type: CaseType, category: string, regionCode: string) {
  const rule = await db
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
  return {
    departmentCode: rule?.department_code ?? DEFAULT_DEPARTMENT,
    limits: {
      ...(rule?.accept_working_days ? { acceptWorkingDays: rule.accept_working_days } : {}),
      ...(rule?.result_days ? { resultDays: rule.result_days } : {}),
    },
  };
}

/** The columns a clock sets: the clock and its deadline (none while paused). */
function clockColumns(clock: Clock | null) {
  return {
    clock: JSON.stringify(clock),
    deadline: clock && !clock.pausedSince ? deadlineOf(clock) : null,
  };
}

/**
 * Brings the stored deadlines of open cases with a running clock back in line with their clocks, as the rules and
 * the holiday calendar compute them today: after the rest-day rule (《民法典》第二百零三条) came in, and whenever a
 * new year's holiday arrangement arrives in the calendar. Returns how many moved. Not an action: no event, no
 * version bump; the case_stats / case_deadlines trigger follows the change.
 */
export async function refreshDeadlines(trx: Transaction<Database>): Promise<number> {
  let moved = 0;
  // Keyset pages of open cases with a running clock, so memory stays bounded however many are open.
  for (let after = 0; ; ) {
    const rows = await trx
      .selectFrom('cases')
      .select(['id', 'clock', sql<string>`deadline::text`.as('deadline')])
      .where('state', 'in', OPEN_STATES)
      .where('deadline', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(REFRESH_PAGE)
      .execute();
    const ids: number[] = [];
    const deadlines: string[] = [];
    for (const row of rows) {
      const clock = row.clock as Clock | null;
      // Paused clocks store no deadline (clockColumns), so the query has left them out.
      if (!clock) continue;
      const deadline = deadlineOf(clock);
      if (deadline !== row.deadline) {
        ids.push(row.id);
        deadlines.push(deadline);
      }
    }
    if (ids.length > 0)
      await sql`update cases set deadline = v.deadline::date
        from unnest(${ids}::int4[], ${deadlines}::text[]) as v(id, deadline)
        where cases.id = v.id`.execute(trx);
    moved += ids.length;
    if (rows.length < REFRESH_PAGE) return moved;
    after = (rows.at(-1) as { id: number }).id;
  }
}

const REFRESH_PAGE = 5000;

async function insertCase(
  trx: Transaction<Database>,
  actor: Actor,
  caller: Caller,
  values: Record<string, unknown> & { type: CaseType; region_code: string; category: string },
  demandLimits: { acceptWorkingDays?: number; resultDays?: number },
  departmentCode: string,
): Promise<number> {
  const on = today();
  const clock = clockFor('submitted', on, limitsFor(values.type, on, demandLimits));
  const { id } = await trx
    .insertInto('cases')
    .values({
      ...values,
      number: `tmp-${crypto.randomUUID()}`,
      enterprise_id: actor.enterpriseId as number,
      submitted_by: actor.userId,
      department_code: departmentCode,
      state: 'submitted',
      received_on: on,
      ...clockColumns(clock),
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const number = `${values.type === 'demand' ? 'SQ' : 'QK'}${on.replaceAll('-', '')}${String(id).padStart(6, '0')}`;
  await trx.updateTable('cases').set({ number }).where('id', '=', id).execute();
  await trx
    .insertInto('case_events')
    .values({
      case_id: id,
      actor_user_id: actor.userId,
      actor_role: actor.role,
      action: 'submit',
      from_state: null,
      to_state: 'submitted',
      note: null,
      data: JSON.stringify({ number }),
    })
    .execute();
  // The handling office's officials learn of the new case.
  const handlers = handlingOffice(await officialsServing(trx, departmentCode), {
    region_code: values.region_code,
    department_code: departmentCode,
  }).map((o) => o.id);
  await notifyUsers(
    trx,
    handlers.map((userId) => ({
      userId,
      kind: 'case_update' as const,
      caseId: id,
      title: {
        zh: `新${values.type === 'demand' ? '诉求' : '欠款投诉'}待受理：${number}`,
        en: `New ${values.type === 'demand' ? 'demand' : 'arrears complaint'} to accept: ${number}`,
      },
    })),
  );
  await appendAudit(
    trx,
    { userId: actor.userId, role: actor.role },
    {
      action: `case.submitted`,
      targetType: 'case',
      targetId: id,
      requestId: caller.requestId,
      summary: {
        number,
        type: values.type,
        category: values.category,
        departmentCode,
        region: values.region_code,
      },
    },
  );
  return id;
}

/** An enterprise submits a demand (咨询、投诉、建议、求助). */
export async function submitDemand(
  db: Kysely<Database>,
  caller: Caller,
  body: { kind: DemandKind; category: string; title: string; description: string },
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const id = await db.transaction().execute(async (trx) => {
    const enterprise = await trx
      .selectFrom('enterprises')
      .select(['region_code', 'is_demo'])
      .where('id', '=', enterpriseId)
      .executeTakeFirstOrThrow();
    const routing = await route(trx, 'demand', body.category, enterprise.region_code);
    return insertCase(
      trx,
      actor,
      caller,
      {
        type: 'demand',
        kind: body.kind,
        category: body.category,
        title: body.title.trim(),
        description: body.description.trim(),
        region_code: enterprise.region_code,
        is_demo: enterprise.is_demo,
      },
      routing.limits,
      routing.departmentCode,
    );
  });
  return getCase(db, actor, id);
}

/** An enterprise registers a payment overdue from a government body, public institution or large enterprise. */
export async function submitArrears(
  db: Kysely<Database>,
  caller: Caller,
  body: {
    debtorUscc: string;
    debtorName: string;
    contractNumber: string;
    description: string;
    claim: ClaimInput;
  },
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const uscc = body.debtorUscc.trim().toUpperCase();
  if (!isValidUscc(uscc))
    throw AppError.field('debtorUscc', {
      zh: '不是有效的统一社会信用代码',
      en: 'is not a valid unified social credit code',
    });
  if (!body.contractNumber.trim())
    throw AppError.field('contractNumber', {
      zh: '投诉人须与被投诉方存在合同关系，请填写合同编号',
      en: 'a complaint needs the contract with the debtor: give its number',
    });
  const assessed = assessClaim(body.claim, today());
  if (!assessed.ok)
    throw new AppError(
      'VALIDATION_FAILED',
      assessed.problems.map((p) => ({ field: `claim.${p.field}`, message: p.message })),
    );
  const id = await db.transaction().execute(async (trx) => {
    const own = await trx
      .selectFrom('enterprises')
      .select(['uscc', 'is_demo'])
      .where('id', '=', enterpriseId)
      .executeTakeFirstOrThrow();
    if (own.uscc === uscc)
      throw AppError.field('debtorUscc', { zh: '不能投诉本企业', en: 'cannot be your own enterprise' });
    // A debtor the registry knows as an SME is not covered (the regulations protect SMEs from larger payers).
    const debtor = await trx
      .selectFrom('enterprises as e')
      .leftJoin('enterprise_sizes as s', (join) =>
        join.onRef('s.enterprise_id', '=', 'e.id').on('s.standard', '=', 'cn-2011'),
      )
      .select(['e.id', 'e.region_code', 's.size', 's.year'])
      .where('e.uscc', '=', uscc)
      .orderBy('s.year', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (debtor?.size && ['medium', 'small', 'micro'].includes(debtor.size))
      throw AppError.field('debtorUscc', {
        zh: `被投诉方在企业名录中为中小企业（${debtor.year} 年度），不属于本条例的适用范围`,
        en: `the debtor is an SME in the registry (${debtor.year}); the regulations do not cover it`,
      });
    // The code tells what kind of body the debtor is (GB 32100-2015): 1x organs and institutions, 9x enterprises.
    const kindProblem = debtorKindProblem(uscc, body.claim.debtorKind);
    if (kindProblem) throw AppError.field('claim.debtorKind', kindProblem);
    const fromCode = usccRegionCode(uscc);
    const region = debtor?.region_code ?? (findRegion(fromCode) ? fromCode : null);
    if (!region)
      throw AppError.field('debtorUscc', {
        zh: '无法从信用代码确定被投诉方所在地区',
        en: 'the debtor’s region cannot be told from its code',
      });
    const routing = await route(trx, 'arrears', 'arrears', region);
    return insertCase(
      trx,
      actor,
      caller,
      {
        type: 'arrears',
        kind: null,
        category: 'arrears',
        title: arrearsTitle(body.debtorName.trim(), body.contractNumber.trim()).zh,
        description: body.description.trim(),
        region_code: region,
        debtor_uscc: uscc,
        debtor_name: body.debtorName.trim(),
        debtor_kind: body.claim.debtorKind,
        contract_number: body.contractNumber.trim(),
        claim: JSON.stringify(body.claim),
        amount: body.claim.amount.toFixed(2),
        repaid: (body.claim.payments ?? []).reduce((sum, p) => sum + p.amount, 0).toFixed(2),
        principal_repaid: (assessed.assessment.paid - assessed.assessment.interestPaid).toFixed(2),
        principal_outstanding: assessed.assessment.principalOutstanding.toFixed(2),
        is_demo: own.is_demo,
      },
      {},
      routing.departmentCode,
    );
  });
  return getCase(db, actor, id);
}

/** Whether an actor may see a case: its enterprise, officials of its region (and department, when they have one). */
export function assertMaySee(
  actor: Actor,
  row: Pick<CaseRow, 'enterprise_id' | 'region_code' | 'department_code'>,
) {
  if (actor.role === 'admin' || actor.role === 'auditor') return;
  if (actor.role === 'enterprise' && actor.enterpriseId === row.enterprise_id) return;
  if (
    actor.role === 'official' &&
    actor.regionPrefix !== null &&
    row.region_code.startsWith(actor.regionPrefix) &&
    (actor.departmentCode === null || actor.departmentCode === row.department_code)
  )
    return;
  throw new AppError('NOT_FOUND');
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
function titleEnOf(row: Pick<CaseRow, 'type' | 'title' | 'debtor_name' | 'contract_number'>): string | null {
  if (row.type !== 'arrears' || row.debtor_name === null || row.contract_number === null) return null;
  const built = arrearsTitle(row.debtor_name, row.contract_number);
  return row.title === built.zh ? built.en : null;
}

/** What a case list shows beside a case's own columns: its enterprise's name, its latest 督办. */
export interface CaseExtras {
  enterpriseName: string | null;
  supervision: { deadline: string | null; acknowledged: boolean; count: number } | null;
}

/** The names of the enterprises of some cases and their latest 督办 (by case id). */
export async function caseExtras(db: Db, rows: readonly CaseRow[]): Promise<Map<number, CaseExtras>> {
  const extras = new Map<number, CaseExtras>();
  if (rows.length === 0) return extras;
  const enterpriseIds = [...new Set(rows.map((r) => r.enterprise_id))];
  const [names, supervisions] = await Promise.all([
    db.selectFrom('enterprises').select(['id', 'name']).where('id', 'in', enterpriseIds).execute(),
    db
      .selectFrom('case_supervisions')
      .select(['case_id', 'deadline', 'acknowledged_at'])
      .where(
        'case_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute(),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
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
  const clock = row.clock as Clock | null;
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
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!options.justActed) assertMaySee(actor, row);
  const events = await db
    .selectFrom('case_events as ev')
    .leftJoin('users as u', 'u.id', 'ev.actor_user_id')
    .select([
      'ev.id',
      'ev.at',
      'ev.action',
      'ev.from_state',
      'ev.to_state',
      'ev.note',
      'ev.data',
      'ev.actor_role',
      'u.display_name',
    ])
    .where('ev.case_id', '=', id)
    .orderBy('ev.id')
    .execute();
  const date = today();
  const internal = actor.role === 'enterprise';
  const [payments, supervisions, extras, officials] = await Promise.all([
    casePayments(db, id),
    internal ? Promise.resolve([]) : caseSupervisions(db, id),
    caseExtras(db, [row]),
    officialsServing(db, row.department_code),
  ]);
  const assessment = assessCase(row, payments, date);
  const clock = row.clock as Clock | null;
  const openSupervisions = supervisions.filter((s) => s.acknowledgedAt === null).length;
  return {
    ...view(
      row,
      date,
      internal ? { ...(extras.get(row.id) as CaseExtras), supervision: null } : extras.get(row.id),
    ),
    // What the caller may do now, by the same rules the actions are checked with (cases.access.ts).
    allowedActions: offeredActions(actor, officials, row, openSupervisions),
    deadlineExplanation: clock ? explainDeadline(clock, date) : [],
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
        actorName: e.display_name,
      })),
  };
}

/** The active officials serving a department (of it, or of none): who may handle its cases (cases.access.ts). */
export async function officialsServing(db: Db, departmentCode: string): Promise<OfficialRow[]> {
  return db
    .selectFrom('users')
    .select(['id', 'region_code', 'department_code'])
    .where('role', '=', 'official')
    .where('is_active', '=', true)
    .where((eb) => eb.or([eb('department_code', 'is', null), eb('department_code', '=', departmentCode)]))
    .orderBy('id')
    .execute();
}

/** Payments the debtor recorded against a complaint, in date order. */
export async function casePayments(db: Db, caseId: number) {
  const rows = await db
    .selectFrom('case_payments as p')
    .leftJoin('users as u', 'u.id', 'p.recorded_by')
    .select(['p.id', 'p.paid_on', 'p.amount', 'p.note', 'p.created_at', 'u.display_name'])
    .where('p.case_id', '=', caseId)
    .orderBy('p.paid_on')
    .orderBy('p.id')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    paidOn: p.paid_on,
    amount: Number(p.amount),
    note: p.note,
    recordedBy: p.display_name,
    recordedAt: p.created_at.toISOString(),
  }));
}

/** The 督办 notices of a case, newest first. */
export async function caseSupervisions(db: Db, caseId: number) {
  const rows = await db
    .selectFrom('case_supervisions as s')
    .leftJoin('users as u', 'u.id', 's.issued_by')
    .select([
      's.id',
      's.issued_at',
      's.issued_by',
      's.reason',
      's.deadline',
      's.acknowledged_at',
      'u.display_name',
    ])
    .where('s.case_id', '=', caseId)
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    issuedAt: r.issued_at.toISOString(),
    issuedBy: r.display_name,
    reason: r.reason,
    // English where the platform wrote the reason (an automatic 督办); a person's words stay as written.
    reasonEn: r.issued_by === null ? automaticReasonEn(r.reason) : null,
    deadline: r.deadline,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  }));
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

/** A complaint's claim assessed on a date, counting the payments declared with it and those recorded since. */
export function assessCase(
  row: Pick<CaseRow, 'type' | 'claim'>,
  recorded: readonly { paidOn: string; amount: number }[],
  date: string,
) {
  if (row.type !== 'arrears' || !row.claim) return null;
  const claim = row.claim as ClaimInput;
  const payments = [
    ...(claim.payments ?? []),
    ...recorded.filter((p) => p.paidOn <= date).map((p) => ({ date: p.paidOn, amount: p.amount })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return assessClaim({ ...claim, payments }, date);
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
  let base = db.selectFrom('cases').where('enterprise_id', '=', enterpriseId);
  if (query.type) base = base.where('type', '=', query.type);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const date = today();
  const extras = await caseExtras(db, rows);
  return {
    items: rows.map((r) => view(r, date, { ...(extras.get(r.id) as CaseExtras), supervision: null })),
    total: total.n,
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
  let base = db.selectFrom('cases').where(regionWithin(prefix));
  // An official of a department sees only its cases; others may ask for one department's (the dashboard's filter).
  const department = queueDepartment(actor, query.department);
  if (department) base = base.where('department_code', '=', department);
  if (received.from) base = base.where('received_on', '>=', received.from);
  if (received.before) base = base.where('received_on', '<', received.before);
  const states = query.state ? [...new Set(query.state.split(','))] : [];
  // Every open state is the usual queue (the supervision dashboard links it so).
  const everyOpen = states.length === OPEN_STATES.length && OPEN_STATES.every((s) => states.includes(s));
  if (states.length > 0 && !everyOpen) base = base.where('state', 'in', states);
  else if (query.open !== false) base = base.where('state', 'in', [...OPEN_STATES]);
  if (query.type) base = base.where('type', '=', query.type);
  if (query.overdue) base = base.where('deadline', '<', date);
  if (query.mine) base = base.where('assignee_id', '=', actor.userId);
  if (query.enterprise) base = base.where('enterprise_id', '=', query.enterprise);
  // Under 督办: a notice was issued on it (by hand or by the daily job).
  if (query.supervised)
    base = base.where(({ exists, selectFrom }) =>
      exists(selectFrom('case_supervisions as s').select('s.id').whereRef('s.case_id', '=', 'cases.id')),
    );
  if (query.q?.trim()) {
    const like = `%${escapeLike(query.q.trim())}%`;
    base = base.where((eb) =>
      eb.or([
        eb('number', 'like', like.toUpperCase()),
        eb('title', 'like', like),
        eb('debtor_name', 'like', like),
      ]),
    );
  }
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
    !query.q?.trim();
  const counted = rolledUp
    ? countOpen(db, prefix, department, query.type ?? null, query.overdue ? date : null)
    : base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy(sql`deadline asc nulls last`)
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    counted,
  ]);
  const extras = await caseExtras(db, rows);
  return { items: rows.map((r) => view(r, date, extras.get(r.id))), total: total.n, page, pageSize };
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

/**
 * Officials a case may be assigned to: the officials of its handling office (its own region's, or the nearest
 * region above that has one; cases.access.ts), of its department before those of none.
 */
export async function caseHandlers(db: Kysely<Database>, actor: Actor, id: number) {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  assertMaySee(actor, row);
  const office = handlingOffice(await officialsServing(db, row.department_code), row);
  const names = new Map(
    office.length === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select(['id', 'display_name'])
            .where(
              'id',
              'in',
              office.map((o) => o.id),
            )
            .execute()
        ).map((u) => [u.id, u.display_name]),
  );
  return office.map((u) => ({
    id: u.id,
    displayName: names.get(u.id) ?? `#${u.id}`,
    regionCode: u.region_code,
    departmentCode: u.department_code,
  }));
}

/** An action on a case. */
export interface CaseActionBody {
  action: CaseAction;
  /** The case version the actor saw (a later change by someone else is a conflict). */
  version: number;
  note?: string;
  assigneeId?: number;
  departmentCode?: string;
  regionCode?: string;
  days?: number;
  rating?: Rating;
  mergeInto?: number;
  /** amend_claim: the claim as it is to read now. */
  claim?: ClaimInput;
}

/** What officials are told when the enterprise acts on its case. */
const ENTERPRISE_ACTION_TEXT: Partial<Record<CaseAction, { zh: string; en: string }>> = {
  provide_info: { zh: '企业已补充材料', en: 'the enterprise provided the information asked for' },
  rate: { zh: '企业已评价办理结果', en: 'the enterprise rated the answer' },
  reopen: { zh: '企业不满意，申请重新办理', en: 'the enterprise was not satisfied and reopened it' },
  comment: { zh: '企业留言', en: 'the enterprise wrote a comment' },
  amend_claim: {
    zh: '企业修改了诉求金额，已重新测算',
    en: 'the enterprise amended its claim; it was reassessed',
  },
};

const NOTE_REQUIRED: readonly CaseAction[] = [
  'return',
  'transfer',
  'request_info',
  'provide_info',
  'reply',
  'comment',
];

/** The figures of a claim the timeline keeps (before → after an amendment). */
function claimFigures(claim: ClaimInput, assessment: ReturnType<typeof assessClaim>) {
  const a = assessment.ok ? assessment.assessment : null;
  return {
    claim,
    dueDate: a?.dueDate ?? null,
    daysOverdue: a?.daysOverdue ?? null,
    interestOutstanding: a?.interestOutstanding ?? null,
    totalOutstanding: a?.totalOutstanding ?? null,
  };
}

/** The debtor kind a USCC allows (GB 32100-2015: 1x organs and institutions, 9x enterprises); null: fine. */
function debtorKindProblem(uscc: string, kind: ClaimInput['debtorKind']) {
  const enterpriseCode = uscc.startsWith('9');
  if (
    (enterpriseCode && kind !== 'large_enterprise') ||
    (uscc.startsWith('1') && kind === 'large_enterprise')
  )
    return {
      zh: enterpriseCode
        ? '该信用代码属于企业，请选择“大型企业”'
        : '该信用代码属于机关或事业单位，请选择“机关”或“事业单位”',
      en: enterpriseCode
        ? 'this code belongs to an enterprise: choose large enterprise'
        : 'this code belongs to a government body or public institution: choose one of those',
    };
  return null;
}

/**
 * An amended claim, re-assessed as at filing (due date, days overdue, interest) with the payments the debtor has
 * recorded since: the columns it sets and the figures before and after for the timeline.
 */
async function amendedClaim(trx: Transaction<Database>, row: CaseRow, claim: ClaimInput, on: string) {
  const checked = assessClaim(claim, on);
  if (!checked.ok)
    throw new AppError(
      'VALIDATION_FAILED',
      checked.problems.map((p) => ({ field: `claim.${p.field}`, message: p.message })),
    );
  const kindProblem = row.debtor_uscc ? debtorKindProblem(row.debtor_uscc, claim.debtorKind) : null;
  if (kindProblem) throw AppError.field('claim.debtorKind', kindProblem);
  const recorded = await casePayments(trx, row.id);
  const after = assessCase({ type: row.type, claim }, recorded, on);
  if (!after?.ok)
    throw new AppError(
      'VALIDATION_FAILED',
      (after?.problems ?? []).map((p) => ({ field: `claim.${p.field}`, message: p.message })),
    );
  const declared = (claim.payments ?? []).reduce((sum, p) => sum + p.amount, 0);
  const recordedSum = recorded.reduce((sum, p) => sum + p.amount, 0);
  const before = assessCase(row, recorded, on);
  return {
    changes: {
      claim: JSON.stringify(claim),
      amount: claim.amount.toFixed(2),
      debtor_kind: claim.debtorKind,
      repaid: (declared + recordedSum).toFixed(2),
      principal_repaid: (after.assessment.paid - after.assessment.interestPaid).toFixed(2),
      principal_outstanding: after.assessment.principalOutstanding.toFixed(2),
    },
    before: before ? claimFigures(row.claim as ClaimInput, before) : null,
    after: claimFigures(claim, after),
  };
}

/** Takes an action on a case under the state rules; audited; the enterprise is told of officials' actions. */
export async function actOnCase(db: Kysely<Database>, caller: Caller, id: number, body: CaseActionBody) {
  const actor = requireActor(caller);
  const role: CaseActor | null =
    actor.role === 'enterprise'
      ? 'enterprise'
      : actor.role === 'official' || actor.role === 'admin'
        ? 'official'
        : null;
  if (!role) throw new AppError('FORBIDDEN');
  const note = body.note?.trim() || null;
  if (NOTE_REQUIRED.includes(body.action) && !note)
    throw AppError.field('note', { zh: '请填写说明', en: 'a note is required' });
  const on = today();
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    assertMaySee(actor, row);
    if (row.version !== body.version)
      throw new AppError('CONFLICT', [], {
        zh: '该案件已被他人处理，请刷新后查看最新状态',
        en: 'Someone else acted on this case; reload to see where it is now',
      });
    const state = row.state as CaseState;
    const refusal = refuseAction(
      { type: row.type, state, reopenedCount: row.reopened_count, rating: row.rating },
      body.action,
      role,
    );
    if (refusal)
      throw new AppError(
        refusal.code === 'NOT_YOUR_ROLE' ? 'FORBIDDEN' : 'CONFLICT',
        [{ field: 'action', message: refusal.message }],
        refusal.message,
      );
    // Who handles it at which level (ADR 0016): the handling office acts; the levels above supervise.
    const officials = await officialsServing(trx, row.department_code);
    const beyond = refuseForActor(actor, officials, row, body.action);
    if (beyond === 'NOT_HANDLER')
      throw new AppError('FORBIDDEN', [], {
        zh: '本案由承办地区的部门办理；上级地区可查看和督办，不能办理',
        en: 'The office of the case’s handling region deals with it; the levels above follow and supervise it',
      });
    if (beyond === 'NOT_ARREARS')
      throw AppError.field('action', {
        zh: '只有欠款投诉可以修改诉求金额',
        en: 'only an overdue-payment complaint has a claim to amend',
      });
    const to = nextState(state, body.action);
    const limits = limitsFor(row.type, row.received_on);
    let clock = row.clock as Clock | null;
    const changes: Record<string, unknown> = {};
    const data: Record<string, unknown> = {};
    switch (body.action) {
      case 'accept':
        clock = clockFor('accepted', on, limits);
        changes.accepted_on = on;
        break;
      case 'return':
      case 'reply':
      case 'merge':
        if (body.action === 'reply') {
          changes.replied_on = on;
          if (row.first_replied_on === null) {
            // On time: replied by the deadline of the clock that ran (or no time limit ran).
            const due = clock && !clock.pausedSince ? deadlineOf(clock) : null;
            changes.first_replied_on = on;
            changes.replied_on_time = due === null || on <= due;
          }
        }
        clock = null;
        if (body.action === 'merge') {
          const target = body.mergeInto
            ? await trx
                .selectFrom('cases')
                .select(['id', 'enterprise_id', 'state', 'region_code', 'department_code'])
                .where('id', '=', body.mergeInto)
                .executeTakeFirst()
            : undefined;
          if (!target || target.id === row.id || !OPEN_STATES.includes(target.state as CaseState))
            throw AppError.field('mergeInto', { zh: '请选择一件办理中的案件', en: 'choose an open case' });
          assertMaySee(actor, target);
          changes.merged_into = target.id;
          data.mergeInto = target.id;
        }
        break;
      case 'assign': {
        if (body.assigneeId === undefined)
          throw AppError.field('assigneeId', { zh: '请选择承办人', en: 'choose a handler' });
        const handler = await trx
          .selectFrom('users')
          .select(['id', 'role', 'region_code', 'department_code', 'is_active'])
          .where('id', '=', body.assigneeId)
          .executeTakeFirst();
        // The handler is an active official of the case's handling office (ADR 0016).
        const covers =
          handler?.role === 'official' &&
          handler.is_active &&
          handlingOffice(officials, row).some((o) => o.id === handler.id);
        if (!covers)
          throw AppError.field('assigneeId', {
            zh: '承办人应为本案承办地区和部门的在岗工作人员',
            en: 'the handler is an active official of the case’s handling region and department',
          });
        changes.assignee_id = body.assigneeId;
        data.assigneeId = body.assigneeId;
        if (state === 'accepted') clock = clockFor('in_progress', on, limits);
        break;
      }
      case 'transfer': {
        const department = body.departmentCode ?? row.department_code;
        const region = body.regionCode ?? row.region_code;
        if (!findDepartment(department))
          throw AppError.field('departmentCode', { zh: '未知的部门', en: 'unknown department' });
        if (!findRegion(region))
          throw AppError.field('regionCode', { zh: '未知的地区', en: 'unknown region' });
        if (department === row.department_code && region === row.region_code)
          throw AppError.field('departmentCode', {
            zh: '请选择另一个部门或地区',
            en: 'choose another department or region',
          });
        changes.department_code = department;
        changes.region_code = region;
        changes.assignee_id = null;
        data.from = { departmentCode: row.department_code, regionCode: row.region_code };
        data.to = { departmentCode: department, regionCode: region };
        clock = clockFor('submitted', on, limits);
        break;
      }
      case 'request_info':
        if (clock) clock = pauseClock(clock, on);
        break;
      case 'provide_info':
        if (clock) clock = resumeClock(clock, on);
        break;
      case 'extend': {
        if (!clock) throw AppError.field('days', { zh: '没有可延长的期限', en: 'no time limit runs' });
        const extended = extendClock(clock, body.days ?? 0, limits.resultMaxDays);
        if (!extended.ok) throw AppError.field('days', extended.message);
        clock = extended.clock;
        data.days = body.days;
        break;
      }
      case 'rate':
        if (!body.rating) throw AppError.field('rating', { zh: '请选择评价', en: 'choose a rating' });
        changes.rating = body.rating;
        changes.rating_note = note;
        changes.closed_on = on;
        data.rating = body.rating;
        break;
      case 'reopen':
        changes.reopened_count = row.reopened_count + 1;
        changes.closed_on = null;
        changes.replied_on = null;
        clock = clockFor('in_progress', on, limits);
        break;
      case 'close':
        changes.closed_on = on;
        break;
      case 'comment':
        break;
      case 'amend_claim': {
        if (!body.claim) throw AppError.field('claim', { zh: '请填写诉求', en: 'give the claim' });
        const amended = await amendedClaim(trx, row, body.claim, on);
        Object.assign(changes, amended.changes);
        data.before = amended.before;
        data.after = amended.after;
        break;
      }
    }
    await trx
      .updateTable('cases')
      .set({
        ...(changes as object),
        state: to,
        ...clockColumns(clock),
        // A new clock may be reminded and supervised afresh.
        ...(JSON.stringify(clock) !== JSON.stringify(row.clock)
          ? { reminded_level: 0, reminded_deadline: null }
          : {}),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('case_events')
      .values({
        case_id: id,
        actor_user_id: actor.userId,
        actor_role: actor.role,
        action: body.action,
        from_state: state,
        to_state: to,
        note,
        data: JSON.stringify(data),
      })
      .execute();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: `case.${body.action}`,
        targetType: 'case',
        targetId: id,
        requestId: caller.requestId,
        summary: { number: row.number, from: state, to, ...data },
      },
    );
    if (body.action === 'assign' && body.assigneeId !== actor.userId)
      await notifyUsers(trx, [
        {
          userId: body.assigneeId as number,
          kind: 'case_update',
          caseId: id,
          title: {
            zh: `请承办案件 ${row.number}：${row.title}`,
            en: `Please handle case ${row.number}: ${titleEnOf(row) ?? row.title}`,
          },
        },
      ]);
    if (body.action === 'accept' && row.type === 'arrears' && row.debtor_uscc)
      await notifyPayers(trx, row.debtor_uscc, id, {
        zh: `收到一件欠款投诉 ${row.number}（合同 ${row.contract_number}），请及时答复`,
        en: `An overdue-payment complaint ${row.number} (contract ${row.contract_number}) awaits your answer`,
      });
    if (role === 'enterprise') {
      // The enterprise answered, rated, reopened or wrote: its handler (or else the office) is told.
      const what = ENTERPRISE_ACTION_TEXT[body.action] ?? {
        zh: '企业有新的操作',
        en: 'the enterprise acted',
      };
      const recipients = handlersOf(officials, row);
      await notifyUsers(
        trx,
        recipients.map((userId) => ({
          userId,
          kind: 'case_update' as const,
          caseId: id,
          title: { zh: `案件 ${row.number}：${what.zh}`, en: `Case ${row.number}: ${what.en}` },
        })),
      );
    }
    if (role === 'official' && body.action !== 'assign') {
      const text = stateText(to);
      await notify(trx, [
        {
          enterpriseId: row.enterprise_id,
          kind: 'case_update',
          caseId: id,
          title: {
            zh: `您的${row.type === 'demand' ? '诉求' : '欠款投诉'} ${row.number}：${text.zh}`,
            en: `Your ${row.type === 'demand' ? 'demand' : 'arrears complaint'} ${row.number}: ${text.en}`,
          },
        },
      ]);
    }
  });
  return getCase(db, actor, id, { justActed: true });
}

/** Notifies the officials of a debtor body (payer accounts of its USCC). */
export async function notifyPayers(
  trx: Transaction<Database>,
  uscc: string,
  caseId: number,
  title: { zh: string; en: string },
) {
  const payers = await trx
    .selectFrom('users')
    .select('id')
    .where('organization_uscc', '=', uscc)
    .where('role', '=', 'payer')
    .where('is_active', '=', true)
    .execute();
  await notifyUsers(
    trx,
    payers.map((p) => ({ userId: p.id, kind: 'case_claim' as const, caseId, title })),
  );
}

/** A routing rule as admins edit it. */
export interface RoutingRuleInput {
  caseType: CaseType;
  category: string | null;
  regionPrefix: string;
  departmentCode: string;
  acceptWorkingDays: number | null;
  resultDays: number | null;
  priority: number;
  isActive: boolean;
}

function ruleView(r: Selectable<Database['case_routing_rules']>) {
  return {
    id: r.id,
    caseType: r.case_type,
    category: r.category,
    regionPrefix: r.region_prefix,
    departmentCode: r.department_code,
    acceptWorkingDays: r.accept_working_days,
    resultDays: r.result_days,
    priority: r.priority,
    isActive: r.is_active,
    version: r.version,
  };
}

/** Every routing rule, most specific first. */
export async function listRoutingRules(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('case_routing_rules')
    .selectAll()
    .orderBy('case_type')
    .orderBy(sql`length(region_prefix)`, 'desc')
    .orderBy('priority', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(ruleView);
}

function checkRoutingRule(input: RoutingRuleInput): void {
  if (!findDepartment(input.departmentCode))
    throw AppError.field('departmentCode', { zh: '未知的部门', en: 'unknown department' });
  if (input.regionPrefix !== '' && !/^\d{2}(\d{2}){0,2}$/.test(input.regionPrefix))
    throw AppError.field('regionPrefix', {
      zh: '地区前缀应为 2、4 或 6 位行政区划代码（空：全国）',
      en: 'the region prefix is 2, 4 or 6 digits of a region code (empty: everywhere)',
    });
  if (input.caseType === 'arrears' && (input.acceptWorkingDays !== null || input.resultDays !== null))
    throw AppError.field('resultDays', {
      zh: '欠款投诉的期限由投诉处理办法规定，不能在分派规则中修改',
      en: 'the time limits of arrears complaints are set by the complaint procedure, not by routing rules',
    });
}

/** An admin adds or changes a routing rule (audited); a change carries the version it read. */
export async function saveRoutingRule(
  db: Kysely<Database>,
  caller: Caller,
  id: number | null,
  input: RoutingRuleInput & { version?: number },
) {
  const actor = requireActor(caller);
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  checkRoutingRule(input);
  const values = {
    case_type: input.caseType,
    category: input.category,
    region_prefix: input.regionPrefix,
    department_code: input.departmentCode,
    accept_working_days: input.acceptWorkingDays,
    result_days: input.resultDays,
    priority: input.priority,
    is_active: input.isActive,
  };
  return db.transaction().execute(async (trx) => {
    let row: Selectable<Database['case_routing_rules']>;
    if (id === null) {
      row = await trx
        .insertInto('case_routing_rules')
        .values({ ...values, created_by: actor.userId })
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      const current = await trx
        .selectFrom('case_routing_rules')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw new AppError('NOT_FOUND');
      if (input.version !== current.version) throw new AppError('CONFLICT');
      row = await trx
        .updateTable('case_routing_rules')
        .set({ ...values, version: current.version + 1, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: id === null ? 'case.routing_rule_created' : 'case.routing_rule_changed',
        targetType: 'case_routing_rule',
        targetId: row.id,
        requestId: caller.requestId,
        summary: { ...values },
      },
    );
    return ruleView(row);
  });
}
