/** Day numbers and the working-day calendar, pinned on real holiday weeks with their make-up workdays (调休). */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  dateOfDay,
  dayNumber,
  isRealDate,
  isWorkingDay,
  workingDaysBetween,
} from './calendar.ts';

describe('day numbers', () => {
  it('round-trips every day of several centuries and agrees with Date', () => {
    for (let n = dayNumber('1900-01-01'); n <= dayNumber('2100-12-31'); n += 1) {
      const date = dateOfDay(n);
      expect(dayNumber(date)).toBe(n);
      if (n % 997 === 0) expect(new Date(`${date}T00:00:00Z`).getTime() / 86_400_000).toBe(n);
    }
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['2026-02-29', '2025-02-30', '2026-13-01', '2026-00-10', '2026-1-01', 'not a date', ''])
      expect(isRealDate(bad), bad).toBe(false);
    expect(isRealDate('2024-02-29')).toBe(true);
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2025-03-03', 30)).toBe('2025-04-02');
    expect(addDays('2025-07-10', 60)).toBe('2025-09-08');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});

describe('working days (State Council holiday arrangements)', () => {
  it.each([
    // 2025 Spring Festival: 1-28 … 2-4 off; Sunday 1-26 and Saturday 2-8 worked.
    ['2025-01-26', true],
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-05', true],
    ['2025-02-08', true],
    // 2025 National Day and Mid-Autumn: 10-1 … 10-8 off; Sunday 9-28 and Saturday 10-11 worked.
    ['2025-09-28', true],
    ['2025-10-01', false],
    ['2025-10-08', false],
    ['2025-10-09', true],
    ['2025-10-11', true],
    // 2024 National Day: 10-1 … 10-7 off; Sunday 9-29 and Saturday 10-12 worked.
    ['2024-09-29', true],
    ['2024-10-07', false],
    ['2024-10-12', true],
    // 2026 New Year (1-1 … 1-3 off, Sunday 1-4 worked) and Spring Festival (2-15 … 2-23 off; 2-14, 2-28 worked).
    ['2026-01-02', false],
    ['2026-01-04', true],
    ['2026-02-14', true],
    ['2026-02-16', false],
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-02-28', true],
    // An ordinary weekend.
    ['2025-11-22', false],
    ['2025-11-24', true],
  ] as const)('%s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('counts 10 working days across the 2025 National Day holiday and its make-up Saturday', () => {
    // From Tuesday 9-30: 10-9, 10-10, 10-11 (Sat, worked), 10-13 … 10-17, 10-20, 10-21.
    expect(addWorkingDays('2025-09-30', 10)).toBe('2025-10-21');
    expect(workingDaysBetween('2025-09-30', '2025-10-21')).toBe(10);
    expect(workingDaysBetween('2025-10-01', '2025-10-08')).toBe(0);
  });

  it('counts across the 2026 Spring Festival', () => {
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });
});
