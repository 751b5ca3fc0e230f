/**
 * Figure (issue 16, measure 3): a stratified panel of 10,000 drawn from 1,000,000 enterprises in ≤ 5 s on
 * PostgreSQL, beside one query per stratum measured in the same run.
 *
 * - Data: `huiqi_bench_monitoring` (bench/monitoring-data.ts builds or reuses it): 1,000,000 enterprises across the
 *   31 provinces' counties, industries across the GB/T 4754 sections, sizes of 2025 as the import classified them.
 * - Ours: the module's `drawPanel` for a national survey of its own (`bench-panel`), proportional allocation: the
 *   frame's strata (SMEDI industry × province × size) counted, the allocation (largest remainder), the draw row,
 *   every stratum's first n_h enterprises in the seeded order (md5 of seed and id) inserted as members with their
 *   design weights, the audit entry — one transaction, commit included. `--runs` draws with seeds bench-1, bench-2, …,
 *   each from an empty panel (the previous draw's members and draw removed after it). Every statement is timed.
 * - Peer, same run: the same strata counted and allocated (the same GROUP BY and the module's `allocate`), then one
 *   statement per stratum — `insert … select … from the frame where industry, province and size are the stratum's
 *   order by random() limit n_h` — into a second survey's panel (`bench-panel-peer`), one transaction. When the
 *   strata take more than `--peer-seconds` the rest is extrapolated from the strata done (in a seeded random order).
 * Both panels' make-up by stratum is compared (they must be the same: same frame, same allocation).
 *
 * Usage: npx tsx bench/monitoring-panel.ts [--sample 10000] [--runs 5] [--peer-seconds 300]
 */
import os from 'node:os';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import { prng } from '../src/server/modules/demo/index.ts';
import {
  allocate,
  createSurvey,
  designWeight,
  drawPanel,
  frameSql,
} from '../src/server/modules/monitoring/index.ts';
import { latestSizeYear } from '../src/server/modules/registry/index.ts';
import { percentile, printFigures } from './financing-data.ts';
import { numberOption } from './lib.ts';
import {
  adminCaller,
  BENCH_QUESTIONS,
  backendCpu,
  buildMonitoringBenchDatabase,
  cpuUsed,
  printSteps,
  StatementTimer,
  type Step,
  setBenchAuditKey,
} from './monitoring-data.ts';

const SAMPLE = numberOption('sample', 10_000);
const RUNS = numberOption('runs', 5);
const PEER_SECONDS = numberOption('peer-seconds', 300);

const built = await buildMonitoringBenchDatabase();
setBenchAuditKey();
const handle = await openDatabase({ databaseUrl: built.url, dataDir: '', poolSize: 4 });
const db = handle.db;
await migrateToLatest(db);
const caller = adminCaller();

/** A national survey of the benchmark's own (made once, its panel emptied before each draw). */
async function benchSurvey(code: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    select id from monitoring_surveys where region_code = '' and code = ${code}`.execute(db);
  if (rows[0]) return Number(rows[0].id);
  const survey = await createSurvey(db, caller, {
    code,
    nameZh: `全国中小企业样本抽取（基准 ${code}）`,
    frequency: 'monthly',
    regionCode: '',
    questions: BENCH_QUESTIONS,
  });
  return survey.id;
}
async function emptyPanel(surveyId: number) {
  await sql`delete from monitoring_panel_members where survey_id = ${surveyId}`.execute(db);
  await sql`delete from monitoring_draws where survey_id = ${surveyId}`.execute(db);
}
const oursSurvey = await benchSurvey('bench-panel');
const peerSurvey = await benchSurvey('bench-panel-peer');
await emptyPanel(oursSurvey);
await emptyPanel(peerSurvey);
await sql`vacuum analyze monitoring_panel_members, monitoring_draws`.execute(db);
const sizeYear = (await latestSizeYear(db)) as number;
// The registry into the cache, for ours and the peer alike.
await sql`select count(*) from ${frameSql('', sizeYear)} f`.execute(db);

// ---- Ours

interface OurRun {
  seconds: number;
  dbCpu: number | null;
  nodeCpu: number;
  steps: Step[];
  frame: number;
  strata: number;
}
const ourRuns: OurRun[] = [];
const loadBefore = os.loadavg() as [number, number, number];
for (let i = 1; i <= RUNS; i++) {
  const timer = new StatementTimer();
  const cpuBefore = await backendCpu(db);
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  const draw = await drawPanel(db.withPlugin(timer) as Kysely<Database>, caller, oursSurvey, {
    sampleSize: SAMPLE,
    allocation: 'proportional',
    seed: `bench-${i}`,
  });
  const seconds = (performance.now() - started) / 1000;
  const node = process.cpuUsage(nodeBefore);
  ourRuns.push({
    seconds,
    dbCpu: cpuUsed(cpuBefore, await backendCpu(db)),
    nodeCpu: (node.user + node.system) / 1e6,
    steps: timer.steps,
    frame: draw.frame,
    strata: draw.strata.filter((s) => s.sample > 0).length,
  });
  if (i < RUNS) await emptyPanel(oursSurvey);
}

// ---- The peer: the same strata and allocation, then one `order by random() limit n_h` per stratum.

async function peer(budgetSeconds: number) {
  const started = performance.now();
  return db.transaction().execute(async (trx) => {
    const { rows: strata } = await sql<{
      industry: string;
      region: string;
      size: string;
      frame: number;
      revenue: string;
    }>`
      select industry, region, size, count(*)::int as frame, trim_scale(sum(revenue)::numeric)::text as revenue
      from ${frameSql('', sizeYear)} f group by 1, 2, 3 order by 1, 2, 3`.execute(trx);
    const samples = allocate(
      strata.map((s) => ({ key: `${s.industry}|${s.region}|${s.size}`, frame: s.frame, revenue: s.revenue })),
      SAMPLE,
      'proportional',
    );
    const { rows: drawRows } = await sql<{ id: number }>`
      insert into monitoring_draws (survey_id, seed, sample_size, allocation, size_year, frame, drawn, strata,
        created_by)
      values (${peerSurvey}, 'random()', ${SAMPLE}, 'proportional', ${sizeYear},
        ${strata.reduce((s, x) => s + x.frame, 0)}, ${SAMPLE}, '[]', 1) returning id`.execute(trx);
    const drawId = Number(drawRows[0]?.id);
    const taken = strata.map((s, i) => ({ ...s, sample: samples[i] ?? 0 })).filter((s) => s.sample > 0);
    const random = prng(5);
    for (let k = taken.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [taken[k], taken[j]] = [taken[j] as (typeof taken)[number], taken[k] as (typeof taken)[number]];
    }
    const strataStarted = performance.now();
    let done = 0;
    for (const s of taken) {
      if (done > 0 && (performance.now() - started) / 1000 > budgetSeconds) break;
      await sql`
        insert into monitoring_panel_members (enterprise_id, survey_id, industry, region_code, size, design_weight,
          draw_id, draw_rank, state, joined_on)
        select x.id, ${peerSurvey}, ${s.industry}, ${s.region}, ${s.size}, ${designWeight(s.frame, s.sample)}::numeric,
          ${drawId}, row_number() over (), 'active', current_date
        from (select f.id from ${frameSql('', sizeYear)} f
          where f.industry = ${s.industry} and f.region = ${s.region} and f.size = ${s.size}
          order by random() limit ${s.sample}) x`.execute(trx);
      done++;
    }
    const strataSeconds = (performance.now() - strataStarted) / 1000;
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds,
      estimated:
        done < taken.length ? seconds - strataSeconds + (strataSeconds * taken.length) / done : seconds,
      strata: taken.length,
      done,
      perStratumMs: (strataSeconds * 1000) / done,
    };
  });
}
const peerCpuBefore = await backendCpu(db);
const peerRun = await peer(PEER_SECONDS);
const peerDbCpu = cpuUsed(peerCpuBefore, await backendCpu(db));
const loadAfter = os.loadavg() as [number, number, number];

// Both panels' make-up by stratum (the peer's strata it reached).
const { rows: makeup } = await sql<{
  survey_id: number;
  industry: string;
  region_code: string;
  size: string;
  n: number;
}>`
  select survey_id, industry, region_code, size, count(*)::int as n from monitoring_panel_members
  where survey_id in (${oursSurvey}, ${peerSurvey}) and state = 'active' group by 1, 2, 3, 4`.execute(db);
const oursBy = new Map<string, number>();
const peerBy = new Map<string, number>();
for (const r of makeup)
  (Number(r.survey_id) === oursSurvey ? oursBy : peerBy).set(`${r.industry}|${r.region_code}|${r.size}`, r.n);
let differ = 0;
for (const [k, n] of peerBy) if (oursBy.get(k) !== n) differ++;
const oursTotal = [...oursBy.values()].reduce((s, n) => s + n, 0);
const peerTotal = [...peerBy.values()].reduce((s, n) => s + n, 0);
await emptyPanel(peerSurvey);
await handle.close();

const last = ourRuns.at(-1) as OurRun;
const times = ourRuns.map((r) => r.seconds).sort((a, b) => a - b);
const median = percentile(times, 50);
console.log(
  `\nA panel of ${SAMPLE.toLocaleString('en')} from ${built.enterprises.toLocaleString('en')} enterprises: a frame of ${last.frame.toLocaleString('en')} (active SMEs of the SMEDI industries with a size class of ${sizeYear}), ${last.strata} strata drawn from (PostgreSQL)\n`,
);
const cpu = (x: number | null) => (x === null ? '—' : x.toFixed(2));
console.log(
  `${'run'.padEnd(64)} ${'seconds'.padStart(8)} ${'db CPU s'.padStart(9)} ${'node CPU s'.padStart(10)}`,
);
for (const [i, r] of ourRuns.entries())
  console.log(
    `${`ours: drawPanel, seed bench-${i + 1} (commit included)`.padEnd(64)} ${r.seconds.toFixed(2).padStart(8)} ${cpu(r.dbCpu).padStart(9)} ${r.nodeCpu.toFixed(2).padStart(10)}`,
  );
console.log(
  `${`peer: one query per stratum${peerRun.done < peerRun.strata ? ` (${peerRun.done} of ${peerRun.strata}, extrapolated)` : ''}`.padEnd(64)} ${peerRun.estimated.toFixed(2).padStart(8)} ${cpu(peerDbCpu).padStart(9)}`,
);
console.log(
  "  db CPU: the database backends of this benchmark (parallel workers not counted; the peer's: of the strata it did)",
);
console.log(`  the peer's strata: ${peerRun.perStratumMs.toFixed(0)} ms each on average`);
console.log('\nWhere ours goes (the last run), statement by statement:');
printSteps(last.steps, last.seconds * 1000, 'in the process (allocation, audit HMAC) and the commit');
console.log(
  `\nOurs drew ${oursTotal}, the peer ${peerTotal} in the ${peerBy.size} strata it reached; strata whose counts differ: ${differ}.`,
);
console.log(
  `Load average (1, 5 min) on ${os.cpus().length} cores: ${loadBefore[0].toFixed(1)}, ${loadBefore[1].toFixed(1)} before; ${loadAfter[0].toFixed(1)}, ${loadAfter[1].toFixed(1)} after (other work on this machine).`,
);
printFigures([
  {
    figure: `draw a panel of ${SAMPLE.toLocaleString('en')} from ${built.enterprises.toLocaleString('en')}: median of ${RUNS} (best)`,
    ours: `${median.toFixed(2)} s (${(times[0] ?? 0).toFixed(2)})`,
    peer: `${peerRun.estimated.toFixed(1)} s${peerRun.done < peerRun.strata ? ' (extrapolated)' : ''}`,
    target: '≤ 5 s, same make-up',
    met: median <= 5 && differ === 0 && oursTotal === SAMPLE,
  },
]);
