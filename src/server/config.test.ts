/** Configuration: defaults, and a clear message naming the variable when a value is unusable. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded database in ./data on port 3000 with demo data outside production', () => {
    const config = loadConfig({}, '/srv/huiqi');
    expect(config).toMatchObject({
      mode: 'development',
      port: 3000,
      databaseUrl: null,
      dataDir: path.resolve('/srv/huiqi/data'),
      seedDemo: true,
      secureCookies: false,
    });
  });

  it('logs warnings only in development, every request in production, nothing in tests, unless LOG_LEVEL says', () => {
    expect(loadConfig({}).logLevel).toBe('warn');
    expect(loadConfig({ HUIQI_MODE: 'production', HUIQI_AUDIT_KEY: 'k'.repeat(64) }).logLevel).toBe('info');
    expect(loadConfig({ HUIQI_MODE: 'test' }).logLevel).toBe('silent');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('reads HUIQI_DATA_DIR, DATABASE_URL and PORT', () => {
    const config = loadConfig(
      { HUIQI_DATA_DIR: 'var/db', DATABASE_URL: 'postgres://u@h/db', PORT: '8080' },
      '/srv',
    );
    expect(config).toMatchObject({ dataDir: '/srv/var/db', databaseUrl: 'postgres://u@h/db', port: 8080 });
  });

  it('limits an imported XLSX to 512 MiB once unzipped unless HUIQI_IMPORT_MAX_XLSX_BYTES says otherwise', () => {
    expect(loadConfig({}).importMaxXlsxBytes).toBe(512 * 1024 * 1024);
    expect(loadConfig({ HUIQI_IMPORT_MAX_XLSX_BYTES: '1048576' }).importMaxXlsxBytes).toBe(1024 * 1024);
  });

  it('loads no demo data in production and marks cookies Secure', () => {
    expect(loadConfig({ NODE_ENV: 'production', HUIQI_AUDIT_KEY: 'k'.repeat(64) })).toMatchObject({
      mode: 'production',
      seedDemo: false,
      secureCookies: true,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ HUIQI_MODE: 'staging' }, 'HUIQI_MODE'],
    [{ HUIQI_MODE: 'production', HUIQI_DEMO: 'true' }, 'HUIQI_DEMO'],
    [{ HUIQI_SECURE_COOKIES: 'maybe' }, 'HUIQI_SECURE_COOKIES'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ HUIQI_IMPORT_MAX_XLSX_BYTES: '1gb' }, 'HUIQI_IMPORT_MAX_XLSX_BYTES'],
    [{ HUIQI_IMPORT_MAX_XLSX_BYTES: '100' }, 'HUIQI_IMPORT_MAX_XLSX_BYTES'],
  ])('fails fast on %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
