/** Qualifications officials record and end on an enterprise: evidence, scope, audit, what eligibility then reads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { EnterpriseInput } from './registry.model.ts';
import { loadEnterpriseFacts } from './registry.queries.ts';
import { writeEnterpriseBatch } from './registry.writes.ts';

function anEnterprise(
  i: number,
  regionCode: string,
  overrides: Partial<EnterpriseInput> = {},
): EnterpriseInput {
  return {
    uscc: makeUscc(`91${regionCode}QL${String(i).padStart(7, '0')}`),
    name: `资质测试${i}号科技有限公司`,
    formerNames: [],
    legalRepresentative: '李四',
    regionCode,
    industryCode: 'I65',
    establishedOn: '2018-05-01',
    status: 'active',
    ownershipType: null,
    certifications: [],
    figures: null,
    ...overrides,
  };
}

const EVIDENCE = {
  name: '高新技术企业',
  validFrom: '2024-12-01',
  validTo: '2027-11-30',
  certificateNumber: 'GR202432001234',
  issuingBody: '江苏省科学技术厅',
  evidenceUrl: 'https://example.org/gr202432001234.pdf',
};

describe('qualifications recorded by officials', () => {
  let t: TestApp;
  let county: Session;
  let inCounty: number;
  let outsideCounty: number;
  const today = todayInChina();

  beforeAll(async () => {
    t = await createTestApp();
    county = await t.login('official.county');
    await writeEnterpriseBatch(
      t.handle.db,
      [anEnterprise(1, '320583'), anEnterprise(2, '320506'), anEnterprise(3, '320583')],
      'test',
    );
    const ids = await t.handle.db
      .selectFrom('enterprises')
      .select(['id', 'region_code'])
      .where('name', 'like', '资质测试%')
      .orderBy('name')
      .execute();
    inCounty = ids[0]?.id as number;
    outsideCounty = ids[1]?.id as number;
  });
  afterAll(() => t.close());

  const add = (id: number, session: Session, body: Record<string, unknown> = EVIDENCE) =>
    t.request('POST', `/api/enterprises/${id}/qualifications`, { session, body });
  const end = (id: number, qualificationId: number, body: Record<string, unknown>, session = county) =>
    t.request('POST', `/api/enterprises/${id}/qualifications/${qualificationId}/end`, { session, body });
  const certificationsOf = async (id: number) =>
    (await loadEnterpriseFacts(t.handle.db, [id])).get(id)?.certifications ?? [];

  it('records a qualification with its evidence, audited, and eligibility reads it', async () => {
    const response = await add(inCounty, county);
    expect(response.statusCode).toBe(200);
    const [cert] = response.json().certifications;
    expect(cert).toMatchObject({
      ...EVIDENCE,
      source: 'official',
      recordedBy: expect.any(String),
      endedOn: null,
      endReason: null,
    });
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', 'enterprise')
      .where('target_id', '=', String(inCounty))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['enterprise.qualification_added']);
    expect(audit[0]?.summary).toMatchObject({
      certificateNumber: 'GR202432001234',
      issuingBody: '江苏省科学技术厅',
    });
    expect(await certificationsOf(inCounty)).toEqual([
      { name: '高新技术企业', validFrom: '2024-12-01', validTo: '2027-11-30' },
    ]);
  });

  it('refuses an enterprise stored outside the official’s region (403) and writes nothing', async () => {
    const response = await add(outsideCounty, county);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('OUT_OF_SCOPE');
    expect(await certificationsOf(outsideCounty)).toEqual([]);
  });

  it('refuses the same qualification from the same date twice (409)', async () => {
    const again = await add(inCounty, county);
    expect(again.statusCode).toBe(409);
  });

  it('refuses an end date before the start, and a missing certificate number (400)', async () => {
    const backwards = await add(inCounty, county, {
      ...EVIDENCE,
      validFrom: '2025-01-01',
      validTo: '2024-01-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('validTo');
    const { certificateNumber: _, ...without } = EVIDENCE;
    expect((await add(inCounty, county, without)).statusCode).toBe(400);
  });

  it('ends a qualification from a date: kept as history with the reason, no longer counted, audited', async () => {
    const detail = (await t.request('GET', `/api/enterprises/${inCounty}`, { session: county })).json();
    const id = detail.certifications[0].id;
    const response = await end(inCounty, id, { endedOn: today, reason: '认定被撤销' });
    expect(response.statusCode).toBe(200);
    const [cert] = response.json().certifications;
    expect(cert).toMatchObject({ endedOn: today, endReason: '认定被撤销', issuedValidTo: '2027-11-30' });
    expect(cert.validTo < today).toBe(true);
    const facts = await certificationsOf(inCounty);
    expect(facts.some((c) => c.validFrom <= today && (c.validTo === null || c.validTo >= today))).toBe(false);
    const actions = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', String(inCounty))
      .where('action', '=', 'enterprise.qualification_ended')
      .execute();
    expect(actions).toHaveLength(1);
    expect((await end(inCounty, id, { endedOn: today, reason: '再次' })).statusCode).toBe(409);
  });

  it('keeps an ended qualification ended when an import brings the same one again', async () => {
    const detail = (await t.request('GET', `/api/enterprises/${inCounty}`, { session: county })).json();
    await writeEnterpriseBatch(
      t.handle.db,
      [
        anEnterprise(1, '320583', {
          certifications: [{ name: '高新技术企业', validFrom: '2024-12-01', validTo: '2027-11-30' }],
        }),
      ],
      'import:test',
    );
    const after = (await t.request('GET', `/api/enterprises/${inCounty}`, { session: county })).json();
    expect(after.certifications).toEqual(detail.certifications);
  });

  it('ends one recorded in error before it started: it never counts', async () => {
    const third = (
      await t.handle.db
        .selectFrom('enterprises')
        .select('id')
        .where('name', '=', '资质测试3号科技有限公司')
        .executeTakeFirstOrThrow()
    ).id;
    const added = await add(third, county, { ...EVIDENCE, validFrom: today, validTo: null });
    const id = added.json().certifications[0].id;
    expect(await certificationsOf(third)).toHaveLength(1);
    const ended = await end(third, id, { endedOn: today, reason: '录入有误' });
    expect(ended.statusCode).toBe(200);
    expect(await certificationsOf(third)).toEqual([]);
  });

  it('refuses an end date in the future (400) and a qualification of another enterprise (404)', async () => {
    const detail = (await t.request('GET', `/api/enterprises/${inCounty}`, { session: county })).json();
    const id = detail.certifications[0].id;
    expect((await end(inCounty, id, { endedOn: '2999-01-01', reason: 'x' })).statusCode).toBe(400);
    const third = (
      await t.handle.db
        .selectFrom('enterprises')
        .select('id')
        .where('name', '=', '资质测试3号科技有限公司')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await end(third, id, { endedOn: today, reason: 'x' })).statusCode).toBe(404);
  });
});
