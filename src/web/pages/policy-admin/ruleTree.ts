/**
 * Pure helpers of the rule builder: the kind of a rule node, its children, new nodes of each kind, group kind
 * changes, numeric expressions and year references, and which server problems (`rule.all[0].compare[0].fact`)
 * belong to which node. No React, no I/O.
 */
import type { CompareOp, NumExpr, SizeClass, YearRef } from '../../../server/modules/policies/index.ts';
import type { Rule } from '../../api/client.ts';

export type { CompareOp, NumExpr, SizeClass, YearRef };

import { RULE_KINDS, type RuleKind } from '../../../shared/rule-kinds.ts';

export { RULE_KINDS, type RuleKind };

/** Node kinds that hold other conditions. */
export type GroupKind = 'all' | 'any' | 'not';
/** Node kinds that test one fact. */
export type LeafKind = Exclude<RuleKind, GroupKind>;
export const LEAF_KINDS: readonly LeafKind[] = [
  'compare',
  'industry',
  'region',
  'size',
  'certified',
  'taxpayer',
  'status',
];

export const COMPARE_OPS: readonly CompareOp[] = ['<', '<=', '>', '>=', '=', '!='];
export const SIZE_CLASSES: readonly SizeClass[] = ['micro', 'small', 'medium', 'large'];
export const ENTERPRISE_STATUSES = ['active', 'suspended', 'revoked', 'cancelled'] as const;
export type StatusValue = (typeof ENTERPRISE_STATUSES)[number];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The kind of a node (the first known key, as the server reads it); null when it is none. */
export function ruleKind(rule: unknown): RuleKind | null {
  if (!isObject(rule)) return null;
  return RULE_KINDS.find((kind) => kind in rule) ?? null;
}

export function isGroupKind(kind: RuleKind | null): kind is GroupKind {
  return kind === 'all' || kind === 'any' || kind === 'not';
}

/** The conditions a group holds (a `not` holds one); none for a leaf. */
export function childrenOf(rule: Rule): Rule[] {
  if ('all' in rule) return Array.isArray(rule.all) ? rule.all : [];
  if ('any' in rule) return Array.isArray(rule.any) ? rule.any : [];
  if ('not' in rule) return rule.not ? [rule.not] : [];
  return [];
}

/** A group with other children (a `not` keeps the first). */
export function withChildren(rule: Rule, children: Rule[]): Rule {
  if ('all' in rule) return { all: children };
  if ('any' in rule) return { any: children };
  if ('not' in rule && children[0]) return { not: children[0] };
  return rule;
}

/**
 * Switches a group between 全部满足 (all), 任一满足 (any) and 不满足 (not). A `not` wraps one condition: several
 * children become `not: {all: [...]}`; back from `not`, a wrapped `all`/`any` is unwrapped when it matches.
 */
export function changeGroupKind(rule: Rule, kind: GroupKind): Rule {
  const current = ruleKind(rule);
  if (current === kind) return rule;
  if (kind === 'not') {
    const children = childrenOf(rule);
    if (children.length === 1 && children[0]) return { not: children[0] };
    return { not: { all: children } };
  }
  if (current === 'not') {
    const inner = (rule as { not: Rule }).not;
    const innerKind = ruleKind(inner);
    if (innerKind === 'all' || innerKind === 'any') {
      const list = childrenOf(inner);
      return kind === 'all' ? { all: list } : { any: list };
    }
    return kind === 'all' ? { all: [inner] } : { any: [inner] };
  }
  const list = childrenOf(rule);
  return kind === 'all' ? { all: list } : { any: list };
}

/** What a new leaf may start with (the first choices of the vocabulary, the official's region). */
export interface LeafDefaults {
  figure?: string | undefined;
  certification?: string | undefined;
  region?: string | null | undefined;
}

/** A new condition of a kind, with sensible first values. */
export function newRule(kind: RuleKind, defaults: LeafDefaults = {}): Rule {
  switch (kind) {
    case 'all':
      return { all: [] };
    case 'any':
      return { any: [] };
    case 'not':
      return { not: { all: [] } };
    case 'compare':
      return {
        compare: [{ fact: (defaults.figure ?? 'employees') as 'employees' }, '<=', 0],
      };
    case 'industry':
      return { industry: [] };
    case 'region':
      return { region: defaults.region ? [defaults.region] : [] };
    case 'size':
      return { size: ['micro', 'small'] };
    case 'certified':
      return { certified: defaults.certification ?? '' };
    case 'taxpayer':
      return { taxpayer: 'small_scale' };
    case 'status':
      return { status: ['active'] };
  }
}

/** Moves an item of a list by `delta` places (kept inside the list). */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** A list with one item replaced. */
export function replaceItem<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((current, i) => (i === index ? item : current));
}

/** A list without one item. */
export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** The path of a child as the server names it: `rule.all[2]`, `rule.not`. */
export function childPath(parentPath: string, parentKind: GroupKind, index: number): string {
  return parentKind === 'not' ? `${parentPath}.not` : `${parentPath}.${parentKind}[${index}]`;
}

/** A problem the server reported (field path without its prefix) or the editor found. */
export interface Problem {
  field: string;
  message: string;
}

/**
 * The problems that belong to the node at `path` itself (not to a condition inside it): for a group, those of
 * the node and of its list; for a leaf, everything below it (its numeric expressions are no nodes).
 */
export function ownProblems(path: string, kind: RuleKind | null, problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => {
    if (p.field === path) return true;
    if (kind === 'all' || kind === 'any') return p.field === `${path}.${kind}`;
    if (kind === 'not' || kind === null) return false;
    return p.field.startsWith(`${path}.`);
  });
}

/** Whether any problem lies at or below a node (to flag a collapsed branch). */
export function hasProblemsBelow(path: string, problems: readonly Problem[]): boolean {
  return problems.some(
    (p) => p.field === path || p.field.startsWith(`${path}.`) || p.field.startsWith(`${path}[`),
  );
}

// ---- numeric expressions -----------------------------------------------------------------------------

export type NumKind = 'number' | 'fact' | 'age' | 'param' | 'ratio';
export const NUM_KINDS: readonly NumKind[] = ['fact', 'age', 'param', 'ratio', 'number'];

/** The kind of a numeric expression. */
export function numKind(expr: unknown): NumKind {
  if (typeof expr === 'number') return 'number';
  if (isObject(expr)) {
    if ('fact' in expr) return 'fact';
    if ('age' in expr) return 'age';
    if ('param' in expr) return 'param';
    if ('ratio' in expr) return 'ratio';
  }
  return 'number';
}

/** A new numeric expression of a kind. */
export function newNum(kind: NumKind, defaults: { figure?: string; param?: string } = {}): NumExpr {
  switch (kind) {
    case 'number':
      return 0;
    case 'fact':
      return { fact: (defaults.figure ?? 'employees') as 'employees' };
    case 'age':
      return { age: 'years' };
    case 'param':
      return { param: defaults.param ?? '' };
    case 'ratio':
      return {
        ratio: [{ fact: 'rd_expense' }, { fact: 'operating_revenue' }],
        ifZero: 'unknown',
      };
  }
}

/** Units of values the builder shows next to numbers. */
export type UnitName = '万元' | 'persons' | 'years' | 'ratio' | 'none';

/** The unit of an expression, as far as the editor knows it (null: a bare number, whatever the other side is). */
export function numUnit(
  expr: unknown,
  figureUnits: Readonly<Record<string, string>>,
  parameterUnits: Readonly<Record<string, string>>,
): string | null {
  switch (numKind(expr)) {
    case 'number':
      return null;
    case 'fact':
      return figureUnits[(expr as { fact: string }).fact] ?? null;
    case 'age':
      return 'years';
    case 'param':
      return parameterUnits[(expr as { param: string }).param] ?? null;
    case 'ratio':
      return 'ratio';
  }
}

// ---- year references ---------------------------------------------------------------------------------

/** How the editor offers a year: relative to the evaluation date's year, or a named year. */
export type YearChoice = `rel:${number}` | 'named';

/** The choice a year reference shows as (none: the last full year, `rel:-1`). */
export function yearChoice(ref: YearRef | undefined): YearChoice {
  if (!ref) return 'rel:-1';
  if ('year' in ref) return 'named';
  return `rel:${ref.relative}`;
}

/** The year reference of a choice (the last full year is the default and is left out). */
export function yearRefOf(choice: YearChoice, namedYear: number): YearRef | undefined {
  if (choice === 'named') return { year: namedYear };
  const relative = Number(choice.slice(4));
  return relative === -1 ? undefined : { relative };
}

/** An object with its `year` set, or removed when undefined. */
export function withYear<T extends { year?: YearRef }>(node: T, year: YearRef | undefined): T {
  const { year: _old, ...rest } = node;
  return (year === undefined ? rest : { ...rest, year }) as T;
}
