/**
 * The steps of issue 21's figures, shared by bench/matching.ts (one PostgreSQL) and bench/citus.ts (beside
 * Citus): from the state a first run and a rescan leave on `date`, the next day's due run with nothing changed,
 * 1% of the enterprises reporting new figures (their enterprise-match job), and the busiest policy amended with a
 * tighter rule (the policy-match job its publication queues). The changed figures are put back at the end.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/server/db/schema.ts';
import {
  type DueResult,
  type MatchResult,
  matchDue,
  matchPolicies,
} from '../src/server/modules/policies/index.ts';

/** The day after the benches' matching date. */
export const NEXT_DAY = '2026-07-01';

export interface DueSteps {
  quiet: { seconds: number; result: DueResult };
  onePercent: { seconds: number; result: MatchResult; enterprises: number };
  amended: { seconds: number; result: MatchResult };
}

async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { seconds: (performance.now() - started) / 1000, result };
}

export async function runDueSteps(db: Kysely<Database>, lanes: number): Promise<DueSteps> {
  // The steady state the steps start from: autovacuum has processed the first run's new matches and notices (in
  // a deployment they were stored long before). Left to itself it would work through them during the timed
  // steps, on the same cores.
  await sql`vacuum analyze policy_matches, notifications, notification_deliveries, policy_match_candidates`.execute(
    db,
  );
  // The next day's due run with no change (the policies' dates lie elsewhere; anniversaries of the day are due if
  // a rule reads age).
  const quiet = await timed(() => matchDue(db, NEXT_DAY, { lanes }));
  // 1% of the enterprises report new 2025 figures; their enterprise-match job (as a write or an import queues it).
  const { rows: changedRows } = await sql<{ enterprise_id: number }>`
    update enterprise_figures set operating_revenue = operating_revenue + 500, employees = employees + 7
    where year = 2025 and is_current and enterprise_id % 100 = 37
    returning enterprise_id`.execute(db);
  const changedIds = changedRows.map((r) => r.enterprise_id);
  const onePercent = await timed(() =>
    matchPolicies(db, null, { enterpriseIds: changedIds }, NEXT_DAY, { lanes }),
  );
  // The policy with the most matches amended: a new version with a tighter threshold (as the editing service
  // stores it), then the policy-match job its publication queues (every match kept moves to the new version).
  const { rows: busiest } = await sql<{ policy_id: number }>`
    select policy_id from policy_matches group by policy_id order by count(*) desc limit 1`.execute(db);
  const amendedId = busiest[0]?.policy_id as number;
  await sql`
    insert into policy_versions (policy_id, version, definition, title_zh, title_en, issuer, document_number,
      issued_on, effective_from, expires_on, regions, method, topics, sizes, is_demo, search_terms, change_note)
    select policy_id, version + 1,
      jsonb_set(definition, '{rule}', jsonb_build_object('all', jsonb_build_array(definition->'rule',
        jsonb_build_object('compare', jsonb_build_array(jsonb_build_object('fact', 'employees'), '<', 250))))),
      title_zh, title_en, issuer, document_number, issued_on, effective_from, expires_on, regions, method, topics,
      sizes, is_demo, search_terms, '基准修订'
    from policy_versions v where policy_id = ${amendedId}
      and version = (select current_version from policies where id = ${amendedId})`.execute(db);
  await sql`update policies set current_version = current_version + 1 where id = ${amendedId}`.execute(db);
  const amended = await timed(() => matchPolicies(db, [amendedId], { all: true }, NEXT_DAY, { lanes }));
  // The changed figures back as they were, for the next run.
  await sql`update enterprise_figures set operating_revenue = operating_revenue - 500, employees = employees - 7
    where year = 2025 and is_current and enterprise_id % 100 = 37`.execute(db);
  return { quiet, onePercent: { ...onePercent, enterprises: changedIds.length }, amended };
}
