/**
 * Figure (issue 16, measure 3): a wave of 100,000 responses × 40 questions computed into every index — by industry ×
 * province × size and every aggregate of them — in ≤ 5 s on PostgreSQL, beside a straightforward per-group
 * computation measured in the same run.
 *
 * - Data: `huiqi_bench_monitoring` (bench/monitoring-data.ts builds or reuses it): 1,000,000 enterprises across the
 *   31 provinces, a national survey of 40 questions (32 in the eight sub-indices, 5 PMI components, 6 numbers), a
 *   panel of 100,000 drawn by the module, the wave of 2026-05 with 100,000 accepted responses and 4,000,000 answers.
 * - Ours: the module's `computeRun(trx, waveId, userId)` in its own transaction, commit included — the cells
 *   statement (one INSERT … SELECT … GROUP BY over the answers and responses), the cells read back, `computeFigures`
 *   in the process, the figures inserted, the digest stored. Run `--runs` times (each run's rows deleted after it);
 *   every statement's time is taken by a Kysely plugin, and `computeFigures` and the digest are timed again on the
 *   same cells, so the printout says where the time goes.
 * - Peer, same run: for every group — each industry × province × size cell and every aggregate of them ('' = all;
 *   9 × 32 × 4 groups) — one SQL query over the answers joined with the responses filtered to that group, weighted
 *   counts by industry × question × level, and that group's indices computed from the result in the process with the
 *   reference arithmetic (src/reference/monitoring.ts: balance index, weighted means renormalised over the present
 *   parts, the industries' weighted mean, the pooled PMI of all industries and of each). It writes nothing (ours
 *   writes cells and figures, and works out which figures the public may not see, monitoring.rules.ts
 *   withheldFigures — the peer does not). Groups
 *   are taken in a seeded random order after the all-enterprises group; when they take more than `--peer-seconds`
 *   the rest is extrapolated from the groups done (printed as such).
 * Every figure the peer computed is compared with ours (value to six decimals and responses); the headline — the
 * overall index of all enterprises — is printed from both.
 *
 * Usage: npx tsx bench/monitoring-compute.ts [--runs 3] [--peer-seconds 900]
 */
import os from 'node:os';
import { sql } from 'kysely';
import {
  balanceIndex,
  componentDiffusion,
  formatIndex,
  PMI_COMPONENTS,
  type PmiComponentCode,
  pmiIndex,
  SMEDI_SUB_INDICES,
  weightedMean,
} from '../src/reference/monitoring.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { prng } from '../src/server/modules/demo/index.ts';
import {
  type Cell,
  computeFigures,
  computeRun,
  type Figure,
  figuresDigest,
  type IndexWeights,
  type Question,
} from '../src/server/modules/monitoring/index.ts';
import { percentile, printFigures } from './financing-data.ts';
import { numberOption } from './lib.ts';
import {
  backendCpu,
  buildMonitoringBenchDatabase,
  cpuUsed,
  MONITORING_BENCH_PERIOD,
  printSteps,
  StatementTimer,
  type Step,
  setBenchAuditKey,
} from './monitoring-data.ts';

const RUNS = numberOption('runs', 3);
const PEER_SECONDS = numberOption('peer-seconds', 900);

const built = await buildMonitoringBenchDatabase();
setBenchAuditKey();
const handle = await openDatabase({ databaseUrl: built.url, dataDir: '', poolSize: 4 });
const db = handle.db;
await migrateToLatest(db);
const waveId = built.waveId;

// Runs of earlier benchmark runs (not a release's) are removed, so every run starts from the same tables.
async function removeRun(runId: number) {
  await sql`delete from monitoring_cells where run_id = ${runId}`.execute(db);
  await sql`delete from monitoring_figures where run_id = ${runId}`.execute(db);
  await sql`delete from monitoring_runs where id = ${runId}`.execute(db);
}
{
  const { rows } = await sql<{ id: number }>`select id from monitoring_runs where wave_id = ${waveId}
    and id not in (select run_id from monitoring_releases)`.execute(db);
  for (const r of rows) await removeRun(Number(r.id));
}
await sql`vacuum analyze monitoring_answers, monitoring_responses, monitoring_cells, monitoring_figures, monitoring_runs`.execute(
  db,
);
// The answers into the cache, for ours and the peer alike.
await sql`select count(*), sum(level) from monitoring_answers where wave_id = ${waveId}`.execute(db);

// ---- Ours

interface OurRun {
  seconds: number;
  /** CPU seconds of the database's backends and of this process during the run. */
  dbCpu: number | null;
  nodeCpu: number;
  steps: Step[];
  runId: number;
  figures: Figure[];
  sha256: string;
}

async function ours(): Promise<OurRun> {
  const timer = new StatementTimer();
  const timed = db.withPlugin(timer);
  const cpuBefore = await backendCpu(db);
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  const run = await timed.transaction().execute((trx) => computeRun(trx, waveId, 1));
  const seconds = (performance.now() - started) / 1000;
  const node = process.cpuUsage(nodeBefore);
  const dbCpu = cpuUsed(cpuBefore, await backendCpu(db));
  return {
    seconds,
    dbCpu,
    nodeCpu: (node.user + node.system) / 1e6,
    steps: timer.steps,
    runId: run.id,
    figures: run.figures,
    sha256: run.sha256,
  };
}

const loadBefore = os.loadavg() as [number, number, number];
const ourRuns: OurRun[] = [];
for (let i = 0; i < RUNS; i++) {
  const r = await ours();
  ourRuns.push(r);
  if (i < RUNS - 1) await removeRun(r.runId);
}
const last = ourRuns.at(-1) as OurRun;
const { rows: cellCount } = await sql<{ n: number }>`
  select count(*)::int as n from monitoring_cells where run_id = ${last.runId}`.execute(db);

// computeFigures and the digest alone, on the last run's cells (as computeRun reads them back).
const { rows: cells } = await sql<Cell>`
  select question_code as question, industry, region_code as region, size, level,
    trim_scale(weight)::text as weight, responses
  from monitoring_cells where run_id = ${last.runId}
  order by question_code, industry, region_code, size, level`.execute(db);
const { rows: runRows } = await sql<{ survey_id: number; weights: IndexWeights }>`
  select survey_id, weights from monitoring_runs where id = ${last.runId}`.execute(db);
const runWeights = runRows[0]?.weights as IndexWeights;
const { rows: questions } = await sql<Question>`
  select code, position, text_zh as "textZh", text_en as "textEn", help_zh as "helpZh", kind, required,
    sub_index as "subIndex", direction, trim_scale(weight)::text as weight, pmi_component as "pmiComponent",
    judgement, unit, trim_scale(min_value)::text as min, trim_scale(max_value)::text as max, decimals, choices,
    registry_figure as "registryFigure"
  from monitoring_questions where survey_id = ${built.surveyId} and survey_version = 1 order by position`.execute(
  db,
);
let t0 = performance.now();
const again = computeFigures(cells, questions, runWeights);
const computeFiguresMs = performance.now() - t0;
t0 = performance.now();
const digestAgain = figuresDigest(again);
const digestMs = performance.now() - t0;
await removeRun(last.runId);

// ---- The peer: one query per group, the indices computed from its result.

/** A decimal string as integer units of 10^-6 (the weights have six decimals). */
function units(text: string): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
}

interface PeerRow {
  industry: string;
  question: string;
  level: number;
  weight: string;
  n: number;
}

type Value = { value: number | null; responses: number };

/** Σ value·weight / Σ weight over the parts with a value and a weight above 0 (none: null). */
function meanOfPresent(parts: { value: number | null; weight: string }[]): number | null {
  const present = parts.filter((p) => p.value !== null && units(p.weight) > 0n);
  if (present.length === 0) return null;
  const total = present.reduce((s, p) => s + units(p.weight), 0n);
  const totalText = `${total / 1_000_000n}.${String(total % 1_000_000n).padStart(6, '0')}`;
  return weightedMean(
    present.map((p) => p.value as number),
    present.map((p) => Number(p.weight)),
    Number(totalText),
  );
}

const text = (v: number | null) => (v === null ? null : formatIndex(v, 6));

async function peer(budgetSeconds: number) {
  const started = performance.now();
  const { rows: dims } = await sql<{ industries: string[]; regions: string[]; sizes: string[] }>`
    select array(select distinct industry from monitoring_responses where wave_id = ${waveId}
        and state in ('submitted', 'accepted') order by 1) as industries,
      array(select distinct region_code from monitoring_responses where wave_id = ${waveId}
        and state in ('submitted', 'accepted') order by 1) as regions,
      array(select distinct size from monitoring_responses where wave_id = ${waveId}
        and state in ('submitted', 'accepted') order by 1) as sizes`.execute(db);
  const { industries, regions, sizes } = dims[0] as {
    industries: string[];
    regions: string[];
    sizes: string[];
  };
  const { rows: qs } = await sql<{
    code: string;
    sub_index: string | null;
    direction: 'up_is_good' | 'down_is_good';
    weight: string | null;
    pmi_component: string | null;
  }>`
    select code, sub_index, direction, trim_scale(weight)::text as weight, pmi_component
    from monitoring_questions where survey_id = ${built.surveyId} and survey_version = 1
      and kind = 'three_level' and direction is not null
    order by position`.execute(db);
  // The national weights in force (the only ones in the benchmark's database): each kind's latest set.
  const { rows: ws } = await sql<{ kind: string; code: string; weight: string }>`
    select w.kind, w.code, trim_scale(w.weight)::text as weight from monitoring_weights w
    where w.region_code = '' and w.effective_from = (select max(x.effective_from) from monitoring_weights x
      where x.kind = w.kind and x.region_code = '' and x.effective_from <= ${'2026-05-28'}::date)`.execute(
    db,
  );
  const subWeight = new Map(ws.filter((w) => w.kind === 'sub_index').map((w) => [w.code, w.weight]));
  const industryWeight = new Map(ws.filter((w) => w.kind === 'industry').map((w) => [w.code, w.weight]));
  const subs = SMEDI_SUB_INDICES.map((s) => s.code).filter((c) => qs.some((q) => q.sub_index === c));
  const pmiQuestion = new Map(
    qs.filter((q) => q.pmi_component).map((q) => [q.pmi_component as string, q.code]),
  );

  // Groups: the all-enterprises group first (the headline), then the others in a seeded random order.
  const groups: [string, string, string][] = [];
  for (const industry of ['', ...industries])
    for (const region of ['', ...regions])
      for (const size of ['', ...sizes]) groups.push([industry, region, size]);
  const head = groups.shift() as [string, string, string];
  const random = prng(30);
  for (let k = groups.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [groups[k], groups[j]] = [groups[j] as [string, string, string], groups[k] as [string, string, string]];
  }
  groups.unshift(head);

  const figures: Figure[] = [];
  let done = 0;
  for (const [industry, region, size] of groups) {
    if (done > 0 && (performance.now() - started) / 1000 > budgetSeconds) break;
    const { rows } = await sql<PeerRow>`
      select r.industry, a.question_code as question, a.level, trim_scale(sum(r.weight))::text as weight,
        count(*)::int as n
      from monitoring_answers a
      join monitoring_responses r on r.wave_id = a.wave_id and r.enterprise_id = a.enterprise_id
      where a.wave_id = ${waveId} and a.level is not null and r.state in ('submitted', 'accepted')
        ${industry ? sql`and r.industry = ${industry}` : sql``}
        ${region ? sql`and r.region_code = ${region}` : sql``}
        ${size ? sql`and r.size = ${size}` : sql``}
      group by r.industry, a.question_code, a.level`.execute(db);
    // Weighted totals by industry and question.
    const totals = new Map<string, { up: bigint; same: bigint; down: bigint; n: number }>();
    for (const row of rows) {
      const key = `${row.industry}|${row.question}`;
      const t = totals.get(key) ?? { up: 0n, same: 0n, down: 0n, n: 0 };
      const w = units(row.weight);
      if (row.level === 1) t.up += w;
      else if (row.level === 0) t.same += w;
      else t.down += w;
      t.n += row.n;
      totals.set(key, t);
    }
    const push = (measure: string, ind: string, v: Value) =>
      figures.push({ measure, industry: ind, region, size, value: text(v.value), responses: v.responses });
    // One industry's question indices, sub-indices and index (as the methodology defines them).
    const ofIndustry = (ind: string) => {
      const q = new Map<string, Value>();
      for (const question of qs) {
        const t = totals.get(`${ind}|${question.code}`);
        const value =
          t && t.up + t.same + t.down > 0n
            ? balanceIndex(Number(t.up), Number(t.same), Number(t.down), question.direction)
            : null;
        q.set(question.code, { value, responses: t?.n ?? 0 });
      }
      const s = new Map<string, Value>();
      for (const sub of subs) {
        const members = qs.filter((x) => x.sub_index === sub);
        s.set(sub, {
          value: meanOfPresent(
            members.map((x) => ({ value: q.get(x.code)?.value ?? null, weight: x.weight ?? '0' })),
          ),
          responses: Math.max(0, ...members.map((x) => q.get(x.code)?.responses ?? 0)),
        });
      }
      const overall: Value = {
        value: meanOfPresent(
          subs.map((sub) => ({ value: s.get(sub)?.value ?? null, weight: subWeight.get(sub) ?? '0' })),
        ),
        responses: Math.max(0, ...[...q.values()].map((x) => x.responses)),
      };
      return { q, s, overall };
    };
    // The PMI of a group of industries: the diffusion indices of their pooled answers.
    const pushPmi = (industry: string, inds: readonly string[]) => {
      if (!PMI_COMPONENTS.every((c) => pmiQuestion.has(c.code))) return;
      const components = {} as Record<PmiComponentCode, number>;
      let complete = true;
      let responses = 0;
      for (const c of PMI_COMPONENTS) {
        let up = 0n;
        let same = 0n;
        let down = 0n;
        let n = 0;
        for (const ind of inds) {
          const t = totals.get(`${ind}|${pmiQuestion.get(c.code)}`);
          if (!t) continue;
          up += t.up;
          same += t.same;
          down += t.down;
          n += t.n;
        }
        if (up + same + down === 0n) complete = false;
        else components[c.code] = componentDiffusion(c.code, Number(up), Number(same), Number(down));
        responses = Math.max(responses, n);
      }
      if (responses > 0) push('pmi', industry, { value: complete ? pmiIndex(components) : null, responses });
    };
    if (industry !== '') {
      pushPmi(industry, [industry]);
      const v = ofIndustry(industry);
      for (const question of qs) push(`q:${question.code}`, industry, v.q.get(question.code) as Value);
      for (const sub of subs) push(`sub:${sub}`, industry, v.s.get(sub) as Value);
      push('overall', industry, v.overall);
    } else {
      const by = new Map(industries.map((ind) => [ind, ofIndustry(ind)]));
      const across = (pick: (v: ReturnType<typeof ofIndustry>) => Value): Value => ({
        value: meanOfPresent(
          industries.map((ind) => ({
            value: pick(by.get(ind) as ReturnType<typeof ofIndustry>).value,
            weight: industryWeight.get(ind) ?? '0',
          })),
        ),
        responses: industries.reduce(
          (s, ind) => s + pick(by.get(ind) as ReturnType<typeof ofIndustry>).responses,
          0,
        ),
      });
      for (const question of qs)
        push(
          `q:${question.code}`,
          '',
          across((v) => v.q.get(question.code) as Value),
        );
      for (const sub of subs)
        push(
          `sub:${sub}`,
          '',
          across((v) => v.s.get(sub) as Value),
        );
      push(
        'overall',
        '',
        across((v) => v.overall),
      );
      pushPmi('', industries);
    }
    done++;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    groups: groups.length,
    done,
    estimated: done < groups.length ? (seconds * groups.length) / done : seconds,
    figures,
  };
}

const peerCpuBefore = await backendCpu(db);
const peerNodeBefore = process.cpuUsage();
const peerRun = await peer(PEER_SECONDS);
const peerNode = process.cpuUsage(peerNodeBefore);
const peerDbCpu = cpuUsed(peerCpuBefore, await backendCpu(db));
const loadAfter = os.loadavg() as [number, number, number];
await handle.close();

// ---- Compare and print

const key = (f: Figure) => `${f.measure}|${f.industry}|${f.region}|${f.size}`;
const ourFigures = new Map(last.figures.map((f) => [key(f), f]));
let mismatches = 0;
let missing = 0;
for (const f of peerRun.figures) {
  const o = ourFigures.get(key(f));
  if (!o) {
    missing++;
    if (missing <= 3) console.log(`Not in ours: ${JSON.stringify(f)}`);
    continue;
  }
  if (o.value !== f.value || o.responses !== f.responses) {
    mismatches++;
    if (mismatches <= 5)
      console.log(`Mismatch ${key(f)}: ours ${o.value} (${o.responses}), peer ${f.value} (${f.responses})`);
  }
}
const headline = (list: Figure[]) => list.find((f) => key(f) === 'overall|||');
const ourHead = headline(last.figures);
const peerHead = headline(peerRun.figures);
const headlineAgrees = ourHead?.value === peerHead?.value && ourHead?.responses === peerHead?.responses;

const times = ourRuns.map((r) => r.seconds).sort((a, b) => a - b);
const median = percentile(times, 50);
console.log(
  `\nWave ${MONITORING_BENCH_PERIOD}: ${built.responses.toLocaleString('en')} responses, ${built.answers.toLocaleString('en')} answers (${built.enterprises.toLocaleString('en')} enterprises in the registry; PostgreSQL)`,
);
console.log(
  `Ours: ${last.figures.length.toLocaleString('en')} figures from ${cellCount[0]?.n.toLocaleString('en')} cells; the peer: ${peerRun.done} of ${peerRun.groups} groups, ${peerRun.figures.length.toLocaleString('en')} figures.\n`,
);
const cpu = (x: number | null) => (x === null ? '—' : x.toFixed(2));
console.log(
  `${'run'.padEnd(64)} ${'seconds'.padStart(8)} ${'db CPU s'.padStart(9)} ${'node CPU s'.padStart(10)}`,
);
for (const [i, r] of ourRuns.entries())
  console.log(
    `${`ours: computeRun, run ${i + 1} (commit included)`.padEnd(64)} ${r.seconds.toFixed(2).padStart(8)} ${cpu(r.dbCpu).padStart(9)} ${r.nodeCpu.toFixed(2).padStart(10)}`,
  );
console.log(
  `${`peer: one query per group${peerRun.done < peerRun.groups ? ` (${peerRun.done} groups, extrapolated)` : ''}`.padEnd(64)} ${peerRun.estimated.toFixed(2).padStart(8)} ${cpu(peerDbCpu).padStart(9)} ${((peerNode.user + peerNode.system) / 1e6).toFixed(2).padStart(10)}`,
);
if (peerRun.done < peerRun.groups)
  console.log(
    `  (the peer's ${peerRun.done} groups took ${peerRun.seconds.toFixed(1)} s; its CPU is of those groups only)`,
  );
console.log(
  '  db CPU: the database backends of this benchmark (parallel workers not counted); node CPU: this process.',
);

console.log('\nWhere ours goes (the last run), statement by statement:');
printSteps(
  last.steps,
  last.seconds * 1000,
  'in the process between statements (computeFigures, digest, arrays) and the commit',
);
console.log(
  `  computeFigures alone on the same ${cells.length.toLocaleString('en')} cells: ${computeFiguresMs.toFixed(0)} ms; figuresDigest: ${digestMs.toFixed(0)} ms (same digest: ${digestAgain === last.sha256 ? 'yes' : 'NO'})`,
);

console.log(
  `\nHeadline, the overall index of all enterprises: ours ${ourHead?.value} (${ourHead?.responses} answers), peer ${peerHead?.value} (${peerHead?.responses} answers): ${headlineAgrees ? 'they agree' : 'THEY DISAGREE'}.`,
);
console.log(
  `Every figure the peer computed (${peerRun.figures.length.toLocaleString('en')}): ${mismatches} differ from ours, ${missing} missing in ours.`,
);
console.log(
  `Load average (1, 5 min) on ${os.cpus().length} cores: ${loadBefore[0].toFixed(1)}, ${loadBefore[1].toFixed(1)} before; ${loadAfter[0].toFixed(1)}, ${loadAfter[1].toFixed(1)} after (other work on this machine).`,
);
printFigures([
  {
    figure: `compute a wave, ${built.responses.toLocaleString('en')} responses × 40 questions: median of ${RUNS} (best)`,
    ours: `${median.toFixed(2)} s (${(times[0] ?? 0).toFixed(2)})`,
    peer: `${peerRun.estimated.toFixed(1)} s${peerRun.done < peerRun.groups ? ' (extrapolated)' : ''}`,
    target: '≤ 5 s, figures agree',
    met: median <= 5 && headlineAgrees && mismatches === 0 && missing === 0,
  },
]);
