/** The decimals of financing in words for people (notices): grouped by thousands, in their normal form. */
import { describe, expect, it } from 'vitest';
import { groupedDecimal, wanAsYuan } from './financing.rules.ts';

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

describe('wanAsYuan', () => {
  it.each([
    ['120', '1,200,000'],
    ['0.5', '5,000'],
    ['1234.5678', '12,345,678'],
  ])('%s (10k yuan) reads %s yuan', (text, words) => {
    expect(wanAsYuan(text)).toBe(words);
  });
});
