/**
 * Routing (分派): which department of which region handles a new case, by the admins' routing rules (the most
 * specific active rule; arrears by the debtor's locality, 属地管理), and the admins' editing of those rules.
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { findDepartment } from '../../../reference/departments.ts';
import type { RoutingRuleBody } from '../../../shared/api/cases.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import {
  type Db,
  findRoutingRule,
  insertRoutingRule,
  listRoutingRuleRows,
  lockRoutingRule,
  type RoutingRuleRow,
  type RoutingRuleValues,
  updateRoutingRule,
} from './cases.repository.ts';
import type { CaseType } from './cases.rules.ts';

/** The department that handles a case when no routing rule says otherwise: the SME authority. */
export const DEFAULT_DEPARTMENT = 'sme';

/** Where a new case goes: the department of the most specific active rule, and the demand limits it sets. */
export async function route(db: Db, type: CaseType, category: string, regionCode: string) {
  const rule = await findRoutingRule(db, type, category, regionCode);
  return {
    departmentCode: rule?.department_code ?? DEFAULT_DEPARTMENT,
    limits: {
      ...(rule?.accept_working_days ? { acceptWorkingDays: rule.accept_working_days } : {}),
      ...(rule?.result_days ? { resultDays: rule.result_days } : {}),
    },
  };
}

/** A routing rule as admins edit it (without the version a change carries). */
export type RoutingRuleInput = Omit<Static<typeof RoutingRuleBody>, 'version'>;

function ruleView(r: RoutingRuleRow) {
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
  return (await listRoutingRuleRows(db)).map(ruleView);
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
  input: Static<typeof RoutingRuleBody>,
) {
  const actor = requireActor(caller);
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  checkRoutingRule(input);
  const values: RoutingRuleValues = {
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
    let row: RoutingRuleRow;
    if (id === null) {
      row = await insertRoutingRule(trx, values, actor.userId);
    } else {
      const current = await lockRoutingRule(trx, id);
      if (!current) throw new AppError('NOT_FOUND');
      if (input.version !== current.version) throw new AppError('CONFLICT');
      row = await updateRoutingRule(trx, current, values);
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
