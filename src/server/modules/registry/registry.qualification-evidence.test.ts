/**
 * Evidence files of qualifications: a certificate attached when an official records one, the notice when it is
 * ended; stored as case attachments are (hash, type sniffed, size and count limits), downloaded only as
 * attachments by whoever may see the enterprise, refused outside the official's region, audited.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';
import { writeEnterpriseBatch } from './registry.writes.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const LIMIT = 64 * 1024;

const QUALIFICATION = {
  name: '专精特新中小企业',
  validFrom: '2025-01-01',
  validTo: '2027-12-31',
  certificateNumber: 'ZJTX2025-0001',
  issuingBody: '江苏省工业和信息化厅',
};

describe('evidence files of qualifications', () => {
  let t: TestApp;
  let dataDir: string;
  let county: Session;
  let enterprise: Session;
  let admin: Session;
  let ownId: number;
  let outsideId: number;
  const today = todayInChina();

  const upload = (
    session: Session,
    enterpriseId: number,
    qualificationId: number,
    fileName: string,
    body: Buffer,
    stage = 'added',
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/enterprises/${enterpriseId}/qualifications/${qualificationId}/evidence?fileName=${encodeURIComponent(fileName)}&stage=${stage}`,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/octet-stream',
      },
      payload: body,
    });
  const addQualification = async (enterpriseId: number, session: Session, validFrom: string) => {
    const response = await t.request('POST', `/api/enterprises/${enterpriseId}/qualifications`, {
      session,
      body: { ...QUALIFICATION, validFrom },
    });
    expect(response.statusCode, response.body).toBe(200);
    const added = response
      .json()
      .certifications.find((c: { validFrom: string }) => c.validFrom === validFrom);
    return added.id as number;
  };
  const storedFiles = (): string[] => {
    const root = path.join(dataDir, 'qualification-evidence');
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-evidence-'));
    t = await createTestApp({ env: { HUIQI_DATA_DIR: dataDir, HUIQI_ATTACHMENT_MAX_BYTES: String(LIMIT) } });
    county = await t.login('official.county');
    enterprise = await t.login('enterprise');
    admin = await t.login('admin');
    ownId = (await t.request('GET', '/api/my/enterprise', { session: enterprise })).json().id;
    await writeEnterpriseBatch(
      t.handle.db,
      [
        {
          uscc: makeUscc('91320506QE0000001'),
          name: '证明文件测试科技有限公司',
          formerNames: [],
          legalRepresentative: null,
          regionCode: '320506',
          industryCode: 'I65',
          establishedOn: '2018-05-01',
          status: 'active',
          ownershipType: null,
          certifications: [],
          figures: null,
        },
      ],
      'test',
    );
    outsideId = (
      await t.handle.db
        .selectFrom('enterprises')
        .select('id')
        .where('name', '=', '证明文件测试科技有限公司')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('attaches a certificate, lists it on the enterprise and serves it as a download to the enterprise itself', async () => {
    const qualificationId = await addQualification(ownId, county, '2025-01-01');
    const response = await upload(county, ownId, qualificationId, '专精特新证书.pdf', PDF);
    expect(response.statusCode, response.body).toBe(200);
    const cert = response.json().certifications.find((c: { id: number }) => c.id === qualificationId);
    expect(cert.evidenceFiles).toEqual([
      {
        id: expect.any(Number),
        stage: 'added',
        fileName: '专精特新证书.pdf',
        kind: 'pdf',
        sizeBytes: PDF.length,
        uploadedBy: expect.any(String),
        createdAt: expect.any(String),
        url: expect.stringMatching(
          `^/api/enterprises/${ownId}/qualifications/${qualificationId}/evidence/\\d+$`,
        ),
      },
    ]);
    expect(storedFiles()).toHaveLength(1);
    const download = await t.request('GET', cert.evidenceFiles[0].url, { session: enterprise });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['content-security-policy']).toContain('sandbox');
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'enterprise.qualification_evidence_added')
      .where('target_id', '=', String(ownId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toMatchObject({
      qualificationId,
      stage: 'added',
      fileName: '专精特新证书.pdf',
      contentType: 'application/pdf',
    });
  });

  it('refuses what is not a PDF or image, or is disguised as one (415), and an empty file (400); keeps nothing', async () => {
    const qualificationId = await addQualification(ownId, county, '2025-02-01');
    const before = storedFiles().length;
    const word = await upload(county, ownId, qualificationId, '证书.docx', PDF);
    expect(word.statusCode).toBe(415);
    expect(word.json().errors[0].field).toBe('fileName');
    expect(word.json().message).toContain('PDF');
    const html = await upload(
      county,
      ownId,
      qualificationId,
      '证书.pdf',
      Buffer.from('<html><script>1</script>'),
    );
    expect(html.statusCode).toBe(415);
    expect(html.json().errors[0].field).toBe('file');
    expect(html.json().message).toContain('HTML');
    const pngAsPdf = await upload(county, ownId, qualificationId, '证书.pdf', PNG);
    expect(pngAsPdf.statusCode).toBe(415);
    const empty = await upload(county, ownId, qualificationId, '证书.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('file');
    expect(storedFiles()).toHaveLength(before);
  });

  it('refuses a file over the size limit (413) naming the limit, and keeps nothing', async () => {
    const qualificationId = await addQualification(ownId, county, '2025-03-01');
    const before = storedFiles().length;
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT)]);
    const response = await upload(county, ownId, qualificationId, '扫描件.pdf', big);
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toContain('64 KB');
    expect(storedFiles()).toHaveLength(before);
  });

  it('takes the ending notice only once the qualification is ended (409 before)', async () => {
    const qualificationId = await addQualification(ownId, county, '2025-04-01');
    const early = await upload(county, ownId, qualificationId, '撤销通知.png', PNG, 'ended');
    expect(early.statusCode).toBe(409);
    expect(early.json().errors[0].field).toBe('stage');
    const ended = await t.request('POST', `/api/enterprises/${ownId}/qualifications/${qualificationId}/end`, {
      session: county,
      body: { endedOn: today, reason: '认定被撤销' },
    });
    expect(ended.statusCode).toBe(200);
    const response = await upload(county, ownId, qualificationId, '撤销通知.png', PNG, 'ended');
    expect(response.statusCode, response.body).toBe(200);
    const cert = response.json().certifications.find((c: { id: number }) => c.id === qualificationId);
    expect(cert.evidenceFiles.map((f: { stage: string; kind: string }) => [f.stage, f.kind])).toEqual([
      ['ended', 'png'],
    ]);
  });

  it('keeps at most five files per qualification (409 TOO_MANY_ATTACHMENTS)', async () => {
    const qualificationId = await addQualification(ownId, county, '2025-05-01');
    for (let i = 1; i <= 5; i++)
      expect((await upload(county, ownId, qualificationId, `第${i}页.png`, PNG)).statusCode).toBe(200);
    const sixth = await upload(county, ownId, qualificationId, '第6页.png', PNG);
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().code).toBe('TOO_MANY_ATTACHMENTS');
  });

  it("refuses uploads and downloads outside the caller's scope (403) and a file of another qualification (404)", async () => {
    const qualificationId = await addQualification(outsideId, admin, '2025-01-01');
    const refused = await upload(county, outsideId, qualificationId, '证书.pdf', PDF);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('OUT_OF_SCOPE');
    const stored = await upload(admin, outsideId, qualificationId, '证书.pdf', PDF);
    expect(stored.statusCode).toBe(200);
    const url = stored.json().certifications[0].evidenceFiles[0].url as string;
    expect((await t.request('GET', url, { session: county })).statusCode).toBe(403);
    expect((await t.request('GET', url, { session: enterprise })).statusCode).toBe(403);
    expect((await t.request('GET', url, { session: admin })).statusCode).toBe(200);
    const fileId = url.split('/').pop();
    const own = (await t.request('GET', `/api/enterprises/${ownId}`, { session: county })).json();
    const wrong = `/api/enterprises/${ownId}/qualifications/${own.certifications[0].id}/evidence/${fileId}`;
    expect((await t.request('GET', wrong, { session: county })).statusCode).toBe(404);
  });
});
