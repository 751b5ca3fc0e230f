/**
 * Evidence files of cultivation over HTTP (issue 18): the enterprise attaches files to the facts it fills in, lists,
 * downloads and removes them; the county's official lists and downloads them, another county's may not, another
 * enterprise cannot reach them; a disguised file or an unknown fact is refused naming its field; a file cannot be
 * removed while an application of its data year is under review; every change is audited.
 */
import { createHash } from 'node:crypto';
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
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { todayInChina } from '../../../shared/today.ts';
import { MAX_FILES_PER_FACT } from './cultivation.evidence.ts';

const DATA_YEAR = Number(todayInChina().slice(0, 4)) - 1;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** A Windows executable's start (MZ, the PE offset, the PE signature). */
const EXE = (() => {
  const file = Buffer.alloc(256, 0);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x80, 0x3c);
  file.write('PE\0\0', 0x80, 'latin1');
  return file;
})();

interface Listed {
  id: number;
  year: number;
  fact: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  url: string;
}

describe('cultivation evidence files', () => {
  let t: TestApp;
  let dataDir: string;
  let e: MadeEnterprise;
  let ent: Session;
  let otherEnt: Session;
  let county: Session;
  let otherCounty: Session;
  let admin: Session;
  let pdfId = 0;

  const upload = (session: Session, query: Record<string, string | number>, body: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/my/cultivation/evidence?${new URLSearchParams(
        Object.entries(query).map(([k, v]) => [k, String(v)]),
      ).toString()}`,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/octet-stream',
      },
      payload: body,
    });
  const fields = (response: { json: () => unknown }) =>
    ((response.json() as { errors?: { field: string }[] }).errors ?? []).map((x) => x.field);
  const myList = async (session = ent) => {
    const response = await t.request('GET', `/api/my/cultivation/evidence?year=${DATA_YEAR}`, { session });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      items: Listed[];
      removable: boolean;
      maxFilesPerFact: number;
      facts: string[];
    };
  };
  const storedFiles = () => {
    const root = path.join(dataDir, 'cultivation-evidence');
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true, withFileTypes: true }).filter((x) => x.isFile());
  };
  const audits = (action: string) =>
    t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'actor_role', 'target_id'])
      .where('action', '=', action)
      .where('target_id', '=', String(e.id))
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-cultivation-evidence-'));
    t = await createTestApp({ demo: false, env: { HUIQI_DATA_DIR: dataDir } });
    e = await anEnterprise(t.handle.db, { region: '320583' });
    ent = await signIn(t, await anEnterpriseUser(t.handle.db, e));
    otherEnt = await signIn(
      t,
      await anEnterpriseUser(t.handle.db, await anEnterprise(t.handle.db, { region: '320583' })),
    );
    county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    otherCounty = await signIn(t, await anOfficial(t.handle.db, { region: '320582' }));
    admin = await signIn(t, await aUser(t.handle.db, { role: 'admin' }));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a PDF and a PNG behind the enterprise’s facts and lists them', async () => {
    const pdf = await upload(
      ent,
      { year: DATA_YEAR, fact: 'ipClassIHighValue', fileName: '发明专利证书.pdf' },
      PDF,
    );
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({
      year: DATA_YEAR,
      fact: 'ipClassIHighValue',
      fileName: '发明专利证书.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    pdfId = pdf.json().id;
    const png = await upload(ent, { year: DATA_YEAR, fact: 'qualityItems', fileName: 'ISO9001.png' }, PNG);
    expect(png.statusCode, png.body).toBe(201);

    const list = await myList();
    expect(list.items.map((x) => [x.fact, x.fileName])).toEqual([
      ['ipClassIHighValue', '发明专利证书.pdf'],
      ['qualityItems', 'ISO9001.png'],
    ]);
    expect(list.removable).toBe(true);
    expect(list.facts).toContain('rdInstitution');
    expect(storedFiles()).toHaveLength(2);
    const other = await t.request('GET', `/api/my/cultivation/evidence?year=${DATA_YEAR - 1}`, {
      session: ent,
    });
    expect(other.json().items).toEqual([]);
  });

  it('downloads a file as the enterprise: as an attachment, with its type, never sniffed', async () => {
    const response = await t.request('GET', `/api/my/cultivation/evidence/${pdfId}/file`, { session: ent });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('发明专利证书.pdf')}`,
    );
    expect(response.rawPayload.equals(PDF)).toBe(true);
  });

  it('lets the county’s official and an admin list and download them, not another county’s official', async () => {
    for (const session of [county, admin]) {
      const list = await t.request('GET', `/api/cultivation/evidence/${e.id}?year=${DATA_YEAR}`, { session });
      expect(list.statusCode, list.body).toBe(200);
      const items = list.json().items as Listed[];
      expect(items).toHaveLength(2);
      const url = items.find((x) => x.id === pdfId)?.url ?? '';
      expect(url).toBe(`/api/cultivation/evidence/${e.id}/${pdfId}/file`);
      const file = await t.request('GET', url, { session });
      expect(file.statusCode).toBe(200);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(
        createHash('sha256').update(PDF).digest('hex'),
      );
    }
    const list = await t.request('GET', `/api/cultivation/evidence/${e.id}?year=${DATA_YEAR}`, {
      session: otherCounty,
    });
    expect(list.statusCode).toBe(403);
    const file = await t.request('GET', `/api/cultivation/evidence/${e.id}/${pdfId}/file`, {
      session: otherCounty,
    });
    expect(file.statusCode).toBe(403);
    const missing = await t.request('GET', `/api/cultivation/evidence/${e.id + 1000}?year=${DATA_YEAR}`, {
      session: county,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('keeps another enterprise out: it sees none of the files and reaches none (404)', async () => {
    expect((await myList(otherEnt)).items).toEqual([]);
    const file = await t.request('GET', `/api/my/cultivation/evidence/${pdfId}/file`, { session: otherEnt });
    expect(file.statusCode).toBe(404);
    const removed = await t.request('DELETE', `/api/my/cultivation/evidence/${pdfId}`, { session: otherEnt });
    expect(removed.statusCode).toBe(404);
    expect((await myList()).items).toHaveLength(2);
  });

  it('refuses a disguised file naming `file`, and an unknown fact naming `fact`, keeping nothing', async () => {
    const exe = await upload(ent, { year: DATA_YEAR, fact: 'ipClassII', fileName: '证书.pdf' }, EXE);
    expect(exe.statusCode).toBe(415);
    expect(fields(exe)).toEqual(['file']);
    const png = await upload(ent, { year: DATA_YEAR, fact: 'ipClassII', fileName: 'scan.pdf' }, PNG);
    expect(png.statusCode).toBe(415);
    expect(fields(png)).toEqual(['file']);
    expect(png.json().errors[0].message).toContain('.pdf');
    const fact = await upload(ent, { year: DATA_YEAR, fact: 'employees', fileName: 'a.pdf' }, PDF);
    expect(fact.statusCode).toBe(400);
    expect(fields(fact)).toEqual(['fact']);
    const year = await upload(ent, { year: DATA_YEAR - 3, fact: 'ipClassII', fileName: 'a.pdf' }, PDF);
    expect(year.statusCode).toBe(400);
    expect(fields(year)).toEqual(['year']);
    const type = await upload(ent, { year: DATA_YEAR, fact: 'ipClassII', fileName: 'run.exe' }, EXE);
    expect(type.statusCode).toBe(415);
    expect(fields(type)).toEqual(['fileName']);
    expect((await myList()).items).toHaveLength(2);
    expect(storedFiles()).toHaveLength(2);
  });

  it(`takes at most ${MAX_FILES_PER_FACT} files a fact and year, naming the limit`, async () => {
    for (let i = 1; i < MAX_FILES_PER_FACT; i++) {
      const response = await upload(
        ent,
        { year: DATA_YEAR, fact: 'ipClassIHighValue', fileName: `专利${i}.pdf` },
        PDF,
      );
      expect(response.statusCode, response.body).toBe(201);
    }
    const over = await upload(ent, { year: DATA_YEAR, fact: 'ipClassIHighValue', fileName: 'more.pdf' }, PDF);
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('TOO_MANY_ATTACHMENTS');
    expect(over.json().message).toContain(String(MAX_FILES_PER_FACT));
    const elsewhere = await upload(
      ent,
      { year: DATA_YEAR + 1, fact: 'ipClassIHighValue', fileName: 'a.pdf' },
      PDF,
    );
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
  });

  it('refuses removal while an application of the data year is under review, allows it once withdrawn', async () => {
    const applied = await t.request('POST', '/api/my/cultivation/applications', {
      session: ent,
      body: { tier: 'innovative' },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const application = applied.json();
    expect(application).toMatchObject({ stage: 'county_review', dataYear: DATA_YEAR });
    expect((await myList()).removable).toBe(false);

    const refused = await t.request('DELETE', `/api/my/cultivation/evidence/${pdfId}`, { session: ent });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('撤回');
    expect((await myList()).items.some((x) => x.id === pdfId)).toBe(true);

    const withdrawn = await t.request('POST', `/api/my/cultivation/applications/${application.id}/withdraw`, {
      session: ent,
      body: { version: application.version },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await myList()).removable).toBe(true);
    const before = storedFiles().length;
    // As the web client sends it: an empty JSON body.
    const removed = await t.request('DELETE', `/api/my/cultivation/evidence/${pdfId}`, {
      session: ent,
      body: {},
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await myList()).items.some((x) => x.id === pdfId)).toBe(false);
    expect(storedFiles()).toHaveLength(before - 1);
    const again = await t.request('GET', `/api/my/cultivation/evidence/${pdfId}/file`, { session: ent });
    expect(again.statusCode).toBe(404);
  });

  it('audits each file added and removed, with its name and hash', async () => {
    const added = await audits('cultivation.evidence_added');
    expect(added).toHaveLength(MAX_FILES_PER_FACT + 2);
    expect(added[0]).toMatchObject({
      actor_role: 'enterprise',
      summary: {
        evidenceId: pdfId,
        year: DATA_YEAR,
        fact: 'ipClassIHighValue',
        fileName: '发明专利证书.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
      },
    });
    const removed = await audits('cultivation.evidence_removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]?.summary).toMatchObject({ evidenceId: pdfId, fact: 'ipClassIHighValue' });
  });
});
