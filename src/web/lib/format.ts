/** Formatting of dates and numbers in the current language. */
import type { Locale } from '../i18n/core.ts';

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Date and time, e.g. 2026/11/25 18:24:39 or Nov 25, 2026, 18:24:39; '—' when missing. */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  const date = toDate(value);
  if (!date) return '—';
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: locale === 'en' ? 'short' : '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}

/** A calendar date 'YYYY-MM-DD' shown in the current language; '—' when missing. */
export function formatDate(value: string | null | undefined, locale: Locale): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** A whole number with grouping. */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A share as a percentage with one decimal. */
export function formatPercent(part: number, whole: number, locale: Locale): string {
  if (whole <= 0) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);
}

/** A decimal with grouping and at most `digits` fraction digits; '—' when missing. */
export function formatDecimal(value: number | null | undefined, locale: Locale, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}
