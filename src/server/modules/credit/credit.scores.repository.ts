/** The SQL of `credit_scores` and of the credit records the scoring reads (set-based, ADR 0027). */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enterpriseRegions } from '../registry/index.ts';
import { featureValuesSql, type ScoreScope, scoredSql } from './credit.features.sql.ts';
import type { FeatureRecord } from './credit.features.ts';
import type { ScorecardModel, ScoreItem } from './credit.scorecard.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Scores the enterprises in scope under a checked scorecard on a day and stores the rows (one statement:
 * `INSERT … SELECT … ON CONFLICT DO UPDATE`, one task per shard on Citus). Returns how many rows were written.
 */
export async function storeScores(
  db: Transaction<Database>,
  scorecardId: number,
  model: ScorecardModel,
  day: string,
  scope: ScoreScope,
): Promise<number> {
  await sql`set local work_mem = '64MB'`.execute(db);
  // The statement is long (20 CASEs, 20 aggregates): JIT compiling it costs seconds per slice, more than it saves.
  await sql`set local jit = off`.execute(db);
  const result = await sql`
    insert into credit_scores (enterprise_id, scorecard_id, score, grade, items, computed_on)
    select s.enterprise_id, ${scorecardId}::int, s.score, s.grade, s.items, ${day}::date
    from ${scoredSql(model, day, scope)} s
    on conflict (enterprise_id, scorecard_id) do update set score = excluded.score, grade = excluded.grade,
      items = excluded.items, computed_on = excluded.computed_on, computed_at = now()`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Scores computed by SQL without storing them, with their items in full (the property test). */
export async function scoredRows(
  db: Db,
  model: ScorecardModel,
  day: string,
  scope: ScoreScope,
  items: 'full' | 'points' = 'full',
): Promise<{ enterprise_id: number; score: number; grade: string; items: unknown[] }[]> {
  const { rows } = await sql<{ enterprise_id: number; score: number; grade: string; items: unknown[] }>`
    select * from ${scoredSql(model, day, scope, { items })} s order by s.enterprise_id`.execute(db);
  return rows.map((r) => ({ ...r, score: Number(r.score), enterprise_id: Number(r.enterprise_id) }));
}

/** How many enterprises get each grade under a model on a day (computed, not stored), under a region prefix. */
export async function gradeCounts(
  db: Db,
  model: ScorecardModel,
  day: string,
  regionPrefix: string | null,
): Promise<Map<string, number>> {
  const region =
    regionPrefix === null
      ? sql``
      : sql`join ${enterpriseRegions()} er on er.id = s.enterprise_id where er.region_code like ${`${regionPrefix}%`}`;
  const { rows } = await sql<{ grade: string; n: number }>`
    select s.grade, count(*)::int as n from ${scoredSql(model, day, { all: true })} s ${region}
    group by s.grade`.execute(db);
  return new Map(rows.map((r) => [r.grade, Number(r.n)]));
}

/** The feature values of one enterprise on a day, with the registry figures behind them (undefined: not active). */
export async function featureValuesOf(
  db: Db,
  enterpriseId: number,
  day: string,
): Promise<Record<string, unknown> | undefined> {
  const { rows } = await sql<Record<string, unknown>>`
    select * from ${featureValuesSql(day, { enterpriseIds: [enterpriseId] }, { detail: true })} v`.execute(
    db,
  );
  return rows[0];
}

/** Every credit record of an enterprise (the explanation picks those behind each feature). */
export async function recordsOfEnterprise(db: Db, enterpriseId: number): Promise<FeatureRecord[]> {
  const rows = await db
    .selectFrom('credit_records')
    .select([
      'id',
      'category',
      'item',
      'title',
      'value_number',
      'value_text',
      'decided_on',
      'publish_until',
      'status',
      'source_department',
    ])
    .where('enterprise_id', '=', enterpriseId)
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    value_number: r.value_number === null ? null : Number(r.value_number),
  }));
}

/** Stores one enterprise's score. */
export async function storeScore(
  db: Db,
  row: {
    enterpriseId: number;
    scorecardId: number;
    score: number;
    grade: string;
    items: ScoreItem[];
    day: string;
  },
): Promise<void> {
  await db
    .insertInto('credit_scores')
    .values({
      enterprise_id: row.enterpriseId,
      scorecard_id: row.scorecardId,
      score: row.score,
      grade: row.grade,
      items: JSON.stringify(row.items.map((item) => item.points)),
      computed_on: row.day,
    })
    .onConflict((oc) =>
      oc.columns(['enterprise_id', 'scorecard_id']).doUpdateSet((eb) => ({
        score: eb.ref('excluded.score'),
        grade: eb.ref('excluded.grade'),
        items: eb.ref('excluded.items'),
        computed_on: eb.ref('excluded.computed_on'),
        computed_at: sql`now()`,
      })),
    )
    .execute();
}

/** The stored score of an enterprise under a scorecard, or undefined. */
export async function findScore(db: Db, enterpriseId: number, scorecardId: number) {
  return db
    .selectFrom('credit_scores')
    .select(['score', 'grade', 'items', 'computed_on'])
    .where('enterprise_id', '=', enterpriseId)
    .where('scorecard_id', '=', scorecardId)
    .executeTakeFirst();
}

/**
 * The enterprises whose scores the days (after, through] change by the date alone: a record's publication ended
 * (its last day in [after, through)), or a penalty left the three-year window (decided in [from, to), the windows'
 * starts on `after` and `through`).
 */
export async function enterprisesWithLapsedRecords(
  db: Db,
  after: string,
  through: string,
  penaltyWindow: { from: string; to: string },
): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select enterprise_id as id from credit_records
    where publish_until >= ${after}::date and publish_until < ${through}::date and status <> 'superseded'
    union
    select enterprise_id from credit_records
    where category = 'penalty' and decided_on >= ${penaltyWindow.from}::date
      and decided_on < ${penaltyWindow.to}::date and status <> 'superseded'`.execute(db);
  return rows.map((r) => Number(r.id));
}

/** Enterprises' grades under the published scorecard (an enterprise never scored is absent). */
export async function publishedGrades(
  db: Db,
  enterpriseIds: readonly number[],
): Promise<Map<number, string>> {
  if (enterpriseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('credit_scores as s')
    .innerJoin('credit_scorecards as c', 'c.id', 's.scorecard_id')
    .select(['s.enterprise_id', 's.grade'])
    .where('c.status', '=', 'published')
    .where('s.enterprise_id', 'in', [...enterpriseIds])
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, r.grade]));
}
