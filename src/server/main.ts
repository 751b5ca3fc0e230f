/**
 * Starts the platform: open the database, migrate, load demo data on first start, listen, and shut down
 * gracefully (in-flight requests finish, then the database closes).
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { todayInChina } from '../shared/today.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Database } from './db/schema.ts';
import { buildMetricsApp, createMetrics } from './metrics.ts';
import {
  hasAnyUser,
  queueDailySessionPurge,
  SESSION_PURGE_JOB,
  sessionPurgeHandler,
} from './modules/accounts/index.ts';
import {
  AUDIT_CHECKPOINT_JOB,
  assertAuditKeyFits,
  auditCheckpointHandler,
  queueAuditCheckpoint,
  resolveAuditKey,
  setAuditKey,
} from './modules/audit/index.ts';
import { queueDailySupervision, SUPERVISION_JOB, supervisionHandler } from './modules/cases/index.ts';
import {
  creditImportKind,
  creditScoringHandlers,
  ensureDefaultScorecard,
  queueDailyCreditScore,
} from './modules/credit/index.ts';
import {
  CULTIVATION_DUE_JOB,
  cultivationDueHandler,
  cultivationScoringHandler,
  queueDailyCultivation,
} from './modules/cultivation/index.ts';
import { DEMO_PASSWORD, type DemoLogin, listDemoLogins, seedDemo } from './modules/demo/index.ts';
import {
  FINANCING_DUE_JOB,
  FINANCING_MATCH_JOB,
  financingDueHandler,
  financingMatchHandler,
  queueDailyFinancing,
} from './modules/financing/index.ts';
import { JOB_KINDS, startJobRunner } from './modules/jobs/index.ts';
import {
  MONITORING_DUE_JOB,
  monitoringDueHandler,
  queueDailyMonitoring,
} from './modules/monitoring/index.ts';
import { DELIVERY_JOB, deliveryHandler, loggingTransport } from './modules/notifications/index.ts';
import { policyJobHandlers, queueDailyMatch, syncShippedPolicies } from './modules/policies/index.ts';
import { procurementRecheckHandler } from './modules/procurement/index.ts';
import { hasDemoEnterprises, startImportRunner } from './modules/registry/index.ts';
import { POLICY_DIR } from './paths.ts';

/** A running server. */
export interface RunningServer {
  url: string;
  db: Kysely<Database>;
  demoLogins: DemoLogin[];
  /** Where `GET /metrics` answers (null: HUIQI_METRICS_PORT unset). */
  metricsUrl: string | null;
  stop(): Promise<void>;
}

/** The shipped policies (national ones; the demo county's with the demo data) published or updated. */
export async function syncPolicyLibrary(db: Kysely<Database>) {
  return syncShippedPolicies(db, POLICY_DIR, { demo: await hasDemoEnterprises(db) });
}

/** Opens, migrates, seeds (first start, demo mode) and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  // The audit key is read (or, outside production, the default key file made) before the database is opened.
  setAuditKey(resolveAuditKey(config.auditKey));
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    purpose: 'server',
  });
  try {
    await migrateToLatest(handle.db);
    await assertAuditKeyFits(handle.db);
    let demoLogins: DemoLogin[] = [];
    if (config.seedDemo) {
      demoLogins = (await hasAnyUser(handle.db))
        ? await listDemoLogins(handle.db)
        : await seedDemo(handle.db);
    }
    await syncPolicyLibrary(handle.db);
    // Every deployment scores with a published scorecard: the platform's example one on the first start.
    await ensureDefaultScorecard(handle.db);
    let wakeRunner: () => void = () => {};
    let wakeJobs: () => void = () => {};
    const metrics = config.metricsPort === null ? null : createMetrics(handle);
    const app = await buildApp({
      config,
      db: handle.db,
      onImportQueued: () => wakeRunner(),
      onJobsQueued: () => wakeJobs(),
      ...(metrics ? { metrics } : {}),
    });
    const address = await app.listen({ host: config.host, port: config.port });
    // The metrics on a listener of their own, which the public proxy never forwards (ADR 0022).
    const metricsApp = metrics
      ? await buildMetricsApp(metrics, { logger: { level: config.logLevel } })
      : null;
    let metricsAddress: string | null = null;
    try {
      metricsAddress = metricsApp
        ? await metricsApp.listen({ host: config.metricsHost, port: config.metricsPort ?? 0 })
        : null;
    } catch (error) {
      // The port is taken or not ours to bind: the start fails as a whole, the public listener closed again.
      await app.close();
      await metricsApp?.close();
      throw error;
    }
    const runner = startImportRunner(handle.db, {
      log: app.log,
      ...(metrics ? { observer: metrics.imports } : {}),
      lanes: handle.kind === 'postgres' ? 2 : 1,
      maxXlsxBytes: config.importMaxXlsxBytes,
      kinds: { credit_records: creditImportKind },
    });
    wakeRunner = () => runner.poke();
    let lastDay = '';
    let lastCheckpointPeriod = -1;
    const jobs = startJobRunner(
      handle.db,
      {
        ...policyJobHandlers({ lanes: handle.kind === 'postgres' ? 2 : 1 }),
        ...creditScoringHandlers({ lanes: handle.kind === 'postgres' ? 2 : 1 }),
        [FINANCING_MATCH_JOB]: financingMatchHandler(todayInChina),
        [FINANCING_DUE_JOB]: financingDueHandler(todayInChina),
        [MONITORING_DUE_JOB]: monitoringDueHandler(todayInChina),
        [JOB_KINDS.procurementRecheck]: procurementRecheckHandler(),
        [JOB_KINDS.cultivationScoring]: cultivationScoringHandler(),
        [CULTIVATION_DUE_JOB]: cultivationDueHandler(todayInChina),
        [DELIVERY_JOB]: deliveryHandler(loggingTransport((line) => app.log.info(line))),
        [SUPERVISION_JOB]: supervisionHandler(),
        [AUDIT_CHECKPOINT_JOB]: auditCheckpointHandler({
          file: config.auditCheckpointFile,
          log: (line) => app.log.info(line),
        }),
        [SESSION_PURGE_JOB]: sessionPurgeHandler(),
      },
      {
        log: app.log,
        // Once a day (per instance; the queue keeps it to one run) every policy is matched again, credit scores
        // are brought to the day, case deadlines are supervised (reminders, 督办) and expired sessions are deleted.
        beforePoll: async (db) => {
          // A signed checkpoint of the audit head every HUIQI_AUDIT_CHECKPOINT_MINUTES, the first at start.
          const now = new Date();
          const period = Math.floor(now.getTime() / (config.auditCheckpointMinutes * 60_000));
          if (period !== lastCheckpointPeriod) {
            await queueAuditCheckpoint(db, now, config.auditCheckpointMinutes);
            lastCheckpointPeriod = period;
          }
          const day = todayInChina();
          if (day === lastDay) return;
          await queueDailyMatch(db, day);
          await queueDailyCreditScore(db, day);
          await queueDailyFinancing(db, day);
          await queueDailyMonitoring(db, day);
          await queueDailyCultivation(db, day);
          await queueDailySupervision(db, day);
          await queueDailySessionPurge(db, day);
          lastDay = day;
        },
      },
    );
    wakeJobs = () => jobs.poke();
    const local = (at: string) => at.replace('0.0.0.0', '127.0.0.1').replace('[::]', 'localhost');
    const url = local(address);
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        // An import in progress stops after its current batch and resumes at the next start.
        await runner.stop();
        await jobs.stop();
        await app.close();
        await metricsApp?.close();
        await handle.close();
      })();
      return stopping;
    };
    return {
      url,
      db: handle.db,
      demoLogins,
      metricsUrl: metricsAddress ? `${local(metricsAddress)}/metrics` : null,
      stop,
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Prints where the platform is and how to sign in. */
export function printBanner(
  server: RunningServer,
  config: Config,
  log: (line: string) => void = console.log,
): void {
  log('');
  log(`Huiqi 惠企 is running at ${server.url}  (API docs: ${server.url}/api/docs)`);
  log(
    `Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
  );
  if (server.metricsUrl) log(`Prometheus metrics: ${server.metricsUrl}`);
  if (!existsSync(path.join(config.webDir, 'index.html')))
    log(`No web app in ${config.webDir}: serving the API only (build it with \`npm run build\`).`);
  if (server.demoLogins.length > 0) {
    log(`Demo logins (demo data only; password for all: ${DEMO_PASSWORD}):`);
    for (const login of server.demoLogins)
      log(`  ${login.username.padEnd(20)} ${login.role.padEnd(11)} ${login.description}`);
  } else if (config.mode === 'production') {
    log(
      'Production mode: no demo data. Create the first admin with: huiqi user add --role admin --username NAME',
    );
  }
  log('');
}

/** Stops the server on SIGINT/SIGTERM, letting in-flight requests finish. */
export function stopOnSignals(server: RunningServer): void {
  const onSignal = (signal: string) => {
    console.log(`${signal} received: finishing in-flight requests…`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
}
