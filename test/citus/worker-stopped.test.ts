/**
 * Issue 20, "bad input and faults": a worker stopped during matching. The test's own Citus database reaches its
 * workers through proxies the test holds (worker-proxy.ts), so "the worker stops" for this database only: the
 * proxy resets every connection and refuses new ones. A whole-registry matching job (policy-match, through the
 * job queue) loses the worker while a chunk's statement runs there: the job is queued again with the error, the
 * chunk rolled back (the chunk before it stays complete, each policy's matches either as before or complete).
 * Once the worker is back the job's retry completes it: the matches are those a fresh computation gives, and each
 * new match was notified once.
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/reference/uscc.ts';
import type { DatabaseHandle } from '../../src/server/db/database.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { enqueueJobs, JOB_KINDS, type JobHandler, runDueJobs } from '../../src/server/modules/jobs/index.ts';
import {
  matchPolicies,
  policyJobHandlers,
  publishPlatformPolicy,
} from '../../src/server/modules/policies/index.ts';
import type { EnterpriseInput } from '../../src/server/modules/registry/index.ts';
import { writeEnterpriseBatch } from '../../src/server/modules/registry/index.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { CITUS_WORKERS } from '../helpers/citus.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { anEnterpriseUser } from '../helpers/factories.ts';
import { aPlatformDefinition } from '../helpers/policies-factories.ts';
import { aWorkerProxy, type WorkerProxy } from './worker-proxy.ts';

const ENTERPRISES = 3000;
/** More than one chunk of matching (100 policies each): the fault lands in the second. */
const POLICIES = 120;
const CHUNK = 100;
const COUNTIES = ['320583', '320581', '320582'];
const INDUSTRIES = ['C34', 'C39', 'F51', 'I65', 'M75'];

/** Waits until `done` holds, polling (the test's timeout bounds the wait). */
async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The i-th enterprise of the registry, its 2025 revenue shifted by `shift` (万元). */
function enterprise(i: number, shift = 0): EnterpriseInput {
  const region = COUNTIES[i % COUNTIES.length] as string;
  return {
    uscc: makeUscc(`91${region}CF${String(i).padStart(7, '0')}`),
    name: `故障测试${i}号有限公司`,
    formerNames: [],
    legalRepresentative: '张三',
    regionCode: region,
    industryCode: INDUSTRIES[i % INDUSTRIES.length] as string,
    establishedOn: '2015-06-01',
    status: 'active',
    ownershipType: '私营',
    certifications: [],
    // Every 13th reports nothing: its rules' answers are unknown, never a match.
    figures:
      i % 13 === 0
        ? null
        : {
            year: 2025,
            employees: 1 + ((i * 37) % 300),
            operatingRevenue: 10 + ((((i * 7919) % 9000) + shift) % 9000),
            mainBusinessRevenue: null,
            totalAssets: null,
            totalLiabilities: null,
            rdExpense: null,
            rdStaff: null,
            taxableIncome: null,
            vatTaxpayerType: null,
          },
  };
}

/** Writes the enterprises of these indexes, 500 to a transaction as an import writes its batches. */
async function writeEnterprises(db: Kysely<Database>, indexes: readonly number[], shift = 0) {
  for (let k = 0; k < indexes.length; k += 500) {
    await db.transaction().execute((trx) =>
      writeEnterpriseBatch(
        trx,
        indexes.slice(k, k + 500).map((i) => enterprise(i, shift)),
        'test',
      ),
    );
  }
}

/** The k-th policy: revenue and employee thresholds (of 2025, whatever the date), national or of one county. */
function policyDefinition(k: number) {
  const year = { year: 2025 };
  return aPlatformDefinition({
    regions: k % 3 === 0 ? [] : [COUNTIES[k % COUNTIES.length] as string],
    rule: {
      all: [
        { compare: [{ fact: 'operating_revenue', year }, '<=', 500 + 70 * k] },
        { compare: [{ fact: 'employees', year }, '>=', (k * 7) % 120] },
      ],
    },
  });
}

/** Every match, by policy: the enterprises' ids. */
async function matchesByPolicy(db: Kysely<Database>): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('policy_matches')
    .select(['policy_id', 'enterprise_id'])
    .orderBy('policy_id')
    .orderBy('enterprise_id')
    .execute();
  const by = new Map<number, number[]>();
  for (const row of rows) {
    const ids = by.get(row.policy_id) ?? [];
    ids.push(Number(row.enterprise_id));
    by.set(row.policy_id, ids);
  }
  return by;
}

/** How many notices each (policy, enterprise) pair of the matching has had, as `policy:enterprise` → count. */
async function noticesByPair(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('notifications')
    .select(['policy_id', 'enterprise_id', sql<number>`count(*)::int`.as('n')])
    .where('kind', '=', 'policy_match')
    .groupBy(['policy_id', 'enterprise_id'])
    .execute();
  return new Map(rows.map((r) => [`${r.policy_id}:${r.enterprise_id}`, r.n]));
}

/** The pairs of matches by policy, as `policy:enterprise`. */
function pairsOf(matches: Map<number, number[]>, policies?: readonly number[]): string[] {
  return [...matches]
    .filter(([policy]) => !policies || policies.includes(policy))
    .flatMap(([policy, ids]) => ids.map((id) => `${policy}:${id}`))
    .sort();
}

describe('a Citus worker stopped during matching', () => {
  let proxies: WorkerProxy[];
  let handle: DatabaseHandle;
  /** The worker the test stops, reached directly (not through its proxy) to hold a lock there. */
  let stoppedWorker: { host: string; port: number };
  let database: string;
  let policyIds: number[];
  /** The enterprises that have a user (with an email address). */
  let usersOf: number[];
  /** Called after each chunk the matching job completes (the job's progress). */
  let afterChunk: (() => Promise<void>) | null = null;
  const matching = policyJobHandlers({ lanes: 1 })[JOB_KINDS.policyMatch] as JobHandler;
  const handlers: Record<string, JobHandler> = {
    [JOB_KINDS.policyMatch]: (db, job, context) =>
      matching(db, job, {
        ...context,
        progress: async (value) => {
          await context.progress(value);
          await afterChunk?.();
        },
      }),
  };

  /** A connection to this test's database on a worker itself, not through its proxy. */
  const onWorker = (worker: { host: string; port: number }) => {
    const client = new pg.Client({
      host: worker.host,
      port: worker.port,
      user: decodeURIComponent(new URL(handle.location as string).username) || 'postgres',
      database,
    });
    // The database is dropped with (force) at the end, which may end a connection still open.
    client.on('error', () => undefined);
    return client;
  };
  /** Queues a whole-registry matching job; its id. */
  const queueMatching = async () =>
    (
      await enqueueJobs(handle.db, [{ kind: JOB_KINDS.policyMatch, payload: { policyIds: null } }])
    )[0] as number;
  const jobRow = (id: number) =>
    handle.db
      .selectFrom('jobs')
      .select(['status', 'attempts', 'error_message', 'progress'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  /** The matches before the faulted run: those of a first, complete run (the registry changed since). */
  let before: Map<number, number[]>;
  let jobId: number;
  /** The matches and notices the faulted run left, read once the worker was back. */
  let afterFault: Map<number, number[]>;
  let noticesAfterFault: Map<string, number>;

  beforeAll(async () => {
    proxies = await Promise.all(CITUS_WORKERS.map((worker) => aWorkerProxy(worker)));
    stoppedWorker = CITUS_WORKERS[0] as { host: string; port: number };
    handle = await createTestDatabase({
      citus: { nodePorts: new Map(CITUS_WORKERS.map((w, i) => [w.port, (proxies[i] as WorkerProxy).port])) },
    });
    database = new URL(handle.location as string).pathname.slice(1);
    await writeEnterprises(
      handle.db,
      Array.from({ length: ENTERPRISES }, (_, i) => i + 1),
    );
    // Some enterprises have a user with an email address: their new matches are also emailed.
    const withUsers = await handle.db
      .selectFrom('enterprises')
      .select('id')
      .where(sql<boolean>`id % 97 = 0`)
      .execute();
    for (const e of withUsers) await anEnterpriseUser(handle.db, { id: Number(e.id) });
    usersOf = withUsers.map((e) => Number(e.id));
    policyIds = await handle.db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      for (let k = 0; k < POLICIES; k++) ids.push(await publishPlatformPolicy(trx, policyDefinition(k)));
      return ids;
    });
    // A first run, undisturbed: the state the faulted run starts from.
    const first = await queueMatching();
    expect(await runDueJobs(handle.db, handlers)).toBe(1);
    expect((await jobRow(first)).status).toBe('succeeded');
    // Then the registry changes (every fifth enterprise's revenue), so the next run loses and finds matches.
    await writeEnterprises(
      handle.db,
      Array.from({ length: ENTERPRISES / 5 }, (_, i) => 5 * i + 1),
      4000,
    );
    before = await matchesByPolicy(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
    for (const proxy of proxies ?? []) await proxy.close();
  });

  it('fails the job cleanly when the worker stops under a chunk: retried later, that chunk rolled back', async () => {
    expect(usersOf.length).toBeGreaterThan(0);
    expect(pairsOf(before).length).toBeGreaterThan(0);
    // Matching holds a whole chunk in one transaction; chunks run in order (one lane). Once the first chunk is
    // in, a lock held on the stopped worker's shards of the chunk's scratch table (policy_match_candidates) keeps
    // the second chunk's first write waiting there, so the worker surely stops while that statement runs on it.
    const { rows: shards } = await sql<{ shard: string }>`
      select shard_name as shard from citus_shards
      where table_name = 'policy_match_candidates'::regclass and nodeport = ${proxies[0]?.port}`.execute(
      handle.db,
    );
    expect(shards.length).toBeGreaterThan(0);
    const blocker = onWorker(stoppedWorker);
    await blocker.connect();
    let chunks = 0;
    let firstChunkIn!: (error?: unknown) => void;
    const isFirstChunkIn = new Promise<void>(
      (resolve, reject) => (firstChunkIn = (error) => (error ? reject(error) : resolve())),
    );
    afterChunk = async () => {
      chunks += 1;
      if (chunks !== 1) return;
      try {
        // Citus refuses statements on a shard itself unless told: this lock is what the test means to take.
        await blocker.query('set citus.enable_manual_changes_to_shards to on');
        await blocker.query('begin');
        await blocker.query(`lock table ${shards.map((r) => r.shard).join(', ')} in access exclusive mode`);
        firstChunkIn();
      } catch (error) {
        firstChunkIn(error);
      }
    };
    jobId = await queueMatching();
    const running = runDueJobs(handle.db, handlers);
    try {
      await isFirstChunkIn;
      await until(async () => {
        const { rows } = await blocker.query<{ waiting: number }>(
          `select count(*)::int as waiting from pg_locks
           where not granted and relation::regclass::text = any($1::text[])`,
          [shards.map((r) => r.shard)],
        );
        return (rows[0]?.waiting ?? 0) > 0;
      });
      await proxies[0]?.stop();
    } finally {
      // The waiting statement, once it has the lock, runs into its closed connection and its transaction ends.
      await blocker.query('rollback').catch(() => undefined);
      await blocker.end();
      afterChunk = null;
    }
    expect(await running).toBe(1);
    const job = await jobRow(jobId);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, progress: { done: CHUNK, total: POLICIES } });
    expect(job.error_message).toContain(
      `connection to the remote node postgres@127.0.0.1:${proxies[0]?.port}`,
    );
    // Nothing of the failed chunk is left on the workers: no transaction prepared and never finished.
    for (const worker of CITUS_WORKERS) {
      const admin = onWorker(worker);
      await admin.connect();
      const { rows } = await admin.query<{ n: number }>(
        'select count(*)::int as n from pg_prepared_xacts where database = current_database()',
      );
      await admin.end();
      expect(rows[0]?.n).toBe(0);
    }

    // The worker is back: what the failed run left is readable.
    await proxies[0]?.start();
    afterFault = await matchesByPolicy(handle.db);
    noticesAfterFault = await noticesByPair(handle.db);
    // The second chunk's policies are as they were before the run, and its scratch rows are gone.
    const secondChunk = policyIds.slice(CHUNK);
    expect(pairsOf(afterFault, secondChunk)).toEqual(pairsOf(before, secondChunk));
    // Notices: those of the first run and of the first chunk's new matches; the failed chunk's went with it.
    expect([...noticesAfterFault.keys()].sort()).toEqual(
      [...new Set([...pairsOf(before), ...pairsOf(afterFault)])].sort(),
    );
    const scratch = await handle.db
      .selectFrom('policy_match_candidates')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(scratch.n).toBe(0);
  });

  it('completes the job once the worker is back: the matches of a fresh computation, each new one notified once', async () => {
    // The queue's retry, once its back-off has passed.
    await until(async () => {
      await runDueJobs(handle.db, handlers);
      return (await jobRow(jobId)).status !== 'queued';
    });
    const job = await jobRow(jobId);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2, error_message: null });
    const after = await matchesByPolicy(handle.db);
    const notices = await noticesByPair(handle.db);
    const deliveries = await handle.db
      .selectFrom('notification_deliveries')
      .select(['notification_id', sql<number>`count(*)::int`.as('n')])
      .groupBy('notification_id')
      .execute();
    const noticesToUsers = await handle.db
      .selectFrom('notifications')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('kind', '=', 'policy_match')
      .where('enterprise_id', 'in', usersOf)
      .executeTakeFirstOrThrow();

    // A fresh computation from nothing, on the same data and date.
    await sql`delete from policy_matches`.execute(handle.db);
    await matchPolicies(handle.db, null, { all: true }, todayInChina(), { lanes: 1 });
    const fresh = await matchesByPolicy(handle.db);
    expect(pairsOf(after)).toEqual(pairsOf(fresh));

    // The run changed matches in both chunks (the test would prove nothing otherwise).
    const firstChunk = policyIds.slice(0, CHUNK);
    const secondChunk = policyIds.slice(CHUNK);
    expect(pairsOf(fresh, firstChunk)).not.toEqual(pairsOf(before, firstChunk));
    expect(pairsOf(fresh, secondChunk)).not.toEqual(pairsOf(before, secondChunk));
    // After the fault the first chunk's policies were complete already; the retry finished the second.
    expect(pairsOf(afterFault, firstChunk)).toEqual(pairsOf(fresh, firstChunk));

    // One notice per match ever found (before the run, or new in it), none twice: the retry wrote none again
    // for the first chunk's matches.
    const everMatched = new Set([...pairsOf(before), ...pairsOf(after)]);
    expect([...notices.keys()].sort()).toEqual([...everMatched].sort());
    expect([...notices.values()].every((n) => n === 1)).toBe(true);
    // Each notice to an enterprise with a user is emailed once.
    expect(noticesToUsers.n).toBeGreaterThan(0);
    expect(deliveries.length).toBe(noticesToUsers.n);
    expect(deliveries.every((d) => d.n === 1)).toBe(true);
  });
});
