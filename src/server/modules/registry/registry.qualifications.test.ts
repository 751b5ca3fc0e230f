/** Qualifications officials record and end on an enterprise: evidence, scope, audit, what eligibility then reads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { anOfficial, signIn } from '../../../../test/helpers/factories.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { EnterpriseInput } from './registry.model.ts';
import { loadEnterpriseFacts } from './registry.queries.ts';
import { writeEnterpriseBatch } from './registry.writes.ts';

/** The registry record of test enterprise `i` (written again by a test, as an import would). */
function anEnterpriseInput(
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
  const today = todayInChina();
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
  });
  afterAll(() => t.close());

  /** A new enterprise of the region (the official's county unless told): its id and its registry record. */
  async function anEnterpriseIn(regionCode = '320583'): Promise<{ id: number; input: EnterpriseInput }> {
    const input = anEnterpriseInput(++serial, regionCode);
    await writeEnterpriseBatch(t.handle.db, [input], 'test');
    const { id } = await t.handle.db
      .selectFrom('enterprises')
      .select('id')
      .where('uscc', '=', input.uscc)
      .executeTakeFirstOrThrow();
    return { id, input };
  }

  const add = (id: number, session: Session, body: Record<string, unknown> = EVIDENCE) =>
    t.request('POST', `/api/enterprises/${id}/qualifications`, { session, body });
  const end = (id: number, qualificationId: number, body: Record<string, unknown>, session = county) =>
    t.request('POST', `/api/enterprises/${id}/qualifications/${qualificationId}/end`, { session, body });
  const certificationsOf = async (id: number) =>
    (await loadEnterpriseFacts(t.handle.db, [id])).get(id)?.certifications ?? [];

  /** An enterprise of the county with the qualification of EVIDENCE recorded: its id and the qualification's. */
  async function aQualifiedEnterprise() {
    const enterprise = await anEnterpriseIn();
    const added = await add(enterprise.id, county);
    return { ...enterprise, qualificationId: added.json().certifications[0].id as number };
  }

  describe('recording', () => {
    it('records a qualification with its evidence', async () => {
      const { id } = await anEnterpriseIn();
      const response = await add(id, county);
      expect(response.statusCode).toBe(200);
      const [cert] = response.json().certifications;
      expect(cert).toMatchObject({
        ...EVIDENCE,
        source: 'official',
        recordedBy: expect.any(String),
        endedOn: null,
        endReason: null,
      });
    });

    it('audits the recording with the certificate number and the issuing body', async () => {
      const { id } = await aQualifiedEnterprise();
      const audit = await t.handle.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('target_type', '=', 'enterprise')
        .where('target_id', '=', String(id))
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['enterprise.qualification_added']);
      expect(audit[0]?.summary).toMatchObject({
        certificateNumber: 'GR202432001234',
        issuingBody: '江苏省科学技术厅',
      });
    });

    it('is what eligibility then reads', async () => {
      const { id } = await aQualifiedEnterprise();
      expect(await certificationsOf(id)).toEqual([
        { name: '高新技术企业', validFrom: '2024-12-01', validTo: '2027-11-30' },
      ]);
    });

    it('refuses an enterprise stored outside the official’s region (403) and writes nothing', async () => {
      const outsideCounty = (await anEnterpriseIn('320506')).id;
      const response = await add(outsideCounty, county);
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('OUT_OF_SCOPE');
      expect(await certificationsOf(outsideCounty)).toEqual([]);
    });

    it('refuses the same qualification from the same date twice (409)', async () => {
      const { id } = await aQualifiedEnterprise();
      const again = await add(id, county);
      expect(again.statusCode).toBe(409);
    });

    it('refuses an end date before the start (400)', async () => {
      const { id } = await anEnterpriseIn();
      const backwards = await add(id, county, {
        ...EVIDENCE,
        validFrom: '2025-01-01',
        validTo: '2024-01-01',
      });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().errors[0].field).toBe('validTo');
    });

    it('refuses a missing certificate number (400)', async () => {
      const { id } = await anEnterpriseIn();
      const { certificateNumber: _, ...without } = EVIDENCE;
      expect((await add(id, county, without)).statusCode).toBe(400);
    });
  });

  describe('ending', () => {
    it('ends a qualification from a date: kept as history with the reason', async () => {
      const { id, qualificationId } = await aQualifiedEnterprise();
      const response = await end(id, qualificationId, { endedOn: today, reason: '认定被撤销' });
      expect(response.statusCode).toBe(200);
      const [cert] = response.json().certifications;
      expect(cert).toMatchObject({ endedOn: today, endReason: '认定被撤销', issuedValidTo: '2027-11-30' });
      expect(cert.validTo < today).toBe(true);
    });

    it('no longer counts an ended qualification', async () => {
      const { id, qualificationId } = await aQualifiedEnterprise();
      await end(id, qualificationId, { endedOn: today, reason: '认定被撤销' });
      const facts = await certificationsOf(id);
      expect(facts.some((c) => c.validFrom <= today && (c.validTo === null || c.validTo >= today))).toBe(
        false,
      );
    });

    it('audits the ending once', async () => {
      const { id, qualificationId } = await aQualifiedEnterprise();
      await end(id, qualificationId, { endedOn: today, reason: '认定被撤销' });
      const actions = await t.handle.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', String(id))
        .where('action', '=', 'enterprise.qualification_ended')
        .execute();
      expect(actions).toHaveLength(1);
    });

    it('refuses to end an ended qualification again (409)', async () => {
      const { id, qualificationId } = await aQualifiedEnterprise();
      await end(id, qualificationId, { endedOn: today, reason: '认定被撤销' });
      expect((await end(id, qualificationId, { endedOn: today, reason: '再次' })).statusCode).toBe(409);
    });

    it('keeps an ended qualification ended when an import brings the same one again', async () => {
      const { id, input, qualificationId } = await aQualifiedEnterprise();
      await end(id, qualificationId, { endedOn: today, reason: '认定被撤销' });
      const detail = (await t.request('GET', `/api/enterprises/${id}`, { session: county })).json();
      await writeEnterpriseBatch(
        t.handle.db,
        [
          {
            ...input,
            certifications: [{ name: '高新技术企业', validFrom: '2024-12-01', validTo: '2027-11-30' }],
          },
        ],
        'import:test',
      );
      const after = (await t.request('GET', `/api/enterprises/${id}`, { session: county })).json();
      expect(after.certifications).toEqual(detail.certifications);
    });

    it('ends one recorded in error before it started: it never counts', async () => {
      const { id: third } = await anEnterpriseIn();
      const added = await add(third, county, { ...EVIDENCE, validFrom: today, validTo: null });
      const id = added.json().certifications[0].id;
      expect(await certificationsOf(third)).toHaveLength(1);
      const ended = await end(third, id, { endedOn: today, reason: '录入有误' });
      expect(ended.statusCode).toBe(200);
      expect(await certificationsOf(third)).toEqual([]);
    });

    it('refuses an end date in the future (400)', async () => {
      const { id, qualificationId } = await aQualifiedEnterprise();
      expect((await end(id, qualificationId, { endedOn: '2999-01-01', reason: 'x' })).statusCode).toBe(400);
    });

    it('refuses to end a qualification of another enterprise (404)', async () => {
      const { qualificationId } = await aQualifiedEnterprise();
      const { id: other } = await anEnterpriseIn();
      expect((await end(other, qualificationId, { endedOn: today, reason: 'x' })).statusCode).toBe(404);
    });
  });
});
