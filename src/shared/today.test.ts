import { describe, expect, it } from 'vitest';
import { dateInChina, dateTimeInChina, todayInChina } from './today.ts';

describe('todayInChina', () => {
  it('turns the date at midnight in Beijing, eight hours before UTC', () => {
    expect(todayInChina(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(todayInChina(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(todayInChina(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
});

describe('dateInChina', () => {
  it('reads a stored instant on Beijing’s calendar: 01:30 in Beijing is already the next day', () => {
    expect(dateInChina('2026-12-05T17:30:01Z')).toBe('2026-12-06');
    expect(dateInChina('2026-12-05T15:59:59.999Z')).toBe('2026-12-05');
    expect(dateInChina(new Date('2026-12-05T16:00:00Z'))).toBe('2026-12-06');
  });
});

describe('dateTimeInChina', () => {
  it('shows a stored instant on Beijing’s clock, to the minute', () => {
    expect(dateTimeInChina('2026-12-05T17:30:01Z')).toBe('2026-12-06 01:30');
    expect(dateTimeInChina(new Date('2026-12-05T04:05:59Z'))).toBe('2026-12-05 12:05');
    expect(dateTimeInChina('2026-12-05T16:00:00Z')).toBe('2026-12-06 00:00');
  });
});
