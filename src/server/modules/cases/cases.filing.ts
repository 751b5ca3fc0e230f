/**
 * Filing (issue 5): an enterprise submits a demand or an overdue-payment complaint; it is routed to a department
 * of a region (cases.routing.ts), starts its clock, and the handling office is told.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import { findRegion } from '../../../reference/regions.ts';
import { isValidUscc, usccRegionCode } from '../../../reference/uscc.ts';
import type { ArrearsBody, DemandBody } from '../../../shared/api/cases.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { notifyUsers } from '../notifications/index.ts';
import { assessClaim } from '../payments/index.ts';
import { findEnterpriseBasics, findEnterpriseSizeByUscc } from '../registry/index.ts';
import { handlingOffice } from './cases.access.ts';
import { arrearsTitle, getCase, officialsServing } from './cases.reading.ts';
import { insertCaseEvent, insertSubmittedCase, type NewCase } from './cases.repository.ts';
import { route } from './cases.routing.ts';
import { clockFor, debtorKindProblem, limitsFor } from './cases.rules.ts';

const today = todayInChina;

/** The filing enterprise (registry), or NOT_FOUND should its row be gone. */
async function filingEnterprise(db: Kysely<Database>, enterpriseId: number) {
  const enterprise = await findEnterpriseBasics(db, enterpriseId);
  if (!enterprise) throw new AppError('NOT_FOUND');
  return enterprise;
}

async function insertCase(
  trx: Transaction<Database>,
  actor: Actor,
  caller: Caller,
  values: Omit<NewCase, 'enterprise_id' | 'submitted_by' | 'department_code'>,
  demandLimits: { acceptWorkingDays?: number; resultDays?: number },
  departmentCode: string,
): Promise<number> {
  const on = today();
  const clock = clockFor('submitted', on, limitsFor(values.type, on, demandLimits));
  const { id, number } = await insertSubmittedCase(
    trx,
    {
      ...values,
      enterprise_id: actor.enterpriseId as number,
      submitted_by: actor.userId,
      department_code: departmentCode,
    },
    on,
    clock,
  );
  await insertCaseEvent(trx, { enterprise_id: actor.enterpriseId as number, id }, actor, {
    action: 'submit',
    fromState: null,
    toState: 'submitted',
    note: null,
    data: { number },
  });
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
export async function submitDemand(db: Kysely<Database>, caller: Caller, body: Static<typeof DemandBody>) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const id = await db.transaction().execute(async (trx) => {
    const enterprise = await filingEnterprise(trx, enterpriseId);
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
export async function submitArrears(db: Kysely<Database>, caller: Caller, body: Static<typeof ArrearsBody>) {
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
    const own = await filingEnterprise(trx, enterpriseId);
    if (own.uscc === uscc)
      throw AppError.field('debtorUscc', { zh: '不能投诉本企业', en: 'cannot be your own enterprise' });
    // A debtor the registry knows as an SME is not covered (the regulations protect SMEs from larger payers).
    const debtor = await findEnterpriseSizeByUscc(trx, uscc);
    if (debtor?.size && ['medium', 'small', 'micro'].includes(debtor.size))
      throw AppError.field('debtorUscc', {
        zh: `被投诉方在企业名录中为中小企业（${debtor.year} 年度），不属于本条例的适用范围`,
        en: `the debtor is an SME in the registry (${debtor.year}); the regulations do not cover it`,
      });
    // The code tells what kind of body the debtor is (GB 32100-2015: 1x organs and institutions, 9x enterprises).
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
