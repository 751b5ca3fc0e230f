/**
 * The case engine's rules (issue 5; measures 21, 23): the states of a case, the actions allowed from each and by
 * whom, and the clocks — deadlines in working days (national holidays and make-up workdays counted) or calendar
 * days, paused while the handler waits for the enterprise, extended within a maximum. Pure: no I/O, no clock.
 * A deadline in calendar days whose last day is a statutory rest day ends on the next working day
 * (《民法典》第二百零三条; src/reference/periods.ts, docs/reference/periods.md); a deadline that depends on a year
 * whose holiday arrangement is not in the calendar says so (explainDeadline).
 *
 * Two case types share it: demands (咨询, 投诉, 建议, 求助) and overdue-payment complaints (拖欠账款). An arrears
 * complaint follows the time limits of the complaint procedure (src/reference/complaint-procedure.ts); a demand
 * follows the limits its routing rule sets (by default the same).
 */

import type { Selectable, Updateable } from 'kysely';
import {
  addDays,
  addWorkingDays,
  dayNumber,
  unsettledYearBetween,
  workingDaysBetween,
} from '../../../reference/calendar.ts';
import { type ComplaintTimeLimits, complaintTimeLimitsOn } from '../../../reference/complaint-procedure.ts';
import { findDepartment } from '../../../reference/departments.ts';
import { endOfPeriod, type PeriodEnd, periodEndLines, unsettledWarning } from '../../../reference/periods.ts';
import { findRegion } from '../../../reference/regions.ts';
import type { Localized } from '../../../shared/errors.ts';
import { assessClaim, type ClaimInput } from '../payments/index.ts';
import type { CasesTable } from './cases.table.ts';

export type CaseType = 'demand' | 'arrears';
export type DemandKind = 'consultation' | 'complaint' | 'suggestion' | 'help';

/** Where a case is. */
export type CaseState =
  | 'submitted'
  | 'returned'
  | 'accepted'
  | 'in_progress'
  | 'info_requested'
  | 'replied'
  | 'closed'
  | 'merged';

/** Who acts on a case: the complainant enterprise, the handling official, or the system (jobs). */
export type CaseActor = 'enterprise' | 'official' | 'system';

/** What can be done to a case. */
export type CaseAction =
  | 'accept'
  | 'return'
  | 'assign'
  | 'transfer'
  | 'request_info'
  | 'provide_info'
  | 'reply'
  | 'extend'
  | 'rate'
  | 'reopen'
  | 'close'
  | 'merge'
  | 'comment'
  | 'amend_claim';

interface Transition {
  from: readonly CaseState[];
  /** The state after; null: unchanged. */
  to: CaseState | null;
  by: readonly CaseActor[];
}

const OPEN: readonly CaseState[] = ['submitted', 'accepted', 'in_progress', 'info_requested'];

/** The transition table (the same for both types). */
export const TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['official'] },
  return: { from: ['submitted'], to: 'returned', by: ['official'] },
  assign: { from: ['accepted', 'in_progress'], to: 'in_progress', by: ['official'] },
  transfer: { from: ['submitted', 'accepted', 'in_progress'], to: 'submitted', by: ['official'] },
  request_info: { from: ['in_progress'], to: 'info_requested', by: ['official'] },
  provide_info: { from: ['info_requested'], to: 'in_progress', by: ['enterprise'] },
  reply: { from: ['in_progress'], to: 'replied', by: ['official'] },
  extend: { from: ['in_progress', 'info_requested'], to: null, by: ['official'] },
  rate: { from: ['replied'], to: 'closed', by: ['enterprise'] },
  reopen: { from: ['closed', 'replied'], to: 'in_progress', by: ['enterprise'] },
  close: { from: ['replied'], to: 'closed', by: ['official', 'system'] },
  merge: { from: ['submitted', 'accepted', 'in_progress'], to: 'merged', by: ['official'] },
  comment: { from: [...OPEN, 'replied'], to: null, by: ['enterprise', 'official'] },
  /** The enterprise corrects an overdue-payment complaint's figures while the case is open (issue 12). */
  amend_claim: { from: OPEN, to: null, by: ['enterprise'] },
};

/** A satisfaction rating of an answer. */
export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** What the rules need to know of a case to decide an action. */
export interface CaseSnapshot {
  type: CaseType;
  state: CaseState;
  reopenedCount: number;
  rating: Rating | null;
}

/** Why an action is refused. */
export interface ActionRefusal {
  code: 'NOT_ALLOWED_FROM_STATE' | 'NOT_YOUR_ROLE' | 'ALREADY_REOPENED' | 'NOT_UNSATISFIED';
  message: Localized;
}

const STATE_TEXT: Record<CaseState, Localized> = {
  submitted: { zh: '待受理', en: 'submitted' },
  returned: { zh: '已退回', en: 'returned' },
  accepted: { zh: '已受理', en: 'accepted' },
  in_progress: { zh: '办理中', en: 'in progress' },
  info_requested: { zh: '待补充材料', en: 'waiting for information' },
  replied: { zh: '已答复', en: 'replied' },
  closed: { zh: '已办结', en: 'closed' },
  merged: { zh: '已合并', en: 'merged' },
};

/** The state's name in both languages. */
export function stateText(state: CaseState): Localized {
  return STATE_TEXT[state];
}

/** Whether an actor may take an action on a case now; null when allowed, else why not. */
export function refuseAction(
  snapshot: CaseSnapshot,
  action: CaseAction,
  actor: CaseActor,
): ActionRefusal | null {
  const t = TRANSITIONS[action];
  if (!t.by.includes(actor))
    return {
      code: 'NOT_YOUR_ROLE',
      message: { zh: '您的角色不能执行此操作', en: 'your role cannot do this' },
    };
  if (!t.from.includes(snapshot.state)) {
    const state = STATE_TEXT[snapshot.state];
    return {
      code: 'NOT_ALLOWED_FROM_STATE',
      message: {
        zh: `案件${state.zh}，不能执行此操作`,
        en: `the case is ${state.en}; this is not allowed now`,
      },
    };
  }
  if (action === 'reopen') {
    if (snapshot.reopenedCount >= 1)
      return {
        code: 'ALREADY_REOPENED',
        message: { zh: '每件只能重新办理一次', en: 'a case can be reopened once' },
      };
    if (snapshot.rating !== 'unsatisfied')
      return {
        code: 'NOT_UNSATISFIED',
        message: {
          zh: '评价为不满意时才能要求重新办理',
          en: 'a case is reopened after an unsatisfied rating',
        },
      };
  }
  return null;
}

/** The state after an allowed action. */
export function nextState(state: CaseState, action: CaseAction): CaseState {
  return TRANSITIONS[action].to ?? state;
}

// ---------------------------------------------------------------------------------------------------------
// Clocks

/** A running time limit: from a start date, so many working or calendar days, paused days added back. */
export interface Clock {
  stage: 'accept' | 'forward' | 'result';
  unit: 'working' | 'calendar';
  startedOn: string;
  limit: number;
  /** Days (in the clock's unit) the clock stood still, added to the limit. */
  pausedDays: number;
  /** Set while paused. */
  pausedSince: string | null;
  /** Extra days granted (result clocks), within the maximum. */
  extendedDays: number;
}

/** The limits a case follows: arrears by the complaint procedure in force; demands by their routing rule. */
export function limitsFor(type: CaseType, receivedOn: string, demandLimits?: Partial<ComplaintTimeLimits>) {
  const procedure = complaintTimeLimitsOn(receivedOn);
  return type === 'arrears' ? procedure : { ...procedure, ...demandLimits };
}

/** The clock a case starts when it enters a state (null: no clock runs there). */
export function clockFor(
  state: CaseState,
  on: string,
  limits: Pick<ComplaintTimeLimits, 'acceptWorkingDays' | 'forwardWorkingDays' | 'resultDays'>,
): Clock | null {
  const base = { startedOn: on, pausedDays: 0, pausedSince: null, extendedDays: 0 };
  if (state === 'submitted')
    return { ...base, stage: 'accept', unit: 'working', limit: limits.acceptWorkingDays };
  if (state === 'accepted')
    return { ...base, stage: 'forward', unit: 'working', limit: limits.forwardWorkingDays };
  if (state === 'in_progress')
    return { ...base, stage: 'result', unit: 'calendar', limit: limits.resultDays };
  return null;
}

/** The days a clock runs in all: its limit, the days it stood still, extensions (and a pause up to today). */
function runningDays(clock: Clock, today?: string): number {
  const paused = clock.pausedSince && today ? elapsed(clock.unit, clock.pausedSince, today) : 0;
  return clock.limit + clock.pausedDays + clock.extendedDays + paused;
}

/**
 * The end of a calendar-day clock: its last counted day, moved past statutory rest days unless the procedure in
 * force when it started switches the rule off.
 */
function calendarEnd(clock: Clock, today?: string): PeriodEnd {
  const applies = complaintTimeLimitsOn(clock.startedOn).periodEndsOnWorkingDay;
  return endOfPeriod(addDays(clock.startedOn, runningDays(clock, today)), applies);
}

/**
 * The deadline of a clock (a paused clock's deadline is where it would be if resumed today). Working-day clocks
 * end on a working day by counting; calendar-day clocks end on the next working day after a rest day.
 */
export function deadlineOf(clock: Clock, today?: string): string {
  return clock.unit === 'working'
    ? addWorkingDays(clock.startedOn, runningDays(clock, today))
    : calendarEnd(clock, today).endsOn;
}

const STAGE_TEXT: Record<Clock['stage'], Localized> = {
  accept: { zh: '受理期限', en: 'Time to accept' },
  forward: { zh: '转交期限', en: 'Time to forward' },
  result: { zh: '办理期限', en: 'Time to deal with it' },
};

/**
 * Why a clock's deadline is what it is, line by line with the provision each rests on (zh and en). An arrears
 * complaint's limits are the complaint procedure's; a demand's are its routing rule's (the procedure's unless the
 * rule sets its own), which is what its basis says.
 */
export function explainDeadline(
  clock: Clock,
  today?: string,
  type: CaseType = 'arrears',
): { text: Localized; basis: string | null }[] {
  const procedure = complaintTimeLimitsOn(clock.startedOn);
  const basis =
    type === 'arrears'
      ? procedure.reference
      : `受理部门的诉求分派规则（规则未另设时限的，参照${procedure.reference}）`;
  const stage = STAGE_TEXT[clock.stage];
  const working = clock.unit === 'working';
  const deadline = deadlineOf(clock, today);
  const extra: { zh: string[]; en: string[] } = { zh: [], en: [] };
  const stood = runningDays(clock, today) - clock.limit - clock.extendedDays;
  if (stood > 0) {
    extra.zh.push(`等待补充材料 ${stood} ${working ? '个工作日' : '日'}不计入`);
    extra.en.push(`${stood} ${working ? 'working ' : ''}days waiting for information not counted`);
  }
  if (clock.extendedDays > 0) {
    extra.zh.push(`经批准延长 ${clock.extendedDays} 日`);
    extra.en.push(`extended by ${clock.extendedDays} days with approval`);
  }
  const lines: { text: Localized; basis: string | null }[] = [
    {
      text: {
        zh: `${stage.zh}：自 ${clock.startedOn} 起 ${clock.limit} ${working ? '个工作日（法定节假日不计，调休上班日计入）' : '日'}${extra.zh.map((x) => `，${x}`).join('')} → ${deadline}${clock.pausedSince ? `（自 ${clock.pausedSince} 起暂停，按今日恢复计）` : ''}`,
        en: `${stage.en}: ${clock.limit} ${working ? 'working days (public holidays not counted, make-up workdays counted)' : 'days'} from ${clock.startedOn}${extra.en.map((x) => `, ${x}`).join('')} → ${deadline}${clock.pausedSince ? ` (paused since ${clock.pausedSince}; as if resumed today)` : ''}`,
      },
      basis,
    },
  ];
  if (working) {
    const warning = unsettledWarning(unsettledYearBetween(clock.startedOn, deadline));
    if (warning) lines.push({ text: warning, basis: null });
  } else lines.push(...periodEndLines(calendarEnd(clock, today)));
  return lines;
}

function elapsed(unit: Clock['unit'], from: string, to: string): number {
  return unit === 'working' ? workingDaysBetween(from, to) : Math.max(0, dayNumber(to) - dayNumber(from));
}

/** Stops a clock (the handler asked the enterprise for information). */
export function pauseClock(clock: Clock, on: string): Clock {
  return clock.pausedSince ? clock : { ...clock, pausedSince: on };
}

/** Restarts a stopped clock: the days it stood still are added back. */
export function resumeClock(clock: Clock, on: string): Clock {
  if (!clock.pausedSince) return clock;
  return {
    ...clock,
    pausedDays: clock.pausedDays + elapsed(clock.unit, clock.pausedSince, on),
    pausedSince: null,
  };
}

/** Extends a result clock by some days, refusing to go past the maximum; returns the clock or why not. */
export function extendClock(
  clock: Clock,
  days: number,
  maxDays: number,
): { ok: true; clock: Clock } | { ok: false; message: Localized } {
  if (clock.stage !== 'result')
    return {
      ok: false,
      message: { zh: '只有办理期限可以延长', en: 'only the handling time limit can be extended' },
    };
  if (!Number.isInteger(days) || days <= 0)
    return {
      ok: false,
      message: { zh: '延长天数应为正整数', en: 'the extension is a positive number of days' },
    };
  if (clock.limit + clock.extendedDays + days > maxDays)
    return {
      ok: false,
      message: {
        zh: `延长后超过最长 ${maxDays} 日（已 ${clock.limit + clock.extendedDays} 日）`,
        en: `that exceeds the ${maxDays}-day maximum (now ${clock.limit + clock.extendedDays} days)`,
      },
    };
  return { ok: true, clock: { ...clock, extendedDays: clock.extendedDays + days } };
}

/** How a clock stands on a day: paused, on time, due soon (≤ 2 working days left) or overdue. */
export function clockStatus(clock: Clock, today: string): 'paused' | 'on_time' | 'due_soon' | 'overdue' {
  if (clock.pausedSince) return 'paused';
  const deadline = deadlineOf(clock);
  if (today > deadline) return 'overdue';
  return workingDaysBetween(today, deadline) <= 2 ? 'due_soon' : 'on_time';
}

/** The reason the system writes on a 督办 it issues for a case past its deadline (stored in Chinese). */
export function automaticReason(deadline: string): string {
  return `超过办理期限（${deadline}）未办结，系统自动督办`;
}

const AUTOMATIC_REASON = /^超过办理期限（(\d{4}-\d{2}-\d{2})）未办结，系统自动督办$/;

/** The English of a reason the system wrote (automaticReason), or null for any other text (a person's words). */
export function automaticReasonEn(reason: string): string | null {
  const deadline = AUTOMATIC_REASON.exec(reason)?.[1];
  return deadline
    ? `Not dealt with by its deadline (${deadline}): supervised automatically by the system`
    : null;
}

// ---------------------------------------------------------------------------------------------------------
// Claims of overdue-payment complaints

/** A complaint's claim assessed on a date, counting the payments declared with it and those recorded since. */
export function assessCase(
  row: { type: CaseType; claim: unknown },
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
export function debtorKindProblem(uscc: string, kind: ClaimInput['debtorKind']): Localized | null {
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

// ---------------------------------------------------------------------------------------------------------
// The transition: what an action does to a case (habit 17)

/** The case as an action reads it (the row as loaded). */
export type CaseFacts = Pick<
  Selectable<CasesTable>,
  | 'id'
  | 'type'
  | 'state'
  | 'clock'
  | 'received_on'
  | 'region_code'
  | 'department_code'
  | 'reopened_count'
  | 'first_replied_on'
  | 'claim'
  | 'debtor_uscc'
>;

/** An action with what it carries (the request body, note trimmed). */
export interface CaseCommand {
  action: CaseAction;
  note: string | null;
  assigneeId?: number | undefined;
  departmentCode?: string | undefined;
  regionCode?: string | undefined;
  days?: number | undefined;
  rating?: Rating | undefined;
  mergeInto?: number | undefined;
  claim?: ClaimInput | undefined;
}

/** What the service loaded for the action; the transition reads nothing else (and no clock: `today`). */
export interface TransitionContext {
  today: string;
  /** The officials of the case's handling office (assign: the handler must be one of them; ADR 0016). */
  handlingOfficeIds: readonly number[];
  /** merge: the case asked for, and whether the actor may see it; undefined when none was found. */
  mergeTarget?: { id: number; state: string; visible: boolean } | undefined;
  /** amend_claim: the payments the debtor recorded, in date order. */
  recordedPayments?: readonly { paidOn: string; amount: number }[];
}

/** The timeline entry of an action. */
export interface CaseEvent {
  action: string;
  /** null: the case's first entry (its filing), or an entry beside the states (a 督办, a reminder). */
  fromState: string | null;
  toState: string | null;
  note: string | null;
  data: Record<string, unknown>;
}

/** What an action does: the columns it changes, its timeline entry, and the case's clock after it. */
export interface TransitionResult {
  ok: true;
  changes: Updateable<CasesTable>;
  event: CaseEvent;
  clock: Clock | null;
}

/** Why the action's input is refused: 400 naming fields, or 404 (a merge target the actor may not see). */
export interface TransitionRefusal {
  ok: false;
  code: 'VALIDATION_FAILED' | 'NOT_FOUND';
  errors: { field: string; message: Localized }[];
}

const refused = (field: string, message: Localized): TransitionRefusal => ({
  ok: false,
  code: 'VALIDATION_FAILED',
  errors: [{ field, message }],
});

const claimRefusal = (problems: readonly { field: string; message: Localized }[]): TransitionRefusal => ({
  ok: false,
  code: 'VALIDATION_FAILED',
  errors: problems.map((p) => ({ field: `claim.${p.field}`, message: p.message })),
});

/**
 * What an action the rules allow (refuseAction, cases.access.ts refuseForActor: checked before) does to a case:
 * the columns it sets, the new state, its timeline entry and the clock that runs after it. Pure.
 */
export function transition(
  current: CaseFacts,
  command: CaseCommand,
  context: TransitionContext,
): TransitionResult | TransitionRefusal {
  const on = context.today;
  const state = current.state as CaseState;
  const to = nextState(state, command.action);
  const limits = limitsFor(current.type, current.received_on);
  let clock = current.clock;
  const changes: Updateable<CasesTable> = { state: to };
  const data: Record<string, unknown> = {};
  switch (command.action) {
    case 'accept':
      clock = clockFor('accepted', on, limits);
      changes.accepted_on = on;
      break;
    case 'return':
    case 'reply':
    case 'merge':
      if (command.action === 'reply') {
        changes.replied_on = on;
        if (current.first_replied_on === null) {
          // On time: replied by the deadline of the clock that ran (or no time limit ran).
          const due = clock && !clock.pausedSince ? deadlineOf(clock) : null;
          changes.first_replied_on = on;
          changes.replied_on_time = due === null || on <= due;
        }
      }
      clock = null;
      if (command.action === 'merge') {
        const target = command.mergeInto ? context.mergeTarget : undefined;
        if (!target || target.id === current.id || !OPEN.includes(target.state as CaseState))
          return refused('mergeInto', { zh: '请选择一件办理中的案件', en: 'choose an open case' });
        if (!target.visible) return { ok: false, code: 'NOT_FOUND', errors: [] };
        changes.merged_into = target.id;
        data.mergeInto = target.id;
      }
      break;
    case 'assign':
      if (command.assigneeId === undefined)
        return refused('assigneeId', { zh: '请选择承办人', en: 'choose a handler' });
      // The handler is an active official of the case's handling office (ADR 0016).
      if (!context.handlingOfficeIds.includes(command.assigneeId))
        return refused('assigneeId', {
          zh: '承办人应为本案承办地区和部门的在岗工作人员',
          en: 'the handler is an active official of the case’s handling region and department',
        });
      changes.assignee_id = command.assigneeId;
      data.assigneeId = command.assigneeId;
      if (state === 'accepted') clock = clockFor('in_progress', on, limits);
      break;
    case 'transfer': {
      const department = command.departmentCode ?? current.department_code;
      const region = command.regionCode ?? current.region_code;
      if (!findDepartment(department))
        return refused('departmentCode', { zh: '未知的部门', en: 'unknown department' });
      if (!findRegion(region)) return refused('regionCode', { zh: '未知的地区', en: 'unknown region' });
      if (department === current.department_code && region === current.region_code)
        return refused('departmentCode', {
          zh: '请选择另一个部门或地区',
          en: 'choose another department or region',
        });
      changes.department_code = department;
      changes.region_code = region;
      changes.assignee_id = null;
      data.from = { departmentCode: current.department_code, regionCode: current.region_code };
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
      if (!clock) return refused('days', { zh: '没有可延长的期限', en: 'no time limit runs' });
      const extended = extendClock(clock, command.days ?? 0, limits.resultMaxDays);
      if (!extended.ok) return refused('days', extended.message);
      clock = extended.clock;
      data.days = command.days;
      break;
    }
    case 'rate':
      if (!command.rating) return refused('rating', { zh: '请选择评价', en: 'choose a rating' });
      changes.rating = command.rating;
      changes.rating_note = command.note;
      changes.closed_on = on;
      data.rating = command.rating;
      break;
    case 'reopen':
      changes.reopened_count = current.reopened_count + 1;
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
      if (!command.claim) return refused('claim', { zh: '请填写诉求', en: 'give the claim' });
      const amended = amendClaim(current, command.claim, context.recordedPayments ?? [], on);
      if (!amended.ok) return amended;
      Object.assign(changes, amended.changes);
      data.before = amended.before;
      data.after = amended.after;
      break;
    }
  }
  return {
    ok: true,
    changes,
    event: { action: command.action, fromState: state, toState: to, note: command.note, data },
    clock,
  };
}

/**
 * An amended claim, re-assessed as at filing (due date, days overdue, interest) with the payments the debtor has
 * recorded since: the columns it sets and the figures before and after for the timeline.
 */
function amendClaim(
  current: CaseFacts,
  claim: ClaimInput,
  recorded: readonly { paidOn: string; amount: number }[],
  on: string,
) {
  const checked = assessClaim(claim, on);
  if (!checked.ok) return claimRefusal(checked.problems);
  const kindProblem = current.debtor_uscc ? debtorKindProblem(current.debtor_uscc, claim.debtorKind) : null;
  if (kindProblem) return refused('claim.debtorKind', kindProblem);
  const after = assessCase({ type: current.type, claim }, recorded, on);
  if (!after?.ok) return claimRefusal(after?.problems ?? []);
  const declared = (claim.payments ?? []).reduce((sum, p) => sum + p.amount, 0);
  const recordedSum = recorded.reduce((sum, p) => sum + p.amount, 0);
  const before = assessCase(current, recorded, on);
  const changes: Updateable<CasesTable> = {
    claim: JSON.stringify(claim),
    amount: claim.amount.toFixed(2),
    debtor_kind: claim.debtorKind,
    repaid: (declared + recordedSum).toFixed(2),
    principal_repaid: (after.assessment.paid - after.assessment.interestPaid).toFixed(2),
    principal_outstanding: after.assessment.principalOutstanding.toFixed(2),
  };
  return {
    ok: true as const,
    changes,
    before: before ? claimFigures(current.claim as ClaimInput, before) : null,
    after: claimFigures(claim, after),
  };
}
