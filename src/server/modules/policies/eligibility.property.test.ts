/**
 * The two evaluators agree: generated enterprises in a database, generated rules, each rule evaluated in memory
 * (`evaluateRule`) and compiled to SQL (`compileRule`); the outcome of every enterprise must be the same.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { prng } from '../demo/index.ts';
import {
  type EnterpriseFacts,
  type EnterpriseInput,
  loadEnterpriseFacts,
  writeEnterpriseBatch,
} from '../registry/index.ts';
import {
  type CompareOp,
  checkRule,
  evaluateRule,
  FIGURE_FACTS,
  type FigureFact,
  type NumExpr,
  type Parameter,
  type Rule,
} from './eligibility.rules.ts';
import { compileRule } from './eligibility.sql.ts';

const random = prng(20261126);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const maybe = <T>(value: T, nullShare = 0.15): T | null => (random() < nullShare ? null : value);

const INDUSTRIES = ['C3911', 'C1610', 'F5137', 'I6513', 'H6210', 'K7010', 'R9011', 'R8910', 'A0111', 'E4710'];
const REGIONS = ['320583', '320505', '320506', '320102', '440106', '110101'];
const FACTS = Object.keys(FIGURE_FACTS) as FigureFact[];
const CERTIFICATIONS = ['专精特新中小企业', '高新技术企业'];

function generateEnterprise(i: number): EnterpriseInput & { extraYear: EnterpriseInput['figures'] } {
  const figuresOf = (year: number): EnterpriseInput['figures'] => ({
    year,
    employees: maybe(Math.floor(random() * 400)),
    operatingRevenue: maybe(random() < 0.1 ? 0 : Math.round(random() * 800000) / 100),
    mainBusinessRevenue: maybe(Math.round(random() * 500000) / 100, 0.5),
    totalAssets: maybe(Math.round(random() * 900000) / 100),
    totalLiabilities: maybe(Math.round(random() * 300000) / 100, 0.4),
    rdExpense: maybe(random() < 0.2 ? 0 : Math.round(random() * 30000) / 100, 0.3),
    rdStaff: maybe(Math.floor(random() * 40), 0.4),
    taxableIncome: maybe(Math.round((random() * 700 - 100) * 100) / 100, 0.3),
    vatTaxpayerType: maybe(pick(['general', 'small_scale'] as const), 0.2),
  });
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return {
    uscc: makeUscc(`91320583MA${String(i).padStart(7, '0')}`),
    name: `性质测试${i}号有限公司`,
    formerNames: [],
    legalRepresentative: null,
    regionCode: pick(REGIONS),
    industryCode: pick(INDUSTRIES),
    establishedOn: maybe(`${2015 + Math.floor(random() * 12)}-${month}-${day}`, 0.1),
    status: pick(['active', 'active', 'active', 'suspended', 'cancelled'] as const),
    ownershipType: null,
    certifications:
      random() < 0.4
        ? [
            {
              name: pick(CERTIFICATIONS),
              validFrom: `${2022 + Math.floor(random() * 4)}-01-01`,
              validTo: random() < 0.2 ? null : `${2025 + Math.floor(random() * 3)}-12-31`,
            },
          ]
        : [],
    figures: random() < 0.9 ? figuresOf(2025) : null,
    extraYear: random() < 0.6 ? figuresOf(2024) : null,
  };
}

const PARAMETERS: Record<string, Parameter> = {
  income_max: {
    unit: '万元',
    reference: 'test',
    values: [
      { from: '2020-01-01', value: 100 },
      { from: '2026-01-01', value: 300 },
    ],
  },
  staff_max: { unit: 'persons', reference: 'test', values: [{ from: '2019-01-01', value: 100 }] },
  age_max: { unit: 'years', reference: 'test', values: [{ from: '2027-01-01', value: 3 }] },
};

const THRESHOLDS: Record<FigureFact, number[]> = {
  employees: [0, 20, 100, 300],
  operating_revenue: [0, 300, 2000, 5000],
  main_business_revenue: [100, 2000],
  total_assets: [0, 500, 5000],
  total_liabilities: [100, 1000],
  rd_expense: [0, 50, 200],
  rd_staff: [0, 5, 20],
  taxable_income: [-50, 0, 100, 300],
};

function generateNum(fact: FigureFact): NumExpr {
  const year = pick([undefined, undefined, { relative: -1 }, { relative: -2 }, { year: 2025 }]);
  return year ? { fact, year } : { fact };
}

function generateLeaf(): Rule {
  const kind = pick([
    'compare',
    'compare',
    'compare',
    'ratio',
    'age',
    'param',
    'industry',
    'region',
    'size',
    'certified',
    'taxpayer',
    'status',
  ]);
  const op = pick(['<', '<=', '>', '>=', '=', '!='] as CompareOp[]);
  switch (kind) {
    case 'compare': {
      const fact = pick(FACTS);
      return { compare: [generateNum(fact), op, pick(THRESHOLDS[fact])] };
    }
    case 'ratio':
      return {
        compare: [
          {
            ratio: [generateNum('rd_expense'), generateNum('operating_revenue')],
            ifZero: pick(['false', 'unknown'] as const),
          },
          op,
          pick([0, 0.01, 0.03, 0.1]),
        ],
      };
    case 'age':
      return { compare: [{ age: 'years' }, op, pick([0, 3, 5, 8])] };
    case 'param':
      return pick<Rule>([
        { compare: [{ fact: 'taxable_income' }, op, { param: 'income_max' }] },
        { compare: [{ fact: 'employees' }, op, { param: 'staff_max' }] },
        { compare: [{ age: 'years' }, op, { param: 'age_max' }] },
      ]);
    case 'industry':
      return { industry: [pick(['C', 'C39', 'F', 'I65', 'R90', 'K70']), ...(random() < 0.3 ? ['H'] : [])] };
    case 'region':
      return { region: [pick(['320000', '320500', '320583', '440000', '110101'])] };
    case 'size':
      return {
        size: [
          pick(['large', 'medium', 'small', 'micro'] as const),
          ...(random() < 0.5 ? (['micro'] as const) : []),
        ],
        ...(random() < 0.3 ? { year: { year: 2024 } } : {}),
      };
    case 'certified':
      return { certified: pick(CERTIFICATIONS) };
    case 'taxpayer':
      return { taxpayer: pick(['general', 'small_scale'] as const) };
    default:
      return { status: [pick(['active', 'suspended', 'cancelled'] as const)] };
  }
}

function generateRule(depth: number): Rule {
  if (depth === 0 || random() < 0.35) return generateLeaf();
  const kind = pick(['all', 'any', 'not']);
  if (kind === 'not') return { not: generateRule(depth - 1) };
  const children = Array.from({ length: 1 + Math.floor(random() * 3) }, () => generateRule(depth - 1));
  return kind === 'all' ? { all: children } : { any: children };
}

describe('eligibility: the in-memory evaluator and the SQL compiler agree', () => {
  let handle: DatabaseHandle;
  let ids: number[];
  let facts: Map<number, EnterpriseFacts>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const generated = Array.from({ length: 150 }, (_, i) => generateEnterprise(i));
    await writeEnterpriseBatch(handle.db, generated, 'test');
    const earlier = generated
      .filter((g) => g.extraYear)
      .map((g) => ({ ...g, figures: g.extraYear, certifications: [] }));
    await writeEnterpriseBatch(handle.db, earlier, 'test');
    const rows = await handle.db
      .selectFrom('enterprises')
      .select('id')
      .where(
        'uscc',
        'in',
        generated.map((g) => g.uscc),
      )
      .execute();
    ids = rows.map((r) => r.id);
    facts = await loadEnterpriseFacts(handle.db, ids);
  }, 60_000);
  afterAll(() => handle?.close());

  it('on 400 generated rules × 150 generated enterprises, on two dates', async () => {
    const outcomes = { eligible: 0, not_eligible: 0, unknown: 0 };
    for (let n = 0; n < 400; n++) {
      const rule = generateRule(3);
      expect(checkRule(rule, PARAMETERS), JSON.stringify(rule)).toEqual([]);
      const date = n % 2 === 0 ? '2026-06-30' : '2027-02-28';
      const compiled = compileRule(rule, date, PARAMETERS);
      const result = await sql<{ id: number; r: boolean | null }>`
        select e.id, ${compiled.condition} as r from ${compiled.source}
        where e.id = any(${ids}::int8[])`.execute(handle.db);
      const bySql = new Map(result.rows.map((row) => [row.id, row.r]));
      for (const id of ids) {
        const memory = evaluateRule(rule, facts.get(id) as EnterpriseFacts, date, PARAMETERS).outcome;
        const r = bySql.get(id);
        const database = r === true ? 'eligible' : r === false ? 'not_eligible' : 'unknown';
        if (memory !== database) {
          throw new Error(
            `rule ${JSON.stringify(rule)} on ${date}, enterprise ${JSON.stringify(facts.get(id))}: memory ${memory}, SQL ${database}`,
          );
        }
        outcomes[memory] += 1;
      }
    }
    // The generated cases exercise all three answers.
    expect(outcomes.eligible).toBeGreaterThan(1000);
    expect(outcomes.not_eligible).toBeGreaterThan(1000);
    expect(outcomes.unknown).toBeGreaterThan(1000);
  }, 120_000);
});
