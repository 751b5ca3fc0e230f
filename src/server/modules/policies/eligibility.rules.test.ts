/** The eligibility rule engine: worked cases of policies.md, three-valued logic, explanations, checks at save. */
import { describe, expect, it } from 'vitest';
import {
  checkRule,
  type EnterpriseFacts,
  evaluateRule,
  fullYearsBetween,
  type Parameter,
  parameterOn,
  type Rule,
} from './eligibility.rules.ts';

const DATE = '2026-06-30';

/** 小型微利企业 (财政部 税务总局公告2023年第6号 / 第12号): taxable income ≤ 300万, employees ≤ 300, assets ≤ 5000万. */
const SMALL_LOW_PROFIT: Rule = {
  all: [
    { compare: [{ fact: 'taxable_income' }, '<=', { param: 'taxable_income_max' }] },
    { compare: [{ fact: 'employees' }, '<=', { param: 'employees_max' }] },
    { compare: [{ fact: 'total_assets' }, '<=', { param: 'total_assets_max' }] },
  ],
};
const REFERENCE = '财政部 税务总局公告2023年第6号';
const PARAMETERS: Record<string, Parameter> = {
  taxable_income_max: { unit: '万元', reference: REFERENCE, values: [{ from: '2023-01-01', value: 300 }] },
  employees_max: { unit: 'persons', reference: REFERENCE, values: [{ from: '2023-01-01', value: 300 }] },
  total_assets_max: { unit: '万元', reference: REFERENCE, values: [{ from: '2023-01-01', value: 5000 }] },
};

function enterprise(
  figures: EnterpriseFacts['figures'][number],
  more: Partial<EnterpriseFacts> = {},
): EnterpriseFacts {
  return {
    industryCode: 'C3911',
    regionCode: '320583',
    establishedOn: '2019-09-01',
    status: 'active',
    certifications: [],
    sizes: [],
    figures: { 2025: figures },
    ...more,
  };
}

describe('eligibility rules: the worked cases of 小型微利企业', () => {
  it.each([
    [{ taxable_income: 280, employees: 120, total_assets: 3000 }, 'eligible'],
    [{ taxable_income: 300, employees: 300, total_assets: 5000 }, 'eligible'],
    [{ taxable_income: 310, employees: 120, total_assets: 3000 }, 'not_eligible'],
    [{ taxable_income: 280, employees: 301, total_assets: 3000 }, 'not_eligible'],
    [{ taxable_income: 280, employees: 120, total_assets: 5000.01 }, 'not_eligible'],
  ])('%j → %s', (figures, outcome) => {
    expect(checkRule(SMALL_LOW_PROFIT, PARAMETERS)).toEqual([]);
    expect(evaluateRule(SMALL_LOW_PROFIT, enterprise(figures), DATE, PARAMETERS).outcome).toBe(outcome);
  });

  it('explains every clause with the figure, the year, the threshold and the unit', () => {
    const answer = evaluateRule(
      SMALL_LOW_PROFIT,
      enterprise({ taxable_income: 280, employees: 120, total_assets: 3000 }),
      DATE,
      PARAMETERS,
    );
    expect(answer.explanation.children?.map((c) => c.text.zh)).toEqual([
      '应纳税所得额（2025 年） 280 万元 ≤ 300 万元 ✓',
      '从业人员（2025 年） 120 人 ≤ 300 人 ✓',
      '资产总额（2025 年） 3000 万元 ≤ 5000 万元 ✓',
    ]);
    expect(answer.explanation.children?.[1]?.text.en).toBe('Employees (2025) 120 persons ≤ 300 persons ✓');
  });

  it('names the one condition missed (near miss)', () => {
    const answer = evaluateRule(
      SMALL_LOW_PROFIT,
      enterprise({ taxable_income: 310, employees: 120, total_assets: 3000 }),
      DATE,
      PARAMETERS,
    );
    expect(answer.nearMiss?.text.zh).toBe('应纳税所得额（2025 年） 310 万元 ≤ 300 万元 ✗');
    const twoMissed = evaluateRule(
      SMALL_LOW_PROFIT,
      enterprise({ taxable_income: 310, employees: 400, total_assets: 3000 }),
      DATE,
      PARAMETERS,
    );
    expect(twoMissed.nearMiss).toBeNull();
  });

  it('answers unknown, naming the fact, when a figure is missing — never a silent false', () => {
    const answer = evaluateRule(
      SMALL_LOW_PROFIT,
      enterprise({ employees: 120, total_assets: 3000 }),
      DATE,
      PARAMETERS,
    );
    expect(answer.outcome).toBe('unknown');
    expect(answer.missing).toEqual([{ zh: '应纳税所得额（2025 年）', en: 'Taxable income (2025)' }]);
    // A false clause decides an `all` even when another is unknown.
    const decided = evaluateRule(
      SMALL_LOW_PROFIT,
      enterprise({ employees: 301, total_assets: 3000 }),
      DATE,
      PARAMETERS,
    );
    expect(decided.outcome).toBe('not_eligible');
    expect(decided.nearMiss).toBeNull();
    // No figures for the year at all.
    expect(evaluateRule(SMALL_LOW_PROFIT, enterprise({}, { figures: {} }), DATE, PARAMETERS).outcome).toBe(
      'unknown',
    );
  });
});

describe('eligibility rules: the other conditions', () => {
  const facts = enterprise(
    { employees: 12, operating_revenue: 0, rd_expense: 30, vatTaxpayerType: 'small_scale' },
    {
      certifications: [{ name: '专精特新中小企业', validFrom: '2024-01-01', validTo: '2026-12-31' }],
      sizes: [{ standard: 'cn-2011', year: 2025, size: 'micro' }],
    },
  );
  const answer = (rule: Rule) => evaluateRule(rule, facts, DATE, PARAMETERS).outcome;

  it('industry prefixes, region subtrees, size class, certification on the date, taxpayer type, status', () => {
    expect(answer({ industry: ['C39', 'I65'] })).toBe('eligible');
    expect(answer({ industry: ['F'] })).toBe('not_eligible');
    expect(answer({ region: ['320000'] })).toBe('eligible');
    expect(answer({ region: ['320500'] })).toBe('eligible');
    expect(answer({ region: ['440000'] })).toBe('not_eligible');
    // Regions are named in the explanation, romanised in English, with their codes.
    const region = evaluateRule({ region: ['320500'] }, facts, DATE, PARAMETERS).explanation.text;
    expect(region.zh).toBe('注册地 江苏省苏州市昆山市（320583） 在 江苏省苏州市（320500） 范围内 ✓');
    expect(region.en).toBe(
      'Region Kunshan Shi, Suzhou Shi, Jiangsu Sheng (320583) within Suzhou Shi, Jiangsu Sheng (320500) ✓',
    );
    expect(answer({ size: ['small', 'micro'] })).toBe('eligible');
    expect(answer({ size: ['medium'] })).toBe('not_eligible');
    expect(answer({ size: ['micro'], year: { year: 2024 } })).toBe('unknown');
    expect(answer({ certified: '专精特新中小企业' })).toBe('eligible');
    expect(evaluateRule({ certified: '专精特新中小企业' }, facts, '2027-01-01').outcome).toBe('not_eligible');
    expect(answer({ taxpayer: 'small_scale' })).toBe('eligible');
    expect(answer({ taxpayer: 'general' })).toBe('not_eligible');
    expect(answer({ status: ['active'] })).toBe('eligible');
  });

  it('age in whole years, not, any', () => {
    expect(fullYearsBetween('2019-09-01', '2026-06-30')).toBe(6);
    expect(fullYearsBetween('2019-06-30', '2026-06-30')).toBe(7);
    expect(answer({ compare: [{ age: 'years' }, '<', 3] })).toBe('not_eligible');
    expect(answer({ not: { compare: [{ age: 'years' }, '<', 3] } })).toBe('eligible');
    expect(answer({ any: [{ industry: ['F'] }, { compare: [{ fact: 'employees' }, '<=', 20] }] })).toBe(
      'eligible',
    );
    expect(answer({ any: [{ industry: ['F'] }, { compare: [{ fact: 'total_assets' }, '<=', 20] }] })).toBe(
      'unknown',
    );
  });

  it('explains a not: the condition with its own mark under a line saying it does not hold, with the whole’s mark', () => {
    const rule: Rule = { not: { industry: ['C16', 'H'] } };
    const answer = evaluateRule(rule, enterprise({ employees: 10 }), DATE, {});
    expect(answer.outcome).toBe('eligible');
    expect(answer.explanation.text).toEqual({
      zh: '下列情形不成立 ✓',
      en: 'The following does not hold ✓',
    });
    expect(answer.explanation.children?.map((c) => c.text.zh)).toEqual([expect.stringMatching(/C16.*✗$/)]);
    const excluded = evaluateRule(rule, enterprise({ employees: 10 }, { industryCode: 'C1611' }), DATE, {});
    expect(excluded.explanation.text.zh).toBe('下列情形不成立 ✗');
    expect(excluded.explanation.children?.map((c) => c.text.zh)).toEqual([expect.stringMatching(/C16.*✓$/)]);
  });

  it('a ratio whose denominator is zero answers as the rule says: false or unknown', () => {
    const share = (ifZero: 'false' | 'unknown'): Rule => ({
      compare: [{ ratio: [{ fact: 'rd_expense' }, { fact: 'operating_revenue' }], ifZero }, '>=', 0.03],
    });
    expect(answer(share('false'))).toBe('not_eligible');
    expect(answer(share('unknown'))).toBe('unknown');
  });

  it('dated parameters: the value in force on the evaluation date', () => {
    const parameter: Parameter = {
      unit: '万元',
      reference: 'test',
      values: [
        { from: '2019-01-01', value: 100 },
        { from: '2022-01-01', value: 300 },
      ],
    };
    expect(parameterOn(parameter, '2018-12-31')).toBeNull();
    expect(parameterOn(parameter, '2021-12-31')).toBe(100);
    expect(parameterOn(parameter, '2022-01-01')).toBe(300);
  });
});

describe('eligibility rules: refused at save with the path of the bad node', () => {
  it.each([
    [{ all: [{ compare: [{ fact: 'profit' }, '<=', 300] }] }, 'rule.all[0].compare[0].fact', 'profit'],
    [{ compare: [{ fact: 'employees' }, '<=', '2020-01-01'] }, 'rule.compare[2]', '2020-01-01'],
    [
      { compare: [{ ratio: [{ fact: 'rd_expense' }, { fact: 'operating_revenue' }] }, '>=', 0.03] },
      'rule.compare[0].ratio[1]',
      'ifZero',
    ],
    [{ compare: [{ fact: 'employees' }, '<=', { fact: 'total_assets' }] }, 'rule.compare', 'persons'],
    [{ compare: [{ fact: 'employees' }, '<=', { param: 'nowhere' }] }, 'rule.compare[2].param', 'nowhere'],
    [{ any: [] }, 'rule.any', 'list'],
    [{ size: ['tiny'] }, 'rule.size', 'size'],
    [{ frobnicate: 1 }, 'rule', 'unknown'],
    [{ region: ['320583', '999999'] }, 'rule.region[1]', '999999'],
  ])('%j', (rule, path, word) => {
    const problems = checkRule(rule, PARAMETERS);
    expect(problems[0]?.path).toBe(path);
    expect(problems[0]?.message.en).toContain(word);
    expect(problems[0]?.message.zh.length).toBeGreaterThan(0);
  });
});

describe('eligibility rules: near misses only for conditions the enterprise can still meet (issue 12)', () => {
  const AGE: Record<string, Parameter> = {
    age_max: {
      unit: 'years',
      reference: '昆中小〔2026〕3号（演示）',
      values: [{ from: '2026-01-01', value: 3 }],
    },
    age_min: { unit: 'years', reference: '演示', values: [{ from: '2026-01-01', value: 2 }] },
    employees_max: { unit: 'persons', reference: '演示', values: [{ from: '2026-01-01', value: 20 }] },
  };
  const YOUNG_AND_SMALL: Rule = {
    all: [
      { region: ['320583'] },
      { compare: [{ age: 'years' }, '<', { param: 'age_max' }] },
      { compare: [{ fact: 'employees' }, '<=', { param: 'employees_max' }] },
    ],
  };
  const firm = (more: Partial<EnterpriseFacts>) => enterprise({ employees: 12 }, more);
  const nearMissOf = (rule: Rule, facts: EnterpriseFacts) => evaluateRule(rule, facts, DATE, AGE);

  it.each<[string, Rule, Partial<EnterpriseFacts>, string | null]>([
    // 成立 30 年 < 3 年: age only grows.
    ['too old for an age maximum', YOUNG_AND_SMALL, { establishedOn: '1996-01-01' }, null],
    [
      'registered in another region',
      YOUNG_AND_SMALL,
      { establishedOn: '2025-01-01', regionCode: '110101' },
      null,
    ],
    ['in another industry', { all: [{ industry: ['I'] }, { region: ['320000'] }] }, {}, null],
    [
      'a figure of a year that has ended (named year)',
      { all: [{ region: ['320000'] }, { compare: [{ fact: 'employees', year: { year: 2025 } }, '>=', 50] }] },
      {},
      null,
    ],
    [
      'a size class of a year that has ended',
      { all: [{ region: ['320000'] }, { size: ['medium'], year: { year: 2024 } }] },
      { sizes: [{ standard: 'cn-2011', year: 2024, size: 'micro' }] },
      null,
    ],
    [
      'a revoked registration',
      { all: [{ region: ['320000'] }, { status: ['active'] }] },
      { status: 'revoked' },
      null,
    ],
    [
      'young enough, but too many employees (next year’s figure can change)',
      YOUNG_AND_SMALL,
      { establishedOn: '2025-01-01', figures: { 2025: { employees: 25 } } },
      '从业人员（2025 年） 25 人 ≤ 20 人 ✗',
    ],
    [
      'not old enough yet (an age minimum is reached with time)',
      { all: [{ region: ['320000'] }, { compare: [{ age: 'years' }, '>=', { param: 'age_min' }] }] },
      { establishedOn: '2025-06-01' },
      '成立 1 年 ≥ 2 年 ✗',
    ],
    [
      'a certification not held yet',
      { all: [{ region: ['320000'] }, { certified: '高新技术企业' }] },
      {},
      '未持有有效的“高新技术企业” ✗',
    ],
    [
      'a suspended registration (it can resume)',
      { all: [{ region: ['320000'] }, { status: ['active'] }] },
      { status: 'suspended' },
      '登记状态 停业 ✗',
    ],
    [
      'not (age ≥ 3) is age < 3: unattainable once older',
      { all: [{ region: ['320000'] }, { not: { compare: [{ age: 'years' }, '>=', 3] } }] },
      { establishedOn: '2019-09-01' },
      null,
    ],
    [
      'a nested any with one attainable way',
      { all: [{ region: ['320000'] }, { any: [{ region: ['110000'] }, { certified: '专精特新中小企业' }] }] },
      {},
      '满足以下任一项 ✗',
    ],
    [
      'a nested any with no attainable way',
      { all: [{ region: ['320000'] }, { any: [{ region: ['110000'] }, { industry: ['A'] }] }] },
      {},
      null,
    ],
  ])('%s', (_name, rule, more, expected) => {
    const answer = nearMissOf(rule, firm(more));
    expect(answer.outcome).toBe('not_eligible');
    expect(answer.nearMiss?.text.zh ?? null).toBe(expected);
  });

  it('is eligible-or-not as before: an unattainable failure only removes the near miss', () => {
    const old = nearMissOf(YOUNG_AND_SMALL, firm({ establishedOn: '1996-01-01' }));
    expect(old.explanation.children?.[1]?.text.zh).toBe('成立 30 年 < 3 年 ✗');
    expect(old.outcome).toBe('not_eligible');
  });
});
