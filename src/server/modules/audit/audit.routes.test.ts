/** `GET /api/audit/verify` with the audit key: it adds a checkpoint when intact and names a rollback after. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { auditKeyFrom, setAuditKey } from './audit.keys.ts';

describe('GET /api/audit/verify', () => {
  let t: TestApp;
  let auditor: Session;
  const dir = mkdtempSync(path.join(tmpdir(), 'huiqi-audit-route-'));
  const file = path.join(dir, 'checkpoints.jsonl');
  beforeAll(async () => {
    setAuditKey(auditKeyFrom('a-test-audit-key-of-at-least-32-characters'));
    t = await createTestApp({ env: { HUIQI_AUDIT_CHECKPOINT_FILE: file } });
    auditor = await t.login('auditor');
  });
  afterAll(async () => {
    await t.close();
    setAuditKey(null);
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the keyed chain, adds a checkpoint, then finds the head rolled back behind it', async () => {
    const first = await t.request('GET', '/api/audit/verify', { session: auditor });
    expect(first.statusCode).toBe(200);
    const intact = first.json();
    expect(intact).toMatchObject({ ok: true, keyed: true, keyedFrom: 1, findings: [], moreFindings: 0 });
    expect(intact.checkpoint.seq).toBe(intact.lastSeq);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      seq: intact.lastSeq,
      hash: intact.checkpoint.hash,
    });

    // A superuser deletes the last two entries (the auditor's sign-in among them) and rolls the head back.
    const back = intact.lastSeq - 2;
    await sql`alter table audit_log disable trigger user`.execute(t.handle.db);
    await sql`delete from audit_log where seq > ${back}`.execute(t.handle.db);
    await sql`update audit_head set seq = ${back}, hash = (select hash from audit_log where seq = ${back})`.execute(
      t.handle.db,
    );
    await sql`alter table audit_log enable trigger user`.execute(t.handle.db);

    const second = await t.request('GET', '/api/audit/verify', { session: auditor });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({
      ok: false,
      lastSeq: back,
      checkpoints: { read: 1, matched: 0, latestSeq: intact.lastSeq },
      findings: [{ kind: 'rollback', line: 1, seq: intact.lastSeq }],
      checkpoint: null,
    });
  });
});
