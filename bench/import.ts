/**
 * Figure: import + classify N enterprises (default 1,000,000) with yearly figures from CSV on PostgreSQL:
 * ≥ 50,000 rows/s end to end and within 2× of a bare COPY of the same file into an unindexed table (the floor),
 * measured in the same run; peak RSS of the importing process < 400 MB. The PGlite figure is reported too, and
 * so is the database's own share (the same records stored by set-based SQL with no client), which bounds what
 * any client could reach with this schema on this machine.
 *
 * Usage: npx tsx bench/import.ts [--rows 1000000] [--skip-pglite]
 */

import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { generateEnterprises } from './generate-enterprises.ts';
import { ROOT, startChild } from './lib.ts';

const args = process.argv.slice(2);
const rowsIndex = args.indexOf('--rows');
const rows = rowsIndex >= 0 ? Number(args[rowsIndex + 1]) : 1_000_000;
const skipPglite = args.includes('--skip-pglite');
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const file = path.join(os.tmpdir(), `huiqi-bench-enterprises-${rows}.csv`);
void startChild;

if (!existsSync(file)) {
  console.log(`Generating ${rows} enterprises…`);
  await generateEnterprises(rows, file);
}
const mb = statSync(file).size / 1024 / 1024;

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The floor: COPY the same CSV into an unindexed table of text columns. */
async function bareCopy(): Promise<number> {
  const url = await freshDatabase('huiqi_bench_copy');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    'create table copy_floor (uscc text, name text, region text, industry text, established text, year text, employees text, revenue text, assets text)',
  );
  const started = performance.now();
  await pipeline(
    createReadStream(file),
    client.query(copyFrom('copy copy_floor from stdin with (format csv, header true)')),
  );
  const seconds = (performance.now() - started) / 1000;
  const { rows: count } = await client.query('select count(*)::int as n from copy_floor');
  await client.end();
  if (count[0].n !== rows) throw new Error(`COPY loaded ${count[0].n} rows`);
  return seconds;
}

/** Runs `huiqi import enterprises` in its own process; returns seconds and peak RSS in MB. */
async function huiqiImport(
  env: Record<string, string>,
): Promise<{ seconds: number; peakMb: number; output: string }> {
  // Migrate first, outside the timing.
  await new Promise<void>((resolve, reject) => {
    const m = spawn(process.execPath, ['bin/huiqi.js', 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    m.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrate exited ${code}`))));
  });
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['bin/huiqi.js', 'import', 'enterprises', file, '--mode', 'valid_rows'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', () => undefined);
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakKb = Math.max(peakKb, hwm);
    } catch {
      // the process has ended
    }
  }, 100);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`import exited ${code}: ${output}`);
  return { seconds, peakMb: peakKb / 1024, output: output.trim() };
}

/**
 * The database's own share: the records our import stored, inserted again by the database alone into empty copies
 * of the registry's tables (same columns, indexes and constraints; the USCC claimed in the lookup first, as the
 * registry does, ADR 0025), as four set-based statements in one
 * transaction, with no client work at all. What an import could reach if the client cost nothing.
 */
async function databaseAlone(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    create unlogged table stage_e as select uscc::text as uscc, name, former_names, legal_representative, region_code,
      industry_code, established_on, status, ownership_type, name_initials, search_terms from enterprises;
    create unlogged table stage_f as select e.uscc::text as uscc, f.year, f.employees, f.operating_revenue,
      f.main_business_revenue, f.total_assets, f.total_liabilities, f.rd_expense, f.rd_staff, f.taxable_income,
      f.vat_taxpayer_type from enterprise_figures f join enterprises e on e.id = f.enterprise_id;
    create unlogged table stage_s as select e.uscc::text as uscc, s.year, s.standard, s.size, s.category, s.reason_zh,
      s.reason_en from enterprise_sizes s join enterprises e on e.id = s.enterprise_id;
    create table floor_u (like enterprise_usccs including all);
    create sequence floor_ids;
    create table floor_e (like enterprises including all);
    create table floor_f (like enterprise_figures including all);
    create table floor_s (like enterprise_sizes including all);
    analyze stage_e, stage_f, stage_s;`);
  const started = performance.now();
  await client.query(`
    begin;
    insert into floor_u (uscc, enterprise_id) select uscc, nextval('floor_ids') from stage_e
      on conflict (uscc) do nothing;
    insert into floor_e (id, uscc, name, former_names, legal_representative, region_code, industry_code,
      established_on, status, ownership_type, name_initials, search_terms) overriding system value
      select u.enterprise_id, s.* from stage_e s join floor_u u on u.uscc = s.uscc on conflict (id) do nothing;
    insert into floor_f (enterprise_id, year, employees, operating_revenue, main_business_revenue, total_assets,
      total_liabilities, rd_expense, rd_staff, taxable_income, vat_taxpayer_type, source)
      select e.id, s.year, s.employees, s.operating_revenue, s.main_business_revenue, s.total_assets,
        s.total_liabilities, s.rd_expense, s.rd_staff, s.taxable_income, s.vat_taxpayer_type, 'floor'
      from stage_f s join floor_e e on e.uscc = s.uscc;
    insert into floor_s (enterprise_id, year, standard, size, category, reason_zh, reason_en)
      select e.id, s.year, s.standard, s.size, s.category, s.reason_zh, s.reason_en
      from stage_s s join floor_e e on e.uscc = s.uscc;
    commit;`);
  const seconds = (performance.now() - started) / 1000;
  await client.query(
    'drop table stage_e, stage_f, stage_s, floor_u, floor_e, floor_f, floor_s; drop sequence floor_ids',
  );
  await client.end();
  return seconds;
}

console.log(`File: ${rows} enterprises with 2025 figures, ${mb.toFixed(1)} MB CSV\n`);
const copySeconds = await bareCopy();
const pgUrl = await freshDatabase('huiqi_bench_import');
const ours = await huiqiImport({ DATABASE_URL: pgUrl, HUIQI_MODE: 'development', LOG_LEVEL: 'warn' });
const aloneSeconds = await databaseAlone(pgUrl);
const lines = [
  ['floor: bare COPY into an unindexed table (PostgreSQL)', copySeconds, null],
  ['database alone: same records, registry tables, no client', aloneSeconds, null],
  ['huiqi import enterprises, valid_rows (PostgreSQL)', ours.seconds, ours.peakMb],
] as [string, number, number | null][];
let pgliteNote = '';
if (!skipPglite) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-bench-pglite-'));
  try {
    const lite = await huiqiImport({
      DATABASE_URL: '',
      HUIQI_DATA_DIR: dir,
      HUIQI_MODE: 'development',
      LOG_LEVEL: 'warn',
    });
    lines.push(['huiqi import enterprises, valid_rows (PGlite)', lite.seconds, lite.peakMb]);
    pgliteNote = lite.output.split('\n')[0] ?? '';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`${'run'.padEnd(58)} ${'seconds'.padStart(8)} ${'rows/s'.padStart(9)} ${'peak RSS'.padStart(9)}`);
for (const [name, seconds, peak] of lines) {
  console.log(
    `${name.padEnd(58)} ${seconds.toFixed(1).padStart(8)} ${String(Math.round(rows / seconds)).padStart(9)} ${peak === null ? '        -' : `${peak.toFixed(0).padStart(6)} MB`}`,
  );
}
console.log(`\n${ours.output.split('\n')[0]}`);
if (pgliteNote) console.log(pgliteNote);
const rate = rows / ours.seconds;
const ratio = ours.seconds / copySeconds;
console.log(
  `\nPostgreSQL: ${Math.round(rate)} rows/s (target ≥ 50,000), ${ratio.toFixed(1)}× the bare COPY (target ≤ 2×), peak RSS ${ours.peakMb.toFixed(0)} MB (target < 400 MB)`,
);
console.log(
  `The database alone stores these records at ${Math.round(rows / aloneSeconds)} rows/s (one backend, no client); ours is ${(ours.seconds / aloneSeconds).toFixed(1)}× that.`,
);
console.log(rate >= 50_000 && ratio <= 2 && ours.peakMb < 400 ? 'TARGET MET' : 'TARGET NOT MET');
