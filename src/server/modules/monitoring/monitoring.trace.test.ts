/**
 * A published release as the public reads it (issue 16, a new user's trial): the PMI's trace lists each component as
 * it enters the PMI — the supplier delivery times as 100 − its index, its own index beside it — so that the weights
 * × the values listed give the PMI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
type Reply = Record<string, any>;

describe('a published release read by the public', () => {
  let t: TestApp;
  let releaseId: number;

  const get = async (url: string, headers?: Record<string, string>) => {
    const response = await t.request('GET', url, headers ? { headers } : {});
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const release = await t.handle.db
      .selectFrom('monitoring_releases')
      .select('id')
      .where('kind', '=', 'index')
      .where('state', '=', 'scheduled')
      .where('publish_at', '<=', new Date())
      .orderBy('period', 'desc')
      .orderBy('release_version', 'desc')
      .executeTakeFirstOrThrow();
    releaseId = Number(release.id);
  });
  afterAll(async () => t.close());

  it('lists the PMI’s components as they enter it: the weights × the values listed give the PMI', async () => {
    const trace = (
      await get(`/api/public/monitoring/releases/${releaseId}/trace?measure=pmi`)
    ).json() as Reply;
    expect(trace.figure.value).not.toBeNull();
    const components = trace.components as Reply[];
    expect(components.map((c) => c.measure)).toEqual([
      'pmi:new_orders',
      'pmi:output',
      'pmi:employment',
      'pmi:supplier_delivery',
      'pmi:raw_material_inventory',
    ]);
    const sum = components.reduce((s, c) => s + Number(c.weight) * Number(c.value), 0);
    // Each value is shown to one decimal: the sum is the PMI within their rounding.
    expect(Math.abs(sum - Number(trace.figure.value))).toBeLessThanOrEqual(0.05);
    const delivery = components.find((c) => c.measure === 'pmi:supplier_delivery') as Reply;
    expect(Number(delivery.value)).toBeCloseTo(100 - Number(delivery.index), 5);
    expect(delivery.label).toBe(`供应商配送时间指数（由指数 ${delivery.index} 取 100 − 指数）`);
    // The others enter as they are.
    expect(components.filter((c) => c.index !== undefined).map((c) => c.measure)).toEqual([
      'pmi:supplier_delivery',
    ]);
    // One step down, the delivery times' own index, as its label says.
    const own = (
      await get(`/api/public/monitoring/releases/${releaseId}/trace?measure=pmi:supplier_delivery`)
    ).json() as Reply;
    expect(own.figure.shown).toBe(delivery.index);
  });
});
