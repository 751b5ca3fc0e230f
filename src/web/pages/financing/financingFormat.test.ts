import { describe, expect, it } from 'vitest';
import {
  colon,
  compareDecimal,
  daysUntil,
  fieldOfProblem,
  formatRate,
  formatRateRange,
  formatWan,
  formatWanRange,
  formatYuan,
  isDecimal,
  numberSign,
  parseRuleText,
  plainDecimal,
  runningDeadlines,
  wanToYuan,
  yuanToWan,
} from './financingFormat.ts';

describe('receivables in yuan', () => {
  it('shows a yuan amount from its decimal string, grouped, in either language', () => {
    expect(formatYuan('860000.5', 'zh-CN')).toBe('860,000.5元');
    expect(formatYuan('860000.50', 'en')).toBe('860,000.5 yuan');
    expect(formatYuan('236000', 'zh-CN')).toBe('236,000元');
    expect(formatYuan('12345678901234.99', 'zh-CN')).toBe('12,345,678,901,234.99元');
    expect(formatYuan(null, 'zh-CN')).toBe('—');
  });

  it('turns yuan into 万元 as text, cut to 4 decimals', () => {
    expect(yuanToWan('860000.5')).toBe('86');
    expect(yuanToWan('12345')).toBe('1.2345');
    expect(yuanToWan('5')).toBe('0.0005');
    expect(yuanToWan('100000000')).toBe('10000');
  });

  it('compares decimals as text', () => {
    expect(compareDecimal('860000.5', '860000.50')).toBe(0);
    expect(compareDecimal('900000', '860000.5')).toBe(1);
    expect(compareDecimal('0.01', '0.1')).toBe(-1);
  });

  it('counts the days to a date', () => {
    expect(daysUntil('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysUntil('2026-03-31', '2026-03-01')).toBe(-30);
    expect(daysUntil('2026-02-28', '2026-03-01')).toBe(1);
  });
});

describe('financing amounts and rates', () => {
  it('shows 万元 amounts as given in Chinese and as whole yuan in English, without floats', () => {
    expect(formatWan('120.5', 'zh-CN')).toBe('120.5万元');
    expect(formatWan('120.5000', 'zh-CN')).toBe('120.5万元');
    expect(formatWan('12000', 'zh-CN')).toBe('12,000万元');
    expect(formatWan('120.5', 'en')).toBe('1,205,000 yuan');
    expect(formatWan('0.0001', 'en')).toBe('1 yuan');
    expect(formatWan('9999999999.9999', 'en')).toBe('99,999,999,999,999 yuan');
    expect(formatWan(null, 'en')).toBe('—');
    expect(wanToYuan('0.1')).toBe('1000');
    expect(wanToYuan('0.000015')).toBe('0.15');
    expect(plainDecimal('003.10')).toBe('3.1');
  });

  it('shows ranges with the unit once', () => {
    expect(formatWanRange('50', '500', 'zh-CN')).toBe('50–500万元');
    expect(formatWanRange('50', '500', 'en')).toBe('500,000–5,000,000 yuan');
    expect(formatRate('3.45')).toBe('3.45%');
    expect(formatRateRange('3.2', '4.80')).toBe('3.2%–4.8%');
    expect(formatRateRange('4', '4')).toBe('4%');
  });

  it('checks typed decimals and rules', () => {
    expect(isDecimal('120.5')).toBe(true);
    expect(isDecimal('1.23456')).toBe(false);
    expect(isDecimal('-1')).toBe(false);
    expect(parseRuleText('')).toEqual({ rule: null });
    expect(parseRuleText('{"all":[]}')).toEqual({ rule: { all: [] } });
    expect(parseRuleText('{all')).toEqual({ error: 'invalid' });
  });

  it('puts a server field error on its form item', () => {
    const fields = ['regions', 'rule', 'amountMax'];
    expect(fieldOfProblem('body.regions/0', fields)).toEqual({ name: 'regions', within: '0' });
    expect(fieldOfProblem('rule/all/1', fields)).toEqual({ name: 'rule', within: 'all/1' });
    expect(fieldOfProblem('amountMax', fields)).toEqual({ name: 'amountMax', within: '' });
    expect(fieldOfProblem('version', fields)).toBeNull();
  });
});

describe('numbers at or below zero', () => {
  it('reads the sign of a typed number, whichever minus it is written with', () => {
    expect(numberSign('-50')).toBe(-1);
    expect(numberSign('−5')).toBe(-1);
    expect(numberSign('－1')).toBe(-1);
    expect(numberSign(' -0.5 ')).toBe(-1);
    expect(numberSign('0')).toBe(0);
    expect(numberSign('-0.00')).toBe(0);
    expect(numberSign('3.5')).toBe(1);
    expect(numberSign('+2')).toBe(1);
    expect(numberSign('abc')).toBeNull();
    expect(numberSign('1,000')).toBeNull();
    expect(numberSign('')).toBeNull();
  });
});

describe('a label and its value', () => {
  it('joins them with the language’s colon', () => {
    expect(`额度${colon('zh-CN')}50万元`).toBe('额度：50万元');
    expect(`Amount${colon('en')}500,000 yuan`).toBe('Amount: 500,000 yuan');
  });
});

describe('a bank’s deadlines', () => {
  const response = (state: string, contacted = false, decided = false) => ({
    state,
    contactedAt: contacted ? '2026-12-01T02:00:00Z' : null,
    decidedAt: decided ? '2026-12-02T02:00:00Z' : null,
  });

  it('runs the first contact only while the answer is picked up and not contacted', () => {
    expect(runningDeadlines(response('picked_up'))).toEqual({ contact: true, decision: true });
    expect(runningDeadlines(response('contacted', true))).toEqual({ contact: false, decision: true });
    expect(runningDeadlines(response('visited', true))).toEqual({ contact: false, decision: true });
  });

  it('runs neither once the answer is closed, contacted or not', () => {
    for (const state of ['released', 'withdrawn'])
      expect(runningDeadlines(response(state)), state).toEqual({ contact: false, decision: false });
    expect(runningDeadlines(response('declined', false, true))).toEqual({ contact: false, decision: false });
    expect(runningDeadlines(response('granted', true, true))).toEqual({ contact: false, decision: false });
    expect(runningDeadlines(response('disbursed', true, true))).toEqual({ contact: false, decision: false });
  });
});
