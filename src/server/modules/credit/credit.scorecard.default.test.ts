/**
 * The example scorecard is stored once however many instances start at once on an empty table (on PostgreSQL the
 * two calls below run on two connections; before the lock, the second failed on the one-published index and its
 * server exited while starting).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { ensureDefaultScorecard } from './credit.scoring.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(() => t.close());

describe('the example scorecard on first start', () => {
  it('is stored once when two starts ask at the same moment', async () => {
    const stored = await Promise.all([
      ensureDefaultScorecard(t.handle.db, '2026-12-06'),
      ensureDefaultScorecard(t.handle.db, '2026-12-06'),
    ]);
    expect(stored.filter(Boolean)).toHaveLength(1);
    const rows = await t.handle.db.selectFrom('credit_scorecards').select(['version', 'status']).execute();
    expect(rows).toEqual([{ version: 1, status: 'published' }]);
    expect(await ensureDefaultScorecard(t.handle.db, '2026-12-07')).toBe(false);
  });
});
