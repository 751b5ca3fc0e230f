/**
 * Migration 20261209_0200_cases_scale_out (docs/adr/0025-scale-out-on-citus.md): on a database with cases, their
 * timelines, payments, 督办 and notices, down() (run by the migrator, after the later notices migration's) restores
 * the previous shape (keys by id, keys to users, the unique
 * number, the roll-up triggers) and up() brings the data forward again (each row's enterprise from its case, the
 * numbers in case_numbers); the case engine works on the result, and a number already taken is refused as before.
 * On Citus the round trip runs on plain tables (down() is refused on distributed ones: migrate.ts), which are then
 * distributed, as `huiqi migrate` would, so the case engine works on the carried data on the shards.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distributeTables } from '../src/server/db/distribute.ts';
import { migrateTo } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import { todayInChina } from '../src/shared/today.ts';
import { createTestApp, type Session, type TestApp } from './helpers/app.ts';
import { CITUS_WORKERS } from './helpers/citus.ts';
import {
  aDemand,
  anActionOn,
  anArrearsComplaint,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  aUser,
  signIn,
} from './helpers/factories.ts';

const TABLES = ['cases', 'case_events', 'case_attachments', 'case_supervisions', 'case_payments'];
/** The migration before this one: migrating to it runs the later ones' down() and this one's. */
const BEFORE = '20261209_0100_registry_scale_out';

/** The constraints of the case tables and of notifications' case key, by table, as `name: definition`. */
async function constraints(db: Kysely<Database>) {
  const { rows } = await sql<{ t: string; name: string; def: string }>`
    select conrelid::regclass::text as t, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where contype in ('p', 'u', 'f')
      and conrelid::regclass::text in ('cases', 'case_events', 'case_attachments', 'case_supervisions',
        'case_payments', 'case_routing_rules', 'notifications')
    order by 1, 2`.execute(db);
  return rows.map((r) => `${r.t}.${r.name}: ${r.def}`);
}

async function triggersOnCases(db: Kysely<Database>) {
  const { rows } = await sql<{ name: string }>`select tgname as name from pg_trigger
    where tgrelid = 'cases'::regclass and not tgisinternal order by 1`.execute(db);
  return rows.map((r) => r.name);
}

async function rollups(db: Kysely<Database>) {
  return [
    (await sql`select * from case_stats where received <> 0 order by 1, 2, 3, 4, 5`.execute(db)).rows,
    (await sql`select * from case_deadlines where open <> 0 order by 1, 2, 3, 4`.execute(db)).rows,
  ];
}

describe('the cases scale-out migration', () => {
  let t: TestApp;
  let db: Kysely<Database>;
  let county: Session;
  let enterprise: Session;
  const before: { cases: unknown[]; counts: Record<string, number>; rollups: unknown[] } = {
    cases: [],
    counts: {},
    rollups: [],
  };
  /** The database after down(), then after up() again (both run once, before the tests). */
  type Snapshot = {
    shape: string[];
    triggers: string[];
    rollups: unknown[];
    counts: Record<string, number>;
    cases: unknown[];
  };
  let afterDown: Snapshot;
  let afterUp: Snapshot & { numbers: unknown[]; strays: Record<string, number> };
  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES)
      result[table] = Number(
        (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n,
      );
    // Notices: users' own live in user_notifications from the notices migration on, in notifications before it.
    const { rows } = await sql<{ n: number }>`select count(*) as n from notifications`.execute(db);
    result.notices = Number(rows[0]?.n) + (await userNotices());
    return result;
  };
  const userNotices = async () => {
    const { rows } = await sql<{
      t: string | null;
    }>`select to_regclass('user_notifications')::text as t`.execute(db);
    if (!rows[0]?.t) return 0;
    return Number(
      (await sql<{ n: number }>`select count(*) as n from user_notifications`.execute(db)).rows[0]?.n,
    );
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: false, database: { citus: { distribute: false } } });
    db = t.handle.db;
    const debtor = aPublicBody('320583');
    const firm = await anEnterprise(db, { region: '320583', employees: 12, revenue: 800 });
    const [official, admin, payer, firmUser] = await Promise.all([
      anOfficial(db, { region: '320583', department: 'sme' }),
      aUser(db, { role: 'admin' }),
      aPayer(db, debtor),
      anEnterpriseUser(db, firm),
    ]);
    [county, enterprise] = await Promise.all([signIn(t, official), signIn(t, firmUser)]);
    const [adminSession, payerSession] = await Promise.all([signIn(t, admin), signIn(t, payer)]);
    const demand = await aDemand(t, enterprise);
    await anActionOn(t, county, demand, 'accept');
    const complaint = await anActionOn(t, county, await anArrearsComplaint(t, enterprise, debtor), 'accept');
    const paid = await t.request('POST', `/api/payer/claims/${complaint.id}/answers`, {
      session: payerSession,
      body: { action: 'pay', version: complaint.version, amount: 1000, paidOn: todayInChina() },
    });
    expect(paid.statusCode).toBe(200);
    const supervised = await t.request('POST', `/api/cases/${demand.id}/supervisions`, {
      session: adminSession,
      body: { reason: '请加快办理' },
    });
    expect(supervised.statusCode).toBe(200);
    before.cases = await db.selectFrom('cases').selectAll().orderBy('id').execute();
    before.counts = await counts();
    before.rollups = await rollups(db);
    const snapshot = async (): Promise<Snapshot> => ({
      shape: await constraints(db),
      triggers: await triggersOnCases(db),
      rollups: await rollups(db),
      counts: await counts(),
      cases: await db.selectFrom('cases').selectAll().orderBy('id').execute(),
    });
    await migrateTo(db, BEFORE);
    afterDown = await snapshot();
    await migrateTo(db, 'latest');
    const strays: Record<string, number> = {};
    for (const table of TABLES.slice(1)) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} x
        join cases c on c.id = x.case_id where x.enterprise_id is distinct from c.enterprise_id`.execute(db);
      strays[table] = rows[0]?.n ?? -1;
    }
    afterUp = {
      ...(await snapshot()),
      numbers: await db.selectFrom('case_numbers').selectAll().orderBy('case_id').execute(),
      strays,
    };
    if (CITUS_WORKERS.length > 0) await distributeTables(db, 4);
  });
  afterAll(() => t.close());

  it('restores the previous shape with down(): keys by id, keys to users, the unique number, the triggers', () => {
    const { shape } = afterDown;
    expect(shape).toEqual(
      expect.arrayContaining([
        'cases.cases_pkey: PRIMARY KEY (id)',
        'cases.cases_number_key: UNIQUE (number)',
        'cases.cases_submitted_by_fkey: FOREIGN KEY (submitted_by) REFERENCES users(id)',
        'cases.cases_merged_into_fkey: FOREIGN KEY (merged_into) REFERENCES cases(id)',
        'case_events.case_events_pkey: PRIMARY KEY (id)',
        'case_events.case_events_case_id_fkey: FOREIGN KEY (case_id) REFERENCES cases(id)',
        'case_attachments.case_attachments_storage_key_key: UNIQUE (storage_key)',
        'case_attachments.case_attachments_event_id_fkey: FOREIGN KEY (event_id) REFERENCES case_events(id)',
        'case_payments.case_payments_recorded_by_fkey: FOREIGN KEY (recorded_by) REFERENCES users(id)',
        'case_routing_rules.case_routing_rules_created_by_fkey: FOREIGN KEY (created_by) REFERENCES users(id)',
        'notifications.notifications_case_id_fkey: FOREIGN KEY (case_id) REFERENCES cases(id)',
      ]),
    );
    expect(shape.filter((c) => c.includes('enterprise_id, '))).toEqual([]);
    expect(afterDown.triggers).toEqual(['cases_stats_update', 'cases_stats_write']);
    expect(afterDown.rollups).toEqual(before.rollups);
    expect(afterDown.counts).toEqual(before.counts);
    expect(afterDown.cases).toEqual(before.cases);
  });

  it('brings the data forward with up(): each row’s enterprise from its case, the numbers looked up', () => {
    const { shape } = afterUp;
    expect(shape).toEqual(
      expect.arrayContaining([
        'cases.cases_pkey: PRIMARY KEY (enterprise_id, id)',
        'case_events.case_events_case_fkey: FOREIGN KEY (enterprise_id, case_id) REFERENCES cases(enterprise_id, id)',
        'case_attachments.case_attachments_event_fkey: FOREIGN KEY (enterprise_id, event_id) REFERENCES case_events(enterprise_id, id)',
        'case_attachments.case_attachments_storage_key_key: UNIQUE (enterprise_id, storage_key)',
        'case_payments.case_payments_pkey: PRIMARY KEY (enterprise_id, id)',
      ]),
    );
    // No key to users, none by id alone to a case; notices point to their case by enterprise and id; no trigger.
    expect(shape.filter((c) => /REFERENCES (users|cases\(id\)|case_events\(id\))/.test(c))).toEqual([]);
    expect(shape).toContain(
      'notifications.notifications_case_fkey: FOREIGN KEY (enterprise_id, case_id) REFERENCES cases(enterprise_id, id)',
    );
    expect(afterUp.triggers).toEqual([]);
    expect(afterUp.strays).toEqual({
      case_events: 0,
      case_attachments: 0,
      case_supervisions: 0,
      case_payments: 0,
    });
    expect(afterUp.numbers).toEqual(
      (before.cases as { id: number; number: string; enterprise_id: number }[]).map((c) => ({
        number: c.number,
        enterprise_id: c.enterprise_id,
        case_id: c.id,
      })),
    );
    expect(afterUp.cases).toEqual(before.cases);
    expect(afterUp.counts).toEqual(before.counts);
    expect(afterUp.rollups).toEqual(before.rollups);
  });

  it('files and acts on cases after the round trip, keeping the roll-ups as a rebuild computes them', async () => {
    const demand = await aDemand(t, enterprise);
    await anActionOn(t, county, demand, 'accept');
    const kept = await rollups(db);
    await sql`select case_stats_rebuild()`.execute(db);
    expect(kept).toEqual(await rollups(db));
  });

  it('refuses a case number already taken, as the unique number did (409)', async () => {
    // The number the next case would get, taken in the lookup by another enterprise's case.
    const { rows } = await sql<{ n: number }>`select coalesce(max(id), 0)::int + 1 as n from cases`.execute(
      db,
    );
    const next = rows[0]?.n ?? 0;
    const number = `SQ${todayInChina().replaceAll('-', '')}${String(next).padStart(6, '0')}`;
    const other = await anEnterprise(db, { region: '320583' });
    await db.insertInto('case_numbers').values({ number, enterprise_id: other.id, case_id: 0 }).execute();
    const response = await t.request('POST', '/api/my/cases/demands', {
      session: enterprise,
      body: { kind: 'help', category: 'financing', title: '重号测试', description: '重号测试。' },
    });
    expect([response.statusCode, response.json().code]).toEqual([409, 'ALREADY_EXISTS']);
  });
});
