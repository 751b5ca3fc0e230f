/**
 * Figure (issue 15): match 100,000 open demands × 1,000 products in a job, ≤ 60 s on PostgreSQL.
 *
 * - Data: `huiqi_bench_financing` (bench/financing-data.ts builds or reuses it): 200,000 enterprises in Jiangsu's
 *   counties, 1,000 published products of 20 banks, 1,000,000 demands of which the newest 100,000 are open or in
 *   progress (with the profile columns the service writes), their responses.
 * - Ours: the job itself, `matchAllDemands(db, day)` (the `financing-match` job's `{ all: true }`): open demands a
 *   slice at a time, their enterprises' facts read together, `matchOne` over the compiled index, each slice's pairs
 *   replaced set-based in one transaction. Timed from an empty `financing_matches` (after a bulk load) and again with
 *   every pair there (each replaced: the nightly rerun after a product change).
 * - Peer, same run: matching one demand at a time the straightforward way — per demand, its enterprise's facts
 *   (`loadEnterpriseFacts([id])`), `productFit` against every published product, then its pairs deleted and
 *   inserted in a transaction (`replaceMatches`); two demands at a time (one per core), on a sample of `--sample`
 *   open demands spread over the table, extrapolated to all of them (as bench/credit-scoring.ts does). The peer
 *   writes the same pairs the job wrote: the pairs of the sample must agree (mismatches printed, must be 0).
 *
 * Usage: npx tsx bench/financing-match-job.ts [--enterprises 200000] [--products 1000] [--demands 100000]
 *   [--history 1000000] [--bank-responses 5000] [--sample 1000]
 */
import os from 'node:os';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import {
  type DemandRow,
  fitDemandOf,
  fitProductOf,
  matchAllDemands,
  productFit,
  publishedProducts,
  replaceMatches,
} from '../src/server/modules/financing/index.ts';
import { loadEnterpriseFacts } from '../src/server/modules/registry/index.ts';
import {
  buildFinancingBenchDatabase,
  FINANCING_BENCH_DAY,
  printFigures,
  sizesFromArgs,
} from './financing-data.ts';
import { numberOption } from './lib.ts';

const SAMPLE = numberOption('sample', 1000);
const DAY = FINANCING_BENCH_DAY;

const built = await buildFinancingBenchDatabase(sizesFromArgs());
const handle = await openDatabase({ databaseUrl: built.url, dataDir: '', poolSize: 4 });
const db = handle.db;

// Ours: from an empty table (every pair new), then again (every pair replaced).
await sql`truncate financing_matches`.execute(db);
await sql`vacuum analyze financing_matches`.execute(db);
const loadBefore = os.loadavg()[0] as number;
let started = performance.now();
const first = await matchAllDemands(db, DAY);
const firstSeconds = (performance.now() - started) / 1000;
started = performance.now();
const second = await matchAllDemands(db, DAY);
const secondSeconds = (performance.now() - started) / 1000;
const loadAfter = os.loadavg()[0] as number;
const { rows: outcomes } = await sql<{ outcome: string; n: number }>`
  select 'eligible' as outcome, count(*)::int as n from financing_matches`.execute(db);

// Peer: one demand at a time, on a sample spread over the open demands.
const products = (await publishedProducts(db)).map((p) => ({
  id: p.id,
  institutionId: p.institution_id,
  fit: fitProductOf(p),
}));
const { rows: sample } = await sql<
  Pick<
    DemandRow,
    'enterprise_id' | 'id' | 'term_months' | 'collateral' | 'amount' | 'max_rate' | 'created_at'
  >
>`
  select enterprise_id, id, term_months, collateral, created_at, trim_scale(amount)::text as amount,
    trim_scale(max_rate)::text as max_rate
  from financing_demands where state in ('open', 'in_progress')
  order by (id * 2654435761) % 1000003 limit ${SAMPLE}`.execute(db);
const key = (enterpriseId: number, demandId: number) => `${enterpriseId}/${demandId}`;
const stored = new Map<string, Set<string>>();
const { rows: storedRows } = await sql<{
  enterprise_id: number;
  demand_id: number;
  product_id: number;
}>`
  select m.enterprise_id, m.demand_id, m.product_id from financing_matches m
  join unnest(${sample.map((d) => d.enterprise_id)}::bigint[], ${sample.map((d) => d.id)}::bigint[])
    as s(enterprise_id, demand_id) on m.enterprise_id = s.enterprise_id and m.demand_id = s.demand_id`.execute(
  db,
);
for (const r of storedRows) {
  const k = key(r.enterprise_id, r.demand_id);
  const set = stored.get(k) ?? new Set<string>();
  set.add(`${r.product_id}:eligible`);
  stored.set(k, set);
}
let mismatches = 0;
let peerPairs = 0;
let next = 0;
started = performance.now();
const worker = async () => {
  while (next < sample.length) {
    const d = sample[next++] as (typeof sample)[number];
    const facts = (await loadEnterpriseFacts(db, [d.enterprise_id])).get(d.enterprise_id);
    const matches: { productId: number; institutionId: number; outcome: 'eligible' | 'near' }[] = [];
    if (facts) {
      const demand = fitDemandOf(d);
      for (const p of products) {
        const fit = productFit(p.fit, facts, demand, DAY);
        if (fit.outcome === 'eligible')
          matches.push({ productId: p.id, institutionId: p.institutionId, outcome: 'eligible' });
      }
    }
    await db.transaction().execute((trx) => replaceMatches(trx, d, matches));
    peerPairs += matches.length;
    const ours = stored.get(key(d.enterprise_id, d.id)) ?? new Set<string>();
    if (ours.size !== matches.length || matches.some((m) => !ours.has(`${m.productId}:${m.outcome}`)))
      mismatches++;
  }
};
await Promise.all([worker(), worker()]);
const peerSampleSeconds = (performance.now() - started) / 1000;
const peerSeconds = (peerSampleSeconds * first.demands) / Math.max(1, sample.length);
await handle.close();

const s = built.sizes;
console.log(
  `\n${s.enterprises.toLocaleString('en')} enterprises, ${products.length.toLocaleString('en')} published products, ${first.demands.toLocaleString('en')} open demands of ${s.history.toLocaleString('en')}; matched on ${DAY} (PostgreSQL)`,
);
console.log(
  `Pairs: ${outcomes.map((o) => `${o.n.toLocaleString('en')} ${o.outcome}`).join(', ')} (${(first.pairs / Math.max(1, first.demands)).toFixed(1)} a demand).\n`,
);
const line = (label: string, seconds: number, demands: number, pairs: number, notes = '') =>
  console.log(
    `${label.padEnd(70)} ${seconds.toFixed(1).padStart(8)} ${String(demands).padStart(9)} ${String(pairs).padStart(10)}  ${notes}`,
  );
console.log(`${'run'.padEnd(70)} ${'seconds'.padStart(8)} ${'demands'.padStart(9)} ${'pairs'.padStart(10)}`);
line(
  `peer: per demand (facts, fit × ${products.length}, write), ${sample.length} sampled, extrapolated`,
  peerSeconds,
  first.demands,
  Math.round((peerPairs * first.demands) / Math.max(1, sample.length)),
  `${peerSampleSeconds.toFixed(1)} s for the sample, ${((peerSampleSeconds * 1000) / Math.max(1, sample.length)).toFixed(2)} ms each`,
);
line('huiqi matchAllDemands, from an empty table (all pairs new)', firstSeconds, first.demands, first.pairs);
line('huiqi matchAllDemands, again (every pair replaced)', secondSeconds, second.demands, second.pairs);
console.log(`\nPeer and job disagree on ${mismatches} of ${sample.length} sampled demands.`);
console.log(
  `Load average (1 min) on ${os.cpus().length} cores: ${loadBefore.toFixed(1)} before the job, ${loadAfter.toFixed(1)} after (other work on this machine).`,
);
printFigures([
  {
    figure: `${first.demands.toLocaleString('en')} open demands × ${products.length.toLocaleString('en')} products, a job (first run; rerun)`,
    ours: `${firstSeconds.toFixed(1)} s; ${secondSeconds.toFixed(1)} s`,
    peer: `${peerSeconds.toFixed(0)} s (extrapolated)`,
    target: '≤ 60 s, 0 mismatches',
    met: firstSeconds <= 60 && secondSeconds <= 60 && mismatches === 0,
  },
]);
