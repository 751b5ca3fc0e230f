/**
 * A PostgreSQL-backed job queue (ARCHITECTURE: durable background jobs). A job is a row: enqueued in the same
 * transaction as the change that needs it (so it exists exactly when the change does), claimed with
 * `FOR UPDATE SKIP LOCKED` by whichever instance polls first, kept alive by a heartbeat, and taken over by another
 * instance when the heartbeat goes stale (the instance stopped or crashed). A failed run is retried with back-off
 * up to `MAX_ATTEMPTS`; handlers must therefore be idempotent (the matching job recomputes, it does not append).
 */
import { type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import { isDatabaseUnavailable } from '../../db/connection-errors.ts';
import type { Database } from '../../db/schema.ts';
import type { JobsTable } from './jobs.table.ts';

/** How many times a job is tried before it is marked failed. */
export const MAX_ATTEMPTS = 5;

/** A job to queue. */
export interface NewJob {
  kind: string;
  payload?: unknown;
  /** While a queued job has this key, queuing another with it does nothing (e.g. one nightly run per day). */
  dedupeKey?: string;
  runAfter?: Date;
  /** The request that queued it: the job's log lines carry its id (`reqId`), as that request's own lines do. */
  requestId?: string | null;
}

/** A claimed job as its handler sees it. */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  /** The request that queued the job (null or absent: no request did). */
  requestId?: string | null;
}

/** What a handler may do while it runs. */
export interface JobContext {
  /** Records progress (shown to users) and renews the heartbeat. */
  progress(value: unknown): Promise<void>;
  signal: AbortSignal;
}

export type JobHandler = (db: Kysely<Database>, job: ClaimedJob, context: JobContext) => Promise<unknown>;

/** Queues jobs (inside the caller's transaction when given one). Returns the ids of the jobs queued. */
export async function enqueueJobs(
  db: Kysely<Database> | Transaction<Database>,
  jobs: readonly NewJob[],
): Promise<number[]> {
  if (jobs.length === 0) return [];
  const rows = await db
    .insertInto('jobs')
    .values(
      jobs.map((job) => ({
        kind: job.kind,
        payload: JSON.stringify(job.payload ?? {}),
        dedupe_key: job.dedupeKey ?? null,
        run_after: job.runAfter ?? new Date(),
        request_id: job.requestId ?? null,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').where('status', '=', 'queued').doNothing())
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Queues the day's run of a daily job unless a job of that kind was queued for that day already (whatever became
 * of it), so every instance may ask and it runs once. The check and the insert hold a transaction-level advisory
 * lock of the kind: without it an instance could check, then another queue and claim the job (a claim clears the
 * dedupe key), and the first insert a second run of the day. Returns whether this call queued it.
 */
export function queueDailyJob(
  db: Kysely<Database>,
  kind: string,
  day: string,
  payload: Record<string, unknown> = {},
): Promise<boolean> {
  return queueJobOfPeriod(db, kind, 'day', day, payload);
}

/**
 * `queueDailyJob` for any period: the job of `kind` whose payload field `field` is `period` is queued once,
 * whichever instance asks first, under the same advisory lock.
 */
export async function queueJobOfPeriod(
  db: Kysely<Database>,
  kind: string,
  field: string,
  period: string,
  payload: Record<string, unknown> = {},
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`daily-job:${kind}`}))`.execute(trx);
    const queued = await trx
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', kind)
      .where(sql<boolean>`payload->>${field} = ${period}`)
      .limit(1)
      .executeTakeFirst();
    if (queued) return false;
    const ids = await enqueueJobs(trx, [
      { kind, payload: { ...payload, [field]: period }, dedupeKey: `${kind}:${period}` },
    ]);
    return ids.length > 0;
  });
}

/** Claims the next due job of the given kinds (or one whose runner's heartbeat is older than `staleAfterMs`). */
export async function claimJob(
  db: Kysely<Database>,
  kinds: readonly string[],
  staleAfterMs = 60_000,
): Promise<ClaimedJob | null> {
  if (kinds.length === 0) return null;
  const stale = new Date(Date.now() - staleAfterMs);
  const { rows } = await sql<ClaimedJob>`
    update jobs set status = 'running', attempts = attempts + 1, started_at = now(), heartbeat_at = now(),
      dedupe_key = null
    where id = (
      select id from jobs
      where kind = any(${kinds}::text[]) and run_after <= now()
        and (status = 'queued' or (status = 'running' and heartbeat_at < ${stale}))
      order by run_after, id limit 1 for update skip locked
    )
    returning id, kind, payload, attempts, request_id as "requestId"`.execute(db);
  return rows[0] ?? null;
}

/** How often a running job's heartbeat is renewed; a job silent for `staleAfterMs` (60 s) is taken over. */
const HEARTBEAT_MS = 15_000;

/**
 * Runs one claimed job with its handler and records the outcome (retry with back-off, or failed). The heartbeat
 * is renewed while the handler runs; every update is fenced by the claim (`attempts`), so a runner whose job was
 * taken over after a stall cannot overwrite what the new runner records.
 */
export async function runJob(
  db: Kysely<Database>,
  job: ClaimedJob,
  handler: JobHandler,
  signal: AbortSignal,
): Promise<'succeeded' | 'retry' | 'failed' | 'lost'> {
  /** Updates the job while this runner still holds it; true when it did. */
  const mine = async (values: Updateable<JobsTable>): Promise<boolean> => {
    const written = await db
      .updateTable('jobs')
      .set(values)
      .where('id', '=', job.id)
      .where('attempts', '=', job.attempts)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(written.numUpdatedRows) === 1;
  };
  const beat = () => mine({ heartbeat_at: new Date() });
  const timer = setInterval(() => {
    beat().catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  const context: JobContext = {
    signal,
    async progress(value) {
      await mine({ progress: JSON.stringify(value), heartbeat_at: new Date() });
    },
  };
  let outcome: 'succeeded' | 'retry' | 'failed';
  let update: Updateable<JobsTable>;
  try {
    const result = await handler(db, job, context);
    outcome = 'succeeded';
    update = {
      status: 'succeeded',
      result: JSON.stringify(result ?? null),
      error_message: null,
      finished_at: new Date(),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const final = job.attempts >= MAX_ATTEMPTS;
    outcome = final ? 'failed' : 'retry';
    update = {
      status: final ? 'failed' : 'queued',
      error_message: message.slice(0, 2000),
      // Back-off: 2 s, 8 s, 32 s, 128 s.
      run_after: new Date(Date.now() + 2000 * 4 ** (job.attempts - 1)),
      finished_at: final ? new Date() : null,
    };
  } finally {
    clearInterval(timer);
  }
  // The outcome is written on a new connection when the handler's was cut (three tries); when it cannot be
  // written at all the job stays 'running' and is taken over once its heartbeat is stale.
  for (let attempt = 1; ; attempt++) {
    try {
      return (await mine(update)) ? outcome : 'lost';
    } catch (error) {
      if (attempt >= 3 || !isDatabaseUnavailable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** What a runner's log line about one job says; `reqId` is the queuing request's id, the key Fastify logs it under. */
export interface JobLogFields {
  jobId: number;
  kind: string;
  reqId?: string;
  outcome?: 'succeeded' | 'retry' | 'failed' | 'lost';
  ms?: number;
}

/** Where a background runner writes (a pino logger, as `app.log`, fits). */
export interface RunnerLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The fields of a job's log lines: its id and kind, and the id of the request that queued it. */
export function jobLogFields(job: ClaimedJob): JobLogFields {
  return { jobId: job.id, kind: job.kind, ...(job.requestId ? { reqId: job.requestId } : {}) };
}

/** Options of a runner. */
export interface JobRunnerOptions {
  intervalMs?: number;
  /** Each finished job at info (with `reqId` when a request queued it), a retried or failed one as an error. */
  log?: RunnerLog;
  /** Called once per poll before claiming (e.g. to queue the nightly job). */
  beforePoll?: (db: Kysely<Database>) => Promise<void>;
}

/** A background runner: polls for due jobs of the handled kinds and runs them one at a time. */
export function startJobRunner(
  db: Kysely<Database>,
  handlers: Readonly<Record<string, JobHandler>>,
  options: JobRunnerOptions = {},
) {
  const kinds = Object.keys(handlers);
  let stopped = false;
  const abort = new AbortController();
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = tick();
    }, ms);
  };
  const tick = async () => {
    try {
      await options.beforePoll?.(db);
      const job = await claimJob(db, kinds);
      if (job) {
        const handler = handlers[job.kind] as JobHandler;
        const started = performance.now();
        const outcome = await runJob(db, job, handler, abort.signal);
        const fields = { ...jobLogFields(job), outcome, ms: Math.round(performance.now() - started) };
        const message = `job ${job.id} (${job.kind}): ${outcome}`;
        if (outcome === 'succeeded') options.log?.info(fields, message);
        else options.log?.error(fields, message);
        schedule(0);
        return;
      }
    } catch (error) {
      options.log?.error({}, `job runner: ${String(error)}`);
    }
    schedule(options.intervalMs ?? 2000);
  };
  schedule(0);
  return {
    /** Looks for work now instead of at the next poll. */
    poke() {
      if (timer && !stopped) {
        clearTimeout(timer);
        timer = null;
        running = tick();
      }
    },
    async stop() {
      stopped = true;
      abort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type JobRunner = ReturnType<typeof startJobRunner>;

/** Runs every due job of the given kinds in this process until none is left (the command line, tests). */
export async function runDueJobs(
  db: Kysely<Database>,
  handlers: Readonly<Record<string, JobHandler>>,
): Promise<number> {
  let count = 0;
  const signal = new AbortController().signal;
  for (;;) {
    const job = await claimJob(db, Object.keys(handlers));
    if (!job) return count;
    await runJob(db, job, handlers[job.kind] as JobHandler, signal);
    count++;
  }
}

/** The queue of one kind of job as the metrics show it. */
export interface JobQueueStats {
  kind: string;
  /** Jobs waiting to run, due or not (a retry waits out its back-off). */
  queued: number;
  running: number;
  /** How long the oldest due queued job has waited past its `run_after`, in seconds (0: none is due). */
  oldestDueSeconds: number;
}

/**
 * The queue by kind, read at scrape time: queued and running jobs only, which `jobs_queue_idx` (partial on those
 * two states) covers, so the cost follows the queue's length, not the table's history.
 */
export async function jobQueueStats(db: Kysely<Database>): Promise<JobQueueStats[]> {
  const { rows } = await sql<JobQueueStats>`
    select kind,
      count(*) filter (where status = 'queued')::int as queued,
      count(*) filter (where status = 'running')::int as running,
      coalesce(extract(epoch from now() - min(run_after) filter (where status = 'queued' and run_after <= now())),
        0)::float8 as "oldestDueSeconds"
    from jobs where status in ('queued', 'running')
    group by kind order by kind`.execute(db);
  return rows;
}

/**
 * The days a due run of `kind` is to cover up to `through`: those after the last day a run of it covered
 * (`after`; null when it never ran, and the run must look at everything). Due runs (issue 21) process what these
 * days changed rather than rescanning, and record the day they covered with `recordDueRun` when done: a run that
 * fails leaves the window as it was, and the next takes it again (the runs are idempotent).
 */
export async function dueWindow(
  db: Kysely<Database>,
  kind: string,
  through: string,
): Promise<{ after: string | null; through: string; state: string | null }> {
  const row = await db
    .selectFrom('job_cursors')
    .select(['through', 'state'])
    .where('kind', '=', kind)
    .executeTakeFirst();
  return { after: row?.through ?? null, through, state: row?.state ?? null };
}

/**
 * Records that a due run of `kind` has covered every day up to `through` (never moving the record back), and,
 * when given, the `state` of the inputs it worked from (what the next run compares to see whether they changed).
 */
export async function recordDueRun(
  db: Kysely<Database>,
  kind: string,
  through: string,
  state?: string,
): Promise<void> {
  await db
    .insertInto('job_cursors')
    .values({ kind, through, state: state ?? null })
    .onConflict((oc) =>
      oc.column('kind').doUpdateSet({
        through: sql<string>`greatest(job_cursors.through, excluded.through)`,
        ...(state === undefined ? {} : { state }),
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

/** What a job's state is read as (by id, or the latest of a kind). */
const JOB_STATUS_COLUMNS = [
  'id',
  'kind',
  'payload',
  'status',
  'progress',
  'result',
  'error_message',
  'created_at',
  'finished_at',
] as const;

/** The latest jobs of a kind, newest first (at most `limit`), with their state, for a page that follows them. */
export async function recentJobs(db: Kysely<Database>, kind: string, limit: number) {
  return db
    .selectFrom('jobs')
    .select(JOB_STATUS_COLUMNS)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
/** A job's state as a page shows it (undefined when there is no such job). */
export async function findJobStatus(db: Kysely<Database>, id: number) {
  return db.selectFrom('jobs').select(JOB_STATUS_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The id of the job queued under a dedupe key, if one is. */
export async function queuedJobId(db: Kysely<Database>, dedupeKey: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('dedupe_key', '=', dedupeKey)
    .where('status', '=', 'queued')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? Number(row.id) : undefined;
}
