import { describe, expect, it } from 'vitest';
import {
  answerBody,
  chosenYear,
  disclosureYears,
  isAnswerable,
  isDisclosureOverdue,
  publicFilters,
  unpaidAmount,
} from './claimModel.ts';

describe('answering a complaint', () => {
  it('is possible from acceptance until the department replies', () => {
    expect(['accepted', 'in_progress', 'info_requested'].map(isAnswerable)).toEqual([true, true, true]);
    expect(['submitted', 'returned', 'replied', 'closed', 'merged'].map(isAnswerable)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('sends a trimmed note, and amount and date only with a payment', () => {
    expect(answerBody('dispute', 3, { note: '  货物未验收 ', amount: 5, paidOn: '2026-01-02' })).toEqual({
      action: 'dispute',
      version: 3,
      note: '货物未验收',
    });
    expect(answerBody('acknowledge', 4, { note: '   ' })).toEqual({ action: 'acknowledge', version: 4 });
    expect(answerBody('pay', 5, { amount: 10_000.5, paidOn: '2026-11-20' })).toEqual({
      action: 'pay',
      version: 5,
      amount: 10_000.5,
      paidOn: '2026-11-20',
    });
  });

  it('leaves out a payment’s missing fields for the server to name', () => {
    expect(answerBody('pay', 5, { amount: null })).toEqual({ action: 'pay', version: 5 });
  });

  it('shows the contract amount not yet paid, in cents and never below zero', () => {
    expect(unpaidAmount({ amount: 186_000, repaid: 70_000 })).toBe(116_000);
    expect(unpaidAmount({ amount: 0.3, repaid: 0.1 })).toBe(0.2);
    expect(unpaidAmount({ amount: 100, repaid: 120 })).toBe(0);
    // Payments go to interest first: the assessment's unpaid principal wins.
    expect(
      unpaidAmount({ amount: 186_000, repaid: 50_000, assessment: { principalOutstanding: 140_464 } }),
    ).toBe(140_464);
  });
});

describe('the annual disclosure', () => {
  it('offers the years that have ended, newest first, back to 2020', () => {
    expect(disclosureYears('2026-11-26')).toEqual([2025, 2024, 2023, 2022, 2021, 2020]);
    expect(disclosureYears('2021-01-01')).toEqual([2020]);
  });

  it('defaults to last year and ignores a year that cannot be asked for', () => {
    const years = disclosureYears('2026-11-26');
    expect(chosenYear(null, years)).toBe(2025);
    expect(chosenYear('2023', years)).toBe(2023);
    expect(chosenYear('2026', years)).toBe(2025);
    expect(chosenYear('abc', years)).toBe(2025);
  });

  it('is late when unpublished after 31 March', () => {
    expect(isDisclosureOverdue('2026-03-31', '2026-03-31', false)).toBe(false);
    expect(isDisclosureOverdue('2026-04-01', '2026-03-31', false)).toBe(true);
    expect(isDisclosureOverdue('2026-04-01', '2026-03-31', true)).toBe(false);
  });
});

describe('the public list’s filters', () => {
  const years = disclosureYears('2026-11-26');

  it('reads year, region, name and page from the address', () => {
    const params = new URLSearchParams('year=2025&region=320583&q=%20县直%20&page=2&pageSize=50');
    expect(publicFilters(params, years)).toEqual({
      year: 2025,
      region: '320583',
      q: '县直',
      page: 2,
      pageSize: 50,
    });
  });

  it('drops malformed values', () => {
    const params = new URLSearchParams('year=2026&region=32&q=%20&page=0&pageSize=7');
    expect(publicFilters(params, years)).toEqual({
      year: undefined,
      region: undefined,
      q: undefined,
      page: 1,
      pageSize: 20,
    });
  });
});
