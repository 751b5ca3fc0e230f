/** The `huiqi` command as an operator runs it: help, first admin in production, audit verification. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../../test/helpers/db.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/huiqi.js');

async function huiqi(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', HUIQI_DATA_DIR: '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('huiqi CLI', () => {
  let location: TestDatabaseLocation;
  let env: Record<string, string>;
  let files: string;
  beforeAll(async () => {
    location = await createTestDatabaseLocation();
    files = mkdtempSync(path.join(tmpdir(), 'huiqi-cli-'));
    // Production needs the audit key from the operator (ADR 0010); checkpoints go to a file of this test's own.
    env = {
      ...location.env,
      HUIQI_MODE: 'production',
      HUIQI_AUDIT_KEY: 'cli-test-audit-key-of-at-least-32-characters',
      HUIQI_AUDIT_CHECKPOINT_FILE: path.join(files, 'checkpoints.jsonl'),
    };
  });
  afterAll(async () => {
    await location.remove();
    rmSync(files, { recursive: true, force: true });
  });

  it('refuses to open the database in production without the audit key, naming the variable', async () => {
    const { HUIQI_AUDIT_KEY: _key, ...keyless } = env;
    const refused = await huiqi(['migrate'], { ...keyless, HUIQI_AUDIT_KEY: '' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('HUIQI_AUDIT_KEY');
  });

  it('prints help for every command', async () => {
    const top = await huiqi(['--help'], env);
    for (const command of [
      'serve',
      'migrate',
      'seed',
      'user',
      'audit',
      'openapi',
      'classify',
      'eligibility',
      'match',
      'backup',
      'restore',
    ])
      expect(top.stdout).toContain(command);
    expect((await huiqi(['user', 'add', '--help'], env)).stdout).toContain('--role');
    expect((await huiqi(['audit', 'verify', '--help'], env)).stdout).toContain('hash chain');
  });

  it('creates the first admin in production mode and refuses a weak password naming the field', async () => {
    const weak = await huiqi(['user', 'add', '--role', 'admin', '--username', 'root.admin'], {
      ...env,
      HUIQI_PASSWORD: 'weak',
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password');
    const ok = await huiqi(
      ['user', 'add', '--role', 'admin', '--username', 'root.admin', '--name', '管理员'],
      {
        ...env,
        HUIQI_PASSWORD: 'Very-Strong-2026!',
      },
    );
    expect(ok.stdout).toContain('Created admin user "root.admin"');
    const seed = await huiqi(['seed'], env);
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain('production');
  });

  it('reports an intact audit log, then the first broken link after tampering (exit 1)', async () => {
    const intact = await huiqi(['audit', 'verify'], env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(
      /Hash chain intact: \d+ entries verified \(last seq \d+, keyed with the audit key from seq \d+\)/,
    );
    expect(intact.stdout).toMatch(/New checkpoint: seq \d+/);
    const handle = await location.open();
    await sql`alter table audit_log disable trigger user`.execute(handle.db);
    await sql`update audit_log set summary = '{"forged": true}' where seq = 1`.execute(handle.db);
    await handle.close();
    const broken = await huiqi(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('BROKEN at seq 1 (hash:');
  });
});
