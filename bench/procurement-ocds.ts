/**
 * Figure (issue 17, measure 8): import an OCDS file of 100,000 contracts at ≥ 10,000 contracts a second, beside its
 * peer from the same run — a bare `JSON.parse` of the same file (reading it and nothing more).
 *
 * - Data: the database `huiqi_bench_procurement_ocds` on BENCH_DATABASE_URL's server (default the test server),
 *   made and migrated once: 200 buying bodies in 江苏省's counties and a registry of 20,000 enterprises with their
 *   2025 figures (so sizes). The file (bench/.out/, written each run, deterministic): a release package of 100,000
 *   releases, one award each, of those bodies; a supplier from the registry four times in five, else unregistered
 *   (one in ten of those a consortium with a registered partner); the scale as the supplier would give it (one in
 *   eight `sme`, one in twenty none); amounts to the fen; goods, services and works.
 * - Ours: the procurement module's `importOcds` as the route calls it (admin), end to end — the text read release by
 *   release and each checked against the schema, releases of an ocid compiled, awards read, bodies and the stored
 *   awards looked up, the registry's match of every supplier, the rows written (INSERT … SELECT FROM unnest, 5,000 a
 *   statement), the year's shares of every body recomputed, one audit entry a body, one transaction. Three passes: into an empty table (100,000 created),
 *   the same file again (100,000 unchanged, nothing written), and a corrected file (every tenth release later, its
 *   amount changed: 10,000 updated).
 * - Peer: `JSON.parse` of the same text, median of three.
 *
 * Usage: npx tsx bench/procurement-ocds.ts [--contracts 100000]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { regionChildren } from '../src/reference/regions.ts';
import { makeUscc } from '../src/reference/uscc.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Caller } from '../src/server/http/auth.ts';
import { auditKeyFrom, setAuditKey } from '../src/server/modules/audit/index.ts';
import { prng } from '../src/server/modules/demo/index.ts';
import { importOcds, readOcds } from '../src/server/modules/procurement/index.ts';
import { writeEnterpriseBatch } from '../src/server/modules/registry/index.ts';
import { percentile, printFigures } from './financing-data.ts';
import { dbUrl, numberOption, ROOT } from './lib.ts';

const CONTRACTS = numberOption('contracts', 100_000);
const ENTERPRISES = 20_000;
const BODIES = 200;
const DB_NAME = 'huiqi_bench_procurement_ocds';
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const url = dbUrl(base, DB_NAME);

// ---- the database, once

const admin = new pg.Client({ connectionString: base });
await admin.connect();
if ((await admin.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount === 0)
  await admin.query(`create database ${DB_NAME}`);
await admin.end();
setAuditKey(auditKeyFrom('bench-procurement-ocds-audit-key-0123456789abcdef0123456789ab'));
const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 4 });
const db = handle.db;
await migrateToLatest(db);

const counties = regionChildren('320000')
  .flatMap((city) => regionChildren(city.code))
  .filter((c) => !c.code.endsWith('00'))
  .map((c) => c.code);
const bodyUscc = (i: number) => makeUscc(`11${counties[i % counties.length]}${String(i).padStart(9, '0')}`);
const enterpriseUscc = (i: number) =>
  makeUscc(`91${counties[i % counties.length]}${String(i).padStart(9, '0')}`);

const { rows: had } = await sql<{ bodies: number; enterprises: number }>`
  select (select count(*)::int from procurement_bodies) as bodies,
    (select count(*)::int from enterprises) as enterprises`.execute(db);
if ((had[0]?.enterprises ?? 0) < ENTERPRISES) {
  console.log(`Writing a registry of ${ENTERPRISES.toLocaleString('en-US')} enterprises…`);
  const random = prng(17);
  for (let from = 0; from < ENTERPRISES; from += 2000) {
    const batch = Array.from({ length: Math.min(2000, ENTERPRISES - from) }, (_, k) => {
      const i = from + k;
      const employees = Math.round(Math.exp(random() * 7));
      return {
        uscc: enterpriseUscc(i),
        name: `基准供应商${i}有限公司`,
        formerNames: [],
        legalRepresentative: '张三',
        regionCode: counties[i % counties.length] as string,
        industryCode: 'C34',
        establishedOn: '2015-06-01',
        status: 'active' as const,
        ownershipType: '私营',
        certifications: [],
        figures: {
          year: 2025,
          employees,
          operatingRevenue: Math.round(employees * (20 + random() * 200)),
          mainBusinessRevenue: null,
          totalAssets: null,
          totalLiabilities: null,
          rdExpense: null,
          rdStaff: null,
          taxableIncome: null,
          vatTaxpayerType: null,
        },
      };
    });
    await writeEnterpriseBatch(db, batch, 'bench');
  }
  await sql`delete from jobs`.execute(db);
}
if ((had[0]?.bodies ?? 0) < BODIES) {
  await sql`delete from procurement_bodies`.execute(db);
  for (let i = 0; i < BODIES; i++)
    await sql`insert into procurement_bodies (uscc, name, region_code, kind)
      values (${bodyUscc(i)}, ${`基准采购单位${i}`}, ${counties[i % counties.length]}, 'government')`.execute(
      db,
    );
}
const { rows: bodyRows } = await sql<{ uscc: string; name: string }>`
  select uscc, name from procurement_bodies order by id`.execute(db);
await sql`vacuum analyze enterprises, enterprise_sizes, procurement_bodies`.execute(db);

// ---- the file

const KINDS = ['goods', 'services', 'works'] as const;
const SCALES = ['micro', 'small', 'medium', 'large'] as const;

/** The release package text; `corrected`: every tenth release later, its amount one yuan more. */
function packageText(corrected: boolean): string {
  const random = prng(2026);
  const releases: string[] = [];
  for (let i = 0; i < CONTRACTS; i++) {
    const body = bodyRows[i % bodyRows.length] as { uscc: string; name: string };
    const registered = random() < 0.8;
    const e = Math.floor(random() * ENTERPRISES);
    const supplier = registered
      ? { id: `S${e}`, uscc: enterpriseUscc(e), name: `基准供应商${e}有限公司` }
      : { id: `U${i}`, uscc: null, name: `未登记供应商${i}` };
    const pick = random();
    const scale = pick < 0.05 ? null : pick < 0.175 ? 'sme' : SCALES[Math.floor(random() * 4)];
    const consortium = !registered && random() < 0.1;
    const partner = Math.floor(random() * ENTERPRISES);
    const parties: unknown[] = [
      {
        id: 'B',
        name: body.name,
        identifier: { scheme: 'CN-SAIC', id: body.uscc },
        roles: ['buyer', 'procuringEntity'],
      },
      {
        id: supplier.id,
        name: supplier.name,
        ...(supplier.uscc ? { identifier: { scheme: 'CN-SAIC', id: supplier.uscc } } : {}),
        roles: ['supplier'],
        ...(scale ? { details: { scale } } : {}),
      },
    ];
    if (consortium)
      parties.push({
        id: `S${partner}`,
        name: `基准供应商${partner}有限公司`,
        identifier: { scheme: 'CN-SAIC', id: enterpriseUscc(partner) },
        roles: ['supplier'],
        details: { scale: 'small' },
      });
    const later = corrected && i % 10 === 0;
    const amount = (10_000 + Math.floor(random() * 5_000_000_00) / 100 + (later ? 1 : 0)).toFixed(2);
    // Awards of January to November 2026 (an award after the day of import is refused).
    const day = `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const ocid = `ocds-bench1-2026-${i}`;
    releases.push(
      JSON.stringify({
        ocid,
        id: `${ocid}-${later ? 2 : 1}`,
        date: `${later ? '2026-11-30' : day}T10:00:00+08:00`,
        tag: [later ? 'awardUpdate' : 'award'],
        initiationType: 'tender',
        parties,
        buyer: { id: 'B', name: body.name },
        tender: {
          id: `T${i}`,
          title: `基准采购项目${i}`,
          mainProcurementCategory: KINDS[i % 3],
          suitability: { sme: i % 17 !== 0 },
        },
        awards: [
          {
            id: '1',
            title: `基准采购项目${i}成交`,
            status: 'active',
            date: `${day}T00:00:00+08:00`,
            value: { amount: Number(amount), currency: 'CNY' },
            suppliers: [
              { id: supplier.id, name: supplier.name },
              ...(consortium ? [{ id: `S${partner}`, name: `基准供应商${partner}有限公司` }] : []),
            ],
          },
        ],
      }),
    );
  }
  return `{"uri":"https://ocds.example.org/bench/${CONTRACTS}","version":"1.1","publishedDate":"2026-12-31T00:00:00Z","publisher":{"name":"基准发布方"},"releases":[\n${releases.join(',\n')}\n]}\n`;
}

const text = packageText(false);
const correctedText = packageText(true);
const out = path.join(ROOT, 'bench/.out');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, `procurement-ocds-${CONTRACTS}.json`), text);
const megabytes = Buffer.byteLength(text) / 1024 / 1024;

// ---- peer: JSON.parse of the same text

const parses: number[] = [];
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  const parsed = JSON.parse(text) as { releases: unknown[] };
  parses.push((performance.now() - started) / 1000);
  if (parsed.releases.length !== CONTRACTS) throw new Error('the file does not hold every release');
}
const parseSeconds = percentile(
  [...parses].sort((a, b) => a - b),
  50,
);

// ---- ours: importOcds, three passes

const caller: Caller = {
  requestId: null,
  actor: {
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
  },
};
await sql`truncate procurement_declarations, procurement_awards, procurement_projects, procurement_shares`.execute(
  db,
);
await sql`vacuum analyze procurement_awards`.execute(db);
const loadBefore = os.loadavg() as [number, number, number];
const readStarted = performance.now();
const read = readOcds(text);
const readSeconds = (performance.now() - readStarted) / 1000;
if (read.problems.length > 0) throw new Error(`the file is not valid: ${JSON.stringify(read.problems[0])}`);
const pass = async (name: string, file: string) => {
  const started = performance.now();
  const result = await importOcds(db, caller, {
    text: file,
    fileName: `bench-${CONTRACTS}.json`,
    sha256: null,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${name.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s ${Math.round(CONTRACTS / seconds)
      .toLocaleString('en-US')
      .padStart(9)}/s  created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}`,
  );
  return { seconds, result };
};
console.log(
  `\nAn OCDS release package of ${CONTRACTS.toLocaleString('en-US')} contracts (${megabytes.toFixed(1)} MB) into PostgreSQL, ${bodyRows.length} bodies, a registry of ${ENTERPRISES.toLocaleString('en-US')}\n`,
);
const first = await pass('ours: importOcds into an empty table', text);
const again = await pass('ours: the same file again', text);
const corrected = await pass('ours: a corrected file (every tenth)', correctedText);
await sql`vacuum analyze procurement_awards`.execute(db);
const loadAfter = os.loadavg() as [number, number, number];
if (first.result.created !== CONTRACTS || again.result.unchanged !== CONTRACTS)
  throw new Error('the passes did not do what they should');
if (corrected.result.updated !== CONTRACTS / 10) throw new Error('the corrected pass did not update a tenth');

const rate = (seconds: number) => `${Math.round(CONTRACTS / seconds).toLocaleString('en-US')}/s`;
console.log(
  `\npeer: JSON.parse of the same text, median of 3: ${parseSeconds.toFixed(2)} s (${rate(parseSeconds)}); of ours, reading and checking the file alone (readOcds): ${readSeconds.toFixed(2)} s`,
);
console.log(
  `Load average (1, 5 min) on ${os.cpus().length} cores: ${loadBefore[0].toFixed(1)}, ${loadBefore[1].toFixed(1)} before; ${loadAfter[0].toFixed(1)}, ${loadAfter[1].toFixed(1)} after (other work on this machine).`,
);
printFigures([
  {
    figure: `import ${CONTRACTS.toLocaleString('en-US')} contracts (OCDS JSON), end to end`,
    ours: `${rate(first.seconds)} (${first.seconds.toFixed(1)} s)`,
    peer: `${rate(parseSeconds)} (JSON.parse alone, ${parseSeconds.toFixed(2)} s)`,
    target: '≥ 10,000/s',
    met: CONTRACTS / first.seconds >= 10_000,
  },
  {
    figure: 'the same file again (nothing written)',
    ours: `${rate(again.seconds)} (${again.seconds.toFixed(1)} s)`,
    peer: `${rate(parseSeconds)}`,
    target: '≥ 10,000/s',
    met: CONTRACTS / again.seconds >= 10_000,
  },
]);
await handle.close();
