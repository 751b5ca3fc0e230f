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
  /** Largest attachment of a case in bytes, and how many files a case may have. */
  attachmentMaxBytes: number;
  attachmentsPerCase: number;
  /** Trust X-Forwarded-* headers (behind a reverse proxy). */
  trustProxy: boolean;
  /**
   * Up to how many matches the enterprise list counts exactly (and a search ranks in one pass); above it the
   * total is the planner's estimate and says so (ADR 0011). Totals read from the roll-up (region, industry
   * division, status) are always exact.
   */
  listExactCountLimit: number;
}

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
  const logLevel = env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info');
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
  return {
    mode,
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir: path.resolve(cwd, env.HUIQI_DATA_DIR?.trim() || 'data'),
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
    attachmentMaxBytes: integer(
      env,
      'HUIQI_ATTACHMENT_MAX_BYTES',
      ATTACHMENT_DEFAULTS.maxBytes,
      1024,
      1024 * 1024 * 1024,
    ),
    attachmentsPerCase: integer(env, 'HUIQI_ATTACHMENTS_PER_CASE', ATTACHMENT_DEFAULTS.maxFiles, 1, 1000),
    listExactCountLimit: integer(env, 'HUIQI_LIST_EXACT_COUNT_LIMIT', 2_000, 1, 10_000_000),
  };
}
