/**
 * Scoring against the tiers' standards (docs/reference/cultivation.md): the worked cases of §7, the bands' ends,
 * what an enterprise would need, missing facts, the conditions, a province's 特色化 set, a property test over
 * seeded random enterprises, and the consistency checks.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../demo/index.ts';
import {
  assess,
  assessTiers,
  CultivationStandardError,
  checkFacts,
  compileStandard,
  compileTiers,
  type EnterpriseFacts,
  type TierAssessment,
} from './cultivation.rules.ts';
import {
  band,
  CULTIVATION_STANDARDS,
  excl,
  findCultivationStandard,
  INNOVATIVE_2022,
  incl,
  LITTLE_GIANT_2022,
  type ProvinceIndicatorSet,
  QUALITY_ITEMS,
  SPECIALISED_2022,
} from './cultivation.standards.ts';

const innovative = compileStandard(INNOVATIVE_2022);

/** An enterprise with no direct condition of annex 1 (so only its score decides). */
const noDirectCondition: EnterpriseFacts = {
  certifications: [],
  nationalAwardRank: 'none',
  provincialAwardRank: 'none',
  rdInstitution: 'none',
  newEquity3y: 0,
};

/** §7.1: self-developed class-I patent, R&D 4%, growth 12%, debt 50%, not in the catalogue, main business 72%. */
function workedCase(overrides: EnterpriseFacts = {}): EnterpriseFacts {
  return {
    ...noDirectCondition,
    ipClassIHighValue: 0,
    ipClassISelfDeveloped: 1,
    ipClassIOther: 0,
    ipClassII: 0,
    operatingRevenue: 1400,
    rdExpense: 56, // 4%
    mainBusinessRevenue: 1008, // 72%
    mainBusinessRevenuePrev: 900, // growth 12%
    totalAssets: 1000,
    totalLiabilities: 500, // 50%
    inStrategicCatalogue: false,
    ...overrides,
  };
}

const dimensionPoints = (a: TierAssessment) => Object.fromEntries(a.dimensions.map((d) => [d.id, d.points]));

describe('worked cases (docs/reference/cultivation.md §7)', () => {
  it('§7.1 scores 30 + 25 + 25 = 80 and is likely to qualify', () => {
    const a = assess(innovative, workedCase());
    expect(Object.fromEntries(a.indicators.map((i) => [i.id, i.points]))).toEqual({
      ip: 15,
      rd_share: 15,
      main_growth: 15,
      debt_ratio: 10,
      catalogue: 5,
      main_share: 20,
    });
    expect(dimensionPoints(a)).toEqual({ innovation: 30, growth: 25, specialisation: 25 });
    expect(a.total).toBe(80);
    expect(a.scorePasses).toBe(true);
    expect(a.status).toBe('likely');
    expect(a.missing).toEqual([]);
  });

  it('§7.2 with R&D 0.5% and growth −1% scores 15 + 10 + 25 = 50: two minimums fail', () => {
    const a = assess(innovative, workedCase({ rdExpense: 7, mainBusinessRevenuePrev: 1008 / 0.99 }));
    expect(a.pointsOf('rd_share')).toBe(0);
    expect(a.pointsOf('main_growth')).toBe(0);
    expect(dimensionPoints(a)).toEqual({ innovation: 15, growth: 10, specialisation: 25 });
    expect(a.total).toBe(50);
    expect(a.dimensions.map((d) => d.meetsMinimum)).toEqual([false, false, true]);
    expect(a.status).toBe('unlikely');
  });

  it('§7.3 with R&D 0.5% only totals 65 and still fails on the innovation minimum', () => {
    const a = assess(innovative, workedCase({ rdExpense: 7 }));
    expect(dimensionPoints(a)).toEqual({ innovation: 15, growth: 25, specialisation: 25 });
    expect(a.total).toBe(65);
    expect(a.scorePasses).toBe(false);
    expect(a.status).toBe('unlikely');
    expect(a.dimensions[0]).toMatchObject({ id: 'innovation', minimum: 20, meetsMinimum: false });
  });
});

/** Facts that put one numeric measure at a value (exactly, through ratios over 100,000). */
function measureAt(measure: string, v: number): EnterpriseFacts {
  const base = 100_000;
  switch (measure) {
    case 'rd_share':
      return { operatingRevenue: base, rdExpense: v * 1000 };
    case 'main_share':
      return { operatingRevenue: base, mainBusinessRevenue: v * 1000 };
    case 'main_growth':
      return { mainBusinessRevenue: base + v * 1000, mainBusinessRevenuePrev: base };
    case 'main_growth_2y':
      return {
        mainBusinessRevenue: (base + v * 1000) ** 2 / base,
        mainBusinessRevenuePrev: base + v * 1000,
        mainBusinessRevenuePrev2: base,
      };
    case 'debt_ratio':
      return { totalAssets: base, totalLiabilities: v * 1000 };
    case 'net_margin':
      return { operatingRevenue: base, netProfit: v * 1000 };
    case 'rd_staff_share':
      return { employees: 100_000, rdStaff: v * 1000 };
    case 'niche_years':
      return { nicheYears: v };
    case 'digital_level':
      return { digitalLevel: v };
    case 'rd_expense':
      return { rdExpense: v, operatingRevenue: 1e9 };
    default:
      throw new Error(`no facts for ${measure}`);
  }
}

describe('band ends', () => {
  const cases: [string, typeof INNOVATIVE_2022, string, string, [number, number][]][] = [
    [
      'innovative R&D share: a boundary takes the higher band',
      INNOVATIVE_2022,
      'rd_share',
      'rd_share',
      [
        [0.999, 0],
        [1, 5],
        [1.999, 5],
        [2, 10],
        [2.8, 10],
        [3, 15],
        [4.999, 15],
        [5, 20],
        [40, 20],
      ],
    ],
    [
      'innovative growth: 0 scores 5, below 0 scores 0',
      INNOVATIVE_2022,
      'main_growth',
      'main_growth',
      [
        [-0.001, 0],
        [0, 5],
        [5, 10],
        [10, 15],
        [14.999, 15],
        [15, 20],
      ],
    ],
    [
      'innovative debt ratio: 55% and 75% take the better band',
      INNOVATIVE_2022,
      'debt_ratio',
      'debt_ratio',
      [
        [0, 10],
        [55, 10],
        [55.001, 5],
        [75, 5],
        [75.001, 0],
      ],
    ],
    [
      'innovative main-business share',
      INNOVATIVE_2022,
      'main_share',
      'main_share',
      [
        [49.999, 0],
        [50, 5],
        [55, 10],
        [60, 15],
        [69.999, 15],
        [70, 20],
        [100, 20],
      ],
    ],
    [
      '专精特新 debt ratio as the notes write it: 50% → 3, 70% → 0',
      SPECIALISED_2022,
      'debt_ratio',
      'debt_ratio',
      [
        [49.999, 5],
        [50, 3],
        [59.999, 3],
        [60, 1],
        [70, 0],
      ],
    ],
    [
      '专精特新 main-business share',
      SPECIALISED_2022,
      'main_share',
      'main_share',
      [
        [59.999, 0],
        [60, 1],
        [70, 3],
        [80, 5],
      ],
    ],
    [
      '专精特新 two-year growth',
      SPECIALISED_2022,
      'main_growth_2y',
      'main_growth_2y',
      [
        [-0.5, 0],
        [0, 2],
        [4, 4],
        [6, 6],
        [8, 8],
        [10, 10],
      ],
    ],
    [
      '专精特新 years in the niche: a point per full 2 years, at most 5',
      SPECIALISED_2022,
      'niche_years',
      'niche_years',
      [
        [1.9, 0],
        [2, 1],
        [3.9, 1],
        [4, 2],
        [9.9, 4],
        [10, 5],
        [30, 5],
      ],
    ],
    [
      '专精特新 net margin',
      SPECIALISED_2022,
      'net_margin',
      'net_margin',
      [
        [-5, 0],
        [2, 2],
        [4, 4],
        [6, 6],
        [8, 8],
        [10, 10],
      ],
    ],
    [
      '专精特新 R&D staff share',
      SPECIALISED_2022,
      'rd_staff_share',
      'rd_staff_share',
      [
        [4.999, 0],
        [5, 1],
        [10, 3],
        [20, 5],
      ],
    ],
    [
      '专精特新 digital level',
      SPECIALISED_2022,
      'digital_level',
      'digital_level',
      [
        [0, 0],
        [1, 0],
        [2, 3],
        [3, 5],
        [4, 5],
      ],
    ],
    [
      '专精特新 R&D amount (share negligible)',
      SPECIALISED_2022,
      'rd_spend',
      'rd_expense',
      [
        [99, 0],
        [100, 2],
        [200, 4],
        [300, 6],
        [400, 8],
        [499, 8],
        [500, 10],
      ],
    ],
  ];
  const compiled = new Map(CULTIVATION_STANDARDS.map((s) => [s.id, compileStandard(s)]));
  for (const [name, standard, indicator, measure, table] of cases)
    it(name, () => {
      const c = compiled.get(standard.id);
      if (c === undefined) throw new Error(standard.id);
      expect(table.map(([v]) => [v, assess(c, measureAt(measure, v)).pointsOf(indicator)])).toEqual(table);
    });

  it('专精特新 R&D spend scores the better of amount and share', () => {
    const c = compileStandard(SPECIALISED_2022);
    expect(assess(c, { rdExpense: 150, operatingRevenue: 1500 }).pointsOf('rd_spend')).toBe(10); // 10%
    expect(assess(c, { rdExpense: 450, operatingRevenue: 45_000 }).pointsOf('rd_spend')).toBe(8); // 450万, 1%
    expect(assess(c, { rdExpense: 90, operatingRevenue: 3100 }).pointsOf('rd_spend')).toBe(0); // below both
  });

  it('the quality items give 3 each, capped at 5, duplicates counted once', () => {
    const c = compileStandard(SPECIALISED_2022);
    const points = (items: (typeof QUALITY_ITEMS)[number][]) =>
      assess(c, { qualityItems: items }).pointsOf('quality');
    expect(points([])).toBe(0);
    expect(points(['own_brand'])).toBe(3);
    expect(points(['own_brand', 'own_brand'])).toBe(3);
    expect(points(['own_brand', 'standard_setting'])).toBe(5);
    expect(points([...QUALITY_ITEMS])).toBe(5);
  });

  it('the IP level is the best item held, by each tier’s points', () => {
    const c = compileStandard(SPECIALISED_2022);
    const ip = { ipClassIHighValue: 0, ipClassISelfDeveloped: 0, ipClassIOther: 0, ipClassII: 0 };
    expect(assess(innovative, ip).pointsOf('ip')).toBe(0);
    expect(assess(innovative, { ...ip, ipClassII: 3 }).pointsOf('ip')).toBe(5);
    expect(assess(innovative, { ...ip, ipClassIOther: 1, ipClassII: 3 }).pointsOf('ip')).toBe(10);
    expect(assess(innovative, { ...ip, ipClassIHighValue: 1 }).pointsOf('ip')).toBe(20);
    expect(assess(c, { ...ip, ipClassISelfDeveloped: 2 }).pointsOf('ip')).toBe(8);
    // A high-value item decides without the lower counts.
    expect(assess(innovative, { ipClassIHighValue: 1 }).pointsOf('ip')).toBe(20);
  });

  it('every standard of the data compiles: bands cover every value once and add up to their maximums', () => {
    for (const standard of CULTIVATION_STANDARDS) expect(() => compileStandard(standard)).not.toThrow();
    expect(innovative.maxTotal).toBe(100);
    expect(compileStandard(SPECIALISED_2022).maxTotal).toBe(100);
  });

  it('refuses a scale with a gap or a value in two bands, naming the path', () => {
    const broken = (bands: ReturnType<typeof band>[]) => ({
      ...INNOVATIVE_2022,
      score: {
        ...(INNOVATIVE_2022.score as NonNullable<typeof INNOVATIVE_2022.score>),
        dimensions: (INNOVATIVE_2022.score as NonNullable<typeof INNOVATIVE_2022.score>).dimensions.map(
          (d) =>
            d.id !== 'growth'
              ? d
              : {
                  ...d,
                  indicators: d.indicators.map((i) =>
                    i.id === 'debt_ratio' ? { ...i, scales: [{ measure: 'debt_ratio' as const, bands }] } : i,
                  ),
                },
        ),
      },
    });
    expect(() => compileStandard(broken([band(10, null, incl(55)), band(0, incl(55), null)]))).toThrow(
      /2022-innovative\.growth\.debt_ratio\.scales\[0\]: 55 is in both bands/,
    );
    expect(() => compileStandard(broken([band(10, null, excl(55)), band(0, excl(55), null)]))).toThrow(
      /55 is in neither band/,
    );
    expect(() => compileStandard(broken([band(10, null, incl(50)), band(0, excl(55), null)]))).toThrow(
      CultivationStandardError,
    );
  });
});

describe('what it would need', () => {
  it('R&D share 2.8% → 3% gives +5', () => {
    const a = assess(innovative, workedCase({ rdExpense: 39.2 })); // 2.8% of 1400
    const need = a.needs.find((n) => n.indicator === 'rd_share');
    expect(need).toMatchObject({ measure: 'rd_share', from: 2.8, to: 3, toIncluded: true, gain: 5 });
    expect(need?.text).toEqual({
      zh: '研发费用占比 2.8% → 3%，可加 5 分',
      en: 'R&D share 2.8% → 3% gives +5',
    });
  });

  it('names no need for an indicator at its top band, and one per indicator below it', () => {
    const a = assess(innovative, workedCase());
    expect(a.needs.map((n) => [n.indicator, n.gain])).toEqual([
      ['ip', 5],
      ['rd_share', 5],
      ['main_growth', 5],
      ['catalogue', 5],
    ]);
    expect(a.needs[0]?.text.zh).toBe('知识产权 自主研发Ⅰ类 → Ⅰ类高价值，可加 5 分');
    expect(a.needs[3]?.text.en).toBe('in the strategic emerging industries catalogue no → yes gives +5');
  });

  it('a lower-is-better measure: down to an included end, or below an excluded one', () => {
    const innovativeNeed = assess(innovative, measureAt('debt_ratio', 60)).needs[0];
    expect(innovativeNeed).toMatchObject({ indicator: 'debt_ratio', to: 55, toIncluded: true, gain: 5 });
    const c = compileStandard(SPECIALISED_2022);
    const need = assess(c, measureAt('debt_ratio', 55)).needs.find((n) => n.indicator === 'debt_ratio');
    expect(need).toMatchObject({ from: 55, to: 50, toIncluded: false, gain: 2 });
    expect(need?.text).toEqual({
      zh: '资产负债率 55% → 低于50%，可加 2 分',
      en: 'debt-to-assets 55% → below 50% gives +2',
    });
  });

  it('an indicator with two scales offers each way to the next band', () => {
    const c = compileStandard(SPECIALISED_2022);
    const needs = assess(c, { rdExpense: 250, operatingRevenue: 5000 }).needs.filter(
      (n) => n.indicator === 'rd_spend',
    );
    expect(needs.map((n) => [n.measure, n.from, n.to, n.gain])).toEqual([
      ['rd_expense', 250, 300, 2],
      ['rd_share', 5, 6, 2],
    ]);
  });
});

describe('missing facts', () => {
  it('names the missing fact; the indicator scores nothing and the outcome waits for it', () => {
    const { totalAssets: _omitted, ...facts } = workedCase({ mainBusinessRevenuePrev: 1008 / 1.03 });
    const a = assess(innovative, facts);
    // Growth 5 without the debt ratio's up to 10 points: the growth minimum (15) could still be met.
    expect(a.pointsOf('debt_ratio')).toBe(0);
    expect(a.indicators.find((i) => i.id === 'debt_ratio')?.missing).toBe(true);
    expect(a.missing.map((m) => [m.fact, m.neededFor])).toEqual([['totalAssets', ['debt_ratio']]]);
    expect(a.status).toBe('incomplete');
  });

  it('is unlikely, not incomplete, when even the best band of the missing facts cannot pass', () => {
    const { totalAssets: _omitted, ...facts } = workedCase();
    const a = assess(innovative, { ...facts, rdExpense: 7 });
    expect(a.status).toBe('unlikely');
    expect(a.missing.map((m) => m.fact)).toEqual(['totalAssets']);
  });

  it('says why a ratio over a zero base cannot be computed', () => {
    const a = assess(innovative, workedCase({ mainBusinessRevenuePrev: 0 }));
    expect(a.missing).toEqual([
      {
        fact: 'mainBusinessRevenuePrev',
        name: { zh: '前年主营业务收入', en: 'main-business revenue of the year before' },
        neededFor: ['main_growth'],
        reason: {
          zh: '为0或负数，无法计算主营业务收入增长率',
          en: 'is 0 or negative, so the main-business growth cannot be computed',
        },
      },
    ]);
  });

  it('names the zero base of a two-year growth, and a province indicator by its name', () => {
    const c = compileStandard(SPECIALISED_2022, zhejiang);
    const a = assess(
      c,
      specialisedFacts({ mainBusinessRevenuePrev: 0, provinceIndicators: { export_share: 12 } }),
    );
    expect(a.missing.map((m) => [m.fact, m.name.zh, m.neededFor])).toEqual([
      ['mainBusinessRevenuePrev', '前年主营业务收入', ['main_growth_2y']],
      ['provinceIndicators.cluster', '属于本省特色产业集群', ['province:cluster']],
    ]);
  });

  it('names the facts of an undecided condition, and of a province set not given', () => {
    const a = assess(compileStandard(SPECIALISED_2022), { operatingRevenue: 800 });
    const facts = a.missing.map((m) => m.fact);
    expect(facts).toContain('newEquity2y');
    expect(facts).toContain('provinceIndicators');
    expect(a.missing.find((m) => m.fact === 'newEquity2y')?.neededFor).toEqual([
      'revenue',
      'equity_financing_2y',
    ]);
    expect(a.conditions.find((c) => c.id === 'revenue')?.met).toBeNull();
    expect(a.dimensions.find((d) => d.id === 'distinctiveness')).toMatchObject({ unset: true, points: 0 });
  });
});

/** A 专精特新 enterprise meeting conditions 1–3 and scoring well. */
function specialisedFacts(overrides: EnterpriseFacts = {}): EnterpriseFacts {
  return {
    certifications: ['创新型中小企业'],
    nicheYears: 6,
    operatingRevenue: 5000,
    operatingRevenuePrev: 4500,
    rdExpense: 300, // 6%
    rdExpensePrev: 250,
    mainBusinessRevenue: 4500, // 90%
    mainBusinessRevenuePrev: 4000,
    mainBusinessRevenuePrev2: 3600,
    totalAssets: 4000,
    totalLiabilities: 1800, // 45%
    netProfit: 450, // 9%
    employees: 100,
    rdStaff: 15,
    ipClassIHighValue: 0,
    ipClassISelfDeveloped: 2,
    ipClassIOther: 0,
    ipClassII: 4,
    rdInstitution: 'city',
    digitalLevel: 2,
    qualityItems: ['quality_system_certification', 'own_brand'],
    productField: 'base_brand_or_leader_supplier',
    nationalAwardRank: 'none',
    provincialAwardRank: 'none',
    makerChinaTop500: false,
    newEquity2y: 0,
    newEquity3y: 0,
    provinceIndicators: { export_share: 12, cluster: 1 },
    ...overrides,
  };
}

const zhejiang: ProvinceIndicatorSet = {
  province: '330000',
  standardId: '2022-specialised',
  indicators: [
    {
      id: 'export_share',
      zh: '出口额占比',
      en: 'Export share',
      unit: { zh: '%', en: '%' },
      max: 10,
      bands: [band(10, incl(20), null), band(5, incl(10), excl(20)), band(0, null, excl(10))],
    },
    {
      id: 'cluster',
      zh: '属于本省特色产业集群',
      en: 'In a provincial cluster',
      unit: { zh: '', en: '' },
      max: 5,
      bands: [band(5, incl(1), null), band(0, null, excl(1))],
    },
  ],
};

describe('专精特新 SMEs', () => {
  const specialised = compileStandard(SPECIALISED_2022, zhejiang);

  it('scores the four dimensions with the province’s 特色化 indicators', () => {
    const a = assess(specialised, specialisedFacts());
    // 专业化: share 90% → 5, growth (12.5 + 11.11)/2 → 10, 6 years → 3, field → 3.
    // 精细化: level 2 → 3, two items → 5, margin 9% → 8, debt 45% → 5. 特色化: 12% → 5, cluster → 5.
    // 创新能力: self-developed class I → 8, 300万 or 6% → 6, staff 15% → 3, city → 4.
    expect(dimensionPoints(a)).toEqual({
      specialisation: 21,
      refinement: 21,
      distinctiveness: 10,
      innovation: 21,
    });
    expect(a.total).toBe(73);
    expect(a.status).toBe('likely');
    expect(a.conditions.map((c) => [c.id, c.met])).toEqual([
      ['prerequisite', true],
      ['niche_years', true],
      ['rd_expense', true],
      ['revenue', true],
      ['science_award_ranked', false],
      ['rd_average', false],
      ['equity_financing_2y', false],
      ['maker_china', false],
    ]);
  });

  it('fails condition 2 on R&D under 100万, whatever the score', () => {
    const a = assess(specialised, specialisedFacts({ rdExpense: 99, operatingRevenue: 3000 }));
    const condition = a.conditions.find((c) => c.id === 'rd_expense');
    expect(condition?.met).toBe(false);
    expect(condition?.reason.zh).toBe(
      '不满足：（上年度研发费用99万元，要求不低于100万元（不满足）；且研发费用占比3.3%，要求不低于3%（满足））',
    );
    expect(a.status).toBe('unlikely');
  });

  it('takes revenue under 1000万 with 2000万 of new equity in 2 years (condition 3)', () => {
    const small = specialisedFacts({
      operatingRevenue: 900,
      mainBusinessRevenue: 800,
      rdExpense: 120,
      netProfit: 90,
    });
    expect(
      assess(specialised, { ...small, newEquity2y: 1999 }).conditions.find((c) => c.id === 'revenue')?.met,
    ).toBe(false);
    expect(
      assess(specialised, { ...small, newEquity2y: 2000 }).conditions.find((c) => c.id === 'revenue')?.met,
    ).toBe(true);
  });

  it('an alternative replaces a score under 60 (condition 4)', () => {
    const weak = specialisedFacts({ digitalLevel: 1, qualityItems: [], netProfit: 0, rdInstitution: 'none' });
    expect(assess(specialised, weak).total).toBeLessThan(60);
    expect(assess(specialised, weak).status).toBe('unlikely');
    expect(assess(specialised, { ...weak, provincialAwardRank: 3 }).status).toBe('likely');
    expect(assess(specialised, { ...weak, provincialAwardRank: 4 }).status).toBe('unlikely');
    expect(assess(specialised, { ...weak, nationalAwardRank: 5 }).status).toBe('likely');
    expect(
      assess(specialised, { ...weak, rdExpense: 1000, rdExpensePrev: 1000, operatingRevenue: 20_000 }).status,
    ).toBe('likely');
  });

  it('requires the innovative SME recognition (§5)', () => {
    const a = assess(specialised, specialisedFacts({ certifications: ['高新技术企业'] }));
    expect(a.conditions[0]).toMatchObject({ id: 'prerequisite', group: 'prerequisite', met: false });
    expect(a.status).toBe('unlikely');
  });

  it('refuses a province set outside the standard’s limits, naming it', () => {
    expect(() =>
      compileStandard(SPECIALISED_2022, { ...zhejiang, indicators: zhejiang.indicators.slice(0, 1) }),
    ).toThrow('330000.indicators: their maximums add up to 10; the dimension is worth 15');
    const four = [0, 1, 2, 3].map((i) => ({
      ...(zhejiang.indicators[1] as (typeof zhejiang.indicators)[1]),
      id: `x${i}`,
    }));
    expect(() => compileStandard(SPECIALISED_2022, { ...zhejiang, indicators: four })).toThrow(
      '330000.indicators: 4 indicators; the standard allows 1 to 3',
    );
    expect(() => compileStandard(INNOVATIVE_2022, zhejiang)).toThrow(/is not 2022-innovative/);
  });
});

describe('little giants', () => {
  const giant = compileStandard(LITTLE_GIANT_2022);
  const facts = (overrides: EnterpriseFacts = {}): EnterpriseFacts => ({
    certifications: ['专精特新中小企业'],
    nicheYears: 3,
    operatingRevenue: 12_000,
    operatingRevenuePrev: 10_000,
    mainBusinessRevenue: 8400, // 70%
    mainBusinessRevenuePrev: 8000, // 5%
    mainBusinessRevenuePrev2: 7619.047619047619, // 5%
    rdExpense: 360, // 3%
    rdExpensePrev: 300, // 3%
    totalAssets: 10_000,
    totalLiabilities: 7000, // 70%
    informationSystems: true,
    certifiedManagement: true,
    nationalMarketShare: 10,
    qualityItems: ['own_brand'],
    rdInstitution: 'below_city',
    ipClassIInUse: 2,
    keyChainLink: true,
    priorityField: true,
    ...overrides,
  });

  it('is likely when every condition holds exactly at its threshold', () => {
    const a = assess(giant, facts());
    expect(a.conditions.filter((c) => c.met !== true)).toEqual([]);
    expect(a.status).toBe('likely');
    expect(a.total).toBe(0);
    expect(a.scorePasses).toBeNull();
  });

  it('asks 6% in both years between 5000万 and 1亿, and 8000万 equity below 5000万', () => {
    const rd = (f: EnterpriseFacts) => assess(giant, f).conditions.find((c) => c.id === 'rd_by_revenue')?.met;
    expect(
      rd(facts({ operatingRevenue: 9000, rdExpense: 540, operatingRevenuePrev: 8000, rdExpensePrev: 480 })),
    ).toBe(true);
    expect(
      rd(facts({ operatingRevenue: 9000, rdExpense: 540, operatingRevenuePrev: 8000, rdExpensePrev: 470 })),
    ).toBe(false);
    const small = {
      operatingRevenue: 4000,
      rdExpense: 1600,
      rdExpensePrev: 1400,
      employees: 100,
      rdStaff: 50,
    };
    expect(rd(facts({ ...small, newEquity2y: 8000 }))).toBe(true);
    expect(rd(facts({ ...small, newEquity2y: 7999 }))).toBe(false);
    expect(rd(facts({ ...small, newEquity2y: 8000, rdStaff: 49 }))).toBe(false);
  });

  it('fails on a debt ratio above 70% and on a missing prerequisite', () => {
    expect(assess(giant, facts({ totalLiabilities: 7001 })).status).toBe('unlikely');
    expect(assess(giant, facts({ certifications: ['创新型中小企业'] })).status).toBe('unlikely');
    expect(assess(giant, facts({ keyChainLink: null })).status).toBe('incomplete');
  });
});

describe('innovative SMEs: direct conditions', () => {
  const weak = workedCase({ rdExpense: 7, mainBusinessRevenuePrev: 1008 / 0.99 });

  it('a valid high-tech recognition qualifies whatever the score', () => {
    const a = assess(innovative, { ...weak, certifications: ['高新技术企业'] });
    expect(a.total).toBe(50);
    expect(a.status).toBe('likely');
    expect(a.conditions.find((c) => c.id === 'recognised_enterprise')?.reason.en).toBe(
      'met: one of High-tech enterprise, National technology innovation demonstration enterprise, IP advantage enterprise, IP demonstration enterprise needed; holds High-tech enterprise (met)',
    );
    expect(a.conditions.find((c) => c.id === 'recognised_enterprise')?.reason.zh).toContain(
      '需持有高新技术企业、国家级技术创新示范企业、知识产权优势企业、知识产权示范企业之一，现持有高新技术企业',
    );
  });

  it('shows a figure just below a band’s end with the decimals that keep it below (2.997%, not 3%)', () => {
    const a = assess(innovative, workedCase({ rdExpense: 4.46, operatingRevenue: 148.82 }));
    const rd = a.indicators.find((i) => i.figures.some((f) => f.measure === 'rd_share'));
    const share = rd?.figures.find((f) => f.measure === 'rd_share');
    expect(share?.text.zh).toBe('2.997%');
  });

  it('words the prerequisite for its one recognition (no "one of" a list of one)', () => {
    const specialised = compileStandard(SPECIALISED_2022, zhejiang);
    const a = assess(specialised, { ...weak, certifications: ['高新技术企业'] });
    const prerequisite = a.conditions.find((c) => c.id === 'prerequisite');
    expect(prerequisite?.met).toBe(false);
    expect(prerequisite?.reason.zh).toContain('需持有创新型中小企业，未持有');
    expect(prerequisite?.reason.en).toContain('Innovative SME needed; holds none of them');
    expect(prerequisite?.name.en).toBe('Holds a valid recognition as Innovative SME');
  });

  it('500万 of new equity in 3 years qualifies; 499 does not', () => {
    expect(assess(innovative, { ...weak, newEquity3y: 500 }).status).toBe('likely');
    expect(assess(innovative, { ...weak, newEquity3y: 499 }).status).toBe('unlikely');
  });

  it('a provincial R&D institution or an award of any rank qualifies; a city institution does not', () => {
    expect(assess(innovative, { ...weak, rdInstitution: 'provincial' }).status).toBe('likely');
    expect(assess(innovative, { ...weak, rdInstitution: 'national' }).status).toBe('likely');
    expect(assess(innovative, { ...weak, rdInstitution: 'city' }).status).toBe('unlikely');
    expect(assess(innovative, { ...weak, nationalAwardRank: 9 }).status).toBe('likely');
  });

  it('a failing score with the direct conditions unknown is incomplete', () => {
    const { certifications: _c, ...facts } = weak;
    expect(assess(innovative, facts).status).toBe('incomplete');
  });
});

function randomFacts(next: () => number, allKnown: boolean): EnterpriseFacts {
  const maybe = <T>(v: T): T | null => (!allKnown && next() < 0.1 ? null : v);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const revenue = 100 + int(20_000);
  const employees = 1 + int(500);
  return {
    employees: maybe(employees),
    rdStaff: maybe(int(employees + 1)),
    operatingRevenue: maybe(revenue),
    operatingRevenuePrev: maybe(100 + int(20_000)),
    mainBusinessRevenue: maybe(Math.round(revenue * next())),
    mainBusinessRevenuePrev: maybe(1 + int(20_000)),
    mainBusinessRevenuePrev2: maybe(1 + int(20_000)),
    totalAssets: maybe(1 + int(30_000)),
    totalLiabilities: maybe(int(30_000)),
    netProfit: maybe(int(4000) - 1000),
    rdExpense: maybe(Math.round(revenue * next() * 0.15)),
    rdExpensePrev: maybe(int(1500)),
    certifications: maybe(next() < 0.2 ? ['创新型中小企业'] : next() < 0.1 ? ['专精特新中小企业'] : []),
    nicheYears: maybe(int(15)),
    ipClassIHighValue: maybe(next() < 0.1 ? 1 : 0),
    ipClassISelfDeveloped: maybe(int(3)),
    ipClassIOther: maybe(int(3)),
    ipClassII: maybe(int(5)),
    ipClassIInUse: maybe(int(2)),
    rdInstitution: maybe(pick(['none', 'below_city', 'city', 'provincial', 'national'] as const)),
    digitalLevel: maybe(int(5)),
    qualityItems: maybe(QUALITY_ITEMS.filter(() => next() < 0.4)),
    productField: maybe(pick(['other', 'base_brand_or_leader_supplier', 'gap_or_key_chain'] as const)),
    inStrategicCatalogue: maybe(next() < 0.5),
    nationalAwardRank: maybe(next() < 0.05 ? 1 + int(8) : 'none'),
    provincialAwardRank: maybe(next() < 0.05 ? 1 + int(8) : 'none'),
    makerChinaTop500: maybe(next() < 0.05),
    newEquity2y: maybe(next() < 0.1 ? int(9000) : 0),
    newEquity3y: maybe(next() < 0.1 ? 9000 + int(1000) : 0),
    informationSystems: maybe(next() < 0.7),
    certifiedManagement: maybe(next() < 0.7),
    nationalMarketShare: maybe(int(30)),
    keyChainLink: maybe(next() < 0.5),
    priorityField: maybe(next() < 0.5),
    provinceIndicators: allKnown || next() < 0.9 ? { export_share: int(40), cluster: int(2) } : null,
  };
}

describe('property: the total is the explanation’s sum, and the minimums decide as stated', () => {
  const tiers = [innovative, compileStandard(SPECIALISED_2022, zhejiang), compileStandard(LITTLE_GIANT_2022)];
  const together = compileTiers([INNOVATIVE_2022, SPECIALISED_2022, LITTLE_GIANT_2022], [zhejiang]);

  for (const allKnown of [false, true])
    it(`holds over 1,000 seeded enterprises per tier (${allKnown ? 'all facts known' : 'some facts missing'})`, () => {
      const next = prng(allKnown ? 20261207 : 18);
      for (let n = 0; n < 1000; n++) {
        const facts = randomFacts(next, allKnown);
        const all = assessTiers(together, facts);
        tiers.forEach((compiled, t) => {
          const a = assess(compiled, facts);
          expect([all[t]?.total, all[t]?.status, all[t]?.needs.length]).toEqual([
            a.total,
            a.status,
            a.needs.length,
          ]);
          const explained = a.explain();
          const byIndicators = explained.indicators.reduce((s, i) => s + i.points, 0);
          expect(a.total).toBe(byIndicators);
          expect(a.total).toBe(explained.dimensions.reduce((s, d) => s + d.points, 0));
          for (const d of explained.dimensions)
            expect(d.points).toBe(
              explained.indicators.filter((i) => i.dimension === d.id).reduce((s, i) => s + i.points, 0),
            );
          for (const need of a.needs) expect(need.gain).toBeGreaterThan(0);
          const score = compiled.standard.score;
          const required = explained.conditions.filter((c) => c.group !== 'alternative');
          const alternatives = explained.conditions.filter((c) => c.group === 'alternative');
          const passes =
            score === null ||
            (a.total >= score.passTotal && explained.dimensions.every((d) => d.meetsMinimum !== false));
          // The status the explanation gives, every condition checked, is the one scored (which stops at the
          // first requirement that fails).
          const tri = (met: boolean | null) => (met === null ? -1 : met ? 1 : 0);
          const and3 = (x: number, y: number) => (x === 0 || y === 0 ? 0 : x === 1 && y === 1 ? 1 : -1);
          const or3 = (x: number, y: number) => (x === 1 || y === 1 ? 1 : x === 0 && y === 0 ? 0 : -1);
          const requiredTri = required.reduce((r, c) => and3(r, tri(c.met)), 1);
          const alternativeTri = alternatives.reduce((r, c) => or3(r, tri(c.met)), 0);
          const path =
            score === null && alternatives.length === 0
              ? 1
              : or3(alternativeTri, score === null ? 0 : tri(a.scorePasses));
          const overall = and3(requiredTri, path);
          expect(a.status).toBe(overall === 1 ? 'likely' : overall === 0 ? 'unlikely' : 'incomplete');
          if (a.status === 'likely') {
            expect(required.every((c) => c.met === true)).toBe(true);
            if (alternatives.every((c) => c.met !== true)) expect(passes).toBe(true);
          }
          if (allKnown) {
            expect(explained.missing).toEqual([]);
            expect(a.status).not.toBe('incomplete');
            const expected = required.every((c) => c.met) && (alternatives.some((c) => c.met) || passes);
            expect(a.likely).toBe(expected);
          }
        });
      }
    });
});

describe('consistency of the facts', () => {
  it('accepts consistent facts', () => {
    expect(checkFacts(workedCase())).toEqual([]);
    expect(checkFacts(specialisedFacts({ netProfit: -20 }))).toEqual([]);
  });

  it('refuses R&D expense or main-business revenue above revenue, naming the field', () => {
    const problems = checkFacts({ operatingRevenue: 100, rdExpense: 120, mainBusinessRevenue: 101 });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['rdExpense', 'above_revenue'],
      ['mainBusinessRevenue', 'above_revenue'],
    ]);
    expect(problems[0]?.message).toEqual({
      zh: '上年度研发费用（120）高于营业收入（100）',
      en: "last year's R&D expense (120) is above operating revenue (100)",
    });
  });

  it('refuses negative amounts and counts, fractional counts, and staff above employees', () => {
    const problems = checkFacts({ employees: -1, rdStaff: 2.5, totalAssets: -3, nicheYears: -1 });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['totalAssets', 'negative'],
      ['nicheYears', 'negative'],
      ['employees', 'negative'],
      ['rdStaff', 'not_whole'],
    ]);
    expect(checkFacts({ employees: 10, rdStaff: 11 }).map((p) => p.code)).toEqual(['above_employees']);
  });

  it('refuses contradicting windows, IP, shares, ranks, levels and options', () => {
    const problems = checkFacts({
      newEquity2y: 600,
      newEquity3y: 500,
      ipClassIHighValue: 0,
      ipClassISelfDeveloped: 1,
      ipClassIOther: 0,
      ipClassIInUse: 2,
      nationalMarketShare: 120,
      digitalLevel: 5,
      provincialAwardRank: 0,
      rdInstitution: 'county' as never,
      qualityItems: ['iso'] as never,
      operatingRevenue: Number.NaN,
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['operatingRevenue', 'not_a_number'],
      ['newEquity2y', 'above_window'],
      ['ipClassIInUse', 'above_class_i'],
      ['nationalMarketShare', 'above_100'],
      ['digitalLevel', 'level_out_of_range'],
      ['provincialAwardRank', 'rank_below_1'],
      ['rdInstitution', 'unknown_option'],
      ['qualityItems', 'unknown_option'],
    ]);
  });
});

describe('versions by date', () => {
  it('finds the 2022 standards from 2022-06-01 and none before', () => {
    expect(findCultivationStandard('innovative', '2022-05-31')).toBeUndefined();
    expect(findCultivationStandard('innovative', '2022-06-01')?.id).toBe('2022-innovative');
    expect(
      CULTIVATION_STANDARDS.map((st) => [st.recognition.validityYears.value, st.recognition.decidedBy]),
    ).toEqual([
      [3, 'province'],
      [3, 'province'],
      [3, 'ministry'],
    ]);
    expect(findCultivationStandard('little_giant', '2026-12-07')?.reportedSuccessor).toMatchObject({
      documentNumber: '工信部企业〔2026〕2号',
      from: '2026-04-01',
      confidence: 'unverified',
    });
  });
});
