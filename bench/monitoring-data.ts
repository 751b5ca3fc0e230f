import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { regionChildren } from '../src/reference/regions.ts';
import { makeUscc } from '../src/reference/uscc.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Actor, Caller } from '../src/server/http/auth.ts';
import { auditKeyFrom, setAuditKey } from '../src/server/modules/audit/index.ts';
import { prng } from '../src/server/modules/demo/index.ts';
import {
  computeRun,
  createResponses,
  createSurvey,
  drawPanel,
  type QuestionDraft,
} from '../src/server/modules/monitoring/index.ts';
import { dbUrl, numberOption, runNode as run } from './lib.ts';

export const DB_NAME = 'huiqi_bench_monitoring';
/** The benchmark database's audit key (a benchmark's own, never a deployment's). */
export const MONITORING_BENCH_AUDIT_KEY = 'bench-monitoring-audit-key-0123456789abcdef0123456789abcdef';
/** The wave the benchmarks compute: May 2026, closed on the 28th. */
export const MONITORING_BENCH_PERIOD = '2026-05';
/** Months of published releases (10 years), the last being the computed wave. */
export const MONITORING_BENCH_MONTHS = 120;

/** The benchmarks' admin (national surveys are an admin's). */
export function adminCaller(): Caller {
  const actor: Actor = {
    userId: 1,
    username: 'bench.admin',
    displayName: '基准测试',
    role: 'admin',
    enterpriseId: null,
    institutionId: null,
    regionCode: null,
    regionPrefix: null,
    departmentCode: null,
    organizationUscc: null,
    locale: 'zh-CN',
  };
  return { actor, requestId: null };
}

/** Sets this process's audit key to the benchmark database's (the import keyed the chain with it). */
export function setBenchAuditKey(): void {
  setAuditKey(auditKeyFrom(MONITORING_BENCH_AUDIT_KEY));
}

// ---------------------------------------------------------------------------------------------------------------
// The survey's 40 questions

const level = (
  code: string,
  textZh: string,
  subIndex: string | null,
  direction: 'up_is_good' | 'down_is_good',
  weight: string | null,
  pmiComponent: string | null = null,
): QuestionDraft => ({
  code,
  textZh,
  kind: 'three_level',
  required: true,
  subIndex,
  direction,
  weight,
  ...(pmiComponent ? { pmiComponent } : {}),
});
const number = (
  code: string,
  textZh: string,
  unit: string,
  max: string,
  registryFigure: 'employees' | 'operating_revenue' | null = null,
): QuestionDraft => ({
  code,
  textZh,
  kind: 'number',
  required: true,
  unit,
  min: '0',
  max,
  decimals: 1,
  ...(registryFigure ? { registryFigure } : {}),
});

/**
 * 40 questions: 32 three-level questions in the eight sub-indices (four each; weights summing to 1 in each), three
 * of them PMI components (output, new orders, employment); supplier delivery times and raw-material stocks, the
 * other two PMI components, outside the sub-indices; six numbers.
 */
export const BENCH_QUESTIONS: QuestionDraft[] = [
  level('macro_industry', '本行业总体经济形势', 'macro', 'up_is_good', '0.4'),
  level('macro_region', '本地区总体经济形势', 'macro', 'up_is_good', '0.3'),
  level('macro_policy', '政策环境感受', 'macro', 'up_is_good', '0.2'),
  level('macro_outlook', '对下月经济形势的预期', 'macro', 'up_is_good', '0.1'),
  level('output', '本月生产（业务）量比上月', 'operations', 'up_is_good', '0.35', 'output'),
  level('capacity', '本月产能利用率比上月', 'operations', 'up_is_good', '0.25'),
  level('ops_overall', '本企业总体经营状况', 'operations', 'up_is_good', '0.25'),
  level('backlog', '在手订单比上月', 'operations', 'up_is_good', '0.15'),
  level('new_orders', '本月新订单比上月', 'market', 'up_is_good', '0.4', 'new_orders'),
  level('sales', '本月销售量比上月', 'market', 'up_is_good', '0.3'),
  level('sales_price', '本月产品销售价格比上月', 'market', 'up_is_good', '0.2'),
  level('finished_stock', '本月产成品库存比上月', 'market', 'down_is_good', '0.1'),
  level('input_cost', '本月原材料购进价格比上月', 'cost', 'down_is_good', '0.4'),
  level('labour_cost', '本月用工成本比上月', 'cost', 'down_is_good', '0.3'),
  level('finance_cost', '本月融资成本比上月', 'cost', 'down_is_good', '0.2'),
  level('logistics_cost', '本月物流成本比上月', 'cost', 'down_is_good', '0.1'),
  level('cash_flow', '本月资金周转状况', 'funding', 'up_is_good', '0.3'),
  level('receivables', '本月应收账款比上月', 'funding', 'down_is_good', '0.3'),
  level('loan_access', '本月获得贷款的难易', 'funding', 'up_is_good', '0.25'),
  level('working_capital', '本月流动资金比上月', 'funding', 'up_is_good', '0.15'),
  level('employment', '本月从业人员数比上月', 'labour', 'up_is_good', '0.4', 'employment'),
  level('hiring', '本月招工难易', 'labour', 'up_is_good', '0.3'),
  level('skilled', '本月技术工人供给', 'labour', 'up_is_good', '0.2'),
  level('turnover', '本月员工流失比上月', 'labour', 'down_is_good', '0.1'),
  level('fixed_investment', '本月固定资产投资比上月', 'investment', 'up_is_good', '0.4'),
  level('tech_investment', '本月科技投入比上月', 'investment', 'up_is_good', '0.3'),
  level('equipment', '本月设备购置比上月', 'investment', 'up_is_good', '0.2'),
  level('training', '本月培训投入比上月', 'investment', 'up_is_good', '0.1'),
  level('profit', '本月利润比上月', 'profit', 'up_is_good', '0.4'),
  level('margin', '本月毛利率比上月', 'profit', 'up_is_good', '0.3'),
  level('tax_burden', '本月税费负担比上月', 'profit', 'down_is_good', '0.2'),
  level('loss', '本月亏损情况比上月', 'profit', 'down_is_good', '0.1'),
  level('delivery', '本月供应商配送时间比上月', null, 'down_is_good', null, 'supplier_delivery'),
  level('raw_stock', '本月原材料库存比上月', null, 'up_is_good', null, 'raw_material_inventory'),
  number('employees', '月末从业人员数', '人', '100000', 'employees'),
  number('revenue', '本月营业收入', '万元', '1000000', 'operating_revenue'),
  number('orders_value', '本月新签订单金额', '万元', '1000000'),
  number('capacity_pct', '本月产能利用率', '%', '100'),
  number('wage', '本月人均工资', '元', '100000'),
  number('receivable_days', '应收账款平均回收天数', '天', '365'),
];

// ---------------------------------------------------------------------------------------------------------------
// Enterprises across the country

/** The generator's version: a change rebuilds the enterprises. */
const GENERATOR = 2;

/** Rough shares of China's SMEs by province (per mille), for the generator. */
const PROVINCE_WEIGHTS: Record<string, number> = {
  '110000': 35,
  '120000': 15,
  '130000': 40,
  '140000': 18,
  '150000': 12,
  '210000': 22,
  '220000': 10,
  '230000': 12,
  '310000': 38,
  '320000': 100,
  '330000': 90,
  '340000': 35,
  '350000': 40,
  '360000': 22,
  '370000': 80,
  '410000': 50,
  '420000': 40,
  '430000': 33,
  '440000': 125,
  '450000': 20,
  '460000': 8,
  '500000': 22,
  '510000': 48,
  '520000': 16,
  '530000': 20,
  '540000': 2,
  '610000': 22,
  '620000': 8,
  '630000': 3,
  '640000': 4,
  '650000': 10,
};

/** GB/T 4754 sections with a weight (per mille of SMEs) and the divisions drawn in each. */
const SECTIONS: [string, number, string[]][] = [
  ['A', 25, ['A01', 'A02', 'A03', 'A05']],
  ['B', 5, ['B06', 'B10']],
  ['C', 180, ['C13', 'C17', 'C18', 'C26', 'C29', 'C33', 'C34', 'C38', 'C39', 'C40']],
  ['D', 8, ['D44', 'D45']],
  ['E', 50, ['E47', 'E48', 'E49', 'E50']],
  ['F', 300, ['F51', 'F52']],
  ['G', 40, ['G54', 'G56', 'G58', 'G60']],
  ['H', 55, ['H61', 'H62']],
  ['I', 60, ['I63', 'I64', 'I65']],
  ['J', 10, ['J66', 'J69']],
  ['K', 30, ['K701', 'K702', 'K703']],
  ['L', 80, ['L71', 'L72']],
  ['M', 60, ['M73', 'M74', 'M75']],
  ['N', 20, ['N77', 'N78']],
  ['O', 25, ['O80', 'O81']],
  ['P', 8, ['P83']],
  ['Q', 6, ['Q84']],
  ['R', 15, ['R86', 'R88', 'R90']],
  ['S', 3, ['S95']],
];

const WORDS = [
  '电子',
  '机械',
  '贸易',
  '商贸',
  '科技',
  '物流',
  '餐饮',
  '软件',
  '咨询',
  '物业',
  '服务',
  '建设',
];
const BRANDS =
  '恒通瑞丰华信金桥新创远航天成鼎盛嘉禾明德宏远众诚博雅锦程昌盛永泰卓越隆基同舟启明凯达海纳宇辰青禾润泽星河安泰正元'.split(
    '',
  );
const FORMS = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司', '商行', '经营部'];
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A weighted picker over [item, weight] pairs. */
function weighted<T>(pairs: readonly (readonly [T, number])[], random: () => number): () => T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const [, w] of pairs) {
    sum += w / total;
    cumulative.push(sum);
  }
  return () => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r < (cumulative[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return (pairs[lo] as readonly [T, number])[0];
  };
}

/** The import file's lines for n enterprises across the country (deterministic for n and seed). */
export function* nationalEnterpriseLines(n: number, seed = 4754): Generator<string> {
  const random = prng(seed);
  const counties = new Map<string, string[]>();
  for (const province of regionChildren(null)) {
    const leaves: string[] = [];
    for (const city of regionChildren(province.code)) {
      const children = regionChildren(city.code);
      if (children.length === 0) leaves.push(city.code);
      else for (const c of children) leaves.push(c.code);
    }
    counties.set(province.code, leaves);
  }
  const province = weighted(
    Object.entries(PROVINCE_WEIGHTS).map(([code, w]) => [code, w] as const),
    random,
  );
  const section = weighted(
    SECTIONS.map(([, w, divisions]) => [divisions, w] as const),
    random,
  );
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  let chunk =
    '\uFEFF统一社会信用代码,企业名称,注册地行政区划代码,行业代码,成立日期,年度,从业人员,营业收入（万元）,资产总额（万元）\n';
  for (let i = 0; i < n; i++) {
    const region = pick(counties.get(province()) as string[]);
    let body = '';
    for (let k = 0; k < 4; k++) body += CHARS[Math.floor(random() * 31)];
    let rest = i;
    for (let k = 0; k < 5; k++) {
      body += CHARS[rest % 31];
      rest = Math.floor(rest / 31);
    }
    const uscc = makeUscc(`91${region}${body}`);
    const division = pick(section());
    const name = `${pick(BRANDS)}${pick(BRANDS)}${random() < 0.3 ? pick(BRANDS) : ''}${pick(WORDS)}${pick(FORMS)}`;
    const employees = Math.max(1, Math.round(Math.exp(random() * random() * 7.8)));
    const revenue = Math.round(employees * (15 + random() * 85) * 100) / 100;
    const assets = Math.round(revenue * (0.4 + random() * 1.6) * 100) / 100;
    const established = `${1990 + Math.floor(random() * 35)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    chunk += `${uscc},${name},${region},${division},${established},2025,${employees},${revenue},${assets}\n`;
    if (chunk.length > 1 << 17) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

/** A response the answers are drawn for. */
interface Respondent {
  enterpriseId: number;
  industry: string;
  region: string;
  size: string;
  employees: number;
  revenue: number;
}

/**
 * The COPY text of the answers: every respondent answers every question. Three-level answers are drawn around a
 * climate: an industry's, a province's, a size's, the enterprise's own mood and the question's bias (a question
 * where down is good moves the other way); numbers near the enterprise's registry figures.
 */
function* answerLines(waveId: number, respondents: readonly Respondent[], seed = 16): Generator<string> {
  const random = prng(seed);
  const effect = new Map<string, number>();
  const effectOf = (key: string) => {
    let e = effect.get(key);
    if (e === undefined) {
      e = (random() - 0.5) * 0.8;
      effect.set(key, e);
    }
    return e;
  };
  const questions = BENCH_QUESTIONS.map((q) => ({
    code: q.code,
    kind: q.kind,
    down: q.direction === 'down_is_good',
    bias: (random() - 0.5) * 0.6,
  }));
  let chunk = '';
  for (const r of respondents) {
    const climate =
      effectOf(`i:${r.industry}`) +
      effectOf(`r:${r.region}`) +
      effectOf(`s:${r.size}`) +
      (random() - 0.5) * 0.8;
    for (const q of questions) {
      let value: string;
      if (q.kind === 'three_level') {
        const c = (q.down ? -climate : climate) + q.bias;
        const up = Math.min(0.85, Math.max(0.05, 0.32 + 0.25 * c));
        const down = Math.min(0.85 - up, Math.max(0.05, 0.3 - 0.25 * c));
        const x = random();
        value = `${x < up ? 1 : x < up + down ? -1 : 0}\t\\N`;
      } else {
        const jitter = 0.8 + random() * 0.4;
        const n =
          q.code === 'employees'
            ? Math.round(r.employees * jitter)
            : q.code === 'revenue'
              ? Math.round((r.revenue / 12) * jitter * 10) / 10
              : q.code === 'orders_value'
                ? Math.round((r.revenue / 12) * jitter * random() * 10) / 10
                : q.code === 'capacity_pct'
                  ? Math.round((50 + random() * 50) * 10) / 10
                  : q.code === 'wage'
                    ? Math.round(4000 + random() * 8000)
                    : Math.round(15 + random() * 120);
        value = `\\N\t${n}`;
      }
      chunk += `${waveId}\t${r.enterpriseId}\t${q.code}\t${value}\n`;
    }
    if (chunk.length > 1 << 18) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

// ---------------------------------------------------------------------------------------------------------------
// Where the time goes: every statement's time, by a Kysely plugin

/** One statement and its time. */
export interface Step {
  label: string;
  ms: number;
}

/**
 * Times each statement run through the Kysely instance it is added to (`db.withPlugin(timer)`; a transaction of
 * that instance keeps it): from its compilation to its result, labelled by the start of its SQL.
 */
export class StatementTimer implements KyselyPlugin {
  readonly steps: Step[] = [];
  readonly #started = new WeakMap<QueryId, Step & { at: number }>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#started.set(args.queryId, { label: labelOf(args.node), ms: 0, at: performance.now() });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const step = this.#started.get(args.queryId);
    if (step) this.steps.push({ label: step.label, ms: performance.now() - step.at });
    return args.result;
  }
}

function labelOf(node: RootOperationNode): string {
  if (node.kind === 'RawNode') return node.sqlFragments.join('$').replace(/\s+/g, ' ').trim().slice(0, 72);
  // biome-ignore lint/suspicious/noExplicitAny: a label only
  const n = node as any;
  const table =
    n.into?.table?.identifier?.name ??
    n.table?.table?.identifier?.name ??
    n.from?.froms?.[0]?.table?.identifier?.name ??
    n.from?.froms?.[0]?.node?.table?.identifier?.name ??
    '';
  return `${node.kind.replace('QueryNode', '').toLowerCase()} ${table}`.trim();
}

/** Prints a timer's steps: each of at least 1 ms, the rest summed, and what lies between them. */
export function printSteps(steps: readonly Step[], totalMs: number, between: string): void {
  const small = steps.filter((s) => s.ms < 1);
  for (const s of steps) if (s.ms >= 1) console.log(`  ${s.ms.toFixed(0).padStart(6)} ms  ${s.label}`);
  console.log(
    `  ${small
      .reduce((sum, x) => sum + x.ms, 0)
      .toFixed(0)
      .padStart(6)} ms  ${small.length} statements under 1 ms each`,
  );
  console.log(
    `  ${(totalMs - steps.reduce((sum, x) => sum + x.ms, 0)).toFixed(0).padStart(6)} ms  ${between}`,
  );
}

/**
 * CPU seconds the database's backends of the current database have used (utime + stime from /proc; the database is
 * on this machine), by backend: on a shared machine the wall-clock time says as much about the other work as about
 * ours, the CPU time much less. Parallel workers that have exited are not counted. Null when /proc cannot be read.
 */
// biome-ignore lint/suspicious/noExplicitAny: reads the catalogue only
export async function backendCpu(on: Kysely<any>): Promise<Map<number, number> | null> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(on);
  const cpu = new Map<number, number>();
  try {
    for (const { pid } of rows) {
      const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    return null;
  }
  return cpu;
}

/** The CPU seconds used between two readings of `backendCpu` (null when either is). */
export function cpuUsed(
  before: Map<number, number> | null,
  after: Map<number, number> | null,
): number | null {
  return before && after ? [...after].reduce((sum, [pid, s]) => sum + s - (before.get(pid) ?? 0), 0) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The database

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** What the data script leaves. */
export interface MonitoringBenchDatabase {
  url: string;
  enterprises: number;
  surveyId: number;
  waveId: number;
  responses: number;
  answers: number;
  reused: boolean;
}

/** The enterprises layer: the database, migrated, with the generated enterprises imported. */
async function enterprisesLayer(
  base: string,
  url: string,
  count: number,
  log: (line: string) => void,
): Promise<number> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = await admin.query(`select 1 from pg_database where datname = '${DB_NAME}'`);
    if (exists.rowCount === 1) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(
          'select asked, generator, imported from bench_monitoring_enterprises',
        );
        if (rows[0]?.asked === count && rows[0]?.generator === GENERATOR) {
          log(`Reusing ${DB_NAME}'s ${rows[0].imported} enterprises.`);
          return rows[0].imported as number;
        }
      } catch {
        // not a complete database: built again
      } finally {
        await client.end();
      }
    }
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.query(`create database ${DB_NAME}`);
  } finally {
    await admin.end();
  }
  const file = path.join(os.tmpdir(), `huiqi-bench-national-enterprises-${count}-v${GENERATOR}.csv`);
  if (!existsSync(file)) {
    const started = performance.now();
    const { createWriteStream } = await import('node:fs');
    await pipeline(Readable.from(nationalEnterpriseLines(count)), createWriteStream(file));
    log(`Generated ${count} enterprises across 31 provinces in ${seconds(started)} s.`);
  }
  const env = {
    DATABASE_URL: url,
    HUIQI_MODE: 'development',
    LOG_LEVEL: 'warn',
    HUIQI_AUDIT_KEY: MONITORING_BENCH_AUDIT_KEY,
  };
  const started = performance.now();
  await run(['bin/huiqi.js', 'migrate'], env);
  await run(['bin/huiqi.js', 'import', 'enterprises', file, '--mode', 'valid_rows'], env);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The import's jobs (matching of the new enterprises to policies) are not this benchmark's.
    await client.query('delete from jobs');
    const { rows } = await client.query('select count(*)::int as n from enterprises');
    await client.query('vacuum analyze enterprises, enterprise_sizes, enterprise_figures');
    await client.query(
      `create table bench_monitoring_enterprises as select ${count}::int as asked, ${GENERATOR}::int as generator,
        ${rows[0].n}::int as imported`,
    );
    log(`Imported ${rows[0].n} of ${count} enterprises in ${seconds(started)} s.`);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

/**
 * Builds `huiqi_bench_monitoring` (or reuses it): the enterprises, then the survey, its panel, the wave of
 * 2026-05 with every member's answers.
 */
export async function buildMonitoringBenchDatabase(
  options: { base?: string; enterprises?: number; panel?: number; log?: (line: string) => void } = {},
): Promise<MonitoringBenchDatabase> {
  const base = options.base ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const count = options.enterprises ?? 1_000_000;
  const panel = options.panel ?? 100_000;
  const log = options.log ?? console.log;
  const url = dbUrl(base, DB_NAME);
  const enterprises = await enterprisesLayer(base, url, count, log);
  setBenchAuditKey();

  const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 4 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrateToLatest(handle.db);
    const key = JSON.stringify({ count, panel, questions: BENCH_QUESTIONS.length });
    const done = await client
      .query('select key, survey_id, wave_id, responses, answers from bench_monitoring_wave')
      .catch(() => ({
        rows: [] as { key: string; survey_id: string; wave_id: string; responses: number; answers: number }[],
      }));
    const row = done.rows[0];
    if (row?.key === key) {
      log(
        `Reusing ${DB_NAME}: ${enterprises} enterprises, survey ${row.survey_id}, wave ${row.wave_id} with ${row.responses} responses and ${row.answers} answers.`,
      );
      return {
        url,
        enterprises,
        surveyId: Number(row.survey_id),
        waveId: Number(row.wave_id),
        responses: row.responses,
        answers: row.answers,
        reused: true,
      };
    }

    await client.query('drop table if exists bench_monitoring_wave');
    await client.query('drop table if exists bench_monitoring_releases');
    await client.query(`truncate monitoring_releases, monitoring_figures, monitoring_cells, monitoring_runs,
      monitoring_flags, monitoring_answers, monitoring_responses, monitoring_panel_members, monitoring_draws,
      monitoring_waves, monitoring_questions, monitoring_survey_versions, monitoring_surveys cascade`);
    const caller = adminCaller();
    let started = performance.now();
    const survey = await createSurvey(handle.db, caller, {
      code: 'bench-smedi',
      nameZh: '全国中小企业发展指数月度调查（基准）',
      nameEn: 'National SME development index, monthly (benchmark)',
      frequency: 'monthly',
      regionCode: '',
      questions: BENCH_QUESTIONS,
      note: '基准测试',
    });
    const draw = await drawPanel(handle.db, caller, survey.id, {
      sampleSize: panel,
      allocation: 'proportional',
      seed: 'bench-panel',
    });
    log(
      `Survey ${survey.id} (${BENCH_QUESTIONS.length} questions); panel of ${draw.drawn} drawn from a frame of ${draw.frame} in ${draw.strata.length} strata in ${seconds(started)} s.`,
    );

    started = performance.now();
    const period = MONITORING_BENCH_PERIOD;
    const { rows: waveRows } = await client.query(
      `insert into monitoring_waves (survey_id, survey_version, period, opens_on, closes_on, state, created_by,
        closed_at)
      values ($1, 1, $2, $3, $4, 'closed', 1, $5) returning id`,
      [survey.id, period, `${period}-20`, `${period}-28`, `${period}-28T10:00:00Z`],
    );
    const waveId = Number(waveRows[0].id);
    await client.query(
      `update monitoring_survey_versions set frozen_at = $2 where survey_id = $1 and frozen_at is null`,
      [survey.id, `${period}-20T01:00:00Z`],
    );
    const given = await createResponses(handle.db, { id: survey.id, weighting: 'design' }, waveId);
    await client.query('update monitoring_waves set members = $2 where id = $1', [waveId, given.length]);
    const { rows: respondentRows } = await client.query(
      `select r.enterprise_id, r.industry, r.region_code, r.size, coalesce(f.employees, 10)::int as employees,
        coalesce(f.operating_revenue, 100)::float8 as revenue
      from monitoring_responses r
      left join enterprise_figures f on f.enterprise_id = r.enterprise_id and f.year = 2025 and f.is_current
      where r.wave_id = $1 order by r.enterprise_id`,
      [waveId],
    );
    const respondents: Respondent[] = respondentRows.map(
      (r: {
        enterprise_id: string;
        industry: string;
        region_code: string;
        size: string;
        employees: number;
        revenue: number;
      }) => ({
        enterpriseId: Number(r.enterprise_id),
        industry: r.industry,
        region: r.region_code,
        size: r.size,
        employees: r.employees,
        revenue: r.revenue,
      }),
    );
    log(`Wave ${waveId} (${period}): ${given.length} questionnaires in ${seconds(started)} s.`);

    started = performance.now();
    // The answers belong to the responses just made (the generator reads them): the foreign key's per-row check is
    // skipped for the load (session_replication_role), and checked once below.
    await client.query('set session_replication_role = replica');
    await pipeline(
      Readable.from(answerLines(waveId, respondents)),
      client.query(
        copyFrom('copy monitoring_answers (wave_id, enterprise_id, question_code, level, number) from stdin'),
      ),
    );
    await client.query('set session_replication_role = origin');
    const { rows: orphans } = await client.query(
      `select count(*)::int as n from monitoring_answers a where a.wave_id = $1 and not exists
        (select 1 from monitoring_responses r where r.wave_id = a.wave_id and r.enterprise_id = a.enterprise_id)`,
      [waveId],
    );
    if (orphans[0].n !== 0) throw new Error(`${orphans[0].n} answers without their response`);
    await client.query(
      `update monitoring_responses set state = 'accepted', saved_at = $2, submitted_at = $2, submitted_by = 1,
        submissions = 1, reviewed_by = 1, reviewed_at = $3
      where wave_id = $1`,
      [waveId, `${period}-25T02:00:00Z`, `${period}-28T09:00:00Z`],
    );
    await client.query(
      'vacuum analyze monitoring_answers, monitoring_responses, monitoring_panel_members, monitoring_waves',
    );
    const { rows: counts } = await client.query(
      `select (select count(*)::int from monitoring_responses where wave_id = $1) as responses,
        (select count(*)::int from monitoring_answers where wave_id = $1) as answers`,
      [waveId],
    );
    log(`COPY of ${counts[0].answers} answers of ${counts[0].responses} responses in ${seconds(started)} s.`);
    await client.query(
      'create table bench_monitoring_wave (key text, survey_id bigint, wave_id bigint, responses int, answers int)',
    );
    await client.query('insert into bench_monitoring_wave values ($1, $2, $3, $4, $5)', [
      key,
      survey.id,
      waveId,
      counts[0].responses,
      counts[0].answers,
    ]);
    return {
      url,
      enterprises,
      surveyId: survey.id,
      waveId,
      responses: counts[0].responses,
      answers: counts[0].answers,
      reused: false,
    };
  } finally {
    await client.end();
    await handle.close();
  }
}

/** What the releases layer leaves. */
export interface MonitoringReleases {
  surveyId: number;
  baseRunId: number;
  releases: number;
  figures: number;
  figuresPerRun: number;
  reused: boolean;
}

const PERIODS = (last: string, n: number): string[] => {
  const out: string[] = [];
  let [y, m] = last.split('-').map(Number) as [number, number];
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
};

/**
 * The releases layer (or reuses it): the wave computed once by the module, 119 earlier months made from its
 * figures with a drift by month and noise by figure, and 120 published releases, one a month.
 */
export async function buildMonitoringReleases(
  built: MonitoringBenchDatabase,
  log: (line: string) => void = console.log,
): Promise<MonitoringReleases> {
  setBenchAuditKey();
  const handle = await openDatabase({ databaseUrl: built.url, dataDir: '', poolSize: 2 });
  const client = new pg.Client({ connectionString: built.url });
  await client.connect();
  try {
    const key = JSON.stringify({ waveId: built.waveId, months: MONITORING_BENCH_MONTHS });
    const done = await client
      .query('select key, base_run_id, releases, figures, per_run from bench_monitoring_releases')
      .catch(() => ({
        rows: [] as {
          key: string;
          base_run_id: string;
          releases: number;
          figures: number;
          per_run: number;
        }[],
      }));
    const row = done.rows[0];
    if (row?.key === key) {
      log(
        `Reusing ${DB_NAME}'s ${row.releases} published releases (${row.figures} figures, ${row.per_run} a run).`,
      );
      return {
        surveyId: built.surveyId,
        baseRunId: Number(row.base_run_id),
        releases: row.releases,
        figures: row.figures,
        figuresPerRun: row.per_run,
        reused: true,
      };
    }
    await client.query('drop table if exists bench_monitoring_releases');
    await client.query('delete from monitoring_releases where survey_id = $1', [built.surveyId]);
    await client.query(
      `delete from monitoring_figures where run_id in (select id from monitoring_runs where survey_id = $1)`,
      [built.surveyId],
    );
    await client.query(
      `delete from monitoring_cells where run_id in (select id from monitoring_runs where survey_id = $1)`,
      [built.surveyId],
    );
    await client.query('delete from monitoring_runs where survey_id = $1', [built.surveyId]);
    await client.query('delete from monitoring_waves where survey_id = $1 and id <> $2', [
      built.surveyId,
      built.waveId,
    ]);

    let started = performance.now();
    const base = await handle.db.transaction().execute((trx) => computeRun(trx, built.waveId, 1));
    await client.query('update monitoring_runs set computed_at = $2 where id = $1', [
      base.id,
      `${MONITORING_BENCH_PERIOD}-28T12:00:00Z`,
    ]);
    log(`The wave computed (run ${base.id}, ${base.figures.length} figures) in ${seconds(started)} s.`);

    started = performance.now();
    const periods = PERIODS(MONITORING_BENCH_PERIOD, MONITORING_BENCH_MONTHS);
    const runOf = new Map<string, number>([[MONITORING_BENCH_PERIOD, base.id]]);
    const waveOf = new Map<string, number>([[MONITORING_BENCH_PERIOD, built.waveId]]);
    for (const [k, period] of periods.entries()) {
      if (period === MONITORING_BENCH_PERIOD) continue;
      const { rows: w } = await client.query(
        `insert into monitoring_waves (survey_id, survey_version, period, opens_on, closes_on, state, members,
          created_by, closed_at)
        values ($1, 1, $2, $3, $4, 'closed', $5, 1, $6) returning id`,
        [built.surveyId, period, `${period}-20`, `${period}-28`, built.responses, `${period}-28T10:00:00Z`],
      );
      const waveId = Number(w[0].id);
      const { rows: r } = await client.query(
        `insert into monitoring_runs (kind, survey_id, wave_id, region_code, period, responses, weights,
          figures_sha256, computed_by, computed_at)
        select kind, survey_id, $2, region_code, $3, responses, weights, md5($3 || figures_sha256), 1, $4
        from monitoring_runs where id = $1 returning id`,
        [base.id, waveId, period, `${period}-28T12:00:00Z`],
      );
      const runId = Number(r[0].id);
      // The base run's figures, drifting by month (a slow cycle) with a little noise by figure.
      const drift = 6 * Math.sin(k / 9) + (k - MONITORING_BENCH_MONTHS) / 40;
      await client.query(
        `insert into monitoring_figures (run_id, measure, industry, region_code, size, value, responses, withheld)
        select $2, measure, industry, region_code, size,
          round(value + $3::numeric + (hashtext(measure || industry || region_code || size || $4) % 1000) / 1000.0, 6),
          responses, withheld
        from monitoring_figures where run_id = $1
        order by measure, industry, region_code, size`,
        [base.id, runId, drift.toFixed(6), period],
      );
      runOf.set(period, runId);
      waveOf.set(period, waveId);
    }
    log(`${periods.length - 1} earlier months' waves, runs and figures in ${seconds(started)} s.`);

    started = performance.now();
    for (const period of periods) {
      const [y, m] = period.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      await client.query(
        `insert into monitoring_releases (kind, survey_id, region_code, period, release_version, wave_id, run_id,
          state, commentary_zh, commentary_en, created_by, created_at, reviewed_by, reviewed_at, scheduled_by,
          publish_at)
        values ('index', $1, '', $2, 1, $3, $4, 'scheduled', $5, $6, 1, $7, 2, $8, 2, $9)`,
        [
          built.surveyId,
          period,
          waveOf.get(period),
          runOf.get(period),
          `${period}期全国中小企业发展指数发布。样本企业${built.responses}家。`,
          `The national SME development index for ${period}; ${built.responses} panel enterprises.`,
          `${period}-28T13:00:00Z`,
          `${period}-28T14:00:00Z`,
          `${next}-03T01:30:00Z`,
        ],
      );
    }
    await client.query(
      'vacuum analyze monitoring_figures, monitoring_releases, monitoring_runs, monitoring_waves',
    );
    const { rows: counts } = await client.query(
      `select count(*)::int as figures from monitoring_figures f join monitoring_runs r on r.id = f.run_id
      where r.survey_id = $1`,
      [built.surveyId],
    );
    log(`${periods.length} releases scheduled and published; vacuum analyze in ${seconds(started)} s.`);
    await client.query(
      'create table bench_monitoring_releases (key text, base_run_id bigint, releases int, figures int, per_run int)',
    );
    await client.query('insert into bench_monitoring_releases values ($1, $2, $3, $4, $5)', [
      key,
      base.id,
      periods.length,
      counts[0].figures,
      base.figures.length,
    ]);
    return {
      surveyId: built.surveyId,
      baseRunId: base.id,
      releases: periods.length,
      figures: counts[0].figures,
      figuresPerRun: base.figures.length,
      reused: false,
    };
  } finally {
    await client.end();
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const built = await buildMonitoringBenchDatabase({
    enterprises: numberOption('enterprises', 1_000_000),
    panel: numberOption('panel', 100_000),
  });
  console.log(
    `${built.url}: ${built.enterprises} enterprises, survey ${built.surveyId}, wave ${built.waveId}: ${built.responses} responses, ${built.answers} answers.`,
  );
  if (process.argv.includes('--releases')) {
    const releases = await buildMonitoringReleases(built);
    console.log(
      `${releases.releases} published releases, ${releases.figures} figures (${releases.figuresPerRun} a run).`,
    );
  }
  console.log(`Done in ${seconds(started)} s.`);
}
