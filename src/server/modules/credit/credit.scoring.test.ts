/**
 * The credit evaluation end to end: the example scorecard stored once, an enterprise's own score explained with
 * the records behind it, records leaving the score on the day their publication ends (the due run, no manual
 * step), and scorecards drafted, checked, compared and published by a provincial official.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aUser,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { runDueJobs } from '../jobs/index.ts';
import { DEFAULT_SCORECARD } from './credit.scorecard.default.ts';
import type { ScorecardModel } from './credit.scorecard.rules.ts';
import {
  anniversaryDays,
  creditScoringHandlers,
  ensureDefaultScorecard,
  scoreDue,
  scoreEnterprise,
  scoreEnterprises,
} from './credit.scoring.ts';

let t: TestApp;
let company: MadeEnterprise;
let other: MadeEnterprise;
let companySession: Session;
let province: Session;
let county: Session;
let elsewhere: Session;
let admin: Session;

async function aRecord(
  enterpriseId: number,
  record: {
    category: string;
    item: string;
    title?: string;
    valueNumber?: number;
    valueText?: string;
    decidedOn: string;
    publishUntil?: string | null;
    status?: 'active' | 'superseded' | 'repaired';
  },
): Promise<number> {
  const row = await t.handle.db
    .insertInto('credit_records')
    .values({
      enterprise_id: enterpriseId,
      category: record.category,
      item: record.item,
      title: record.title ?? `${record.category}/${record.item}`,
      value_number: record.valueNumber ?? null,
      value_text: record.valueText ?? null,
      decided_on: record.decidedOn,
      publish_until: record.publishUntil ?? null,
      source_kind: 'department',
      source_department: '市场监督管理局',
      status: record.status ?? 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const storedScore = async (enterpriseId: number) =>
  t.handle.db
    .selectFrom('credit_scores')
    .select(['score', 'grade', 'items', 'computed_on'])
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  const db = t.handle.db;
  expect(await ensureDefaultScorecard(db, '2026-01-01')).toBe(true);
  company = await anEnterprise(db, { region: '320583', employees: 60, revenue: 2500 });
  other = await anEnterprise(db, { region: '320505', employees: 5, revenue: 80 });
  companySession = await signIn(t, await anEnterpriseUser(db, company));
  province = await signIn(t, await anOfficial(db, { region: '320000' }));
  county = await signIn(t, await anOfficial(db, { region: '320583' }));
  elsewhere = await signIn(t, await anOfficial(db, { region: '440106' }));
  admin = await signIn(t, await aUser(db, { role: 'admin' }));
});
afterAll(() => t.close());

describe('the example scorecard', () => {
  it('is stored once, published, as version 1 with its note', async () => {
    expect(await ensureDefaultScorecard(t.handle.db)).toBe(false);
    const list = await t.request('GET', '/api/credit/scorecards', { session: admin });
    expect(list.statusCode).toBe(200);
    const [first] = list.json().items;
    expect(first).toMatchObject({ version: 1, status: 'published', problems: [] });
    expect(first.model.features).toHaveLength(20);
    expect(first.note).toContain('示例');
  });
});

describe("an enterprise's own score", () => {
  it("shows each feature's points with the records behind them, and stores the score", async () => {
    const penalty = await aRecord(company.id, {
      category: 'penalty',
      item: 'penalty',
      title: '罚款决定书',
      valueNumber: 1,
      decidedOn: '2025-03-01',
      publishUntil: '2028-02-29',
    });
    await aRecord(company.id, {
      category: 'tax',
      item: 'credit_grade',
      valueText: 'B',
      decidedOn: '2024-04-01',
    });
    await aRecord(company.id, {
      category: 'tax',
      item: 'credit_grade',
      valueText: 'A',
      decidedOn: '2025-04-01',
    });
    await aRecord(company.id, {
      category: 'tax',
      item: 'credit_grade',
      valueText: 'D',
      decidedOn: '2025-05-01',
      status: 'superseded',
    });
    const response = await t.request('GET', '/api/my/credit/score', { session: companySession });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items).toHaveLength(20);
    const penalties = body.items.find((i: { feature: string }) => i.feature === 'penalties_3y');
    expect(penalties).toMatchObject({ value: 1, points: -20, source: 'penalty' });
    expect(penalties.evidence.records).toEqual([
      expect.objectContaining({
        id: penalty,
        title: '罚款决定书',
        sourceDepartment: '市场监督管理局',
        decidedOn: '2025-03-01',
      }),
    ]);
    // The latest grade not superseded: A (+40), read from the record of 2025-04-01.
    const grade = body.items.find((i: { feature: string }) => i.feature === 'tax_credit_grade');
    expect(grade).toMatchObject({ value: 'A', points: 40 });
    expect(grade.evidence.records.map((r: { decidedOn: string }) => r.decidedOn)).toEqual(['2025-04-01']);
    const employees = body.items.find((i: { feature: string }) => i.feature === 'employees');
    expect(employees).toMatchObject({
      value: 60,
      points: 10,
      evidence: { kind: 'registry', figures: { employees: 60 } },
    });
    const sum = body.items.reduce((s: number, i: { points: number }) => s + i.points, body.basePoints);
    expect(body.score).toBe(sum);
    const stored = await storedScore(company.id);
    expect(stored).toMatchObject({ score: body.score, grade: body.grade });
  });

  it('officials of its region see it; others are out of scope', async () => {
    expect(
      (await t.request('GET', `/api/enterprises/${company.id}/credit-score`, { session: county })).statusCode,
    ).toBe(200);
    const refused = await t.request('GET', `/api/enterprises/${company.id}/credit-score`, {
      session: elsewhere,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('OUT_OF_SCOPE');
  });
});

describe('scores follow the date without a manual step', () => {
  it('a licence past its publication and a penalty leaving the three-year window change the score on that day', async () => {
    const db = t.handle.db;
    await aRecord(other.id, {
      category: 'licence',
      item: 'licence',
      decidedOn: '2020-01-01',
      publishUntil: '2026-03-10',
    });
    await aRecord(other.id, {
      category: 'penalty',
      item: 'penalty',
      decidedOn: '2023-03-12',
      publishUntil: '2026-12-31',
    });
    // The first due run scores everyone.
    const first = await scoreDue(db, '2026-03-10');
    expect(first.full).toBe(true);
    const before = await scoreEnterprise(db, other.id, '2026-03-10');
    expect(before.items.find((i) => i.feature === 'licences_valid')?.value).toBe(1);
    expect(before.items.find((i) => i.feature === 'penalties_3y')?.value).toBe(1);
    const storedBefore = await storedScore(other.id);
    // Two days on: the licence's publication ended (last day 10 March), the penalty of 12 March 2023 is 3 years old.
    const due = await scoreDue(db, '2026-03-12');
    expect(due.full).toBe(false);
    expect(due.enterprisesDue).toBeGreaterThanOrEqual(1);
    const after = await storedScore(other.id);
    expect(after?.computed_on).toBe('2026-03-12');
    // Licences 1 → 0: 5 → 0 points; penalties 1 → 0: −20 → +15.
    expect(Number(after?.score)).toBe(Number(storedBefore?.score) - 5 + 35);
    const explained = await scoreEnterprise(db, other.id, '2026-03-12');
    expect(explained.score).toBe(Number(after?.score));
  });

  it('the day an enterprise is a year older is an anniversary of the window', () => {
    expect(anniversaryDays('2026-02-27', '2026-03-01')).toEqual([228, 229, 301]);
    expect(anniversaryDays('2025-01-01', '2026-01-01')).toBeNull();
  });

  it('the scoring job scores every active enterprise, and a re-run writes the same rows', async () => {
    const db = t.handle.db;
    const first = await scoreEnterprises(db, { all: true }, '2026-03-12', { lanes: 2 });
    const second = await scoreEnterprises(db, { all: true }, '2026-03-12', { lanes: 2 });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from credit_scores`.execute(db);
    expect(first.scored).toBe(2);
    expect(second.scored).toBe(2);
    expect(Number(rows[0]?.n)).toBe(2);
  });

  it('the grade statistics count active enterprises only: a cancelled one’s last score leaves them', async () => {
    const db = t.handle.db;
    await scoreEnterprises(db, { all: true }, '2026-03-12');
    const counted = async () => {
      const stats = (await t.request('GET', '/api/credit/stats', { session: province })).json();
      return (stats.grades as { count: number }[]).reduce((sum, g) => sum + g.count, 0);
    };
    expect(await counted()).toBe(2);
    await db.updateTable('enterprises').set({ status: 'cancelled' }).where('id', '=', other.id).execute();
    try {
      expect(await counted()).toBe(1);
    } finally {
      await db.updateTable('enterprises').set({ status: 'active' }).where('id', '=', other.id).execute();
    }
  });
});

describe('scorecards as data', () => {
  const broken: ScorecardModel = {
    basePoints: 600,
    features: [
      { feature: 'shoe_size', bins: [{ from: null, to: null, points: 0 }], missingPoints: 0 },
      {
        feature: 'employees',
        bins: [
          { from: null, to: 10, points: 0 },
          { from: 5, to: null, points: 10 },
        ],
        missingPoints: 0,
      },
    ],
    grades: [
      { grade: 'A', minScore: 600 },
      { grade: 'B', minScore: null },
    ],
  };

  it('a county official may read but not draft', async () => {
    expect((await t.request('GET', '/api/credit/scorecards', { session: county })).statusCode).toBe(200);
    const refused = await t.request('POST', '/api/credit/scorecards', {
      session: county,
      body: { name: '县级模型', model: DEFAULT_SCORECARD },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('OUT_OF_SCOPE');
  });

  it('a draft with problems is saved with them listed; publishing it is refused by path and writes nothing', async () => {
    const check = await t.request('POST', '/api/credit/scorecards/check', {
      session: province,
      body: { model: broken },
    });
    expect(check.json().problems.map((p: { path: string }) => p.path)).toEqual([
      'features[0].feature',
      'features[1].bins[1].from',
    ]);
    const draft = await t.request('POST', '/api/credit/scorecards', {
      session: province,
      body: { name: '省级模型', model: broken, note: '试行' },
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', version: 2 });
    expect(draft.json().problems).toHaveLength(2);
    const jobsBefore = await t.handle.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'credit-score')
      .execute();
    const refused = await t.request('POST', `/api/credit/scorecards/${draft.json().id}/publish`, {
      session: province,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'model.features[0].feature',
      'model.features[1].bins[1].from',
    ]);
    const still = await t.request('GET', `/api/credit/scorecards/${draft.json().id}`, { session: province });
    expect(still.json().status).toBe('draft');
    const jobsAfter = await t.handle.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'credit-score')
      .execute();
    expect(jobsAfter).toHaveLength(jobsBefore.length);
    const published = await t.handle.db
      .selectFrom('credit_scorecards')
      .select('version')
      .where('status', '=', 'published')
      .executeTakeFirst();
    expect(published?.version).toBe(1);
  });

  it('a fixed draft is compared with the published one, published with its approver, and everyone rescored', async () => {
    const strict: ScorecardModel = {
      ...DEFAULT_SCORECARD,
      grades: [
        { grade: 'AAA', minScore: 900 },
        { grade: 'AA', minScore: 850 },
        { grade: 'A', minScore: 800 },
        { grade: 'B', minScore: 750 },
        { grade: 'C', minScore: null },
      ],
    };
    const draft = await t.request('POST', '/api/credit/scorecards', {
      session: province,
      body: { name: '省级模型（从严）', model: strict },
    });
    const id = draft.json().id;
    const comparison = await t.request('GET', `/api/credit/scorecards/${id}/compare`, { session: province });
    expect(comparison.statusCode).toBe(200);
    const grades = comparison.json().grades as { grade: string; before: number; after: number }[];
    expect(grades.map((g) => g.grade)).toEqual(['AAA', 'AA', 'A', 'B', 'C']);
    expect(grades.reduce((s, g) => s + g.after, 0)).toBe(2);
    expect(grades.reduce((s, g) => s + g.before, 0)).toBe(2);
    expect(grades.find((g) => g.grade === 'C')?.after).toBe(2);
    const published = await t.request('POST', `/api/credit/scorecards/${id}/publish`, { session: province });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', approvedByName: expect.any(String) });
    expect(published.json().publishedFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const list = (await t.request('GET', '/api/credit/scorecards', { session: admin })).json().items;
    expect(list.find((s: { version: number }) => s.version === 1).status).toBe('retired');
    await runDueJobs(t.handle.db, creditScoringHandlers());
    const rescored = await t.handle.db
      .selectFrom('credit_scores')
      .select(['grade'])
      .where('scorecard_id', '=', id)
      .execute();
    expect(rescored.map((r) => r.grade)).toEqual(['C', 'C']);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'credit.scorecard.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'credit.scorecard.drafted',
      'credit.scorecard.drafted',
      'credit.scorecard.published',
    ]);
  });
});
