/**
 * Whole-registry matching (issue 4 figure: 1,000,000 enterprises × 100 published policies on PostgreSQL in ≤ 60 s),
 * as far as it exists: the 100 rules compiled into ONE scan of the registry that stores, per enterprise, the
 * policies it qualifies for and those it may (unknown), beside the straightforward peer — one query per policy —
 * from the same run. The durable matching job and its tables are not built yet (see the closing note).
 *
 * Uses the database `huiqi_bench_import` that `bench/import.ts` leaves behind (1,000,000 enterprises); run that
 * first. Usage: npx tsx bench/matching.ts [--policies 100]
 */
import { type Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { compileRules } from '../src/server/modules/policies/eligibility.sql.ts';
import { policyRules } from './policy-rules.ts';

const args = process.argv.slice(2);
const policiesIndex = args.indexOf('--policies');
const POLICIES = policiesIndex >= 0 ? Number(args[policiesIndex + 1]) : 100;
const DATE = '2026-06-30';
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const url = new URL(base);
url.pathname = '/huiqi_bench_import';

const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
// biome-ignore lint/suspicious/noExplicitAny: the benchmark's own tables are not in the schema types
const db: Kysely<any> = new (await import('kysely')).Kysely({ dialect: new PostgresDialect({ pool }) });
const { rows: countRows } = await sql<{ n: number }>`select count(*)::int as n from enterprises`.execute(db);
const enterprises = countRows[0]?.n ?? 0;
if (enterprises < 100_000) {
  console.error(`huiqi_bench_import holds ${enterprises} enterprises; run npx tsx bench/import.ts first.`);
  process.exit(1);
}

const rules = policyRules(POLICIES, 7).map((rule) => ({ rule }));
const { conditions, joins } = compileRules(rules, DATE);

// Ours: one scan, every policy evaluated per enterprise, the answers stored as two arrays of policy numbers.
await sql`drop table if exists bench_matches`.execute(db);
await sql`create table bench_matches (enterprise_id bigint primary key, eligible int2[] not null, unknown int2[] not null)`.execute(
  db,
);
// Each rule evaluated once per enterprise (a lateral row of answers), then gathered into the two arrays.
const answers = sql.join(
  conditions.map((c, i) => sql`${c} as ${sql.ref(`r${i + 1}`)}`),
  sql`, `,
);
const eligibleArray = sql.join(
  conditions.map((_, i) => sql`case when a.${sql.ref(`r${i + 1}`)} then ${i + 1}::int2 end`),
  sql`, `,
);
const unknownArray = sql.join(
  conditions.map((_, i) => sql`case when a.${sql.ref(`r${i + 1}`)} is null then ${i + 1}::int2 end`),
  sql`, `,
);
let started = performance.now();
const stored = await sql`
  insert into bench_matches (enterprise_id, eligible, unknown)
  select e.id, array_remove(array[${eligibleArray}], null), array_remove(array[${unknownArray}], null)
  from enterprises e ${joins}
  cross join lateral (select ${answers} offset 0) as a`.execute(db);
const oursSeconds = (performance.now() - started) / 1000;
const { rows: totals } = await sql<{ eligible: number; unknown: number }>`
  select coalesce(sum(cardinality(eligible)), 0)::int8 as eligible, coalesce(sum(cardinality(unknown)), 0)::int8 as unknown
  from bench_matches`.execute(db);

// Peer: one query per policy, each a scan of the registry, counting only (storing nothing).
started = performance.now();
let peerEligible = 0;
for (const { rule } of rules) {
  const one = compileRules([{ rule }], DATE);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int8 as n from enterprises e ${one.joins} where ${one.conditions[0]}`.execute(db);
  peerEligible += Number(rows[0]?.n ?? 0);
}
const peerSeconds = (performance.now() - started) / 1000;
await sql`drop table bench_matches`.execute(db);
await db.destroy();

console.log(`${enterprises} enterprises × ${POLICIES} policies, evaluated on ${DATE} (PostgreSQL)\n`);
console.log(`${'run'.padEnd(66)} ${'seconds'.padStart(8)} ${'eligible'.padStart(10)}`);
console.log(
  `${'peer: one query per policy (counts only, nothing stored)'.padEnd(66)} ${peerSeconds.toFixed(1).padStart(8)} ${String(peerEligible).padStart(10)}`,
);
console.log(
  `${`huiqi: one scan, ${Number(stored.numAffectedRows ?? 0)} rows of answers stored`.padEnd(66)} ${oursSeconds.toFixed(1).padStart(8)} ${String(totals[0]?.eligible ?? 0).padStart(10)}`,
);
console.log(`\n(unknown answers: ${totals[0]?.unknown ?? 0}; the counts of eligible must be equal)`);
console.log(`Whole registry × ${POLICIES} policies: ${oursSeconds.toFixed(1)} s (target ≤ 60 s)`);
console.log(
  oursSeconds <= 60 && Number(totals[0]?.eligible) === peerEligible ? 'TARGET MET' : 'TARGET NOT MET',
);
