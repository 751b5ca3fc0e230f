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
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aUser,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { todayInChina } from '../../../shared/today.ts';

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
  let day = 0;
  /** A qualification recorded on the enterprise from a day of January 2025 no other test uses. */
  const addQualification = async (enterpriseId: number, session: Session, validFrom = nextDay()) => {
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
  const nextDay = () => `2025-01-${String(++day).padStart(2, '0')}`;
  const storedFiles = (): string[] => {
    const root = path.join(dataDir, 'qualification-evidence');
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  };

  // Read by the tests: the county's official, an admin, an enterprise of the county with its user, and an
  // enterprise of another district (320506).
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-evidence-'));
    t = await createTestApp({
      demo: false,
      env: { HUIQI_DATA_DIR: dataDir, HUIQI_ATTACHMENT_MAX_BYTES: String(LIMIT) },
    });
    const db = t.handle.db;
    county = await signIn(t, await anOfficial(db, { region: '320583' }));
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    const own = await anEnterprise(db, { region: '320583' });
    ownId = own.id;
    enterprise = await signIn(t, await anEnterpriseUser(db, own));
    outsideId = (await anEnterprise(db, { region: '320506', name: '证明文件测试科技有限公司' })).id;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A qualification of the own enterprise with a PDF certificate attached: the upload's answer and the file. */
  async function anAttachedCertificate() {
    const qualificationId = await addQualification(ownId, county);
    const response = await upload(county, ownId, qualificationId, '专精特新证书.pdf', PDF);
    const cert = response.json().certifications.find((c: { id: number }) => c.id === qualificationId);
    return { qualificationId, response, cert };
  }

  describe('a certificate', () => {
    it('is attached, stored and listed on the enterprise', async () => {
      const before = storedFiles().length;
      const { qualificationId, response, cert } = await anAttachedCertificate();
      expect(response.statusCode, response.body).toBe(200);
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
      expect(storedFiles()).toHaveLength(before + 1);
    });

    it('is served as a download (an attachment, sandboxed) to the enterprise itself', async () => {
      const { cert } = await anAttachedCertificate();
      const download = await t.request('GET', cert.evidenceFiles[0].url, { session: enterprise });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(PDF)).toBe(true);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toMatch(/^attachment;/);
      expect(download.headers['content-security-policy']).toContain('sandbox');
    });

    it('is audited with its qualification, stage, name and type', async () => {
      const { qualificationId } = await anAttachedCertificate();
      const audit = await t.handle.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('action', '=', 'enterprise.qualification_evidence_added')
        .where('target_id', '=', String(ownId))
        .execute();
      const ofThis = audit.filter(
        (a) => (a.summary as { qualificationId?: number }).qualificationId === qualificationId,
      );
      expect(ofThis).toHaveLength(1);
      expect(ofThis[0]?.summary).toMatchObject({
        qualificationId,
        stage: 'added',
        fileName: '专精特新证书.pdf',
        contentType: 'application/pdf',
      });
    });
  });

  describe('refused files, of which nothing is kept', () => {
    it('refuses a file that is not a PDF or an image by its name (415)', async () => {
      const qualificationId = await addQualification(ownId, county);
      const before = storedFiles().length;
      const word = await upload(county, ownId, qualificationId, '证书.docx', PDF);
      expect(word.statusCode).toBe(415);
      expect(word.json().errors[0].field).toBe('fileName');
      expect(word.json().message).toContain('PDF');
      expect(storedFiles()).toHaveLength(before);
    });

    it('refuses HTML disguised as a PDF (415)', async () => {
      const qualificationId = await addQualification(ownId, county);
      const before = storedFiles().length;
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
      expect(storedFiles()).toHaveLength(before);
    });

    it('refuses a PNG named as a PDF (415)', async () => {
      const qualificationId = await addQualification(ownId, county);
      const before = storedFiles().length;
      const pngAsPdf = await upload(county, ownId, qualificationId, '证书.pdf', PNG);
      expect(pngAsPdf.statusCode).toBe(415);
      expect(storedFiles()).toHaveLength(before);
    });

    it('refuses an empty file (400)', async () => {
      const qualificationId = await addQualification(ownId, county);
      const before = storedFiles().length;
      const empty = await upload(county, ownId, qualificationId, '证书.pdf', Buffer.alloc(0));
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0].field).toBe('file');
      expect(storedFiles()).toHaveLength(before);
    });

    it('refuses a file over the size limit (413) naming the limit', async () => {
      const qualificationId = await addQualification(ownId, county);
      const before = storedFiles().length;
      const big = Buffer.concat([PDF, Buffer.alloc(LIMIT)]);
      const response = await upload(county, ownId, qualificationId, '扫描件.pdf', big);
      expect(response.statusCode).toBe(413);
      expect(response.json().message).toContain('64 KB');
      expect(storedFiles()).toHaveLength(before);
    });
  });

  describe('the ending notice', () => {
    it('is refused before the qualification is ended (409)', async () => {
      const qualificationId = await addQualification(ownId, county);
      const early = await upload(county, ownId, qualificationId, '撤销通知.png', PNG, 'ended');
      expect(early.statusCode).toBe(409);
      expect(early.json().errors[0].field).toBe('stage');
    });

    it('is taken once the qualification is ended', async () => {
      const qualificationId = await addQualification(ownId, county);
      const ended = await t.request(
        'POST',
        `/api/enterprises/${ownId}/qualifications/${qualificationId}/end`,
        { session: county, body: { endedOn: today, reason: '认定被撤销' } },
      );
      expect(ended.statusCode).toBe(200);
      const response = await upload(county, ownId, qualificationId, '撤销通知.png', PNG, 'ended');
      expect(response.statusCode, response.body).toBe(200);
      const cert = response.json().certifications.find((c: { id: number }) => c.id === qualificationId);
      expect(cert.evidenceFiles.map((f: { stage: string; kind: string }) => [f.stage, f.kind])).toEqual([
        ['ended', 'png'],
      ]);
    });
  });

  it('keeps at most five files per qualification (409 TOO_MANY_ATTACHMENTS)', async () => {
    const qualificationId = await addQualification(ownId, county);
    for (let i = 1; i <= 5; i++)
      expect((await upload(county, ownId, qualificationId, `第${i}页.png`, PNG)).statusCode).toBe(200);
    const sixth = await upload(county, ownId, qualificationId, '第6页.png', PNG);
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().code).toBe('TOO_MANY_ATTACHMENTS');
  });

  describe("outside the caller's scope", () => {
    /** A certificate the admin attached to the enterprise outside the county: its download URL. */
    async function aCertificateOutside(): Promise<string> {
      const qualificationId = await addQualification(outsideId, admin);
      const stored = await upload(admin, outsideId, qualificationId, '证书.pdf', PDF);
      expect(stored.statusCode).toBe(200);
      const cert = stored.json().certifications.find((c: { id: number }) => c.id === qualificationId);
      return cert.evidenceFiles[0].url as string;
    }

    it("refuses an upload outside the official's region (403)", async () => {
      const qualificationId = await addQualification(outsideId, admin);
      const refused = await upload(county, outsideId, qualificationId, '证书.pdf', PDF);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('OUT_OF_SCOPE');
    });

    it('refuses a download outside the scope (403) to an official and another enterprise, not to the admin', async () => {
      const url = await aCertificateOutside();
      expect((await t.request('GET', url, { session: county })).statusCode).toBe(403);
      expect((await t.request('GET', url, { session: enterprise })).statusCode).toBe(403);
      expect((await t.request('GET', url, { session: admin })).statusCode).toBe(200);
    });

    it('answers a file asked for under another qualification with 404', async () => {
      const fileId = (await aCertificateOutside()).split('/').pop();
      const ownQualification = await addQualification(ownId, county);
      const wrong = `/api/enterprises/${ownId}/qualifications/${ownQualification}/evidence/${fileId}`;
      expect((await t.request('GET', wrong, { session: county })).statusCode).toBe(404);
    });
  });
});
