/**
 * A buyer's awards through the API (issue 17): every problem of an award told at once, the schema's and the
 * service's together; a winner declared medium without a 声明函 flagged as a small one is.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { aBuyer, anOfficial, aPublicBody, signIn } from '../../../../test/helpers/factories.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever fields of the reply they assert on
type Reply = any;

describe('procurement awards', () => {
  let t: TestApp;
  let official: Session;
  let buyer: Session;
  let projectId = 0;
  const body = aPublicBody('320583', '昆山市成交测试局');

  const request = (method: 'GET' | 'POST' | 'PUT', session: Session, url: string, payload?: unknown) =>
    t.request(method, url, { session, ...(payload === undefined ? {} : { body: payload }) });
  const ok = (response: { statusCode: number; body: string; json: () => unknown }): Reply => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const fields = (response: { json: () => unknown }) =>
    ((response.json() as Reply).errors ?? []).map((e: { field: string }) => e.field);
  const count = async (table: string) =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.handle.db))
        .rows[0]?.n,
    );
  const award = (over: Record<string, unknown> = {}) => ({
    awardedOn: '2026-05-10',
    supplierName: '某小型企业',
    amount: '100000',
    reserved: true,
    declaredSize: 'small',
    role: 'single',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    official = await signIn(t, await anOfficial(db, { region: '320583' }));
    buyer = await signIn(t, await aBuyer(db, body));
    ok(
      await request('POST', official, '/api/procurement/bodies', {
        uscc: body.uscc,
        name: body.name,
        regionCode: '320583',
        kind: 'government',
      }),
    );
    projectId = ok(
      await request('POST', buyer, '/api/procurement/projects', {
        planYear: 2026,
        code: 'A-001',
        name: '办公家具采购',
        kind: 'goods',
        budget: '5000000',
        suitedToSmes: true,
        announcementDate: '2026-03-01',
        way: 'lots',
        reservedAmount: '1500000',
        smallMicroReserved: '900000',
      }),
    ).id;
  });
  afterAll(() => t.close());

  it('tells the schema’s problems and the service’s at once, each on its field, and writes nothing', async () => {
    const before = await count('procurement_awards');
    const refused = await request(
      'POST',
      buyer,
      `/api/procurement/projects/${projectId}/awards`,
      award({
        // Schema: a negative amount, a negative headcount, a size no declaration has.
        amount: '-5',
        // Service: before the project's announcement, a share with a single winner.
        awardedOn: '2026-02-01',
        smallMicroShare: '20',
        declarations: [
          {
            item: '办公桌',
            tenderIndustryCode: 'F52',
            // Service: signed after the award; of an unknown industry.
            signedOn: '2026-02-20',
            declaredIndustryCode: 'X1',
            figuresYear: 2025,
            employees: -1,
            declaredSize: 'large',
          },
        ],
      }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('VALIDATION_FAILED');
    expect(fields(refused)).toEqual([
      'amount',
      'declarations[0].employees',
      'declarations[0].declaredSize',
      'awardedOn',
      'smallMicroShare',
      'declarations[0].signedOn',
      'declarations[0].declaredIndustryCode',
    ]);
    const messages = Object.fromEntries(
      refused.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(messages.amount).toContain('金额');
    expect(messages['declarations[0].employees']).toBe('不能小于 0');
    expect(messages.awardedOn).toContain('2026-03-01');
    const english = await t.request('POST', `/api/procurement/projects/${projectId}/awards`, {
      session: buyer,
      headers: { 'accept-language': 'en' },
      body: award({ amount: '1.234', awardedOn: '2026-02-01' }),
    });
    expect(english.json().errors).toEqual([
      { field: 'amount', message: 'must be an amount in yuan, without sign, with at most 2 decimals' },
      { field: 'awardedOn', message: "is before the project's announcement (2026-03-01)" },
    ]);
    expect(await count('procurement_awards')).toBe(before);
  });

  it('a schema problem alone is told as before; another body’s project is not looked into', async () => {
    const alone = await request(
      'POST',
      buyer,
      `/api/procurement/projects/${projectId}/awards`,
      award({ supplierName: '', surprise: 1 }),
    );
    expect(alone.statusCode).toBe(400);
    expect(fields(alone).sort()).toEqual(['supplierName', 'surprise']);
    const missing = await request(
      'POST',
      buyer,
      '/api/procurement/projects/999999/awards',
      award({ amount: 'x', awardedOn: '2020-01-01' }),
    );
    expect(missing.statusCode).toBe(400);
    expect(fields(missing)).toEqual(['amount']);
  });

  it('flags a winner declared medium without a 声明函 as “no declaration”, as it does a small one', async () => {
    const medium = ok(
      await request(
        'POST',
        buyer,
        `/api/procurement/projects/${projectId}/awards`,
        award({ supplierName: '无声明函的中型企业', declaredSize: 'medium', amount: '30000' }),
      ),
    );
    expect(medium.flags).toEqual(['no_declaration']);
    expect(medium.smeAmount).toBe('30000');
    const small = ok(
      await request(
        'POST',
        buyer,
        `/api/procurement/projects/${projectId}/awards`,
        award({ supplierName: '无声明函的小型企业', declaredSize: 'small', amount: '20000' }),
      ),
    );
    expect(small.flags).toEqual(['no_declaration']);
    const flagged = ok(await request('GET', official, '/api/procurement/awards?flagged=true&pageSize=50'));
    expect(flagged.items.map((a: Reply) => a.id)).toEqual(expect.arrayContaining([medium.id, small.id]));
    const large = ok(
      await request(
        'POST',
        buyer,
        `/api/procurement/projects/${projectId}/awards`,
        award({ supplierName: '某大型集团', declaredSize: 'large', reserved: false }),
      ),
    );
    expect(large.flags).toEqual([]);
  });
});
