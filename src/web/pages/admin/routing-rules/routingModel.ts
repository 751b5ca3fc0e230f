/**
 * What the routing-rules page knows of case routing: how a case finds its rule, mirrored from `route()` in
 * src/server/modules/cases/cases.service.ts so that admins can test their rules before a case arrives, region
 * prefixes ↔ region codes, and the form's values ↔ the API body.
 *
 * A case is routed by its type, its category (a demand's own; every arrears complaint as 'arrears') and its region
 * (a demand: the enterprise's; an arrears complaint: the debtor's, 属地管理). Of the active rules of that type
 * whose category is empty or the case's and whose region prefix begins the case's region code, the most specific
 * wins: the longest prefix, then a rule with a category over one without, then the higher priority. With none,
 * the SME authority handles the case.
 */
import { DEMAND_CATEGORIES } from '../../../api/client.ts';
import type { RoutingRule, RoutingRuleInput } from '../../../api/routingRules.ts';

export const CASE_TYPES = ['demand', 'arrears'] as const;
export type CaseTypeName = (typeof CASE_TYPES)[number];

/** The department that handles a case no rule routes (DEFAULT_DEPARTMENT of the cases service). */
export const DEFAULT_DEPARTMENT = 'sme';

/** The category every arrears complaint is routed by (submitArrears in the cases service). */
export const ARREARS_CATEGORY = 'arrears';

/** The categories a rule of this type can name (an empty category: all of them). */
export function categoriesOf(type: CaseTypeName): readonly string[] {
  return type === 'demand' ? DEMAND_CATEGORIES : [ARREARS_CATEGORY];
}

/** Whether a string is a region prefix the server accepts: '' (everywhere) or 2, 4 or 6 digits. */
export function isRegionPrefix(prefix: string): boolean {
  return prefix === '' || /^\d{2}(\d{2}){0,2}$/.test(prefix);
}

/**
 * The prefix covering a GB/T 2260 region and everything below it: province '320000' → '32', city '320500' →
 * '3205', county '320583' → '320583' (a county's own digits are never '00').
 */
export function regionPrefixOf(code: string): string {
  if (/^\d{2}0000$/.test(code)) return code.slice(0, 2);
  if (/^\d{4}00$/.test(code)) return code.slice(0, 4);
  return code;
}

/** The region a prefix names ('32' → '320000'); null for '' (everywhere) or a malformed prefix. */
export function regionCodeOfPrefix(prefix: string): string | null {
  if (prefix === '' || !isRegionPrefix(prefix)) return null;
  return prefix.padEnd(6, '0');
}

/** A case to route: its type, the category it is routed by and its six-digit region code. */
export interface RoutingProbe {
  caseType: CaseTypeName;
  category: string;
  regionCode: string;
}

/** Why a rule does not route a case (null: it does, among others perhaps). */
export type RuleMiss = 'type' | 'inactive' | 'category' | 'region';

/** Whether `rule` applies to the case, or the first reason it does not. */
export function missOf(rule: RoutingRule, probe: RoutingProbe): RuleMiss | null {
  if (rule.caseType !== probe.caseType) return 'type';
  if (rule.category !== null && rule.category !== probe.category) return 'category';
  if (!probe.regionCode.startsWith(rule.regionPrefix)) return 'region';
  if (!rule.isActive) return 'inactive';
  return null;
}

/** Orders rules most specific first: the longest region prefix, then with a category, then the higher priority. */
export function compareSpecificity(a: RoutingRule, b: RoutingRule): number {
  return (
    b.regionPrefix.length - a.regionPrefix.length ||
    Number(b.category !== null) - Number(a.category !== null) ||
    b.priority - a.priority
  );
}

/** Which rule routes a case, and why. */
export interface RoutingExplanation {
  /** The rule that routes the case; null: no rule applies and the SME authority handles it. */
  rule: RoutingRule | null;
  departmentCode: string;
  /** A demand's time limits set by the rule (null: the procedure's default; always null for arrears). */
  acceptWorkingDays: number | null;
  resultDays: number | null;
  /**
   * Other active rules exactly as specific as `rule`: the server picks one of them in no defined order, so the
   * outcome is ambiguous until an admin sets them apart (by priority, say).
   */
  ties: RoutingRule[];
  /** Active rules that apply too but are less specific. */
  outranked: RoutingRule[];
  /** Inactive rules that would apply if they were active. */
  inactive: RoutingRule[];
}

/** Explains which rule routes a case of `probe`'s type, category and region (the server's `route()`). */
export function explainRouting(rules: readonly RoutingRule[], probe: RoutingProbe): RoutingExplanation {
  const byId = (a: RoutingRule, b: RoutingRule) => compareSpecificity(a, b) || a.id - b.id;
  const applying = rules.filter((rule) => missOf(rule, probe) === null).sort(byId);
  const inactive = rules.filter((rule) => missOf(rule, probe) === 'inactive').sort(byId);
  const [rule = null, ...rest] = applying;
  const ties = rule ? rest.filter((other) => compareSpecificity(rule, other) === 0) : [];
  const outranked = rest.filter((other) => !ties.includes(other));
  const isDemand = probe.caseType === 'demand';
  return {
    rule,
    departmentCode: rule?.departmentCode ?? DEFAULT_DEPARTMENT,
    acceptWorkingDays: isDemand ? (rule?.acceptWorkingDays ?? null) : null,
    resultDays: isDemand ? (rule?.resultDays ?? null) : null,
    ties,
    outranked,
    inactive,
  };
}

/**
 * The ids of active rules that tie with another active rule (same type, category, region prefix and priority):
 * for the cases they share, which one routes is not defined.
 */
export function tiedRuleIds(rules: readonly RoutingRule[]): Set<number> {
  const groups = new Map<string, number[]>();
  for (const rule of rules) {
    if (!rule.isActive) continue;
    const key = JSON.stringify([rule.caseType, rule.category, rule.regionPrefix, rule.priority]);
    groups.set(key, [...(groups.get(key) ?? []), rule.id]);
  }
  return new Set([...groups.values()].filter((ids) => ids.length > 1).flat());
}

/** The rule form's values (antd leaves emptied inputs undefined or null). */
export interface RuleFormValues {
  caseType: CaseTypeName;
  category?: string | null;
  regionPrefix?: string;
  departmentCode?: string;
  acceptWorkingDays?: number | null;
  resultDays?: number | null;
  priority?: number | null;
  isActive?: boolean;
}

/** The values of a new rule's form: a demand rule for everywhere, active, priority 0. */
export const NEW_RULE_VALUES: RuleFormValues = {
  caseType: 'demand',
  category: null,
  regionPrefix: '',
  acceptWorkingDays: null,
  resultDays: null,
  priority: 0,
  isActive: true,
};

/** The form's values of an existing rule. */
export function formValuesOf(rule: RoutingRule): RuleFormValues {
  return {
    caseType: rule.caseType === 'arrears' ? 'arrears' : 'demand',
    category: rule.category,
    regionPrefix: rule.regionPrefix,
    departmentCode: rule.departmentCode,
    acceptWorkingDays: rule.acceptWorkingDays,
    resultDays: rule.resultDays,
    priority: rule.priority,
    isActive: rule.isActive,
  };
}

/**
 * The API body of the form's values. Limits are sent as entered, for arrears rules too: the server is where the
 * complaint procedure's limits are enforced, and its field error lands on the form.
 */
export function ruleBodyOf(values: RuleFormValues): RoutingRuleInput {
  return {
    caseType: values.caseType,
    category: values.category || null,
    regionPrefix: values.regionPrefix ?? '',
    departmentCode: values.departmentCode ?? '',
    acceptWorkingDays: values.acceptWorkingDays ?? null,
    resultDays: values.resultDays ?? null,
    priority: values.priority ?? 0,
    isActive: values.isActive ?? true,
  };
}

/** Whether the body would change the rule (an unchanged save is not sent). */
export function changesRule(rule: RoutingRule, body: RoutingRuleInput): boolean {
  return (Object.keys(body) as (keyof RoutingRuleInput)[]).some((key) => body[key] !== rule[key]);
}
