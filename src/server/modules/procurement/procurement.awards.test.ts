/**
 * A buyer's awards through the API (issue 17): every problem of an award told at once, the schema's and the
 * service's together; a winner declared medium without a 声明函 flagged as a small one is.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { aBuyer, anEnterprise, anOfficial, aPublicBody, signIn } from '../../../../test/helpers/factories.ts';
import { todayInChina } from '../../../shared/today.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever fields of the reply they assert on
type Reply = any;

describe('procurement awards', () => {
  let t: TestApp;
  let official: Session;
  let officialName = '';
  let buyer: Session;
  let otherBuyer: Session;
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
    const madeOfficial = await anOfficial(db, { region: '320583' });
    officialName = madeOfficial.username;
    official = await signIn(t, madeOfficial);
    buyer = await signIn(t, await aBuyer(db, body));
    const other = aPublicBody('320583', '昆山市另一成交测试局');
    otherBuyer = await signIn(t, await aBuyer(db, other));
    ok(
      await request('POST', official, '/api/procurement/bodies', {
        uscc: other.uscc,
        name: other.name,
        regionCode: '320583',
        kind: 'government',
      }),
    );
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

  it('checks the figures’ year of a declaration whose only figure failed its schema, in the same answer', async () => {
    const refused = await request(
      'POST',
      buyer,
      `/api/procurement/projects/${projectId}/awards`,
      award({
        declarations: [
          {
            item: '办公椅',
            tenderIndustryCode: 'F52',
            signedOn: '2026-04-01',
            // The only figure is refused by the schema and left out of the draft; the year is not the prior one.
            employees: -3,
            figuresYear: 2023,
            declaredSize: 'small',
          },
        ],
      }),
    );
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual(['declarations[0].employees', 'declarations[0].figuresYear']);
    const messages = Object.fromEntries(
      refused.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(messages['declarations[0].figuresYear']).toContain('2025');
  });

  it('refuses an award day and a declaration signed after today (China’s date), recording and correcting', async () => {
    const today = todayInChina();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const before = await count('procurement_awards');
    const declaration = (signedOn: string) => ({
      item: '办公桌',
      tenderIndustryCode: 'F52',
      signedOn,
      declaredIndustryCode: 'F52',
      declaredSize: 'small',
    });
    const future = await request(
      'POST',
      buyer,
      `/api/procurement/projects/${projectId}/awards`,
      award({ awardedOn: tomorrow, declarations: [declaration(tomorrow)] }),
    );
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual(['awardedOn', 'declarations[0].signedOn']);
    const messages = Object.fromEntries(
      future.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(messages.awardedOn).toBe(`成交日期（${tomorrow}）晚于今天（${today}），不能填写将来的日期`);
    expect(messages['declarations[0].signedOn']).toContain(`晚于今天（${today}）`);
    expect(await count('procurement_awards')).toBe(before);
    // Today itself is accepted; correcting it to tomorrow is refused on its field, and nothing changes.
    const recorded = ok(
      await request(
        'POST',
        buyer,
        `/api/procurement/projects/${projectId}/awards`,
        award({ supplierName: '今日成交的小型企业', awardedOn: today, declarations: [declaration(today)] }),
      ),
    );
    const english = await t.request('PUT', `/api/procurement/awards/${recorded.id}`, {
      session: buyer,
      headers: { 'accept-language': 'en' },
      body: {
        ...award({ supplierName: '今日成交的小型企业', awardedOn: tomorrow }),
        version: 1,
        reason: '日期有误',
      },
    });
    expect(english.statusCode).toBe(400);
    expect(english.json().errors).toEqual([
      {
        field: 'awardedOn',
        message: `the award's day (${tomorrow}) is after today (${today}): a day to come cannot be given`,
      },
    ]);
    const stored = ok(await request('GET', buyer, `/api/procurement/awards/${recorded.id}`));
    expect(stored).toMatchObject({ awardedOn: today, version: 1 });
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

  it('lets a buyer correct an award: declarations checked again, the year’s figures follow, audited with what changed', async () => {
    const retailer = await anEnterprise(t.handle.db, {
      region: '320583',
      industryCode: 'F52',
      employees: 60,
      revenue: 600,
    });
    const recorded = ok(
      await request(
        'POST',
        buyer,
        `/api/procurement/projects/${projectId}/awards`,
        award({ supplierName: '登记有误的供应商', amount: '50000', declaredSize: 'micro' }),
      ),
    );
    expect(recorded).toMatchObject({ version: 1, flags: ['no_declaration'], smallMicroAmount: '50000' });
    const sharesBefore = ok(await request('GET', official, '/api/procurement/shares?year=2026')).total;
    const correction = {
      ...award({
        supplierUscc: retailer.uscc,
        supplierName: retailer.name,
        amount: '80000',
        declaredSize: 'medium',
        declarations: [
          {
            item: '办公椅',
            tenderIndustryCode: 'F52',
            signedOn: '2026-04-20',
            figuresYear: 2025,
            employees: 60,
            operatingRevenue: 600,
            declaredSize: 'small',
          },
        ],
      }),
      version: 1,
      reason: '供应商与金额登记有误',
    };
    const url = `/api/procurement/awards/${recorded.id}`;
    // Not the buyer's body's award (as stored): not found; an official corrects nothing.
    expect((await request('PUT', otherBuyer, url, correction)).statusCode).toBe(404);
    expect((await request('PUT', official, url, correction)).statusCode).toBe(403);
    // The schema's problems and the service's together; nothing changes.
    const bad = await request('PUT', buyer, url, {
      ...correction,
      amount: '-1',
      awardedOn: '2026-01-05',
      reason: ' ',
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['amount', 'reason', 'awardedOn', 'declarations[0].signedOn']);
    const corrected = ok(await request('PUT', buyer, url, correction));
    expect(corrected).toMatchObject({
      id: recorded.id,
      version: 2,
      amount: '80000',
      supplierUscc: retailer.uscc,
      enterpriseId: retailer.id,
      declaredSize: 'medium',
      smeAmount: '80000',
      smallMicroAmount: '0',
      declarationCount: 1,
    });
    // The declaration checked against the standard and the registry: 60 people, 6,000,000 yuan are medium.
    expect(corrected.flags).toEqual(['size_differs']);
    expect(corrected.declarations[0]).toMatchObject({ standardSize: 'medium', declaredSize: 'small' });
    const sharesAfter = ok(await request('GET', official, '/api/procurement/shares?year=2026')).total;
    expect(Number(sharesAfter.awardedSme) - Number(sharesBefore.awardedSme)).toBe(30000);
    expect(Number(sharesAfter.awardedSmallMicro) - Number(sharesBefore.awardedSmallMicro)).toBe(-50000);
    expect(sharesAfter.contracts).toBe(sharesBefore.contracts);
    // A correction made on the version before is refused: someone changed it since.
    const stale = await request('PUT', buyer, url, { ...correction, amount: '90000' });
    expect(stale.statusCode).toBe(409);
    expect(ok(await request('GET', buyer, url)).amount).toBe('80000');
    const { rows } = await sql<{ summary: Reply }>`select summary from audit_log
      where action = 'procurement.award_corrected' and target_id = ${String(recorded.id)}`.execute(
      t.handle.db,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.summary).toMatchObject({
      reason: '供应商与金额登记有误',
      flagged: true,
      changed: {
        amount: { from: '50000', to: '80000' },
        supplierName: { from: '登记有误的供应商', to: retailer.name },
        supplierUscc: { from: null, to: retailer.uscc },
        declaredSize: { from: 'micro', to: 'medium' },
        declarations: { from: [], to: ['办公椅 small 2026-04-20'] },
      },
    });
    expect(Object.keys(rows[0]?.summary.changed).sort()).toEqual([
      'amount',
      'declarations',
      'declaredSize',
      'supplierName',
      'supplierUscc',
    ]);
  });

  it('lists the earlier rechecks with who started each, when, and its counts', async () => {
    const queued = ok(
      await request('POST', official, '/api/procurement/declarations/recheck', { year: 2026 }),
    );
    expect(queued.startedBy).toBe(officialName);
    const listed = ok(await request('GET', official, '/api/procurement/declarations/recheck?year=2026'));
    expect(listed.items[0]).toMatchObject({
      id: queued.id,
      startedBy: officialName,
      year: 2026,
      regionCode: '320583',
      status: 'queued',
      checked: 0,
      newlyFlagged: 0,
    });
    expect(typeof listed.items[0].createdAt).toBe('string');
    expect(
      ok(await request('GET', official, `/api/procurement/declarations/recheck/${queued.id}`)).startedBy,
    ).toBe(officialName);
  });
});
