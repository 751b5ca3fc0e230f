/** Dates and whole numbers written out without Intl say exactly what Intl would. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatQuantity } from './format.ts';

describe('formatting without Intl', () => {
  it('writes calendar dates as Intl does, in both languages', () => {
    const days: string[] = [];
    for (let time = Date.UTC(1999, 0, 1); time <= Date.UTC(2031, 0, 1); time += 37 * 86_400_000)
      days.push(new Date(time).toISOString().slice(0, 10));
    days.push('2024-02-29', '2026-12-31', '2027-01-01');
    for (const day of days) {
      const date = new Date(`${day}T00:00:00Z`);
      expect(formatDate(day, 'zh-CN'), day).toBe(
        new Intl.DateTimeFormat('zh-CN', {
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          timeZone: 'UTC',
        }).format(date),
      );
      expect(formatDate(day, 'en'), day).toBe(
        new Intl.DateTimeFormat('en', {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          timeZone: 'UTC',
        }).format(date),
      );
    }
    expect(formatDate('2026-12-05T08:00:00Z', 'zh-CN')).toBe('2026年12月5日');
    expect(formatDate(null, 'en')).toBe('—');
    expect(formatDate('soon', 'en')).toBe('soon');
  });

  it('groups whole numbers as Intl does, and leaves fractions to Intl', () => {
    for (const value of [
      0,
      7,
      -7,
      999,
      1000,
      -1000,
      12_345,
      999_999,
      1_000_000,
      -123_456_789,
      Number.MAX_SAFE_INTEGER,
    ])
      for (const locale of ['zh-CN', 'en'] as const)
        expect(formatNumber(value, locale), `${value} ${locale}`).toBe(
          new Intl.NumberFormat(locale).format(value),
        );
    expect(formatNumber(1234.5678, 'en')).toBe('1,234.568');
  });
});

describe('formatQuantity', () => {
  const wan = { zh: '万元', en: '10,000 yuan' };
  it('writes 万元 amounts in yuan in English and in 万元 in Chinese', () => {
    expect(formatQuantity(0.5, wan, 'en')).toBe('5,000 yuan');
    expect(formatQuantity(469.21, wan, 'en')).toBe('4,692,100 yuan');
    expect(formatQuantity(175, wan, 'zh-CN')).toBe('175万元');
    expect(formatQuantity(0.5, wan, 'zh-CN')).toBe('0.5万元');
  });
  it('puts other units after the number, and none when there is none', () => {
    expect(formatQuantity(12, { zh: '个月', en: 'months' }, 'zh-CN')).toBe('12 个月');
    expect(formatQuantity(12, { zh: '个月', en: 'months' }, 'en')).toBe('12 months');
    expect(formatQuantity(1, { zh: '条', en: 'records' }, 'en')).toBe('1 record');
    expect(formatQuantity(1, { zh: '条', en: 'records' }, 'zh-CN')).toBe('1 条');
    expect(formatQuantity(1234.5, null, 'en')).toBe('1,234.5');
  });
});

describe('formatDateTime', () => {
  afterEach(() => vi.restoreAllMocks());
  const instant = '2026-12-05T17:30:01Z';

  it("shows China's clock, unlabelled for a reader in China", () => {
    vi.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(-480);
    expect(formatDateTime(instant, 'zh-CN', { labelled: true })).toBe('2026/12/06 01:30:01');
    expect(formatDateTime(instant, 'en')).toBe('Dec 6, 2026, 01:30:01');
  });

  it("shows China's clock, labelled as such when asked, to a reader elsewhere (here UTC and New York)", () => {
    for (const offset of [0, 300]) {
      vi.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(offset);
      expect(formatDateTime(instant, 'zh-CN', { labelled: true })).toBe('2026/12/06 01:30:01（北京时间）');
      expect(formatDateTime(instant, 'en', { labelled: true })).toBe('Dec 6, 2026, 01:30:01 (China time)');
      // In a table's cell: China's clock, unlabelled (a label in every cell would not fit).
      expect(formatDateTime(instant, 'zh-CN')).toBe('2026/12/06 01:30:01');
    }
    expect(formatDateTime(null, 'en')).toBe('—');
  });
});
