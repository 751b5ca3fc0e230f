/** The SMEDI's vocabularies and the balance method (docs/reference/monitoring.md), with the examples of §8. */
import { describe, expect, it } from 'vitest';
import { allIndustries, findIndustry } from './industries.ts';
import {
  ANSWER_KINDS,
  ANSWER_LEVELS,
  balanceIndex,
  componentDiffusion,
  DIRECTIONS,
  type Direction,
  diffusionIndex,
  ECONOMIC_REGIONS,
  ENVIRONMENT_DIMENSIONS,
  economicRegionOf,
  formatIndex,
  INDEX_LINE,
  INDEX_MAX,
  INDEX_MIN,
  type MonitoringTerm,
  monitoringTermName,
  PMI_COMPONENTS,
  PMI_NEUTRAL,
  pmiIndex,
  roundIndex,
  SECTIONS_OUTSIDE_SMEDI,
  SMEDI_INDUSTRIES,
  SMEDI_PUBLISHED_EXAMPLES,
  SMEDI_SUB_INDICES,
  smediIndustryOf,
  weightedMean,
} from './monitoring.ts';
import { findRegion, regionChildren } from './regions.ts';

describe('vocabularies (docs/reference/monitoring.md §3, §4, §6.1, §9)', () => {
  it.each([
    ['SMEDI_INDUSTRIES', SMEDI_INDUSTRIES, 8],
    ['SMEDI_SUB_INDICES', SMEDI_SUB_INDICES, 8],
    ['ANSWER_KINDS', ANSWER_KINDS, 4],
    ['ANSWER_LEVELS', ANSWER_LEVELS, 3],
    ['DIRECTIONS', DIRECTIONS, 2],
    ['ECONOMIC_REGIONS', ECONOMIC_REGIONS, 4],
    ['PMI_COMPONENTS', PMI_COMPONENTS, 5],
    ['ENVIRONMENT_DIMENSIONS', ENVIRONMENT_DIMENSIONS, 5],
  ] as const)('%s has %i terms with unique codes and both names', (_, list: readonly MonitoringTerm[], n) => {
    expect(list).toHaveLength(n);
    expect(new Set(list.map((t) => t.code)).size).toBe(n);
    for (const t of list) {
      expect(t.code).toMatch(/^[a-z_]+$/);
      expect(t.zh.length, t.code).toBeGreaterThan(0);
      expect(t.en, t.code).toMatch(/^[A-Z]/);
    }
  });

  it('lists the industries and the sub-indices in the notes’ order', () => {
    expect(SMEDI_INDUSTRIES.map((i) => i.zh)).toEqual([
      '工业',
      '建筑业',
      '交通运输邮政仓储业',
      '房地产业',
      '批发零售业',
      '社会服务业',
      '信息传输计算机服务软件业',
      '住宿餐饮业',
    ]);
    expect(SMEDI_SUB_INDICES.map((s) => s.code)).toEqual([
      'macro',
      'operations',
      'market',
      'cost',
      'funding',
      'labour',
      'investment',
      'profit',
    ]);
  });

  it('names a term, or shows a stale code as it is', () => {
    expect(monitoringTermName(SMEDI_INDUSTRIES, 'construction')).toEqual({
      zh: '建筑业',
      en: 'Construction',
    });
    expect(monitoringTermName(SMEDI_INDUSTRIES, 'gone')).toEqual({ zh: 'gone', en: 'gone' });
  });
});

describe('SMEDI industries over GB/T 4754-2017 sections (§3)', () => {
  const sections = allIndustries().filter((i) => i.level === 'section');

  it.each([
    ['A', null],
    ['B', 'industry'],
    ['C', 'industry'],
    ['D', 'industry'],
    ['E', 'construction'],
    ['F', 'wholesale_retail'],
    ['G', 'transport'],
    ['H', 'accommodation_catering'],
    ['I', 'information'],
    ['J', null],
    ['K', 'real_estate'],
    ['L', 'social_services'],
    ['M', 'social_services'],
    ['N', 'social_services'],
    ['O', 'social_services'],
    ['P', 'social_services'],
    ['Q', 'social_services'],
    ['R', 'social_services'],
    ['S', null],
    ['T', null],
  ])('section %s → %s', (section, industry) => {
    expect(smediIndustryOf(section)).toBe(industry);
  });

  it('covers every section of industries.ts exactly once: in one industry or outside', () => {
    expect(sections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const listed = [...SMEDI_INDUSTRIES.flatMap((i) => i.sections), ...SECTIONS_OUTSIDE_SMEDI].sort();
    expect(listed).toEqual(sections.map((s) => s.code));
    for (const letter of SECTIONS_OUTSIDE_SMEDI) expect(smediIndustryOf(letter)).toBeNull();
    for (const industry of SMEDI_INDUSTRIES) {
      for (const letter of industry.sections) expect(findIndustry(letter)?.level).toBe('section');
    }
  });

  it.each([
    ['C13', 'industry'],
    ['13', 'industry'],
    ['c', 'industry'],
    ['G591', 'transport'],
    ['K7010', 'real_estate'],
    ['I65', 'information'],
    ['Q85', 'social_services'],
    ['J66', null],
    ['A01', null],
    ['U', null],
    ['98', null],
    ['', null],
  ])('code %j → %s', (code, industry) => {
    expect(smediIndustryOf(code)).toBe(industry);
  });
});

describe('economic regions over GB/T 2260 provinces (§5)', () => {
  const provinces = regionChildren(null);

  it('puts each of the 31 provinces of regions.ts in exactly one region (10 + 6 + 12 + 3)', () => {
    expect(provinces).toHaveLength(31);
    for (const p of provinces) {
      const holders = ECONOMIC_REGIONS.filter((r) => (r.provinces as readonly string[]).includes(p.code));
      expect(holders, `${p.code} ${p.name}`).toHaveLength(1);
      expect(economicRegionOf(p.code)).toBe(holders[0]?.code);
    }
    expect(ECONOMIC_REGIONS.map((r) => r.provinces.length)).toEqual([10, 6, 12, 3]);
    for (const r of ECONOMIC_REGIONS) {
      for (const code of r.provinces) expect(findRegion(code)?.level, code).toBe('province');
    }
  });

  it.each([
    ['110000', '北京市', 'east'],
    ['460000', '海南省', 'east'],
    ['140000', '山西省', 'central'],
    ['430000', '湖南省', 'central'],
    ['150000', '内蒙古自治区', 'west'],
    ['450000', '广西壮族自治区', 'west'],
    ['540000', '西藏自治区', 'west'],
    ['210000', '辽宁省', 'northeast'],
    ['230000', '黑龙江省', 'northeast'],
  ])('%s %s → %s', (code, name, region) => {
    expect(findRegion(code)?.name).toBe(name);
    expect(economicRegionOf(code)).toBe(region);
  });

  it.each([
    ['440106', 'east'],
    ['4401', 'east'],
    ['44', 'east'],
    ['500101', 'west'],
    ['710000', null],
    ['810000', null],
    ['820000', null],
    ['000000', null],
    ['4401061', null],
    ['441', null],
    ['44a100', null],
    ['', null],
  ])('economicRegionOf(%j) → %s', (code, region) => {
    expect(economicRegionOf(code)).toBe(region);
  });
});

describe('balance and diffusion indices (§6.2, §6.4)', () => {
  it('§8.1: weighted totals 200 up, 175 same, 125 down (40%, 35%, 25%) → 115; diffusion 57.5', () => {
    expect(balanceIndex(200, 175, 125, 'up_is_good')).toBe(115);
    expect(balanceIndex(40, 35, 25, 'up_is_good')).toBe(115);
    expect(balanceIndex(0.4, 0.35, 0.25, 'up_is_good')).toBe(115);
    expect(diffusionIndex(200, 175, 125)).toBe(57.5);
  });

  it('§8.1: the six enterprises of the table sum to those totals; counted unweighted they give 100', () => {
    const answers = [
      [120, 'up'],
      [80, 'up'],
      [150, 'same'],
      [25, 'same'],
      [100, 'down'],
      [25, 'down'],
    ] as const;
    const total = (level: string, weighted: boolean) =>
      answers.filter(([, a]) => a === level).reduce((sum, [w]) => sum + (weighted ? w : 1), 0);
    expect([total('up', true), total('same', true), total('down', true)]).toEqual([200, 175, 125]);
    expect(balanceIndex(total('up', true), total('same', true), total('down', true), 'up_is_good')).toBe(115);
    expect(balanceIndex(total('up', false), total('same', false), total('down', false), 'up_is_good')).toBe(
      100,
    );
  });

  it('§8.2: costs 50% up, 30% same, 20% down → 130 as reported, 70 with down good', () => {
    expect(balanceIndex(50, 30, 20, 'up_is_good')).toBe(130);
    expect(balanceIndex(50, 30, 20, 'down_is_good')).toBe(70);
    expect(balanceIndex(50, 30, 20, 'up_is_good') + balanceIndex(50, 30, 20, 'down_is_good')).toBe(200);
  });

  it('§8.5: a PMI component, 30% up, 44% same, 26% down → diffusion 52', () => {
    expect(diffusionIndex(30, 44, 26)).toBe(52);
  });

  it.each<[number, number, number, Direction, number]>([
    [1, 0, 0, 'up_is_good', INDEX_MAX],
    [0, 0, 1, 'up_is_good', INDEX_MIN],
    [0, 1, 0, 'up_is_good', INDEX_LINE],
    [1, 0, 0, 'down_is_good', INDEX_MIN],
    [0, 0, 1, 'down_is_good', INDEX_MAX],
    [0, 1, 0, 'down_is_good', INDEX_LINE],
    [3, 0, 3, 'up_is_good', INDEX_LINE],
  ])('bounds: up %d, same %d, down %d, %s → %d', (up, same, down, direction, index) => {
    expect(balanceIndex(up, same, down, direction)).toBe(index);
  });

  it('keeps within 0–200, the diffusion index half the balance index, whatever the weights', () => {
    const totals = [0, 0.5, 1, 7, 12.25, 333.3, 1000];
    for (const up of totals) {
      for (const same of totals) {
        for (const down of totals) {
          if (up + same + down === 0) continue;
          const b = balanceIndex(up, same, down, 'up_is_good');
          expect(b).toBeGreaterThanOrEqual(INDEX_MIN);
          expect(b).toBeLessThanOrEqual(INDEX_MAX);
          expect(diffusionIndex(up, same, down)).toBeCloseTo(b / 2, 12);
          expect(balanceIndex(up, same, down, 'down_is_good')).toBeCloseTo(200 - b, 12);
        }
      }
    }
    expect(diffusionIndex(1, 0, 0)).toBe(100);
    expect(diffusionIndex(0, 0, 1)).toBe(0);
    expect(diffusionIndex(0, 1, 0)).toBe(PMI_NEUTRAL);
  });

  it('is exact where the textbook float formula is not: 1 up, 7 same, 12 down → 45', () => {
    const up = 1;
    const same = 7;
    const down = 12;
    expect(((up - down) / (up + same + down)) * 100 + 100).toBe(44.99999999999999);
    expect(balanceIndex(up, same, down, 'up_is_good')).toBe(45);
    expect(balanceIndex(0.1, 0.7, 1.2, 'up_is_good')).toBe(45);
    expect(balanceIndex(0.1, 0.2, 0.3, 'up_is_good')).toBe(200 / 3);
  });

  it('refuses totals that are negative, not finite or all zero, and a question with no direction', () => {
    expect(() => balanceIndex(-1, 2, 3, 'up_is_good')).toThrow(/"up" is negative/);
    expect(() => balanceIndex(0, 0, 0, 'up_is_good')).toThrow(/all 0/);
    expect(() => diffusionIndex(1, Number.NaN, 0)).toThrow(/finite/);
    expect(() => balanceIndex(1, 1, Number.POSITIVE_INFINITY, 'up_is_good')).toThrow(/finite/);
    expect(() => balanceIndex(1, 1, 1, undefined as unknown as Direction)).toThrow(/needs a direction/);
    expect(() => balanceIndex(1, 1, 1, 'up' as Direction)).toThrow(/needs a direction/);
  });
});

describe('weighted means (§6.5)', () => {
  it('§8.3: the market sub-index from orders 115, output 108, sales 94 weighted 0.5, 0.3, 0.2 → 108.7', () => {
    expect(weightedMean([115, 108, 94], [0.5, 0.3, 0.2], 1)).toBe(108.7);
    expect(weightedMean([115, 108, 94], [50, 30, 20], 100)).toBe(108.7);
  });

  it('§8.4: the overall index from the 8 industry indices weighted by value-added share → 89.564 (89.6)', () => {
    const indices = [90.2, 85, 88.4, 80.5, 92, 91.5, 95, 86];
    const shares = [40, 8, 6, 7, 14, 15, 6, 4];
    const overall = weightedMean(indices, shares, 100);
    expect(overall).toBe(89.564);
    expect(formatIndex(overall)).toBe('89.6');
  });

  it('gives the same figure whatever the order (deterministic, exact)', () => {
    const values = [90.2, 85, 88.4, 80.5, 92, 91.5, 95, 86];
    const weights = [0.4, 0.08, 0.06, 0.07, 0.14, 0.15, 0.06, 0.04];
    const forward = weightedMean(values, weights, 1);
    expect(weightedMean([...values].reverse(), [...weights].reverse(), 1)).toBe(forward);
    expect(forward).toBe(89.564);
  });

  it('accepts weights whose float sum is off but whose decimal sum is exact', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(weightedMean([1, 2], [0.1, 0.2], 0.3)).toBe(5 / 3);
    const shares = [0.4, 0.08, 0.06, 0.07, 0.14, 0.15, 0.06, 0.04];
    expect(shares.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(weightedMean([1, 1, 1, 1, 1, 1, 1, 1], shares, 1)).toBe(1);
  });

  it.each([
    [[115, 108, 94], [0.5, 0.3, 0.1], 1, /weights sum to 0.9, not to the declared total 1/],
    [[115, 108, 94], [50, 30, 21], 100, /weights sum to 101, not to the declared total 100/],
    [[115, 108], [0.5, 0.3, 0.2], 1, /2 values but 3 weights/],
    [[], [], 1, /no values/],
    [[115, 108], [1.5, -0.5], 1, /weight 2 is negative/],
    [[115], [Number.NaN], 1, /Weight 1 must be a finite number/],
    [[115], [1], 0, /declared total must be above 0/],
  ])('refuses %j weighted %j (declared %d)', (values, weights, total, message) => {
    expect(() => weightedMean(values, weights, total)).toThrow(message);
  });
});

describe('the PMI (§7)', () => {
  it('holds the five weights summing to exactly 1, supplier delivery inverted', () => {
    expect(PMI_COMPONENTS.map((c) => [c.code, c.weight, c.inverted])).toEqual([
      ['new_orders', 0.3, false],
      ['output', 0.25, false],
      ['employment', 0.2, false],
      ['supplier_delivery', 0.15, true],
      ['raw_material_inventory', 0.1, false],
    ]);
    expect(
      weightedMean(
        PMI_COMPONENTS.map(() => 1),
        PMI_COMPONENTS.map((c) => c.weight),
        1,
      ),
    ).toBe(1);
  });

  it('§8.5: a delivery-times question counts "times fell" (faster), as NBS publishes the component', () => {
    // 30% longer, 44% unchanged, 26% shorter: the component is 26 + 22 = 48 (slower), entering the PMI as 52.
    expect(componentDiffusion('supplier_delivery', 30, 44, 26)).toBe(48);
    // The others count "up": new orders 30% up, 44% same, 26% down → 52.
    expect(componentDiffusion('new_orders', 30, 44, 26)).toBe(52);
    // Slower deliveries raise the PMI, faster ones lower it (every other component at 50).
    const at50 = { new_orders: 50, output: 50, employment: 50, raw_material_inventory: 50 } as const;
    const slower = pmiIndex({
      ...at50,
      supplier_delivery: componentDiffusion('supplier_delivery', 60, 20, 20),
    });
    const faster = pmiIndex({
      ...at50,
      supplier_delivery: componentDiffusion('supplier_delivery', 20, 20, 60),
    });
    expect(slower).toBeGreaterThan(50);
    expect(faster).toBeLessThan(50);
    expect(() => componentDiffusion('nonsense' as 'output', 1, 1, 1)).toThrow(/not a PMI component/);
  });

  it('§8.5: new orders 52, output 54, employment 48, supplier delivery 48, inventory 47 → 51.2', () => {
    expect(
      pmiIndex({
        new_orders: 52,
        output: 54,
        employment: 48,
        supplier_delivery: 48,
        raw_material_inventory: 47,
      }),
    ).toBe(51.2);
  });

  it('is neutral when every component is', () => {
    expect(
      pmiIndex({
        new_orders: 50,
        output: 50,
        employment: 50,
        supplier_delivery: 50,
        raw_material_inventory: 50,
      }),
    ).toBe(PMI_NEUTRAL);
  });
});

describe('rounding for display (§6.6)', () => {
  it.each([
    [89.25, '89.3', 89.3],
    [114.95, '115.0', 115],
    [100.35, '100.4', 100.4],
    [89.24, '89.2', 89.2],
    [89.564, '89.6', 89.6],
    [99.95, '100.0', 100],
    [199.95, '200.0', 200],
    [115, '115.0', 115],
    [0, '0.0', 0],
    [0.04, '0.0', 0],
    [0.05, '0.1', 0.1],
    [-0.05, '-0.1', -0.1],
    [-0.04, '0.0', 0],
    [200 / 3, '66.7', 66.7],
  ])('%d → %s', (value, text, rounded) => {
    expect(formatIndex(value)).toBe(text);
    expect(roundIndex(value)).toBe(rounded);
  });

  it('rounds the decimal the number prints as, where toFixed goes by the binary value', () => {
    expect((100.35).toFixed(1)).toBe('100.3');
    expect(formatIndex(100.35)).toBe('100.4');
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(formatIndex(1.005, 2)).toBe('1.01');
  });

  it('takes other numbers of decimals and refuses nonsense', () => {
    expect(formatIndex(89.564, 2)).toBe('89.56');
    expect(formatIndex(89.5, 0)).toBe('90');
    expect(formatIndex(0.5, 0)).toBe('1');
    expect(roundIndex(89.565, 2)).toBe(89.57);
    expect(() => formatIndex(1, -1)).toThrow(RangeError);
    expect(() => formatIndex(1, 1.5)).toThrow(RangeError);
    expect(() => formatIndex(Number.NaN)).toThrow(/finite/);
  });
});

describe('published SMEDI figures (§2)', () => {
  it('lie in the index range, below the line, with one decimal', () => {
    for (const { month, value } of SMEDI_PUBLISHED_EXAMPLES) {
      expect(month).toMatch(/^\d{4}-\d{2}$/);
      expect(value).toBeGreaterThanOrEqual(INDEX_MIN);
      expect(value).toBeLessThan(INDEX_LINE);
      expect(roundIndex(value)).toBe(value);
    }
  });
});
