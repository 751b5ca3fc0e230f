/**
 * Issue 14: a bank's query races the enterprise's revocation, and loses its connection mid-query. The consent is
 * read FOR SHARE in the query's own transaction, so:
 * - a query that arrives while a revocation is being written waits for it, then refuses (the revocation wins);
 * - a query whose connection is cut while it waits answers 503 and leaves no access-log row and no audit entry
 *   (nothing half-written).
 * PostgreSQL only (PGlite has one session, so nothing can race).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/shared/today.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { aCreditRecord } from '../helpers/credit-consent-factories.ts';
import { anEnterprise, anEnterpriseUser, aUser, signIn } from '../helpers/factories.ts';
import { aBank } from '../helpers/registry-factories.ts';

/** Waits until `done` holds (every 50 ms, at most `ms`). */
async function until(done: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a bank’s query against a revocation and a lost connection', () => {
  let t: TestApp;
  let bank: Session;
  let me: Session;
  let enterpriseId: number;
  let bankId: number;
  let locker: pg.Client;
  let watcher: pg.Client;

  /** A fresh authorised consent for the bank. */
  async function aConsent(): Promise<number> {
    const response = await t.request('POST', '/api/my/credit/consents', {
      session: me,
      body: {
        institutionId: bankId,
        scope: 'report',
        categories: ['licence'],
        purpose: '贷前审查：并发测试',
        validUntil: todayInChina(),
        signerName: '王小明',
      },
    });
    expect(response.statusCode).toBe(200);
    return response.json().id;
  }

  /** Backends waiting on a lock while running a statement on credit_consents. */
  async function waitingQueries(): Promise<number[]> {
    const { rows } = await watcher.query(
      `select pid from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query ilike '%credit_consents%'`,
    );
    return rows.map((r) => r.pid as number);
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    const firm = await anEnterprise(db);
    enterpriseId = firm.id;
    me = await signIn(t, await anEnterpriseUser(db, firm));
    const b = await aBank(db);
    bankId = b.id;
    bank = await signIn(t, await aUser(db, { role: 'bank', institutionId: b.id }));
    await aCreditRecord(db, firm.id);
    // The test's own database (a clone of the template), reached on connections of our own.
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
    const url = new URL(process.env.HUIQI_TEST_DATABASE_URL as string);
    url.pathname = `/${rows[0]?.name}`;
    locker = new pg.Client({ connectionString: url.toString() });
    watcher = new pg.Client({ connectionString: url.toString() });
    await Promise.all([locker.connect(), watcher.connect()]);
  });
  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await watcher?.end().catch(() => undefined);
    await t?.close();
  });

  const logged = async (consentId: number) =>
    (
      await t.handle.db
        .selectFrom('credit_access_log')
        .select('id')
        .where('enterprise_id', '=', enterpriseId)
        .where('consent_id', '=', consentId)
        .execute()
    ).length;

  it('a query arriving during a revocation waits for it, then refuses; nothing is logged', async () => {
    const consentId = await aConsent();
    // The revocation, as the service writes it, not yet committed.
    await locker.query('begin');
    await locker.query(`select * from credit_consents where enterprise_id = $1 and id = $2 for update`, [
      enterpriseId,
      consentId,
    ]);
    await locker.query(
      `update credit_consents set state = 'revoked', revoked_at = now() where enterprise_id = $1 and id = $2`,
      [enterpriseId, consentId],
    );
    const pending = t.request(
      'GET',
      `/api/bank/credit/enterprises/${enterpriseId}/consents/${consentId}/report`,
      {
        session: bank,
      },
    );
    await until(async () => (await waitingQueries()).length > 0, 'the query to wait on the consent');
    await locker.query('commit');
    const response = await pending;
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CONSENT_NOT_LIVE');
    expect(await logged(consentId)).toBe(0);
  });

  it('a query whose connection is cut while it waits answers 503 and leaves no log or audit entry', async () => {
    const consentId = await aConsent();
    const auditBefore = await t.handle.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'credit.report_read')
      .execute();
    await locker.query('begin');
    await locker.query(`select * from credit_consents where enterprise_id = $1 and id = $2 for update`, [
      enterpriseId,
      consentId,
    ]);
    const pending = t.request(
      'GET',
      `/api/bank/credit/enterprises/${enterpriseId}/consents/${consentId}/report`,
      {
        session: bank,
      },
    );
    await until(async () => (await waitingQueries()).length > 0, 'the query to wait on the consent');
    for (const pid of await waitingQueries()) await watcher.query('select pg_terminate_backend($1)', [pid]);
    const response = await pending;
    await locker.query('rollback');
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('DATABASE_UNAVAILABLE');
    expect(await logged(consentId)).toBe(0);
    const auditAfter = await t.handle.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'credit.report_read')
      .execute();
    expect(auditAfter.length).toBe(auditBefore.length);
    // The next query, on a fresh connection, is answered and logged.
    const again = await t.request(
      'GET',
      `/api/bank/credit/enterprises/${enterpriseId}/consents/${consentId}/report`,
      {
        session: bank,
      },
    );
    expect(again.statusCode).toBe(200);
    expect(await logged(consentId)).toBe(1);
  });
});
