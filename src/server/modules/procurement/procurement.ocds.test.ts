/**
 * OCDS open data through the API (issue 17): a buyer imports their body's results as a release package or as the
 * flattened CSV; importing again changes nothing, a corrected release updates, a cancelled award goes; a file that is
 * not valid OCDS, a release of another body and a body not registered are refused with nothing written; the export
 * gives each supplier's scale from the registry, and imported back (here or into another Huiqi) gives the same awards.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  aBuyer,
  anEnterprise,
  anOfficial,
  aPublicBody,
  aUser,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { findEnterpriseSizeByUscc } from '../registry/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever fields of the reply they assert on
type Reply = any;

const body = aPublicBody('320583', '昆山市开放数据局');
const other = aPublicBody('320583', '昆山市另一采购局');
const unregistered = aPublicBody('320583', '未登记的采购单位');

interface Supplier {
  uscc: string | null;
  name: string;
  scale?: string | null;
}

/** A release of one body's awards, each `[award id, amount, suppliers]`. */
function aRelease(
  buyer: { uscc: string; name: string },
  awards: [string, number, Supplier[]][],
  over: Record<string, unknown> = {},
) {
  const suppliers = new Map<string, Supplier>();
  for (const [, , list] of awards) for (const s of list) suppliers.set(s.uscc ?? s.name, s);
  const partyId = (s: Supplier) => `S-${s.uscc ?? s.name}`;
  return {
    ocid: 'ocds-test01-2026-001',
    id: 'ocds-test01-2026-001-award-1',
    date: '2026-05-10T09:00:00+08:00',
    tag: ['award'],
    initiationType: 'tender',
    parties: [
      {
        id: 'BUYER',
        name: buyer.name,
        identifier: { scheme: 'CN-SAIC', id: buyer.uscc },
        roles: ['buyer', 'procuringEntity'],
      },
      ...[...suppliers.values()].map((s) => ({
        id: partyId(s),
        name: s.name,
        ...(s.uscc ? { identifier: { scheme: 'CN-SAIC', id: s.uscc } } : {}),
        roles: ['supplier'],
        ...(s.scale === undefined ? {} : { details: { scale: s.scale } }),
      })),
    ],
    buyer: { id: 'BUYER', name: buyer.name },
    tender: {
      id: 'T-001',
      title: '办公家具采购',
      mainProcurementCategory: 'goods',
      suitability: { sme: true },
    },
    awards: awards.map(([id, amount, list]) => ({
      id,
      title: `成交 ${id}`,
      status: 'active',
      date: '2026-05-08T00:00:00+08:00',
      value: { amount, currency: 'CNY' },
      suppliers: list.map((s) => ({ id: partyId(s), name: s.name })),
    })),
    ...over,
  };
}

const aPackage = (releases: unknown[]) => ({
  uri: 'https://ocds.example.org/packages/1',
  version: '1.1',
  publishedDate: '2026-05-11T00:00:00Z',
  publisher: { name: '测试发布方' },
  releases,
});

describe('OCDS import and export', () => {
  let t: TestApp;
  let buyer: Session;
  let otherBuyer: Session;
  let official: Session;
  let farOfficial: Session;
  let admin: Session;
  let bodyId = 0;
  let small: Supplier;
  let medium: Supplier;
  const foreign: Supplier = { uscc: null, name: 'Foreign Supplies Ltd', scale: 'large' };

  const upload = (session: Session, text: string, fileName: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/procurement/ocds/import?fileName=${encodeURIComponent(fileName)}`,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/octet-stream',
      },
      payload: Buffer.from(text, 'utf8'),
    });
  const importJson = (session: Session, value: unknown) =>
    upload(session, JSON.stringify(value), 'results.json');
  const ok = (response: { statusCode: number; body: string; json: () => unknown }): Reply => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const awardCount = async () =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from procurement_awards`.execute(t.handle.db))
        .rows[0]?.n,
    );
  const ocdsAwards = async (session: Session) =>
    (ok(await t.request('GET', '/api/procurement/awards?pageSize=100', { session })).items as Reply[]).filter(
      (a) => a.source === 'ocds',
    );

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    official = await signIn(t, await anOfficial(db, { region: '320583' }));
    farOfficial = await signIn(t, await anOfficial(db, { region: '110101' }));
    buyer = await signIn(t, await aBuyer(db, body));
    otherBuyer = await signIn(t, await aBuyer(db, other));
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    for (const b of [body, other]) {
      const made = ok(
        await t.request('POST', '/api/procurement/bodies', {
          session: official,
          body: { uscc: b.uscc, name: b.name, regionCode: '320583', kind: 'government' },
        }),
      );
      if (b === body) bodyId = made.id;
    }
    // Two registered suppliers: the registry classifies one small and one medium (industry C34, 2025 figures).
    const smallOne = await anEnterprise(db, { name: '昆山小型制造有限公司', employees: 50, revenue: 3000 });
    const mediumOne = await anEnterprise(db, {
      name: '昆山中型制造有限公司',
      employees: 400,
      revenue: 30000,
    });
    small = { uscc: smallOne.uscc, name: smallOne.name, scale: 'small' };
    medium = { uscc: mediumOne.uscc, name: mediumOne.name, scale: 'medium' };
    expect((await findEnterpriseSizeByUscc(db, smallOne.uscc))?.size).toBe('small');
    expect((await findEnterpriseSizeByUscc(db, mediumOne.uscc))?.size).toBe('medium');
  });
  afterAll(() => t.close());

  it('imports a release package: each award under the buyer’s body, its size from the supplier’s scale', async () => {
    const release = aRelease(body, [
      ['A1', 800000, [small]],
      ['A2', 1200000.5, [medium, foreign]],
    ]);
    const result = ok(await importJson(buyer, aPackage([release])));
    expect(result).toMatchObject({
      format: 'json',
      releases: 1,
      awards: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(result.bodies).toEqual([expect.objectContaining({ id: bodyId, created: 2 })]);
    const awards = await ocdsAwards(buyer);
    const a1 = awards.find((a) => a.title === '成交 A1');
    expect(a1).toMatchObject({
      bodyId,
      supplierUscc: small.uscc,
      declaredSize: 'small',
      registrySize: 'small',
      role: 'single',
      amount: '800000',
      smeAmount: '800000',
      smallMicroAmount: '800000',
      awardedOn: '2026-05-08',
      kind: 'goods',
      suitedToSmes: true,
    });
    // A consortium with a large member counts for neither share.
    const a2 = awards.find((a) => a.title === '成交 A2');
    expect(a2).toMatchObject({
      role: 'consortium',
      declaredSize: 'large',
      amount: '1200000.5',
      smeAmount: '0',
      supplierName: `${medium.name}、Foreign Supplies Ltd`,
    });
    // The year's roll-up counts them.
    const shares = ok(await t.request('GET', '/api/procurement/shares?year=2026', { session: official }));
    expect(shares.total).toMatchObject({ contracts: 2, awarded: '2000000.5', awardedSme: '800000' });
  });

  it('imports the same file again without a change; a corrected release updates; an older one is skipped', async () => {
    const first = aRelease(body, [
      ['A1', 800000, [small]],
      ['A2', 1200000.5, [medium, foreign]],
    ]);
    const again = ok(await importJson(buyer, aPackage([first])));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const versions = async () =>
      (
        await sql<{
          version: number;
        }>`select version from procurement_awards where source = 'ocds' order by id`.execute(t.handle.db)
      ).rows.map((r) => r.version);
    expect(await versions()).toEqual([1, 1]);

    const corrected = aRelease(body, [['A1', 750000, [small]]], {
      id: 'ocds-test01-2026-001-award-2',
      date: '2026-06-01T09:00:00+08:00',
      tag: ['awardUpdate'],
    });
    // Releases of one ocid are compiled: A2 stays as the first release gave it, A1 takes the correction.
    const updated = ok(await importJson(buyer, aPackage([first, corrected])));
    expect(updated).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await ocdsAwards(buyer)).find((a) => a.title === '成交 A1')?.amount).toBe('750000');
    expect(await versions()).toEqual([2, 1]);

    const older = ok(await importJson(buyer, aPackage([first])));
    expect(older).toMatchObject({ updated: 0, skipped: 2 });
    expect((await ocdsAwards(buyer)).find((a) => a.title === '成交 A1')?.amount).toBe('750000');

    // The same release (same id and date) edited: the supplier's scale removed. What matters is compared, so the
    // award is updated — its size unknown now, counting for neither share — and not told as unchanged.
    const unscaled = aRelease(body, [['A1', 750000, [{ ...small, scale: undefined }]]], {
      id: 'ocds-test01-2026-001-award-2',
      date: '2026-06-01T09:00:00+08:00',
      tag: ['awardUpdate'],
    });
    const noScale = ok(await importJson(buyer, aPackage([unscaled])));
    expect(noScale).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect((await ocdsAwards(buyer)).find((a) => a.title === '成交 A1')).toMatchObject({
      declaredSize: null,
      smeAmount: '0',
    });
    expect(await versions()).toEqual([3, 1]);
    // The scale given back: updated again, counting as before.
    expect(ok(await importJson(buyer, aPackage([corrected])))).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await ocdsAwards(buyer)).find((a) => a.title === '成交 A1')?.smeAmount).toBe('750000');
  });

  it('imports the flattened CSV: rows of one release merged, array items by id, lists split by “;”', async () => {
    const header =
      'ocid,id,date,tag,initiationType,parties/0/id,parties/0/name,parties/0/roles,parties/0/identifier/scheme,' +
      'parties/0/identifier/id,parties/1/id,parties/1/name,parties/1/roles,parties/1/identifier/id,' +
      'parties/1/details/scale,tender/id,tender/mainProcurementCategory,awards/0/id,awards/0/title,awards/0/date,' +
      'awards/0/value/amount,awards/0/value/currency,awards/0/suppliers/0/id';
    const row = (award: string, amount: string, supplier: Supplier) =>
      [
        'ocds-test01-2026-csv',
        'csv-r1',
        '2026-04-02T10:00:00+08:00',
        'award',
        'tender',
        'BUYER',
        body.name,
        'buyer;procuringEntity',
        'CN-SAIC',
        body.uscc,
        `S-${supplier.uscc}`,
        supplier.name,
        'supplier',
        supplier.uscc,
        supplier.scale,
        'T-CSV',
        'services',
        award,
        `服务 ${award}`,
        '2026-04-01T00:00:00+08:00',
        amount,
        'CNY',
        `S-${supplier.uscc}`,
      ].join(',');
    const csv = [header, row('C1', '50000', small), row('C2', '70000.25', medium), ''].join('\r\n');
    const result = ok(await upload(buyer, `\uFEFF${csv}`, 'results.csv'));
    expect(result).toMatchObject({ format: 'csv', releases: 1, awards: 2, created: 2 });
    const c2 = (await ocdsAwards(buyer)).find((a) => a.title === '服务 C2');
    expect(c2).toMatchObject({
      kind: 'services',
      amount: '70000.25',
      declaredSize: 'medium',
      smallMicroAmount: '0',
    });
    expect(ok(await upload(buyer, csv, 'results.csv'))).toMatchObject({ created: 0, unchanged: 2 });
  });

  it('takes a package as the JSON body too', async () => {
    const release = aRelease(body, [['J1', 3000, [small]]], { ocid: 'ocds-json-body', id: 'jb-1' });
    const made = ok(
      await t.request('POST', '/api/procurement/ocds/import', { session: buyer, body: aPackage([release]) }),
    );
    expect(made).toMatchObject({ format: 'json', created: 1 });
    const precise = aRelease(body, [['J2', 4000, [small]]], {
      ocid: 'ocds-json-precise',
      id: 'jp-1',
      date: '2026-05-10T09:00:00.123456+08:00',
    });
    ok(
      await t.request('POST', '/api/procurement/ocds/import', { session: buyer, body: aPackage([precise]) }),
    );
    const again = ok(
      await t.request('POST', '/api/procurement/ocds/import', { session: buyer, body: aPackage([precise]) }),
    );
    expect(again).toMatchObject({ unchanged: 1, skipped: 0 });
    const empty = await t.request('POST', '/api/procurement/ocds/import', { session: buyer, body: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'OCDS_INVALID', errors: [{ field: 'file' }] });
  });

  it('refuses a file that is not valid OCDS, naming the JSON path and why; nothing is written', async () => {
    const before = await awardCount();
    const bad = aRelease(body, [['B1', 1000, [{ ...small, scale: 'tiny' }]]]);
    const response = await importJson(buyer, aPackage([bad, { ...aRelease(body, []), tag: [] }]));
    expect(response.statusCode).toBe(400);
    const reply = response.json();
    expect(reply.code).toBe('OCDS_INVALID');
    expect(reply.errors.map((e: Reply) => e.field)).toEqual([
      'releases[0].parties[1].details.scale',
      'releases[1].tag',
    ]);
    expect(reply.errors[0].message).toContain('micro');

    const dollars = aRelease(body, [['B2', 1000, [small]]]);
    (dollars.awards[0] as Reply).value.currency = 'USD';
    const usd = (await importJson(buyer, aPackage([dollars]))).json();
    expect(usd.errors).toEqual([
      expect.objectContaining({
        field: 'releases[0].awards[0].value.currency',
        message: expect.stringContaining('CNY'),
      }),
    ]);
    const notJson = (await upload(buyer, '{"releases": [', 'broken.json')).json();
    expect(notJson).toMatchObject({ code: 'OCDS_INVALID', errors: [{ field: 'file' }] });
    expect(await awardCount()).toBe(before);
  });

  it('refuses a CSV naming the row and column', async () => {
    const csv = [
      'ocid,id,date,tag,initiationType,parties/0/id,parties/0/roles,parties/0/identifier/id,tender/id,' +
        'tender/mainProcurementCategory,awards/0/id,awards/0/value/amount',
      `ocds-x-1,r1,2026-04-02T10:00:00+08:00,award,tender,B,buyer,${body.uscc},T,goods,X1,abc`,
      `ocds-x-2,r1,2026-04-02,award,tender,B,buyer,${body.uscc},T,goods,X2,10`,
    ].join('\n');
    const reply = (await upload(buyer, csv, 'bad.csv')).json();
    expect(reply.code).toBe('OCDS_INVALID');
    expect(reply.errors[0]).toMatchObject({ field: 'row 2, column awards/0/value/amount' });
    const dated = [csv.split('\n')[0], csv.split('\n')[2]].join('\n');
    expect((await upload(buyer, dated, 'bad.csv')).json().errors[0]).toMatchObject({
      field: 'row 2, column date',
    });
  });

  it('names a CSV’s every problem at once: a cell of the wrong type, a date the schema refuses, a body not registered; nothing written', async () => {
    const before = await awardCount();
    const csv = [
      'ocid,id,date,tag,initiationType,parties/0/id,parties/0/roles,parties/0/identifier/id,tender/id,' +
        'tender/mainProcurementCategory,awards/0/id,awards/0/value/amount,awards/0/suppliers/0/id,awards/0/suppliers/0/name',
      `ocds-all-1,r1,2026-04-02T10:00:00+08:00,award,tender,B,buyer,${body.uscc},T,goods,Y1,abc,S1,甲`,
      `ocds-all-2,r1,2026-04-02,award,tender,B,buyer,${body.uscc},T,goods,Y2,10,,`,
      `ocds-all-3,r1,2026-04-02T10:00:00+08:00,award,tender,B,buyer,${unregistered.uscc},T,goods,Y3,10,S1,丙`,
    ].join('\n');
    const response = await upload(admin, csv, 'all.csv');
    expect(response.statusCode).toBe(400);
    const reply = response.json();
    expect(reply.code).toBe('OCDS_INVALID');
    expect(reply.errors.map((e: Reply) => e.field)).toEqual([
      'row 2, column awards/0/value/amount',
      'row 3, column date',
      'row 3, column awards/0/suppliers',
      'row 4, column parties/0/identifier/id',
    ]);
    expect(reply.errors[3].message).toContain('尚未在惠企登记');
    expect(await awardCount()).toBe(before);
  });

  it('refuses a buyer’s release of another body, naming the field; nothing is written', async () => {
    const before = await awardCount();
    const response = await importJson(
      otherBuyer,
      aPackage([aRelease(body, [['Z1', 1000, [small]]], { ocid: 'ocds-z' })]),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      code: 'OUT_OF_SCOPE',
      errors: [{ field: 'releases[0].parties[0].identifier.id' }],
    });
    expect(response.json().errors[0].message).toContain(body.uscc);
    const far = await importJson(
      farOfficial,
      aPackage([aRelease(body, [['Z1', 1000, [small]]], { ocid: 'ocds-z' })]),
    );
    expect(far.statusCode).toBe(403);
    expect(await awardCount()).toBe(before);
  });

  it('refuses a body that is not registered with its own code (not NOT_FOUND)', async () => {
    const response = await importJson(
      admin,
      aPackage([aRelease(unregistered, [['U1', 1000, [small]]], { ocid: 'ocds-u' })]),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'PROCUREMENT_BODY_NOT_REGISTERED',
      errors: [{ field: 'releases[0].parties[0].identifier.id' }],
    });
  });

  it('names every problem of a file at once: a buyer’s USCC with a wrong check character, a currency, a body not registered', async () => {
    const before = await awardCount();
    const wrong = `${body.uscc.slice(0, 17)}${body.uscc.endsWith('0') ? '1' : '0'}`;
    const dollars = aRelease(body, [['M3', 1000, [small]]], { ocid: 'ocds-m3' });
    (dollars.awards[0] as Reply).value.currency = 'USD';
    const response = await importJson(
      admin,
      aPackage([
        aRelease({ uscc: wrong, name: body.name }, [['M1', 1000, [small]]], { ocid: 'ocds-m1' }),
        aRelease(unregistered, [['M2', 1000, [small]]], { ocid: 'ocds-m2' }),
        dollars,
      ]),
    );
    expect(response.statusCode).toBe(400);
    const reply = response.json();
    expect(reply.code).toBe('OCDS_INVALID');
    expect(reply.errors.map((e: Reply) => e.field)).toEqual([
      'releases[0].parties[0].identifier.id',
      'releases[2].awards[0].value.currency',
      'releases[1].parties[0].identifier.id',
    ]);
    expect(reply.errors[0].message).toContain(wrong);
    expect(reply.errors[0].message).toContain('校验位');
    expect(reply.errors[2].message).toContain('尚未在惠企登记');
    expect(await awardCount()).toBe(before);
  });

  it('checks an award as stored and as it will be: a corrected buyer moves it only for one who may act for both', async () => {
    const first = aRelease(body, [['M1', 5000, [small]]], { ocid: 'ocds-move', id: 'm-1' });
    ok(await importJson(buyer, aPackage([first])));
    const moved = aRelease(other, [['M1', 5000, [small]]], {
      ocid: 'ocds-move',
      id: 'm-2',
      date: '2026-07-01T00:00:00+08:00',
    });
    const refused = await importJson(otherBuyer, aPackage([moved]));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors[0]).toMatchObject({ field: 'releases[0].awards[0]' });
    expect(ok(await importJson(official, aPackage([moved])))).toMatchObject({ updated: 1 });
    const { rows } = await sql<{ body_uscc: string }>`
      select b.uscc as body_uscc from procurement_awards a join procurement_bodies b on b.id = a.body_id
      where a.ocid = 'ocds-move'`.execute(t.handle.db);
    expect(rows).toEqual([{ body_uscc: other.uscc }]);
    // Cancelled in a later release: taken out.
    const cancelled = aRelease(other, [['M1', 5000, [small]]], {
      ocid: 'ocds-move',
      id: 'm-3',
      date: '2026-08-01T00:00:00+08:00',
    });
    (cancelled.awards[0] as Reply).status = 'cancelled';
    expect(ok(await importJson(otherBuyer, aPackage([cancelled])))).toMatchObject({ removed: 1 });
  });

  it('exports each supplier’s scale as the shares counted it, its source and the registry’s; one CSV row per release; imported back, nothing changes', async () => {
    // An award recorded in Huiqi whose winner declares medium: the registry says small.
    const project = ok(
      await t.request('POST', '/api/procurement/projects', {
        session: buyer,
        body: {
          planYear: 2026,
          code: 'P-OCDS',
          name: '开放数据测试项目',
          kind: 'services',
          budget: '1500000',
          suitedToSmes: true,
          announcementDate: '2026-02-01',
          way: 'whole',
          reservedAmount: '1500000',
          smallMicroReserved: '900000',
        },
      }),
    );
    ok(
      await t.request('POST', `/api/procurement/projects/${project.id}/awards`, {
        session: buyer,
        body: {
          awardedOn: '2026-03-01',
          supplierUscc: small.uscc,
          supplierName: small.name,
          amount: '1400000',
          declaredSize: 'medium',
          role: 'single',
          reserved: true,
        },
      }),
    );
    const exported = await t.request('GET', '/api/procurement/ocds/export?year=2026&format=json', {
      session: buyer,
    });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-disposition']).toContain(`procurement-ocds-2026-${body.uscc}.json`);
    const document = exported.json();
    expect(document).toMatchObject({ version: '1.1', publisher: { name: expect.any(String) } });
    const releases = document.releases as Reply[];
    const own = releases.find((r) => r.ocid === `ocds-huiqi-${body.uscc}-2026-P-OCDS`);
    // The scale the shares counted the winner by (declared medium), where it comes from, and the registry's beside.
    const supplier = own.parties.find((p: Reply) => p.identifier?.id === small.uscc);
    expect(supplier.details).toEqual({ scale: 'medium', scaleSource: 'declared', registryScale: 'small' });
    expect(own.tender).toMatchObject({ mainProcurementCategory: 'services', suitability: { sme: true } });
    // An imported supplier the registry does not classify keeps the scale its release gave (it counts in the shares).
    const unclassified = releases
      .flatMap((r) => r.parties as Reply[])
      .find((p) => p.name === 'Foreign Supplies Ltd');
    expect(unclassified?.details).toEqual({ scale: 'large', scaleSource: 'imported' });
    const importedSmall = releases
      .find((r) => r.ocid === 'ocds-test01-2026-001')
      .parties.find((p: Reply) => p.identifier?.id === small.uscc);
    expect(importedSmall.details).toEqual({
      scale: 'small',
      scaleSource: 'imported',
      registryScale: 'small',
    });

    const before = await awardCount();
    const back = ok(await importJson(buyer, document));
    expect(back).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(back.unchanged).toBe(back.awards);
    expect(await awardCount()).toBe(before);

    const csv = await t.request('GET', '/api/procurement/ocds/export?year=2026&format=csv', {
      session: official,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((l: string) => l !== '');
    expect(lines[0]).toContain('parties/1/details/scale');
    expect(lines[0]).toContain('parties/1/details/scaleSource');
    // One row per release: no two rows of one ocid share a release id, and a release of two awards is one row.
    const ids = lines.slice(1).map((l: string) => l.split(',').slice(0, 2).join(' '));
    expect(new Set(ids).size).toBe(ids.length);
    const twoAwards = lines.find((l: string) => l.startsWith('ocds-test01-2026-001,'));
    expect(twoAwards).toContain('成交 A1');
    expect(twoAwards).toContain('成交 A2');
    const backCsv = ok(await upload(official, csv.body, 'export.csv'));
    expect(backCsv).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(backCsv.unchanged).toBe(backCsv.awards);
  });

  it('gives the same awards when an export is imported into another Huiqi', async () => {
    const document = (
      await t.request('GET', '/api/procurement/ocds/export?year=2026&format=json', { session: buyer })
    ).json();
    const fields = (a: Reply) => ({
      awardedOn: a.awardedOn,
      kind: a.kind,
      suitedToSmes: a.suitedToSmes,
      title: a.title,
      supplierUscc: a.supplierUscc,
      supplierName: a.supplierName,
      amount: a.amount,
      role: a.role,
    });
    const here = ok(
      await t.request('GET', '/api/procurement/awards?year=2026&pageSize=100', { session: buyer }),
    )
      .items.map(fields)
      .sort((a: Reply, b: Reply) => a.title.localeCompare(b.title));
    const there = await createTestApp({ demo: false });
    try {
      const db = there.handle.db;
      const theirOfficial = await signIn(there, await anOfficial(db, { region: '320583' }));
      ok(
        await there.request('POST', '/api/procurement/bodies', {
          session: theirOfficial,
          body: { uscc: body.uscc, name: body.name, regionCode: '320583', kind: 'government' },
        }),
      );
      const theirBuyer = await signIn(there, await aBuyer(db, body));
      const response = await there.app.inject({
        method: 'POST',
        url: '/api/procurement/ocds/import?fileName=export.json',
        headers: {
          cookie: theirBuyer.cookie,
          'x-csrf-token': theirBuyer.csrfToken,
          'content-type': 'application/octet-stream',
        },
        payload: JSON.stringify(document),
      });
      expect(response.statusCode, response.body).toBe(200);
      const imported = ok(
        await there.request('GET', '/api/procurement/awards?year=2026&pageSize=100', { session: theirBuyer }),
      )
        .items.map(fields)
        .sort((a: Reply, b: Reply) => a.title.localeCompare(b.title));
      expect(imported).toEqual(here);
    } finally {
      await there.close();
    }
  });

  it('exports each award with its own declared scale when one supplier won twice with different declared sizes', async () => {
    const aProject = async (code: string) =>
      ok(
        await t.request('POST', '/api/procurement/projects', {
          session: otherBuyer,
          body: {
            planYear: 2026,
            code,
            name: `两次中标测试 ${code}`,
            kind: 'services',
            budget: '1000000',
            suitedToSmes: true,
            announcementDate: '2026-02-01',
            way: 'whole',
            reservedAmount: '1000000',
            smallMicroReserved: '600000',
          },
        }),
      ).id as number;
    const anAward = async (projectId: number, title: string, declaredSize: string) =>
      ok(
        await t.request('POST', `/api/procurement/projects/${projectId}/awards`, {
          session: otherBuyer,
          body: {
            awardedOn: '2026-03-02',
            title,
            supplierUscc: medium.uscc,
            supplierName: medium.name,
            amount: '400000',
            declaredSize,
            role: 'single',
            reserved: true,
          },
        }),
      );
    // Two projects (two releases) and one project of two lots (one release), each award declaring its own size.
    const first = await aProject('P-TWICE-1');
    const second = await aProject('P-TWICE-2');
    const lots = await aProject('P-TWICE-LOTS');
    await anAward(first, '第一次：中型', 'medium');
    await anAward(second, '第二次：小型', 'small');
    await anAward(lots, '包一：中型', 'medium');
    await anAward(lots, '包二：小型', 'small');
    const document = (
      await t.request('GET', '/api/procurement/ocds/export?year=2026&format=json', { session: otherBuyer })
    ).json();
    const scaleOf = (title: string) => {
      const release = (document.releases as Reply[]).find((r) =>
        (r.awards as Reply[]).some((a) => a.title === title),
      );
      const award = (release.awards as Reply[]).find((a) => a.title === title);
      const party = (release.parties as Reply[]).find((p) => p.id === award.suppliers[0].id);
      expect(party.identifier.id).toBe(medium.uscc);
      return party.details.scale;
    };
    expect(scaleOf('第一次：中型')).toBe('medium');
    expect(scaleOf('第二次：小型')).toBe('small');
    expect(scaleOf('包一：中型')).toBe('medium');
    expect(scaleOf('包二：小型')).toBe('small');
    // Imported back, nothing changes.
    const back = ok(await importJson(otherBuyer, document));
    expect(back).toMatchObject({ created: 0, updated: 0, removed: 0 });
  });

  it('audits each import under the body it wrote to', async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'procurement.ocds_imported'`.execute(
      t.handle.db,
    );
    expect(rows[0]?.n).toBeGreaterThan(5);
  });
});
