/**
 * The Prometheus metrics (ADR 0022), scraped as Prometheus does after a few requests, an import and a queued job,
 * and read series by series from the text.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.ts';
import { aUscc } from '../../test/helpers/factories.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { App } from './http/types.ts';
import {
  buildMetricsApp,
  createMetrics,
  IMPORT_QUEUE_KIND,
  type Metrics,
  UNMATCHED_ROUTE,
} from './metrics.ts';
import { auditLogSummary } from './modules/audit/index.ts';
import { enqueueJobs, JOB_KINDS } from './modules/jobs/index.ts';
import { createLocalImportJob, runImportJob } from './modules/registry/index.ts';

/** One sample of the text format: `name{label="value",…} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a scrape (comments and blank lines skipped). */
function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        labels[key as string] = value as string;
      return { name: match[1] as string, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample of `name` whose labels include `labels` (fails when none or several match). */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  expect(found, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
  return (found[0] as Sample).value;
}

const TODAY = '2026-06-15';

describe('metrics (ADR 0022)', () => {
  let handle: DatabaseHandle;
  let app: App;
  let metrics: Metrics;
  let metricsApp: FastifyInstance;
  let scrape: { status: number; contentType: string; text: string };

  /** Scrapes the metrics listener as Prometheus does. */
  async function scrapeNow() {
    const response = await metricsApp.inject({ method: 'GET', url: '/metrics' });
    return {
      status: response.statusCode,
      contentType: String(response.headers['content-type']),
      text: response.body,
    };
  }

  beforeAll(async () => {
    handle = await createTestDatabase();
    const scratch = mkdtempSync(path.join(tmpdir(), 'huiqi-metrics-'));
    const config = loadConfig({
      HUIQI_MODE: 'test',
      HUIQI_AUDIT_CHECKPOINT_FILE: path.join(scratch, 'audit-checkpoints.jsonl'),
      HUIQI_WEB_DIR: '/nonexistent',
    });
    metrics = createMetrics(handle);
    app = await buildApp({ config, db: handle.db, logger: false, metrics });
    metricsApp = await buildMetricsApp(metrics);
    // A few requests: two for one route pattern with different ids, one that no route matches.
    for (const url of ['/healthz', '/api/regions/320583', '/api/regions/320500', '/api/no-such-thing/12345'])
      await app.inject({ method: 'GET', url });
    // An import of three rows, one of them rejected (no name), run as the runner runs it.
    const file = path.join(scratch, 'enterprises.csv');
    writeFileSync(
      file,
      '统一社会信用代码,企业名称,注册地行政区划代码,行业代码\n' +
        `${aUscc()},指标测试一有限公司,320583,C34\n${aUscc()},指标测试二有限公司,320583,C34\n${aUscc()},,320583,C34\n`,
    );
    const importId = await createLocalImportJob(handle.db, file, 'valid_rows');
    metrics.imports.runStarted();
    metrics.imports.runEnded(
      await runImportJob(handle.db, importId, TODAY, { onBatch: metrics.imports.batch }),
    );
    // A job due a minute ago that no runner has claimed.
    await enqueueJobs(handle.db, [
      { kind: JOB_KINDS.policyMatch, payload: { policyIds: [] }, runAfter: new Date(Date.now() - 60_000) },
    ]);
    scrape = await scrapeNow();
  });
  afterAll(async () => {
    await metricsApp?.close();
    await app?.close();
    await handle?.close();
  });

  it('answers GET /metrics in the Prometheus text format', () => {
    expect(scrape.status).toBe(200);
    expect(scrape.contentType).toContain('text/plain; version=0.0.4');
  });

  it('labels request latency by method, route pattern and status code', () => {
    const samples = samplesOf(scrape.text);
    const labels = { method: 'GET', route: '/api/regions/:code', status_code: '200' };
    expect(sampleValue(samples, 'huiqi_http_request_duration_seconds_count', labels)).toBe(2);
    expect(
      sampleValue(samples, 'huiqi_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' }),
    ).toBe(2);
    expect(sampleValue(samples, 'huiqi_http_request_duration_seconds_count', { route: '/healthz' })).toBe(1);
  });

  it('never puts an address asked for, or an id in it, into a label', () => {
    const values = samplesOf(scrape.text)
      .filter((s) => s.name.startsWith('huiqi_http_'))
      .flatMap((s) => Object.values(s.labels));
    expect(values.filter((value) => /320583|320500|12345|no-such-thing/.test(value))).toEqual([]);
  });

  it('labels a request no route matched as unmatched', () => {
    const labels = { route: UNMATCHED_ROUTE, status_code: '404' };
    expect(sampleValue(samplesOf(scrape.text), 'huiqi_http_request_duration_seconds_count', labels)).toBe(1);
  });

  it('reports the job queue by kind: depth, and how long the oldest due job has waited', () => {
    const samples = samplesOf(scrape.text);
    const kind = { kind: JOB_KINDS.policyMatch };
    expect(sampleValue(samples, 'huiqi_job_queue_depth', kind)).toBe(1);
    expect(sampleValue(samples, 'huiqi_job_queue_oldest_age_seconds', kind)).toBeGreaterThanOrEqual(59);
    expect(sampleValue(samples, 'huiqi_job_running', kind)).toBe(0);
  });

  it('reports every known kind of job, idle ones at 0, and the import queue as a kind of its own', () => {
    const samples = samplesOf(scrape.text);
    for (const kind of [JOB_KINDS.caseSupervision, JOB_KINDS.notificationDelivery, IMPORT_QUEUE_KIND]) {
      expect(sampleValue(samples, 'huiqi_job_queue_depth', { kind })).toBe(0);
      expect(sampleValue(samples, 'huiqi_job_queue_oldest_age_seconds', { kind })).toBe(0);
    }
  });

  it('reads the queues at each scrape', async () => {
    await enqueueJobs(handle.db, [{ kind: 'metrics-test-kind' }, { kind: 'metrics-test-kind' }]);
    const samples = samplesOf((await scrapeNow()).text);
    expect(sampleValue(samples, 'huiqi_job_queue_depth', { kind: 'metrics-test-kind' })).toBe(2);
  });

  it('counts import rows processed and rejected, and the time spent importing', () => {
    const samples = samplesOf(scrape.text);
    expect(sampleValue(samples, 'huiqi_import_rows_processed_total', { phase: 'loading' })).toBe(3);
    expect(sampleValue(samples, 'huiqi_import_rows_rejected_total')).toBe(1);
    expect(sampleValue(samples, 'huiqi_import_runs_total', { end: 'succeeded' })).toBe(1);
    expect(sampleValue(samples, 'huiqi_import_busy_seconds_total')).toBeGreaterThan(0);
  });

  it("reports the database's connections: the pool's, or the embedded engine's one session", () => {
    const samples = samplesOf(scrape.text);
    const engine = handle.kind;
    const max = sampleValue(samples, 'huiqi_db_connections', { engine, state: 'max' });
    const open = sampleValue(samples, 'huiqi_db_connections', { engine, state: 'open' });
    const idle = sampleValue(samples, 'huiqi_db_connections', { engine, state: 'idle' });
    if (engine === 'pglite') expect([max, open, idle]).toEqual([1, 1, 1]);
    else expect(max).toBeGreaterThanOrEqual(open);
    expect(open).toBeGreaterThanOrEqual(idle);
    expect(sampleValue(samples, 'huiqi_db_connection_waiting', { engine })).toBe(0);
  });

  it('reports the audit chain head: its sequence number and when it was written', async () => {
    const samples = samplesOf(scrape.text);
    const head = await auditLogSummary(handle.db);
    expect(sampleValue(samples, 'huiqi_audit_head_seq')).toBe(head.entries);
    expect(sampleValue(samples, 'huiqi_audit_head_timestamp_seconds')).toBe(
      (head.lastEntryAt as Date).getTime() / 1000,
    );
  });

  it("includes the process's default metrics", () => {
    const names = new Set(samplesOf(scrape.text).map((s) => s.name));
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ])
      expect(names).toContain(name);
  });

  it('serves no /metrics on the public port', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });
});
