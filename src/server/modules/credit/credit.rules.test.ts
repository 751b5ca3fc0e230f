/** The pure rules of credit information (issue 14): periods, publication, repair, consent terms, masking, checks. */
import { describe, expect, it } from 'vitest';
import {
  addPeriod,
  answerCheck,
  type CheckedRecord,
  type CreditSettings,
  checkConsentTerms,
  consentStatus,
  defaultPublishUntil,
  isLive,
  isPublished,
  maskIdNumber,
  maskName,
  maskPersonal,
  objectionDueOn,
  repairableFrom,
} from './credit.rules.ts';

/** The figures as the migration seeds them (docs/reference/credit.md §5). */
const SETTINGS: CreditSettings = {
  penalty_publication_min: {
    key: 'penalty_publication_min',
    value: 3,
    unit: 'months',
    effectiveFrom: '2000-01-01',
    basis: '',
    verified: true,
  },
  penalty_publication_min_safety: {
    key: 'penalty_publication_min_safety',
    value: 1,
    unit: 'years',
    effectiveFrom: '2000-01-01',
    basis: '',
    verified: true,
  },
  penalty_publication_max: {
    key: 'penalty_publication_max',
    value: 3,
    unit: 'years',
    effectiveFrom: '2000-01-01',
    basis: '',
    verified: true,
  },
  objection_answer_days: {
    key: 'objection_answer_days',
    value: 20,
    unit: 'days',
    effectiveFrom: '2000-01-01',
    basis: '',
    verified: false,
  },
  adverse_retention: {
    key: 'adverse_retention',
    value: 5,
    unit: 'years',
    effectiveFrom: '2000-01-01',
    basis: '',
    verified: false,
  },
  consent_max_days: {
    key: 'consent_max_days',
    value: 365,
    unit: 'days',
    effectiveFrom: '2000-01-01',
    basis: '',
    verified: true,
  },
};

describe('periods', () => {
  it.each([
    ['2026-01-31', 1, 'months', '2026-02-28'],
    ['2024-01-31', 1, 'months', '2024-02-29'],
    ['2026-11-30', 3, 'months', '2027-02-28'],
    ['2024-02-29', 1, 'years', '2025-02-28'],
    ['2026-12-20', 20, 'days', '2027-01-09'],
    ['2026-03-01', -1, 'days', '2026-02-28'],
  ] as const)('%s + %i %s = %s', (date, value, unit, expected) => {
    expect(addPeriod(date, { value, unit })).toBe(expected);
  });
});

describe('publication of penalties', () => {
  it('a penalty with no end given is published three years, to the day before the anniversary', () => {
    expect(defaultPublishUntil('penalty', '2024-05-10', SETTINGS)).toBe('2027-05-09');
    expect(defaultPublishUntil('licence', '2024-05-10', SETTINGS)).toBeNull();
  });

  it('may be repaired after 3 months, or after 1 year in special equipment, work safety and fire', () => {
    expect(repairableFrom({ category: 'penalty', item: 'penalty', decided_on: '2026-01-15' }, SETTINGS)).toBe(
      '2026-04-15',
    );
    expect(
      repairableFrom({ category: 'penalty', item: 'penalty_safety', decided_on: '2026-01-15' }, SETTINGS),
    ).toBe('2027-01-15');
    expect(
      repairableFrom({ category: 'judgment', item: 'judgment', decided_on: '2026-01-15' }, SETTINGS),
    ).toBeNull();
  });

  it('stops being published the day after its last day, and a superseded record never is', () => {
    expect(isPublished({ status: 'active', publish_until: '2026-12-06' }, '2026-12-06')).toBe(true);
    expect(isPublished({ status: 'active', publish_until: '2026-12-05' }, '2026-12-06')).toBe(false);
    expect(isPublished({ status: 'active', publish_until: null }, '2026-12-06')).toBe(true);
    expect(isPublished({ status: 'superseded', publish_until: null }, '2026-12-06')).toBe(false);
  });

  it('an objection is answered within 20 days', () => {
    expect(objectionDueOn('2026-12-06', SETTINGS)).toBe('2026-12-26');
  });
});

describe('consent terms', () => {
  const terms = {
    institutionId: 7,
    scope: 'report' as const,
    categories: ['tax', 'licence'],
    purpose: '贷前审查：流动资金贷款',
    validFrom: '2026-12-06',
    validUntil: '2027-03-06',
  };

  it('accepts a named bank, a purpose, known categories and an end within a year', () => {
    expect(checkConsentTerms(terms, '2026-12-06', SETTINGS)).toEqual([]);
    expect(checkConsentTerms({ ...terms, validUntil: '2027-12-06' }, '2026-12-06', SETTINGS)).toEqual([]);
  });

  it.each([
    [{ institutionId: null }, 'institutionId'],
    [{ purpose: '贷款' }, 'purpose'],
    [{ categories: [] }, 'categories'],
    [{ categories: ['tax', 'tax'] }, 'categories'],
    [{ categories: ['weather'] }, 'categories'],
    [{ validFrom: '2026-12-01' }, 'validFrom'],
    [{ validUntil: '2026-12-05' }, 'validUntil'],
    [{ validUntil: '2027-12-07' }, 'validUntil'],
    [{ validFrom: '2027-01-10', validUntil: '2027-01-09' }, 'validUntil'],
  ] as const)('refuses %j at the field %s', (change, field) => {
    const problems = checkConsentTerms({ ...terms, ...change } as typeof terms, '2026-12-06', SETTINGS);
    expect(problems.map((p) => p.field)).toContain(field);
  });

  it('names the latest end when a consent is too long', () => {
    const [problem] = checkConsentTerms({ ...terms, validUntil: '2028-01-01' }, '2026-12-06', SETTINGS);
    expect(problem?.message.zh).toContain('2027-12-06');
    expect(problem?.message.en).toContain('365 days');
  });

  it('is expired once past its last day, live only when authorised within its dates', () => {
    const c = { state: 'authorised' as const, valid_from: '2026-12-01', valid_until: '2026-12-31' };
    expect(consentStatus(c, '2026-12-31')).toBe('authorised');
    expect(consentStatus(c, '2027-01-01')).toBe('expired');
    expect(consentStatus({ ...c, state: 'revoked' }, '2027-01-01')).toBe('revoked');
    expect(isLive(c, '2026-12-31')).toBe(true);
    expect(isLive(c, '2026-11-30')).toBe(false);
    expect(isLive({ ...c, state: 'awaiting' }, '2026-12-10')).toBe(false);
  });
});

describe('masking personal data for banks (the one rule)', () => {
  it('keeps the surname and the ends of an identity number', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('李')).toBe('*');
    expect(maskIdNumber('320583199001011234')).toBe('320*************34');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskPersonal({ legalRepName: '王小明', legalRepId: '32058319900101123X' })).toEqual({
      legalRepName: '王**',
      legalRepId: '320*************3X',
    });
    expect(maskPersonal(null)).toBeNull();
  });
});

describe('check-only questions', () => {
  const records: CheckedRecord[] = [
    { category: 'tax', item: 'tax_paid', value_number: 30, value_text: null, decided_on: '2025-06-30' },
    { category: 'tax', item: 'tax_paid', value_number: 15, value_text: null, decided_on: '2025-12-31' },
    { category: 'tax', item: 'credit_grade', value_number: null, value_text: 'B', decided_on: '2025-04-01' },
    { category: 'tax', item: 'credit_grade', value_number: null, value_text: 'M', decided_on: '2026-04-01' },
    {
      category: 'judgment',
      item: 'enforcement',
      value_number: null,
      value_text: 'closed',
      decided_on: '2024-01-01',
    },
    { category: 'penalty', item: 'penalty', value_number: 1, value_text: null, decided_on: '2025-03-01' },
    {
      category: 'social_insurance',
      item: 'months_paid',
      value_number: 11,
      value_text: null,
      decided_on: '2026-11-30',
    },
  ];

  it.each([
    [{ kind: 'tax_paid_at_least', year: 2025, amount: 45 }, true],
    [{ kind: 'tax_paid_at_least', year: 2025, amount: 45.01 }, false],
    [{ kind: 'tax_paid_at_least', year: 2024, amount: 1 }, false],
    [{ kind: 'tax_grade_at_least', grade: 'M' }, true],
    [{ kind: 'tax_grade_at_least', grade: 'B' }, false],
    [{ kind: 'no_dishonesty' }, true],
    [{ kind: 'no_open_enforcement' }, true],
    [{ kind: 'no_penalty_since', since: '2025-03-02' }, true],
    [{ kind: 'no_penalty_since', since: '2025-03-01' }, false],
    [{ kind: 'social_insurance_months_at_least', months: 11 }, true],
    [{ kind: 'social_insurance_months_at_least', months: 12 }, false],
  ] as const)('%j → %s', (question, expected) => {
    expect(answerCheck(question, records)).toBe(expected);
  });

  it('no grade on file is not "at least" any grade', () => {
    expect(answerCheck({ kind: 'tax_grade_at_least', grade: 'C' }, [])).toBe(false);
  });
});
