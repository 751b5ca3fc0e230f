/**
 * The SQL of `financing_recommendations` (issue 15, the 2024 coordination mechanism's recommended list). Amounts are
 * read as decimal text (`trim_scale(x)::text`), never as floats. Lists filter on the county kept on the row and take
 * the enterprise's code and name from the registry's `enterpriseCards` subquery (colocated by enterprise id), so
 * this module never names the registry's tables.
 */
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enterpriseCards } from '../registry/index.ts';
import type { RecommendationOutcome, RecommendationState } from './financing.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface RecommendationRow {
  enterprise_id: number;
  id: number;
  region_code: string;
  list_year: number;
  compliant_operation: boolean;
  fixed_premises: boolean;
  real_need: boolean;
  good_credit: boolean;
  compliant_purpose: boolean;
  need_amount: string | null;
  note: string | null;
  listed_by: number;
  listed_at: Date;
  institution_id: number | null;
  pushed_at: Date | null;
  pushed_on: string | null;
  decide_due: string | null;
  contacted_at: Date | null;
  contact_note: string | null;
  outcome: RecommendationOutcome | null;
  decided_at: Date | null;
  granted_amount: string | null;
  decline_reason: string | null;
  decline_text: string | null;
  removed_at: Date | null;
  removed_reason: string | null;
  state: RecommendationState;
  version: number;
}

/** A row with the enterprise's code and name, as lists show it. */
export type RecommendationCard = RecommendationRow & { uscc: string; enterprise_name: string };

const COLUMNS = [
  'r.enterprise_id',
  'r.id',
  'r.region_code',
  'r.list_year',
  'r.compliant_operation',
  'r.fixed_premises',
  'r.real_need',
  'r.good_credit',
  'r.compliant_purpose',
  'r.note',
  'r.listed_by',
  'r.listed_at',
  'r.institution_id',
  'r.pushed_at',
  'r.pushed_on',
  'r.decide_due',
  'r.contacted_at',
  'r.contact_note',
  'r.outcome',
  'r.decided_at',
  'r.decline_reason',
  'r.decline_text',
  'r.removed_at',
  'r.removed_reason',
  'r.state',
  'r.version',
] as const;

function recommendationSelect(db: Db) {
  return db
    .selectFrom('financing_recommendations as r')
    .select(COLUMNS)
    .select([
      sql<string | null>`trim_scale(r.need_amount)::text`.as('need_amount'),
      sql<string | null>`trim_scale(r.granted_amount)::text`.as('granted_amount'),
    ]);
}

function cardSelect(db: Db) {
  return recommendationSelect(db)
    .innerJoin(enterpriseCards(db as Kysely<Database>).as('e'), 'e.id', 'r.enterprise_id')
    .select(['e.uscc', 'e.name as enterprise_name']);
}

export async function insertRecommendation(
  db: Db,
  values: {
    enterprise_id: number;
    region_code: string;
    list_year: number;
    need_amount: string | null;
    note: string | null;
    listed_by: number;
  },
): Promise<number> {
  const row = await db
    .insertInto('financing_recommendations')
    .values({
      ...values,
      compliant_operation: true,
      fixed_premises: true,
      real_need: true,
      good_credit: true,
      compliant_purpose: true,
      state: 'listed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One recommendation by its whole key (one shard); `lock` takes its row for the transaction. */
export async function findRecommendation(
  db: Db,
  enterpriseId: number,
  id: number,
  lock = false,
): Promise<RecommendationRow | undefined> {
  let query = recommendationSelect(db).where('r.enterprise_id', '=', enterpriseId).where('r.id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst() as Promise<RecommendationRow | undefined>;
}

/** The same with the enterprise's code and name. */
export async function findRecommendationCard(
  db: Db,
  enterpriseId: number,
  id: number,
): Promise<RecommendationCard | undefined> {
  return cardSelect(db)
    .where('r.enterprise_id', '=', enterpriseId)
    .where('r.id', '=', id)
    .executeTakeFirst() as Promise<RecommendationCard | undefined>;
}

export async function updateRecommendation(
  db: Db,
  enterpriseId: number,
  id: number,
  set: Partial<{
    state: RecommendationState;
    institution_id: number;
    pushed_by: number;
    pushed_at: Date;
    pushed_on: string;
    decide_due: string;
    contacted_at: Date;
    contact_note: string | null;
    outcome: RecommendationOutcome;
    decided_at: Date;
    granted_amount: string;
    decline_reason: string;
    decline_text: string;
    removed_by: number;
    removed_at: Date;
    removed_reason: string;
  }>,
): Promise<void> {
  await db
    .updateTable('financing_recommendations')
    .set({ ...set, version: sql`version + 1` })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}

/** Pushed entries undecided past their decision day whose bank has not been told yet (the daily run's work). */
export async function recommendationsToTellLate(db: Db, today: string, limit: number) {
  return db
    .selectFrom('financing_recommendations as r')
    .innerJoin(enterpriseCards(db as Kysely<Database>).as('e'), 'e.id', 'r.enterprise_id')
    .select([
      'r.enterprise_id',
      'r.id',
      'r.institution_id',
      'r.decide_due',
      'r.state',
      'e.name as enterprise_name',
    ])
    .where(lateCondition(today))
    .where('r.late_notified_on', 'is', null)
    .orderBy('r.enterprise_id')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** Marks the day a bank was told an entry's decision is late, leaving its version. */
export async function markRecommendationLateTold(db: Db, enterpriseId: number, id: number, day: string) {
  await db
    .updateTable('financing_recommendations')
    .set({ late_notified_on: day })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}

/** Past the decision day (before `today`) and undecided. */
const lateCondition = (today: string) =>
  sql<boolean>`(r.state in ('pushed', 'contacted') and r.decide_due < ${today}::date)`;

export interface RecommendationFilter {
  /** The officials' region: a GB/T 2260 prefix of the county kept on the row. */
  regionPrefix?: string;
  year?: number;
  state?: RecommendationState;
  institutionId?: number;
  late?: boolean;
}

type RecommendationScope = ExpressionBuilder<Database & { r: Database['financing_recommendations'] }, 'r'>;

/** The filter as one condition of a query over `financing_recommendations as r`. */
function filterCondition(filter: RecommendationFilter, today: string) {
  return (eb: RecommendationScope) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.regionPrefix !== undefined)
      conditions.push(eb('r.region_code', 'like', `${filter.regionPrefix}%`));
    if (filter.year !== undefined) conditions.push(eb('r.list_year', '=', filter.year));
    if (filter.institutionId !== undefined)
      conditions.push(eb('r.institution_id', '=', filter.institutionId));
    if (filter.state !== undefined) conditions.push(eb('r.state', '=', filter.state));
    if (filter.late === true) conditions.push(lateCondition(today));
    if (filter.late === false) conditions.push(sql<boolean>`not ${lateCondition(today)}`);
    return eb.and(conditions);
  };
}

function countFrom(db: Db) {
  return db.selectFrom('financing_recommendations as r');
}

/**
 * A page of recommendations with the enterprises' codes and names: the officials' list (by region) or a bank's
 * (by institution), the list's year newest first, then the latest listed.
 */
export async function recommendationsPage(
  db: Db,
  filter: RecommendationFilter & { excludeRemoved?: boolean },
  today: string,
  page: number,
  pageSize: number,
): Promise<{ rows: RecommendationCard[]; total: number }> {
  let rows = recommendationSelect(db)
    .where(filterCondition(filter, today))
    .innerJoin(enterpriseCards(db as Kysely<Database>).as('e'), 'e.id', 'r.enterprise_id')
    .select(['e.uscc', 'e.name as enterprise_name']);
  let count = countFrom(db).where(filterCondition(filter, today));
  if (filter.excludeRemoved) {
    rows = rows.where('r.state', '<>', 'removed');
    count = count.where('r.state', '<>', 'removed');
  }
  const [items, total] = await Promise.all([
    rows
      .orderBy('r.list_year', 'desc')
      .orderBy('r.listed_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: items as RecommendationCard[], total: Number(total.n) };
}

/** What the mechanism tracks for a region, year and bank: listed, pushed, contacted, decided, granted, late. */
export async function recommendationCounts(
  db: Db,
  filter: Pick<RecommendationFilter, 'regionPrefix' | 'year' | 'institutionId'>,
  today: string,
) {
  const row = await countFrom(db)
    .where(filterCondition(filter, today))
    .where('r.state', '<>', 'removed')
    .select([
      sql<number>`count(*)::int`.as('listed'),
      sql<number>`(count(*) filter (where r.pushed_at is not null))::int`.as('pushed'),
      sql<number>`(count(*) filter (where r.contacted_at is not null))::int`.as('contacted'),
      sql<number>`(count(*) filter (where r.state = 'decided'))::int`.as('decided'),
      sql<number>`(count(*) filter (where r.outcome = 'granted'))::int`.as('granted'),
      sql<string | null>`trim_scale(sum(r.granted_amount) filter (where r.outcome = 'granted'))::text`.as(
        'granted_amount',
      ),
      sql<number>`(count(*) filter (where ${lateCondition(today)}))::int`.as('late'),
    ])
    .executeTakeFirstOrThrow();
  return row;
}

/** An enterprise's recommendations not removed, the latest year first. */
export async function recommendationsOfEnterprise(
  db: Db,
  enterpriseId: number,
): Promise<RecommendationRow[]> {
  return recommendationSelect(db)
    .where('r.enterprise_id', '=', enterpriseId)
    .where('r.state', '<>', 'removed')
    .orderBy('r.list_year', 'desc')
    .orderBy('r.id', 'desc')
    .execute() as Promise<RecommendationRow[]>;
}
