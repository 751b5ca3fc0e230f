/**
 * Acting on a case (issue 5): officials and the enterprise act under the state rules; each action loads the case,
 * checks who may do it, asks the pure transition (cases.rules.ts) what it does, records that in one write
 * (recordCaseChange: columns, timeline, audit) and tells those concerned. Two officials acting on one case at once:
 * the second gets a conflict (the case's `version`), nothing is lost.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { CaseActionBodySchema } from '../../../shared/api/cases.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { activePayerIds } from '../accounts/index.ts';
import { notify, notifyUsers } from '../notifications/index.ts';
import { handlersOf, handlingOffice, type OfficialRow, refuseForActor } from './cases.access.ts';
import { assertMaySee, getCase, maySee, officialsServing, titleEnOf } from './cases.reading.ts';
import {
  type CaseRow,
  type DeadlineMove,
  findCase,
  lockCase,
  pageOpenClocks,
  recordCaseChange,
  recordedPaymentsOf,
  setDeadlines,
} from './cases.repository.ts';
import {
  type CaseAction,
  type CaseActor,
  type CaseState,
  deadlineOf,
  refuseAction,
  stateText,
  transition,
} from './cases.rules.ts';

const today = todayInChina;

/** An action on a case, as the API accepts it (the schema's `version` is the case version the actor saw). */
export type CaseActionBody = Static<typeof CaseActionBodySchema>;

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
    // Load.
    const row = await lockCase(trx, id);
    if (!row) throw new AppError('NOT_FOUND');
    // Check: who may see and act, on which version, from which state.
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
    // What the action reads beyond the case.
    const target =
      body.action === 'merge' && body.mergeInto ? await findCase(trx, body.mergeInto) : undefined;
    const recorded =
      body.action === 'amend_claim' ? ((await recordedPaymentsOf(trx, [id])).get(id) ?? []) : undefined;
    // Decide.
    const result = transition(
      row,
      { ...body, note },
      {
        today: on,
        handlingOfficeIds: handlingOffice(officials, row).map((o) => o.id),
        mergeTarget: target && { id: target.id, state: target.state, visible: maySee(actor, target) },
        ...(recorded ? { recordedPayments: recorded } : {}),
      },
    );
    if (!result.ok) throw new AppError(result.code, result.errors);
    // Record.
    await recordCaseChange(trx, {
      current: row,
      changes: result.changes,
      clock: result.clock,
      event: result.event,
      actor,
      requestId: caller.requestId,
      auditSummary: { number: row.number, from: state, to: result.event.toState, ...result.event.data },
    });
    // Notify.
    await tellOfAction(trx, { actor, role, row, officials }, body, result.event.toState as CaseState);
  });
  return getCase(db, actor, id, { justActed: true });
}

/**
 * Tells those concerned of an action: the new handler, the debtor's payers on acceptance, the handler of the
 * enterprise's step, the enterprise of officials' steps.
 */
async function tellOfAction(
  trx: Transaction<Database>,
  {
    actor,
    role,
    row,
    officials,
  }: { actor: Actor; role: CaseActor; row: CaseRow; officials: readonly OfficialRow[] },
  body: CaseActionBody,
  to: CaseState,
): Promise<void> {
  const id = row.id;
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
}

/** Notifies the officials of a debtor body (payer accounts of its USCC). */
export async function notifyPayers(
  trx: Transaction<Database>,
  uscc: string,
  caseId: number,
  title: { zh: string; en: string },
) {
  const payers = await activePayerIds(trx, uscc);
  await notifyUsers(
    trx,
    payers.map((userId) => ({ userId, kind: 'case_claim' as const, caseId, title })),
  );
}

const REFRESH_PAGE = 5000;

/**
 * Brings the stored deadlines of open cases with a running clock back in line with their clocks, as the rules and
 * the holiday calendar compute them today: after the rest-day rule (《民法典》第二百零三条) came in, and whenever a
 * new year's holiday arrangement arrives in the calendar. Returns how many moved. Not an action: no event, no
 * version bump; the deadline roll-up (case_deadlines) follows in the same transaction.
 */
export async function refreshDeadlines(trx: Transaction<Database>): Promise<number> {
  let moved = 0;
  // Keyset pages of open cases with a running clock, so memory stays bounded however many are open.
  for (let after = 0; ; ) {
    const rows = await pageOpenClocks(trx, after, REFRESH_PAGE);
    const moves: DeadlineMove[] = [];
    for (const row of rows) {
      // Paused clocks store no deadline (clockColumns), so the query has left them out.
      if (!row.clock || row.deadline === null) continue;
      const deadline = deadlineOf(row.clock);
      if (deadline !== row.deadline)
        moves.push({ enterpriseId: row.enterprise_id, id: row.id, from: row.deadline, to: deadline });
    }
    moved += await setDeadlines(trx, moves);
    if (rows.length < REFRESH_PAGE) return moved;
    after = (rows.at(-1) as { id: number }).id;
  }
}
