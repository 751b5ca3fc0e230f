/** The debtor look-up: a USCC gives a registered enterprise's name and region, and nothing else. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { makeUscc } from '../../../reference/uscc.ts';

describe('GET /api/registry/lookup/:uscc', () => {
  let t: TestApp;
  let enterprise: Session;
  let known: MadeEnterprise;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    known = await anEnterprise(t.handle.db, { region: '320585', name: '太仓港口物流有限公司' });
    const own = await anEnterprise(t.handle.db);
    enterprise = await signIn(t, await anEnterpriseUser(t.handle.db, own));
  });
  afterAll(() => t.close());

  it('answers a known credit code with the name and region only', async () => {
    const response = await t.request('GET', `/api/registry/lookup/${known.uscc}`, { session: enterprise });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json()).sort()).toEqual(['name', 'regionCode', 'regionName']);
    expect(response.json()).toMatchObject({ name: known.name, regionCode: known.regionCode });
  });

  it('answers 404 for a valid code the registry does not know', async () => {
    const response = await t.request('GET', `/api/registry/lookup/${makeUscc('91110000MA0UNKNW0')}`, {
      session: enterprise,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });

  it('refuses a malformed code by field (400)', async () => {
    const response = await t.request('GET', '/api/registry/lookup/not-a-code', { session: enterprise });
    expect(response.statusCode).toBe(400);
  });

  it('is limited per minute like the sign-in', async () => {
    // From an address of its own: the limit is per client, and the other tests' client must not be the one limited.
    const codes: number[] = [];
    for (let i = 0; i < 62; i++)
      codes.push(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/registry/lookup/${known.uscc}`,
            remoteAddress: '203.0.113.7',
            headers: { cookie: enterprise.cookie },
          })
        ).statusCode,
      );
    expect(codes).toContain(429);
  });
});
