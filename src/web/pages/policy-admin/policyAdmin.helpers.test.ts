import { describe, expect, it } from 'vitest';
import type { PolicyDefinition, Rule } from '../../api/client.ts';
import {
  addCode,
  areaOf,
  compactFacts,
  definitionOf,
  factsFieldsOf,
  factsWithFields,
  fingerprint,
  infoFieldErrors,
  infoFieldOf,
  modelOf,
  newModel,
  normalizeField,
  parameterOf,
  parseFacts,
  proposedIssuer,
  proposePolicyId,
  testIndexOf,
} from './policyModel.ts';
import {
  changeGroupKind,
  childPath,
  childrenOf,
  hasProblemsBelow,
  moveItem,
  newNum,
  newRule,
  numKind,
  numUnit,
  ownProblems,
  removeItem,
  replaceItem,
  ruleKind,
  withChildren,
  withYear,
  yearChoice,
  yearRefOf,
} from './ruleTree.ts';

const leafA: Rule = { region: ['320583'] };
const leafB: Rule = { certified: '专精特新中小企业' };

describe('rule tree', () => {
  it('tells the kind of a node as the server does', () => {
    expect(ruleKind({ all: [] })).toBe('all');
    expect(ruleKind({ not: leafA })).toBe('not');
    expect(ruleKind({ compare: [1, '<', 2] })).toBe('compare');
    expect(ruleKind({ size: ['micro'], year: { relative: -1 } })).toBe('size');
    expect(ruleKind({ foo: 1 })).toBeNull();
    expect(ruleKind(null)).toBeNull();
  });

  it('reads and replaces the children of groups', () => {
    expect(childrenOf({ all: [leafA, leafB] })).toEqual([leafA, leafB]);
    expect(childrenOf({ not: leafA })).toEqual([leafA]);
    expect(childrenOf(leafA)).toEqual([]);
    expect(withChildren({ any: [leafA] }, [leafB])).toEqual({ any: [leafB] });
    expect(withChildren({ not: leafA }, [leafB])).toEqual({ not: leafB });
    expect(withChildren(leafA, [leafB])).toBe(leafA);
  });

  it('switches group kinds keeping the conditions', () => {
    expect(changeGroupKind({ all: [leafA, leafB] }, 'any')).toEqual({ any: [leafA, leafB] });
    expect(changeGroupKind({ all: [leafA] }, 'not')).toEqual({ not: leafA });
    expect(changeGroupKind({ any: [leafA, leafB] }, 'not')).toEqual({ not: { all: [leafA, leafB] } });
    expect(changeGroupKind({ not: { any: [leafA, leafB] } }, 'all')).toEqual({ all: [leafA, leafB] });
    expect(changeGroupKind({ not: leafA }, 'any')).toEqual({ any: [leafA] });
    const same = { all: [leafA] };
    expect(changeGroupKind(same, 'all')).toBe(same);
  });

  it('makes new conditions of every kind', () => {
    expect(newRule('compare', { figure: 'operating_revenue' })).toEqual({
      compare: [{ fact: 'operating_revenue' }, '<=', 0],
    });
    expect(newRule('region', { region: '320583' })).toEqual({ region: ['320583'] });
    expect(newRule('region')).toEqual({ region: [] });
    expect(newRule('certified', { certification: '高新技术企业' })).toEqual({ certified: '高新技术企业' });
    expect(ruleKind(newRule('not'))).toBe('not');
    for (const kind of ['size', 'taxpayer', 'status', 'industry', 'all', 'any'] as const)
      expect(ruleKind(newRule(kind))).toBe(kind);
  });

  it('moves, replaces and removes list items', () => {
    expect(moveItem([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(moveItem([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(moveItem([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(replaceItem([1, 2, 3], 1, 9)).toEqual([1, 9, 3]);
    expect(removeItem([1, 2, 3], 1)).toEqual([1, 3]);
  });

  it('names paths and finds the problems of each node', () => {
    expect(childPath('rule', 'all', 2)).toBe('rule.all[2]');
    expect(childPath('rule.any[0]', 'not', 0)).toBe('rule.any[0].not');
    const problems = [
      { field: 'rule.all', message: 'empty' },
      { field: 'rule.all[0].compare[0].fact', message: 'unknown fact' },
      { field: 'rule.all[1].any', message: 'empty group' },
      { field: 'rule.all[1].any[0].region[0]', message: 'bad code' },
    ];
    expect(ownProblems('rule', 'all', problems).map((p) => p.message)).toEqual(['empty']);
    expect(ownProblems('rule.all[0]', 'compare', problems).map((p) => p.message)).toEqual(['unknown fact']);
    expect(ownProblems('rule.all[1]', 'any', problems).map((p) => p.message)).toEqual(['empty group']);
    expect(ownProblems('rule.all[1].any[0]', 'region', problems).map((p) => p.message)).toEqual(['bad code']);
    expect(ownProblems('rule.all[1]', 'not', problems)).toEqual([]);
    expect(hasProblemsBelow('rule.all[1]', problems)).toBe(true);
    expect(hasProblemsBelow('rule.all[2]', problems)).toBe(false);
  });

  describe('numeric expressions and years', () => {
    const figures = { employees: 'persons', operating_revenue: '万元' };

    it('tells the kind of a numeric expression', () => {
      expect(numKind(3)).toBe('number');
      expect(numKind({ fact: 'employees' })).toBe('fact');
      expect(numKind({ age: 'years' })).toBe('age');
      expect(numKind({ param: 'x' })).toBe('param');
      expect(numKind(newNum('ratio'))).toBe('ratio');
    });

    it('gives the unit of a fact, a parameter and an age, and none of a plain number', () => {
      expect(numUnit({ fact: 'employees' }, figures, {})).toBe('persons');
      expect(numUnit({ param: 'cap' }, figures, { cap: '万元' })).toBe('万元');
      expect(numUnit(12, figures, {})).toBeNull();
      expect(numUnit({ age: 'years' }, figures, {})).toBe('years');
    });

    it('shows a year reference as a choice, last year when there is none', () => {
      expect(yearChoice(undefined)).toBe('rel:-1');
      expect(yearChoice({ relative: -1 })).toBe('rel:-1');
      expect(yearChoice({ relative: 0 })).toBe('rel:0');
      expect(yearChoice({ year: 2024 })).toBe('named');
    });

    it('turns a choice back into a year reference, none for last year', () => {
      expect(yearRefOf('rel:-1', 2025)).toBeUndefined();
      expect(yearRefOf('rel:-2', 2025)).toEqual({ relative: -2 });
      expect(yearRefOf('named', 2024)).toEqual({ year: 2024 });
    });

    it('sets or removes the year of a node', () => {
      expect(withYear({ fact: 'employees', year: { year: 2024 } }, undefined)).toEqual({ fact: 'employees' });
      const sizeNode: { size: string[]; year?: { relative: number } } = { size: ['micro'] };
      expect(withYear(sizeNode, { relative: 0 })).toEqual({
        size: ['micro'],
        year: { relative: 0 },
      });
    });
  });
});

const saved: PolicyDefinition = {
  id: 'demo-reward',
  title: { zh: '奖励', en: 'Reward' },
  issuer: '昆山市',
  documentNumber: '昆〔2026〕1号',
  issuedOn: null,
  effectiveFrom: '2026-01-01',
  expiresOn: null,
  regions: [],
  method: 'automatic',
  benefit: { zh: '十万元', en: '100k' },
  howTo: null,
  interpretation: { zh: '解读', en: '' },
  fullText: null,
  contact: null,
  link: 'https://example.org/p',
  topics: ['cultivation'],
  demo: false,
  parameters: {
    employees_max: { unit: 'persons', reference: '文号', values: [{ from: '2026-01-01', value: 20 }] },
  },
  rule: { all: [{ compare: [{ fact: 'employees' }, '<=', { param: 'employees_max' }] }] },
  tests: [
    {
      name: 'ok',
      date: '2026-05-31',
      expect: 'eligible',
      facts: {
        industryCode: null,
        regionCode: '320583',
        establishedOn: null,
        status: 'active',
        certifications: [],
        sizes: [],
        figures: { 2025: { employees: 12 } },
      },
    },
  ],
};

describe('policy model', () => {
  describe('a saved definition', () => {
    const model = modelOf(saved);
    const { definition, problems } = definitionOf(model);

    it('becomes form values with empty strings for what is missing', () => {
      expect(model.info.howTo).toEqual({ zh: '', en: '' });
      expect(model.info.contact).toBe('');
    });

    it('becomes a list of parameters', () => {
      expect(model.parameters).toEqual([
        {
          name: 'employees_max',
          unit: 'persons',
          reference: '文号',
          values: [{ from: '2026-01-01', value: 20 }],
        },
      ]);
    });

    it('shows a test case’s facts compacted as JSON', () => {
      expect(JSON.parse(model.tests[0]?.facts ?? '')).toEqual({
        regionCode: '320583',
        figures: { 2025: { employees: 12 } },
      });
    });

    it('comes back from the form without problems', () => {
      expect(problems).toEqual([]);
    });

    it('comes back national when it names no region', () => {
      expect(definition.regions).toBe('national');
    });

    it('comes back with null for empty texts and keeps a half-filled one', () => {
      expect(definition.howTo).toBeNull();
      expect(definition.interpretation).toEqual({ zh: '解读', en: '' });
      expect(definition.contact).toBeNull();
    });

    it('comes back with the same parameters', () => {
      expect(definition.parameters).toEqual(saved.parameters);
    });

    it('comes back with its test cases’ facts compacted', () => {
      expect(definition.tests).toEqual([
        {
          name: 'ok',
          date: '2026-05-31',
          expect: 'eligible',
          facts: { regionCode: '320583', figures: { 2025: { employees: 12 } } },
        },
      ]);
    });
  });

  it('finds what only the browser can see', () => {
    const model = modelOf(saved);
    model.tests.push({
      name: 'x',
      date: '2026-01-01',
      expect: 'unknown',
      facts: '{oops',
      nearMiss: '',
      noNearMiss: false,
    });
    model.parameters.push({ name: 'employees_max', unit: 'persons', reference: 'x', values: [] });
    model.parameters.push({ name: ' ', unit: 'none', reference: '', values: [] });
    const { problems } = definitionOf(model);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['parameters.employees_max', 'paramDuplicate'],
      ['parameters.#3', 'paramName'],
      ['tests.1', 'factsJson'],
    ]);
  });

  it('starts a new policy for the official’s region and tells unsaved edits', () => {
    const model = newModel('2026-06-01', '320583');
    expect(model.info.regions).toEqual(['320583']);
    expect(model.info.effectiveFrom).toBe('2026-06-01');
    expect(newModel('2026-06-01', null).info.regions).toEqual([]);
    const before = fingerprint(model);
    expect(fingerprint({ ...model, info: { ...model.info } })).toBe(before);
    expect(fingerprint({ ...model, info: { ...model.info, issuer: 'x' } })).not.toBe(before);
  });

  it('compacts test facts', () => {
    expect(compactFacts({ status: 'active', sizes: [], figures: {}, regionCode: null })).toEqual({});
    expect(compactFacts({ status: 'revoked' })).toEqual({ status: 'revoked' });
    expect(compactFacts('x')).toEqual({});
  });

  describe('server problems', () => {
    it('takes the request’s prefixes off a field', () => {
      expect(normalizeField('definition.rule.all[0].compare[0].fact')).toBe('rule.all[0].compare[0].fact');
      expect(normalizeField('body.definition.regions.0')).toBe('regions.0');
      expect(normalizeField('yaml.title')).toBe('title');
      expect(normalizeField('definition')).toBe('definition');
      expect(normalizeField('tests.0')).toBe('tests.0');
    });

    it('places a field in an area of the editor', () => {
      expect(areaOf('rule.all[0]')).toBe('rule');
      expect(areaOf('rule')).toBe('rule');
      expect(areaOf('regions.0')).toBe('info');
      expect(areaOf('parameters.x.values.0')).toBe('parameters');
      expect(areaOf('tests.1')).toBe('tests');
      expect(areaOf('changeNote')).toBe('publish');
      expect(areaOf('definition')).toBe('other');
    });

    it('names the form field of an information problem, none of another', () => {
      expect(infoFieldOf('title')).toEqual(['title', 'zh']);
      expect(infoFieldOf('title.en')).toEqual(['title', 'en']);
      expect(infoFieldOf('regions.0')).toEqual(['regions']);
      expect(infoFieldOf('effectiveFrom')).toEqual(['effectiveFrom']);
      expect(infoFieldOf('rule.all')).toBeNull();
    });

    it('gathers the information problems by form field, leaving out the others', () => {
      expect(
        infoFieldErrors([
          { field: 'regions.0', message: 'a' },
          { field: 'regions.1', message: 'b' },
          { field: 'rule', message: 'c' },
        ]),
      ).toEqual([{ name: ['regions'], errors: ['a', 'b'] }]);
    });

    it('finds the test case of a problem', () => {
      expect(testIndexOf('tests.3')).toBe(3);
      expect(testIndexOf('tests[2].facts')).toBe(2);
      expect(testIndexOf('rule')).toBeNull();
    });

    it('finds the parameter of a problem', () => {
      expect(parameterOf('parameters.age_max.values.0')).toBe('age_max');
      expect(parameterOf('parameters')).toBeNull();
    });
  });

  it('adds a region code once, and nothing for no code', () => {
    expect(addCode(['1'], '2')).toEqual(['1', '2']);
    expect(addCode(['1'], '1')).toEqual(['1']);
    expect(addCode(['1'], undefined)).toEqual(['1']);
  });
});

describe('policy editor: proposals and the test-case form (issue 12)', () => {
  it('proposes an id of region, year and the first free sequence', () => {
    expect(proposePolicyId('320583', 2026, [])).toBe('320583-2026-01');
    expect(proposePolicyId('320583', 2026, ['320583-2026-01', '320583-2026-02'])).toBe('320583-2026-03');
    expect(proposePolicyId(null, 2026, ['cn-2026-01'])).toBe('cn-2026-02');
    expect(proposePolicyId('320583', 2026, [])).toMatch(/^[a-z0-9][a-z0-9-]{2,80}$/);
  });

  it('proposes the issuing body from the region and the department', () => {
    expect(proposedIssuer('昆山市', '中小企业主管部门')).toBe('昆山市中小企业主管部门');
    expect(proposedIssuer('昆山市', null)).toBe('昆山市');
  });

  it('keeps a test case that expects no near miss', () => {
    const model = modelOf({
      ...saved,
      tests: [
        { name: 'old', date: '2026-05-31', facts: {} as never, expect: 'not_eligible', nearMiss: null },
      ],
    } as PolicyDefinition);
    expect(model.tests[0]?.noNearMiss).toBe(true);
    expect((definitionOf(model).definition.tests as { nearMiss?: unknown }[])[0]?.nearMiss).toBeNull();
  });

  it('edits facts through the form and keeps what the form does not show', () => {
    const facts = parseFacts(
      JSON.stringify({ regionCode: '320583', figures: { 2024: { employees: 5 } }, extra: 1 }),
    ) as Record<string, unknown>;
    const fields = factsFieldsOf(facts, '2026-05-31');
    expect(fields).toMatchObject({ regionCode: '320583', year: 2024, figures: { employees: 5 } });
    const text = factsWithFields(facts, {
      ...fields,
      establishedOn: '2020-01-01',
      figures: { employees: 12, taxable_income: 100 },
      vatTaxpayerType: 'small_scale',
      size: 'micro',
      certifications: ['高新技术企业'],
    });
    expect(JSON.parse(text)).toEqual({
      regionCode: '320583',
      establishedOn: '2020-01-01',
      figures: { 2024: { employees: 12, taxable_income: 100, vatTaxpayerType: 'small_scale' } },
      sizes: [{ standard: 'cn-2011', year: 2024, size: 'micro' }],
      certifications: [{ name: '高新技术企业', validFrom: '2000-01-01', validTo: null }],
      extra: 1,
    });
    expect(parseFacts('{oops')).toBeNull();
    expect(factsFieldsOf({}, '2026-05-31').year).toBe(2025);
  });
});
