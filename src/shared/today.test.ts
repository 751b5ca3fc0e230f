import { describe, expect, it } from 'vitest';
import { todayInChina } from './today.ts';

describe('todayInChina', () => {
  it('turns the date at midnight in Beijing, eight hours before UTC', () => {
    expect(todayInChina(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(todayInChina(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(todayInChina(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
});
