/**
 * What the supervision pages compute without React: the dashboard's filters read from the URL, which region rows
 * open a level down, the case-queue link of a region's overdue cases, rates and amounts formatted for display,
 * the region breadcrumb, and the years a disclosure can be asked for.
 */

import { todayInChina } from '../../../shared/today.ts';
import type { RegionView } from '../../api/client.ts';
import { buildUrl } from '../../api/client.ts';
import type {
  DashboardExportLang,
  DashboardFilters,
  DashboardRegionRow,
  DisclosureStatusItem,
} from '../../api/supervision.ts';
import type { Locale, MessageKey } from '../../i18n/core.ts';
import type { TFunction } from '../../i18n/I18nProvider.tsx';
import { formatDecimal, formatPercent } from '../../lib/format.ts';

/** Case types the dashboard can be limited to. */
export const DASHBOARD_CASE_TYPES = ['demand', 'arrears'] as const;
export type DashboardCaseType = (typeof DASHBOARD_CASE_TYPES)[number];

/** Names of the kinds of debtor of an overdue-payment complaint ('' in the roll-up: none recorded). */
const DEBTOR_KIND_LABELS: Readonly<Record<string, MessageKey>> = {
  government: 'supervision.debtorKind.government',
  public_institution: 'supervision.debtorKind.public_institution',
  large_enterprise: 'supervision.debtorKind.large_enterprise',
  '': 'supervision.debtorKind.none',
};

/** The name of a kind of debtor in the page's language (an unknown kind as it is). */
export function debtorKindName(t: TFunction, kind: string): string {
  const key = DEBTOR_KIND_LABELS[kind];
  return key ? t(key) : kind;
}

/** The first year a disclosure can be asked for (the server refuses earlier ones). */
export const FIRST_DISCLOSURE_YEAR = 2020;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const REGION = /^\d{6}$/;

/** The dashboard's filters from the page's URL; malformed values are left out. */
export function filtersFromParams(params: URLSearchParams): DashboardFilters {
  const region = params.get('region');
  const from = params.get('from');
  const to = params.get('to');
  const type = params.get('type');
  const department = params.get('department');
  const filters: DashboardFilters = {};
  if (region && REGION.test(region)) filters.region = region;
  if (from && MONTH.test(from)) filters.from = from;
  if (to && MONTH.test(to)) filters.to = to;
  if (type && (DASHBOARD_CASE_TYPES as readonly string[]).includes(type))
    filters.type = type as DashboardCaseType;
  if (department && department.length <= 40) filters.department = department;
  return filters;
}

/** The month after 'YYYY-MM'. */
function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const number = Number(month.slice(5, 7));
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/**
 * Monthly rows with the months in between that had no case added (received 0, no rate), so a trend's axis runs
 * month by month; the roll-up only has months with cases.
 */
export function fillMonths<T extends { month: string }>(
  rows: readonly T[],
  empty: (month: string) => T,
): T[] {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last || !MONTH.test(first.month) || !MONTH.test(last.month)) return [...rows];
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const filled: T[] = [];
  for (let month = first.month; month <= last.month && filled.length < 1200; month = nextMonth(month))
    filled.push(byMonth.get(month) ?? empty(month));
  return filled;
}

/**
 * Whether a row of the by-region table opens a level down: a province or city (code ending in 00) other than the
 * region shown. A county is the lowest level; at a county the only row is the county itself.
 */
export function isDrillable(row: Pick<DashboardRegionRow, 'regionCode'>, shown: string | null): boolean {
  return row.regionCode !== shown && /^\d{4}00$/.test(row.regionCode);
}

/** The dashboard's filters a figure counts under, which its link to the queue keeps. */
export type CaseLinkFilters = Pick<DashboardFilters, 'type' | 'from' | 'to' | 'department'>;

/** The queue's parameters for the dashboard's filters: the case type, the months received, the department. */
function queueFilters(filters: CaseLinkFilters) {
  return { type: filters.type, from: filters.from, to: filters.to, department: filters.department };
}

/**
 * The case queue (/app/cases) showing the open cases past their deadline in a region, under the dashboard's
 * filters (case type, months received, department), so that it lists the cases the figure counts; the queue reads
 * them from its URL.
 */
export function overdueCasesLink(region: string | null | undefined, filters: CaseLinkFilters = {}): string {
  return buildUrl('/app/cases', { overdue: 'true', region: region ?? undefined, ...queueFilters(filters) });
}

/** The case queue showing the open cases of a region under the dashboard's filters (as 在办 counts them). */
export function openCasesLink(region: string | null | undefined, filters: CaseLinkFilters = {}): string {
  return buildUrl('/app/cases', { open: 'true', region: region ?? undefined, ...queueFilters(filters) });
}

/** A rate of 0..1 as a percentage with one decimal, '—' when there was nothing to divide. */
export function formatRate(rate: number | null | undefined, locale: Locale): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return formatPercent(rate, 1, locale);
}

/** An average number of days with one decimal, '—' when nothing was replied. */
export function formatDays(days: number | null | undefined, locale: Locale): string {
  return formatDecimal(days, locale, 1);
}

/** An amount in yuan with grouping and two decimals at most. */
export function formatYuan(amount: number, locale: Locale): string {
  return formatDecimal(amount, locale, 2);
}

/** A rate of 0..1 as a chart value in percent (one decimal), null where there is none. */
export function percentValue(rate: number | null | undefined): number | null {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return null;
  return Math.round(rate * 1000) / 10;
}

/** The language of exported files for the page's language. */
export function exportLang(locale: Locale): DashboardExportLang {
  return locale === 'en' ? 'en' : 'zh';
}

/** One step of the region breadcrumb. */
export interface RegionCrumb {
  code: string;
  name: string;
}

/**
 * The regions from `root` (the official's own region; null for an admin: the provinces' level) down to `code`,
 * following each region's parent. Stops at the root or at a province.
 */
export async function regionTrail(
  code: string,
  root: string | null,
  fetchRegion: (code: string) => Promise<Pick<RegionView, 'code' | 'name' | 'parentCode'>>,
): Promise<RegionCrumb[]> {
  const trail: RegionCrumb[] = [];
  let current: string | null = code;
  for (let depth = 0; current && depth < 4; depth++) {
    const region = await fetchRegion(current);
    trail.unshift({ code: region.code, name: region.name });
    if (region.code === root) break;
    current = region.parentCode;
  }
  return trail;
}

/** The years whose disclosure can be asked for on `today` ('YYYY-MM-DD'): the ended ones, latest first. */
export function disclosureYears(today: string): number[] {
  const current = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let year = current - 1; year >= FIRST_DISCLOSURE_YEAR; year--) years.push(year);
  return years;
}

/** The year asked for in the URL when it is one of `years`, else the last year (the first of the list). */
export function chosenYear(value: string | null, years: readonly number[]): number | undefined {
  const year = Number(value);
  return value && years.includes(year) ? year : years[0];
}

/** Where a body stands with its disclosure of the year. */
export type DisclosureState = 'published' | 'late' | 'overdue' | 'pending' | 'none';

/**
 * A body's disclosure state: published (on time), published late (after 31 March), overdue (the server's flag: not
 * published after the due date with overdue contracts), pending (still time) or none (nothing to disclose).
 */
export function disclosureState(item: DisclosureStatusItem): DisclosureState {
  if (item.published) return item.published.late ? 'late' : 'published';
  if (item.overdue) return 'overdue';
  return item.contracts === 0 ? 'none' : 'pending';
}

/** Counts of the disclosure status table's bodies. */
export function disclosureCounts(items: readonly DisclosureStatusItem[]) {
  return {
    bodies: items.length,
    published: items.filter((item) => item.published !== null).length,
    late: items.filter((item) => item.published?.late === true).length,
    overdue: items.filter((item) => item.overdue).length,
    contracts: items.reduce((sum, item) => sum + item.contracts, 0),
    amount: Math.round(items.reduce((sum, item) => sum + item.amount, 0) * 100) / 100,
  };
}

/** The day of a date-time (ISO text or a Date) in China Standard Time ('YYYY-MM-DD'). */
export function chinaDay(value: string | Date): string {
  const date = new Date(value);
  if (!Number.isNaN(date.getTime())) return todayInChina(date);
  return typeof value === 'string' ? value.slice(0, 10) : '';
}
