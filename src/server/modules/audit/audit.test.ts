/** The audit log: one unbroken hash chain, written with the change, and tampering is found. */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { appendAudit, canonicalJson, verifyAuditChain } from './audit.service.ts';

const actor = { userId: null, role: 'system' };

async function append(handle: DatabaseHandle, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const entry = {
      action: 'test.entry',
      targetType: 'thing',
      targetId: i,
      summary: { i, name: `第${i}项` },
    };
    await handle.db.transaction().execute((trx) => appendAudit(trx, actor, entry));
  }
}

async function tamper(handle: DatabaseHandle, statement: ReturnType<typeof sql>): Promise<void> {
  await sql`alter table audit_log disable trigger user`.execute(handle.db);
  await statement.execute(handle.db);
  await sql`alter table audit_log enable trigger user`.execute(handle.db);
}

describe('audit log', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await createTestDatabase();
  });
  afterEach(() => handle.close());

  it('serialises values canonically whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
  });

  it('verifies an intact chain, including an empty one', async () => {
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, checked: 0, lastSeq: 0 });
    await append(handle, 12);
    expect(await verifyAuditChain(handle.db, { batchSize: 5 })).toMatchObject({
      ok: true,
      checked: 12,
      lastSeq: 12,
    });
  });

  it('refuses updates, deletes and truncation of entries', async () => {
    await append(handle, 2);
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(handle.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where seq = 1`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
  });

  it('reports the first altered entry', async () => {
    await append(handle, 6);
    await tamper(handle, sql`update audit_log set summary = '{"i": 99}' where seq = 4`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({
      ok: false,
      checked: 3,
      broken: { seq: 4, reason: 'hash' },
    });
  });

  it('reports an entry removed from the middle and one removed from the end', async () => {
    await append(handle, 6);
    await tamper(handle, sql`delete from audit_log where seq = 3`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({
      ok: false,
      broken: { seq: 3, reason: 'missing' },
    });
    const tail = await createTestDatabase();
    try {
      await append(tail, 4);
      await tamper(tail, sql`delete from audit_log where seq = 4`);
      expect(await verifyAuditChain(tail.db)).toMatchObject({
        ok: false,
        broken: { seq: 4, reason: 'missing' },
      });
    } finally {
      await tail.close();
    }
  });

  it('reports an entry whose hash was recomputed but whose successor still points to the old one', async () => {
    await append(handle, 5);
    const { rows } = await sql<{ hash: string }>`select hash from audit_log where seq = 2`.execute(handle.db);
    const hash = rows[0]?.hash ?? '';
    // Change the last hex digit, whatever it is (a fixed replacement would be a no-op one time in sixteen).
    const forged = `${hash.slice(0, 63)}${hash.endsWith('0') ? '1' : '0'}`;
    await tamper(handle, sql`update audit_log set hash = ${forged} where seq = 2`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({
      ok: false,
      broken: { seq: 2, reason: 'hash' },
    });
  });

  it('keeps one unbroken chain under concurrent appends, and drops the entry of a rolled-back change', async () => {
    const writers = Array.from({ length: 20 }, (_, i) =>
      handle.db.transaction().execute(async (trx) => {
        await appendAudit(trx, actor, { action: 'test.concurrent', targetId: i });
        if (i % 5 === 0) throw new Error('rolled back');
      }),
    );
    const results = await Promise.allSettled(writers);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
    const verification = await verifyAuditChain(handle.db);
    expect(verification).toMatchObject({ ok: true, checked: 16, lastSeq: 16 });
    const ids = await sql<{ target_id: string }>`select target_id from audit_log order by seq`.execute(
      handle.db,
    );
    expect(ids.rows.map((r) => Number(r.target_id)).every((id) => id % 5 !== 0)).toBe(true);
  });
});
