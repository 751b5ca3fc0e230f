import { describe, expect, it } from 'vitest';
import type { Question, WeightRow } from '../../api/monitoring.ts';
import { countSeriesOption, indexAxis, seriesLineOption, shareBarOption } from './monitoringCharts.ts';
import {
  addDays,
  answersInput,
  answerValues,
  blankQuestion,
  chartValue,
  chinaInstant,
  closeWarnings,
  compareCountMeasures,
  compareIndustries,
  compareMeasures,
  compareRegions,
  compareSigned,
  compareSizes,
  DEFAULT_WEIGHTS_FROM,
  DISCLOSURE_MIN,
  defaultWave,
  fieldPath,
  figuresOfGroup,
  firstDayOf,
  firstQuestionWithError,
  formatCount,
  formatPeriod,
  inQuestionnaireOrder,
  isCountMeasure,
  isDefaultWeightSet,
  isLowResponseRate,
  isOne,
  isSampleSizeText,
  isWeight,
  isWithheld,
  lastDayOf,
  levelWordingOf,
  levelWordingOfMeasure,
  levelWords,
  lineOf,
  nextPeriodOf,
  normaliseNumber,
  numberProblem,
  openingDayFor,
  opensInPeriod,
  orderedGroups,
  parseMeasure,
  periodOfDate,
  periodTick,
  previousPeriodOf,
  questionInput,
  questionPositions,
  questionValues,
  registryLandingRegion,
  registryPagePath,
  roundShown,
  sideOfLine,
  subIndexSums,
  sumDecimals,
  unitName,
  unknownGroupsOf,
  wavePeriodsFrom,
  waveShownState,
  weightEntry,
  weightErrorPath,
  weightPercent,
  weightSets,
  weightSources,
  weightStanding,
  withheldReason,
  withheldReasons,
  withUnit,
} from './monitoringModel.ts';

function aQuestion(overrides: Partial<Question> = {}): Question {
  return {
    code: 'q1',
    position: 1,
    textZh: '本月订单',
    textEn: 'Orders this month',
    helpZh: '',
    kind: 'three_level',
    required: true,
    subIndex: null,
    direction: null,
    weight: null,
    pmiComponent: null,
    judgement: false,
    unit: null,
    min: null,
    max: null,
    decimals: null,
    choices: null,
    registryFigure: null,
    ...overrides,
  };
}

function aWeight(overrides: Partial<WeightRow>): WeightRow {
  return {
    kind: 'sub_index',
    code: 'macro',
    regionCode: '',
    effectiveFrom: '2026-01-01',
    weight: '0.125',
    basis: 'equal weights',
    verified: false,
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('where a server field error belongs', () => {
  it('reads brackets, dots and slashes alike, with indexes as numbers', () => {
    expect(fieldPath('questions[3].direction')).toEqual(['questions', 3, 'direction']);
    expect(fieldPath('body.questions.3.direction')).toEqual(['questions', 3, 'direction']);
    expect(fieldPath('questions/0/choices/2/code')).toEqual(['questions', 0, 'choices', 2, 'code']);
    expect(fieldPath('nameZh')).toEqual(['nameZh']);
  });

  it('keeps a field that merely starts with "body"', () => {
    expect(fieldPath('bodyText')).toEqual(['bodyText']);
  });
});

describe('decimal sums of weights', () => {
  it('adds decimal texts exactly, without binary floats', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['0.3', '0.25', '0.2', '0.15', '0.1'])).toBe('1');
    expect(sumDecimals(['0.125', '', undefined, '0.875'])).toBe('1');
    expect(sumDecimals([])).toBe('0');
  });

  it('answers null when a value is not a plain decimal', () => {
    expect(sumDecimals(['0.5', 'abc'])).toBeNull();
    expect(sumDecimals(['-0.5'])).toBeNull();
  });

  it('says whether a sum is exactly 1', () => {
    expect(isOne('1')).toBe(true);
    expect(isOne('1.000')).toBe(true);
    expect(isOne('0.999999')).toBe(false);
    expect(isOne(null)).toBe(false);
  });

  it('takes the weights the API takes (0 to 1, six places)', () => {
    expect(isWeight('0.125')).toBe(true);
    expect(isWeight('1')).toBe(true);
    expect(isWeight('1.5')).toBe(false);
    expect(isWeight('0.1234567')).toBe(false);
  });

  it('shows a weight as a percentage moved on the text', () => {
    expect(weightPercent('0.125')).toBe('12.5%');
    expect(weightPercent('0.3')).toBe('30%');
    expect(weightPercent('1')).toBe('100%');
    expect(weightPercent('0.000001')).toBe('0.0001%');
  });
});

describe('a set of weights as typed', () => {
  const codes = ['macro', 'market', 'cost', 'profit'];

  it('sums the rows that are weights, exactly, and names the blank and the wrong ones', () => {
    const entry = weightEntry(codes, { macro: '0.25', market: ' 0.35 ', cost: 'abc', profit: '' });
    expect(entry).toEqual({
      sum: '0.6',
      counted: ['macro', 'market'],
      blank: ['profit'],
      invalid: ['cost'],
      complete: false,
    });
  });

  it('is complete only when every row is a weight and they sum to exactly 1', () => {
    expect(weightEntry(codes, { macro: '0.1', market: '0.2', cost: '0.3', profit: '0.4' }).complete).toBe(
      true,
    );
    const over = weightEntry(codes, { macro: '0.1', market: '0.2', cost: '0.3', profit: '0.5' });
    expect([over.sum, over.complete]).toEqual(['1.1', false]);
    expect(weightEntry(codes, {}).sum).toBeNull();
    expect(weightEntry(codes, { macro: '1.5', market: '1' }).invalid).toEqual(['macro']);
  });

  it('puts the server’s errors on the row of the code, and the sum’s on the sum', () => {
    expect(weightErrorPath(fieldPath('items[2].weight'), codes)).toEqual(['items', 'cost']);
    expect(weightErrorPath(fieldPath('items[0].code'), codes)).toEqual(['items', 'macro']);
    expect(weightErrorPath(fieldPath('items'), codes)).toEqual(['items']);
    expect(weightErrorPath(fieldPath('items[9].weight'), codes)).toEqual(['items']);
    expect(weightErrorPath(fieldPath('basis'), codes)).toEqual(['basis']);
  });

  it('names the platform’s default set (national, unverified, from its first day) as such', () => {
    expect(isDefaultWeightSet({ regionCode: '', effectiveFrom: DEFAULT_WEIGHTS_FROM, verified: false })).toBe(
      true,
    );
    expect(
      isDefaultWeightSet({ regionCode: '320500', effectiveFrom: DEFAULT_WEIGHTS_FROM, verified: false }),
    ).toBe(false);
    expect(isDefaultWeightSet({ regionCode: '', effectiveFrom: '2026-01-01', verified: false })).toBe(false);
  });
});

describe('questions in the questionnaire’s order', () => {
  it('places a question by its position, or by its place in a list without positions', () => {
    const withPositions = questionPositions([
      { code: 'b', position: 2 },
      { code: 'a', position: 1 },
    ]);
    expect([withPositions('a'), withPositions('b'), withPositions('z')]).toEqual([1, 2, undefined]);
    const listed = questionPositions([{ code: 'outlook' }, { code: 'output' }, { code: 'capacity' }]);
    expect(['capacity', 'outlook', 'output'].map(listed)).toEqual([3, 1, 2]);
  });

  it('orders questions and their figures by position, not by code', () => {
    const questions = [
      { code: 'outlook', position: 1 },
      { code: 'output', position: 2 },
      { code: 'capacity', position: 3 },
      { code: 'delivery', position: 11 },
    ];
    expect(inQuestionnaireOrder([...questions].reverse()).map((q) => q.code)).toEqual([
      'outlook',
      'output',
      'capacity',
      'delivery',
    ]);
    const position = questionPositions(questions);
    const measures = ['q:delivery', 'q:capacity', 'q:outlook', 'q:output'];
    expect(measures.sort((a, b) => compareMeasures(a, b, [], position))).toEqual([
      'q:outlook',
      'q:output',
      'q:capacity',
      'q:delivery',
    ]);
  });
});

describe('the PMI’s components', () => {
  it('are listed in the formula’s order, not by code', () => {
    const measures = [
      'pmi:supplier_delivery',
      'pmi:raw_material_inventory',
      'pmi:employment',
      'pmi:output',
      'pmi:new_orders',
    ];
    expect(measures.sort((a, b) => compareMeasures(a, b, []))).toEqual([
      'pmi:new_orders',
      'pmi:output',
      'pmi:employment',
      'pmi:supplier_delivery',
      'pmi:raw_material_inventory',
    ]);
  });
});

describe('how answers read', () => {
  it('words supplier delivery times as longer / same / shorter, in both languages', () => {
    expect(levelWords({ pmiComponent: 'supplier_delivery' }, 'zh-CN')).toEqual({
      up: '延长',
      same: '持平',
      down: '缩短',
    });
    expect(levelWords({ pmiComponent: 'supplier_delivery' }, 'en')).toEqual({
      up: 'Longer',
      same: 'Same',
      down: 'Shorter',
    });
  });

  it('words a judgement as better / same / worse, anything else as up / same / down', () => {
    expect(levelWords({ judgement: true }, 'zh-CN')).toEqual({ up: '好转', same: '一般', down: '恶化' });
    expect(levelWords({ pmiComponent: 'new_orders' }, 'zh-CN')).toEqual({
      up: '增加',
      same: '持平',
      down: '减少',
    });
    expect(levelWords(undefined, 'en')).toEqual({ up: 'Up', same: 'Same', down: 'Down' });
  });

  it('reads the wording from any question, a public one (wording only) as up / same / down', () => {
    expect(levelWordingOf({ code: 'delivery', pmiComponent: 'supplier_delivery', judgement: false })).toEqual(
      {
        judgement: false,
        pmiComponent: 'supplier_delivery',
      },
    );
    expect(levelWordingOf({ code: 'orders', textZh: '订单' })).toEqual({
      judgement: false,
      pmiComponent: null,
    });
    expect(levelWordingOf(undefined)).toBeUndefined();
  });

  it('finds the wording of a figure’s counts from its measure', () => {
    expect(levelWordingOfMeasure('pmi:supplier_delivery')).toEqual({ pmiComponent: 'supplier_delivery' });
    const questionOf = (code: string) =>
      code === 'delivery' ? { pmiComponent: 'supplier_delivery' } : undefined;
    expect(levelWordingOfMeasure('q:delivery', questionOf)).toEqual({ pmiComponent: 'supplier_delivery' });
    expect(levelWordingOfMeasure('q:orders', questionOf)).toBeUndefined();
    expect(levelWordingOfMeasure('overall', questionOf)).toBeUndefined();
  });

  it('gives units in English, a unit it does not know as written', () => {
    expect(unitName('人', 'en')).toBe('persons');
    expect(unitName('万元', 'en')).toBe('× 10,000 yuan');
    expect(unitName('万元', 'zh-CN')).toBe('万元');
    expect(unitName('箱', 'en')).toBe('箱');
    expect(withUnit('37', '万元', 'en')).toBe('37 × 10,000 yuan');
    expect(withUnit('12', '人', 'zh-CN')).toBe('12 人');
    expect(withUnit('4.5', '%', 'en')).toBe('4.5%');
    expect(withUnit('12', null, 'en')).toBe('12');
  });
});

describe('measures and their line', () => {
  it('reads the measure of a figure', () => {
    expect(parseMeasure('overall')).toEqual({ kind: 'overall' });
    expect(parseMeasure('sub:market')).toEqual({ kind: 'sub', code: 'market' });
    expect(parseMeasure('q:orders')).toEqual({ kind: 'q', code: 'orders' });
    expect(parseMeasure('pmi')).toEqual({ kind: 'pmi' });
  });

  it('lists the index, the sub-indices in their order, the PMI, then the questions in the questionnaire’s order', () => {
    const position: Record<string, number> = { orders: 1, costs: 2 };
    const sorted = ['q:costs', 'sub:cost', 'q:orders', 'pmi', 'sub:macro', 'overall', 'q:zzz'].sort((a, b) =>
      compareMeasures(a, b, ['macro', 'market', 'cost'], (code) => position[code]),
    );
    expect(sorted).toEqual(['overall', 'sub:macro', 'sub:cost', 'pmi', 'q:orders', 'q:costs', 'q:zzz']);
  });

  it('reads a balance index against 100 and the PMI against 50', () => {
    expect(lineOf('overall')).toBe(100);
    expect(lineOf('pmi')).toBe(50);
    expect(sideOfLine('89.3', 'overall')).toBe('below');
    expect(sideOfLine('100', 'sub:cost')).toBe('on');
    expect(sideOfLine('51.2', 'pmi')).toBe('above');
    expect(sideOfLine(null, 'overall')).toBeNull();
  });

  it('rounds a full-precision value to one decimal on the text, half away from zero', () => {
    expect(roundShown('114.95')).toBe('115.0');
    expect(roundShown('89.25')).toBe('89.3');
    expect(roundShown('89.2499999')).toBe('89.2');
    expect(roundShown('100')).toBe('100.0');
    expect(roundShown('-0.04')).toBe('0.0');
  });

  it('reads a decimal as a number only for drawing', () => {
    expect(chartValue('89.3')).toBe(89.3);
    expect(chartValue(null)).toBeNull();
    expect(chartValue('n/a')).toBeNull();
  });
});

describe('periods', () => {
  it('names a month and a quarter in both languages', () => {
    expect(formatPeriod('2026-03', 'zh-CN')).toBe('2026年3月');
    expect(formatPeriod('2026-03', 'en')).toBe('Mar 2026');
    expect(formatPeriod('2026-Q1', 'zh-CN')).toBe('2026年第1季度');
    expect(formatPeriod('2026-Q1', 'en')).toBe('2026 Q1');
  });

  it('gives the period of a date by frequency', () => {
    expect(periodOfDate('2026-05-17', 'monthly')).toBe('2026-05');
    expect(periodOfDate('2026-05-17', 'quarterly')).toBe('2026-Q2');
    expect(periodOfDate('2026-12-31', 'quarterly')).toBe('2026-Q4');
  });
});

describe('a new wave’s period', () => {
  it('steps periods back and forth across years, monthly and quarterly', () => {
    expect(previousPeriodOf('2026-01')).toBe('2025-12');
    expect(nextPeriodOf('2025-12')).toBe('2026-01');
    expect(previousPeriodOf('2026-Q1')).toBe('2025-Q4');
    expect(nextPeriodOf('2026-Q4')).toBe('2027-Q1');
    expect(firstDayOf('2026-03')).toBe('2026-03-01');
    expect(firstDayOf('2026-Q2')).toBe('2026-04-01');
  });

  it('opens a wave in its period or the next, as the server does', () => {
    expect(opensInPeriod('2026-11', '2026-12-07', 'monthly')).toBe(true);
    expect(opensInPeriod('2026-12', '2026-12-07', 'monthly')).toBe(true);
    expect(opensInPeriod('2026-10', '2026-12-07', 'monthly')).toBe(false);
    expect(opensInPeriod('2027-01', '2026-12-07', 'monthly')).toBe(false);
    expect(opensInPeriod('2026-Q3', '2026-10-02', 'quarterly')).toBe(true);
  });

  it('starts at the first period without a wave that opens today: last period, then this one', () => {
    expect(defaultWave('2026-12-07', 'monthly', [])).toEqual({ period: '2026-11', opensOn: '2026-12-07' });
    expect(defaultWave('2026-12-07', 'monthly', ['2026-11'])).toEqual({
      period: '2026-12',
      opensOn: '2026-12-07',
    });
    expect(defaultWave('2026-05-20', 'quarterly', ['2026-Q1'])).toEqual({
      period: '2026-Q2',
      opensOn: '2026-05-20',
    });
  });

  it('when last period and this one have their waves, starts at the next free period on its first day', () => {
    expect(defaultWave('2026-12-07', 'monthly', ['2026-11', '2026-12'])).toEqual({
      period: '2027-01',
      opensOn: '2027-01-01',
    });
    expect(defaultWave('2026-12-07', 'monthly', ['2026-11', '2026-12', '2027-01'])).toEqual({
      period: '2027-02',
      opensOn: '2027-02-01',
    });
  });

  it('gives the first day a picked period may open on from today, none for a period long past', () => {
    expect(openingDayFor('2026-11', '2026-12-07', 'monthly')).toBe('2026-12-07');
    expect(openingDayFor('2027-02', '2026-12-07', 'monthly')).toBe('2027-02-01');
    expect(openingDayFor('2026-09', '2026-12-07', 'monthly')).toBeNull();
  });
});

describe('weight sets', () => {
  it('marks the latest set from today or before as current, a later one as future, the rest as history', () => {
    const sets = weightSets(
      [
        aWeight({ effectiveFrom: '2025-01-01', code: 'macro' }),
        aWeight({ effectiveFrom: '2025-01-01', code: 'cost' }),
        aWeight({ effectiveFrom: '2026-01-01', code: 'macro', verified: true }),
        aWeight({ effectiveFrom: '2027-01-01', code: 'macro' }),
        aWeight({ effectiveFrom: '2025-06-01', regionCode: '32', code: 'macro' }),
      ],
      '2026-06-01',
    );
    const summary = sets.map((s) => [s.regionCode, s.effectiveFrom, s.current, s.future, s.rows.length]);
    expect(summary).toEqual([
      ['', '2027-01-01', false, true, 1],
      ['', '2026-01-01', true, false, 1],
      ['', '2025-01-01', false, false, 2],
      ['32', '2025-06-01', true, false, 1],
    ]);
    expect(sets[1]?.verified).toBe(true);
  });
});

describe('the survey editor', () => {
  it('sends an index question with its sub-index, direction and weight as given (a missing one as null)', () => {
    const values = { ...blankQuestion(1), textZh: ' 订单 ', subIndex: 'market', weight: '0.5' };
    expect(questionInput(values)).toEqual({
      code: 'q1',
      textZh: '订单',
      kind: 'three_level',
      required: true,
      judgement: false,
      subIndex: 'market',
      direction: null,
      weight: '0.5',
    });
  });

  it('leaves a three-level question outside the index when none of sub-index, direction and weight is given', () => {
    const values = { ...blankQuestion(4), textZh: '备注', pmiComponent: 'output' };
    expect(questionInput(values)).toEqual({
      code: 'q4',
      textZh: '备注',
      kind: 'three_level',
      required: true,
      judgement: false,
      pmiComponent: 'output',
    });
  });

  it('sends only the attributes a kind uses', () => {
    const number = {
      ...blankQuestion(2),
      kind: 'number' as const,
      textZh: '从业人员',
      unit: '人',
      min: '0',
      subIndex: 'labour',
      direction: 'up_is_good' as const,
    };
    expect(questionInput(number)).toEqual({
      code: 'q2',
      textZh: '从业人员',
      kind: 'number',
      required: true,
      unit: '人',
      min: '0',
      max: null,
      decimals: null,
    });
    const choice = {
      ...blankQuestion(3),
      kind: 'choice' as const,
      textZh: '主要困难',
      choices: [{ code: 'cost', zh: '成本', en: '' }],
    };
    expect(questionInput(choice).choices).toEqual([{ code: 'cost', zh: '成本' }]);
  });

  it('holds a stored question as the editor does, blanks as empty text', () => {
    const values = questionValues(aQuestion({ subIndex: 'market', direction: 'up_is_good', weight: '1' }));
    expect([values.subIndex, values.direction, values.weight]).toEqual(['market', 'up_is_good', '1']);
    expect(questionValues(aQuestion()).weight).toBe('');
  });

  it('sums the typed weights of each sub-index', () => {
    const rows = [
      { kind: 'three_level' as const, subIndex: 'market', weight: '0.6' },
      { kind: 'three_level' as const, subIndex: 'market', weight: '0.4' },
      { kind: 'three_level' as const, subIndex: 'cost', weight: '0.5' },
      { kind: 'number' as const, subIndex: 'cost', weight: '0.5' },
    ];
    expect(subIndexSums(rows)).toEqual([
      { subIndex: 'market', sum: '1', count: 2 },
      { subIndex: 'cost', sum: '0.5', count: 1 },
    ]);
  });
});

describe('the questionnaire', () => {
  const questions = [
    aQuestion({ code: 'q1' }),
    aQuestion({ code: 'q2', kind: 'number', unit: '人', min: '0', max: '1000', decimals: 0 }),
    aQuestion({ code: 'q3', kind: 'choice', choices: [{ code: 'a', zh: '甲', en: 'A' }] }),
    aQuestion({ code: 'q4', kind: 'text' }),
  ];

  it('leads a refused submit to the first question with an error, in the questionnaire’s order', () => {
    const ordered = [
      { code: 'later', position: 3 },
      { code: 'first', position: 1 },
      { code: 'second', position: 2 },
    ];
    const fields = [
      { name: ['a_later'], errors: ['请回答'] },
      { name: ['a_first'], errors: [] },
      { name: ['a_second'], errors: ['请回答'] },
    ];
    expect(firstQuestionWithError(ordered, fields)).toBe('second');
    expect(firstQuestionWithError(ordered, [{ name: ['a_first'], errors: [] }])).toBeNull();
  });

  it('turns stored answers into the form and the form back into answers, blank ones left out', () => {
    const values = answerValues(questions, [
      { questionCode: 'q1', level: 'up', number: null, choice: null, text: null },
      { questionCode: 'q2', level: null, number: '12', choice: null, text: null },
    ]);
    expect(values).toEqual({ a_q1: 'up', a_q2: '12', a_q3: undefined, a_q4: undefined });
    expect(answersInput(questions, { ...values, a_q3: 'a', a_q4: '  ' })).toEqual([
      { questionCode: 'q1', level: 'up' },
      { questionCode: 'q2', number: '12' },
      { questionCode: 'q3', choice: 'a' },
    ]);
  });

  it('reads full-width digits and grouping in a typed number', () => {
    expect(normaliseNumber('１,２００')).toBe('1200');
    expect(normaliseNumber('－3．5')).toBe('-3.5');
  });

  it('names what is wrong with a typed number: not a number, decimals, range', () => {
    const q = { min: '0', max: '1000', decimals: 0 };
    expect(numberProblem('12', q)).toBeNull();
    expect(numberProblem('abc', q)).toEqual({ kind: 'number' });
    expect(numberProblem('1.5', q)).toEqual({ kind: 'decimals', decimals: 0 });
    expect(numberProblem('-1', q)).toEqual({ kind: 'min', min: '0' });
    expect(numberProblem('1000.0', { ...q, decimals: 1 })).toBeNull();
    expect(numberProblem('1001', q)).toEqual({ kind: 'max', max: '1000' });
  });

  it('compares signed decimals exactly', () => {
    expect(compareSigned('-0.5', '0')).toBe(-1);
    expect(compareSigned('10.00', '10')).toBe(0);
    expect(compareSigned('9.99', '-10')).toBe(1);
  });
});

describe('the charts', () => {
  it('draws shares as per cent, the first category on top', () => {
    const option = shareBarOption(['A', 'B'], [{ name: 'registry', shares: [0.25, 0.755] }]);
    expect((option.yAxis as { data: string[] }).data).toEqual(['B', 'A']);
    expect((option.series as { data: number[] }[])[0]?.data).toEqual([75.5, 25]);
  });

  it('draws the series with its line as a dashed series across every period', () => {
    const option = seriesLineOption(
      [
        { period: '2026-01', value: 98.5 },
        { period: '2026-02', value: null },
        { period: '2026-03', value: 101 },
      ],
      { series: 'SMEDI', line: 'line' },
      100,
    );
    const series = option.series as { data: (number | null)[] }[];
    expect(series[0]?.data).toEqual([98.5, null, 101]);
    expect(series[1]?.data).toEqual([100, 100, 100]);
  });

  it('puts an index axis on round steps around the values and the line, six intervals at most', () => {
    expect(indexAxis([79.7, 90.9, 111.1], 100)).toEqual({ min: 70, max: 120, interval: 10 });
    expect(indexAxis([99.2, 101.4], 100)).toEqual({ min: 98, max: 103, interval: 1 });
    expect(indexAxis([48.5, 56.8], 50)).toEqual({ min: 46, max: 58, interval: 2 });
    for (const values of [[10, 190], [100], [0.5, 199]]) {
      const axis = indexAxis(values, 100);
      expect((axis.max - axis.min) / axis.interval).toBeLessThanOrEqual(6);
      expect(axis.min).toBeLessThanOrEqual(Math.min(100, ...values));
      expect(axis.max).toBeGreaterThanOrEqual(Math.max(100, ...values));
      expect(axis.min % axis.interval).toBe(0);
    }
  });

  it('labels the period axis with short ticks, the full period in the tooltip', () => {
    const option = seriesLineOption(
      [
        { period: '2025年12月', tick: '2025年12月', value: 98 },
        { period: '2026年1月', tick: '2026年1月', value: 99 },
        { period: '2026年2月', tick: '2月', value: 101 },
      ],
      { series: 'SMEDI', line: 'line' },
      100,
    );
    const axis = option.xAxis as {
      data: string[];
      axisLabel: { hideOverlap: boolean; formatter: (value: string, index: number) => string };
    };
    expect(axis.data).toEqual(['2025年12月', '2026年1月', '2026年2月']);
    expect(axis.axisLabel.hideOverlap).toBe(true);
    expect(axis.axisLabel.formatter('2026年2月', 2)).toBe('2月');
  });

  it('shortens a period to its month or quarter, with the year where a year begins and at the start', () => {
    expect(periodTick('2026-06', 'zh-CN', false)).toBe('6月');
    expect(periodTick('2026-06', 'zh-CN', true)).toBe('2026年6月');
    expect(periodTick('2026-01', 'zh-CN', false)).toBe('2026年1月');
    expect(periodTick('2026-06', 'en', false)).toBe('Jun');
    expect(periodTick('2026-01', 'en', false)).toBe('Jan 2026');
    expect(periodTick('2026-Q2', 'zh-CN', false)).toBe('二季度');
    expect(periodTick('2026-Q1', 'en', false)).toBe('2026 Q1');
  });
});

describe('groups', () => {
  it('orders industries as the SMEDI lists them, sizes medium to micro, regions by code', () => {
    const ordered = orderedGroups({
      industries: ['wholesale_retail', 'construction', 'industry', '', 'accommodation_catering'],
      regions: ['320583', '320505', '', 'west', 'east'],
      sizes: ['micro', 'medium', 'small', ''],
    });
    expect(ordered.industries).toEqual([
      'industry',
      'construction',
      'wholesale_retail',
      'accommodation_catering',
    ]);
    expect(ordered.regions).toEqual(['east', 'west', '320505', '320583']);
    expect(ordered.sizes).toEqual(['medium', 'small', 'micro']);
    expect(['unclassified', 'micro', 'large'].sort(compareSizes)).toEqual(['large', 'micro', 'unclassified']);
    expect(['x', 'industry'].sort(compareIndustries)).toEqual(['industry', 'x']);
    expect(['320506', '320505'].sort(compareRegions)).toEqual(['320505', '320506']);
  });

  it('keeps the figures of exactly the group asked, every one for blanks', () => {
    const f = (industry: string, regionCode: string, size: string) => ({ industry, regionCode, size });
    const figures = [f('', '', ''), f('industry', '', ''), f('industry', '', 'small'), f('', '320505', '')];
    expect(figuresOfGroup(figures, {})).toEqual([f('', '', '')]);
    expect(figuresOfGroup(figures, { industry: 'industry' })).toEqual([f('industry', '', '')]);
    expect(figuresOfGroup(figures, { industry: 'industry', size: 'small' })).toEqual([
      f('industry', '', 'small'),
    ]);
    expect(figuresOfGroup(figures, { regionCode: '320505' })).toEqual([f('', '320505', '')]);
    expect(figuresOfGroup(figures, { size: 'micro' })).toEqual([]);
  });

  it('calls a figure withheld when it has responses and no value', () => {
    expect(isWithheld({ value: null, responses: 3 })).toBe(true);
    expect(isWithheld({ value: null, responses: 0 })).toBe(false);
    expect(isWithheld({ value: '101.2', responses: 3 })).toBe(false);
    expect(DISCLOSURE_MIN).toBe(5);
  });

  it('says why a figure is withheld: too few responses, or to protect another withheld figure', () => {
    expect(withheldReason({ value: null, responses: 3, withheld: 'few' })).toBe('few');
    expect(withheldReason({ value: null, responses: 40, withheld: 'complementary' })).toBe('complementary');
    expect(isWithheld({ value: null, responses: 40, withheld: 'complementary' })).toBe(true);
    expect(withheldReason({ value: '98.1', responses: 60, withheld: null })).toBeNull();
    // The form `withheld: true` with `withheldReason` reads the same.
    expect(
      withheldReason({ value: null, responses: 40, withheld: true, withheldReason: 'complementary' }),
    ).toBe('complementary');
    expect(withheldReason({ value: null, responses: 40, withheld: true })).toBe('few');
  });

  it('falls back to too few responses when the server gives no reason', () => {
    expect(withheldReason({ value: null, responses: 3 })).toBe('few');
    expect(withheldReason({ value: null, responses: 0 })).toBeNull();
  });

  it('marks for officials a value the public will not see, with its reason', () => {
    expect(withheldReason({ value: '120.5', responses: 3, withheld: 'few' })).toBe('few');
    expect(isWithheld({ value: '120.5', responses: 3, withheld: 'few' })).toBe(false);
  });

  it('lists the reasons a legend explains, too few first', () => {
    expect(
      withheldReasons([
        { value: null, responses: 9, withheld: 'complementary' },
        { value: '100', responses: 9, withheld: null },
        { value: null, responses: 2, withheld: 'few' },
      ]),
    ).toEqual(['few', 'complementary']);
    expect(withheldReasons([{ value: null, responses: 2 }])).toEqual(['few']);
    expect(withheldReasons([])).toEqual([]);
  });
});

describe('closing a wave', () => {
  const wave = (
    counts: Partial<Record<'pending' | 'draft' | 'returned' | 'openFlags', number>>,
    closesOn = '2026-03-20',
    graceDays = 3,
  ) => ({
    closesOn,
    graceDays,
    counts: { pending: 0, draft: 0, returned: 0, openFlags: 0, ...counts },
  });

  it('counts the questionnaires not submitted, those sent back, the open flags and the days left', () => {
    const left = closeWarnings(wave({ pending: 4, draft: 2, returned: 1, openFlags: 3 }), '2026-03-22');
    expect(left).toMatchObject({
      unsubmitted: 6,
      pending: 4,
      draft: 2,
      returned: 1,
      openFlags: 3,
      lastDay: '2026-03-23',
      deadlineAhead: true,
      any: true,
    });
  });

  it('takes the grace’s last day as still open and the day after as past', () => {
    expect(closeWarnings(wave({}), '2026-03-23').deadlineAhead).toBe(true);
    expect(closeWarnings(wave({}), '2026-03-24')).toMatchObject({ deadlineAhead: false, any: false });
    expect(closeWarnings(wave({}, '2026-02-27', 3), '2026-03-02').lastDay).toBe('2026-03-02');
  });

  it('warns of any one thing left', () => {
    for (const counts of [{ pending: 1 }, { draft: 1 }, { returned: 1 }, { openFlags: 1 }])
      expect(closeWarnings(wave(counts), '2026-04-01').any).toBe(true);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-20', 0)).toBe('2026-03-20');
  });
});

describe('releases and weights', () => {
  it('flags a response rate below the release’s threshold, never a registry release', () => {
    expect(isLowResponseRate({ responseRate: 0.49, lowResponseRate: 0.5 })).toBe(true);
    expect(isLowResponseRate({ responseRate: 0.5, lowResponseRate: 0.5 })).toBe(false);
    expect(isLowResponseRate({ responseRate: null, lowResponseRate: 0.5 })).toBe(false);
  });

  const aWeightSet = (
    kind: 'sub_index' | 'industry',
    verified: boolean,
    regionCode = '',
    effectiveFrom = DEFAULT_WEIGHTS_FROM,
  ) => ({
    kind,
    regionCode,
    effectiveFrom,
    verified,
    basis: ['依据'],
  });

  it('lists the weight sets used, sub-indices first, and the unverified ones', () => {
    const { sets, unverified } = weightSources([
      aWeightSet('industry', false),
      aWeightSet('sub_index', true, '320500'),
    ]);
    expect(sets.map((s) => s.kind)).toEqual(['sub_index', 'industry']);
    expect(unverified).toEqual([aWeightSet('industry', false)]);
    expect(weightSources(undefined)).toEqual({ sets: [], unverified: [], defaultsOnly: false });
  });

  it.each([
    {
      name: 'the platform’s equal defaults only',
      sets: [aWeightSet('sub_index', false), aWeightSet('industry', false)],
      expected: true,
    },
    {
      name: 'a default beside a verified set',
      sets: [aWeightSet('sub_index', true, '320500', '2026-01-01'), aWeightSet('industry', false)],
      expected: true,
    },
    {
      name: 'a region’s set not verified',
      sets: [aWeightSet('sub_index', false), aWeightSet('industry', false, '320500', '2026-01-01')],
      expected: false,
    },
    { name: 'every set verified', sets: [aWeightSet('industry', true, '', '2026-01-01')], expected: false },
  ])('says the unverified weights are the equal defaults only when they are: $name', ({ sets, expected }) => {
    expect(weightSources(sets).defaultsOnly).toBe(expected);
  });

  it.each([
    { set: aWeightSet('industry', false), expected: 'default' },
    { set: aWeightSet('industry', false, '320500'), expected: 'unverified' },
    { set: aWeightSet('industry', false, '', '2026-01-01'), expected: 'unverified' },
    { set: aWeightSet('industry', true, '', '2026-01-01'), expected: 'verified' },
  ])(
    'reads a set ($set.regionCode from $set.effectiveFrom, verified $set.verified) as $expected',
    ({ set, expected }) => {
      expect(weightStanding(set)).toBe(expected);
    },
  );
});

describe('the registry’s counts', () => {
  it('knows its four measures from the index’s', () => {
    expect(['enterprises', 'entries', 'exits', 'registered'].every(isCountMeasure)).toBe(true);
    expect(['overall', 'pmi', 'sub:market', 'q:orders'].some(isCountMeasure)).toBe(false);
  });

  it('lists the measures in the registry’s order', () => {
    expect(['registered', 'exits', 'enterprises', 'entries'].sort(compareCountMeasures)).toEqual([
      'enterprises',
      'entries',
      'exits',
      'registered',
    ]);
  });

  it('groups a count’s thousands on its text', () => {
    expect(formatCount('1234567')).toBe('1,234,567');
    expect(formatCount('999')).toBe('999');
    expect(formatCount('0')).toBe('0');
    expect(formatCount(null)).toBe('—');
    expect(formatCount('12.5')).toBe('12.5');
  });

  it('links a region’s page, national without a region', () => {
    expect(registryPagePath('320500')).toBe('/monitoring/registry?region=320500');
    expect(registryPagePath('')).toBe('/monitoring/registry?region=national');
  });

  it('lands an official on their own region’s statistics, else the nearest that publishes', () => {
    const published = ['320500', '320583', ''];
    expect(registryLandingRegion(published, '320583')).toBe('320583');
    expect(registryLandingRegion(['320500'], '320583')).toBe('320500');
    expect(registryLandingRegion(['320500', '320000'], '320581')).toBe('320500');
    expect(registryLandingRegion(['320583', '320500'], '320000')).toBe('320500');
    expect(registryLandingRegion(['110000'], '320583')).toBe('110000');
  });

  it('lands anyone else on the national statistics when published, else the one region that publishes', () => {
    expect(registryLandingRegion(['320500', ''], null)).toBe('');
    expect(registryLandingRegion(['320500'], undefined)).toBe('320500');
    expect(registryLandingRegion(['320500', '330100'], null)).toBe('');
    expect(registryLandingRegion([], '320583')).toBe('');
  });

  it('draws a stock as a line and a flow as bars, with no line of 100', () => {
    const points = [
      { period: '2026-01', value: 120 },
      { period: '2026-02', value: null },
    ];
    const line = countSeriesOption(points, '存续企业数', 'line');
    const bars = countSeriesOption(points, '新设企业数', 'bar');
    const series = (o: typeof line) => o.series as { type: string; data: unknown[] }[];
    expect(series(line).map((s) => s.type)).toEqual(['line']);
    expect(series(bars).map((s) => s.type)).toEqual(['bar']);
    expect(series(line)[0]?.data).toEqual([120, null]);
  });
});

describe('a typed sample size', () => {
  it.each(['0', '-5', '2.5', 'abc', '', '1e3', '1000001'])('refuses %j', (text) => {
    expect(isSampleSizeText(text)).toBe(false);
  });
  it.each(['1', ' 20 ', '1000000'])('takes %j', (text) => {
    expect(isSampleSizeText(text)).toBe(true);
  });
});

describe('the periods a wave may be opened for', () => {
  it('offers last period, this one and the next, across a year', () => {
    expect(wavePeriodsFrom('2026-12-07', 'monthly')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(wavePeriodsFrom('2026-01-31', 'quarterly')).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
  });
  it('knows a period’s last day', () => {
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2026-Q4')).toBe('2026-12-31');
  });
});

describe('groups in a series address', () => {
  const groups = { industries: ['manufacturing'], regions: ['320583'], sizes: ['small'] };
  it('names each picked group no published release has', () => {
    expect(unknownGroupsOf({ industry: 'XX', region: '320583', size: 'giant' }, groups)).toEqual([
      { key: 'industry', code: 'XX' },
      { key: 'size', code: 'giant' },
    ]);
  });
  it('finds nothing wrong with published groups or none picked', () => {
    expect(unknownGroupsOf({ industry: 'manufacturing' }, groups)).toEqual([]);
    expect(unknownGroupsOf({}, groups)).toEqual([]);
  });
});

describe('waveShownState', () => {
  it('reads an open wave whose first day is ahead as scheduled, from that day as open', () => {
    const wave = { state: 'open' as const, opensOn: '2027-01-01' };
    expect(waveShownState(wave, '2026-12-31')).toBe('scheduled');
    expect(waveShownState(wave, '2027-01-01')).toBe('open');
    expect(waveShownState({ state: 'closed', opensOn: '2027-01-01' }, '2026-12-31')).toBe('closed');
  });
});

describe('chinaInstant', () => {
  it('takes a picked time as China’s clock reads it, whatever the browser’s zone', () => {
    const picked = {
      format: (template: string) => (template === 'YYYY-MM-DDTHH:mm' ? '2026-12-08T09:00' : ''),
    };
    expect(chinaInstant(picked)).toBe('2026-12-08T09:00:00+08:00');
    expect(new Date(chinaInstant(picked)).toISOString()).toBe('2026-12-08T01:00:00.000Z');
  });
});
