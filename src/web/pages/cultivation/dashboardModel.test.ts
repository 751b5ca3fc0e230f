import { describe, expect, it } from 'vitest';
import { daysBetween, runPercent, shareText } from './dashboardModel.ts';

describe('the dashboard’s readings', () => {
  it('shows a share too small for two decimals as under 0.01, and none as 0.00', () => {
    expect(shareText({ recognised: 1, shareOfTarget: '0.00' })).toBe('< 0.01');
    expect(shareText({ recognised: 0, shareOfTarget: '0.00' })).toBe('0.00');
    expect(shareText({ recognised: 124_000, shareOfTarget: '12.40' })).toBe('12.40');
  });

  it('counts whole days across months and a leap day', () => {
    expect(daysBetween('2026-12-07', '2027-02-05')).toBe(60);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-07', '2026-12-07')).toBe(0);
  });

  it('reads a scoring run’s progress against the registry’s count, 100 only once it has succeeded', () => {
    expect(runPercent({ status: 'queued', enterprises: 0, expected: 2000 })).toBe(0);
    expect(runPercent({ status: 'running', enterprises: 500, expected: 2000 })).toBe(25);
    expect(runPercent({ status: 'running', enterprises: 2100, expected: 2000 })).toBe(99);
    expect(runPercent({ status: 'running', enterprises: 10, expected: 0 })).toBe(0);
    expect(runPercent({ status: 'succeeded', enterprises: 2000, expected: 2000 })).toBe(100);
  });
});
