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

  it('serves no metrics unless HUIQI_METRICS_PORT is set', () => {
    expect(loadConfig({}).metricsPort).toBeNull();
  });

  it('serves the metrics on HUIQI_METRICS_PORT, on the interface of HOST unless HUIQI_METRICS_HOST says', () => {
    expect(loadConfig({ HOST: '10.0.0.5', HUIQI_METRICS_PORT: '9464' })).toMatchObject({
      metricsPort: 9464,
      metricsHost: '10.0.0.5',
    });
    expect(loadConfig({ HUIQI_METRICS_PORT: '9464', HUIQI_METRICS_HOST: '0.0.0.0' }).metricsHost).toBe(
      '0.0.0.0',
    );
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
    [{ HUIQI_METRICS_PORT: 'true' }, 'HUIQI_METRICS_PORT'],
    [{ HUIQI_METRICS_PORT: '70000' }, 'HUIQI_METRICS_PORT'],
    [{ HUIQI_METRICS_PORT: '3000' }, 'HUIQI_METRICS_PORT'],
    [{ PORT: '8080', HUIQI_METRICS_PORT: '8080' }, 'HUIQI_METRICS_PORT'],
  ])('fails fast on %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
