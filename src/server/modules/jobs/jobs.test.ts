/** The job queue: one claim per job across instances, takeover of a stopped instance's job, retries, de-duplication. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import {
  claimJob,
  enqueueJobs,
  jobQueueStats,
  MAX_ATTEMPTS,
  runDueJobs,
  runJob,
  startJobRunner,
} from './jobs.service.ts';

describe('job queue', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('gives each job to one claimant only, in order', async () => {
    const db = handle.db;
    await enqueueJobs(db, [
      { kind: 'a', payload: { n: 1 } },
      { kind: 'a', payload: { n: 2 } },
    ]);
    const [first, second, third] = await Promise.all([
      claimJob(db, ['a']),
      claimJob(db, ['a']),
      claimJob(db, ['a']),
    ]);
    const claimed = [first, second, third].filter((j): j is NonNullable<typeof j> => j !== null);
    expect(claimed.map((j) => (j.payload as { n: number }).n).sort()).toEqual([1, 2]);
    for (const job of claimed) await runJob(db, job, async () => 'ok', new AbortController().signal);
    const rows = await db.selectFrom('jobs').select(['status', 'result']).where('kind', '=', 'a').execute();
    expect(rows.every((r) => r.status === 'succeeded' && r.result === 'ok')).toBe(true);
  });

  it('hands a job whose runner stopped beating to another instance', async () => {
    const db = handle.db;
    await enqueueJobs(db, [{ kind: 'b' }]);
    const job = await claimJob(db, ['b']);
    expect(job?.attempts).toBe(1);
    expect(await claimJob(db, ['b'])).toBeNull();
    await db
      .updateTable('jobs')
      .set({ heartbeat_at: new Date(Date.now() - 120_000) })
      .where('kind', '=', 'b')
      .execute();
    const takenOver = await claimJob(db, ['b'], 60_000);
    expect(takenOver?.id).toBe(job?.id);
    expect(takenOver?.attempts).toBe(2);
  });

  it('keeps a runner whose job was taken over from overwriting the new runner', async () => {
    const db = handle.db;
    await enqueueJobs(db, [{ kind: 'f' }]);
    const stalled = await claimJob(db, ['f']);
    await db
      .updateTable('jobs')
      .set({ heartbeat_at: new Date(Date.now() - 120_000) })
      .where('kind', '=', 'f')
      .execute();
    const taker = await claimJob(db, ['f'], 60_000);
    expect(taker?.attempts).toBe(2);
    const late = await runJob(
      db,
      stalled as NonNullable<typeof stalled>,
      async () => 'late',
      new AbortController().signal,
    );
    expect(late).toBe('lost');
    expect(
      await runJob(db, taker as NonNullable<typeof taker>, async () => 'new', new AbortController().signal),
    ).toBe('succeeded');
    const row = await db
      .selectFrom('jobs')
      .select(['status', 'result'])
      .where('kind', '=', 'f')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'succeeded', result: 'new' });
  });

  it('retries a failing job with back-off and marks it failed after the last attempt', async () => {
    const db = handle.db;
    const [id] = await enqueueJobs(db, [{ kind: 'c' }]);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await db
        .updateTable('jobs')
        .set({ run_after: new Date(0) })
        .where('id', '=', id as number)
        .execute();
      const job = await claimJob(db, ['c']);
      expect(job?.attempts).toBe(attempt);
      const outcome = await runJob(
        db,
        job as NonNullable<typeof job>,
        async () => {
          throw new Error('gateway down');
        },
        new AbortController().signal,
      );
      expect(outcome).toBe(attempt < MAX_ATTEMPTS ? 'retry' : 'failed');
    }
    const row = await db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id as number)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error_message: 'gateway down' });
  });

  it('queues a job with a de-duplication key once while it waits', async () => {
    const db = handle.db;
    const first = await enqueueJobs(db, [{ kind: 'd', dedupeKey: 'only-one' }]);
    const second = await enqueueJobs(db, [{ kind: 'd', dedupeKey: 'only-one' }]);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
    expect(await runDueJobs(db, { d: async () => null })).toBe(1);
    // Once it ran, the key may be queued again.
    expect(await enqueueJobs(db, [{ kind: 'd', dedupeKey: 'only-one' }])).toHaveLength(1);
  });

  it('runs queued jobs in the background and stops cleanly', async () => {
    const db = handle.db;
    const done: number[] = [];
    // Resolved when the runner has run both jobs (the test's own timeout bounds the wait).
    let bothRan!: () => void;
    const ran = new Promise<void>((resolve) => {
      bothRan = resolve;
    });
    const runner = startJobRunner(
      db,
      {
        e: async (_db, job) => {
          done.push(job.id);
          if (done.length === 2) bothRan();
        },
      },
      { intervalMs: 10 },
    );
    const ids = await enqueueJobs(db, [{ kind: 'e' }, { kind: 'e' }]);
    runner.poke();
    await ran;
    await runner.stop();
    expect(done.sort()).toEqual(ids.sort());
  });
  it('logs each finished job with its kind and the id of the request that queued it (none when no request did)', async () => {
    const db = handle.db;
    const lines: Record<string, unknown>[] = [];
    let bothLogged!: () => void;
    const logged = new Promise<void>((resolve) => {
      bothLogged = resolve;
    });
    const write = (fields: object, message: string) => {
      lines.push({ ...fields, msg: message });
      if (lines.filter((line) => line.kind === 'logged').length === 2) bothLogged();
    };
    const [byRequest] = await enqueueJobs(db, [{ kind: 'logged', requestId: 'queued-by-req-01' }]);
    const [bySystem] = await enqueueJobs(db, [{ kind: 'logged' }]);
    const runner = startJobRunner(
      db,
      { logged: async () => null },
      { intervalMs: 10, log: { info: write, error: write } },
    );
    await logged;
    await runner.stop();
    expect(lines.find((line) => line.jobId === byRequest)).toMatchObject({
      kind: 'logged',
      reqId: 'queued-by-req-01',
      outcome: 'succeeded',
      msg: `job ${byRequest} (logged): succeeded`,
    });
    expect(lines.find((line) => line.jobId === bySystem)).not.toHaveProperty('reqId');
  });

  it('counts queued and running jobs by kind, and how long the oldest due one has waited', async () => {
    const db = handle.db;
    await enqueueJobs(db, [
      { kind: 'counted', runAfter: new Date(Date.now() - 120_000) },
      { kind: 'counted', runAfter: new Date(Date.now() + 3_600_000) },
      { kind: 'counted' },
    ]);
    await claimJob(db, ['counted']);
    const counted = (await jobQueueStats(db)).find((row) => row.kind === 'counted');
    expect(counted).toMatchObject({ queued: 2, running: 1 });
    // The oldest due job was claimed; the one due now waited a moment, the one due in an hour does not count.
    expect(counted?.oldestDueSeconds).toBeLessThan(60);
  });
});
