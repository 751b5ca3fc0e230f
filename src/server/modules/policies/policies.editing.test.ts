/**
 * A definition published at once by a tool (`publishPlatformPolicy`, used by the matching benchmark): the library
 * shows it as a published platform policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { aPlatformDefinition, aPlatformPolicy } from '../../../../test/helpers/policies-factories.ts';

const definition = aPlatformDefinition({
  id: 'tool-published-policy',
  title: { zh: '工具发布的政策', en: 'A policy published by a tool' },
});

describe('a policy published by a tool', () => {
  let t: TestApp;
  let id: number;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    id = await aPlatformPolicy(t.handle.db, definition);
  });
  afterAll(() => t.close());

  it('is in the library as version 1, published by the platform', async () => {
    const response = await t.request('GET', `/api/public/policies/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    const policy = response.json();
    expect(policy).toMatchObject({
      id,
      slug: 'tool-published-policy',
      status: 'published',
      currentVersion: 1,
    });
    expect(policy.versions).toEqual([expect.objectContaining({ version: 1, source: 'platform' })]);
  });
});
