/**
 * GET /api/procurement/suppliers/:uscc (issue 17): the award form's look-up of a winner's registered name and size
 * class, for a buyer or a supervising official; 404 for a code the registry does not know.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { aBuyer, anEnterprise, anOfficial, aPublicBody, signIn } from '../../../../test/helpers/factories.ts';
import { makeUscc } from '../../../reference/uscc.ts';

describe('GET /api/procurement/suppliers/:uscc', () => {
  let t: TestApp;
  let buyer: Session;
  let official: Session;
  let known: { uscc: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    buyer = await signIn(t, await aBuyer(db, aPublicBody('320583', '昆山市供应商查询局')));
    official = await signIn(t, await anOfficial(db, { region: '320583' }));
    known = await anEnterprise(db, { name: '昆山名录小型有限公司', employees: 50, revenue: 3000 });
  });
  afterAll(() => t.close());

  it('gives a buyer the registered name and size class of a USCC in the registry', async () => {
    const response = await t.request('GET', `/api/procurement/suppliers/${known.uscc}`, { session: buyer });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ uscc: known.uscc, name: '昆山名录小型有限公司', size: 'small' });
  });

  it('gives a supervising official the same', async () => {
    const response = await t.request('GET', `/api/procurement/suppliers/${known.uscc}`, {
      session: official,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().name).toBe('昆山名录小型有限公司');
  });

  it('answers 404 for a valid code the registry does not know, and 400 naming the parameter for no code', async () => {
    const unknown = await t.request('GET', `/api/procurement/suppliers/${makeUscc('91320583MA0UNKNW0')}`, {
      session: buyer,
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await t.request('GET', '/api/procurement/suppliers/not-a-code', { session: buyer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['uscc']);
  });
});
