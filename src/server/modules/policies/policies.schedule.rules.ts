/**
 * When matching's answers can change with the date alone (issue 21), found ahead from the policies' definitions
 * rather than by rescanning the registry: a version coming into force or expiring, a parameter's new value, a new
 * year (a relative year — "last year's revenue" — reads another year's figures), an enterprise's anniversary (its
 * age grows by one) and a certification starting or lapsing. Pure: the due run (policies.schedule.ts) asks these
 * and the registry for the enterprises concerned.
 */
import { addDays, dayNumber } from '../../../reference/calendar.ts';
import type { NumExpr, Parameter, Rule, YearRef } from './eligibility.rules.ts';

/** What of the date a rule reads besides its policy's own dates. */
export interface DateReads {
  /** An enterprise's age (changes on its anniversaries). */
  age: boolean;
  /** A relative year of figures, size class or taxpayer type (changes on 1 January). */
  yearly: boolean;
  /** Whether a certification is valid on the date (changes on its first and after its last day). */
  certified: boolean;
}

const relative = (year: YearRef | undefined) => year === undefined || 'relative' in year;

function readsOfExpr(expr: NumExpr, reads: DateReads): void {
  if (typeof expr === 'number') return;
  if ('age' in expr) reads.age = true;
  else if ('fact' in expr) reads.yearly ||= relative(expr.year);
  else if ('ratio' in expr) {
    readsOfExpr(expr.ratio[0], reads);
    readsOfExpr(expr.ratio[1], reads);
  }
}

function readsOfRule(rule: Rule, reads: DateReads): void {
  if ('all' in rule) for (const child of rule.all) readsOfRule(child, reads);
  else if ('any' in rule) for (const child of rule.any) readsOfRule(child, reads);
  else if ('not' in rule) readsOfRule(rule.not, reads);
  else if ('compare' in rule) {
    readsOfExpr(rule.compare[0], reads);
    readsOfExpr(rule.compare[2], reads);
  } else if ('size' in rule || 'taxpayer' in rule) reads.yearly ||= relative(rule.year);
  else if ('certified' in rule) reads.certified = true;
}

/** What of the date a rule reads. */
export function dateReads(rule: Rule): DateReads {
  const reads: DateReads = { age: false, yearly: false, certified: false };
  readsOfRule(rule, reads);
  return reads;
}

/** Whether a day is in the window (after, through]. */
const within = (day: string, after: string, through: string) => day > after && day <= through;

/**
 * Whether a policy version's answers may change for every enterprise at once on a day of (after, through]: it
 * comes into force or expires (the day after its last), a parameter takes a new value, or a new year begins and
 * its rule reads a relative year.
 */
export function policyChangesBetween(
  version: {
    effective_from: string;
    expires_on: string | null;
    definition: { rule: Rule; parameters?: Record<string, Parameter> };
  },
  after: string,
  through: string,
): boolean {
  if (within(version.effective_from, after, through)) return true;
  if (version.expires_on !== null && within(addDays(version.expires_on, 1), after, through)) return true;
  for (const parameter of Object.values(version.definition.parameters ?? {}))
    if (parameter.values.some((v) => within(v.from, after, through))) return true;
  return dateReads(version.definition.rule).yearly && after.slice(0, 4) < through.slice(0, 4);
}

/**
 * The month-days (`month * 100 + day`) on which an enterprise's age grows by one, for the days of (after,
 * through]; null when the window is a year or more (every enterprise). An enterprise born on 29 February turns a
 * year older on 1 March in a common year — as the age is computed (eligibility.sql.ts) — so a 1 March of a common
 * year brings 229 too.
 */
export function anniversariesBetween(after: string, through: string): number[] | null {
  if (dayNumber(through) - dayNumber(after) >= 365) return null;
  const days = new Set<number>();
  for (let day = addDays(after, 1); day <= through; day = addDays(day, 1)) {
    const month = Number(day.slice(5, 7));
    const date = Number(day.slice(8, 10));
    days.add(month * 100 + date);
    const year = Number(day.slice(0, 4));
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (month === 3 && date === 1 && !leap) days.add(229);
  }
  return [...days].sort((a, b) => a - b);
}
