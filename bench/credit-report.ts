/**
 * Figure (issue 14, measure 4): a consented bank's credit report on one enterprise, consent check and audit
 * included, p99 ≤ 30 ms with 1,000,000 enterprises and about 10,000,000 credit records on PostgreSQL; the cost of the
 * consent check and the audit printed separately.
 *
 * - "Ours" is the service a request runs (`creditReport`: the consent read FOR SHARE and checked, the enterprise's
 *   card, its published records of the consented categories, the access-log row and the audit entry, one
 *   transaction), called for random enterprises each with a live consent.
 * - The peer, from the same run, is the same read with neither consent nor log: the card and the records (what a
 *   platform without consents would do). Ours minus the peer is the cost of the check and the audit; that part
 *   alone (the consent read and check, the log row, the audit entry, in one transaction) is timed too.
 * Each is timed one call at a time (sequential) and with 4 callers at once (the audit chain's head is one row every
 * audited write locks).
 *
 * Uses `huiqi_bench_credit` (bench/credit-data.ts builds or reuses it). Usage:
 *   npx tsx bench/credit-report.ts [--enterprises 1000000] [--calls 2000]
 */
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Actor } from '../src/server/http/auth.ts';
import { appendAudit, resolveAuditKey, setAuditKey } from '../src/server/modules/audit/index.ts';
import { creditReport, readConsentedScore } from '../src/server/modules/credit/index.ts';
import { enterpriseCards } from '../src/server/modules/registry/index.ts';
import { buildCreditBenchDatabase, CREDIT_BENCH_AUDIT_KEY, CREDIT_BENCH_DAY } from './credit-data.ts';
import { numberOption } from './lib.ts';

const ENTERPRISES = numberOption('enterprises', 1_000_000);
const CALLS = numberOption('calls', 2000);
const DAY = CREDIT_BENCH_DAY;
const CATEGORIES = ['licence', 'penalty', 'judgment', 'dishonesty', 'tax', 'social_insurance'];

const built = await buildCreditBenchDatabase({ enterprises: ENTERPRISES });
// The audit key the database was made with (bench/credit-data.ts), or the file HUIQI_AUDIT_KEY_FILE names.
const keyFile = process.env.HUIQI_AUDIT_KEY_FILE;
setAuditKey(
  resolveAuditKey(
    loadConfig({
      DATABASE_URL: built.url,
      HUIQI_MODE: 'development',
      ...(keyFile ? { HUIQI_AUDIT_KEY_FILE: keyFile } : { HUIQI_AUDIT_KEY: CREDIT_BENCH_AUDIT_KEY }),
    }).auditKey,
  ),
);
const handle = await openDatabase({ databaseUrl: built.url, dataDir: '', poolSize: 8 });
const db = handle.db;
await migrateToLatest(db);

// A bank, its user, and live consents on a random spread of enterprises (made once, reused by later runs).
const bank = await sql<{ id: number }>`
  insert into financial_institutions (uscc, name, kind, region_code)
  values ('91320583MA1BENCH00', '基准测试银行', 'bank', '320583')
  on conflict do nothing returning id`.execute(db);
const bankId =
  bank.rows[0]?.id ??
  Number(
    (await sql<{ id: number }>`select id from financial_institutions where name = '基准测试银行'`.execute(db))
      .rows[0]?.id,
  );
const consents = await sql<{ enterprise_id: number; id: number }>`
  select enterprise_id, id from credit_consents where institution_id = ${bankId} and state = 'authorised'`.execute(
  db,
);
let live = consents.rows.map((r) => ({ enterpriseId: Number(r.enterprise_id), consentId: Number(r.id) }));
if (live.length < CALLS) {
  const made = await sql<{ enterprise_id: number; id: number }>`
    insert into credit_consents (enterprise_id, institution_id, scope, categories, include_score, purpose,
      valid_from, valid_until, state, requested_by_role, requested_by, signer_name, decided_at, receipt_id)
    select id, ${bankId}, 'report', ${CATEGORIES}::text[], true, '贷前审查：基准测试', ${DAY}::date - 30,
      ${DAY}::date + 300, 'authorised', 'enterprise', 1, '基准', now(), gen_random_uuid()
    from enterprises order by (id * 2654435761) % 1000003 limit ${CALLS}
    returning enterprise_id, id`.execute(db);
  live = made.rows.map((r) => ({ enterpriseId: Number(r.enterprise_id), consentId: Number(r.id) }));
}
await sql`analyze credit_consents`.execute(db);

const actor: Actor = {
  userId: 1,
  username: 'bench.bank',
  displayName: '基准测试',
  role: 'bank',
  enterpriseId: null,
  institutionId: bankId,
  regionCode: null,
  regionPrefix: null,
  departmentCode: null,
  organizationUscc: null,
  locale: 'zh-CN',
};
const caller = { actor, requestId: null };

const ours = async (target: (typeof live)[number]) => {
  await creditReport(db, caller, target.enterpriseId, target.consentId, {}, DAY, readConsentedScore);
};
const peer = async (target: (typeof live)[number]) => {
  await db.transaction().execute(async (trx) => {
    await enterpriseCards(trx).where('id', '=', target.enterpriseId).executeTakeFirstOrThrow();
    await trx
      .selectFrom('credit_records as r')
      .selectAll('r')
      .where('r.enterprise_id', '=', target.enterpriseId)
      .where('r.category', 'in', CATEGORIES)
      .where(
        sql<boolean>`r.status <> 'superseded' and (r.publish_until is null or r.publish_until >= ${DAY}::date)`,
      )
      .orderBy('r.category')
      .orderBy('r.decided_on', 'desc')
      .execute();
    await readConsentedScore(trx, target.enterpriseId, DAY, CATEGORIES);
  });
};
const checkAndAudit = async (target: (typeof live)[number]) => {
  await db.transaction().execute(async (trx) => {
    const consent = await trx
      .selectFrom('credit_consents')
      .selectAll()
      .where('enterprise_id', '=', target.enterpriseId)
      .where('id', '=', target.consentId)
      .forShare()
      .executeTakeFirstOrThrow();
    if (consent.institution_id !== bankId || consent.state !== 'authorised') throw new Error('not live');
    const { id } = await trx
      .insertInto('credit_access_log')
      .values({
        enterprise_id: target.enterpriseId,
        consent_id: target.consentId,
        institution_id: bankId,
        user_id: 1,
        kind: 'report',
        categories: CATEGORIES,
        purpose: consent.purpose,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      { userId: 1, role: 'bank' },
      {
        action: 'credit.report_read',
        targetType: 'enterprise',
        targetId: target.enterpriseId,
        summary: { id },
      },
    );
  });
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Times `calls` calls of `fn` over the targets, `parallel` at once; latencies in ms, sorted. */
async function timed(fn: (t: (typeof live)[number]) => Promise<void>, calls: number, parallel: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (;;) {
        const i = next++;
        if (i >= calls) return;
        const target = live[(i * 7919) % live.length] as (typeof live)[number];
        const t0 = performance.now();
        await fn(target);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: calls / seconds };
}

// Warm the caches the same way for all three.
await timed(ours, 200, 1);
await timed(peer, 200, 1);

const { rows: size } = await sql<{ records: number; per: number }>`
  select count(*)::int as records, (count(*) / greatest(1, count(distinct enterprise_id)))::int as per
  from credit_records`.execute(db);
console.log(
  `huiqi_bench_credit: ${built.enterprises.toLocaleString()} enterprises, ${size[0]?.records.toLocaleString()} credit records; ${live.length} live consents; ${CALLS} calls each.`,
);
const rows: [string, Awaited<ReturnType<typeof timed>>][] = [];
for (const parallel of [1, 4]) {
  rows.push([
    `ours: report, consent check + audit (${parallel} at once)`,
    await timed(ours, CALLS, parallel),
  ]);
  rows.push([
    `peer: the same read, no consent, no log (${parallel} at once)`,
    await timed(peer, CALLS, parallel),
  ]);
  rows.push([
    `  of ours: consent check + access log + audit alone (${parallel} at once)`,
    await timed(checkAndAudit, CALLS, parallel),
  ]);
}
console.log(`${'what'.padEnd(72)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'calls/s'.padStart(9)}`);
for (const [what, r] of rows)
  console.log(
    `${what.padEnd(72)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.perSecond.toFixed(0).padStart(9)}`,
  );
const sequential = rows[0]?.[1] as Awaited<ReturnType<typeof timed>>;
console.log(
  `Target: p99 ≤ 30 ms → ${sequential.p99 <= 30 ? 'met' : 'NOT met'} (${sequential.p99.toFixed(2)} ms, one at a time).`,
);
await handle.close();
