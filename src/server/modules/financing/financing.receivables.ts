/**
 * Receivables that finance (issue 15; docs/reference/financing.md "Receivables financing"): an enterprise asks its
 * debtor — a government body, a public institution or a large enterprise — to confirm a receivable (from its
 * overdue-payment complaint, or a contract it enters); the debtor's official (role payer, bound to the debtor's USCC)
 * confirms it, in full or in part, or disputes it, within the period of the 2025 payment regulation (30 days,
 * 国务院令第802号; a period ending on a rest day moves to the next working day). The daily run reminds the debtor five
 * days before and tells the enterprise and the officials once it is late; the enterprise can then raise it as a
 * complaint in the case engine, where officials handle it and supervise (督办) as any case.
 *
 * A confirmed receivable backs one demand for receivables financing; the bank sees the confirmation; when the loan
 * is disbursed the receivable is financed (never twice) and the debtor gets the pledge or transfer notice.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import { addDays } from '../../../reference/calendar.ts';
import { endOfPeriod } from '../../../reference/periods.ts';
import { validateUscc } from '../../../reference/uscc.ts';
import type {
  ConfirmReceivableBody,
  DisputeReceivableBody,
  ReceivableBody,
} from '../../../shared/api/financing.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { activeOfficialsOver, activePayerIds } from '../accounts/index.ts';
import { getCase, submitDemand } from '../cases/index.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import { notify, notifyUsers } from '../notifications/index.ts';
import { findEnterpriseNames, findEnterpriseSizeByUscc, loadEnterpriseFacts } from '../registry/index.ts';
import { audit } from './financing.audit.ts';
import { deskLink, MY_RECEIVABLES_LINK, PAYER_RECEIVABLES_LINK } from './financing.links.ts';
import {
  findReceivable,
  insertReceivable,
  liveReceivableOfCase,
  type ReceivableRow,
  receivablesLate,
  receivablesPage,
  receivablesToRemind,
  updateReceivable,
} from './financing.receivables.repository.ts';
import { compareDecimals, decimalUnits, groupedDecimal, normalDecimal } from './financing.rules.ts';
import { financingSettingsOn } from './financing.settings.ts';
import type { ReceivableState } from './financing.table.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** Days before the end of the period the debtor is reminded. */
export const REMINDER_DAYS = 5;

/** The last day of the debtor's period for a request made on a day. */
export function confirmationDue(requestedOn: string, days: number): string {
  return endOfPeriod(addDays(requestedOn, days)).endsOn;
}

function requirePayer(actor: Actor): string {
  if (actor.role !== 'payer' || !actor.organizationUscc) throw new AppError('FORBIDDEN');
  return actor.organizationUscc;
}

export function receivableView(
  row: ReceivableRow,
  today: string,
  viewer: 'enterprise' | 'payer' | 'official',
  banks: ReadonlyMap<number, string> = new Map(),
) {
  const late = row.state === 'requested' && today > row.confirm_due;
  const actions: string[] = [];
  if (viewer === 'enterprise') {
    if (row.state === 'requested' || (row.state === 'confirmed' && row.financed_demand_id === null))
      actions.push('withdraw');
    if (row.state === 'confirmed') actions.push('finance');
    if (late && row.escalated_case_id === null) actions.push('escalate');
  }
  if (viewer === 'payer' && row.state === 'requested') actions.push('confirm', 'dispute');
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    debtorUscc: row.debtor_uscc,
    debtorName: row.debtor_name,
    debtorKind: row.debtor_kind,
    contractNumber: row.contract_number,
    amount: row.amount,
    dueOn: row.due_on,
    caseId: row.case_id,
    state: row.state,
    requestedAt: row.requested_at.toISOString(),
    confirmDue: row.confirm_due,
    late,
    answeredAt: row.answered_at?.toISOString() ?? null,
    answeredLate: row.answered_at !== null && row.answered_at.toISOString().slice(0, 10) > row.confirm_due,
    confirmedAmount: row.confirmed_amount,
    disputeReason: row.dispute_reason,
    escalatedCaseId: row.escalated_case_id,
    financedDemandId: row.financed_demand_id,
    financedInstitutionId: row.financed_institution_id,
    financedInstitutionName:
      row.financed_institution_id === null ? null : (banks.get(row.financed_institution_id) ?? null),
    financedAt: row.financed_at?.toISOString() ?? null,
    noticeKind: row.notice_kind,
    actions,
    version: row.version,
  };
}
export type ReceivableView = ReturnType<typeof receivableView>;

/** The names of the banks that financed the rows, by id. */
function banksOf(db: Db, rows: readonly ReceivableRow[]): Promise<Map<number, string>> {
  return findInstitutionNames(
    db,
    rows.flatMap((r) => (r.financed_institution_id === null ? [] : [r.financed_institution_id])),
  );
}

const SME_SIZES: ReadonlySet<string> = new Set(['medium', 'small', 'micro']);

const LIVE_STATE_NAMES = {
  requested: { zh: '待债务人确认', en: 'waiting for the debtor' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  financed: { zh: '已融资', en: 'financed' },
} as const;

/** A complaint whose receivable is already asked for: which request, in which state. */
function caseTaken(live: { id: number; state: ReceivableState } | null | undefined): AppError {
  const state = live ? LIVE_STATE_NAMES[live.state as keyof typeof LIVE_STATE_NAMES] : undefined;
  return AppError.field('caseId', {
    zh:
      live && state
        ? `该投诉的应收账款已有确权请求 #${live.id}（${state.zh}）`
        : '该投诉的应收账款已有确权请求',
    en:
      live && state
        ? `this complaint's receivable already has request #${live.id} (${state.en})`
        : "this complaint's receivable already has a request",
  });
}

/** What a request names, from the enterprise's complaint or as entered; checked. */
async function requestFields(
  db: Db,
  actor: Actor,
  enterpriseId: number,
  body: Static<typeof ReceivableBody>,
) {
  if (body.caseId !== undefined) {
    const complaint = await getCase(db, actor, body.caseId);
    if (complaint.enterpriseId !== enterpriseId || !complaint.debtor || !complaint.contractNumber)
      throw AppError.field('caseId', {
        zh: '只能从本企业的拖欠账款投诉发起确权',
        en: 'only your own overdue-payment complaint can start a confirmation',
      });
    const outstanding = Math.max(0, (complaint.amount ?? 0) - complaint.repaid);
    if (outstanding <= 0)
      throw AppError.field('caseId', {
        zh: '该投诉没有未付金额',
        en: 'nothing is outstanding on this complaint',
      });
    return {
      debtorUscc: complaint.debtor.uscc,
      debtorName: complaint.debtor.name ?? '',
      debtorKind: (complaint.debtor.kind ?? body.debtorKind) as ReceivableRow['debtor_kind'] | undefined,
      contractNumber: complaint.contractNumber,
      amount: outstanding.toFixed(2),
      dueOn: body.dueOn ?? null,
      caseId: body.caseId,
    };
  }
  const missing = (['debtorUscc', 'debtorName', 'debtorKind', 'contractNumber', 'amount'] as const).filter(
    (f) => body[f] === undefined,
  );
  if (missing.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      missing.map((field) => ({
        field,
        message: { zh: '必填（或从投诉发起）', en: 'is required (or start from a complaint)' },
      })),
    );
  return {
    debtorUscc: body.debtorUscc as string,
    debtorName: (body.debtorName as string).trim(),
    debtorKind: body.debtorKind,
    contractNumber: (body.contractNumber as string).trim(),
    amount: body.amount as string,
    dueOn: body.dueOn ?? null,
    caseId: null,
  };
}

/** The enterprise asks its debtor to confirm a receivable; the debtor's officials are told; the clock starts. */
export async function requestConfirmation(
  db: Db,
  caller: Caller,
  body: Static<typeof ReceivableBody>,
  today: string,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const fields = await requestFields(db, actor, enterpriseId, body);
  const checked = validateUscc(fields.debtorUscc);
  if (!checked.ok) throw AppError.field('debtorUscc', checked.message);
  if (!fields.debtorKind)
    throw AppError.field('debtorKind', { zh: '请选择债务人类型', en: 'choose the kind of debtor' });
  const units = decimalUnits(fields.amount);
  if (units === null || units === 0n || units % 100n !== 0n)
    throw AppError.field('amount', {
      zh: '金额应大于0，最多2位小数（元）',
      en: 'an amount in yuan above 0, at most 2 decimals',
    });
  const facts = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  if (!facts?.regionCode) throw new AppError('NOT_FOUND');
  const debtor = await findEnterpriseSizeByUscc(db, checked.code);
  if (debtor?.id === enterpriseId)
    throw AppError.field('debtorUscc', {
      zh: '债务人不能是本企业',
      en: 'the debtor cannot be your own enterprise',
    });
  // The regulation's duty binds large enterprises: a debtor the registry classes as an SME is told, not accepted.
  if (fields.debtorKind === 'large_enterprise' && debtor?.size && SME_SIZES.has(debtor.size))
    throw AppError.field('debtorKind', {
      zh: `企业名录中该企业为${debtor.size === 'medium' ? '中型' : debtor.size === 'small' ? '小型' : '微型'}企业（${debtor.year}年），《保障中小企业款项支付条例》的确权义务适用于机关、事业单位和大型企业`,
      en: `the registry classes this debtor as ${debtor.size} (${debtor.year}); the regulation's duty to confirm binds government bodies, public institutions and large enterprises`,
    });
  if (fields.caseId !== null) {
    const live = await liveReceivableOfCase(db, enterpriseId, fields.caseId);
    if (live) throw caseTaken(live);
  }
  const settings = await financingSettingsOn(db, facts.regionCode, today);
  const due = confirmationDue(today, settings.confirmationDays);
  const id = await db.transaction().execute(async (trx) => {
    let id: number;
    try {
      id = await insertReceivable(trx, {
        enterprise_id: enterpriseId,
        debtor_uscc: checked.code,
        debtor_name: fields.debtorName,
        debtor_kind: fields.debtorKind as ReceivableRow['debtor_kind'],
        region_code: facts.regionCode as string,
        contract_number: fields.contractNumber,
        amount: normalDecimal(fields.amount),
        due_on: fields.dueOn,
        case_id: fields.caseId,
        requested_by: actor.userId,
        requested_on: today,
        confirm_due: due,
      });
    } catch (error) {
      // Another request from the same complaint, made at the same moment.
      if ((error as { code?: string }).code === '23505') throw caseTaken(null);
      throw error;
    }
    const name = (await findEnterpriseNames(trx, [enterpriseId])).get(enterpriseId) ?? '';
    const payers = await activePayerIds(trx, checked.code);
    await notifyUsers(
      trx,
      payers.map((userId) => ({
        userId,
        kind: 'financing' as const,
        link: PAYER_RECEIVABLES_LINK,
        title: {
          zh: `${name}请求确认应收账款${groupedDecimal(fields.amount)}元（合同${fields.contractNumber}），请于${due}前确认或提出异议`,
          en: `${name} asks you to confirm a receivable of ${groupedDecimal(fields.amount)} yuan (contract ${fields.contractNumber}) by ${due}`,
        },
      })),
    );
    await audit(trx, caller, actor, 'receivable_requested', enterpriseId, {
      receivableId: id,
      debtorUscc: checked.code,
      amount: normalDecimal(fields.amount),
      confirmDue: due,
      caseId: fields.caseId,
    });
    return id;
  });
  return myReceivable(db, caller, id, today);
}

export async function myReceivables(
  db: Db,
  caller: Caller,
  query: { page?: number; pageSize?: number; state?: ReceivableState },
  today: string,
) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await receivablesPage(db, { enterpriseId, state: query.state }, page, pageSize);
  const banks = await banksOf(db, rows);
  return { items: rows.map((r) => receivableView(r, today, 'enterprise', banks)), total, page, pageSize };
}

export async function myReceivable(db: Db, caller: Caller, id: number, today: string) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  const row = await findReceivable(db, enterpriseId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return receivableView(row, today, 'enterprise', await banksOf(db, [row]));
}

/** The enterprise withdraws a request, or a confirmed receivable it no longer wants to finance. */
export async function withdrawReceivable(db: Db, caller: Caller, id: number, version: number, today: string) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  await db.transaction().execute(async (trx) => {
    const row = await findReceivable(trx, enterpriseId, id, true);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.version !== version) throw new AppError('CONFLICT');
    if (!receivableView(row, today, 'enterprise').actions.includes('withdraw'))
      throw new AppError('CONFLICT', [], {
        zh: '已融资、已撤回或有异议的应收账款不能撤回',
        en: 'A financed, withdrawn or disputed receivable cannot be withdrawn',
      });
    const live = await trx
      .selectFrom('financing_demands')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('receivable_id', '=', id)
      .where('state', 'in', ['open', 'in_progress', 'granted'])
      .executeTakeFirst();
    if (live)
      throw new AppError('CONFLICT', [], {
        zh: `该应收账款正用于融资需求 #${live.id}，请先撤回该需求`,
        en: `This receivable backs financing demand #${live.id}; withdraw the demand first`,
      });
    await updateReceivable(trx, enterpriseId, id, { state: 'withdrawn' });
    await audit(trx, caller, actor, 'receivable_withdrawn', enterpriseId, { receivableId: id });
  });
  return myReceivable(db, caller, id, today);
}

/**
 * Late: the enterprise raises the unanswered request as a complaint in the case engine (category financing), where
 * officials handle it and supervise (督办) it as any case. Once per request.
 */
export async function escalateReceivable(db: Db, caller: Caller, id: number, version: number, today: string) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const row = await findReceivable(db, enterpriseId, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.version !== version) throw new AppError('CONFLICT');
  if (!receivableView(row, today, 'enterprise').actions.includes('escalate'))
    throw new AppError('CONFLICT', [], {
      zh: '只有超过确权期限仍未答复的请求可以提请督办',
      en: 'Only a request unanswered past its period can be raised',
    });
  const filed = await submitDemand(db, caller, {
    kind: 'complaint',
    category: 'financing',
    title: `应收账款确权逾期：${row.debtor_name}`.slice(0, 100),
    description:
      `本企业于${row.requested_on}通过平台请求${row.debtor_name}（${row.debtor_uscc}）确认合同${row.contract_number}项下应收账款${row.amount}元，` +
      `依《保障中小企业款项支付条例》（国务院令第802号）债务人应于${row.confirm_due}前确认，至今未予答复，请予督办。（确权请求 #${row.id}）`,
  });
  await db.transaction().execute(async (trx) => {
    const locked = await findReceivable(trx, enterpriseId, id, true);
    if (!locked || locked.escalated_case_id !== null) return;
    await updateReceivable(trx, enterpriseId, id, { escalated_case_id: filed.id });
    await audit(trx, caller, actor, 'receivable_escalated', enterpriseId, {
      receivableId: id,
      caseId: filed.id,
    });
  });
  return myReceivable(db, caller, id, today);
}

// ---- the debtor ----

export async function payerReceivables(
  db: Db,
  caller: Caller,
  query: { page?: number; pageSize?: number; state?: ReceivableState },
  today: string,
) {
  const uscc = requirePayer(requireActor(caller));
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await receivablesPage(db, { debtorUscc: uscc, state: query.state }, page, pageSize);
  const names = await findEnterpriseNames(
    db,
    rows.map((r) => r.enterprise_id),
  );
  const banks = await banksOf(db, rows);
  return {
    items: rows.map((r) => ({
      ...receivableView(r, today, 'payer', banks),
      creditorName: names.get(r.enterprise_id) ?? '',
    })),
    total,
    page,
    pageSize,
  };
}

/** The debtor's answer: confirm (in full, or a part) or dispute with reasons. Only the debtor's own officials. */
export async function answerReceivable(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  id: number,
  answer:
    | ({ kind: 'confirm' } & Static<typeof ConfirmReceivableBody>)
    | ({ kind: 'dispute' } & Static<typeof DisputeReceivableBody>),
  today: string,
) {
  const actor = requireActor(caller);
  const uscc = requirePayer(actor);
  await db.transaction().execute(async (trx) => {
    const row = await findReceivable(trx, enterpriseId, id, true);
    // Another body's receivable is "not found": a debtor learns nothing of others'.
    if (!row || row.debtor_uscc !== uscc) throw new AppError('NOT_FOUND');
    if (row.version !== answer.version) throw new AppError('CONFLICT');
    if (row.state !== 'requested')
      throw new AppError('CONFLICT', [], {
        zh: '该请求已答复或已撤回',
        en: 'This request was answered or withdrawn',
      });
    const now = new Date();
    let title: { zh: string; en: string };
    if (answer.kind === 'confirm') {
      const amount = answer.amount === undefined ? row.amount : normalDecimal(answer.amount);
      const units = decimalUnits(amount);
      if (units === null || units === 0n || units % 100n !== 0n)
        throw AppError.field('amount', {
          zh: '金额应大于0，最多2位小数（元）',
          en: 'an amount in yuan above 0, at most 2 decimals',
        });
      if (compareDecimals(amount, row.amount) > 0)
        throw AppError.field('amount', {
          zh: `确认金额超过企业请求的${groupedDecimal(row.amount)}元`,
          en: `more than the ${groupedDecimal(row.amount)} yuan asked`,
        });
      await updateReceivable(trx, enterpriseId, id, {
        state: 'confirmed',
        confirmed_amount: amount,
        answered_by: actor.userId,
        answered_at: now,
      });
      title = {
        zh: `${row.debtor_name}已确认应收账款${groupedDecimal(amount)}元（合同${row.contract_number}），可用于应收账款融资`,
        en: `${row.debtor_name} confirmed ${groupedDecimal(amount)} yuan (contract ${row.contract_number}); it can back receivables financing`,
      };
    } else {
      await updateReceivable(trx, enterpriseId, id, {
        state: 'disputed',
        dispute_reason: answer.reason.trim(),
        answered_by: actor.userId,
        answered_at: now,
      });
      title = {
        zh: `${row.debtor_name}对应收账款（合同${row.contract_number}）提出异议：${answer.reason.trim()}`,
        en: `${row.debtor_name} disputes the receivable (contract ${row.contract_number}): ${answer.reason.trim()}`,
      };
    }
    await notify(trx, [{ enterpriseId, kind: 'financing', link: MY_RECEIVABLES_LINK, title }]);
    await audit(
      trx,
      caller,
      actor,
      answer.kind === 'confirm' ? 'receivable_confirmed' : 'receivable_disputed',
      enterpriseId,
      {
        receivableId: id,
        late: today > row.confirm_due,
        ...(answer.kind === 'confirm' ? { amount: answer.amount ?? row.amount } : { reason: answer.reason }),
      },
    );
  });
  const row = (await findReceivable(db, enterpriseId, id)) as ReceivableRow;
  return {
    ...receivableView(row, today, 'payer', await banksOf(db, [row])),
    creditorName: (await findEnterpriseNames(db, [enterpriseId])).get(enterpriseId) ?? '',
  };
}

// ---- financing ----

/** A receivable attached to a new demand: the enterprise's own, confirmed, backing no other live demand. */
export async function lockReceivableForDemand(
  trx: Trx,
  enterpriseId: number,
  id: number,
): Promise<ReceivableRow> {
  const row = await findReceivable(trx, enterpriseId, id, true);
  if (!row) throw AppError.field('receivableId', { zh: '没有这笔应收账款', en: 'no such receivable' });
  if (row.state !== 'confirmed')
    throw AppError.field('receivableId', {
      zh: row.state === 'financed' ? '该应收账款已经融资' : '只有债务人已确认的应收账款可以用于融资',
      en:
        row.state === 'financed'
          ? 'this receivable is already financed'
          : 'only a receivable its debtor confirmed can back financing',
    });
  return row;
}

/**
 * The loan backed by the receivable is disbursed: the receivable is financed (once: a second financing is refused)
 * and the debtor's officials get the pledge or transfer notice, in the disbursement's transaction.
 */
export async function financeReceivable(
  trx: Trx,
  enterpriseId: number,
  receivableId: number,
  demandId: number,
  institution: { id: number; name: string },
  noticeKind: 'pledge' | 'transfer',
): Promise<void> {
  const row = await findReceivable(trx, enterpriseId, receivableId, true);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.state !== 'confirmed')
    throw new AppError('CONFLICT', [], {
      zh: row.state === 'financed' ? '该应收账款已经融资，不能重复融资' : '该应收账款未经确认，不能融资',
      en:
        row.state === 'financed' ? 'This receivable is already financed' : 'This receivable is not confirmed',
    });
  await updateReceivable(trx, enterpriseId, receivableId, {
    state: 'financed',
    financed_demand_id: demandId,
    financed_institution_id: institution.id,
    financed_at: new Date(),
    notice_kind: noticeKind,
  });
  const creditor = (await findEnterpriseNames(trx, [enterpriseId])).get(enterpriseId) ?? '';
  const payers = await activePayerIds(trx, row.debtor_uscc);
  const what = noticeKind === 'pledge' ? { zh: '质押', en: 'pledged' } : { zh: '转让', en: 'transferred' };
  await notifyUsers(
    trx,
    payers.map((userId) => ({
      userId,
      kind: 'financing' as const,
      link: PAYER_RECEIVABLES_LINK,
      title: {
        zh: `应收账款${what.zh}通知：${creditor}已将对贵单位合同${row.contract_number}项下应收账款${groupedDecimal(row.confirmed_amount ?? row.amount)}元${what.zh}给${institution.name}，请按该行通知付款`,
        en: `Notice: ${creditor} has ${what.en} its receivable of ${groupedDecimal(row.confirmed_amount ?? row.amount)} yuan from you (contract ${row.contract_number}) to ${institution.name}; pay as the bank instructs`,
      },
    })),
  );
}

// ---- the daily run ----

const BATCH = 500;

/** Reminds debtors five days before their period ends, and tells the enterprise and officials once it is late. */
export async function remindReceivables(db: Db, today: string): Promise<{ reminded: number; late: number }> {
  let reminded = 0;
  let late = 0;
  for (const row of await receivablesToRemind(db, addDays(today, REMINDER_DAYS), BATCH)) {
    await db.transaction().execute(async (trx) => {
      const payers = await activePayerIds(trx, row.debtor_uscc);
      await notifyUsers(
        trx,
        payers.map((userId) => ({
          userId,
          kind: 'financing' as const,
          link: PAYER_RECEIVABLES_LINK,
          title: {
            zh: `提醒：请于${row.confirm_due}前确认或对应收账款${groupedDecimal(row.amount)}元（合同${row.contract_number}）提出异议`,
            en: `Reminder: confirm or dispute the receivable of ${groupedDecimal(row.amount)} yuan (contract ${row.contract_number}) by ${row.confirm_due}`,
          },
        })),
      );
      await updateReceivable(trx, row.enterprise_id, row.id, { reminded_on: today });
    });
    reminded += 1;
  }
  for (const row of await receivablesLate(db, today, BATCH)) {
    await db.transaction().execute(async (trx) => {
      await notify(trx, [
        {
          enterpriseId: row.enterprise_id,
          kind: 'financing',
          link: MY_RECEIVABLES_LINK,
          title: {
            zh: `${row.debtor_name}未在${row.confirm_due}前确认应收账款，您可以提请督办`,
            en: `${row.debtor_name} did not confirm the receivable by ${row.confirm_due}; you may raise it with the bureau`,
          },
        },
      ]);
      const officials = await activeOfficialsOver(trx, row.region_code);
      await notifyUsers(
        trx,
        officials.map((userId) => ({
          userId,
          kind: 'financing' as const,
          link: deskLink('unconfirmed'),
          title: {
            zh: `应收账款确权逾期：${row.debtor_name}未在${row.confirm_due}前答复（请求 #${row.id}）`,
            en: `Receivable confirmation overdue: ${row.debtor_name} did not answer by ${row.confirm_due} (request #${row.id})`,
          },
        })),
      );
      await updateReceivable(trx, row.enterprise_id, row.id, { late_notified_on: today });
    });
    late += 1;
  }
  return { reminded, late };
}
