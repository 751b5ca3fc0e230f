/** The demo as a visitor meets it: each demo account finds something to do (the payer a complaint to answer). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';

describe('the demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives the payer the county-accepted complaint against its body to answer', async () => {
    const payer = await t.login('payer');
    const claims = (await t.request('GET', '/api/payer/claims', { session: payer })).json();
    expect(claims).toMatchObject({ total: 1, open: 1 });
    expect(claims.items[0]).toMatchObject({
      state: 'accepted',
      contractNumber: 'KS-CG-2025-0418',
      allowedActions: ['acknowledge', 'dispute', 'pay'],
    });
  });
});
