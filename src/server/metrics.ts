/**
 * Prometheus metrics (issue 19, ADR 0022): request latency by route pattern, the job and import queues by kind,
 * import throughput, the database's connections, the audit chain's head and the process's default metrics. Served
 * by a listener of its own (`HUIQI_METRICS_PORT`), never on the public port. Each app has its own registry, so
 * tests that build several apps never share series.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabaseHandle } from './db/database.ts';
import { auditLogSummary } from './modules/audit/index.ts';
import { JOB_KINDS, jobQueueStats } from './modules/jobs/index.ts';
import { type ImportObserver, importQueueStats } from './modules/registry/index.ts';

/** The kind label of the import queue beside the job kinds (imports have a queue of their own, `import_jobs`). */
export const IMPORT_QUEUE_KIND = 'enterprise-import';

/** The route label of a request no route matched (a 404, the web app's fallback): never the raw address. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Latency buckets in seconds: most API answers take milliseconds; exports and uploads stream for seconds; past
 * 30 s is one bucket.
 */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The platform's metrics: what the app and the runners record, and the scrape. */
export interface Metrics {
  registry: Registry;
  /** Records one answered request (the app's onResponse hook). */
  observeRequest(method: string, route: string | undefined, statusCode: number, seconds: number): void;
  /** Given to the import runner: rows processed and time spent importing. */
  imports: ImportObserver;
  /** Reads the queues, the connections and the audit head now, then renders every series. */
  scrape(): Promise<string>;
}

/** Creates the metrics of one server over its database. */
export function createMetrics(handle: Pick<DatabaseHandle, 'db' | 'use'>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'huiqi_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const queued = new Gauge({
    name: 'huiqi_job_queue_depth',
    help: 'Background jobs waiting to run (due or not), by kind; imports as kind enterprise-import.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const running = new Gauge({
    name: 'huiqi_job_running',
    help: 'Background jobs running on any instance, by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const oldest = new Gauge({
    name: 'huiqi_job_queue_oldest_age_seconds',
    help: 'How long the oldest due queued job has waited, by kind (0: none waits).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const importRows = new Counter({
    name: 'huiqi_import_rows_processed_total',
    help: 'Import rows read and checked (phase validating) or read, checked and written (phase loading) on this instance.',
    labelNames: ['phase'] as const,
    registers: [registry],
  });
  const importRejected = new Counter({
    name: 'huiqi_import_rows_rejected_total',
    help: 'Import rows rejected (with a reported problem) on this instance.',
    registers: [registry],
  });
  const importSeconds = new Counter({
    name: 'huiqi_import_busy_seconds_total',
    help: 'Seconds this instance spent running imports; rows over busy seconds is the throughput while importing.',
    registers: [registry],
  });
  const importRuns = new Counter({
    name: 'huiqi_import_runs_total',
    help: 'Import runs ended on this instance, by how they ended (stopped: queued again or resumed later).',
    labelNames: ['end'] as const,
    registers: [registry],
  });
  const pool = new Gauge({
    name: 'huiqi_db_connections',
    help: 'Database connections by state: max (the pool size; 1 for the embedded engine, one session), open, idle.',
    labelNames: ['engine', 'state'] as const,
    registers: [registry],
  });
  const poolWaiting = new Gauge({
    name: 'huiqi_db_connection_waiting',
    help: 'Requests waiting for a database connection (for the embedded engine: queued behind its one session).',
    labelNames: ['engine'] as const,
    registers: [registry],
  });
  const auditSeq = new Gauge({
    name: 'huiqi_audit_head_seq',
    help: 'Sequence number of the last audit log entry (the chain head).',
    registers: [registry],
  });
  const auditAt = new Gauge({
    name: 'huiqi_audit_head_timestamp_seconds',
    help: 'When the last audit log entry was written, in Unix seconds (0: no entry yet).',
    registers: [registry],
  });

  let busySince: number | null = null;
  /** Adds the time since the last mark to the busy seconds (so a long import shows while it runs). */
  const markBusy = () => {
    if (busySince === null) return;
    const now = performance.now();
    importSeconds.inc((now - busySince) / 1000);
    busySince = now;
  };

  /** Sets the gauges read from the database; the connections first, before this scrape's own queries use one. */
  const refresh = async () => {
    const use = handle.use();
    pool.reset();
    pool.set({ engine: use.kind, state: 'max' }, use.max);
    pool.set({ engine: use.kind, state: 'open' }, use.total);
    pool.set({ engine: use.kind, state: 'idle' }, use.idle);
    poolWaiting.reset();
    poolWaiting.set({ engine: use.kind }, use.waiting);
    const [jobs, importQueue, audit] = await Promise.all([
      jobQueueStats(handle.db),
      importQueueStats(handle.db),
      auditLogSummary(handle.db),
    ]);
    for (const gauge of [queued, running, oldest]) gauge.reset();
    // Every known kind has a series, 0 when idle, so an alert on a kind never sees it vanish.
    for (const kind of Object.values(JOB_KINDS)) {
      queued.set({ kind }, 0);
      running.set({ kind }, 0);
      oldest.set({ kind }, 0);
    }
    for (const row of jobs) {
      queued.set({ kind: row.kind }, row.queued);
      running.set({ kind: row.kind }, row.running);
      oldest.set({ kind: row.kind }, row.oldestDueSeconds);
    }
    queued.set({ kind: IMPORT_QUEUE_KIND }, importQueue.queued);
    running.set({ kind: IMPORT_QUEUE_KIND }, importQueue.running);
    oldest.set({ kind: IMPORT_QUEUE_KIND }, importQueue.oldestQueuedSeconds);
    auditSeq.set(audit.entries);
    auditAt.set(audit.lastEntryAt ? audit.lastEntryAt.getTime() / 1000 : 0);
    markBusy();
  };

  // Scrapes at once share one reading: the gauges are reset and set by one refresh at a time.
  let inFlight: Promise<string> | null = null;
  return {
    registry,
    observeRequest(method, route, statusCode, seconds) {
      requestDuration.observe(
        { method, route: route ?? UNMATCHED_ROUTE, status_code: String(statusCode) },
        seconds,
      );
    },
    imports: {
      runStarted() {
        busySince = performance.now();
      },
      batch(rows) {
        importRows.inc({ phase: rows.phase }, rows.rows);
        if (rows.rejected > 0) importRejected.inc(rows.rejected);
        markBusy();
      },
      runEnded(end) {
        markBusy();
        busySince = null;
        importRuns.inc({ end });
      },
    },
    scrape() {
      inFlight ??= (async () => {
        try {
          await refresh();
          return await registry.metrics();
        } finally {
          inFlight = null;
        }
      })();
      return inFlight;
    },
  };
}

/**
 * The metrics listener's app: `GET /metrics` in Prometheus' text format and nothing else. Anyone who reaches the
 * port may read it, as Prometheus scrapes without credentials: the port stays inside the operator's network
 * (README, ADR 0022).
 */
export async function buildMetricsApp(
  metrics: Metrics,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  // A scrape every 15 s is not worth two log lines each; errors are still logged.
  // (The route's own log level, not `disableRequestLogging`, which Fastify 5 deprecates with a warning at start.)
  const app = Fastify({ logger: options.logger ?? false });
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    const body = await metrics.scrape();
    return reply.header('content-type', metrics.registry.contentType).send(body);
  });
  await app.ready();
  return app;
}
