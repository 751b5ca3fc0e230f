import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPARTMENT as SERVER_DEFAULT_DEPARTMENT } from '../../../../server/modules/cases/index.ts';
import type { RoutingRule } from '../../../api/routingRules.ts';
import {
  categoriesOf,
  changesRule,
  DEFAULT_DEPARTMENT,
  explainRouting,
  formValuesOf,
  isRegionPrefix,
  NEW_RULE_VALUES,
  type RoutingProbe,
  regionCodeOfPrefix,
  regionPrefixOf,
  ruleBodyOf,
  tiedRuleIds,
} from './routingModel.ts';

let nextId = 1;
function rule(fields: Partial<RoutingRule>): RoutingRule {
  return {
    id: nextId++,
    caseType: 'demand',
    category: null,
    regionPrefix: '',
    departmentCode: 'sme',
    acceptWorkingDays: null,
    resultDays: null,
    priority: 0,
    isActive: true,
    version: 1,
    ...fields,
  };
}

const KUNSHAN = '320583';
const taxInKunshan: RoutingProbe = { caseType: 'demand', category: 'tax', regionCode: KUNSHAN };

describe('which rule routes a case', () => {
  const everywhere = rule({ departmentCode: 'ndrc' });
  const jiangsu = rule({ regionPrefix: '32', departmentCode: 'miit' });
  const suzhou = rule({ regionPrefix: '3205', departmentCode: 'mofcom' });
  const suzhouTax = rule({ regionPrefix: '3205', category: 'tax', departmentCode: 'sat', resultDays: 20 });
  const suzhouTaxHigh = rule({ regionPrefix: '3205', category: 'tax', departmentCode: 'mof', priority: 5 });
  const kunshanOff = rule({ regionPrefix: KUNSHAN, departmentCode: 'most', isActive: false });
  const guangdong = rule({ regionPrefix: '44', departmentCode: 'samr' });
  const arrears = rule({ caseType: 'arrears', departmentCode: 'samr' });
  const arrearsKunshan = rule({ caseType: 'arrears', regionPrefix: KUNSHAN, category: 'arrears' });

  const cases: {
    name: string;
    rules: RoutingRule[];
    probe: RoutingProbe;
    expected: string;
    rule: number | null;
  }[] = [
    { name: 'no rule: the SME authority', rules: [], probe: taxInKunshan, expected: 'sme', rule: null },
    {
      name: 'a rule for everywhere',
      rules: [everywhere],
      probe: taxInKunshan,
      expected: 'ndrc',
      rule: everywhere.id,
    },
    {
      name: 'the longest region prefix before a category or priority',
      rules: [everywhere, jiangsu, suzhou],
      probe: taxInKunshan,
      expected: 'mofcom',
      rule: suzhou.id,
    },
    {
      name: 'a category over none at the same prefix',
      rules: [suzhou, suzhouTax],
      probe: taxInKunshan,
      expected: 'sat',
      rule: suzhouTax.id,
    },
    {
      name: 'the higher priority among equally specific rules',
      rules: [suzhouTax, suzhouTaxHigh],
      probe: taxInKunshan,
      expected: 'mof',
      rule: suzhouTaxHigh.id,
    },
    {
      name: 'not a rule of another category',
      rules: [suzhou, suzhouTax],
      probe: { ...taxInKunshan, category: 'financing' },
      expected: 'mofcom',
      rule: suzhou.id,
    },
    {
      name: 'not an inactive rule, however specific',
      rules: [jiangsu, kunshanOff],
      probe: taxInKunshan,
      expected: 'miit',
      rule: jiangsu.id,
    },
    {
      name: 'not a rule of another region',
      rules: [guangdong],
      probe: taxInKunshan,
      expected: 'sme',
      rule: null,
    },
    {
      name: 'not a rule of the other case type',
      rules: [arrears],
      probe: taxInKunshan,
      expected: 'sme',
      rule: null,
    },
    {
      name: 'arrears by the arrears category and the debtor’s region',
      rules: [arrears, arrearsKunshan, suzhou],
      probe: { caseType: 'arrears', category: 'arrears', regionCode: KUNSHAN },
      expected: 'sme',
      rule: arrearsKunshan.id,
    },
  ];

  for (const { name, rules, probe, expected, rule: ruleId } of cases) {
    it(name, () => {
      const explained = explainRouting(rules, probe);
      expect(explained.departmentCode).toBe(expected);
      expect(explained.rule?.id ?? null).toBe(ruleId);
    });
  }

  it('uses the same default department as the server', () => {
    expect(DEFAULT_DEPARTMENT).toBe(SERVER_DEFAULT_DEPARTMENT);
  });

  it('gives a demand the limits of its rule and an arrears complaint none', () => {
    expect(explainRouting([suzhouTax], taxInKunshan)).toMatchObject({
      acceptWorkingDays: null,
      resultDays: 20,
    });
    const odd = rule({ caseType: 'arrears', resultDays: 10 });
    expect(
      explainRouting([odd], { caseType: 'arrears', category: 'arrears', regionCode: KUNSHAN }),
    ).toMatchObject({ rule: odd, resultDays: null });
  });

  it('lists the equally specific rules, the outranked ones and the inactive ones', () => {
    const twin = rule({ regionPrefix: '3205', category: 'tax', departmentCode: 'pbc', priority: 5 });
    const explained = explainRouting([everywhere, suzhouTaxHigh, twin, suzhou, kunshanOff], taxInKunshan);
    expect(explained.rule).toBe(suzhouTaxHigh);
    expect(explained.ties).toEqual([twin]);
    expect(explained.outranked).toEqual([suzhou, everywhere]);
    expect(explained.inactive).toEqual([kunshanOff]);
  });
});

describe('ties among active rules', () => {
  it('are rules of the same type, category, prefix and priority', () => {
    const a = rule({ regionPrefix: '32', departmentCode: 'miit' });
    const b = rule({ regionPrefix: '32', departmentCode: 'sat' });
    const otherPriority = rule({ regionPrefix: '32', priority: 1 });
    const otherCategory = rule({ regionPrefix: '32', category: 'tax' });
    const inactive = rule({ regionPrefix: '32', isActive: false });
    const arrears = rule({ caseType: 'arrears', regionPrefix: '32' });
    expect([...tiedRuleIds([a, b, otherPriority, otherCategory, inactive, arrears])].sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect(tiedRuleIds([a, otherPriority]).size).toBe(0);
  });
});

describe('region prefixes', () => {
  it('cover a province, a city or a county', () => {
    expect(regionPrefixOf('320000')).toBe('32');
    expect(regionPrefixOf('320500')).toBe('3205');
    expect(regionPrefixOf('320583')).toBe('320583');
    expect(regionPrefixOf('110101')).toBe('110101');
  });

  it('name the region they cover', () => {
    expect(regionCodeOfPrefix('')).toBeNull();
    expect(regionCodeOfPrefix('32')).toBe('320000');
    expect(regionCodeOfPrefix('3205')).toBe('320500');
    expect(regionCodeOfPrefix('320583')).toBe('320583');
    expect(regionCodeOfPrefix('325')).toBeNull();
  });

  it('are empty or 2, 4 or 6 digits', () => {
    expect(['', '32', '3205', '320583'].every(isRegionPrefix)).toBe(true);
    expect(['3', '320', '32058', '3205830', '32a5'].some(isRegionPrefix)).toBe(false);
  });
});

describe('the rule form', () => {
  it('offers demand categories for demands and the arrears category for arrears', () => {
    expect(categoriesOf('demand')).toContain('tax');
    expect(categoriesOf('arrears')).toEqual(['arrears']);
  });

  it('sends empty inputs as null, the defaults for a new rule, and limits as entered', () => {
    expect(ruleBodyOf({ ...NEW_RULE_VALUES, departmentCode: 'sat', category: undefined })).toEqual({
      caseType: 'demand',
      category: null,
      regionPrefix: '',
      departmentCode: 'sat',
      acceptWorkingDays: null,
      resultDays: null,
      priority: 0,
      isActive: true,
    });
    expect(
      ruleBodyOf({
        caseType: 'arrears',
        departmentCode: 'samr',
        resultDays: 30,
        priority: null,
        category: '',
      }),
    ).toMatchObject({ caseType: 'arrears', category: null, resultDays: 30, priority: 0, isActive: true });
  });

  it('round-trips a rule and tells whether a save changes it', () => {
    const existing = rule({
      regionPrefix: '3205',
      category: 'tax',
      departmentCode: 'sat',
      acceptWorkingDays: 3,
    });
    const body = ruleBodyOf(formValuesOf(existing));
    expect(changesRule(existing, body)).toBe(false);
    expect(changesRule(existing, { ...body, priority: 2 })).toBe(true);
    expect(changesRule(existing, { ...body, acceptWorkingDays: null })).toBe(true);
  });
});
