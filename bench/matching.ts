/**
 * Figures (issue 4): whole-registry matching — 1,000,000 enterprises × 100 published policies on PostgreSQL in
 * ≤ 60 s; and (issue 21) the work driven by what changed, beside a full rescan from the same run: the next day's
 * due run with no change ≤ 1 s, 1% of the enterprises' figures changed ≤ 3 s, one policy amended ≤ 5 s. "Ours" is the matching job itself (`matchPolicies`: the 100 rules compiled over one scan, matches
 * compared with the stored ones, new ones stored with their version and notified, with email/SMS deliveries);
 * the peer, from the same run, is the straightforward way: one INSERT … SELECT per policy into a table of matches
 * (no comparison, no notices). A second run of ours, with nothing changed (the nightly re-match), is shown too.
 *
 * Uses the database `huiqi_bench_import` that `bench/import.ts` leaves behind (1,000,000 enterprises); run that
 * first. Usage: npx tsx bench/matching.ts [--policies 100]
 */
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { compileRules, matchAll, matchDue, matchPolicies } from '../src/server/modules/policies/index.ts';
import { publishBenchPolicies } from './policy-rules.ts';

const args = process.argv.slice(2);
const policiesIndex = args.indexOf('--policies');
const POLICIES = policiesIndex >= 0 ? Number(args[policiesIndex + 1]) : 100;
const DATE = '2026-06-30';
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const url = new URL(base);
url.pathname = '/huiqi_bench_import';

// The platform's own connection (its type parsers: dates as 'YYYY-MM-DD', int8 as numbers).
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
const db = handle.db;
const { rows: countRows } = await sql<{ n: number }>`select count(*)::int as n from enterprises`.execute(db);
const enterprises = countRows[0]?.n ?? 0;
if (enterprises < 100_000) {
  console.error(`huiqi_bench_import holds ${enterprises} enterprises; run npx tsx bench/import.ts first.`);
  process.exit(1);
}
await migrateToLatest(db);

// A clean library of POLICIES published policies (policy-like generated rules; half national, half regional).
const { ids, rules } = await publishBenchPolicies(db, POLICIES);
await sql`analyze`.execute(db);

// Peer: one INSERT … SELECT per policy into a plain table of matches.
await sql`drop table if exists bench_peer_matches`.execute(db);
await sql`create table bench_peer_matches (policy_id int not null, enterprise_id bigint not null, primary key (policy_id, enterprise_id))`.execute(
  db,
);
let started = performance.now();
let peerMatches = 0;
for (const [i, rule] of rules.entries()) {
  const one = compileRules([{ rule }], DATE);
  const result = await sql`
    insert into bench_peer_matches (policy_id, enterprise_id)
    select ${ids[i]}::int, e.id from enterprises e ${one.joins} where e.status = 'active' and ${one.conditions[0]}`.execute(
    db,
  );
  peerMatches += Number(result.numAffectedRows ?? 0);
}
const peerSeconds = (performance.now() - started) / 1000;

// Ours: the matching job, first run (every match new: stored and notified) and a re-run with nothing changed.
started = performance.now();
const first = await matchPolicies(db, null, { all: true }, DATE, { lanes: 2 });
const firstSeconds = (performance.now() - started) / 1000;
started = performance.now();
const second = await matchAll(db, DATE, { lanes: 2 });
const secondSeconds = (performance.now() - started) / 1000;

// The steady state the issue-21 steps start from: autovacuum has processed the first run's 860,000 new matches
// and notices (in a deployment they were stored long before). Left to itself it would work through them during
// the timed steps below, on the same two cores.
await sql`vacuum analyze policy_matches, notifications, notification_deliveries, policy_match_candidates`.execute(db);

// Issue 21. The next day's due run with no change (the policies' dates lie elsewhere; anniversaries of the day
// are due if a rule reads age).
const NEXT_DAY = '2026-07-01';
started = performance.now();
const quiet = await matchDue(db, NEXT_DAY, { lanes: 2 });
const quietSeconds = (performance.now() - started) / 1000;
// 1% of the enterprises report new 2025 figures; their enterprise-match job (as a write or an import queues it).
const { rows: changedRows } = await sql<{ enterprise_id: number }>`
  update enterprise_figures set operating_revenue = operating_revenue + 500, employees = employees + 7
  where year = 2025 and is_current and enterprise_id % 100 = 37
  returning enterprise_id`.execute(db);
const changedIds = changedRows.map((r) => r.enterprise_id);
started = performance.now();
const onePercent = await matchPolicies(db, null, { enterpriseIds: changedIds }, NEXT_DAY, { lanes: 2 });
const onePercentSeconds = (performance.now() - started) / 1000;
// The policy with the most matches amended: a new version with a tighter threshold (as the editing service
// stores it), then the policy-match job its publication queues (every match kept moves to the new version).
const { rows: busiest } = await sql<{ policy_id: number }>`
  select policy_id from policy_matches group by policy_id order by count(*) desc limit 1`.execute(db);
const amendedId = busiest[0]?.policy_id ?? (ids[0] as number);
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
started = performance.now();
const amended = await matchPolicies(db, [amendedId], { all: true }, NEXT_DAY, { lanes: 2 });
const amendedSeconds = (performance.now() - started) / 1000;

await sql`drop table bench_peer_matches`.execute(db);
// The changed figures back as they were, for the next run.
await sql`update enterprise_figures set operating_revenue = operating_revenue - 500, employees = employees - 7
  where year = 2025 and is_current and enterprise_id % 100 = 37`.execute(db);
await sql`truncate notification_deliveries, notifications, policy_matches, jobs, job_cursors`.execute(db);
await handle.close();

const line = (label: string, seconds: number, matches: number, notes: string) =>
  console.log(
    `${label.padEnd(62)} ${seconds.toFixed(1).padStart(8)} ${String(matches).padStart(11)}  ${notes}`,
  );
console.log(`${enterprises} enterprises × ${POLICIES} published policies, matched on ${DATE} (PostgreSQL)\n`);
console.log(`${'run'.padEnd(62)} ${'seconds'.padStart(8)} ${'matches'.padStart(11)}`);
line('peer: one INSERT … SELECT per policy (stores matches only)', peerSeconds, peerMatches, '');
line(
  'huiqi matching job, first run (all new)',
  firstSeconds,
  first.matched,
  `${first.added} stored, ${first.notified} notified`,
);
line(
  'huiqi full rescan (huiqi match --all), nothing changed',
  secondSeconds,
  second.matched,
  `${second.added} added, ${second.removed} removed`,
);
console.log(`\nWhole registry × ${POLICIES} policies: ${firstSeconds.toFixed(1)} s (target ≤ 60 s)`);

console.log(
  `\nDriven by what changed (issue 21), each beside the full rescan above (${secondSeconds.toFixed(1)} s):`,
);
const cases = [
  {
    label: `next day's due run, no change (${quiet.enterprisesDue} enterprises due)`,
    seconds: quietSeconds,
    target: 1,
    notes: `${quiet.policiesDue} policies due, ${quiet.added} added, ${quiet.removed} removed`,
  },
  {
    label: `1% of enterprises changed (${changedIds.length.toLocaleString('en')})`,
    seconds: onePercentSeconds,
    target: 3,
    notes: `${onePercent.added} added, ${onePercent.removed} removed`,
  },
  {
    label: 'one policy amended (new version, tighter rule)',
    seconds: amendedSeconds,
    target: 5,
    notes: `${amended.matched} matches now (moved to the new version), ${amended.removed} removed`,
  },
  { label: 'full rescan', seconds: secondSeconds, target: 60, notes: '' },
];
for (const c of cases)
  console.log(
    `${c.label.padEnd(62)} ${c.seconds.toFixed(2).padStart(8)}  ≤ ${c.target} s  ${(c.seconds / secondSeconds).toFixed(3)}× of a rescan  ${c.notes}`,
  );
const met = firstSeconds <= 60 && first.matched === peerMatches && cases.every((c) => c.seconds <= c.target);
console.log(met ? 'TARGET MET' : 'TARGET NOT MET');
