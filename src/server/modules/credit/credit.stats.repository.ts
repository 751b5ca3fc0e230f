/**
 * The SQL of the officials' credit statistics (issue 14): consents, queries by bank, objections, and the grades of
 * the published scorecard by region × size × industry section. Each reads the credit tables of the enterprises of
 * a region subtree (the registry's cards and size classes joined as subqueries, colocated on Citus).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enterpriseCards, enterpriseFactsSql } from '../registry/index.ts';

type Db = Kysely<Database>;

/** Consents of the region's enterprises by stored state, with those past their last day counted as expired. */
export async function consentCounts(db: Db, prefix: string, today: string) {
  return db
    .selectFrom('credit_consents as c')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'c.enterprise_id')
    .where('e.region_code', 'like', `${prefix}%`)
    .select(
      sql<string>`case when c.state in ('authorised', 'awaiting') and c.valid_until < ${today}::date then 'expired'
        else c.state end`.as('status'),
    )
    .select(sql<number>`count(*)::int`.as('count'))
    .groupBy('status')
    .execute();
}

/** Consents given (authorised) and revoked in a period, by month. */
export async function consentMonths(db: Db, prefix: string, from: string, to: string) {
  const { rows } = await sql<{ month: string; given: number; revoked: number }>`
    select m.month, sum(m.given)::int as given, sum(m.revoked)::int as revoked from (
      select to_char(c.decided_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM') as month, 1 as given, 0 as revoked
      from credit_consents c join ${enterpriseCards(db)} e on e.id = c.enterprise_id
      where e.region_code like ${`${prefix}%`} and c.decided_at is not null and c.state in ('authorised', 'revoked')
        and (c.decided_at at time zone 'UTC' + interval '8 hours')::date between ${from}::date and ${to}::date
      union all
      select to_char(c.revoked_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM'), 0, 1
      from credit_consents c join ${enterpriseCards(db)} e on e.id = c.enterprise_id
      where e.region_code like ${`${prefix}%`} and c.revoked_at is not null
        and (c.revoked_at at time zone 'UTC' + interval '8 hours')::date between ${from}::date and ${to}::date
    ) m group by m.month order by m.month`.execute(db);
  return rows;
}

/** Queries in a period on the region's enterprises, by institution. */
export function queriesByInstitution(db: Db, prefix: string, from: string, to: string) {
  return db
    .selectFrom('credit_access_log as l')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'l.enterprise_id')
    .where('e.region_code', 'like', `${prefix}%`)
    .where(
      sql<boolean>`(l.at at time zone 'UTC' + interval '8 hours')::date between ${from}::date and ${to}::date`,
    )
    .select('l.institution_id')
    .select(sql<number>`count(*) filter (where l.kind = 'report')::int`.as('reports'))
    .select(sql<number>`count(*) filter (where l.kind = 'check')::int`.as('checks'))
    .select(sql<number>`count(distinct l.enterprise_id)::int`.as('enterprises'))
    .groupBy('l.institution_id')
    .orderBy(sql`count(*)`, 'desc')
    .execute();
}

/** Objections of the region's enterprises: open (and past due), answered in a period (and on time). */
export async function objectionCounts(db: Db, prefix: string, from: string, to: string, today: string) {
  return db
    .selectFrom('credit_objections as o')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'o.enterprise_id')
    .where('e.region_code', 'like', `${prefix}%`)
    .select(sql<number>`count(*) filter (where o.state = 'open')::int`.as('open'))
    .select(
      sql<number>`count(*) filter (where o.state = 'open' and o.due_on < ${today}::date)::int`.as(
        'openOverdue',
      ),
    )
    .select(
      sql<number>`count(*) filter (where o.state <> 'open'
        and (o.answered_at at time zone 'UTC' + interval '8 hours')::date between ${from}::date and ${to}::date)::int`.as(
        'answered',
      ),
    )
    .select(
      sql<number>`count(*) filter (where o.state <> 'open'
        and (o.answered_at at time zone 'UTC' + interval '8 hours')::date between ${from}::date and ${to}::date
        and (o.answered_at at time zone 'UTC' + interval '8 hours')::date <= o.due_on)::int`.as(
        'answeredOnTime',
      ),
    )
    .executeTakeFirstOrThrow();
}

/** The published scorecard, if any. */
export function publishedScorecard(db: Db) {
  return db
    .selectFrom('credit_scorecards')
    .select(['id', 'name', 'version'])
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/**
 * Scores under a scorecard of the region's enterprises by county, size class (the 2011 standard, of `sizeYear`)
 * and industry section, per grade. Active enterprises only: a cancelled or revoked enterprise keeps the last score
 * it was given (the jobs score active enterprises and delete nothing) but leaves the statistics.
 */
export async function gradeCounts(db: Db, scorecardId: number, prefix: string, sizeYear: number) {
  const { rows } = await sql<{
    regionCode: string;
    size: string | null;
    section: string | null;
    grade: string;
    count: number;
  }>`
    select e.region_code as "regionCode", z.size, left(e.industry_code, 1) as section, s.grade,
      count(*)::int as count
    from credit_scores s
    join ${enterpriseFactsSql.enterprises()} e on e.id = s.enterprise_id
    left join ${enterpriseFactsSql.sizes('cn-2011', sizeYear)} z on z.enterprise_id = s.enterprise_id
    where s.scorecard_id = ${scorecardId} and e.region_code like ${`${prefix}%`} and e.status = 'active'
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4`.execute(db);
  return rows;
}
