/**
 * The monitoring rules (issue 16): questions checked (an index question's direction and weight, a sub-index's
 * weights summing to 1, each kind's attributes), answers checked against their questions, the quality flags, the
 * allocation of a panel, and the indices from weighted counts with the worked examples of
 * docs/reference/monitoring.md §8.
 */
import { describe, expect, it } from 'vitest';
import { levelWording } from './monitoring.compute.ts';
import {
  allocate,
  type Cell,
  checkAnswers,
  checkQuestions,
  checkWeightSet,
  computeFigures,
  designWeight,
  type Figure,
  type IndexWeights,
  lastAnswerDay,
  periodFits,
  previousPeriod,
  type Question,
  type QuestionDraft,
  qualityFlags,
  withheldFigures,
} from './monitoring.rules.ts';

const level = (code: string, extra: Partial<QuestionDraft> = {}): QuestionDraft => ({
  code,
  textZh: `问题${code}`,
  kind: 'three_level',
  ...extra,
});

const EQUAL: IndexWeights = {
  subIndex: {
    macro: '0.125',
    operations: '0.125',
    market: '0.125',
    cost: '0.125',
    funding: '0.125',
    labour: '0.125',
    investment: '0.125',
    profit: '0.125',
  },
  industry: {
    industry: '0.4',
    construction: '0.08',
    transport: '0.06',
    real_estate: '0.07',
    wholesale_retail: '0.14',
    social_services: '0.15',
    information: '0.06',
    accommodation_catering: '0.04',
  },
};

function questions(drafts: QuestionDraft[]): Question[] {
  const { questions: out, errors } = checkQuestions(drafts);
  expect(errors).toEqual([]);
  return out;
}

describe('checkQuestions', () => {
  it('refuses an index question without a direction or a weight, each on its field', () => {
    const { errors } = checkQuestions([level('orders', { subIndex: 'market' })]);
    expect(errors.map((e) => e.field)).toEqual(['questions[0].direction', 'questions[0].weight']);
    expect(errors[0]?.message.zh).toContain('方向');
  });

  it('refuses a sub-index whose question weights do not sum to 1, naming the sum (§8.3)', () => {
    const { errors } = checkQuestions([
      level('orders', { subIndex: 'market', direction: 'up_is_good', weight: '0.5' }),
      level('output', { subIndex: 'market', direction: 'up_is_good', weight: '0.3' }),
      level('sales', { subIndex: 'market', direction: 'up_is_good', weight: '0.1' }),
    ]);
    expect(errors).toEqual([
      {
        field: 'questions[0].weight',
        message: {
          zh: '“市场指数”分项各问题的权重之和为 0.9，应为 1',
          en: expect.stringContaining('sum to 0.9, not to 1'),
        },
      },
    ]);
    // 0.5 + 0.3 + 0.2 is 1 as decimals (its binary sum is not).
    expect(
      checkQuestions([
        level('orders', { subIndex: 'market', direction: 'up_is_good', weight: '0.5' }),
        level('output', { subIndex: 'market', direction: 'up_is_good', weight: '0.3' }),
        level('sales', { subIndex: 'market', direction: 'up_is_good', weight: '0.2' }),
      ]).errors,
    ).toEqual([]);
  });

  it('keeps each kind to its own attributes', () => {
    const { errors } = checkQuestions([
      { code: 'staff', textZh: '从业人员', kind: 'number' },
      { code: 'pick', textZh: '选择一项', kind: 'choice', choices: [{ code: 'a', zh: '甲' }] },
      { code: 'note', textZh: '意见建议', kind: 'text', unit: '人' },
      { code: 'range', textZh: '数值范围', kind: 'number', unit: '人', min: '10', max: '5' },
      level('dup'),
      level('dup'),
      level('Bad-Code'),
      {
        code: 'num_index',
        textZh: '数值指数',
        kind: 'number',
        unit: '人',
        subIndex: 'labour',
        direction: 'up_is_good',
        weight: '1',
      },
    ]);
    expect(errors.map((e) => e.field)).toEqual([
      'questions[0].unit',
      'questions[1].choices',
      'questions[2].unit',
      'questions[3].max',
      'questions[5].code',
      'questions[6].code',
      'questions[7].subIndex',
      'questions[7].direction',
    ]);
  });

  it('lets one question answer a PMI component, once', () => {
    const { errors } = checkQuestions([
      level('a', { pmiComponent: 'new_orders', direction: 'up_is_good' }),
      level('b', { pmiComponent: 'new_orders', direction: 'up_is_good' }),
      level('c', { pmiComponent: 'gdp' }),
    ]);
    expect(errors.map((e) => e.field)).toEqual(['questions[1].pmiComponent', 'questions[2].pmiComponent']);
  });
});

describe('checkWeightSet', () => {
  const codes = ['a', 'b', 'c'];
  it('takes a whole set summing to exactly 1', () => {
    expect(
      checkWeightSet(
        [
          { code: 'a', weight: '0.1' },
          { code: 'b', weight: '0.2' },
          { code: 'c', weight: '0.7' },
        ],
        codes,
      ),
    ).toEqual([]);
  });
  it('names a missing code, a repeated one and a sum other than 1', () => {
    expect(
      checkWeightSet(
        [
          { code: 'a', weight: '0.5' },
          { code: 'a', weight: '0.5' },
        ],
        codes,
      ).map((e) => e.field),
    ).toEqual(['items[1].code', 'items']);
    const [sum] = checkWeightSet(
      [
        { code: 'a', weight: '0.5' },
        { code: 'b', weight: '0.2' },
        { code: 'c', weight: '0.2' },
      ],
      codes,
    );
    expect(sum?.message.en).toBe('the weights sum to 0.9, not to 1');
  });
});

describe('periods', () => {
  it('fits a period to the frequency and steps back across years', () => {
    expect(periodFits('2026-11', 'monthly')).toBe(true);
    expect(periodFits('2026-Q4', 'monthly')).toBe(false);
    expect(periodFits('2026-Q4', 'quarterly')).toBe(true);
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-10')).toBe('2026-09');
    expect(lastAnswerDay('2026-12-30', 3)).toBe('2027-01-02');
  });
});

describe('checkAnswers', () => {
  const qs = questions([
    level('orders', { subIndex: 'market', direction: 'up_is_good', weight: '1' }),
    { code: 'staff', textZh: '从业人员', kind: 'number', unit: '人', min: '0', max: '500', decimals: 0 },
    { code: 'sales', textZh: '营业收入', kind: 'number', unit: '万元', min: '0', decimals: 1 },
    {
      code: 'pick',
      textZh: '最大困难',
      kind: 'choice',
      choices: [
        { code: 'cost', zh: '成本' },
        { code: 'demand', zh: '需求' },
      ],
    },
    { code: 'note', textZh: '意见建议', kind: 'text' },
  ]);

  it('stores each answer as its kind, a blank as no answer', () => {
    const { answers, errors } = checkAnswers(qs, [
      { questionCode: 'orders', level: 'down' },
      { questionCode: 'staff', number: '120' },
      { questionCode: 'sales', number: '35.5' },
      { questionCode: 'pick', choice: 'cost' },
      { questionCode: 'note', text: '  ' },
    ]);
    expect(errors).toEqual([]);
    expect(answers).toEqual([
      { questionCode: 'orders', level: -1, number: null, choice: null, text: null },
      { questionCode: 'staff', level: null, number: '120', choice: null, text: null },
      { questionCode: 'sales', level: null, number: '35.5', choice: null, text: null },
      { questionCode: 'pick', level: null, number: null, choice: 'cost', text: null },
    ]);
  });

  it('refuses a number outside its range, too many decimals, an unknown choice or question, the wrong kind', () => {
    const { errors } = checkAnswers(qs, [
      { questionCode: 'staff', number: '501' },
      { questionCode: 'sales', number: '1.25' },
      { questionCode: 'pick', choice: 'weather' },
      { questionCode: 'nope', level: 'up' },
      { questionCode: 'orders', number: '3' },
      { questionCode: 'staff', number: '3' },
    ]);
    expect(errors.map((e) => e.field)).toEqual([
      'answers[0].number',
      'answers[1].number',
      'answers[2].choice',
      'answers[3].questionCode',
      'answers[4].number',
      'answers[5].questionCode',
    ]);
    expect(errors[0]?.message.zh).toBe('超出范围（0–500人）');
  });
});

describe('qualityFlags', () => {
  const qs = questions([
    ...['a', 'b', 'c', 'd', 'e'].map((c) => level(c)),
    { code: 'staff', textZh: '从业人员', kind: 'number', unit: '人', registryFigure: 'employees' },
    { code: 'sales', textZh: '营业收入', kind: 'number', unit: '万元', required: false },
  ]);
  const same = ['a', 'b', 'c', 'd', 'e'].map((c) => ({
    questionCode: c,
    level: 0 as const,
    number: null,
    choice: null,
    text: null,
  }));
  const base = {
    questions: qs,
    previous: [],
    registry: {},
    day: '2026-12-05',
    closesOn: '2026-12-10',
    earlierSubmission: null,
  };

  it('flags missing required answers, straight-lining, late and duplicate submissions', () => {
    const flags = qualityFlags({
      ...base,
      answers: same,
      day: '2026-12-11',
      earlierSubmission: '2026-12-04T08:00:00.000Z',
    });
    expect(flags.map((f) => f.kind)).toEqual(['missing', 'straight_lining', 'late', 'duplicate']);
    expect(flags[0]?.detail).toEqual({ questions: ['staff'] });
  });

  it('flags a number more than 50% away from the registry’s figure or last wave’s answer', () => {
    const answers = [
      { questionCode: 'a', level: 1 as const, number: null, choice: null, text: null },
      { questionCode: 'staff', level: null, number: '160', choice: null, text: null },
      { questionCode: 'sales', level: null, number: '10', choice: null, text: null },
    ];
    const flags = qualityFlags({
      ...base,
      answers,
      registry: { employees: '100' },
      previous: [{ questionCode: 'sales', level: null, number: '30', choice: null, text: null }],
    });
    expect(flags.filter((f) => f.kind.startsWith('jump'))).toEqual([
      {
        kind: 'jump_registry',
        questionCode: 'staff',
        detail: { answer: '160', registry: '100', percent: 60, limitPercent: 50 },
      },
      {
        kind: 'jump_last_wave',
        questionCode: 'sales',
        detail: { answer: '10', previous: '30', percent: 66, limitPercent: 50 },
      },
    ]);
    // Exactly 50% is not a jump.
    expect(
      qualityFlags({
        ...base,
        answers: [{ questionCode: 'staff', level: null, number: '150', choice: null, text: null }],
        registry: { employees: '100' },
      }).map((f) => f.kind),
    ).toEqual(['missing']);
  });
});

describe('allocate', () => {
  const strata = [
    { key: 'a', frame: 600, revenue: '100' },
    { key: 'b', frame: 300, revenue: '700' },
    { key: 'c', frame: 100, revenue: '200' },
  ];
  it('shares the sample in proportion to the strata by the largest remainder', () => {
    expect(allocate(strata, 10, 'proportional')).toEqual([6, 3, 1]);
    expect(allocate(strata, 100, 'proportional')).toEqual([60, 30, 10]);
    expect(allocate(strata, 100, 'revenue')).toEqual([10, 70, 20]);
    // 7 · (0.6, 0.3, 0.1) = 4.2, 2.1, 0.7: floors 4, 2, 0, the one left to the largest remainder (c).
    expect(allocate(strata, 7, 'proportional')).toEqual([4, 2, 1]);
  });
  it('gives a stratum its share rounded to none one from the stratum most above its share', () => {
    const skewed = [
      { key: 'a', frame: 970, revenue: '0' },
      { key: 'b', frame: 20, revenue: '0' },
      { key: 'c', frame: 10, revenue: '0' },
    ];
    // 10 · (0.97, 0.02, 0.01) = 9.7, 0.2, 0.1 → 10, 0, 0; then b and c take one each from a.
    expect(allocate(skewed, 10, 'proportional')).toEqual([8, 1, 1]);
    // Fewer than the strata: no minimum.
    expect(allocate(skewed, 2, 'proportional')).toEqual([2, 0, 0]);
  });
  it('never takes more than a stratum holds, the excess going to the others', () => {
    const small = [
      { key: 'a', frame: 1000, revenue: '0' },
      { key: 'b', frame: 2, revenue: '0' },
    ];
    expect(allocate(small, 500, 'proportional')).toEqual([499, 1]);
    expect(allocate(small, 1002, 'proportional')).toEqual([1000, 2]);
    // By revenue, a would take 90 of 100 but holds 10: the other 80 go to b.
    const rich = [
      { key: 'a', frame: 10, revenue: '900' },
      { key: 'b', frame: 1000, revenue: '100' },
    ];
    expect(allocate(rich, 100, 'revenue')).toEqual([10, 90]);
    // No revenue anywhere: by count.
    expect(allocate(small, 10, 'revenue')).toEqual([9, 1]);
  });
  it('refuses a sample above the frame', () => {
    expect(() => allocate(strata, 1001, 'proportional')).toThrow(RangeError);
  });
  it('writes the design weight N/n with six decimals', () => {
    expect(designWeight(600, 60)).toBe('10');
    expect(designWeight(100, 3)).toBe('33.333333');
  });
});

describe('computeFigures', () => {
  const cell = (
    question: string,
    industry: string,
    region: string,
    size: string,
    lvl: -1 | 0 | 1,
    weight: string,
    responses = 1,
  ): Cell => ({
    question,
    industry,
    region,
    size,
    level: lvl,
    weight,
    responses,
  });

  it('gives §8.1’s balance index 115 from the weighted counts, summed across cells', () => {
    const qs = questions([level('orders', { subIndex: 'market', direction: 'up_is_good', weight: '1' })]);
    const cells = [
      cell('orders', 'industry', '320583', 'small', 1, '120'),
      cell('orders', 'industry', '320581', 'small', 1, '80'),
      cell('orders', 'industry', '320583', 'small', 0, '150'),
      cell('orders', 'industry', '320581', 'micro', 0, '25'),
      cell('orders', 'industry', '320583', 'micro', -1, '100'),
      cell('orders', 'industry', '320581', 'small', -1, '25'),
    ];
    const figures = computeFigures(cells, qs, EQUAL);
    const at = (measure: string, industry: string, region = '', size = '') =>
      figures.find(
        (f) => f.measure === measure && f.industry === industry && f.region === region && f.size === size,
      );
    expect(at('q:orders', 'industry')).toMatchObject({ value: '115.000000', responses: 6 });
    expect(at('sub:market', 'industry')?.value).toBe('115.000000');
    expect(at('overall', 'industry')?.value).toBe('115.000000');
    // Only one industry answered: the overall index is that industry's (its weight renormalised).
    expect(at('overall', '')?.value).toBe('115.000000');
    // A group: county 320583, small: up 120, same 150 → (200·120 + 100·150)/270 = 144.444…
    expect(at('q:orders', 'industry', '320583', 'small')?.value).toBe('144.444444');
  });

  it('flips a down-is-good question (§8.2) and weighs sub-indices and industries (§8.3, §8.4)', () => {
    const qs = questions([
      level('costs', { subIndex: 'cost', direction: 'down_is_good', weight: '1' }),
      level('orders', { subIndex: 'market', direction: 'up_is_good', weight: '1' }),
    ]);
    const cells = [
      cell('costs', 'industry', 'r', 's', 1, '50'),
      cell('costs', 'industry', 'r', 's', 0, '30'),
      cell('costs', 'industry', 'r', 's', -1, '20'),
      cell('orders', 'industry', 'r', 's', 1, '40'),
      cell('orders', 'industry', 'r', 's', 0, '35'),
      cell('orders', 'industry', 'r', 's', -1, '25'),
      cell('orders', 'construction', 'r', 's', 1, '10'),
      cell('orders', 'construction', 'r', 's', -1, '10'),
    ];
    const figures = computeFigures(cells, qs, EQUAL);
    const at = (measure: string, industry: string) =>
      figures.find(
        (f) => f.measure === measure && f.industry === industry && f.region === '' && f.size === '',
      )?.value;
    expect(at('q:costs', 'industry')).toBe('70.000000');
    // Industry: (70 + 115) / 2 with equal sub-index weights; construction: its market index alone, 100.
    expect(at('overall', 'industry')).toBe('92.500000');
    expect(at('overall', 'construction')).toBe('100.000000');
    // Overall: industries 0.4 and 0.08 renormalised: (92.5·0.4 + 100·0.08) / 0.48 = 93.75.
    expect(at('overall', '')).toBe('93.750000');
    expect(at('sub:market', '')).toBe(((115 * 0.4 + 100 * 0.08) / 0.48).toFixed(6));
  });

  it('gives the PMI-style composite when all five components are asked (§8.5)', () => {
    const map = {
      new_orders: [30, 44, 26],
      output: [34, 40, 26],
      employment: [26, 44, 30],
      // Delivery times: 30% longer, 26% shorter → its index counts "shorter": 26 + 22 = 48, entering as 52.
      supplier_delivery: [30, 44, 26],
      raw_material_inventory: [24, 46, 30],
    } as const;
    const qs = questions(Object.keys(map).map((c) => level(c, { pmiComponent: c, direction: 'up_is_good' })));
    const cells = Object.entries(map).flatMap(([q, [u, s, d]]) => [
      cell(q, 'industry', 'r', 's', 1, String(u)),
      cell(q, 'industry', 'r', 's', 0, String(s)),
      cell(q, 'industry', 'r', 's', -1, String(d)),
    ]);
    const pmi = computeFigures(cells, qs, EQUAL).find(
      (f) => f.measure === 'pmi' && f.region === '' && f.size === '',
    );
    // 52, 54, 48, 48 (entering as 52), 47 → 51.2
    expect(pmi?.value).toBe('51.200000');
    // And each industry group's own PMI, from its answers alone (here the only industry's: the same).
    const byIndustry = computeFigures(
      [
        ...cells,
        ...cells.map((c) => ({ ...c, industry: 'construction', weight: c.level === 1 ? '100' : '0' })),
      ],
      qs,
      EQUAL,
    ).filter((f) => f.measure === 'pmi' && f.region === '' && f.size === '');
    expect(Object.fromEntries(byIndustry.map((f) => [f.industry, f.value]))).toEqual({
      // All up: 100, 100, 100, delivery 0 (times fell for none) entering as 100, 100 → 100.
      construction: '100.000000',
      industry: '51.200000',
      // Pooled: each component's counts added across the two industries.
      '': expect.any(String),
    });
  });

  it('gives the same figures whatever the order of the cells', () => {
    const qs = questions([
      level('a', { subIndex: 'market', direction: 'up_is_good', weight: '0.7' }),
      level('b', { subIndex: 'market', direction: 'up_is_good', weight: '0.3' }),
    ]);
    const cells: Cell[] = [];
    let x = 7;
    for (const q of ['a', 'b'])
      for (const industry of ['industry', 'information'])
        for (const region of ['1', '2'])
          for (const size of ['small', 'micro'])
            for (const l of [-1, 0, 1] as const) {
              x = (x * 31 + 11) % 97;
              cells.push(cell(q, industry, region, size, l, `${x}.${x % 7}`, 1 + (x % 3)));
            }
    const one = computeFigures(cells, qs, EQUAL);
    const two = computeFigures([...cells].reverse(), qs, EQUAL);
    const key = (f: { measure: string; industry: string; region: string; size: string }) =>
      `${f.measure}|${f.industry}|${f.region}|${f.size}`;
    expect(new Map(two.map((f) => [key(f), f.value]))).toEqual(new Map(one.map((f) => [key(f), f.value])));
  });
});

describe('withheldFigures (disclosure control, docs/reference/monitoring.md §12)', () => {
  const f = (measure: string, industry: string, region: string, size: string, responses: number): Figure => ({
    measure,
    industry,
    region,
    size,
    value: responses > 0 ? '100' : null,
    responses,
  });
  const reasonsOf = (figures: Figure[], qs: { code: string; subIndex: string | null }[] = []) => {
    const reasons = withheldFigures(figures, qs, 5);
    return Object.fromEntries(
      figures.map((x, i) => [`${x.measure}|${x.industry}|${x.region}|${x.size}`, reasons[i]]),
    );
  };

  it('withholds a group of fewer than five answers, and the sibling it could be subtracted from', () => {
    // 工业 (13) = 小型 (10) + 微型 (3): publishing 工业 and 工业·小型 would give 工业·微型 back.
    const reasons = reasonsOf([
      f('overall', 'industry', '', '', 13),
      f('overall', 'industry', '', 'small', 10),
      f('overall', 'industry', '', 'micro', 3),
    ]);
    expect(reasons).toEqual({
      'overall|industry||': null,
      'overall|industry||small': 'complementary',
      'overall|industry||micro': 'few',
    });
  });

  it('takes the sibling of fewest answers, and leaves the rest published', () => {
    const reasons = reasonsOf([
      f('overall', '', '', '', 75),
      f('overall', '', '', 'large', 40),
      f('overall', '', '', 'medium', 20),
      f('overall', '', '', 'small', 12),
      f('overall', '', '', 'micro', 3),
      f('overall', '', '', 'tiny', 0),
    ]);
    expect(reasons).toEqual({
      'overall|||': null,
      'overall|||large': null,
      'overall|||medium': null,
      'overall|||small': 'complementary',
      'overall|||micro': 'few',
      // No answers: no figure to derive, and adds nothing to the total.
      'overall|||tiny': null,
    });
  });

  it('withholds nothing where every group has five answers or more', () => {
    const reasons = reasonsOf([
      f('overall', '', '', '', 10),
      f('overall', 'a', '', '', 5),
      f('overall', 'b', '', '', 5),
    ]);
    expect(Object.values(reasons).every((r) => r === null)).toBe(true);
  });

  it('withholds a total whose only part was withheld to protect another', () => {
    // Small firms: 20 = a 10 + b 3 (and one more elsewhere); b is withheld, so a·small goes too. Industry a has only
    // small firms: a's total is a·small's figure, so it goes as well.
    const reasons = reasonsOf([
      f('overall', '', '', '', 23),
      f('overall', 'a', '', '', 10),
      f('overall', 'b', '', '', 3),
      f('overall', '', '', 'small', 20),
      f('overall', 'a', '', 'small', 10),
      f('overall', 'b', '', 'small', 3),
    ]);
    expect(reasons).toEqual({
      'overall|||': null,
      'overall|a||': 'complementary',
      'overall|b||': 'few',
      'overall|||small': null,
      'overall|a||small': 'complementary',
      'overall|b||small': 'few',
    });
  });

  it('protects a question withheld inside a published sub-index', () => {
    // The sub-index is the questions' weighted mean: with one question withheld, the rest would give it back.
    const reasons = reasonsOf(
      [
        f('sub:cost', 'a', '', '', 10),
        f('q:x', 'a', '', '', 10),
        f('q:y', 'a', '', '', 7),
        f('q:z', 'a', '', '', 2),
      ],
      [
        { code: 'x', subIndex: 'cost' },
        { code: 'y', subIndex: 'cost' },
        { code: 'z', subIndex: 'cost' },
      ],
    );
    expect(reasons).toMatchObject({ 'q:z|a||': 'few', 'q:y|a||': 'complementary', 'q:x|a||': null });
  });

  it('leaves no total with exactly one withheld part, on a lattice of industries × regions × sizes', () => {
    let x = 11;
    const next = () => {
      x = (x * 48271) % 2147483647; // Park–Miller: exact in a double
      return x;
    };
    const qs = questions([level('q', { subIndex: 'market', direction: 'up_is_good', weight: '1' })]);
    const cells: Cell[] = [];
    for (const industry of ['a', 'b', 'c'])
      for (const region of ['1', '2', '3', '4'])
        for (const size of ['medium', 'small', 'micro'])
          if (next() % 3 !== 0)
            for (const lv of [1, 0, -1] as const)
              cells.push({
                question: 'q',
                industry,
                region,
                size,
                level: lv,
                weight: '1',
                responses: next() % 3,
              });
    const figures = computeFigures(
      cells.filter((c) => c.responses > 0),
      qs,
      EQUAL,
    );
    const reasons = withheldFigures(figures, qs, 5);
    expect(reasons.filter((r) => r === 'few').length).toBeGreaterThan(0);
    expect(reasons.filter((r) => r === 'complementary').length).toBeGreaterThan(0);
    const withheld = new Map(
      figures.map((g, i) => [`${g.measure}|${g.industry}|${g.region}|${g.size}`, reasons[i] !== null]),
    );
    // Every set — a total and its parts along one dimension — has none or at least two withheld.
    for (const g of figures) {
      for (const dim of ['industry', 'region', 'size'] as const) {
        if (g[dim] !== '') continue;
        const parts = figures.filter(
          (p) =>
            p.measure === g.measure &&
            p.responses > 0 &&
            p[dim] !== '' &&
            (['industry', 'region', 'size'] as const).every((d) => d === dim || p[d] === g[d]),
        );
        if (parts.length === 0) continue;
        const n =
          (withheld.get(`${g.measure}|${g.industry}|${g.region}|${g.size}`) ? 1 : 0) +
          parts.filter((p) => withheld.get(`${p.measure}|${p.industry}|${p.region}|${p.size}`)).length;
        expect(n, `${g.measure}|${g.industry}|${g.region}|${g.size} along ${dim}`).not.toBe(1);
      }
    }
  });
});

describe('levelWording', () => {
  it('reads a delivery time as longer / same / shorter, a judgement as better / worse, else up / down', () => {
    const delivery = { pmiComponent: 'supplier_delivery', judgement: false };
    expect(levelWording(delivery, 'up')).toEqual({ zh: '延长', en: 'Longer' });
    expect(levelWording(delivery, 'down')).toEqual({ zh: '缩短', en: 'Shorter' });
    expect(levelWording({ pmiComponent: null, judgement: true }, 'down')).toEqual({
      zh: '恶化',
      en: 'Worse',
    });
    expect(levelWording({ pmiComponent: 'new_orders', judgement: false }, 'up')).toEqual({
      zh: '增加',
      en: 'up',
    });
  });
});

describe('withheldFigures: group disclosure and pinned values (docs/reference/monitoring.md §12)', () => {
  it('withholds a value at its range’s end: every answer of the group the same', () => {
    const qs = questions([level('q', { subIndex: 'market', direction: 'up_is_good', weight: '1' })]);
    const cell = (industry: string, lv: -1 | 0 | 1, responses: number): Cell => ({
      question: 'q',
      industry,
      region: '1',
      size: 'small',
      level: lv,
      weight: '2',
      responses,
    });
    // Industry a: six answers, all 好转 (200); b: all 恶化 (0); c: mixed.
    const figures = computeFigures(
      [cell('a', 1, 6), cell('b', -1, 6), cell('c', 1, 3), cell('c', 0, 2), cell('c', -1, 2)],
      qs,
      { ...EQUAL, industry: { a: '0.3', b: '0.3', c: '0.4' } },
    );
    const reasons = withheldFigures(figures, qs, 5);
    const of = (industry: string) =>
      reasons[figures.findIndex((x) => x.measure === 'q:q' && x.industry === industry && x.region === '')];
    expect(of('a')).toBe('unanimous');
    expect(of('b')).toBe('unanimous');
    expect(of('c')).toBe(null);
    // A PMI's ends are 0 and 100.
    const pmi: Figure = { measure: 'pmi', industry: '', region: '', size: '', value: '100', responses: 9 };
    const overall: Figure = {
      measure: 'overall',
      industry: '',
      region: '',
      size: '',
      value: '100',
      responses: 9,
    };
    expect(withheldFigures([pmi, overall], qs, 5)).toEqual(['unanimous', null]);
  });

  it('withholds one more part where a published total pins its withheld parts (a mean of 149.5 over 100, 100 and two withheld)', () => {
    const weights: IndexWeights = { ...EQUAL, industry: { a: '0.25', b: '0.25', c: '0.25', d: '0.25' } };
    const set = (c: string, d: string) => [
      {
        measure: 'overall',
        industry: '',
        region: '',
        size: '',
        value: String((200 + Number(c) + Number(d)) / 4),
        responses: 20,
      },
      { measure: 'overall', industry: 'a', region: '', size: '', value: '100', responses: 8 },
      { measure: 'overall', industry: 'b', region: '', size: '', value: '100', responses: 8 },
      { measure: 'overall', industry: 'c', region: '', size: '', value: c, responses: 2 },
      { measure: 'overall', industry: 'd', region: '', size: '', value: d, responses: 2 },
    ];
    // c and d at 199: the total (149.5) less a and b leaves both in [198, 200] — pinned. One more part goes (a: as few
    // responses as b, the lower key): a + c + d = 498 leaves each in [98, 200], and the total stays published.
    expect(withheldFigures(set('199', '199'), [], 5, { cells: [], weights })).toEqual([
      null,
      'complementary',
      null,
      'few',
      'few',
    ]);
    // Every part withheld and their mean still pins them (all four at 199.5 = the total): the total goes too.
    const all = set('199', '199').map((f) => ({ ...f, value: '199.5', responses: f.industry ? 2 : 8 }));
    expect(withheldFigures(all, [], 5, { cells: [], weights })).toEqual([
      'complementary',
      'few',
      'few',
      'few',
      'few',
    ]);
    // c and d at 100: each could be anywhere in [0, 200] — the total stays published.
    expect(withheldFigures(set('100', '100'), [], 5, { cells: [], weights })).toEqual([
      null,
      null,
      null,
      'few',
      'few',
    ]);
    // Without the weights (no context) only the count rule runs.
    expect(withheldFigures(set('199', '199'), [], 5)[0]).toBe(null);
  });

  it('leaves no withheld figure pinned to a narrow interval by its published total and siblings (random lattices)', () => {
    let x = 7;
    const next = () => {
      x = (x * 48271) % 2147483647; // Park–Miller: exact in a double
      return x;
    };
    const qs = questions([
      level('q1', { subIndex: 'market', direction: 'up_is_good', weight: '0.5' }),
      level('q2', { subIndex: 'market', direction: 'down_is_good', weight: '0.5' }),
    ]);
    const weights: IndexWeights = { ...EQUAL, industry: { a: '0.5', b: '0.3', c: '0.2' } };
    let pinnedSets = 0;
    for (let round = 0; round < 60; round++) {
      const cells: Cell[] = [];
      for (const industry of ['a', 'b', 'c'])
        for (const region of ['1', '2', '3'])
          for (const size of ['small', 'micro']) {
            if (next() % 4 === 0) continue;
            // Skewed answers: many groups near an end of the scale.
            const bias = next() % 3;
            for (const question of ['q1', 'q2'])
              for (const lv of [1, 0, -1] as const) {
                const n = lv === 1 - bias ? 1 + (next() % (size === 'small' ? 8 : 3)) : next() % 2;
                if (n > 0)
                  cells.push({
                    question,
                    industry,
                    region,
                    size,
                    level: lv,
                    weight: String(size === 'small' ? 20 + (next() % 20) : 1 + (next() % 2)),
                    responses: n,
                  });
              }
          }
      const figures = computeFigures(cells, qs, weights);
      const reasons = withheldFigures(figures, qs, 5, { cells, weights });
      // Without the protection rule, some of these lattices have a pinned part (the check below would fail).
      const unprotected = withheldFigures(figures, qs, 5);
      if (unprotected.some((r, i) => r === null && reasons[i] === 'complementary')) pinnedSets++;
      // The attacker: every published figure, and the exact weight of each part in its total (more than the public
      // knows). For each set with a published total, each withheld part's possible values given the rest.
      const index = new Map(figures.map((g, i) => [`${g.measure}|${g.industry}|${g.region}|${g.size}`, i]));
      const mass = (g: Figure) =>
        cells
          .filter(
            (c) =>
              `q:${c.question}` === (g.measure.startsWith('q:') ? g.measure : 'q:q1') &&
              (g.industry === '' || c.industry === g.industry) &&
              (g.region === '' || c.region === g.region) &&
              (g.size === '' || c.size === g.size),
          )
          .reduce((s, c) => s + Number(c.weight), 0);
      for (const [t, total] of figures.entries()) {
        if (reasons[t] !== null || total.value === null || !total.measure.startsWith('q:')) continue;
        for (const dim of ['industry', 'region', 'size'] as const) {
          if (total[dim] !== '') continue;
          const parts = figures.flatMap((p, i) =>
            p.measure === total.measure &&
            p.value !== null &&
            p[dim] !== '' &&
            (['industry', 'region', 'size'] as const).every((d) => d === dim || p[d] === total[d])
              ? [{ i, p, w: dim === 'industry' ? Number(weights.industry[p.industry]) : mass(p) }]
              : [],
          );
          const sum = parts.reduce((s, q) => s + q.w, 0);
          let rest = Number(total.value);
          for (const q of parts) if (reasons[q.i] === null) rest -= (q.w / sum) * Number(q.p.value);
          const hidden = parts.filter((q) => reasons[q.i] !== null);
          const massHidden = hidden.reduce((s, q) => s + q.w / sum, 0);
          for (const h of hidden) {
            const a = h.w / sum;
            const lo = Math.max(0, (rest - (massHidden - a) * 200) / a);
            const hi = Math.min(200, rest / a);
            expect(
              hi - lo,
              `${h.p.measure}|${h.p.industry}|${h.p.region}|${h.p.size} in ${dim}`,
            ).toBeGreaterThanOrEqual(20 - 1e-6);
          }
        }
      }
      expect(index.size).toBe(figures.length);
    }
    expect(pinnedSets).toBeGreaterThan(0);
  });

  it('protects a component withheld inside a published PMI: the PMI less four components would give the fifth', () => {
    const codes = ['new_orders', 'output', 'employment', 'supplier_delivery', 'raw_material_inventory'];
    const qs = codes.map((c, i) => ({ code: `p${i}`, subIndex: 'market', pmiComponent: c }));
    const figures: Figure[] = [
      { measure: 'pmi', industry: 'a', region: '', size: '', value: '51.2', responses: 9 },
      ...codes.map((_, i) => ({
        measure: `q:p${i}`,
        industry: 'a',
        region: '',
        size: '',
        value: i === 2 ? '200' : '104.5',
        responses: 9,
      })),
    ];
    // Employment unanimous (200): withheld, and one more of the PMI's set with it.
    const reasons = withheldFigures(figures, qs, 5);
    expect(reasons[3]).toBe('unanimous');
    expect(reasons.filter((r) => r !== null).length).toBe(2);
  });
});
