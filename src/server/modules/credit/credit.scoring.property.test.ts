/**
 * The scorecard compiled to SQL agrees with `scoreOf`: generated enterprises and credit records in a database,
 * generated (checked) scorecards; for every enterprise the SQL's score, grade and items equal `scoreOf` over the
 * feature values, and each record feature's value is what the records behind it (the explanation) say.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { prng } from '../demo/index.ts';
import { type EnterpriseInput, writeEnterpriseBatch } from '../registry/index.ts';
import { featureValuesSql } from './credit.features.sql.ts';
import { FEATURE_COMPUTATIONS, type FeatureRecord, recordsBehind } from './credit.features.ts';
import { DEFAULT_SCORECARD } from './credit.scorecard.default.ts';
import {
  checkScorecard,
  type RangeBin,
  SCORECARD_FEATURES,
  type ScorecardFeature,
  type ScorecardModel,
  type ScoreItem,
  scoreOf,
} from './credit.scorecard.rules.ts';
import { recordsOfEnterprise, scoredRows } from './credit.scores.repository.ts';

const random = prng(20261214);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const maybe = <T>(value: T, nullShare = 0.15): T | null => (random() < nullShare ? null : value);
const DAY = '2026-07-15';

function generateEnterprise(i: number): EnterpriseInput & { extraYear: EnterpriseInput['figures'] } {
  const figuresOf = (year: number): EnterpriseInput['figures'] => ({
    year,
    employees: maybe(Math.floor(random() * 400)),
    operatingRevenue: maybe(random() < 0.1 ? 0 : Math.round(random() * 800000) / 100),
    mainBusinessRevenue: null,
    totalAssets: maybe(random() < 0.05 ? 0 : Math.round(random() * 900000) / 100),
    totalLiabilities: maybe(Math.round(random() * 300000) / 100, 0.3),
    rdExpense: maybe(random() < 0.2 ? 0 : Math.round(random() * 30000) / 100, 0.3),
    rdStaff: null,
    taxableIncome: null,
    vatTaxpayerType: null,
  });
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return {
    uscc: makeUscc(`91320583MB${String(i).padStart(7, '0')}`),
    name: `评分测试${i}号有限公司`,
    formerNames: [],
    legalRepresentative: null,
    regionCode: pick(['320583', '320505', '440106']),
    industryCode: 'C3911',
    establishedOn: maybe(`${2005 + Math.floor(random() * 22)}-${month}-${day}`, 0.1),
    status: pick(['active', 'active', 'active', 'active', 'cancelled'] as const),
    ownershipType: null,
    certifications:
      random() < 0.3
        ? [
            {
              name: pick(['专精特新中小企业', '高新技术企业', '其他认定']),
              validFrom: `${2022 + Math.floor(random() * 3)}-01-01`,
              validTo: random() < 0.3 ? null : `${2025 + Math.floor(random() * 3)}-12-31`,
            },
          ]
        : [],
    figures: random() < 0.9 ? figuresOf(2025) : null,
    extraYear: random() < 0.6 ? figuresOf(2024) : null,
  };
}

const RECORD_KINDS: [string, string, 'none' | 'number' | string[]][] = [
  ['licence', 'licence', 'none'],
  ['penalty', 'penalty', 'number'],
  ['penalty', 'penalty_safety', 'number'],
  ['judgment', 'enforcement', ['open', 'closed']],
  ['judgment', 'judgment', 'none'],
  ['dishonesty', 'dishonesty', 'none'],
  ['honour', 'honour', 'none'],
  ['honour', 'support', 'number'],
  ['tax', 'credit_grade', ['A', 'B', 'M', 'C', 'D']],
  ['tax', 'tax_paid', 'number'],
  ['social_insurance', 'months_paid', 'number'],
  ['housing_fund', 'months_paid', 'number'],
  ['trade', 'amount', 'number'],
  ['utilities', 'arrears_months', 'number'],
  ['real_estate', 'owned', 'none'],
  ['ip', 'patent', 'none'],
  ['ip', 'trademark', 'none'],
];

const pad = (n: number) => String(n).padStart(2, '0');
function dayNear(): string {
  // Around the day: some in the future, some on the three-year window's edge.
  const t = new Date(Date.UTC(2026, 6, 15 - Math.floor(random() * 1500) + (random() < 0.05 ? 30 : 0)));
  if (random() < 0.08) return pick(['2023-07-15', '2023-07-16', '2023-07-14', DAY]);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

const CUTS: Record<string, number[]> = {
  age_years: [0, 1, 3, 5, 10, 15],
  employees: [0, 10, 50, 100, 300],
  operating_revenue: [0, 100, 1000, 5000],
  revenue_growth: [-50, -20, 0, 0.5, 20, 100],
  debt_ratio: [10, 40, 60.25, 90],
  rd_ratio: [0, 1, 3, 5.5],
  licences_valid: [0, 1, 2, 3],
  penalties_3y: [0, 1, 2],
  enforcement_open: [1, 2],
  honours: [1, 2, 3],
  tax_paid: [0, 10, 100, 1000],
  social_insurance_months: [3, 6, 12],
  housing_fund_months: [6, 12],
  trade_amount: [100, 1000],
  utilities_arrears_months: [1, 2, 3],
  patents: [1, 3],
};

function randomFeature(id: string): ScorecardFeature {
  const definition = SCORECARD_FEATURES.find((f) => f.id === id);
  // Whole points mostly, tenths sometimes (0.1 + 0.2 must sum as scoreOf sums it).
  const points = () =>
    (random() < 0.3 ? Math.round(random() * 800 - 400) / 10 : Math.round(random() * 80 - 40)) || 0;
  if (definition?.kind === 'category') {
    const values = [...(definition.values ?? [])].sort(() => random() - 0.5);
    const bins: { values: string[]; points: number }[] = [];
    for (const v of values) {
      if (bins.length > 0 && random() < 0.4) bins[bins.length - 1]?.values.push(v);
      else bins.push({ values: [v], points: points() });
    }
    return { feature: id, bins, missingPoints: points() };
  }
  const cuts = (CUTS[id] ?? [0]).filter(() => random() < 0.7).sort((a, b) => a - b);
  const bins: RangeBin[] = [];
  for (let i = 0; i <= cuts.length; i++)
    bins.push({
      from: i === 0 ? null : (cuts[i - 1] as number),
      to: i === cuts.length ? null : (cuts[i] as number),
      points: points(),
    });
  return { feature: id, bins: bins.sort(() => random() - 0.5), missingPoints: points() };
}

function randomScorecard(): ScorecardModel {
  const features = SCORECARD_FEATURES.filter(() => random() < 0.8).map((f) => randomFeature(f.id));
  const grades = ['AAA', 'AA', 'A', 'B', 'C'].slice(0, 2 + Math.floor(random() * 4));
  let min = 700;
  return {
    basePoints: pick([600, 500, 0]),
    features: features.length > 0 ? features : [randomFeature('age_years')],
    grades: grades.map((grade, i) => {
      if (i === grades.length - 1) return { grade, minScore: null };
      min -= 10 + Math.floor(random() * 60);
      return { grade, minScore: min };
    }),
  };
}

let handle: DatabaseHandle;
let ids: number[] = [];

describe('the compiled scorecard agrees with scoreOf', () => {
  beforeAll(async () => {
    handle = await createTestDatabase();
    const generated = Array.from({ length: 120 }, (_, i) => generateEnterprise(i));
    await writeEnterpriseBatch(handle.db, generated, 'test');
    await writeEnterpriseBatch(
      handle.db,
      generated.filter((g) => g.extraYear).map((g) => ({ ...g, figures: g.extraYear, certifications: [] })),
      'test',
    );
    const rows = await handle.db.selectFrom('enterprises').select('id').orderBy('id').execute();
    ids = rows.map((r) => Number(r.id));
    const records = ids.flatMap((id) =>
      Array.from({ length: Math.floor(random() * 14) }, () => {
        const [category, item, value] = pick(RECORD_KINDS);
        const decided = dayNear();
        const until = random() < 0.35 ? pick([DAY, '2026-07-14', '2026-07-16', '2027-01-01', decided]) : null;
        return {
          enterprise_id: id,
          category,
          item,
          title: `${category}/${item}`,
          value_number:
            value === 'number'
              ? maybe(Math.round(random() * 2000) / 100 - (random() < 0.1 ? 5 : 0), 0.1)
              : null,
          value_text: Array.isArray(value) ? pick(value) : null,
          decided_on: decided,
          publish_until: until !== null && until >= decided ? until : null,
          source_kind: 'department' as const,
          source_department: '测试部门',
          status: pick(['active', 'active', 'active', 'superseded', 'repaired'] as const),
        };
      }),
    );
    await handle.db.insertInto('credit_records').values(records).execute();
  }, 60_000);
  afterAll(async () => handle?.close());

  it('the example scorecard passes its checks', () => {
    expect(checkScorecard(DEFAULT_SCORECARD)).toEqual([]);
  });

  it('each record feature is what the records behind it say', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${featureValuesSql(DAY, { all: true })} v order by enterprise_id`.execute(handle.db);
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) {
      const records: FeatureRecord[] = await recordsOfEnterprise(handle.db, Number(row.enterprise_id));
      for (const [id, { rule }] of Object.entries(FEATURE_COMPUTATIONS)) {
        if (rule.from !== 'records') continue;
        const behind = recordsBehind(rule, records, DAY);
        const expected =
          rule.take === 'count'
            ? behind.length
            : rule.take === 'any'
              ? behind.length > 0
                ? 'yes'
                : 'no'
              : rule.take === 'latestNumber'
                ? (behind[0]?.value_number ?? null)
                : (behind[0]?.value_text ?? null);
        const actual =
          row[id] === null
            ? null
            : rule.take === 'latestText' || rule.take === 'any'
              ? row[id]
              : Number(row[id]);
        expect({ enterprise: row.enterprise_id, id, value: actual }).toEqual({
          enterprise: row.enterprise_id,
          id,
          value: expected,
        });
      }
    }
  });

  it('30 random scorecards: the SQL score, grade and items equal scoreOf for every enterprise', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${featureValuesSql(DAY, { all: true })} v order by enterprise_id`.execute(handle.db);
    const kinds = new Map(SCORECARD_FEATURES.map((f) => [f.id, f.kind]));
    for (let n = 0; n < 30; n++) {
      const model = n === 0 ? DEFAULT_SCORECARD : randomScorecard();
      expect(checkScorecard(model)).toEqual([]);
      const scored = await scoredRows(handle.db, model, DAY, { all: true });
      const stored = await scoredRows(handle.db, model, DAY, { all: true }, 'points');
      expect(scored.length).toBe(rows.length);
      scored.forEach((s, i) => {
        const row = rows[i] as Record<string, unknown>;
        const values: Record<string, number | string | null> = {};
        for (const [id, kind] of kinds)
          values[id] = row[id] === null ? null : kind === 'number' ? Number(row[id]) : String(row[id]);
        const expected = scoreOf(model, values);
        expect(s.enterprise_id).toBe(Number(row.enterprise_id));
        // What the job stores: the same score and grade, each feature's points in the model's order.
        expect(stored[i]).toEqual({
          enterprise_id: s.enterprise_id,
          score: expected.score,
          grade: expected.grade,
          items: expected.items.map((it) => it.points),
        });
        expect({
          score: s.score,
          grade: s.grade,
          items: (s.items as ScoreItem[]).map((it) => ({
            ...it,
            value: it.value === null ? null : typeof it.value === 'string' ? it.value : Number(it.value),
          })),
        }).toEqual({
          score: expected.score,
          grade: expected.grade,
          items: expected.items,
        });
      });
    }
  }, 120_000);
});
