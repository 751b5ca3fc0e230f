/**
 * Tampering by a database superuser (issue 11, finding 7; ADR 0010): triggers off, entries rewritten and every
 * later hash recomputed with the project's own (unkeyed) function, or the last entries deleted and `audit_head`
 * rolled back. The keyed chain and the signed checkpoints kept outside the database find both.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { runDueJobs } from '../jobs/index.ts';
import {
  AUDIT_CHECKPOINT_JOB,
  auditCheckpointHandler,
  checkpointAuditHead,
  queueAuditCheckpoint,
  readCheckpoints,
  verifyAuditLog,
} from './audit.checkpoints.ts';
import { auditKeyFrom, resolveAuditKey, setAuditKey } from './audit.keys.ts';
import { appendAudit, assertAuditKeyFits, entryHash } from './audit.service.ts';

const actor = { userId: null, role: 'system' };
const key = auditKeyFrom('a-test-audit-key-of-at-least-32-characters');

async function append(handle: DatabaseHandle, n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await handle.db
      .transaction()
      .execute((trx) => appendAudit(trx, actor, { action: 'test.entry', targetId: i, summary: { i } }));
}

/** What a superuser without the key can do: triggers off, then any statements. */
async function asSuperuser(handle: DatabaseHandle, work: () => Promise<void>): Promise<void> {
  await sql`alter table audit_log disable trigger user`.execute(handle.db);
  await work();
  await sql`alter table audit_log enable trigger user`.execute(handle.db);
}

/**
 * Rewrites the summary of entry `seq` and recomputes the hash of it and of every later entry with the project's
 * own hash function (no key: the attacker does not have it), then moves the head; `unkey` also clears the
 * switch-over point and recomputes the whole chain, as if it had never been keyed.
 */
async function rewriteAndRelink(
  handle: DatabaseHandle,
  seq: number,
  summary: Record<string, unknown>,
  { unkey = false } = {},
): Promise<void> {
  await asSuperuser(handle, async () => {
    const from = unkey ? 1 : seq;
    const rows = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', from)
      .orderBy('seq')
      .execute();
    let prev = rows[0]?.prev_hash ?? '';
    for (const row of rows) {
      const entrySummary = row.seq === seq ? summary : (row.summary as unknown as Record<string, unknown>);
      const hash = entryHash(prev, { ...row, summary: entrySummary });
      await handle.db
        .updateTable('audit_log')
        .set({ summary: JSON.stringify(entrySummary), prev_hash: prev, hash })
        .where('seq', '=', row.seq)
        .execute();
      prev = hash;
    }
    await handle.db
      .updateTable('audit_head')
      .set({ hash: prev, ...(unkey ? { keyed_from: null, key_id: null } : {}) })
      .where('id', '=', 1)
      .execute();
  });
}

/** Deletes the entries after `seq` and rolls `audit_head` back to entry `seq`. */
async function rollBack(handle: DatabaseHandle, seq: number): Promise<void> {
  await asSuperuser(handle, async () => {
    await handle.db.deleteFrom('audit_log').where('seq', '>', seq).execute();
    const last = await handle.db
      .selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow();
    await handle.db.updateTable('audit_head').set({ seq, hash: last.hash }).where('id', '=', 1).execute();
  });
}

describe('audit tamper evidence', () => {
  let handle: DatabaseHandle;
  let dir: string;
  let file: string;
  beforeEach(async () => {
    handle = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'huiqi-audit-'));
    file = path.join(dir, 'checkpoints.jsonl');
    setAuditKey(key);
  });
  afterEach(async () => {
    setAuditKey(null);
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes a clean keyed chain, adding a checkpoint each time, and checks the next run against them', async () => {
    await append(handle, 5);
    const first = await verifyAuditLog(handle.db, { file });
    expect(first).toMatchObject({
      ok: true,
      checked: 5,
      keyed: true,
      keyedFrom: 1,
      checkpoints: { read: 0, matched: 0 },
      findings: [],
      checkpoint: { seq: 5 },
    });
    await append(handle, 3);
    const second = await verifyAuditLog(handle.db, { file });
    expect(second).toMatchObject({
      ok: true,
      checked: 8,
      checkpoints: { read: 1, matched: 1, latestSeq: 5 },
      checkpoint: { seq: 8 },
    });
    expect((await readCheckpoints(file)).map((line) => line.checkpoint?.seq)).toEqual([5, 8]);
  });

  it('names the entry a superuser rewrote and relinked without the key', async () => {
    await append(handle, 6);
    await rewriteAndRelink(handle, 3, { i: 99 });
    expect(await verifyAuditLog(handle.db, { file })).toMatchObject({
      ok: false,
      checked: 2,
      broken: { seq: 3, reason: 'hash' },
      checkpoint: null,
    });
  });

  it('finds, through a checkpoint, a chain recomputed from the start as if it had never been keyed', async () => {
    await append(handle, 4);
    await checkpointAuditHead(handle.db, key, { file });
    await rewriteAndRelink(handle, 2, { i: 99 }, { unkey: true });
    const result = await verifyAuditLog(handle.db, { file });
    expect(result).toMatchObject({ ok: false, keyedFrom: null, checkpoint: null });
    expect(result.broken).toBeUndefined();
    expect(result.findings).toEqual([
      { kind: 'keyed_from', line: 1, seq: 1, at: expect.any(String) },
      { kind: 'rewrite', line: 1, seq: 4, at: expect.any(String) },
    ]);
  });

  it('finds the last entries deleted and the head rolled back, against the checkpoint', async () => {
    await append(handle, 8);
    await checkpointAuditHead(handle.db, key, { file });
    await rollBack(handle, 6);
    const result = await verifyAuditLog(handle.db, { file });
    expect(result).toMatchObject({ ok: false, checked: 6, lastSeq: 6, checkpoint: null });
    expect(result.broken).toBeUndefined();
    expect(result.findings).toEqual([{ kind: 'rollback', line: 1, seq: 8, at: expect.any(String) }]);
  });

  it('finds a rollback covered by new entries past the checkpoint', async () => {
    await append(handle, 8);
    await checkpointAuditHead(handle.db, key, { file });
    await rollBack(handle, 6);
    await append(handle, 3);
    expect((await verifyAuditLog(handle.db, { file })).findings).toEqual([
      { kind: 'rewrite', line: 1, seq: 8, at: expect.any(String) },
    ]);
  });

  it('checks the entries made before the key as a plain chain, and keyed ones from the switch-over', async () => {
    setAuditKey(null);
    await append(handle, 3);
    setAuditKey(key);
    await append(handle, 3);
    expect(await verifyAuditLog(handle.db, { file })).toMatchObject({ ok: true, checked: 6, keyedFrom: 4 });
    // A rewrite in the unkeyed part, relinked without the key, breaks at the first keyed entry.
    await rewriteAndRelink(handle, 2, { i: 99 });
    expect(await verifyAuditLog(handle.db, { file })).toMatchObject({
      ok: false,
      broken: { seq: 4, reason: 'hash' },
    });
  });

  it('refuses to append to a keyed chain without the key or with another one, and to start so', async () => {
    await append(handle, 2);
    const other = auditKeyFrom('another-test-audit-key-of-32-characters');
    setAuditKey(other);
    await expect(append(handle, 1)).rejects.toThrow(/not the one the audit chain is keyed with/);
    await expect(assertAuditKeyFits(handle.db)).rejects.toThrow(ConfigError);
    expect(await verifyAuditLog(handle.db, { file })).toMatchObject({
      ok: false,
      broken: { seq: 1, reason: 'key_mismatch' },
    });
    setAuditKey(null);
    await expect(append(handle, 1)).rejects.toThrow(/audit key is required/);
    await expect(assertAuditKeyFits(handle.db)).rejects.toThrow(/HUIQI_AUDIT_KEY/);
    setAuditKey(key);
    await assertAuditKeyFits(handle.db);
  });

  it('reports checkpoints not signed with the key and lines that are not checkpoints', async () => {
    await append(handle, 3);
    await checkpointAuditHead(handle.db, key, { file });
    const [line] = readFileSync(file, 'utf8').trim().split('\n');
    const forged = { ...JSON.parse(line ?? '{}'), seq: 2 };
    writeFileSync(file, `${line}\n${JSON.stringify(forged)}\nnot json\n`);
    expect((await verifyAuditLog(handle.db, { file })).findings).toEqual([
      { kind: 'bad_signature', line: 2, seq: 2, at: expect.any(String) },
      { kind: 'malformed', line: 3, seq: null, at: null },
    ]);
  });

  it('verifies against a copy of the checkpoints kept elsewhere, appending the new one to the file', async () => {
    await append(handle, 4);
    const copy = path.join(dir, 'copy.jsonl');
    await checkpointAuditHead(handle.db, key, { file: copy });
    await rollBack(handle, 2);
    expect((await verifyAuditLog(handle.db, { file })).ok).toBe(true);
    expect(await verifyAuditLog(handle.db, { file, readFrom: copy })).toMatchObject({
      ok: false,
      findings: [{ kind: 'rollback', seq: 4 }],
    });
  });

  it('writes a checkpoint from the queued job, once per period, to the file and the log', async () => {
    await append(handle, 2);
    const now = new Date();
    await queueAuditCheckpoint(handle.db, now, 60);
    await queueAuditCheckpoint(handle.db, now, 60);
    const logged: string[] = [];
    const ran = await runDueJobs(handle.db, {
      [AUDIT_CHECKPOINT_JOB]: auditCheckpointHandler({ file, log: (line) => logged.push(line) }),
    });
    expect(ran).toBe(1);
    await queueAuditCheckpoint(handle.db, now, 60);
    expect(await runDueJobs(handle.db, { [AUDIT_CHECKPOINT_JOB]: auditCheckpointHandler({ file }) })).toBe(0);
    const lines = await readCheckpoints(file);
    expect(lines.map((line) => line.checkpoint?.seq)).toEqual([2]);
    expect(logged).toEqual([`audit checkpoint ${JSON.stringify(lines[0]?.checkpoint)}`]);
  });
});

describe('audit key configuration', () => {
  it('refuses production without a key, and keys that are too short or given twice', () => {
    for (const [env, variable] of [
      [{ HUIQI_MODE: 'production' }, 'HUIQI_AUDIT_KEY'],
      [{ HUIQI_AUDIT_KEY: 'short' }, 'HUIQI_AUDIT_KEY'],
      [{ HUIQI_AUDIT_KEY: 'k'.repeat(32), HUIQI_AUDIT_KEY_FILE: '/k' }, 'HUIQI_AUDIT_KEY'],
      [{ HUIQI_AUDIT_CHECKPOINT_MINUTES: '0' }, 'HUIQI_AUDIT_CHECKPOINT_MINUTES'],
    ] as const) {
      expect(() => loadConfig(env, '/srv')).toThrow(ConfigError);
      expect(() => loadConfig(env, '/srv')).toThrow(variable);
    }
    expect(loadConfig({ HUIQI_MODE: 'production', HUIQI_AUDIT_KEY: 'k'.repeat(40) }, '/srv')).toMatchObject({
      auditKey: { kind: 'secret' },
      auditCheckpointFile: '/srv/data/audit-checkpoints.jsonl',
      auditCheckpointMinutes: 60,
    });
  });

  it('creates the default key file once, readable by its owner only, and never a named one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huiqi-key-'));
    try {
      const config = loadConfig({ HUIQI_DATA_DIR: dir });
      const first = resolveAuditKey(config.auditKey);
      const keyFile = path.join(dir, 'audit.key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(resolveAuditKey(config.auditKey).id).toBe(first.id);
      const named = loadConfig({ HUIQI_MODE: 'production', HUIQI_AUDIT_KEY_FILE: path.join(dir, 'missing') });
      expect(() => resolveAuditKey(named.auditKey)).toThrow(/HUIQI_AUDIT_KEY_FILE/);
      const given = loadConfig({ HUIQI_MODE: 'production', HUIQI_AUDIT_KEY_FILE: keyFile });
      expect(resolveAuditKey(given.auditKey).id).toBe(first.id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
