import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { prng } from '../src/server/modules/demo/index.ts';
import { generateEnterprises } from './generate-enterprises.ts';
import { dbUrl, numberOption, runNode as run } from './lib.ts';

/** The day the credit data is built around (records decided before it, penalties in force or lapsed by it). */
export const CREDIT_BENCH_DAY = '2026-06-30';

/**
 * The audit key the benchmark database is made with (a benchmark's own, never a deployment's): the benchmarks that
 * append audit entries to it (bench/credit-report.ts) use it too. `HUIQI_AUDIT_KEY_FILE` overrides it for a
 * database made before the key was fixed.
 */
export const CREDIT_BENCH_AUDIT_KEY = 'bench-credit-audit-key-0123456789abcdef0123456789abcdef';

/** What `buildCreditBenchDatabase` leaves: the database's URL and its size. */
export interface CreditBenchDatabase {
  url: string;
  enterprises: number;
  records: number;
  reused: boolean;
}

const DEPARTMENTS: Record<string, string> = {
  licence: '市场监督管理局',
  penalty: '市场监督管理局',
  judgment: '人民法院',
  dishonesty: '发展和改革委员会',
  honour: '工业和信息化局',
  tax: '税务局',
  social_insurance: '人力资源和社会保障局',
  housing_fund: '住房公积金管理中心',
  trade: '海关',
  utilities: '供电公司',
  real_estate: '不动产登记中心',
  ip: '知识产权局',
};

const pad = (n: number) => String(n).padStart(2, '0');
/** A day `daysBack` before 2026-06-30 (the bench day), as an ISO date. */
function dayBack(daysBack: number): string {
  const t = new Date(Date.UTC(2026, 5, 30 - daysBack));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
function plusYearsMinusDay(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d - 1));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The credit records of the enterprises as COPY text (tab-separated), in chunks. */
function* recordLines(ids: readonly number[], seed = 7): Generator<string> {
  const random = prng(seed);
  const grades = ['A', 'A', 'B', 'B', 'B', 'M', 'C', 'D'];
  let chunk = '';
  const line = (
    id: number,
    category: string,
    item: string,
    title: string,
    num: number | null,
    text: string | null,
    decided: string,
    until: string | null,
    status = 'active',
  ) => {
    chunk += `${id}\t${category}\t${item}\t${title}\t${num ?? '\\N'}\t${text ?? '\\N'}\t${decided}\t${until ?? '\\N'}\tdepartment\t${DEPARTMENTS[category]}\t${status}\n`;
  };
  for (const id of ids) {
    const licences = Math.floor(random() * 4);
    for (let k = 0; k < licences; k++) {
      const decided = dayBack(Math.floor(random() * 3000));
      line(
        id,
        'licence',
        'licence',
        '经营许可',
        null,
        null,
        decided,
        random() < 0.3 ? plusYearsMinusDay(decided, 5) : null,
      );
    }
    if (random() < 0.2) {
      const n = 1 + Math.floor(random() * 2);
      for (let k = 0; k < n; k++) {
        const decided = dayBack(Math.floor(random() * 1800));
        const safety = random() < 0.2;
        line(
          id,
          'penalty',
          safety ? 'penalty_safety' : 'penalty',
          '行政处罚决定书',
          Math.round(random() * 500) / 100,
          null,
          decided,
          plusYearsMinusDay(decided, 3),
        );
      }
    }
    if (random() < 0.05)
      line(
        id,
        'judgment',
        'enforcement',
        '执行案件',
        null,
        random() < 0.5 ? 'open' : 'closed',
        dayBack(Math.floor(random() * 1500)),
        null,
      );
    if (random() < 0.01)
      line(
        id,
        'dishonesty',
        'dishonesty',
        '列入严重失信主体名单',
        null,
        null,
        dayBack(Math.floor(random() * 900)),
        null,
      );
    if (random() < 0.15)
      line(
        id,
        'honour',
        random() < 0.5 ? 'honour' : 'support',
        '表彰',
        null,
        null,
        dayBack(Math.floor(random() * 2000)),
        null,
      );
    for (const year of [2024, 2025]) {
      line(
        id,
        'tax',
        'credit_grade',
        `${year}年度纳税信用评价`,
        null,
        grades[Math.floor(random() * grades.length)] as string,
        `${year + 1}-04-15`,
        null,
      );
      line(
        id,
        'tax',
        'tax_paid',
        `${year}年度纳税`,
        Math.round(random() * random() * 30000) / 100,
        null,
        `${year + 1}-01-31`,
        null,
      );
    }
    line(
      id,
      'social_insurance',
      'months_paid',
      '社保缴纳',
      12 - Math.floor(random() * random() * 13),
      null,
      dayBack(Math.floor(random() * 60)),
      null,
    );
    if (random() < 0.6)
      line(
        id,
        'housing_fund',
        'months_paid',
        '公积金缴存',
        12 - Math.floor(random() * random() * 13),
        null,
        dayBack(Math.floor(random() * 60)),
        null,
      );
    if (random() < 0.1)
      line(
        id,
        'trade',
        'amount',
        '2025年度进出口',
        Math.round(random() * 100000) / 100,
        null,
        '2026-01-20',
        null,
      );
    if (random() < 0.8)
      line(
        id,
        'utilities',
        'arrears_months',
        '水电气缴费',
        Math.floor(random() * random() * random() * 6),
        null,
        dayBack(Math.floor(random() * 60)),
        null,
      );
    if (random() < 0.3)
      line(id, 'real_estate', 'owned', '不动产权证', null, null, dayBack(Math.floor(random() * 4000)), null);
    const patents = random() < 0.3 ? Math.floor(random() * 4) : 0;
    for (let k = 0; k < patents; k++)
      line(id, 'ip', 'patent', '发明专利', null, null, dayBack(Math.floor(random() * 3000)), null);
    if (chunk.length > 1 << 18) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Builds `huiqi_bench_credit`, or reuses it when it holds `enterprises` enterprises and their records. */
export async function buildCreditBenchDatabase(
  options: { base?: string; enterprises?: number; log?: (line: string) => void } = {},
): Promise<CreditBenchDatabase> {
  const base = options.base ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const enterprises = options.enterprises ?? 1_000_000;
  const log = options.log ?? console.log;
  const url = dbUrl(base, 'huiqi_bench_credit');
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = await admin.query(`select 1 from pg_database where datname = 'huiqi_bench_credit'`);
  if (exists.rowCount === 1) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`select (select count(*) from enterprises)::int as e,
        (select count(*) from credit_records)::int as r,
        (select count(*) from pg_class where relname = 'bench_credit_done')::int as done`);
      if (rows[0].e === enterprises && rows[0].done === 1) {
        await admin.end();
        log(`Reusing huiqi_bench_credit: ${rows[0].e} enterprises, ${rows[0].r} credit records.`);
        return { url, enterprises, records: rows[0].r, reused: true };
      }
    } catch {
      // not a complete database: built again
    } finally {
      await client.end();
    }
  }
  await admin.query('drop database if exists huiqi_bench_credit with (force)');
  await admin.query('create database huiqi_bench_credit');
  await admin.end();

  const file = path.join(os.tmpdir(), `huiqi-bench-enterprises-${enterprises}.csv`);
  if (!existsSync(file)) {
    log(`Generating ${enterprises} enterprises…`);
    await generateEnterprises(enterprises, file);
  }
  const env = {
    DATABASE_URL: url,
    HUIQI_MODE: 'development',
    LOG_LEVEL: 'warn',
    HUIQI_AUDIT_KEY: CREDIT_BENCH_AUDIT_KEY,
  };
  let started = performance.now();
  await run(['bin/huiqi.js', 'migrate'], env);
  await run(['bin/huiqi.js', 'import', 'enterprises', file, '--mode', 'valid_rows'], env);
  log(`Imported ${enterprises} enterprises in ${((performance.now() - started) / 1000).toFixed(0)} s.`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The import's jobs (matching of the new enterprises) are not this benchmark's.
    await client.query('delete from jobs');
    started = performance.now();
    // 2025 as imported, with liabilities and R&D; 2024 derived from it (revenue growth has two years to read).
    await client.query(`update enterprise_figures set
        total_liabilities = round(total_assets * ((id * 7919) % 100) / 100.0, 2),
        rd_expense = case when id % 3 = 0 then round(operating_revenue * ((id * 31) % 12) / 100.0, 2) end
      where year = 2025`);
    await client.query(`insert into enterprise_figures (enterprise_id, year, employees, operating_revenue,
        total_assets, total_liabilities, source)
      select enterprise_id, 2024, employees, round(operating_revenue * (0.7 + ((id * 13) % 60) / 100.0), 2),
        total_assets, total_liabilities, 'bench'
      from enterprise_figures where year = 2025 and is_current and id % 10 <> 0`);
    await client.query(`insert into enterprise_certifications (enterprise_id, name, valid_from, valid_to, source)
      select id, case when id % 3 = 0 then '专精特新中小企业' else '高新技术企业' end, '2024-01-01',
        case when id % 2 = 0 then '2026-12-31'::date end, 'bench'
      from enterprises where id % 29 = 0`);
    log(`Figures of 2024 and recognitions in ${((performance.now() - started) / 1000).toFixed(0)} s.`);

    started = performance.now();
    const { rows: idRows } = await client.query('select id from enterprises order by id');
    const ids = idRows.map((r: { id: string }) => Number(r.id));
    await pipeline(
      Readable.from(recordLines(ids)),
      client.query(
        copyFrom(`copy credit_records (enterprise_id, category, item, title, value_number, value_text,
          decided_on, publish_until, source_kind, source_department, status) from stdin`),
      ),
    );
    await client.query('analyze');
    await client.query('create table bench_credit_done (at timestamptz default now())');
    const { rows } = await client.query('select count(*)::int as n from credit_records');
    log(`COPY of ${rows[0].n} credit records in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    return { url, enterprises, records: rows[0].n, reused: false };
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildCreditBenchDatabase({ enterprises: numberOption('enterprises', 1_000_000) });
  console.log(`${built.url}: ${built.enterprises} enterprises, ${built.records} credit records.`);
}
