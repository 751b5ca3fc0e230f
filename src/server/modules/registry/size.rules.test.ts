import { describe, expect, it } from 'vitest';
import { type CnSizeStandard, cn2011 } from '../../../reference/size-standards/cn-2011.ts';
import { eu2003 } from '../../../reference/size-standards/eu-2003.ts';
import {
  findSizeStandard,
  SIZE_STANDARDS,
  standardInForce,
} from '../../../reference/size-standards/index.ts';
import {
  applyTwoYearRule,
  type CnClassification,
  type CnSizeInput,
  classify,
  classifyCn,
  classifyCnSize,
  classifyEu,
  type EuInput,
  type SizeClass,
  sizeLabel,
} from './size.rules.ts';

/**
 * The 16 categories typed in again from docs/reference/size-standards.md (工信部联企业〔2011〕300号,
 * 国统字〔2017〕213号) — deliberately not read from cn-2011.ts, so a typo in the data fails here.
 * Columns: no | GB/T 4754-2017 codes of the category (the first is used for the boundaries) | name | indicators |
 * large | medium | small (lower bounds, ≥; X persons, Y and Z 万元).
 */
const TABLE = `
1  | A0111 A02 A05                        | 农、林、牧、渔业       | Y    | Y 20000          | Y 500          | Y 50
2  | C1311 B06 C C43 D44 D4610            | 工业                  | X, Y | X 1000, Y 40000  | X 300, Y 2000  | X 20, Y 300
3  | E4711 E E50                          | 建筑业                | Y, Z | Y 80000, Z 80000 | Y 6000, Z 5000 | Y 300, Z 300
4  | F5111 F51                            | 批发业                | X, Y | X 200, Y 40000   | X 20, Y 5000   | X 5, Y 1000
5  | F5211 F52                            | 零售业                | X, Y | X 300, Y 20000   | X 50, Y 500    | X 10, Y 100
6  | G5411 G54 G55 G56 G57 G58 G591 G5910 | 交通运输业             | X, Y | X 1000, Y 30000  | X 300, Y 3000  | X 20, Y 200
7  | G5920 G592 G593 G594 G595 G596 G599  | 仓储业                | X, Y | X 200, Y 30000   | X 100, Y 1000  | X 20, Y 100
8  | G6010 G60                            | 邮政业                | X, Y | X 1000, Y 30000  | X 300, Y 2000  | X 20, Y 100
9  | H6110 H61                            | 住宿业                | X, Y | X 300, Y 10000   | X 100, Y 2000  | X 10, Y 100
10 | H6210 H62                            | 餐饮业                | X, Y | X 300, Y 10000   | X 100, Y 2000  | X 10, Y 100
11 | I6311 I63 I64 I6410                  | 信息传输业             | X, Y | X 2000, Y 100000 | X 100, Y 1000  | X 10, Y 100
12 | I6510 I65                            | 软件和信息技术服务业     | X, Y | X 300, Y 10000   | X 100, Y 1000  | X 10, Y 50
13 | K7010 K701                           | 房地产开发经营         | Y, Z | Y 200000, Z 10000 | Y 1000, Z 5000 | Y 100, Z 2000
14 | K7020 K702                           | 物业管理              | X, Y | X 1000, Y 5000   | X 300, Y 1000  | X 100, Y 500
15 | L7111 L L71 L72                      | 租赁和商务服务业       | X, Z | X 300, Z 120000  | X 100, Z 8000  | X 10, Z 100
16 | M7310 M N O Q85 R R90 K703 K7030 K709 K7090 | 其他未列明行业   | X    | X 300            | X 100          | X 10
`;

type Letter = 'X' | 'Y' | 'Z';
type Bounds = Partial<Record<Letter, number>>;
interface Row {
  no: number;
  codes: string[];
  nameZh: string;
  indicators: Letter[];
  classes: [large: Bounds, medium: Bounds, small: Bounds];
}

const parseBounds = (cell: string): Bounds =>
  Object.fromEntries(
    cell.split(',').map((part) => {
      const [letter, value] = part.trim().split(/\s+/);
      return [letter, Number(value)];
    }),
  );

const ROWS: Row[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [no, codes, nameZh, indicators, large, medium, small] = line.split('|').map((c) => c.trim());
    return {
      no: Number(no),
      codes: (codes ?? '').split(/\s+/),
      nameZh: nameZh ?? '',
      indicators: (indicators ?? '').split(/,\s*/) as Letter[],
      classes: [parseBounds(large ?? ''), parseBounds(medium ?? ''), parseBounds(small ?? '')],
    };
  });

const SIZES = ['large', 'medium', 'small', 'micro'] as const;
const FIELD_OF: Record<Letter, 'employees' | 'operatingRevenue' | 'totalAssets'> = {
  X: 'employees',
  Y: 'operatingRevenue',
  Z: 'totalAssets',
};
const INDICATOR_OF: Record<Letter, 'employees' | 'revenue' | 'totalAssets'> = {
  X: 'employees',
  Y: 'revenue',
  Z: 'totalAssets',
};

/** Input with the given figures for the listed indicators only. */
function inputOf(code: string, figures: Bounds): CnSizeInput {
  const input: CnSizeInput = { industryCode: code };
  for (const [letter, value] of Object.entries(figures) as [Letter, number][])
    input[FIELD_OF[letter]] = value;
  return input;
}

/** The decision rule written once more from the reference, over the hand-typed table (the oracle). */
function oracle(row: Row, figures: Bounds): (typeof SIZES)[number] {
  for (let k = 0; k < 3; k++) {
    const bounds = row.classes[k] as Bounds;
    if (row.indicators.every((i) => (figures[i] ?? 0) >= (bounds[i] ?? 0))) return SIZES[k] ?? 'micro';
  }
  return 'micro';
}

interface Case {
  name: string;
  input: CnSizeInput;
  expected: Partial<Omit<CnClassification, 'category'>> & { category?: string | null };
}

function check({ input, expected }: Case) {
  const result = classifyCn(input);
  const { category, ...rest } = expected;
  expect(result).toMatchObject(rest);
  if (category !== undefined) expect(result.category?.code ?? null).toBe(category);
  expect(classifyCnSize(input)).toBe(result.size);
}

describe('the hand-typed table', () => {
  it('has 16 categories with decreasing bounds', () => {
    expect(ROWS.map((r) => r.no)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    for (const row of ROWS) {
      for (const i of row.indicators) {
        const [l = Number.NaN, m = Number.NaN, s = Number.NaN] = row.classes.map((b) => b[i] ?? Number.NaN);
        expect(l > m && m > s && s > 0, `${row.nameZh} ${i}`).toBe(true);
      }
    }
  });

  it('agrees with the data file on names, indicators and every bound', () => {
    expect(cn2011.categories).toHaveLength(16);
    for (const row of ROWS) {
      const c = cn2011.categories[row.no - 1];
      expect(c?.nameZh).toBe(row.nameZh);
      expect(c?.indicators).toEqual(row.indicators.map((i) => INDICATOR_OF[i]));
      for (const [k, level] of (['large', 'medium', 'small'] as const).entries()) {
        for (const i of row.indicators)
          expect(c?.[level][INDICATOR_OF[i]], `${row.nameZh} ${level} ${i}`).toBe(row.classes[k]?.[i]);
      }
    }
  });
});

describe('classifyCn: worked cases of the reference', () => {
  const cases: Case[] = [
    {
      name: 'manufacturer, 20 employees, 300万 → small (bounds inclusive)',
      input: { industryCode: 'C', employees: 20, operatingRevenue: 300 },
      expected: { size: 'small', category: 'industry' },
    },
    {
      name: 'manufacturer, 19 employees, 5000万 → micro',
      input: { industryCode: 'C13', employees: 19, operatingRevenue: 5000 },
      expected: {
        size: 'micro',
        category: 'industry',
        deciding: [{ indicator: 'employees', value: 19, bound: 20, comparison: '<' }],
        reason: { zh: '工业：从业人员 19 人 < 20 人 → 微型', en: 'Industry: 19 employees < 20 → micro' },
      },
    },
    {
      name: 'manufacturer, 300 employees, 1999万 → small (revenue below the medium bound)',
      input: { industryCode: 'C3311', employees: 300, operatingRevenue: 1999 },
      expected: {
        size: 'small',
        deciding: [
          { indicator: 'revenue', value: 1999, bound: 2000, comparison: '<' },
          { indicator: 'employees', value: 300, bound: 20, comparison: '≥' },
          { indicator: 'revenue', value: 1999, bound: 300, comparison: '≥' },
        ],
        reason: {
          zh: '工业：营业收入 1999 万元 < 2000 万元，未达中型下限；均达到小型下限（从业人员 ≥ 20 人，营业收入 ≥ 300 万元）→ 小型',
          en: 'Industry: revenue 1999 < 2000, not medium; all small bounds met (employees ≥ 20, revenue ≥ 300) → small (amounts in 10,000 CNY)',
        },
      },
    },
    {
      name: 'retailer, 60 employees, 600万 → medium',
      input: { industryCode: 'F52', employees: 60, operatingRevenue: 600 },
      expected: { size: 'medium', category: 'retail' },
    },
    {
      name: 'retailer, 60 employees, 20000万 → medium (employees below the large bound)',
      input: { industryCode: 'F5211', employees: 60, operatingRevenue: 20000 },
      expected: {
        size: 'medium',
        deciding: [
          { indicator: 'employees', value: 60, bound: 300, comparison: '<' },
          { indicator: 'employees', value: 60, bound: 50, comparison: '≥' },
          { indicator: 'revenue', value: 20000, bound: 500, comparison: '≥' },
        ],
        reason: {
          zh: '零售业：从业人员 60 人 < 300 人，未达大型下限；均达到中型下限（从业人员 ≥ 50 人，营业收入 ≥ 500 万元）→ 中型',
          en: 'Retail: 60 employees < 300, not large; all medium bounds met (employees ≥ 50, revenue ≥ 500) → medium (amounts in 10,000 CNY)',
        },
      },
    },
    {
      name: 'software, 5 employees, 100万 → micro',
      input: { industryCode: 'I65', employees: 5, operatingRevenue: 100 },
      expected: { size: 'micro', category: 'software-it' },
    },
    {
      name: 'bank (J66) → not covered, with the finance standard named',
      input: { industryCode: 'J66', employees: 5000, operatingRevenue: 1e7 },
      expected: {
        size: 'not_covered',
        category: null,
        deciding: [],
        reason: {
          zh: '金融业（J）不适用本标准，另有《金融业企业划型标准规定》（银发〔2015〕309号）',
          en: expect.stringContaining('Finance (J)'),
        },
      },
    },
    {
      name: 'large: every figure against its bound',
      input: { industryCode: 'C13', employees: 1200, operatingRevenue: 50000 },
      expected: {
        size: 'large',
        reason: {
          zh: '工业：从业人员 1200 人 ≥ 1000 人，营业收入 50000 万元 ≥ 40000 万元，均达到大型下限 → 大型',
          en: 'Industry: 1200 employees ≥ 1000, revenue 50000 ≥ 40000: all large bounds met → large (amounts in 10,000 CNY)',
        },
      },
    },
    {
      name: 'single indicator: no "all"',
      input: { industryCode: 'M74', employees: 150 },
      expected: {
        size: 'medium',
        reason: {
          zh: '其他未列明行业：从业人员 150 人 < 300 人，未达大型下限；达到中型下限（从业人员 ≥ 100 人）→ 中型',
          en: 'Other industries not listed: 150 employees < 300, not large; medium bound met (employees ≥ 100) → medium',
        },
      },
    },
    {
      name: 'micro with two failed bounds and decimals',
      input: { industryCode: 'F51', employees: 4, operatingRevenue: 999.99 },
      expected: {
        size: 'micro',
        reason: {
          zh: '批发业：从业人员 4 人 < 5 人，营业收入 999.99 万元 < 1000 万元 → 微型',
          en: 'Wholesale: 4 employees < 5, revenue 999.99 < 1000 → micro (amounts in 10,000 CNY)',
        },
      },
    },
  ];
  it.each(cases)('$name', (c) => check(c));
});

describe('classifyCn: both sides of every bound of every category', () => {
  const cases: Case[] = [];
  for (const row of ROWS) {
    const code = row.codes[0] ?? '';
    for (let k = 0; k < 3; k++) {
      const bounds = row.classes[k] as Bounds;
      const at = Object.fromEntries(row.indicators.map((i) => [i, bounds[i]])) as Bounds;
      cases.push({
        name: `${row.nameZh} (${code}): all at the ${SIZES[k]} bounds → ${SIZES[k]}`,
        input: inputOf(code, at),
        expected: {
          size: SIZES[k],
          deciding: expect.arrayContaining(
            row.indicators.map((i) => ({
              indicator: INDICATOR_OF[i],
              value: bounds[i],
              bound: bounds[i],
              comparison: '≥',
            })),
          ),
        },
      });
      for (const i of row.indicators) {
        const below = i === 'X' ? (bounds[i] ?? 0) - 1 : Math.round(((bounds[i] ?? 0) - 0.01) * 100) / 100;
        cases.push({
          name: `${row.nameZh} (${code}): ${i} ${below} just below the ${SIZES[k]} bound → ${SIZES[k + 1]}`,
          input: inputOf(code, { ...at, [i]: below }),
          expected: {
            size: SIZES[k + 1],
            deciding: expect.arrayContaining([
              { indicator: INDICATOR_OF[i], value: below, bound: bounds[i], comparison: '<' },
            ]),
          },
        });
      }
    }
  }
  it.each(cases)('$name', (c) => check(c));

  it('every listed code of a category lands in it', () => {
    for (const row of ROWS) {
      for (const code of row.codes) {
        const figures = Object.fromEntries(row.indicators.map((i) => [i, row.classes[1][i]])) as Bounds;
        const result = classifyCn(inputOf(code, figures));
        expect(result.category?.nameZh, code).toBe(row.nameZh);
        expect(result.size, code).toBe('medium');
      }
    }
  });

  it('ignores indicators a category does not use', () => {
    for (const row of ROWS) {
      const code = row.codes[0] ?? '';
      const figures = Object.fromEntries(row.indicators.map((i) => [i, row.classes[2][i]])) as Bounds;
      const extra: Bounds = { X: 0, Y: 0, Z: 0 };
      const huge: Bounds = { X: 1e6, Y: 1e9, Z: 1e9 };
      expect(classifyCn(inputOf(code, { ...extra, ...figures })).size, code).toBe('small');
      expect(classifyCn(inputOf(code, { ...huge, ...figures })).size, code).toBe('small');
    }
  });

  it('agrees with the oracle over the hand table on 20,000 seeded random inputs (full and size-only paths)', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 20_000; n++) {
      const row = ROWS[Math.floor(random() * ROWS.length)] as Row;
      const code = row.codes[Math.floor(random() * row.codes.length)] ?? '';
      const figures: Bounds = {};
      for (const i of row.indicators) {
        // Around the bounds half of the time, anywhere else otherwise.
        const bound = row.classes[Math.floor(random() * 3)]?.[i] ?? 0;
        const value = random() < 0.5 ? bound + Math.floor(random() * 5) - 2 : random() * bound * 3;
        figures[i] = i === 'X' ? Math.max(0, Math.round(value)) : Math.max(0, Math.round(value * 100) / 100);
      }
      const input = inputOf(code, figures);
      const expected = oracle(row, figures);
      expect(classifyCn(input).size).toBe(expected);
      expect(classifyCnSize(input)).toBe(expected);
    }
  });
});

describe('classifyCn: GB/T 4754-2017 scopes', () => {
  const cat = (code: string, figures: Partial<CnSizeInput> = { employees: 150, operatingRevenue: 1500 }) =>
    classifyCn({ industryCode: code, ...figures });

  it.each([
    ['G591', 'transport'],
    ['G5910', 'transport'],
    ['591', 'transport'],
    ['G54', 'transport'],
    ['G58', 'transport'],
    ['G592', 'warehousing'],
    ['G5920', 'warehousing'],
    ['G599', 'warehousing'],
    ['G60', 'postal'],
    ['K7010', 'real-estate-development'],
    ['K701', 'real-estate-development'],
    ['7010', 'real-estate-development'],
    ['K702', 'property-management'],
    ['K7020', 'property-management'],
    ['K703', 'other'],
    ['K7030', 'other'],
    ['K709', 'other'],
    ['K7090', 'other'],
    ['Q85', 'other'],
    ['Q8510', 'other'],
    ['M', 'other'],
    ['N77', 'other'],
    ['O81', 'other'],
    ['R90', 'other'],
    ['B06', 'industry'],
    ['D', 'industry'],
    ['c1311', 'industry'],
    [' C13 ', 'industry'],
    ['13', 'industry'],
    ['I64', 'information-transmission'],
    ['L72', 'leasing-business-services'],
  ])('%s → %s', (code, category) => {
    expect(cat(code, { employees: 150, operatingRevenue: 1500, totalAssets: 6000 }).category?.code).toBe(
      category,
    );
  });

  it('G591 (transport) and G592 (warehousing) classify the same figures differently; G53 is not covered', () => {
    expect(cat('G591').size).toBe('small'); // transport: employees 150 < 300 for medium
    expect(cat('G592').size).toBe('medium'); // warehousing: employees ≥ 100 and revenue ≥ 1000
    expect(cat('G53')).toMatchObject({ size: 'not_covered', category: null });
    expect(cat('G5311').size).toBe('not_covered');
  });

  it('K7010, K702, K703/K709 and K704 each follow their own rule', () => {
    expect(classifyCn({ industryCode: 'K7010', operatingRevenue: 1000, totalAssets: 5000 }).size).toBe(
      'medium',
    );
    expect(classifyCn({ industryCode: 'K7010', operatingRevenue: 1000, totalAssets: 4999.99 }).size).toBe(
      'small',
    );
    expect(classifyCn({ industryCode: 'K702', employees: 99, operatingRevenue: 5000 }).size).toBe('micro');
    expect(classifyCn({ industryCode: 'K703', employees: 99 }).size).toBe('small');
    expect(classifyCn({ industryCode: 'K709', employees: 100 }).size).toBe('medium');
    expect(classifyCn({ industryCode: 'K704', employees: 100 }).size).toBe('not_covered');
    expect(classifyCn({ industryCode: 'K7040', employees: 100 }).reason.zh).toContain('自有房地产经营');
  });

  it('Q85 (social work) is classified, Q84 (health) is not covered', () => {
    expect(classifyCn({ industryCode: 'Q85', employees: 10 }).size).toBe('small');
    expect(classifyCn({ industryCode: 'Q84', employees: 10 }).size).toBe('not_covered');
  });

  it.each([
    'J',
    'J66',
    'J6711',
    'J69',
    'P',
    'P83',
    'Q84',
    'Q8411',
    'S',
    'S91',
    'S95',
    'T',
    'T97',
    'G53',
    'K704',
  ])('%s is not covered, with a reason and no figures needed', (code) => {
    const result = classifyCn({ industryCode: code });
    expect(result).toMatchObject({ size: 'not_covered', standard: 'cn-2011', category: null, deciding: [] });
    expect(result.reason.zh).toMatch(/不适用本标准|不在本标准/);
    expect(result.reason.en.length).toBeGreaterThan(10);
    expect(classifyCnSize({ industryCode: code })).toBe('not_covered');
  });
});

describe('classifyCn: main-business revenue takes precedence over operating revenue', () => {
  it.each<Case>([
    {
      name: 'main 1999 beats operating 5000 → small',
      input: { industryCode: 'C13', employees: 300, operatingRevenue: 5000, mainBusinessRevenue: 1999 },
      expected: {
        size: 'small',
        deciding: expect.arrayContaining([
          { indicator: 'revenue', value: 1999, bound: 2000, comparison: '<' },
        ]),
        reason: {
          zh: expect.stringContaining('主营业务收入 1999 万元 < 2000 万元'),
          en: expect.stringContaining('main-business revenue 1999 < 2000'),
        },
      },
    },
    {
      name: 'main 2000 beats operating 1000 → medium',
      input: { industryCode: 'C13', employees: 300, operatingRevenue: 1000, mainBusinessRevenue: 2000 },
      expected: {
        size: 'medium',
        reason: { zh: expect.stringContaining('主营业务收入 ≥ 2000 万元'), en: expect.any(String) },
      },
    },
    {
      name: 'main alone is enough',
      input: { industryCode: 'C13', employees: 300, mainBusinessRevenue: 2000 },
      expected: { size: 'medium' },
    },
    {
      name: 'operating revenue when main is null',
      input: { industryCode: 'C13', employees: 300, operatingRevenue: 2000, mainBusinessRevenue: null },
      expected: {
        size: 'medium',
        reason: {
          zh: expect.stringContaining('（从业人员 ≥ 300 人，营业收入 ≥ 2000 万元）'),
          en: expect.any(String),
        },
      },
    },
  ])('$name', (c) => check(c));
});

describe('classifyCn: invalid input names the field', () => {
  const cases: Array<[string, CnSizeInput, string]> = [
    ['unknown code', { industryCode: 'XYZ', employees: 1, operatingRevenue: 1 }, 'industryCode'],
    ['empty code', { industryCode: '', employees: 1, operatingRevenue: 1 }, 'industryCode'],
    ['missing code', { industryCode: undefined as unknown as string, employees: 1 }, 'industryCode'],
    ['numeric code', { industryCode: 13 as unknown as string, employees: 1 }, 'industryCode'],
    [
      'division that does not exist',
      { industryCode: 'C99', employees: 1, operatingRevenue: 1 },
      'industryCode',
    ],
    ['section letter of another division', { industryCode: 'G13', employees: 1 }, 'industryCode'],
    ['group digit 0', { industryCode: 'G590', employees: 1, operatingRevenue: 1 }, 'industryCode'],
    [
      'too coarse: G59 spans transport and warehousing',
      { industryCode: 'G59', employees: 1, operatingRevenue: 1 },
      'industryCode',
    ],
    ['too coarse: G', { industryCode: 'G', employees: 1, operatingRevenue: 1 }, 'industryCode'],
    ['too coarse: K70', { industryCode: 'K70', employees: 1, operatingRevenue: 1 }, 'industryCode'],
    [
      'too coarse: F (wholesale or retail)',
      { industryCode: 'F', employees: 1, operatingRevenue: 1 },
      'industryCode',
    ],
    ['too coarse: H', { industryCode: 'H', employees: 1, operatingRevenue: 1 }, 'industryCode'],
    ['too coarse: I', { industryCode: 'I', employees: 1, operatingRevenue: 1 }, 'industryCode'],
    ['too coarse: Q (Q84 not covered, Q85 other)', { industryCode: 'Q', employees: 1 }, 'industryCode'],
    ['K705: in no category', { industryCode: 'K705', employees: 1 }, 'industryCode'],
    ['negative employees', { industryCode: 'C13', employees: -1, operatingRevenue: 1 }, 'employees'],
    ['fractional employees', { industryCode: 'C13', employees: 1.5, operatingRevenue: 1 }, 'employees'],
    ['NaN employees', { industryCode: 'C13', employees: Number.NaN, operatingRevenue: 1 }, 'employees'],
    [
      'infinite employees',
      { industryCode: 'C13', employees: Number.POSITIVE_INFINITY, operatingRevenue: 1 },
      'employees',
    ],
    [
      'employees as text',
      { industryCode: 'C13', employees: '12' as unknown as number, operatingRevenue: 1 },
      'employees',
    ],
    ['negative revenue', { industryCode: 'C13', employees: 1, operatingRevenue: -0.01 }, 'operatingRevenue'],
    ['NaN revenue', { industryCode: 'C13', employees: 1, operatingRevenue: Number.NaN }, 'operatingRevenue'],
    [
      'infinite revenue',
      { industryCode: 'C13', employees: 1, operatingRevenue: Number.POSITIVE_INFINITY },
      'operatingRevenue',
    ],
    [
      'negative main-business revenue',
      { industryCode: 'C13', employees: 1, mainBusinessRevenue: -5 },
      'mainBusinessRevenue',
    ],
    ['negative assets', { industryCode: 'E48', operatingRevenue: 1, totalAssets: -1 }, 'totalAssets'],
    [
      'NaN assets even where unused',
      { industryCode: 'C13', employees: 1, operatingRevenue: 1, totalAssets: Number.NaN },
      'totalAssets',
    ],
    ['industry without employees', { industryCode: 'C13', operatingRevenue: 1 }, 'employees'],
    ['industry without revenue', { industryCode: 'C13', employees: 1 }, 'operatingRevenue'],
    ['agriculture without revenue', { industryCode: 'A01', employees: 1 }, 'operatingRevenue'],
    ['construction without assets', { industryCode: 'E48', operatingRevenue: 1 }, 'totalAssets'],
    [
      'real estate development without assets',
      { industryCode: 'K7010', operatingRevenue: 1, employees: 1 },
      'totalAssets',
    ],
    ['leasing without employees', { industryCode: 'L71', totalAssets: 1 }, 'employees'],
    ['leasing without assets', { industryCode: 'L71', employees: 1, operatingRevenue: 1 }, 'totalAssets'],
    ['other without employees', { industryCode: 'M73', operatingRevenue: 1 }, 'employees'],
  ];
  it.each(cases)('%s → invalid, field %s', (_name, input, field) => {
    const result = classifyCn(input);
    expect(result).toMatchObject({ size: 'invalid', standard: 'cn-2011', field, deciding: [] });
    expect(result.reason.zh.length).toBeGreaterThan(4);
    expect(result.reason.en.length).toBeGreaterThan(4);
    expect(classifyCnSize(input)).toBe('invalid');
  });

  it('says which indicator is missing and which the category uses', () => {
    expect(classifyCn({ industryCode: 'E48', operatingRevenue: 1 }).reason).toEqual({
      zh: '建筑业按营业收入和资产总额划型，缺少资产总额',
      en: 'Construction is classified by revenue and total assets; total assets is missing',
    });
    expect(classifyCn({ industryCode: 'G59', employees: 1 }).reason.zh).toContain('交通运输业、仓储业');
  });

  it('accepts figures the category does not need being absent, and zero figures', () => {
    expect(classifyCn({ industryCode: 'A01', operatingRevenue: 50 }).size).toBe('small');
    expect(classifyCn({ industryCode: 'M73', employees: 0 }).size).toBe('micro');
    expect(classifyCn({ industryCode: 'C13', employees: 0, operatingRevenue: 0 }).size).toBe('micro');
  });
});

describe('classifyCn: results', () => {
  it('serialise to plain JSON with the reason and the deciding comparisons', () => {
    const result = classifyCn({ industryCode: 'F52', employees: 60, operatingRevenue: 600 });
    const json = JSON.parse(JSON.stringify(result));
    expect(json).toEqual({
      size: 'medium',
      standard: 'cn-2011',
      category: { code: 'retail', nameZh: '零售业', nameEn: 'Retail' },
      deciding: result.deciding,
      reason: result.reason,
    });
    expect(result.reason).toBe(result.reason); // built once, then kept
  });

  it('shares the frozen reason of texts that show only an employee count', () => {
    const a = classifyCn({ industryCode: 'M73', employees: 5 });
    const b = classifyCn({ industryCode: 'M7410', employees: 5 });
    expect(a.reason).toEqual({
      zh: '其他未列明行业：从业人员 5 人 < 10 人 → 微型',
      en: 'Other industries not listed: 5 employees < 10 → micro',
    });
    expect(b.reason).toBe(a.reason);
    expect(Object.isFrozen(a.reason)).toBe(true);
    expect(classifyCn({ industryCode: 'M73', employees: 1 }).reason.en).toBe(
      'Other industries not listed: 1 employee < 10 → micro',
    );
  });

  it('repeated codes are resolved once but classified by their own figures', () => {
    const code = 'C1311';
    expect(classifyCn({ industryCode: code, employees: 19, operatingRevenue: 300 }).size).toBe('micro');
    expect(classifyCn({ industryCode: code, employees: 20, operatingRevenue: 300 }).size).toBe('small');
    expect(classifyCn({ industryCode: `C13${'11'}`, employees: 1000, operatingRevenue: 40000 }).size).toBe(
      'large',
    );
  });

  it('reads its figures from the standard passed in (data-driven)', () => {
    const revised = structuredClone(cn2011) as { -readonly [K in keyof CnSizeStandard]: CnSizeStandard[K] };
    const industry = revised.categories[1] as { small: { employees?: number; revenue?: number } };
    industry.small = { employees: 30, revenue: 300 };
    const input = { industryCode: 'C13', employees: 25, operatingRevenue: 500 };
    expect(classifyCn(input).size).toBe('small');
    expect(classifyCn(input, revised).size).toBe('micro');
    expect(classifyCnSize(input, revised)).toBe('micro');
    expect(classifyCn(input, revised).reason.zh).toBe('工业：从业人员 25 人 < 30 人 → 微型');
  });

  it('rejects a standard whose data is inconsistent', () => {
    const broken = structuredClone(cn2011) as { -readonly [K in keyof CnSizeStandard]: CnSizeStandard[K] };
    (broken.categories[6] as unknown as { excludes: string[] }).excludes = ['G5999'];
    expect(() => classifyCn({ industryCode: 'C13', employees: 1, operatingRevenue: 1 }, broken)).toThrow(
      /excludes/,
    );
  });
});

describe('classifyCn: amounts in reasons are printed exactly as String(value)', () => {
  it('for whole, one-, two- and three-decimal amounts', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const values = [0, 0.01, 0.1, 0.05, 0.3, 1.1, 49.99, 12.345, 99999.99, 99999.999, 65432.1];
    for (let n = 0; n < 3000; n++) {
      const decimals = Math.floor(random() * 4);
      values.push(Math.round(random() * 99999 * 10 ** decimals) / 10 ** decimals);
    }
    for (const v of values) {
      // Information transmission: 2000 employees reach every employee bound, so the revenue is what fails.
      const result = classifyCn({ industryCode: 'I63', employees: 2000, operatingRevenue: v });
      if (v < 100000) expect(result.reason.zh).toContain(`营业收入 ${String(v)} 万元 < `);
      if (v < 50) {
        expect(classifyCn({ industryCode: 'A01', operatingRevenue: v }).reason.en).toBe(
          `Agriculture, forestry, animal husbandry and fishery: revenue ${String(v)} < 50 → micro (amounts in 10,000 CNY)`,
        );
      }
    }
  });
});

describe('sizeLabel and classify', () => {
  it.each<[SizeClass, string, string]>([
    ['large', '大型', 'Large'],
    ['medium', '中型', 'Medium'],
    ['small', '小型', 'Small'],
    ['micro', '微型', 'Micro'],
    ['not_covered', '不适用', 'Not covered'],
    ['invalid', '无效', 'Invalid'],
  ])('%s → %s / %s', (size, zh, en) => {
    expect(sizeLabel(size, 'zh')).toBe(zh);
    expect(sizeLabel(size, 'en')).toBe(en);
  });

  it('dispatches by standard id', () => {
    const cn = { industryCode: 'C13', employees: 20, operatingRevenue: 300 };
    expect(classify('cn-2011', cn).size).toBe('small');
    expect(classify('eu-2003', { headcount: 9, turnover: 1e6 }).size).toBe('micro');
    expect(() => classify('xx-2000' as 'cn-2011', cn)).toThrow(RangeError);
  });
});

describe('size standards registry', () => {
  it('holds both standards with document numbers and dates', () => {
    expect(SIZE_STANDARDS.map((s) => s.id)).toEqual(['cn-2011', 'eu-2003']);
    expect(cn2011).toMatchObject({
      documentNumber: '工信部联企业〔2011〕300号',
      effectiveFrom: '2011-06-18',
      confidence: 'agreed',
      mapping: { documentNumber: '国统字〔2017〕213号', effectiveFrom: '2017-12-28' },
    });
    expect(eu2003).toMatchObject({ documentNumber: '2003/361/EC', effectiveFrom: '2005-01-01' });
    expect(findSizeStandard('eu-2003')).toBe(eu2003);
    expect(findSizeStandard('cn-2031')).toBeUndefined();
    expect(Object.isFrozen(cn2011.categories[0]?.large)).toBe(true);
  });

  it('picks the version in force on a date', () => {
    expect(standardInForce('cn', '2011-06-17')).toBeUndefined();
    expect(standardInForce('cn', '2011-06-18')).toBe(cn2011);
    expect(standardInForce('cn', '2025-01-01')).toBe(cn2011);
    expect(standardInForce('cn-2011', '2025-01-01')).toBe(cn2011);
    expect(standardInForce('eu', '2004-12-31')).toBeUndefined();
    expect(standardInForce('eu', '2005-01-01')).toBe(eu2003);
    expect(standardInForce('us', '2025-01-01')).toBeUndefined();
    expect(() => standardInForce('cn', '2025-13-01')).toThrow(RangeError);
  });
});

describe('classifyEu (2003/361/EC)', () => {
  const eu = (input: EuInput) => classifyEu(input);

  it.each<[string, EuInput, string]>([
    ['micro: 9 AWU, turnover €2m', { headcount: 9, turnover: 2_000_000 }, 'micro'],
    ['micro ceiling: 10 AWU → small', { headcount: 10, turnover: 1_000_000 }, 'small'],
    ['micro: turnover just over €2m → small', { headcount: 5, turnover: 2_000_000.01 }, 'small'],
    [
      'micro: turnover over but balance sheet ≤ €2m → micro',
      { headcount: 5, turnover: 3e6, balanceSheetTotal: 2e6 },
      'micro',
    ],
    ['micro: balance sheet alone', { headcount: 5, balanceSheetTotal: 2e6 }, 'micro'],
    ['small: 49 AWU, €10m', { headcount: 49, turnover: 10e6 }, 'small'],
    ['small ceiling: 50 AWU → medium', { headcount: 50, turnover: 1e6 }, 'medium'],
    [
      'small: both money figures over €10m → medium',
      { headcount: 20, turnover: 10e6 + 0.01, balanceSheetTotal: 10e6 + 0.01 },
      'medium',
    ],
    [
      'small: turnover over, balance sheet within → small',
      { headcount: 20, turnover: 10.5e6, balanceSheetTotal: 9e6 },
      'small',
    ],
    ['medium: 249 AWU, €50m', { headcount: 249, turnover: 50e6 }, 'medium'],
    ['medium ceiling: 250 AWU → large', { headcount: 250, turnover: 1e6 }, 'large'],
    [
      'medium: turnover > €50m and balance sheet > €43m → large',
      { headcount: 100, turnover: 50e6 + 0.01, balanceSheetTotal: 43e6 + 0.01 },
      'large',
    ],
    [
      'medium: turnover €60m but balance sheet €43m → medium',
      { headcount: 100, turnover: 60e6, balanceSheetTotal: 43e6 },
      'medium',
    ],
    ['headcount in fractions of AWU', { headcount: 9.5, turnover: 1e6 }, 'micro'],
  ])('%s', (_name, input, size) => {
    const result = eu(input);
    expect(result.size).toBe(size);
    expect(result.sme).toBe(size !== 'large');
    expect(result.basis).toBe('ceilings');
    expect(result.reason.zh).toContain('→');
    expect(result.reason.en).toContain(`→ ${size}`);
  });

  it('explains the class: beyond the ceilings below, within its own', () => {
    expect(eu({ headcount: 30, turnover: 5e6 }).reason).toEqual({
      zh: '员工人数 30 ≥ 10，超出微型上限；员工人数 30 < 50，营业额 5,000,000 欧元 ≤ 10,000,000 欧元，在小型上限内 → 小型',
      en: 'Headcount 30 AWU ≥ 10: beyond the micro ceilings; headcount 30 AWU < 50, turnover €5,000,000 ≤ €10,000,000: within the small ceilings → small',
    });
    expect(eu({ headcount: 300, turnover: 1e6 }).reason.en).toBe(
      'Headcount 300 AWU ≥ 250: beyond the medium ceilings → large (not an SME)',
    );
  });

  it('adds partners in proportion to the holding and linked enterprises in full', () => {
    const result = eu({
      headcount: 30,
      turnover: 5e6,
      balanceSheetTotal: 4e6,
      partners: [{ share: 0.3, headcount: 100, turnover: 20e6, balanceSheetTotal: 10e6 }],
      linked: [{ headcount: 12, turnover: 1e6, balanceSheetTotal: 0.5e6 }],
    });
    expect(result.figures).toEqual({
      headcount: 30 + 30 + 12,
      turnover: 5e6 + 6e6 + 1e6,
      balanceSheetTotal: 4e6 + 3e6 + 0.5e6,
    });
    expect(result.size).toBe('medium');
    expect(result.reason.en).toMatch(/^With partner \(in proportion\) and linked \(in full\) enterprises: /);
    // Without them the enterprise alone would be small.
    expect(eu({ headcount: 30, turnover: 5e6 }).size).toBe('small');
  });

  it('partner shares of exactly 25% and 50% count; floating-point noise does not move a ceiling', () => {
    expect(
      eu({ headcount: 5, turnover: 1e6, partners: [{ share: 0.25, headcount: 20, turnover: 0 }] }).figures
        ?.headcount,
    ).toBe(10);
    expect(
      eu({ headcount: 5, turnover: 1e6, partners: [{ share: 0.5, headcount: 8, turnover: 0 }] }).size,
    ).toBe('micro');
    // 0.7 + 0.3 × 31 is 9.999999999999998 in binary floating point; it is 10 AWU, so not micro.
    const noisy = eu({
      headcount: 0.7,
      turnover: 1e6,
      partners: [{ share: 0.3, headcount: 31, turnover: 0 }],
    });
    expect(noisy.figures?.headcount).toBe(10);
    expect(noisy.size).toBe('small');
  });

  it('a money figure unknown for a partner leaves only the other one', () => {
    const result = eu({
      headcount: 5,
      turnover: 1e6,
      balanceSheetTotal: 1e6,
      partners: [{ share: 0.4, headcount: 1, balanceSheetTotal: 1e6 }],
    });
    expect(result.figures).toEqual({ headcount: 5.4, turnover: null, balanceSheetTotal: 1.4e6 });
    expect(result.size).toBe('micro');
  });

  it('25% or more held by public bodies: not an SME', () => {
    const result = eu({ headcount: 5, turnover: 1e6, publicBodyShare: 0.25 });
    expect(result).toMatchObject({ size: 'large', sme: false, basis: 'public-body', ceilingSize: 'micro' });
    expect(result.reason.en).toContain('Annex Art. 3(4)');
    expect(eu({ headcount: 5, turnover: 1e6, publicBodyShare: 0.2499 })).toMatchObject({
      size: 'micro',
      sme: true,
    });
  });

  it.each<[string, EuInput, string]>([
    ['headcount missing', { turnover: 1 } as EuInput, 'headcount'],
    ['headcount negative', { headcount: -1, turnover: 1 }, 'headcount'],
    ['turnover NaN', { headcount: 1, turnover: Number.NaN }, 'turnover'],
    ['neither turnover nor balance sheet', { headcount: 1 }, 'turnover'],
    [
      'partner share below 25%',
      { headcount: 1, turnover: 1, partners: [{ share: 0.2, headcount: 1, turnover: 1 }] },
      'partners[0].share',
    ],
    [
      'partner share above 50%',
      { headcount: 1, turnover: 1, partners: [{ share: 0.6, headcount: 1, turnover: 1 }] },
      'partners[0].share',
    ],
    [
      'partner headcount negative',
      { headcount: 1, turnover: 1, partners: [{ share: 0.3, headcount: -1, turnover: 1 }] },
      'partners[0].headcount',
    ],
    [
      'partner without the money figure given',
      { headcount: 1, turnover: 1, partners: [{ share: 0.3, headcount: 1 }] },
      'partners[0].turnover',
    ],
    [
      'linked balance sheet negative',
      { headcount: 1, turnover: 1, linked: [{ headcount: 1, balanceSheetTotal: -1 }] },
      'linked[0].balanceSheetTotal',
    ],
    ['public body share over 100%', { headcount: 1, turnover: 1, publicBodyShare: 1.5 }, 'publicBodyShare'],
  ])('invalid: %s', (_name, input, field) => {
    expect(eu(input)).toMatchObject({ size: 'invalid', field, sme: false, basis: null });
  });
});

describe('applyTwoYearRule (2003/361/EC Annex Art. 4(2))', () => {
  it.each<
    [string, Parameters<typeof applyTwoYearRule>[0], Parameters<typeof applyTwoYearRule>[1], string, boolean]
  >([
    ['one year over the ceiling does not change the class', 'small', ['medium'], 'small', false],
    ['over the ceiling in the latest year only', 'small', ['small', 'medium'], 'small', false],
    ['two consecutive years over the ceiling change it', 'small', ['medium', 'medium'], 'medium', true],
    ['moves only as far as both years reach', 'small', ['medium', 'large'], 'medium', true],
    ['shrinking needs two years as well', 'medium', ['small', 'small'], 'small', true],
    ['shrinking moves to the larger of the two years', 'medium', ['small', 'micro'], 'small', true],
    ['one year below does not change it', 'medium', ['small'], 'medium', false],
    ['alternating years never change it', 'small', ['medium', 'small', 'medium', 'small'], 'small', false],
    ['a later pair decides', 'micro', ['medium', 'small', 'medium'], 'small', true],
    ['new enterprise: the first year establishes it', null, ['small'], 'small', false],
    ['new enterprise: then two years are needed', null, ['small', 'medium'], 'small', false],
    ['new enterprise: two years over', null, ['medium', 'medium'], 'medium', false],
    ['no years: the established class', 'micro', [], 'micro', false],
  ])('%s', (_name, established, years, size, changed) => {
    const result = applyTwoYearRule(established, years);
    expect(result.size).toBe(size);
    expect(result.changed).toBe(changed);
    expect(result.reason.zh.length).toBeGreaterThan(4);
  });

  it('takes yearly figures and classifies them', () => {
    const year = (headcount: number): EuInput => ({ headcount, turnover: 1e6 });
    expect(applyTwoYearRule('micro', [year(12)])).toMatchObject({
      size: 'micro',
      years: ['small'],
      changed: false,
    });
    const two = applyTwoYearRule('micro', [year(12), year(15)]);
    expect(two).toMatchObject({ size: 'small', years: ['small', 'small'], changed: true });
    expect(two.reason.en).toBe(
      'Ceilings crossed in two consecutive accounting years (small, small): micro → small (2003/361/EC Annex Art. 4(2))',
    );
    expect(applyTwoYearRule('micro', [year(12)]).reason.en).toContain('not crossed in two consecutive years');
  });

  it('a public-body holding of 25% or more applies at once', () => {
    const result = applyTwoYearRule('small', [{ headcount: 20, turnover: 1e6, publicBodyShare: 0.3 }]);
    expect(result).toMatchObject({ size: 'large', changed: true });
    expect(result.reason.en).toContain('ownership change');
  });

  it('reports invalid years with the field', () => {
    expect(applyTwoYearRule('small', ['giant' as 'small'])).toMatchObject({
      size: 'invalid',
      field: 'years[0]',
    });
    expect(applyTwoYearRule('small', ['small', { headcount: -1, turnover: 1 }])).toMatchObject({
      size: 'invalid',
      field: 'years[1].headcount',
    });
    expect(applyTwoYearRule(null, [])).toMatchObject({ size: 'invalid', field: 'years' });
  });
});
