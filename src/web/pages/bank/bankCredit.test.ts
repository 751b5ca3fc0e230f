import { describe, expect, it } from 'vitest';
import { CHECK_QUESTION_CATEGORIES, type CheckQuestionKind } from '../../../reference/credit.ts';
import type { CheckQuestion } from '../../api/credit.ts';
import {
  CHECK_QUESTION_KINDS,
  categoriesNotConsented,
  consentedScore,
  consentUnusable,
  offeredQuestions,
  taxYearRange,
} from './bankCredit.ts';

describe('the check-only questions a consent allows', () => {
  it('are the API’s questions, each reading one category of the sharing list', () => {
    // Compiles only while every kind of the vocabulary is a question the API accepts.
    const kinds: CheckQuestion['kind'][] = CHECK_QUESTION_KINDS satisfies CheckQuestionKind[];
    expect(kinds).toEqual([
      'tax_paid_at_least',
      'tax_grade_at_least',
      'no_dishonesty',
      'no_open_enforcement',
      'no_penalty_since',
      'social_insurance_months_at_least',
    ]);
    expect(CHECK_QUESTION_CATEGORIES.no_open_enforcement).toBe('judgment');
  });

  it('offers only the questions whose category the consent gives', () => {
    expect(offeredQuestions(['tax', 'penalty'])).toEqual([
      'tax_paid_at_least',
      'tax_grade_at_least',
      'no_penalty_since',
    ]);
    expect(offeredQuestions(['social_insurance'])).toEqual(['social_insurance_months_at_least']);
    expect(offeredQuestions(['licence', 'honour'])).toEqual([]);
  });

  it('offers every question when the consent’s categories are not known (the server refuses in words)', () => {
    expect(offeredQuestions(null)).toEqual(CHECK_QUESTION_KINDS);
    expect(categoriesNotConsented(null)).toEqual([]);
  });

  it('names each category the other questions need once', () => {
    expect(categoriesNotConsented(['tax', 'penalty'])).toEqual([
      'dishonesty',
      'judgment',
      'social_insurance',
    ]);
    expect(categoriesNotConsented(['licence'])).toEqual([
      'tax',
      'dishonesty',
      'judgment',
      'penalty',
      'social_insurance',
    ]);
  });
});

describe('the tax-paid question’s year', () => {
  it('runs from 2000 to the current year, last year first', () => {
    expect(taxYearRange('2026-03-15')).toEqual({ min: 2000, max: 2026, initial: 2025 });
  });
});

describe('the evaluation of a bank’s report', () => {
  const explained = [
    {
      feature: 'tax_grade',
      nameZh: '纳税信用等级',
      nameEn: 'Tax credit grade',
      unit: null,
      basis: { zh: '最近一次评价', en: 'The latest evaluation' },
      source: 'tax',
      value: 'A',
      bin: 0,
      points: 40,
      evidence: null,
      withheld: true,
    },
  ];
  const score = {
    enterpriseId: 7,
    score: 612,
    grade: 'A',
    basePoints: 500,
    computedOn: '2026-03-15',
    scorecard: { id: 1, name: '示例评分卡', version: 1, publishedFrom: '2026-01-01' },
    items: [{ feature: 'tax_grade', value: 'A', bin: 0, points: 40 }],
    explained,
  };

  const sent = {
    ...score,
    items: [{ feature: 'tax_grade', value: null, bin: null, points: null }],
    explained: explained.map((item) => ({ ...item, value: null, bin: null, points: null })),
  };

  it('is the explanation with its features explained, the withheld ones kept withheld', () => {
    const read = consentedScore(sent);
    expect(read?.items).toEqual(sent.explained);
    expect(read?.items[0]).toMatchObject({ withheld: true, evidence: null, value: null, points: null });
    expect(read).toMatchObject({ score: 612, grade: 'A', basePoints: 500, computedOn: '2026-03-15' });
    expect(read).not.toHaveProperty('explained');
  });

  it('shows no value or points of a withheld feature even if some were sent', () => {
    const read = consentedScore(score);
    expect(read?.items[0]).toMatchObject({
      withheld: true,
      value: null,
      bin: null,
      points: null,
      evidence: null,
    });
    expect(JSON.stringify(read)).not.toContain('"points":40');
  });

  it('is none when the consent leaves it out or it is not an explanation', () => {
    expect(consentedScore(null)).toBeNull();
    expect(consentedScore({ score: 612, grade: 'A', items: [] })).toBeNull();
  });
});

describe('whether a consent can be used today', () => {
  const today = '2026-03-15';
  const terms = { validFrom: '2026-01-01', validUntil: '2026-06-30' };

  it('is in force when authorised and within its days', () => {
    expect(consentUnusable({ ...terms, status: 'authorised' }, today)).toBeNull();
  });

  it('says why not: revoked, rejected, awaiting, expired (with its last day), not started (with its first)', () => {
    for (const status of ['revoked', 'rejected', 'awaiting'] as const)
      expect(consentUnusable({ ...terms, status }, today)).toEqual({ reason: status });
    expect(consentUnusable({ ...terms, status: 'expired', validUntil: '2026-03-01' }, today)).toEqual({
      reason: 'expired',
      date: '2026-03-01',
    });
    expect(consentUnusable({ ...terms, status: 'authorised', validFrom: '2026-04-01' }, today)).toEqual({
      reason: 'notStarted',
      date: '2026-04-01',
    });
  });
});
