/**
 * Who sees and who handles a case at each level of government (ADR 0016). Pure: the officials are passed in.
 *
 * - Seeing: an official sees the cases of their region and of every region under it (a GB/T 2260 prefix), of their
 *   department (an official without a department: of every department).
 * - Handling: the office of the case's own region handles it — its officials serving the case's department accept,
 *   return, assign, transfer, ask for information, reply, extend, close, merge and comment. Where that region has
 *   no active official serving the department, the nearest region above that has one handles it (属地管理 with the
 *   level above standing in).
 * - Supervising: officials who see a case but are not of its handling office (the levels above) follow it and
 *   issue 督办; they do not act on the case itself.
 * - Assigning: the handlers offered for a case are the officials of its handling office, those of the case's own
 *   department before those of no department.
 * - 督办 is acknowledged (签收) by the case's handler: its assignee, or, unassigned, its handling office.
 * - Admins may do what the handling office may; auditors read.
 */
import { findRegion } from '../../../reference/regions.ts';
import type { Actor } from '../../http/auth.ts';
import {
  type CaseAction,
  type CaseActor,
  type CaseState,
  type Clock,
  limitsFor,
  refuseAction,
  TRANSITIONS,
} from './cases.rules.ts';

/** An active official as the rules need them. */
export interface OfficialRow {
  id: number;
  region_code: string | null;
  department_code: string | null;
}

/** What the rules need to know of a case. */
export interface CaseScope {
  region_code: string;
  department_code: string;
  assignee_id: number | null;
}

function serves(o: OfficialRow, departmentCode: string): boolean {
  return o.department_code === null || o.department_code === departmentCode;
}

/** The region whose office handles a case: its own, or the nearest above with an official serving its department. */
export function handlingRegion(
  officials: readonly OfficialRow[],
  c: Omit<CaseScope, 'assignee_id'>,
): string | null {
  for (let code: string | null = c.region_code; code; code = findRegion(code)?.parentCode ?? null) {
    const region = code;
    if (officials.some((o) => o.region_code === region && serves(o, c.department_code))) return region;
  }
  return null;
}

/** The officials of a case's handling office, those of its department first, then by id. */
export function handlingOffice(
  officials: readonly OfficialRow[],
  c: Omit<CaseScope, 'assignee_id'>,
): OfficialRow[] {
  const region = handlingRegion(officials, c);
  if (region === null) return [];
  return officials
    .filter((o) => o.region_code === region && serves(o, c.department_code))
    .sort((a, b) => Number(a.department_code === null) - Number(b.department_code === null) || a.id - b.id);
}

/** The officials who handle a case now: its assignee, or else its handling office. */
export function handlersOf(officials: readonly OfficialRow[], c: CaseScope): number[] {
  if (c.assignee_id !== null) return [c.assignee_id];
  return handlingOffice(officials, c).map((o) => o.id);
}

/** Whether an actor (who may see the case) belongs to its handling office, or is an admin. */
export function mayHandle(actor: Actor, officials: readonly OfficialRow[], c: CaseScope): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'official') return false;
  return handlingOffice(officials, c).some((o) => o.id === actor.userId);
}

/** Whether an actor (who may see the case) may issue 督办 on it: an official above its handling office, or admin. */
export function maySupervise(actor: Actor, officials: readonly OfficialRow[], c: CaseScope): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'official') return false;
  const region = handlingRegion(officials, c);
  return actor.regionCode !== null && actor.regionCode !== region && actor.regionCode !== c.region_code;
}

/** Whether an actor may acknowledge (签收) a 督办 notice on a case: its handler, or an admin. */
export function mayAcknowledge(actor: Actor, officials: readonly OfficialRow[], c: CaseScope): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'official' && handlersOf(officials, c).includes(actor.userId);
}

/** The actions of the case page besides the state transitions. */
export type ExtraAction = 'supervise' | 'acknowledge_supervision';
export type OfferedAction = CaseAction | ExtraAction;

/** The case as the offer needs it. */
export interface CaseForOffer extends CaseScope {
  type: 'demand' | 'arrears';
  state: string;
  reopened_count: number;
  rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
  clock: unknown;
  received_on: string;
}

/** The case role an actor plays on a case it may see (null: none). */
export function caseRoleOf(actor: Actor): CaseActor | null {
  if (actor.role === 'enterprise') return 'enterprise';
  if (actor.role === 'official' || actor.role === 'admin') return 'official';
  return null;
}

/**
 * Why an action on a case is not the actor's to take beyond the state rules (null: it is). The same check
 * actOnCase makes, so the actions offered are those accepted.
 */
export function refuseForActor(
  actor: Actor,
  officials: readonly OfficialRow[],
  c: CaseForOffer,
  action: CaseAction,
): 'NOT_HANDLER' | 'NOT_ARREARS' | 'NO_EXTENSION' | null {
  if (caseRoleOf(actor) === 'official' && !mayHandle(actor, officials, c)) return 'NOT_HANDLER';
  if (action === 'amend_claim' && c.type !== 'arrears') return 'NOT_ARREARS';
  if (action === 'extend') {
    const clock = c.clock as Clock | null;
    if (clock?.stage !== 'result') return 'NO_EXTENSION';
    if (clock.limit + clock.extendedDays >= limitsFor(c.type, c.received_on).resultMaxDays)
      return 'NO_EXTENSION';
  }
  return null;
}

/** The actions an actor may take on a case now, in the order TRANSITIONS lists them, then the others. */
export function offeredActions(
  actor: Actor,
  officials: readonly OfficialRow[],
  c: CaseForOffer,
  openSupervisions: number,
): OfferedAction[] {
  const role = caseRoleOf(actor);
  if (!role) return [];
  const offered: OfferedAction[] = [];
  const snapshot = {
    type: c.type,
    state: c.state as CaseState,
    reopenedCount: c.reopened_count,
    rating: c.rating,
  };
  for (const action of Object.keys(TRANSITIONS) as CaseAction[]) {
    if (refuseAction(snapshot, action, role)) continue;
    if (refuseForActor(actor, officials, c, action)) continue;
    offered.push(action);
  }
  const open = OPEN.includes(c.state as CaseState);
  if (role === 'official') {
    if (open && maySupervise(actor, officials, c)) offered.push('supervise');
    if (openSupervisions > 0 && mayAcknowledge(actor, officials, c)) offered.push('acknowledge_supervision');
  }
  return offered;
}

const OPEN: readonly CaseState[] = ['submitted', 'accepted', 'in_progress', 'info_requested'];

// ---- the debtor body's answers (role payer) --------------------------------------------------------------------

/** A debtor body's answers to a complaint against it (cases.payer.ts). */
export type PayerAction = 'acknowledge' | 'dispute' | 'pay';
const PAYER_ACTIONS: readonly PayerAction[] = ['acknowledge', 'dispute', 'pay'];

/** States in which a complaint is before its debtor: accepted by a department and not yet ended. */
export const DEBTOR_ANSWERABLE: readonly CaseState[] = ['accepted', 'in_progress', 'info_requested'];

/** A complaint as the payer's offer needs it: its state, the debtor's position and what is owed today. */
export interface ClaimForOffer {
  state: string;
  debtor_position: string | null;
  /** Principal and interest outstanding today (yuan). */
  owed: number;
}

/**
 * Why a debtor body may not give an answer now (null: it may). The position (acknowledge, dispute) is taken while
 * the complaint is handled, a debt acknowledged once; a payment may be recorded after the written result too
 * (paying is how a complaint ends well) while anything is owed. The same check answerClaim makes, so the actions
 * offered are those accepted.
 */
export function refusePayerAction(
  c: ClaimForOffer,
  action: PayerAction,
): 'CLOSED' | 'ALREADY_ACKNOWLEDGED' | 'NOTHING_OWED' | null {
  if (action === 'pay') return c.owed > 0.005 ? null : 'NOTHING_OWED';
  if (!DEBTOR_ANSWERABLE.includes(c.state as CaseState)) return 'CLOSED';
  if (action === 'acknowledge' && c.debtor_position === 'acknowledged') return 'ALREADY_ACKNOWLEDGED';
  return null;
}

/** The answers a debtor body may give on a complaint it sees now. */
export function payerOfferedActions(c: ClaimForOffer): PayerAction[] {
  return PAYER_ACTIONS.filter((action) => refusePayerAction(c, action) === null);
}
