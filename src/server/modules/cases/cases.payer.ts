/**
 * The debtor's side of overdue-payment complaints (issue 5): an official of a debtor body (role `payer`, bound to
 * the body's USCC) sees the complaints against it once a department has accepted them, and answers — acknowledges
 * the debt, disputes it with reasons, or records a payment (partial payments too; `cases.repaid` grows and the
 * interest stops running on what is paid). The complainant's identity is confidential towards the respondent
 * (投诉处理办法): the payer sees the contract, the amounts and the state, never the complainant's name, description,
 * attachments or officials' notes.
 */
import type { Kysely, Updateable } from 'kysely';
import { isRealDate } from '../../../reference/calendar.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { findOrganizationName } from '../accounts/index.ts';
import { notify, notifyUsers } from '../notifications/index.ts';
import type { ClaimInput } from '../payments/index.ts';
import { DEBTOR_ANSWERABLE, payerOfferedActions, refusePayerAction } from './cases.access.ts';
import { casePayments } from './cases.reading.ts';
import {
  type CaseRow,
  debtorSums,
  findCase,
  insertCasePayment,
  listCaseEventsOf,
  lockCase,
  pageDebtorCases,
  recordCaseChange,
  recordedPaymentsOf,
} from './cases.repository.ts';
import { assessCase, type CaseState, stateText } from './cases.rules.ts';
import type { CasesTable } from './cases.table.ts';

/** States in which a complaint is before its debtor: accepted by a department and not yet ended. */
const ANSWERABLE = DEBTOR_ANSWERABLE;
/** States a payer sees: from acceptance on (a complaint still being reviewed, or returned, is not theirs). */
const VISIBLE: readonly CaseState[] = [...ANSWERABLE, 'replied', 'closed'];

function requirePayer(actor: Actor): string {
  if (actor.role !== 'payer' || !actor.organizationUscc) throw new AppError('FORBIDDEN');
  return actor.organizationUscc;
}

/** Timeline actions a payer sees (without officials' notes): the steps of the procedure and its own answers. */
const PAYER_EVENTS = new Set([
  'accept',
  'transfer',
  'reply',
  'close',
  'reopen',
  'debtor_acknowledge',
  'debtor_dispute',
  'debtor_pay',
]);

function payerView(row: CaseRow, date: string, payments: readonly { paidOn: string; amount: number }[]) {
  const claim = row.claim as ClaimInput;
  const assessed = assessCase(row, payments, date);
  const owed = owedOf(row, assessed);
  return {
    id: row.id,
    number: row.number,
    state: row.state as CaseState,
    stateText: stateText(row.state as CaseState),
    contractNumber: row.contract_number ?? '',
    signedOn: claim.signedOn,
    amount: Number(row.amount),
    repaid: Number(row.repaid),
    debtorPosition: row.debtor_position,
    debtorAnsweredOn: row.debtor_answered_on,
    receivedOn: row.received_on,
    acceptedOn: row.accepted_on,
    closedOn: row.closed_on,
    assessment: assessed?.ok ? assessed.assessment : null,
    // Confidential unless the complainant agreed to be named.
    complainant: row.confidential ? null : { enterpriseId: row.enterprise_id },
    // What the server accepts from the payer now (cases.access.ts), so the page offers only those.
    allowedActions: payerOfferedActions({ state: row.state, debtor_position: row.debtor_position, owed }),
    version: row.version,
  };
}

/** Principal and interest outstanding by the assessment, or without one the amount less what was paid. */
function owedOf(row: CaseRow, assessed: ReturnType<typeof assessCase>): number {
  return assessed?.ok ? assessed.assessment.totalOutstanding : Number(row.amount) - Number(row.repaid);
}

/** The complaints against the payer's organisation, newest first. */
export async function listClaims(
  db: Kysely<Database>,
  actor: Actor,
  query: { open?: boolean; q?: string; page?: number; pageSize?: number },
) {
  const uscc = requirePayer(actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const [{ rows, total }, sums] = await Promise.all([
    pageDebtorCases(db, uscc, {
      states: query.open ? ANSWERABLE : VISIBLE,
      q: query.q?.trim() || undefined,
      page,
      pageSize,
    }),
    debtorSums(db, uscc, ANSWERABLE),
  ]);
  const date = todayInChina();
  const recorded = await recordedPaymentsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => payerView(r, date, recorded.get(r.id) ?? [])),
    total,
    page,
    pageSize,
    open: sums.open,
    outstanding: Number(sums.outstanding),
  };
}

async function claimRow(db: Kysely<Database>, uscc: string, id: number) {
  const row = await findCase(db, id);
  if (!row || row.debtor_uscc !== uscc || !VISIBLE.includes(row.state as CaseState))
    throw new AppError('NOT_FOUND');
  return row;
}

/** One complaint against the payer's organisation, as the payer may see it. */
export async function getClaim(db: Kysely<Database>, actor: Actor, id: number) {
  const uscc = requirePayer(actor);
  const row = await claimRow(db, uscc, id);
  const [payments, events] = await Promise.all([
    casePayments(db, id),
    listCaseEventsOf(db, id, [...PAYER_EVENTS]),
  ]);
  return {
    ...payerView(row, todayInChina(), payments),
    payments,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      toState: e.to_state,
      // Only the payer's own notes: officials' notes may name the complainant.
      note: e.actor_role === 'payer' ? e.note : null,
    })),
  };
}

/** A payer's answer to a complaint. */
export interface ClaimAnswer {
  action: 'acknowledge' | 'dispute' | 'pay';
  version: number;
  note?: string;
  amount?: number;
  paidOn?: string;
}

/** Records a payer's answer (audited; the complainant and the handler are told). */
export async function answerClaim(db: Kysely<Database>, caller: Caller, id: number, body: ClaimAnswer) {
  const actor = requireActor(caller);
  const uscc = requirePayer(actor);
  const note = body.note?.trim() || null;
  if (body.action === 'dispute' && !note)
    throw AppError.field('note', { zh: '请说明有异议的理由', en: 'give the reasons of the dispute' });
  const on = todayInChina();
  await db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id);
    if (!row || row.debtor_uscc !== uscc || !VISIBLE.includes(row.state as CaseState))
      throw new AppError('NOT_FOUND');
    if (row.version !== body.version)
      throw new AppError('CONFLICT', [], {
        zh: '该投诉已有新的进展，请刷新后查看',
        en: 'The complaint has moved on; reload to see where it is now',
      });
    // The answers offered are those accepted (refusePayerAction): a payment may be recorded after the written
    // result too while anything is owed; the position is taken while the complaint is handled.
    const recorded = await casePayments(trx, id);
    const refusal = refusePayerAction(
      {
        state: row.state,
        debtor_position: row.debtor_position,
        owed: owedOf(row, assessCase(row, recorded, on)),
      },
      body.action,
    );
    if (refusal === 'NOTHING_OWED')
      throw AppError.field('amount', { zh: '该投诉已无欠款', en: 'nothing is owed on this complaint' });
    if (refusal === 'ALREADY_ACKNOWLEDGED')
      throw new AppError(
        'CONFLICT',
        [{ field: 'action', message: { zh: '已确认欠款', en: 'already acknowledged' } }],
        {
          zh: '已确认过该欠款，无需再次确认',
          en: 'The debt is already acknowledged',
        },
      );
    if (refusal === 'CLOSED')
      throw new AppError(
        'CONFLICT',
        [{ field: 'action', message: { zh: '该投诉已办结', en: 'the complaint is closed' } }],
        {
          zh: '该投诉已办结，不能再答复',
          en: 'The complaint is closed and can no longer be answered',
        },
      );
    const changes: Updateable<CasesTable> = {};
    const data: Record<string, unknown> = {};
    let amountText = '';
    if (body.action === 'pay') {
      const amount = body.amount ?? 0;
      const paidOn = body.paidOn ?? '';
      if (!(amount > 0) || Number(amount.toFixed(2)) !== amount)
        throw AppError.field('amount', {
          zh: '请填写大于 0 的金额（精确到分）',
          en: 'give an amount above 0, in cents at most',
        });
      if (!isRealDate(paidOn))
        throw AppError.field('paidOn', { zh: '不是有效日期', en: 'is not a valid date' });
      if (paidOn > on) throw AppError.field('paidOn', { zh: '不能晚于今天', en: 'cannot be in the future' });
      const claim = row.claim as ClaimInput;
      if (paidOn < claim.signedOn)
        throw AppError.field('paidOn', {
          zh: '不能早于合同签订日期',
          en: 'cannot be before the contract was signed',
        });
      // Paid on `paidOn`: at most what was owed that day (principal and the interest run by then), and it must
      // leave the claim consistent with the payments after it.
      const before = recorded.filter((p) => p.paidOn <= paidOn);
      const onThatDay = assessCase(row, before, paidOn);
      const owed = onThatDay?.ok
        ? onThatDay.assessment.totalOutstanding
        : Number(row.amount) - Number(row.repaid);
      const after = assessCase(row, [...recorded, { paidOn, amount }], on);
      if (amount > owed + 0.005 || !after?.ok)
        throw AppError.field('amount', {
          zh: `超过 ${paidOn} 尚欠的金额（本金及利息共 ${owed.toFixed(2)} 元）`,
          en: `exceeds what was owed on ${paidOn} (principal and interest: CNY ${owed.toFixed(2)})`,
        });
      changes.principal_repaid = (after.assessment.paid - after.assessment.interestPaid).toFixed(2);
      changes.principal_outstanding = after.assessment.principalOutstanding.toFixed(2);
      await insertCasePayment(trx, row, { paidOn, amount, note, recordedBy: actor.userId });
      changes.repaid = (Number(row.repaid) + amount).toFixed(2);
      data.amount = amount;
      data.paidOn = paidOn;
      amountText = amount.toFixed(2);
    } else {
      changes.debtor_position = body.action === 'acknowledge' ? 'acknowledged' : 'disputed';
      changes.debtor_answered_on = on;
    }
    await recordCaseChange(trx, {
      current: row,
      changes,
      event: { action: `debtor_${body.action}`, fromState: row.state, toState: row.state, note, data },
      actor,
      requestId: caller.requestId,
      auditSummary: { number: row.number, organization: uscc, ...data },
    });
    const what =
      body.action === 'pay'
        ? {
            zh: `被投诉方登记付款 ${amountText} 元`,
            en: `the debtor recorded a payment of CNY ${amountText}`,
          }
        : body.action === 'acknowledge'
          ? { zh: '被投诉方确认欠款', en: 'the debtor acknowledged the debt' }
          : { zh: '被投诉方提出异议', en: 'the debtor disputes the claim' };
    await notify(trx, [
      {
        enterpriseId: row.enterprise_id,
        kind: 'case_update',
        caseId: id,
        title: {
          zh: `您的欠款投诉 ${row.number}：${what.zh}`,
          en: `Your arrears complaint ${row.number}: ${what.en}`,
        },
      },
    ]);
    if (row.assignee_id)
      await notifyUsers(trx, [
        {
          userId: row.assignee_id,
          kind: 'case_update',
          caseId: id,
          title: { zh: `案件 ${row.number}：${what.zh}`, en: `Case ${row.number}: ${what.en}` },
        },
      ]);
  });
  return getClaim(db, actor, id);
}

/** A payer's home: its organisation, the complaints awaiting an answer and the amount outstanding. */
export async function payerSummary(db: Kysely<Database>, actor: Actor) {
  const uscc = requirePayer(actor);
  const [name, sums] = await Promise.all([
    findOrganizationName(db, actor.userId),
    debtorSums(db, uscc, ANSWERABLE),
  ]);
  return {
    uscc,
    name: name ?? uscc,
    openClaims: sums.open,
    unanswered: sums.unanswered,
    outstanding: Number(sums.outstanding),
  };
}
