/**
 * Issue 16: a wave's computation whose connection is cut half-way leaves nothing behind (no run, no cells, no
 * figures, no audit entry) and the next one gives the figures a whole computation gives; two officials drafting a
 * release of the same period at once get one release, the other told a release is in the making.
 * PostgreSQL only (PGlite has one session, so nothing can race or be cut).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/reference/calendar.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { anEnterprise, anEnterpriseUser, anOfficial, signIn } from '../helpers/factories.ts';

/** Waits until `done` holds (every 50 ms, at most `ms`). */
async function until(done: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
type Reply = Record<string, any>;

describe('monitoring under a lost connection and a race', () => {
  let t: TestApp;
  let statistician: Session;
  let other: Session;
  let locker: pg.Client;
  let watcher: pg.Client;
  let waveId: number;

  const post = async (session: Session, url: string, body?: unknown) =>
    t.request('POST', url, { session, body });
  const ok = (response: { statusCode: number; body: string; json: () => unknown }): Reply => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Reply;
  };
  const count = async (table: 'monitoring_runs' | 'monitoring_cells' | 'monitoring_figures') => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
      t.handle.db,
    );
    return rows[0]?.n ?? 0;
  };
  /** Backends waiting on a lock while running a statement that names this text. */
  async function waiting(text: string): Promise<number[]> {
    const { rows } = await watcher.query(
      `select pid from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query ilike $1`,
      [`%${text}%`],
    );
    return rows.map((r) => r.pid as number);
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    const firms = [];
    for (let i = 0; i < 12; i++)
      firms.push(
        await anEnterprise(db, { region: '320583', industryCode: 'C34', employees: 8, revenue: 100 }),
      );
    statistician = await signIn(t, await anOfficial(db, { region: '320583' }));
    other = await signIn(t, await anOfficial(db, { region: '320583' }));
    const survey = ok(
      await post(statistician, '/api/monitoring/surveys', {
        code: 'climate',
        nameZh: '景气调查',
        frequency: 'monthly',
        questions: [
          {
            code: 'orders',
            textZh: '新订单比上月',
            kind: 'three_level',
            subIndex: 'market',
            direction: 'up_is_good',
            weight: '1',
          },
        ],
      }),
    );
    ok(
      await post(statistician, `/api/monitoring/surveys/${survey.id}/draw`, {
        sampleSize: 12,
        allocation: 'proportional',
      }),
    );
    const today = todayInChina();
    waveId = ok(
      await post(statistician, `/api/monitoring/surveys/${survey.id}/waves`, {
        period: today.slice(0, 7),
        opensOn: today,
        closesOn: addDays(today, 3),
      }),
    ).id;
    for (const [i, firm] of firms.entries()) {
      const me = await signIn(t, await anEnterpriseUser(db, firm));
      ok(
        await post(me, `/api/my/surveys/${waveId}/submit`, {
          answers: [{ questionCode: 'orders', level: ['up', 'same', 'down'][i % 3] }],
          version: 1,
        }),
      );
    }
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

  it('a computation cut half-way answers 503 and leaves no run, cell, figure or audit entry; the next one is whole', async () => {
    const audit = async () =>
      (
        await t.handle.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'monitoring.wave_computed')
          .execute()
      ).length;
    const before = { runs: await count('monitoring_runs'), audit: await audit() };
    // The figures' table is held: the computation writes its run and cells, then waits to write its figures.
    await locker.query('begin');
    await locker.query('lock table monitoring_figures in access exclusive mode');
    const pending = post(statistician, `/api/monitoring/waves/${waveId}/compute`);
    await until(
      async () => (await waiting('monitoring_figures')).length > 0,
      'the computation to wait on the figures',
    );
    for (const pid of await waiting('monitoring_figures'))
      await watcher.query('select pg_terminate_backend($1)', [pid]);
    const response = await pending;
    await locker.query('rollback');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(await count('monitoring_runs')).toBe(before.runs);
    expect(await count('monitoring_cells')).toBe(0);
    expect(await count('monitoring_figures')).toBe(0);
    expect(await audit()).toBe(before.audit);
    const run = ok(await post(statistician, `/api/monitoring/waves/${waveId}/compute`));
    // 4 up, 4 same, 4 down, equal weights: 100.
    expect(run.figures.find((f: Reply) => f.measure === 'overall')).toMatchObject({
      value: '100',
      responses: 12,
    });
  });

  it('two officials drafting a release of one period at once get one release; the other is told one is in the making', async () => {
    ok(await post(statistician, `/api/monitoring/waves/${waveId}/close`));
    const run = ok(await post(statistician, `/api/monitoring/waves/${waveId}/compute`));
    const { rows } = await sql<{
      survey_id: number;
    }>`select survey_id from monitoring_waves where id = ${waveId}`.execute(t.handle.db);
    // Both arrive while the series' lock is held, then race for it.
    await locker.query('select pg_advisory_lock(hashtext($1))', [
      `monitoring-release:index:${rows[0]?.survey_id}`,
    ]);
    const first = post(statistician, '/api/monitoring/releases', { runId: run.id });
    const second = post(other, '/api/monitoring/releases', { runId: run.id });
    await until(
      async () => (await waiting('pg_advisory_xact_lock')).length === 2,
      'both drafts to wait on the series',
    );
    await locker.query('select pg_advisory_unlock(hashtext($1))', [
      `monitoring-release:index:${rows[0]?.survey_id}`,
    ]);
    const answers = await Promise.all([first, second]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    const refused = answers.find((a) => a.statusCode === 400);
    expect(refused?.json().errors[0]).toMatchObject({ field: 'runId' });
    const releases = await t.handle.db.selectFrom('monitoring_releases').select('id').execute();
    expect(releases).toHaveLength(1);
  });
});
