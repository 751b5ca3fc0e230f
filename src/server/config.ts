/**
 * Typed configuration read from the environment. Fails fast with a message that names the variable.
 */
import path from 'node:path';
import { ATTACHMENT_DEFAULTS } from '../shared/api/attachments.ts';

/** Runtime mode: `production` loads no demo data and requires explicit admin creation. */
export type Mode = 'development' | 'production' | 'test';

/** Server configuration, fully resolved. */
export interface Config {
  mode: Mode;
  host: string;
  port: number;
  /** PostgreSQL connection string; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** Directory with the built web app, served at `/`. */
  webDir: string;
  logLevel: string;
  /** Load demo data on first start (never in production). */
  seedDemo: boolean;
  /** Mark the session cookie `Secure` (set when served behind HTTPS). */
  secureCookies: boolean;
  sessionTtlHours: number;
  /** Maximum request body in bytes. */
  bodyLimit: number;
  /** Number of failed logins after which an account is locked, and for how long. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Sign-in attempts allowed per client address per minute (all accounts together). */
  loginRatePerMinute: number;
  /** Largest import file in bytes. */
  importMaxBytes: number;
  /** Largest total of an imported XLSX's parts once unzipped, in bytes (a zip bomb is refused beyond). */
  importMaxXlsxBytes: number;
  /** Largest attachment of a case in bytes, and how many files a case may have. */
  attachmentMaxBytes: number;
  attachmentsPerCase: number;
  /** Trust X-Forwarded-* headers (behind a reverse proxy). */
  trustProxy: boolean;
  /** Where the audit key (ADR 0010) comes from; it is never stored in the database. */
  auditKey: AuditKeySource;
  /** The append-only file of signed audit checkpoints, and how often the server adds one. */
  auditCheckpointFile: string;
  auditCheckpointMinutes: number;
  /**
   * Up to how many matches the enterprise list counts exactly (and a search ranks in one pass); above it the
   * total is the planner's estimate and says so (ADR 0011). Totals read from the roll-up (region, industry
   * division, status) are always exact.
   */
  listExactCountLimit: number;
  /**
   * The Prometheus metrics listener (`GET /metrics`, ADR 0022): its port (null: no metrics) and interface. A port
   * of its own keeps the metrics off the public port and its proxy.
   */
  metricsPort: number | null;
  metricsHost: string;
}

/**
 * The audit key: given in `HUIQI_AUDIT_KEY`, or read from a file (`HUIQI_AUDIT_KEY_FILE`, by default
 * `HUIQI_DATA_DIR/audit.key`). Only the default file is created when missing, and never in production, where
 * a missing key stops the start (ADR 0010).
 */
export type AuditKeySource =
  | { kind: 'secret'; secret: string }
  | { kind: 'file'; file: string; variable: 'HUIQI_AUDIT_KEY_FILE' | 'HUIQI_DATA_DIR'; create: boolean };

/** The shortest audit key accepted (characters), e.g. `openssl rand -hex 32` gives 64. */
export const AUDIT_KEY_MIN_LENGTH = 32;

/**
 * Default limit of an imported XLSX once unzipped: 512 MiB, about 1,000,000 rows of the import template (its
 * sheet is ~540 bytes of XML a row), far above what a real workbook of the upload limit needs, far below what
 * would exhaust the import worker.
 */
export const DEFAULT_IMPORT_MAX_XLSX_BYTES = 512 * 1024 * 1024;

/** A configuration value that could not be used. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const modeRaw = env.HUIQI_MODE ?? (env.NODE_ENV === 'production' ? 'production' : 'development');
  if (!['development', 'production', 'test'].includes(modeRaw)) {
    throw new ConfigError('HUIQI_MODE', `must be development, production or test, got "${modeRaw}"`);
  }
  const mode = modeRaw as Mode;
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  // A development start (`npm start` on a laptop) logs warnings only: one line per request would bury the URL and
  // the demo logins it prints; production logs every request.
  const logLevel = env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : mode === 'production' ? 'info' : 'warn');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const seedDemo = boolean(env, 'HUIQI_DEMO', mode !== 'production');
  if (seedDemo && mode === 'production') {
    throw new ConfigError(
      'HUIQI_DEMO',
      'cannot be true in production mode (demo accounts have known passwords)',
    );
  }
  const dataDir = path.resolve(cwd, env.HUIQI_DATA_DIR?.trim() || 'data');
  const host = env.HOST?.trim() || '127.0.0.1';
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const metricsPort = env.HUIQI_METRICS_PORT?.trim() ? integer(env, 'HUIQI_METRICS_PORT', 0, 0, 65535) : null;
  if (metricsPort !== null && metricsPort !== 0 && metricsPort === port)
    throw new ConfigError(
      'HUIQI_METRICS_PORT',
      `must differ from PORT (${port}): the metrics have a listener of their own`,
    );
  return {
    mode,
    host,
    port,
    databaseUrl,
    dataDir,
    webDir: path.resolve(cwd, env.HUIQI_WEB_DIR?.trim() || 'dist/web'),
    logLevel,
    seedDemo,
    secureCookies: boolean(env, 'HUIQI_SECURE_COOKIES', mode === 'production'),
    sessionTtlHours: integer(env, 'HUIQI_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    bodyLimit: integer(env, 'HUIQI_BODY_LIMIT', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    loginMaxFailures: integer(env, 'HUIQI_LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: integer(env, 'HUIQI_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginRatePerMinute: integer(env, 'HUIQI_LOGIN_RATE_PER_MINUTE', 30, 1, 100_000),
    trustProxy: boolean(env, 'HUIQI_TRUST_PROXY', false),
    importMaxBytes: integer(env, 'HUIQI_IMPORT_MAX_BYTES', 1024 * 1024 * 1024, 1024, 8 * 1024 * 1024 * 1024),
    importMaxXlsxBytes: integer(
      env,
      'HUIQI_IMPORT_MAX_XLSX_BYTES',
      DEFAULT_IMPORT_MAX_XLSX_BYTES,
      1024,
      16 * 1024 * 1024 * 1024,
    ),
    attachmentMaxBytes: integer(
      env,
      'HUIQI_ATTACHMENT_MAX_BYTES',
      ATTACHMENT_DEFAULTS.maxBytes,
      1024,
      1024 * 1024 * 1024,
    ),
    attachmentsPerCase: integer(env, 'HUIQI_ATTACHMENTS_PER_CASE', ATTACHMENT_DEFAULTS.maxFiles, 1, 1000),
    auditKey: auditKeySource(env, mode, dataDir, cwd),
    auditCheckpointFile: path.resolve(
      cwd,
      env.HUIQI_AUDIT_CHECKPOINT_FILE?.trim() || path.join(dataDir, 'audit-checkpoints.jsonl'),
    ),
    auditCheckpointMinutes: integer(env, 'HUIQI_AUDIT_CHECKPOINT_MINUTES', 60, 1, 24 * 60),
    listExactCountLimit: integer(env, 'HUIQI_LIST_EXACT_COUNT_LIMIT', 2_000, 1, 10_000_000),
    metricsPort,
    metricsHost: env.HUIQI_METRICS_HOST?.trim() || host,
  };
}

/** Where the audit key comes from; the key itself is read (or the default file created) at start. */
function auditKeySource(env: Env, mode: Mode, dataDir: string, cwd: string): AuditKeySource {
  const secret = env.HUIQI_AUDIT_KEY;
  const file = env.HUIQI_AUDIT_KEY_FILE?.trim();
  if (secret !== undefined && secret !== '') {
    if (file)
      throw new ConfigError('HUIQI_AUDIT_KEY', 'and HUIQI_AUDIT_KEY_FILE are both set: give only one');
    if (secret.trim().length < AUDIT_KEY_MIN_LENGTH)
      throw new ConfigError(
        'HUIQI_AUDIT_KEY',
        `must be at least ${AUDIT_KEY_MIN_LENGTH} characters (e.g. openssl rand -hex 32), got ${secret.trim().length}`,
      );
    return { kind: 'secret', secret: secret.trim() };
  }
  if (file)
    return { kind: 'file', file: path.resolve(cwd, file), variable: 'HUIQI_AUDIT_KEY_FILE', create: false };
  // In production the key must come from the operator: a key made silently beside the data would sit in the
  // same backups as the database it is meant to be kept apart from, and each instance would make its own.
  if (mode === 'production')
    throw new ConfigError(
      'HUIQI_AUDIT_KEY',
      'is required in production mode (or HUIQI_AUDIT_KEY_FILE): the audit chain is keyed with a secret kept outside the database',
    );
  return { kind: 'file', file: path.join(dataDir, 'audit.key'), variable: 'HUIQI_DATA_DIR', create: true };
}
