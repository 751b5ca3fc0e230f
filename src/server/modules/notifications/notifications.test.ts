/** Deliveries: each sent once even with two delivery jobs at once; failures retried later, then marked failed. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { anEnterprise, anEnterpriseUser } from '../../../../test/helpers/factories.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { ClaimedJob, JobContext } from '../jobs/index.ts';
import { deliveryHandler, notify, type OutgoingMessage } from './notifications.service.ts';

const context = (): JobContext => ({ signal: new AbortController().signal, progress: async () => undefined });
const job: ClaimedJob = { id: 0, kind: 'notification-delivery', payload: {}, attempts: 1 };

describe('notification deliveries', () => {
  let handle: DatabaseHandle;
  let enterpriseId: number;
  beforeAll(async () => {
    handle = await createTestDatabase();
    // An enterprise with two users, each with an email address: two deliveries for each of its notices.
    const firm = await anEnterprise(handle.db);
    await anEnterpriseUser(handle.db, firm);
    await anEnterpriseUser(handle.db, firm);
    enterpriseId = firm.id;
  });
  afterAll(() => handle.close());

  it('sends every delivery once when two delivery jobs run at the same time', async () => {
    await handle.db.transaction().execute((trx) =>
      notify(
        trx,
        Array.from({ length: 5 }, (_, i) => ({
          enterpriseId,
          kind: 'policy_match' as const,
          title: { zh: `通知 ${i}`, en: `Notice ${i}` },
        })),
      ),
    );
    const sent: OutgoingMessage[] = [];
    const transport = { send: async (m: OutgoingMessage) => void sent.push(m) };
    await Promise.all([
      deliveryHandler(transport)(handle.db, job, context()),
      deliveryHandler(transport)(handle.db, job, context()),
    ]);
    // An email to each of the two users for each of the five notices, each once.
    expect(sent).toHaveLength(10);
    expect(new Set(sent.map((m) => `${m.channel} ${m.address} ${m.subject}`)).size).toBe(10);
  });

  it('retries a failed delivery later and marks it failed after the last try', async () => {
    await handle.db
      .transaction()
      .execute((trx) =>
        notify(trx, [{ enterpriseId, kind: 'policy_match', title: { zh: '网关故障', en: 'Gateway down' } }]),
      );
    const failing = { send: async () => Promise.reject(new Error('gateway down')) };
    for (let attempt = 1; attempt <= 3; attempt++) {
      await sql`update notification_deliveries set next_attempt_at = now() where status = 'pending'`.execute(
        handle.db,
      );
      const result = (await deliveryHandler(failing)(handle.db, job, context())) as { failed: number };
      expect(result.failed).toBe(2);
    }
    const rows = await handle.db
      .selectFrom('notification_deliveries')
      .select(['status', 'attempts', 'last_error'])
      .where('status', '<>', 'sent')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.status === 'failed' && r.attempts === 3)).toBe(true);
    expect(rows[0]?.last_error).toContain('gateway down');
  });
});
