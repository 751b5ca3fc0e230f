/**
 * Issue 11, "several instances on one PostgreSQL": two server processes started together on one database. Sessions
 * and jobs live in the database, so a session made on one works on the other, the shipped policies are published
 * once, the daily jobs (matching, supervision) are queued and run once, imports are run once, and no notice is
 * sent twice.
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/reference/calendar.ts';
import { makeUscc } from '../../src/reference/uscc.ts';
import type { DatabaseHandle } from '../../src/server/db/database.ts';
import type { Database } from '../../src/server/db/schema.ts';
import {
  type Clock,
  deadlineOf,
  queueDailySupervision,
  SUPERVISION_JOB,
  superviseDeadlines,
} from '../../src/server/modules/cases/index.ts';
import { seedDemo } from '../../src/server/modules/demo/index.ts';
import { JOB_KINDS } from '../../src/server/modules/jobs/index.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db.ts';
import { type ServerProcess, signIn, spawnServer } from './server.ts';

const OPEN = ['submitted', 'accepted', 'in_progress', 'info_requested'];

/** Waits until `done` holds (every 200 ms, at most `ms`). */
async function until(done: () => Promise<boolean>, what: string, ms = 40_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Makes an open case's deadline lie in the past, as if time had passed: its running clock started long ago (the
 * supervision run first brings stored deadlines back in line with the clocks, so the clock must say so too).
 */
async function makeOverdue(db: Kysely<Database>, skip: readonly number[]): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select(['id', 'clock'])
    .where('state', 'in', OPEN)
    .where('id', 'not in', [0, ...skip])
    // Not one of the demo's cases already under 督办: its notices would count twice below.
    .where('id', 'not in', db.selectFrom('case_supervisions').select('case_id'))
    .where('deadline', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const clock = { ...(row.clock as Clock), startedOn: addDays(todayInChina(), -200) };
  const deadline = deadlineOf(clock);
  expect(deadline < todayInChina()).toBe(true);
  await db
    .updateTable('cases')
    .set({ clock: JSON.stringify(clock), deadline })
    .where('id', '=', row.id)
    .execute();
  // Written around the case repository: the roll-ups are rebuilt from the cases.
  await sql`select case_stats_rebuild()`.execute(db);
  return row.id;
}

describe('two server instances on one PostgreSQL database', () => {
  let location: TestDatabaseLocation;
  let handle: DatabaseHandle;
  let a: ServerProcess;
  let b: ServerProcess;
  let overdueCase: number;

  beforeAll(async () => {
    location = await createTestDatabaseLocation();
    handle = await location.open();
    // Demo data without the policy library: both instances publish the shipped policies as they start.
    await seedDemo(handle.db, 40);
    overdueCase = await makeOverdue(handle.db, []);
    [a, b] = await Promise.all([spawnServer(location.env), spawnServer(location.env)]);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await handle?.close();
  });

  it('accepts a session made on one instance on the other, with its CSRF token', async () => {
    const session = await signIn(a.url, 'official.county');
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('official.county');
    const withoutToken = await fetch(`${b.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: session.cookie },
    });
    expect(withoutToken.status).toBe(403);
    const logout = await fetch(`${b.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(logout.status).toBe(200);
    // Signed out on b, the session is gone on a too.
    expect((await fetch(`${a.url}/api/home`, { headers: { cookie: session.cookie } })).status).toBe(401);
    const probe = await fetch(`${a.url}/api/auth/me`, { headers: { cookie: session.cookie } });
    expect(((await probe.json()) as { user: unknown }).user).toBeNull();
  });

  it('publishes the shipped policies once and runs the day’s matching and supervision once', async () => {
    const db = handle.db;
    const day = todayInChina();
    const dailyJobs = () =>
      db
        .selectFrom('jobs')
        .select(['kind', 'status'])
        .where('kind', 'in', [JOB_KINDS.matchDue, SUPERVISION_JOB])
        .where(sql<boolean>`payload->>'day' = ${day}`)
        .execute();
    await until(async () => {
      const jobs = await dailyJobs();
      return jobs.length >= 2 && jobs.every((j) => j.status === 'succeeded');
    }, 'the daily jobs');
    // Both instances have polled a few times by now.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await dailyJobs()).map((j) => j.kind).sort()).toEqual(
      [JOB_KINDS.matchDue, SUPERVISION_JOB].sort(),
    );

    const versions = await db
      .selectFrom('policy_versions')
      .select(['policy_id', sql<number>`count(*)::int`.as('n')])
      .groupBy('policy_id')
      .execute();
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.filter((v) => v.n !== 1)).toEqual([]);

    await until(async () => {
      const busy = await db
        .selectFrom('jobs')
        .select('id')
        .where('status', 'in', ['queued', 'running'])
        .where('run_after', '<=', new Date())
        .execute();
      return busy.length === 0;
    }, 'the matching jobs');
    const matchNotices = await db
      .selectFrom('notifications')
      .select(['enterprise_id', 'policy_id', sql<number>`count(*)::int`.as('n')])
      .where('kind', '=', 'policy_match')
      .groupBy(['enterprise_id', 'policy_id'])
      .execute();
    expect(matchNotices.length).toBeGreaterThan(0);
    expect(matchNotices.filter((n) => n.n !== 1)).toEqual([]);

    const supervised = await db
      .selectFrom('case_supervisions')
      .select('id')
      .where('case_id', '=', overdueCase)
      .where('issued_by', 'is', null)
      .execute();
    expect(supervised).toHaveLength(1);
    const notices = await db
      .selectFrom('user_notifications')
      .select(['user_id', sql<number>`count(*)::int`.as('n')])
      .where('case_id', '=', overdueCase)
      .where('kind', '=', 'case_supervision')
      .groupBy('user_id')
      .execute();
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.filter((n) => n.n !== 1)).toEqual([]);
    expect(a.isAlive() && b.isAlive()).toBe(true);
  });

  it('sends one 督办 notice when supervision runs on two connections at the same time', async () => {
    const other = await location.open();
    try {
      const caseId = await makeOverdue(handle.db, [overdueCase]);
      const runs = await Promise.all([
        superviseDeadlines(handle.db, todayInChina()),
        superviseDeadlines(other.db, todayInChina()),
      ]);
      expect(runs.map((r) => r.supervised).sort()).toEqual([0, 1]);
      const notices = await handle.db
        .selectFrom('user_notifications')
        .select(['user_id', sql<number>`count(*)::int`.as('n')])
        .where('case_id', '=', caseId)
        .where('kind', '=', 'case_supervision')
        .groupBy('user_id')
        .execute();
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.filter((n) => n.n !== 1)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('queues a day’s job once when another instance queues and claims it between the check and the insert', async () => {
    const day = '2031-01-02';
    // Instance "x" (a plain connection) queues the day's supervision under the daily-job lock and claims it
    // before it commits; meanwhile this process asks for the same day's run.
    const x = new pg.Client({ connectionString: (location.env as { DATABASE_URL: string }).DATABASE_URL });
    await x.connect();
    try {
      await x.query('begin');
      await x.query('select pg_advisory_xact_lock(hashtext($1))', [`daily-job:${SUPERVISION_JOB}`]);
      await x.query(
        `insert into jobs (kind, payload, status, attempts, run_after, started_at, heartbeat_at)
         values ($1, $2, 'running', 1, now(), now(), now())`,
        [SUPERVISION_JOB, JSON.stringify({ day })],
      );
      const asking = queueDailySupervision(handle.db, day);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await x.query('commit');
      await asking;
    } finally {
      await x.end();
    }
    const jobs = await handle.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', SUPERVISION_JOB)
      .where(sql<boolean>`payload->>'day' = ${day}`)
      .execute();
    expect(jobs).toHaveLength(1);
  });

  it('runs each import once, whichever instance accepted it', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const server = i % 2 === 0 ? a : b;
      const session = await signIn(server.url, 'official.county');
      const csv = `统一社会信用代码,企业名称,注册地行政区划代码,行业代码\n${makeUscc(`91320583MA${String(7100 + i).padStart(7, '0')}`)},双实例导入测试${i}有限公司,320583,C34\n`;
      const upload = await fetch(`${server.url}/api/registry/imports?fileName=t${i}.csv&mode=valid_rows`, {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          'content-type': 'application/octet-stream',
        },
        body: csv,
      });
      expect(upload.status).toBe(202);
      ids.push(((await upload.json()) as { id: number }).id);
    }
    const db = handle.db;
    await until(async () => {
      const jobs = await db.selectFrom('import_jobs').select('status').where('id', 'in', ids).execute();
      return jobs.every((j) => j.status === 'succeeded');
    }, 'the imports');
    const finished = await db
      .selectFrom('audit_log')
      .select(['target_id', sql<number>`count(*)::int`.as('n')])
      .where('action', '=', 'import.succeeded')
      .where('target_id', 'in', ids.map(String))
      .groupBy('target_id')
      .execute();
    expect(finished.map((f) => [Number(f.target_id), f.n]).sort()).toEqual(ids.map((id) => [id, 1]).sort());
    const rematch = await db
      .selectFrom('jobs')
      .select(sql<number>`(payload->>'importJobId')::int`.as('job'))
      .where('kind', '=', JOB_KINDS.enterpriseMatch)
      // The imports' (the demo seed queues its enterprises' matching by their ids).
      .where(sql<boolean>`payload ? 'importJobId'`)
      .execute();
    expect(rematch.map((r) => r.job).sort()).toEqual([...ids].sort());
    const loaded = await db
      .selectFrom('enterprises')
      .select('id')
      .where('name', 'like', '双实例导入测试%')
      .execute();
    expect(loaded).toHaveLength(2);
  });
});
