/**
 * The `huiqi` command: serve, migrate, seed, user add, audit verify / checkpoint, backup, restore, openapi.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { isRealDate } from '../reference/calendar.ts';
import { buildApp } from '../server/app.ts';
import { type Config, ConfigError, loadConfig } from '../server/config.ts';
import { type DatabaseHandle, openDatabase } from '../server/db/database.ts';
import { type Distribution, isCitus } from '../server/db/distribute.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { Database } from '../server/db/schema.ts';
import { AppError } from '../server/http/errors.ts';
import { printBanner, startServer, stopOnSignals, syncPolicyLibrary } from '../server/main.ts';
import { createUser, hasAnyUser } from '../server/modules/accounts/index.ts';
import {
  type AuditLogVerification,
  assertAuditKeyFits,
  checkpointAuditHead,
  currentAuditKey,
  resolveAuditKey,
  setAuditKey,
  verifyAuditLog,
} from '../server/modules/audit/index.ts';
import { superviseDeadlines } from '../server/modules/cases/index.ts';
import { seedDemo } from '../server/modules/demo/index.ts';
import { runDueJobs } from '../server/modules/jobs/index.ts';
import { DELIVERY_JOB, deliveryHandler, loggingTransport } from '../server/modules/notifications/index.ts';
import { matchAll, matchDue, matchPolicies, policyJobHandlers } from '../server/modules/policies/index.ts';
import {
  createLocalImportJob,
  type ImportProgress,
  listJobErrors,
  runImportJob,
} from '../server/modules/registry/index.ts';
import { ROLES, type Role } from '../shared/roles.ts';
import { todayInChina } from '../shared/today.ts';
import { type BackupSummary, backUp, restore } from './backup.ts';
import { classifyFile } from './classify.ts';
import { eligibilityFile } from './eligibility.ts';

/** Today's date (YYYY-MM-DD). */
function today(): string {
  return todayInChina();
}

async function withDatabase<T>(
  fn: (db: DatabaseHandle['db'], kind: DatabaseHandle['kind'], config: Config) => Promise<T>,
  migrateOptions: { shardCount?: number } = {},
): Promise<T> {
  const config = loadConfig();
  // Entries this command writes are keyed with the audit key (ADR 0010), never stored in the database.
  setAuditKey(resolveAuditKey(config.auditKey));
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    purpose: 'command',
    // An import writes two batches side by side and analyzes on a third connection.
    poolSize: 4,
  });
  try {
    await migrateToLatest(handle.db, migrateOptions);
    await assertAuditKeyFits(handle.db);
    return await fn(handle.db, handle.kind, config);
  } finally {
    await handle.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]?.trim() ?? '';
}

/** Builds the command tree (exported for tests). */
export function buildCli(): Command {
  const program = new Command('huiqi')
    .description('Huiqi 惠企 — the platform for the system supporting SME development')
    .showHelpAfterError();

  program
    .command('serve')
    .description('migrate, load demo data on first start (not in production), and serve the API and web app')
    .action(async () => {
      const config = loadConfig();
      const started = Date.now();
      const server = await startServer(config);
      printBanner(server, config);
      console.log(`Ready in ${Date.now() - started} ms.`);
      stopOnSignals(server);
    });

  program
    .command('migrate')
    .description('apply database migrations and sync reference data')
    .action(async () => {
      const synced = await withDatabase((db) => syncPolicyLibrary(db));
      console.log('Database is at the latest migration.');
      if (synced.published.length > 0)
        console.log(`Policies published from rules/policies: ${synced.published.join(', ')}`);
    });

  program
    .command('distribute')
    .description(
      'on a Citus coordinator: migrate, then make the reference and distributed tables (ADR 0025; also done by migrate)',
    )
    .option(
      '--shards <n>',
      'shards of each distributed group made now (default: citus.shard_count)',
      (v: string) => Number.parseInt(v, 10),
    )
    .action(async (options: { shards?: number }) => {
      if (options.shards !== undefined && !(options.shards >= 1 && options.shards <= 1024))
        throw new ConfigError('--shards', 'must be a whole number from 1 to 1024');
      const config = loadConfig();
      const handle = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        purpose: 'command',
      });
      let done: Distribution | null;
      try {
        if (!(await isCitus(handle.db))) throw new ConfigError('DATABASE_URL', 'is not a Citus coordinator');
        done = (
          await migrateToLatest(handle.db, options.shards === undefined ? {} : { shardCount: options.shards })
        ).distribution;
      } finally {
        await handle.close();
      }
      if (!done) throw new Error('the database lost the citus extension while migrating');
      console.log(
        `Reference tables made: ${done.reference.join(', ') || 'none'}\n` +
          `Distributed tables made: ${done.distributed.join(', ') || 'none'}\n` +
          `Already as classified: ${done.unchanged}`,
      );
    });

  program
    .command('seed')
    .description('load the demo data into an empty database (refused in production mode)')
    .action(async () => {
      const config = loadConfig();
      if (config.mode === 'production')
        throw new ConfigError('HUIQI_MODE', 'is production: demo data is never loaded');
      await withDatabase(async (db) => {
        if (await hasAnyUser(db)) {
          console.log('The database already has users; demo data not loaded.');
          return;
        }
        const logins = await seedDemo(db);
        await syncPolicyLibrary(db);
        console.log(`Demo data loaded; ${logins.length} demo users.`);
      });
    });

  const user = program.command('user').description('manage users');
  user
    .command('add')
    .description('create a user (the first admin of a production installation is created this way)')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--username <name>', 'lower-case login name, 3–40 characters')
    .option('--name <display>', 'display name (defaults to the username)')
    .option('--password-stdin', 'read the password from standard input (otherwise HUIQI_PASSWORD)')
    .option('--region <code>', 'GB/T 2260 region code (officials)')
    .option('--department <code>', 'department code (officials, optional)')
    .option('--enterprise-id <id>', 'enterprise id (enterprise users)', (v) => Number.parseInt(v, 10))
    .option('--institution-id <id>', 'financial institution id (bank users)', (v) => Number.parseInt(v, 10))
    .action(async (options) => {
      const password = options.passwordStdin ? await readStdin() : (process.env.HUIQI_PASSWORD ?? '');
      if (!password)
        throw new Error('Give the password with --password-stdin or the HUIQI_PASSWORD variable.');
      await withDatabase(async (db) => {
        const created = await createUser(
          db,
          {
            username: options.username,
            displayName: options.name ?? options.username,
            password,
            role: options.role as Role,
            regionCode: options.region ?? null,
            departmentCode: options.department ?? null,
            enterpriseId: options.enterpriseId ?? null,
            institutionId: options.institutionId ?? null,
          },
          { actor: null, requestId: null },
        );
        console.log(`Created ${created.role} user "${created.username}" (id ${created.id}).`);
      });
    });

  program
    .command('classify')
    .description(
      'classify enterprises by size offline: reads a CSV or XLSX, writes each row with size and reason',
    )
    .argument(
      '<file>',
      'CSV or XLSX; columns industry_code, employees, operating_revenue, total_assets (万元) for cn-2011; headcount, turnover, balance_sheet_total (euro) and optional partner_*/linked_*/public_body_share for eu-2003',
    )
    .addOption(
      new Option('--standard <id>', 'size standard').choices(['cn-2011', 'eu-2003']).default('cn-2011'),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .addOption(new Option('--lang <lang>', 'language of the reasons').choices(['zh', 'en']).default('zh'))
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (file: string, options) => {
      const counts = await classifyFile(file, options);
      const summary = Object.entries(counts)
        .map(([size, n]) => `${size} ${n}`)
        .join(', ');
      console.error(`Classified: ${summary || 'no rows'}.`);
    });

  program
    .command('eligibility')
    .description(
      "evaluate a policy's eligibility rule offline for every enterprise of a file, with the reasons per row",
    )
    .argument('<policy>', 'a policy YAML file, or the id of a shipped policy (rules/policies/<id>.yaml)')
    .argument(
      '<facts>',
      'CSV or XLSX in the columns of the registry import template, or a JSON array of enterprise facts',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .addOption(new Option('--lang <lang>', 'language of the reasons').choices(['zh', 'en']).default('zh'))
    .option('--date <date>', 'evaluation date (YYYY-MM-DD); figures of the year before it are used', today())
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (policy: string, facts: string, options) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date)) throw new Error('--date must be YYYY-MM-DD');
      const counts = await eligibilityFile(policy, facts, options);
      const summary = Object.entries(counts)
        .map(([outcome, n]) => `${outcome} ${n}`)
        .join(', ');
      console.error(`Evaluated: ${summary || 'no rows'}.`);
    });

  const importCommand = program.command('import').description('import data files');
  importCommand
    .command('enterprises')
    .description(
      'import enterprises with yearly figures from CSV or XLSX (the template of the web page), with progress',
    )
    .argument('<file>', 'CSV (UTF-8, UTF-16 or GBK/GB18030) or XLSX')
    .addOption(
      new Option(
        '--mode <mode>',
        'all_or_nothing: any bad row rejects the file; valid_rows: load the good rows',
      )
        .choices(['all_or_nothing', 'valid_rows'])
        .default('all_or_nothing'),
    )
    .action(async (file: string, options: { mode: 'all_or_nothing' | 'valid_rows' }) => {
      await withDatabase(async (db, kind, config) => {
        const jobId = await createLocalImportJob(db, file, options.mode);
        const bar = progressBar();
        await runImportJob(db, jobId, todayInChina(), {
          onProgress: bar.update,
          lanes: kind === 'postgres' ? 2 : 1,
          maxXlsxBytes: config.importMaxXlsxBytes,
        });
        bar.done();
        const job = await db
          .selectFrom('import_jobs')
          .selectAll()
          .where('id', '=', jobId)
          .executeTakeFirstOrThrow();
        console.log(
          `Import ${job.id}: ${job.status}. Rows read ${job.rows_read}, loaded ${job.rows_loaded}, unchanged ${job.rows_unchanged}, rejected ${job.rows_rejected}.`,
        );
        if (job.error_message)
          console.log([job.error_message, job.error_message_en].filter(Boolean).join(' / '));
        const errors = await listJobErrors(db, jobId, 1, 20);
        for (const e of errors.items)
          console.log(`  row ${e.row_number}, ${e.field}: ${e.message_zh} / ${e.message_en}`);
        if (errors.total > errors.items.length)
          console.log(`  … and ${errors.total - errors.items.length} more`);
        if (job.status !== 'succeeded') process.exitCode = 1;
      });
    });

  program
    .command('match')
    .description(
      'match what changed since the last run (the daily due run), every policy against the whole registry (--all) or some policies (--policy ID…), then run the queued jobs (matching, notices)',
    )
    .option('--all', 'every published policy against the whole registry (a full rescan)')
    .option('--policy <id...>', 'only these policies (database ids), against the whole registry')
    .option('--date <date>', 'evaluation date YYYY-MM-DD (default today)')
    .action(async (options: { all?: boolean; policy?: string[]; date?: string }) => {
      if (options.date !== undefined && !isRealDate(options.date)) throw new Error('--date takes YYYY-MM-DD');
      if (options.all && options.policy) throw new Error('give --all or --policy, not both');
      await withDatabase(async (db, kind) => {
        const lanes = kind === 'postgres' ? 2 : 1;
        await syncPolicyLibrary(db);
        const ids = options.policy?.map(Number);
        if (ids?.some((id) => !Number.isInteger(id) || id < 1))
          throw new Error('--policy takes database ids');
        const date = options.date ?? todayInChina();
        const onProgress = async (done: number, total: number) =>
          void process.stderr.write(`matched ${done}/${total} policies\n`);
        const started = performance.now();
        let what: string;
        let result: Awaited<ReturnType<typeof matchPolicies>>;
        if (options.all) {
          result = await matchAll(db, date, { lanes, onProgress });
          what = `${result.policies} policies matched against the whole registry`;
        } else if (ids) {
          result = await matchPolicies(db, ids, { all: true }, date, { lanes, onProgress });
          what = `${result.policies} policies matched against the whole registry`;
        } else {
          const due = await matchDue(db, date, { lanes });
          result = due;
          what = due.full
            ? `no earlier due run: ${due.policies} policies matched against the whole registry`
            : `due ${due.after ?? ''} → ${date}: ${due.policiesDue} policies whose dates came, ${due.enterprisesDue} enterprises whose age or certifications changed`;
        }
        const ran = await runDueJobs(db, {
          ...policyJobHandlers({ lanes }),
          [DELIVERY_JOB]: deliveryHandler(loggingTransport((line) => console.log(line))),
        });
        console.log(
          `${what}, in ${((performance.now() - started) / 1000).toFixed(1)} s: ${result.matched} matches (${result.added} new, ${result.removed} lost), ${result.notified} notices; ${ran} queued jobs run.`,
        );
      });
    });

  program
    .command('supervise')
    .description(
      'remind the handlers of cases nearing their deadline and supervise (督办) those past it now (the server does it daily)',
    )
    .option('--date <date>', 'as on this date YYYY-MM-DD (default today)')
    .action(async (options: { date?: string }) => {
      if (options.date !== undefined && !isRealDate(options.date)) throw new Error('--date takes YYYY-MM-DD');
      await withDatabase(async (db) => {
        const result = await superviseDeadlines(db, options.date ?? todayInChina());
        const ran = await runDueJobs(db, {
          [DELIVERY_JOB]: deliveryHandler(loggingTransport((line) => console.log(line))),
        });
        console.log(
          `${result.moved} deadlines recomputed, ${result.reminded} cases reminded, ${result.supervised} supervised (督办), ${result.notified} notices; ${ran} queued jobs run.`,
        );
      });
    });

  const audit = program.command('audit').description('the audit log (ADR 0003, 0010)');
  audit
    .command('verify')
    .description(
      'check the hash chain of the whole audit log with the audit key and against the signed checkpoints; exit 1 ' +
        'and name what was found if anything; when intact, add a checkpoint of the head',
    )
    .option(
      '--checkpoints <file>',
      'check against this copy of the checkpoint file (e.g. one shipped elsewhere) instead of HUIQI_AUDIT_CHECKPOINT_FILE',
    )
    .action(async (options: { checkpoints?: string }) => {
      const result = await withDatabase((db, _kind, config) =>
        verifyAuditLog(db, {
          file: config.auditCheckpointFile,
          ...(options.checkpoints ? { readFrom: options.checkpoints } : {}),
        }),
      );
      for (const line of describeVerification(result, options.checkpoints)) {
        if (result.ok) console.log(line);
        else console.error(line);
      }
      if (!result.ok) process.exitCode = 1;
    });
  audit
    .command('checkpoint')
    .description(
      'write a signed checkpoint of the audit head now, to HUIQI_AUDIT_CHECKPOINT_FILE and standard output ' +
        '(the server adds one every HUIQI_AUDIT_CHECKPOINT_MINUTES)',
    )
    .action(async () => {
      await withDatabase(async (db, _kind, config) => {
        const key = currentAuditKey();
        if (!key) throw new Error('no audit key');
        const checkpoint = await checkpointAuditHead(db, key, {
          file: config.auditCheckpointFile,
          log: (line) => console.log(line),
        });
        if (!checkpoint) console.log('The audit log is empty: no checkpoint written.');
        else console.log(`Checkpoint of seq ${checkpoint.seq} appended to ${config.auditCheckpointFile}.`);
      });
    });

  program
    .command('backup')
    .description(
      'back the embedded database up into one file, with the attachments, qualification evidence and audit ' +
        'checkpoints (stop the server first; PostgreSQL: pg_dump, see README "Backups")',
    )
    .argument('<file>', 'the backup to write, named .tar.gz or .tgz; it must not exist')
    .action(async (file: string) => {
      const started = performance.now();
      const summary = await backUp(loadConfig(), file);
      for (const line of describeBackup(summary, performance.now() - started)) console.log(line);
    });

  program
    .command('restore')
    .description(
      'restore a backup into an empty or new data directory (HUIQI_DATA_DIR); the server must be stopped',
    )
    .argument('<file>', 'a file huiqi backup wrote, or - to read it from standard input')
    .option('--force', 'replace a data directory that is not empty (it is moved aside, not deleted)')
    .action(async (file: string, options: { force?: boolean }) => {
      const started = performance.now();
      const summary = await restore(loadConfig(), file, {
        force: options.force ?? false,
        log: (line) => console.log(line),
      });
      const { manifest } = summary;
      console.log(
        `Restored the backup of ${manifest.createdAt} (Huiqi ${manifest.huiqiVersion}, migration ${manifest.migration}) into ${summary.dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${manifest.audit.lastSeq} audit entries, ${manifest.rows.enterprises ?? 0} enterprises, ${manifest.rows.cases ?? 0} cases.`,
      );
      if (summary.replacedMovedTo)
        console.log(`The directory it replaced was moved to ${summary.replacedMovedTo}.`);
      for (const note of summary.notes) console.log(`Note: ${note}`);
      console.log('Next: huiqi audit verify, then start the server (it applies any newer migrations).');
    });

  program
    .command('openapi')
    .description('write the OpenAPI 3 document generated from the route schemas')
    .option('--out <file>', 'output file', 'openapi.json')
    .option('--check', 'exit 1 if the file differs from the generated document')
    .action(async (options) => {
      const document = await generateOpenApi();
      if (options.check) {
        const current = readFileSync(options.out, 'utf8');
        if (current !== document) {
          console.error(`${options.out} is out of date: run npm run openapi`);
          process.exitCode = 1;
        } else console.log(`${options.out} is up to date.`);
        return;
      }
      writeFileSync(options.out, document);
      console.log(`Wrote ${options.out}.`);
    });

  return program;
}

const BROKEN_REASONS: Record<string, string> = {
  missing: 'an entry is missing',
  prev_hash: "it does not link to the previous entry's hash",
  hash: 'its content does not match its hash (altered, or its hash recomputed without the audit key)',
  head: 'the chain head (audit_head) does not match the entries',
  key_missing: 'the chain is keyed from here and no audit key was given',
  key_mismatch: 'the chain is keyed from here with another audit key than the one given',
};

const FINDINGS: Record<string, (seq: number | null) => string> = {
  rollback: (seq) =>
    `ROLLBACK: the checkpoint records seq ${seq}, beyond the last entry: entries were removed and the head rolled back`,
  rewrite: (seq) =>
    `REWRITE: the entry at seq ${seq} has another hash than the checkpoint recorded: it or an entry before it was rewritten`,
  keyed_from: (seq) =>
    `the checkpoint records the chain keyed from seq ${seq}; the database says otherwise (the switch-over was moved)`,
  bad_signature: (seq) =>
    `the checkpoint (seq ${seq}) is not signed with this audit key (forged, or another key)`,
  malformed: () => 'not a checkpoint',
};

/** The lines `huiqi audit verify` prints. */
function describeVerification(result: AuditLogVerification, checkpointFile?: string): string[] {
  const lines: string[] = [];
  if (result.broken)
    lines.push(
      `Audit log BROKEN at seq ${result.broken.seq} (${result.broken.reason}: ${BROKEN_REASONS[result.broken.reason]}); ${result.checked} entries before it are intact.`,
    );
  else
    lines.push(
      `Hash chain intact: ${result.checked} entries verified (last seq ${result.lastSeq}${
        result.keyedFrom !== null
          ? `, keyed with the audit key from seq ${result.keyedFrom}`
          : ', not keyed yet'
      }).`,
    );
  if (result.checkpoints) {
    const { read, matched, latestSeq, latestAt } = result.checkpoints;
    lines.push(
      `Checkpoints${checkpointFile ? ` in ${checkpointFile}` : ''}: ${read} read, ${matched} matching the chain${
        latestSeq !== null ? `; the latest records seq ${latestSeq} at ${latestAt}` : ''
      }.`,
    );
  }
  for (const finding of result.findings)
    lines.push(
      `  checkpoint line ${finding.line}${finding.at ? ` (${finding.at})` : ''}: ${FINDINGS[finding.kind]?.(finding.seq)}`,
    );
  if (result.moreFindings > 0) lines.push(`  … and ${result.moreFindings} more findings.`);
  if (result.checkpoint)
    lines.push(`New checkpoint: seq ${result.checkpoint.seq} at ${result.checkpoint.at}.`);
  if (!result.ok && !result.broken)
    lines.push('Audit log does NOT match its checkpoints: it was tampered with.');
  return lines;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The lines `huiqi backup` prints: what the file holds, and what the operator must keep beside it. */
function describeBackup(summary: BackupSummary, milliseconds: number): string[] {
  const { manifest, parts } = summary;
  const lines = [
    `Backed up ${summary.file} (${megabytes(summary.bytes)}) in ${(milliseconds / 1000).toFixed(1)} s: migration ${manifest.migration}, ${manifest.audit.lastSeq} audit entries.`,
    `  database: ${parts.database.files} files, ${megabytes(parts.database.bytes)}; attachments: ${parts.attachments.files} files, ${megabytes(parts.attachments.bytes)}; qualification evidence: ${parts['qualification-evidence'].files} files, ${megabytes(parts['qualification-evidence'].bytes)}; audit checkpoints: ${parts['audit-checkpoints'].files > 0 ? 'included' : 'none yet'}.`,
  ];
  if (manifest.audit.keyIncluded)
    lines.push(
      '  audit key: included (the default key of a development installation, HUIQI_DATA_DIR/audit.key).',
    );
  else if (manifest.audit.keyId)
    lines.push(
      `  audit key: NOT included. The audit chain is keyed with the key of id ${manifest.audit.keyId}: keep that key ` +
        '(HUIQI_AUDIT_KEY or HUIQI_AUDIT_KEY_FILE) safe, apart from this file; the restored server needs it.',
    );
  if (manifest.leftOut.length > 0)
    lines.push(`  left out of the data directory: ${manifest.leftOut.join(', ')}.`);
  return lines;
}

/** A one-line progress bar on standard error (plain lines when it is not a terminal). */
function progressBar() {
  const isTty = process.stderr.isTTY;
  let last = 0;
  return {
    update(p: ImportProgress) {
      const fraction = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
      const now = Date.now();
      if (!isTty && now - last < 2000) return;
      last = now;
      const width = 30;
      const filled = Math.round(fraction * width);
      const line = `${p.phase === 'validating' ? 'checking' : 'loading '} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  rows ${p.read}  loaded ${p.loaded}  rejected ${p.rejected}`;
      process.stderr.write(isTty ? `\r${line}` : `${line}\n`);
    },
    done() {
      if (isTty) process.stderr.write('\n');
    },
  };
}

/** The OpenAPI document generated from the route schemas, stable formatting (written by `huiqi openapi`; ADR 0033). */
export async function generateOpenApi(): Promise<string> {
  const config = loadConfig({ HUIQI_MODE: 'test', HUIQI_WEB_DIR: '/nonexistent' });
  // Building the app touches no table, so a pool that never connects is enough.
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });
  const app = await buildApp({ config, db, logger: false });
  const document = app.swagger();
  await app.close();
  await db.destroy();
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Runs the CLI; prints configuration and validation errors plainly. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
    } else if (error instanceof AppError) {
      console.error(`${error.code}: ${error.message}`);
      for (const e of error.errors) console.error(`  ${e.field}: ${e.message.en} (${e.message.zh})`);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runCli(process.argv);
}
