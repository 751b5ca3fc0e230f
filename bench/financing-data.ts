import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COLLATERAL, DECLINE_REASONS, PRODUCT_KINDS, PURPOSES } from '../src/reference/financing.ts';
import { regionChildren } from '../src/reference/regions.ts';
import { makeUscc } from '../src/reference/uscc.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Actor, Caller } from '../src/server/http/auth.ts';
import { prng } from '../src/server/modules/demo/index.ts';
import {
  checkProduct,
  type FinancingSettings,
  type FitDemand,
  type FitProduct,
  matchAllDemands,
  pickupDue,
  rebuildStats,
  responseDeadlines,
  servedPrefixes,
} from '../src/server/modules/financing/index.ts';
import type { EnterpriseFacts, Rule } from '../src/server/modules/policies/index.ts';
import { factsOfInput } from '../src/server/modules/registry/index.ts';
import { enterpriseRecords, generateEnterprises } from './generate-enterprises.ts';
import { dbUrl, numberOption, runNode as run } from './lib.ts';

/** The day the data is built around (demands posted in the 24 months up to it; rules read the figures of 2025). */
export const FINANCING_BENCH_DAY = '2026-06-30';
/** The dashboards' period: the 24 months up to the bench day. */
export const FINANCING_BENCH_FROM = '2024-07';
export const FINANCING_BENCH_TO = '2026-06';
/** The province of the data, and the city the board bank's products serve. */
export const BENCH_PROVINCE = '320000';
export const BOARD_CITY = '320500';
export const BOARD_BANK_NAME = '基准测试银行苏州分行（看板）';

const AUDIT_KEY = 'bench-financing-audit-key-0123456789abcdef0123456789abcdef';
/** The default figures (the migration's rows), for the deadlines written with the generated responses. */
const SETTINGS: FinancingSettings = {
  pickupWorkingDays: 3,
  contactWorkingDays: 2,
  decisionDays: 30,
  confirmationDays: 30,
  inclusiveLoanMax: '1000',
  guaranteeFeeGuide: '1',
};

// ---------------------------------------------------------------------------------------------------------
// Generated products, demands and enterprises (pure; the in-process benchmark and the database share them)

/** A product as generated: what the fit reads, and what the table needs besides. */
export interface BenchProduct extends FitProduct {
  id: number;
  institutionId: number;
  name: string;
  rateMax: string;
  guaranteeFeeRate: string | null;
}

/** A demand as generated: what the fit reads, and what the table needs besides. */
export interface BenchDemand extends FitDemand {
  purposes: string[];
  description: string;
}

type Random = () => number;
const pickWith =
  (random: Random) =>
  <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)] as T;

/** A province's cities and counties (GB/T 2260). */
export function provinceRegions(province: string): { cities: string[]; counties: string[] } {
  const cities = regionChildren(province).map((c) => c.code);
  return { cities, counties: cities.flatMap((c) => regionChildren(c).map((x) => x.code)) };
}

/**
 * Who qualifies, in the policy rule language, as a bank writes it: often nothing; otherwise some of years in
 * business, an industry in or out, size classes, last year's employees, revenue and assets, the status; now and then
 * a choice of two (the property test of the matcher generates the same kinds of clause).
 */
export function productRule(random: Random): Rule | null {
  const pick = pickWith(random);
  if (random() < 0.25) return null;
  const clauses: Rule[] = [];
  if (random() < 0.6) clauses.push({ compare: [{ age: 'years' }, '>=', pick([1, 2, 3, 5])] });
  if (random() < 0.3)
    clauses.push(
      random() < 0.5
        ? { industry: [pick(['C', 'F', 'I', 'M', 'C3'])] }
        : { not: { industry: [pick(['K', 'L'])] } },
    );
  if (random() < 0.5)
    clauses.push({
      size: pick([
        ['micro', 'small'],
        ['small', 'medium'],
        ['micro', 'small', 'medium'],
      ] as const).slice(),
    });
  if (random() < 0.4)
    clauses.push({
      compare: [{ fact: 'employees', year: { relative: -1 } }, '>=', pick([5, 10, 20, 50])],
    });
  if (random() < 0.4)
    clauses.push({
      compare: [{ fact: 'operating_revenue', year: { relative: -1 } }, '>=', pick([100, 300, 500, 1000])],
    });
  if (random() < 0.2)
    clauses.push({ compare: [{ fact: 'total_assets', year: { relative: -1 } }, '<=', pick([5000, 20000])] });
  if (random() < 0.3) clauses.push({ status: ['active'] });
  if (random() < 0.15)
    clauses.push({ any: [{ size: ['micro'] }, { compare: [{ age: 'years' }, '>=', pick([3, 8])] }] });
  if (clauses.length === 0) return null;
  return clauses.length === 1 ? (clauses[0] as Rule) : { all: clauses };
}

/**
 * `count` products of the institutions (round robin), serving regions of the provinces: a quarter a whole province,
 * half a city, the rest a county, one in ten two regions. `pinned` gives one institution's products fixed regions
 * (the board bank's city). Every product passes the service's own check (`checkProduct`).
 */
export function benchProducts(
  count: number,
  institutionIds: readonly number[],
  provinces: readonly string[],
  seed: number,
  pinned?: { institutionId: number; regions: string[] },
): BenchProduct[] {
  const random = prng(seed);
  const pick = pickWith(random);
  const places = provinces.map(provinceRegions);
  const region = () => {
    const p = pick(places);
    const level = random();
    return level < 0.25
      ? (provinces[places.indexOf(p)] as string)
      : level < 0.75
        ? pick(p.cities)
        : pick(p.counties);
  };
  const out: BenchProduct[] = [];
  for (let i = 0; i < count; i++) {
    const institutionId = institutionIds[i % institutionIds.length] as number;
    const kind = pick(PRODUCT_KINDS).code;
    const amountMin = pick([1, 5, 10, 20, 50, 100, 200, 300]);
    const amountMax = Math.min(5000, amountMin * pick([5, 10, 20, 50]));
    const termMin = pick([1, 3, 6, 12]);
    const termMax = Math.max(termMin, pick([12, 24, 36, 60]));
    const rateMin = 2.8 + Math.floor(random() * 240) / 100;
    const regions =
      pinned?.institutionId === institutionId
        ? pinned.regions
        : random() < 0.1
          ? [...new Set([region(), region()])]
          : [region()];
    const product: BenchProduct = {
      id: i + 1,
      institutionId,
      name: `基准产品${i + 1}`,
      kind,
      amountMin: String(amountMin),
      amountMax: String(amountMax),
      termMinMonths: termMin,
      termMaxMonths: termMax,
      rateMin: rateMin.toFixed(2),
      rateMax: (rateMin + 1 + Math.floor(random() * 300) / 100).toFixed(2),
      guaranteeFeeRate: kind === 'guarantee' ? (0.5 + Math.floor(random() * 100) / 100).toFixed(2) : null,
      regions,
      rule: productRule(random),
    };
    const problems = checkProduct({
      ...product,
      regions: [...product.regions],
      rule: product.rule ?? undefined,
    });
    if (problems.length > 0) throw new Error(`generated product ${i + 1}: ${JSON.stringify(problems)}`);
    out.push(product);
  }
  return out;
}

const DESCRIPTIONS = [
  '订单增加，需补充流动资金采购原材料',
  '新建生产线购置设备',
  '旺季备货，短期资金周转',
  '置换到期的高成本借款',
  '研发新产品，扩大经营',
];

/** A demand as an enterprise posts it: 10 to 2,000 (10k yuan), a usual term, what it can offer, sometimes a rate. */
export function benchDemand(random: Random): BenchDemand {
  const pick = pickWith(random);
  const amount = Math.round(Math.exp(Math.log(10) + random() * Math.log(200)));
  const purposes = [
    ...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(PURPOSES).code)),
  ];
  const offered = random() < 0.35 ? 0 : 1 + Math.floor(random() * 2);
  const collateral = [...new Set(Array.from({ length: offered }, () => pick(COLLATERAL).code))];
  return {
    amount: String(amount),
    termMonths: pick([3, 6, 12, 12, 12, 24, 36, 60]),
    collateral,
    maxRate: random() < 0.5 ? null : (3.5 + Math.floor(random() * 30) / 10).toFixed(1),
    purposes,
    description: pick(DESCRIPTIONS),
  };
}

/** The facts of `n` generated enterprises (the registry benchmark's generator), as the registry would hold them. */
export function benchFacts(n: number, seed = 42): EnterpriseFacts[] {
  const out: EnterpriseFacts[] = [];
  for (const e of enterpriseRecords(n, seed))
    out.push(
      factsOfInput({
        uscc: e.uscc,
        name: e.name,
        formerNames: [],
        legalRepresentative: null,
        regionCode: e.region,
        industryCode: e.division,
        establishedOn: e.established,
        status: 'active',
        ownershipType: null,
        certifications: [],
        figures: {
          year: 2025,
          employees: e.employees,
          operatingRevenue: e.revenue,
          mainBusinessRevenue: null,
          totalAssets: e.assets,
          totalLiabilities: null,
          rdExpense: null,
          rdStaff: null,
          taxableIncome: null,
          vatTaxpayerType: null,
        },
      }),
    );
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Callers

/** A bank user's caller (as demo.service's demoCaller builds one). */
export function bankCaller(institutionId: number): Caller {
  return { requestId: null, actor: actor({ role: 'bank', institutionId, username: 'bench.bank' }) };
}

/** An official's caller over a region (regionPrefix as the users table derives it). */
export function officialCaller(regionCode: string, regionPrefix: string): Caller {
  return {
    requestId: null,
    actor: actor({ role: 'official', regionCode, regionPrefix, username: 'bench.official' }),
  };
}

function actor(fields: Partial<Actor> & Pick<Actor, 'role' | 'username'>): Actor {
  return {
    userId: 1,
    displayName: '基准测试',
    enterpriseId: null,
    institutionId: null,
    regionCode: null,
    regionPrefix: null,
    departmentCode: null,
    organizationUscc: null,
    locale: 'zh-CN',
    ...fields,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers of the benchmarks

/** The p-th percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Prints the closing table: figure | ours | peer | target | met?. */
export function printFigures(
  rows: { figure: string; ours: string; peer: string; target: string; met: boolean }[],
) {
  const w = [
    Math.max(6, ...rows.map((r) => r.figure.length)),
    Math.max(4, ...rows.map((r) => r.ours.length)),
    Math.max(4, ...rows.map((r) => r.peer.length)),
    Math.max(6, ...rows.map((r) => r.target.length)),
  ] as const;
  const line = (a: string, b: string, c: string, d: string, e: string) =>
    console.log(`${a.padEnd(w[0])} | ${b.padEnd(w[1])} | ${c.padEnd(w[2])} | ${d.padEnd(w[3])} | ${e}`);
  console.log('');
  line('figure', 'ours', 'peer', 'target', 'met?');
  line('-'.repeat(w[0]), '-'.repeat(w[1]), '-'.repeat(w[2]), '-'.repeat(w[3]), '----');
  for (const r of rows) line(r.figure, r.ours, r.peer, r.target, r.met ? 'yes' : 'NO');
}

// ---------------------------------------------------------------------------------------------------------
// The database

/** The sizes of the benchmark database. */
export interface FinancingBenchSizes {
  enterprises: number;
  products: number;
  /** Open or in-progress demands (the newest ones). */
  demands: number;
  /** All demands, the open ones included (the dashboard's). */
  history: number;
  /** About how many responses the board bank has. */
  bankResponses: number;
}

/** The sizes from the command line (`--enterprises`, `--products`, `--demands`, `--history`, `--bank-responses`). */
export function sizesFromArgs(): FinancingBenchSizes {
  const demands = numberOption('demands', 100_000);
  return {
    enterprises: numberOption('enterprises', 200_000),
    products: numberOption('products', 1000),
    demands,
    history: Math.max(demands, numberOption('history', 1_000_000)),
    bankResponses: numberOption('bank-responses', 5000),
  };
}

export interface FinancingBenchDatabase {
  url: string;
  sizes: FinancingBenchSizes;
  boardBankId: number;
  responses: number;
  pairs: number;
  reused: boolean;
}

const DB_NAME = 'huiqi_bench_financing';
const BANKS = 20;

const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;
const START = Date.parse('2024-07-01T00:00:00+08:00');
const END = Date.parse('2026-06-30T18:00:00+08:00');
const LAST = Date.parse('2026-06-30T23:00:00+08:00');
const iso = (t: number) => new Date(t).toISOString();
/** The date in China of an instant. */
const dayOf = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
const N = '\\N';
const arr = (list: readonly string[]) => `{${list.join(',')}}`;

interface EnterpriseRow {
  id: number;
  region: string;
  industry: string | null;
  established: string | null;
  size: string | null;
}

/** What the history generator needs. */
interface Plan {
  sizes: FinancingBenchSizes;
  enterprises: EnterpriseRow[];
  /** Enterprises in a shuffled order: the open demands' (one each while there are enough). */
  openOrder: Int32Array;
  products: { id: number; institutionId: number; kind: string }[];
  /** Indexes into `products` of those serving each county. */
  productsOf: Map<string, number[]>;
  boardBankId: number;
  otherBanks: number[];
  /** The chance a Suzhou demand's response is the board bank's (to give it about `bankResponses`). */
  boardShare: number;
}

/**
 * The demands (`want` 'demands') or the responses ('responses') as COPY text in chunks, the same history on each
 * pass (every random draw is made whatever is written); 'count' writes nothing and counts into `counter` what the
 * board bank's share is computed from.
 */
function* historyChunks(
  plan: Plan,
  want: 'demands' | 'responses' | 'count',
  counter = { boardProduct: 0, boardCandidates: 0 },
): Generator<string> {
  const random = prng(20261215);
  const pick = pickWith(random);
  const { history, demands: open } = plan.sizes;
  const enterprises = plan.enterprises;
  let responseId = 0;
  let chunk = '';
  const clamp = (t: number) => Math.min(t, LAST);
  for (let i = 0; i < history; i++) {
    const demandId = i + 1;
    const openPhase = i >= history - open;
    const eIndex = openPhase
      ? (plan.openOrder[(i - (history - open)) % plan.openOrder.length] as number)
      : Math.floor(random() * enterprises.length);
    const e = enterprises[eIndex] as EnterpriseRow;
    const t = START + ((i + random()) / history) * (END - START);
    const postedOn = dayOf(t);
    const demand = benchDemand(random);
    const candidates = plan.productsOf.get(e.region) ?? [];
    const toProduct = random() < 0.15 && candidates.length > 0 ? pick(candidates) : -1;
    const product = toProduct >= 0 ? plan.products[toProduct] : undefined;
    const exclusive = random() < 0.9;
    const showProfile = random() < 0.5;
    const inBoardCity = e.region.startsWith(BOARD_CITY.slice(0, 4));
    // The bank of a response: the product's for a demand made to a product, else one serving the region.
    const bankFor = (avoid: number | null, forProduct: boolean) => {
      const a = random();
      const b = random();
      if (forProduct && product) {
        if (want === 'count' && product.institutionId === plan.boardBankId) counter.boardProduct++;
        return { bank: product.institutionId, kind: product.kind as string | null };
      }
      if (inBoardCity && avoid !== plan.boardBankId) {
        if (want === 'count') counter.boardCandidates++;
        if (a < plan.boardShare) return { bank: plan.boardBankId, kind: null };
      }
      let bank = plan.otherBanks[Math.floor(b * plan.otherBanks.length)] as number;
      if (bank === avoid)
        bank = plan.otherBanks[(plan.otherBanks.indexOf(bank) + 1) % plan.otherBanks.length] as number;
      return { bank, kind: null };
    };
    let state: string;
    let closedAt: number | null = null;
    let widened = false;
    let escalatedAt: number | null = null;
    const responses: string[] = [];
    const respond = (
      who: { bank: number; kind: string | null },
      pickedAt: number,
      r: {
        state: string;
        contactedAt?: number | null;
        visitedAt?: number | null;
        decidedAt?: number | null;
        granted?: { amount: string; rate: string; term: number; security: string; firstLoan: boolean } | null;
        decline?: { reason: string; text: string } | null;
        disbursed?: { at: number; amount: string } | null;
        closedAt?: number | null;
      },
    ) => {
      responseId++;
      if (want !== 'responses') return;
      const on = dayOf(pickedAt);
      const due = responseDeadlines(on, SETTINGS);
      const ts = (x: number | null | undefined) => (x === null || x === undefined ? N : iso(x));
      const g = r.granted;
      responses.push(
        [
          e.id,
          responseId,
          demandId,
          who.bank,
          r.state,
          e.region,
          who.kind ?? N,
          1,
          iso(pickedAt),
          on,
          due.contactDue,
          due.decisionDue,
          ts(r.contactedAt),
          ts(r.visitedAt),
          ts(r.decidedAt),
          g ? g.amount : N,
          g ? g.rate : N,
          g ? g.term : N,
          g ? g.security : N,
          g ? (g.firstLoan ? 't' : 'f') : N,
          r.decline ? r.decline.reason : N,
          r.decline ? r.decline.text : N,
          ts(r.disbursed?.at),
          r.disbursed ? r.disbursed.amount : N,
          ts(r.closedAt),
          'f',
        ].join('\t'),
      );
    };
    const pickedAt = clamp(t + (1 + random() * 60) * HOUR);
    const contactedAt = clamp(pickedAt + (0.5 + random() * 40) * HOUR);
    const decidedAt = clamp(contactedAt + (1 + random() * 20) * DAY_MS);
    const paidAt = clamp(decidedAt + (1 + random() * 10) * DAY_MS);
    const visited = random() < 0.3;
    const amountUnits = Number(demand.amount);
    const grantedAmount = String(Math.max(1, Math.round(amountUnits * (0.5 + random() * 0.5))));
    const grant = {
      amount: grantedAmount,
      rate: (3 + Math.floor(random() * 300) / 100).toFixed(2),
      term: demand.termMonths,
      security: random() < 0.4 ? 'credit' : 'secured',
      firstLoan: random() < 0.25,
    };
    const disbursedAmount =
      random() < 0.8 ? grantedAmount : String(Math.max(1, Math.round(Number(grantedAmount) * 0.8)));
    const reason = pick(DECLINE_REASONS);
    const decline = { reason: reason.code, text: `${reason.zh}，暂不符合授信条件` };
    const r = random();
    const r2 = random();
    if (!openPhase) {
      if (r < 0.1) {
        state = 'withdrawn';
        closedAt = clamp(t + (1 + r2 * 9) * DAY_MS);
      } else if (r < 0.15) {
        state = 'withdrawn';
        closedAt = contactedAt;
        respond(bankFor(null, true), pickedAt, { state: 'withdrawn', closedAt });
      } else if (r < 0.21) {
        // Released by one bank, decided by the next.
        const first = bankFor(null, true);
        respond(first, pickedAt, { state: 'released', contactedAt, closedAt: contactedAt + HOUR });
        const second = bankFor(first.bank, false);
        const at = clamp(contactedAt + 2 * HOUR);
        if (r2 < 0.7) {
          state = 'granted';
          closedAt = decidedAt;
          respond(second, at, { state: 'granted', contactedAt: clamp(at + HOUR), decidedAt, granted: grant });
        } else {
          state = 'declined';
          closedAt = decidedAt;
          respond(second, at, {
            state: 'declined',
            contactedAt: clamp(at + HOUR),
            decidedAt,
            decline,
            closedAt,
          });
        }
      } else if (r < 0.45) {
        state = 'declined';
        closedAt = decidedAt;
        respond(bankFor(null, true), pickedAt, {
          state: 'declined',
          contactedAt,
          visitedAt: visited ? contactedAt + HOUR : null,
          decidedAt,
          decline,
          closedAt,
        });
      } else {
        state = 'granted';
        closedAt = decidedAt;
        const paid = r2 < 0.65;
        respond(bankFor(null, true), pickedAt, {
          state: paid ? 'disbursed' : 'granted',
          contactedAt,
          visitedAt: visited ? contactedAt + HOUR : null,
          decidedAt,
          granted: grant,
          disbursed: paid ? { at: paidAt, amount: disbursedAmount } : null,
          closedAt: paid ? paidAt : null,
        });
      }
    } else if (r < 0.75) {
      state = 'open';
      if (r2 < 0.08) {
        // A bank released it: widened to every bank serving the region.
        widened = true;
        respond(bankFor(null, true), pickedAt, { state: 'released', closedAt: pickedAt + HOUR });
      } else if (r2 < 0.13) {
        widened = true;
        escalatedAt = Date.parse(`${pickupDue(postedOn, SETTINGS)}T09:00:00+08:00`);
      }
    } else {
      state = 'in_progress';
      const step = r2 < 0.4 ? 'picked_up' : r2 < 0.8 ? 'contacted' : 'visited';
      respond(bankFor(null, true), pickedAt, {
        state: step,
        contactedAt: step === 'picked_up' ? null : contactedAt,
        visitedAt: step === 'visited' ? contactedAt + HOUR : null,
      });
    }
    if (want === 'demands')
      chunk += `${[
        e.id,
        demandId,
        demand.amount,
        demand.termMonths,
        arr(demand.purposes),
        demand.description,
        arr(demand.collateral),
        demand.maxRate ?? N,
        showProfile ? 't' : 'f',
        exclusive ? 't' : 'f',
        product ? product.id : N,
        state,
        e.region,
        e.industry ?? N,
        e.size ?? N,
        e.established ?? N,
        N,
        postedOn,
        pickupDue(postedOn, SETTINGS),
        widened ? 't' : 'f',
        escalatedAt === null ? N : iso(escalatedAt),
        'f',
        1,
        iso(t),
        closedAt === null ? N : iso(closedAt),
      ].join('\t')}\n`;
    else if (want === 'responses' && responses.length > 0) chunk += `${responses.join('\n')}\n`;
    if (chunk.length > 1 << 18) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Builds (or reuses) the enterprises layer: the database, migrated, with the generated enterprises imported. */
async function enterprisesLayer(base: string, url: string, count: number, log: (line: string) => void) {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = await admin.query(`select 1 from pg_database where datname = '${DB_NAME}'`);
    if (exists.rowCount === 1) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query('select enterprises from bench_financing_enterprises');
        if (rows[0]?.enterprises === count) {
          log(`Reusing ${DB_NAME}'s ${count} enterprises.`);
          return;
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
  const file = path.join(os.tmpdir(), `huiqi-bench-enterprises-${count}.csv`);
  if (!existsSync(file)) {
    log(`Generating ${count} enterprises…`);
    await generateEnterprises(count, file);
  }
  const env = { DATABASE_URL: url, HUIQI_MODE: 'development', LOG_LEVEL: 'warn', HUIQI_AUDIT_KEY: AUDIT_KEY };
  const started = performance.now();
  await run(['bin/huiqi.js', 'migrate'], env);
  await run(['bin/huiqi.js', 'import', 'enterprises', file, '--mode', 'valid_rows'], env);
  log(`Imported ${count} enterprises in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The import's jobs (matching of the new enterprises to policies) are not this benchmark's.
    await client.query('delete from jobs');
    await client.query(`create table bench_financing_enterprises as select ${count}::int as enterprises`);
  } finally {
    await client.end();
  }
}

/**
 * Builds `huiqi_bench_financing` with the sizes, or reuses it (each layer when it already has its size). The open
 * demands are matched and the roll-up rebuilt at the end, so every benchmark starts from the state a bulk load
 * leaves.
 */
export async function buildFinancingBenchDatabase(
  sizes: FinancingBenchSizes,
  options: { base?: string; log?: (line: string) => void } = {},
): Promise<FinancingBenchDatabase> {
  const base = options.base ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const log = options.log ?? console.log;
  const url = dbUrl(base, DB_NAME);
  await enterprisesLayer(base, url, sizes.enterprises, log);

  const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 4 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrateToLatest(handle.db);
    const key = JSON.stringify(sizes);
    const done = await client
      .query('select key, board_bank_id, responses, pairs from bench_financing_done')
      .catch(() => ({
        rows: [] as { key: string; board_bank_id: string; responses: number; pairs: number }[],
      }));
    const row = done.rows[0];
    if (row?.key === key) {
      log(
        `Reusing ${DB_NAME}: ${sizes.enterprises} enterprises, ${sizes.products} products, ${sizes.history} demands (${sizes.demands} open), ${row.responses} responses, ${row.pairs} matches.`,
      );
      return {
        url,
        sizes,
        boardBankId: Number(row.board_bank_id),
        responses: row.responses,
        pairs: row.pairs,
        reused: true,
      };
    }

    let started = performance.now();
    await client.query('drop table if exists bench_financing_done');
    await client.query(`truncate financing_matches, financing_events, financing_responses, financing_stats,
      financing_demands, loan_products cascade`);
    await client.query(`delete from financial_institutions where name like '基准%'`);
    const bankIds: number[] = [];
    for (let k = 0; k < BANKS; k++) {
      const { rows } = await client.query(
        `insert into financial_institutions (uscc, name, kind, region_code) values ($1, $2, 'bank', $3) returning id`,
        [
          makeUscc(`91320000BENCHF0${String(k).padStart(2, '0')}`),
          k === 0 ? BOARD_BANK_NAME : `基准银行${String(k).padStart(2, '0')}`,
          k === 0 ? BOARD_CITY : BENCH_PROVINCE,
        ],
      );
      bankIds.push(Number(rows[0].id));
    }
    const boardBankId = bankIds[0] as number;
    const generated = benchProducts(sizes.products, bankIds, [BENCH_PROVINCE], 7, {
      institutionId: boardBankId,
      regions: [BOARD_CITY],
    });
    const products: Plan['products'] = [];
    for (const p of generated) {
      const { rows } = await client.query(
        `insert into loan_products (institution_id, name, kind, amount_min, amount_max, term_min_months,
          term_max_months, rate_min, rate_max, guarantee_fee_rate, regions, rule, status, created_by)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'published', 1) returning id`,
        [
          p.institutionId,
          p.name,
          p.kind,
          p.amountMin,
          p.amountMax,
          p.termMinMonths,
          p.termMaxMonths,
          p.rateMin,
          p.rateMax,
          p.guaranteeFeeRate,
          p.regions,
          p.rule === null ? null : JSON.stringify(p.rule),
        ],
      );
      products.push({ id: Number(rows[0].id), institutionId: p.institutionId, kind: p.kind });
    }

    const { rows: eRows } = await client.query(`
      select e.id, e.region_code, e.industry_code, e.established_on::text as established, s.size
      from enterprises e
      left join lateral (select size from enterprise_sizes s where s.enterprise_id = e.id and s.standard = 'cn-2011'
        order by s.year desc limit 1) s on true
      order by e.id`);
    const enterprises: EnterpriseRow[] = eRows.map(
      (r: {
        id: string;
        region_code: string;
        industry_code: string | null;
        established: string | null;
        size: string | null;
      }) => ({
        id: Number(r.id),
        region: r.region_code.trim(),
        industry: r.industry_code,
        established: r.established,
        size: r.size,
      }),
    );
    const shuffle = prng(99);
    const openOrder = Int32Array.from(enterprises.keys());
    for (let k = openOrder.length - 1; k > 0; k--) {
      const j = Math.floor(shuffle() * (k + 1));
      [openOrder[k], openOrder[j]] = [openOrder[j] as number, openOrder[k] as number];
    }
    const productsOf = new Map<string, number[]>();
    const prefixes = generated.map((p) => servedPrefixes(p.regions));
    for (const county of new Set(enterprises.map((e) => e.region)))
      productsOf.set(
        county,
        products.flatMap((_, k) => ((prefixes[k] as string[]).some((p) => county.startsWith(p)) ? [k] : [])),
      );
    const plan: Plan = {
      sizes,
      enterprises,
      openOrder,
      products,
      productsOf,
      boardBankId,
      otherBanks: bankIds.slice(1),
      boardShare: 0,
    };
    // The board bank's share: what it gets through demands made to its products, the rest by chance in Suzhou.
    const counter = { boardProduct: 0, boardCandidates: 0 };
    for (const chunk of historyChunks(plan, 'count', counter))
      if (chunk) throw new Error('the counting pass writes nothing');
    plan.boardShare = Math.min(
      1,
      Math.max(0, sizes.bankResponses - counter.boardProduct) / Math.max(1, counter.boardCandidates),
    );
    log(`Banks and ${products.length} products in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

    started = performance.now();
    await pipeline(
      Readable.from(historyChunks(plan, 'demands')),
      client.query(
        copyFrom(`copy financing_demands (enterprise_id, id, amount, term_months, purposes, description, collateral,
          max_rate, show_profile, exclusive, product_id, state, region_code, industry_code, size_class, established_on,
          grade, posted_on, pickup_due, widened, escalated_at, referred, created_by, created_at, closed_at) from stdin`),
      ),
    );
    log(`COPY of ${sizes.history} demands in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    started = performance.now();
    await pipeline(
      Readable.from(historyChunks(plan, 'responses')),
      client.query(
        copyFrom(`copy financing_responses (enterprise_id, id, demand_id, institution_id, state, region_code,
          product_kind, picked_up_by, picked_up_at, picked_up_on, contact_due, decision_due, contacted_at, visited_at,
          decided_at, granted_amount, granted_rate, granted_term_months, security, first_loan, decline_reason,
          decline_text, disbursed_at, disbursed_amount, closed_at, profile_shown) from stdin`),
      ),
    );
    for (const table of ['financing_demands', 'financing_responses'])
      await client.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), greatest(1, (select max(id) from ${table})))`,
      );
    await client.query(
      'analyze financing_demands, financing_responses, loan_products, financial_institutions',
    );
    const { rows: counts } = await client.query(
      `select count(*)::int as n, count(*) filter (where institution_id = $1)::int as board from financing_responses`,
      [boardBankId],
    );
    const responses = counts[0].n as number;
    log(
      `COPY of ${responses} responses (${counts[0].board} the board bank's) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );

    started = performance.now();
    const matched = await matchAllDemands(handle.db, FINANCING_BENCH_DAY);
    log(
      `Matched ${matched.demands} open demands: ${matched.pairs} pairs in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    started = performance.now();
    await rebuildStats(handle.db);
    log(`Rebuilt the dashboards' roll-up in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    await client.query(
      'vacuum analyze financing_demands, financing_responses, financing_matches, financing_stats',
    );
    await client.query(
      'create table bench_financing_done (key text, board_bank_id bigint, responses int, pairs int)',
    );
    await client.query('insert into bench_financing_done values ($1, $2, $3, $4)', [
      key,
      boardBankId,
      responses,
      matched.pairs,
    ]);
    return { url, sizes, boardBankId, responses, pairs: matched.pairs, reused: false };
  } finally {
    await client.end();
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildFinancingBenchDatabase(sizesFromArgs());
  console.log(
    `${built.url}: ${JSON.stringify(built.sizes)}, board bank ${built.boardBankId}, ${built.responses} responses, ${built.pairs} matches.`,
  );
}
