import { describe, expect, it } from 'vitest';
import { addDays } from '../../../reference/calendar.ts';
import type { Rule } from './eligibility.rules.ts';
import { anniversariesBetween, dateReads, policyChangesBetween } from './policies.schedule.rules.ts';

const version = (rule: Rule, overrides: Partial<Parameters<typeof policyChangesBetween>[0]> = {}) => ({
  effective_from: '2026-01-01',
  expires_on: null,
  definition: { rule },
  ...overrides,
});

describe('what of the date a rule reads', () => {
  it('finds an age anywhere in the tree, ratios included', () => {
    expect(
      dateReads({
        any: [{ region: ['32'] }, { not: { compare: [{ ratio: [{ age: 'years' }, 2] }, '>', 1] } }],
      }),
    ).toEqual({ age: true, yearly: false, certified: false });
  });

  it('counts figures, sizes and taxpayer types of a relative (or default) year as yearly, not of a named year', () => {
    expect(dateReads({ compare: [{ fact: 'employees' }, '<', 100] }).yearly).toBe(true);
    expect(dateReads({ compare: [{ fact: 'employees', year: { relative: -2 } }, '<', 100] }).yearly).toBe(
      true,
    );
    expect(dateReads({ compare: [{ fact: 'employees', year: { year: 2024 } }, '<', 100] }).yearly).toBe(
      false,
    );
    expect(dateReads({ size: ['small'] }).yearly).toBe(true);
    expect(dateReads({ size: ['small'], year: { year: 2025 } }).yearly).toBe(false);
    expect(dateReads({ taxpayer: 'general' }).yearly).toBe(true);
  });

  it('finds a certification', () => {
    expect(dateReads({ all: [{ certified: '高新技术企业' }] }).certified).toBe(true);
  });

  it('reads nothing of the date in a rule of place, industry and status only', () => {
    expect(dateReads({ all: [{ region: ['32'] }, { industry: ['C'] }, { status: ['active'] }] })).toEqual({
      age: false,
      yearly: false,
      certified: false,
    });
  });
});

describe('when a policy changes for every enterprise at once', () => {
  const plain: Rule = { region: ['32'] };

  it('on the day it comes into force', () => {
    const v = version(plain, { effective_from: '2027-03-01' });
    expect(policyChangesBetween(v, '2027-02-27', '2027-02-28')).toBe(false);
    expect(policyChangesBetween(v, '2027-02-28', '2027-03-01')).toBe(true);
    expect(policyChangesBetween(v, '2027-03-01', '2027-03-02')).toBe(false);
  });

  it('on the day after its last day, found also when the run covers several days', () => {
    const v = version(plain, { expires_on: '2027-06-30' });
    expect(policyChangesBetween(v, '2027-06-29', '2027-06-30')).toBe(false);
    expect(policyChangesBetween(v, '2027-06-30', '2027-07-01')).toBe(true);
    expect(policyChangesBetween(v, '2027-06-20', '2027-07-05')).toBe(true);
  });

  it('when a parameter takes a new value', () => {
    const v = {
      ...version(plain),
      definition: {
        rule: plain,
        parameters: {
          cap: {
            unit: '万元' as const,
            reference: 'x',
            values: [
              { from: '2026-01-01', value: 1 },
              { from: '2027-04-01', value: 2 },
            ],
          },
        },
      },
    };
    expect(policyChangesBetween(v, '2027-03-31', '2027-04-01')).toBe(true);
    expect(policyChangesBetween(v, '2027-04-01', '2027-04-02')).toBe(false);
  });

  it('on 1 January when it reads a relative year, and not otherwise', () => {
    const yearly = version({ compare: [{ fact: 'operating_revenue' }, '<', 2000] });
    expect(policyChangesBetween(yearly, '2026-12-31', '2027-01-01')).toBe(true);
    expect(policyChangesBetween(yearly, '2027-01-01', '2027-01-02')).toBe(false);
    expect(policyChangesBetween(version(plain), '2026-12-31', '2027-01-01')).toBe(false);
  });
});

describe('anniversaries in a run’s days', () => {
  it('gives the month-days after the last covered day up to the run’s day', () => {
    expect(anniversariesBetween('2027-06-29', '2027-07-02')).toEqual([630, 701, 702]);
    expect(anniversariesBetween('2027-06-29', '2027-06-29')).toEqual([]);
  });

  it('turns an enterprise born on 29 February a year older on 1 March of a common year', () => {
    expect(anniversariesBetween('2027-02-28', '2027-03-01')).toEqual([229, 301]);
    expect(anniversariesBetween('2028-02-28', '2028-02-29')).toEqual([229]);
    expect(anniversariesBetween('2028-02-29', '2028-03-01')).toEqual([301]);
  });

  it('crosses the year end', () => {
    expect(anniversariesBetween('2026-12-30', '2027-01-01')).toEqual([101, 1231]);
  });

  it('is everyone (null) for a year or more of days (and all 365 month-days with 29 February short of it)', () => {
    expect(anniversariesBetween('2026-01-01', '2027-01-01')).toBeNull();
    expect(anniversariesBetween('2026-01-01', '2026-12-31')?.length).toBe(365);
  });

  it('steps calendar days through month and leap-year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
