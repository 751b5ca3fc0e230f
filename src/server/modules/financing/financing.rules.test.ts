/** The decimals of financing in words for people (notices): grouped by thousands, in their normal form. */
import { describe, expect, it } from 'vitest';
import { groupedDecimal } from './financing.rules.ts';

describe('groupedDecimal', () => {
  it.each([
    ['136000', '136,000'],
    ['80000.00', '80,000'],
    ['1234567.5', '1,234,567.5'],
    ['999', '999'],
    ['1000', '1,000'],
    ['0.25', '0.25'],
  ])('%s reads %s', (text, words) => {
    expect(groupedDecimal(text)).toBe(words);
  });
});
