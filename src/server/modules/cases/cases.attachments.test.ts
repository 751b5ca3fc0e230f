/**
 * Attachments of cases: uploads stored on disk with their hash, sniffed and allow-listed by content, limited in
 * size and number, downloaded only as attachments, seen only by those who may see the case, audited.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  aSignedInAuditor,
  aSignedInEnterprise,
  aSignedInOfficial,
} from '../../../../test/helpers/cases-factories.ts';
import { aDemand, anActionOn, type CaseReply } from '../../../../test/helpers/factories.ts';
import { zip as storedZip } from '../../../../test/helpers/zip.ts';
import { loadExcel } from '../../lib/excel.ts';
import { cleanFileName, contentDisposition } from '../../lib/stored-files.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 0x01, 0x01]);
const LIMIT = 64 * 1024;
const PER_CASE = 9;

/** A ZIP of stored (uncompressed) members, as Office and OFD writers produce them. */
const zip = (members: Record<string, string | Buffer>): Buffer =>
  storedZip(
    Object.entries(members).map(([name, data]) => ({ name, data })),
    { store: true },
  );

/** A minimal OLE2 compound file (MS-CFB version 3): sector 0 the FAT, sector 1 the directory with these entries. */
function compound(entries: string[]): Buffer {
  const file = Buffer.alloc(512 * 3, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x3e, 24);
  file.writeUInt16LE(3, 26);
  file.writeUInt16LE(0xfffe, 28);
  file.writeUInt16LE(9, 30);
  file.writeUInt16LE(6, 32);
  file.writeUInt32LE(1, 44); // one FAT sector
  file.writeUInt32LE(1, 48); // the directory starts at sector 1
  file.writeUInt32LE(4096, 56);
  file.writeUInt32LE(0xfffffffe, 60);
  file.writeUInt32LE(0xfffffffe, 68);
  for (let i = 0; i < 109; i++) file.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + i * 4);
  const fat = 512;
  for (let i = 0; i < 128; i++) file.writeUInt32LE(0xffffffff, fat + i * 4);
  file.writeUInt32LE(0xfffffffd, fat); // sector 0: FAT
  file.writeUInt32LE(0xfffffffe, fat + 4); // sector 1: end of the directory chain
  ['Root Entry', ...entries].forEach((name, i) => {
    const at = 1024 + i * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(file, at);
    file.writeUInt16LE(encoded.length, at + 64);
    file[at + 66] = i === 0 ? 5 : 2;
  });
  return file;
}

const DOCX = zip({
  '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
  '_rels/.rels': '<Relationships/>',
  'word/document.xml': '<w:document/>',
});

describe('case attachments', () => {
  let t: TestApp;
  let dataDir: string;
  let enterprise: Session;
  let official: Session;
  /** A case the refused uploads aim at (the size test adds one file to it). */
  let caseId: number;

  const upload = (
    session: Session,
    id: number,
    fileName: string,
    body: Buffer | Readable,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/attachments?fileName=${encodeURIComponent(fileName)}`,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/octet-stream',
        ...headers,
      },
      payload: body,
    });

  /** A request for help of the enterprise, with evidence to attach. */
  const newDemand = (title: string): Promise<CaseReply> =>
    aDemand(t, enterprise, {
      kind: 'help',
      category: 'rights',
      title,
      description: '附证据材料，请协助处理。',
    });

  /** Files under the attachments directory, relative to it (the temporary folder included). */
  const storedFiles = (): string[] => {
    const root = path.join(dataDir, 'attachments');
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
  };
  const rowCount = async () =>
    (await t.handle.db.selectFrom('case_attachments').select('id').execute()).length;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-attachments-'));
    t = await createTestApp({
      demo: false,
      env: {
        HUIQI_DATA_DIR: dataDir,
        HUIQI_ATTACHMENT_MAX_BYTES: String(LIMIT),
        HUIQI_ATTACHMENTS_PER_CASE: String(PER_CASE),
      },
    });
    [enterprise, official] = await Promise.all([
      aSignedInEnterprise(t, { displayName: '企业用户' }).then((e) => e.session),
      aSignedInOfficial(t, { displayName: '昆山市中小企业服务中心' }),
    ]);
    caseId = (await newDemand('拖欠货款的证据')).id;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('a PDF of the enterprise and a PNG of the official, attached to a case', () => {
    let id: number;
    let pdf: LightMyRequestResponse;
    let png: LightMyRequestResponse;
    let filesBefore: number;
    let filesAfter: string[];
    let list: LightMyRequestResponse;
    beforeAll(async () => {
      id = (await newDemand('拖欠货款的发票和截图')).id;
      filesBefore = storedFiles().length;
      pdf = await upload(enterprise, id, '发票 2025-03.pdf', PDF);
      png = await upload(official, id, 'C:\\Users\\li\\截图.PNG', PNG);
      filesAfter = storedFiles();
      list = await t.request('GET', `/api/cases/${id}/attachments`, { session: official });
    });

    it('stores the PDF with its hash and uploader', () => {
      expect(pdf.statusCode, pdf.body).toBe(201);
      expect(pdf.json()).toMatchObject({
        caseId: id,
        fileName: '发票 2025-03.pdf',
        kind: 'pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        uploadedBy: { name: '企业用户', role: 'enterprise' },
      });
    });

    it('keeps the PNG under its name without the path', () => {
      expect(png.statusCode, png.body).toBe(201);
      expect(png.json()).toMatchObject({ fileName: '截图.PNG', kind: 'png', contentType: 'image/png' });
    });

    it('lists them with who uploaded them and the limits', () => {
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({
        maxBytes: LIMIT,
        maxFiles: PER_CASE,
        canUpload: true,
        items: [
          { fileName: '发票 2025-03.pdf', uploadedBy: { role: 'enterprise' } },
          { fileName: '截图.PNG', uploadedBy: { name: '昆山市中小企业服务中心', role: 'official' } },
        ],
      });
      expect(list.json().extensions).toContain('ofd');
    });

    it('serves the PDF back as a sandboxed download', async () => {
      const download = await t.request('GET', pdf.json().url, { session: official });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(PDF)).toBe(true);
      expect(download.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(PDF.length),
        'content-disposition': `attachment; filename="_ 2025-03.pdf"; filename*=UTF-8''${encodeURIComponent('发票 2025-03.pdf')}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "sandbox; default-src 'none'",
      });
    });

    it('serves the PNG back as an image', async () => {
      const image = await t.request('GET', png.json().url, { session: enterprise });
      expect(image.headers['content-type']).toBe('image/png');
      expect(image.rawPayload.equals(PNG)).toBe(true);
    });

    it('keeps one file on disk per row, the temporary folder empty', () => {
      expect(filesAfter).toHaveLength(filesBefore + 2);
      expect(filesAfter.some((f) => f.startsWith('tmp'))).toBe(false);
    });

    it('writes a timeline event for each file, leaving the case’s version as it was', async () => {
      const detail = (await t.request('GET', `/api/cases/${id}`, { session: enterprise })).json();
      const attached = detail.events.filter((e: { action: string }) => e.action === 'attach');
      expect(attached).toHaveLength(2);
      expect(attached[0]).toMatchObject({
        actorRole: 'enterprise',
        data: { fileName: '发票 2025-03.pdf', kind: 'pdf', sizeBytes: PDF.length },
      });
      // Attaching does not change the case's version: an official acting on what they saw is not in conflict.
      expect(detail.version).toBe(1);
    });

    it('writes an audit entry for each file, in the upload’s transaction', async () => {
      const audits = await t.handle.db
        .selectFrom('audit_log')
        .select(['action', 'summary', 'actor_role'])
        .where('action', '=', 'case.attach')
        .where('target_id', '=', String(id))
        .orderBy('seq')
        .execute();
      expect(audits).toHaveLength(2);
      expect(audits[0]?.summary).toMatchObject({
        fileName: '发票 2025-03.pdf',
        contentType: 'application/pdf',
        sha256: createHash('sha256').update(PDF).digest('hex'),
      });
      const rows = await t.handle.db
        .selectFrom('case_attachments')
        .select(['event_id'])
        .where('case_id', '=', id)
        .execute();
      expect(rows.every((r) => r.event_id !== null)).toBe(true);
    });
  });

  it('accepts Office, OFD, legacy Office and text files by their content', async () => {
    const own = await newDemand('各类格式的材料');
    const xlsx = await (async () => {
      const ExcelJS = await loadExcel();
      const book = new ExcelJS.Workbook();
      book.addWorksheet('对账单').addRow(['合同', '金额']);
      return Buffer.from(await book.xlsx.writeBuffer());
    })();
    const cases: [string, Buffer, string][] = [
      ['合同.docx', DOCX, 'docx'],
      ['对账单.xlsx', xlsx, 'xlsx'],
      ['电子发票.ofd', zip({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' }), 'ofd'],
      ['旧合同.doc', compound(['WordDocument', '1Table']), 'doc'],
      ['明细.csv', iconv.encode('合同编号,金额\r\nHT-001,100000\r\n', 'gbk'), 'csv'],
      ['说明.txt', Buffer.from('\uFEFF情况说明：对方至今未付款。\n'), 'txt'],
    ];
    for (const [name, body, kind] of cases) {
      const response = await upload(enterprise, own.id, name, body);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(201);
      expect(response.json().kind).toBe(kind);
    }
  });

  it('serves a GBK CSV as GB 18030 text', async () => {
    const own = await newDemand('GBK 编码的明细');
    const csvFile = iconv.encode('合同编号,金额\r\nHT-001,100000\r\n', 'gbk');
    expect((await upload(enterprise, own.id, '明细.csv', csvFile)).statusCode).toBe(201);
    const list = (await t.request('GET', `/api/cases/${own.id}/attachments`, { session: enterprise })).json();
    const csv = list.items.find((i: { fileName: string }) => i.fileName === '明细.csv');
    expect(csv.contentType).toBe('text/csv; charset=gb18030');
  });

  it('accepts a JPEG', async () => {
    const own = await newDemand('现场照片');
    const jpeg = await upload(enterprise, own.id, '现场照片.jpeg', JPEG);
    expect(jpeg.json().kind).toBe('jpeg');
  });

  it('keeps a PNG saved as .jpg (as phones and WeChat do) and serves it as what it is', async () => {
    const own = await newDemand('微信图片');
    const renamed = await upload(enterprise, own.id, '微信图片.jpg', PNG);
    expect(renamed.json()).toMatchObject({ kind: 'png', contentType: 'image/png' });
  });

  it('refuses disguised and dangerous files naming what was found, and keeps nothing of them', async () => {
    const rowsBefore = await rowCount();
    const filesBefore = storedFiles().length;
    const refused: [string, Buffer, RegExp][] = [
      ['invoice.pdf', zip({ 'readme.txt': 'hello' }), /ZIP/],
      ['invoice.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), /Windows/],
      ['invoice.pdf', PNG, /PNG.*\.pdf/],
      ['page.txt', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), /HTML/],
      ['chart.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /SVG/],
      ['data.csv', Buffer.from('<?xml version="1.0"?><a/>'), /XML/],
      ['合同.docx', zip({ '[Content_Types].xml': '<Types/>', 'word/vbaProject.bin': 'x' }), /宏/],
      ['旧合同.doc', compound(['WordDocument', 'Macros']), /宏/],
      ['setup.doc', compound(['\u0005SummaryInformation']), /MSI/],
      ['notes.txt', Buffer.from('abc\0def'), /二进制/],
      ['run.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'), /脚本/],
    ];
    for (const [name, body, message] of refused) {
      const response = await upload(enterprise, caseId, name, body);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(415);
      expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(response.json().message, name).toMatch(message);
      expect(response.json().errors[0].field).toBe('file');
    }
    expect(await rowCount()).toBe(rowsBefore);
    expect(storedFiles()).toHaveLength(filesBefore);
  });

  it('refuses a file by its name before anything is read, keeping nothing', async () => {
    const rowsBefore = await rowCount();
    const filesBefore = storedFiles().length;
    for (const name of ['page.html', 'drawing.svg', 'tool.exe', 'archive.zip', 'noextension']) {
      const response = await upload(enterprise, caseId, name, PDF);
      expect(response.statusCode, name).toBe(415);
      expect(response.json().errors[0].field).toBe('fileName');
    }
    expect(await rowCount()).toBe(rowsBefore);
    expect(storedFiles()).toHaveLength(filesBefore);
  });

  it('names what was found in English for English readers', async () => {
    const english = await upload(enterprise, caseId, 'invoice.pdf', Buffer.from('MZ\0\0'), {
      'accept-language': 'en',
    });
    expect(english.json().message).toContain('a Windows executable (MZ/PE)');
  });

  it('refuses a file declared over the size limit with 413 naming the limit, keeping nothing', async () => {
    const rowsBefore = await rowCount();
    const filesBefore = storedFiles().length;
    const declared = await upload(enterprise, caseId, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT)]));
    expect(declared.statusCode).toBe(413);
    expect(declared.json()).toMatchObject({
      code: 'BODY_TOO_LARGE',
      errors: [{ field: 'file', message: '超过 64 KB 的上限' }],
    });
    expect(declared.headers.connection).toBe('close');
    expect(await rowCount()).toBe(rowsBefore);
    expect(storedFiles()).toHaveLength(filesBefore);
  });

  it('counts an upload without a Content-Length as it streams, refusing it past the limit and keeping nothing', async () => {
    const rowsBefore = await rowCount();
    const filesBefore = storedFiles().length;
    const streamed = await upload(enterprise, caseId, 'big.pdf', Readable.from([PDF, Buffer.alloc(LIMIT)]));
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().message).toContain('64 KB');
    expect(await rowCount()).toBe(rowsBefore);
    expect(storedFiles()).toHaveLength(filesBefore);
  });

  it('accepts a file of exactly the size limit', async () => {
    const own = await newDemand('恰好达到大小上限');
    const rowsBefore = await rowCount();
    const filesBefore = storedFiles().length;
    const exact = await upload(
      enterprise,
      own.id,
      'exact.pdf',
      Buffer.concat([PDF, Buffer.alloc(LIMIT - PDF.length)]),
    );
    expect(exact.statusCode).toBe(201);
    expect(await rowCount()).toBe(rowsBefore + 1);
    expect(storedFiles()).toHaveLength(filesBefore + 1);
  });

  it('refuses an empty file, naming the field', async () => {
    const empty = await upload(enterprise, caseId, 'empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('file');
  });

  it('leaves no partial file behind when the first chunk read is already over the limit (refused before the file opened)', async () => {
    const filesBefore = storedFiles().length;
    // Many at once, so the file system's work queue is busy: opening a file by path then lags behind the refusal.
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        Array.from({ length: 40 }, () =>
          upload(enterprise, caseId, 'over.pdf', Readable.from([Buffer.alloc(LIMIT + 1)])),
        ),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual(answers.map(() => 413));
      // Looked at the moment the answers came: every refused upload's temporary file is gone already.
      expect(storedFiles()).toHaveLength(filesBefore);
    }
  });

  describe('a case with as many files as it may have', () => {
    let full: number;
    const statuses: number[] = [];
    beforeAll(async () => {
      full = (await newDemand('附件数量上限')).id;
      for (let i = 0; i < PER_CASE; i++)
        statuses.push((await upload(enterprise, full, `p${i}.pdf`, PDF)).statusCode);
    });

    it('takes files up to the limit', () => {
      expect(statuses).toEqual(Array.from({ length: PER_CASE }, () => 201));
    });

    it('refuses one more with 409 TOO_MANY_ATTACHMENTS naming the limit', async () => {
      const over = await upload(enterprise, full, 'one-more.pdf', PDF);
      expect(over.statusCode).toBe(409);
      expect(over.json()).toMatchObject({
        code: 'TOO_MANY_ATTACHMENTS',
        message: `该案件已有 ${PER_CASE} 个附件，已达上限`,
        errors: [{ field: 'attachments', message: `每件案件最多 ${PER_CASE} 个附件` }],
      });
    });

    it('says so in English for English readers', async () => {
      const english = await upload(enterprise, full, 'one-more.pdf', PDF, { 'accept-language': 'en' });
      expect(english.json().message).toBe(`This case already has ${PER_CASE} attachments, the most allowed`);
    });

    it('gives a file over the size limit too the count’s answer, before reading its body', async () => {
      // The body is not read (the connection closes).
      let pulled = 0;
      const endless = new Readable({
        read() {
          pulled += LIMIT;
          this.push(pulled > 100 * LIMIT ? null : Buffer.alloc(LIMIT));
        },
      });
      const big = await upload(enterprise, full, 'big.pdf', endless);
      expect(big.statusCode).toBe(409);
      expect(big.json().code).toBe('TOO_MANY_ATTACHMENTS');
      expect(big.headers.connection).toBe('close');
      expect(pulled).toBeLessThan(100 * LIMIT);
    });
  });

  describe('who may see a case’s files', () => {
    let id: number;
    let url: string;
    let strangers: Record<string, Session>;
    let province: Session;
    let auditor: Session;
    beforeAll(async () => {
      id = (await newDemand('谁能看到附件')).id;
      const pdf = await upload(enterprise, id, '发票.pdf', PDF);
      url = pdf.json().url;
      const [other, huqiu, tax, provinceOffice, auditorSession] = await Promise.all([
        aSignedInEnterprise(t).then((e) => e.session),
        // An official of another district, and one of the county's tax office.
        aSignedInOfficial(t, { region: '320505', department: 'sme' }),
        aSignedInOfficial(t, { region: '320583', department: 'sat' }),
        aSignedInOfficial(t, { region: '320000', department: 'sme' }),
        aSignedInAuditor(t),
      ]);
      strangers = {
        'another enterprise': other,
        'an official of another district': huqiu,
        'the county’s tax office': tax,
      };
      province = provinceOffice;
      auditor = auditorSession;
    });

    for (const who of ['another enterprise', 'an official of another district', 'the county’s tax office'])
      it(`hides them from ${who}: neither listed, downloaded nor added to`, async () => {
        const session = strangers[who] as Session;
        expect((await t.request('GET', `/api/cases/${id}/attachments`, { session })).statusCode).toBe(404);
        expect((await t.request('GET', url, { session })).statusCode).toBe(404);
        expect((await upload(session, id, 'x.pdf', PDF)).statusCode).toBe(404);
      });

    it('does not find an attachment through another case', async () => {
      const another = await newDemand('另一件诉求');
      const elsewhere = url.replace(`/cases/${id}/`, `/cases/${another.id}/`);
      expect((await t.request('GET', elsewhere, { session: enterprise })).statusCode).toBe(404);
    });

    it('lets the province’s SME authority read them', async () => {
      expect((await t.request('GET', url, { session: province })).statusCode).toBe(200);
    });

    it('lets the auditor read them, not add to them', async () => {
      expect((await t.request('GET', url, { session: auditor })).statusCode).toBe(200);
      expect((await upload(auditor, id, 'x.pdf', PDF)).statusCode).toBe(403);
    });
  });

  describe('a closed case', () => {
    /** A case accepted, assigned, replied to and rated satisfied (closed). */
    const aClosedCase = async () => {
      let c = await newDemand('办结后不能再上传');
      c = await anActionOn(t, official, c, 'accept');
      c = await anActionOn(t, official, c, 'assign', { assigneeId: official.userId });
      c = await anActionOn(t, official, c, 'reply', { note: '已协调对方付款。' });
      return anActionOn(t, enterprise, c, 'rate', { rating: 'satisfied' });
    };
    let closed: CaseReply;
    beforeAll(async () => {
      closed = await aClosedCase();
    });

    it('refuses the enterprise’s files, saying it is closed', async () => {
      const refused = await upload(enterprise, closed.id, '补充.pdf', PDF);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().message).toContain('办结');
    });

    it('tells the enterprise it may no longer upload', async () => {
      const list = (
        await t.request('GET', `/api/cases/${closed.id}/attachments`, { session: enterprise })
      ).json();
      expect(list.canUpload).toBe(false);
    });

    it('still takes the officials’ files', async () => {
      const own = await aClosedCase();
      expect((await upload(official, own.id, '办结材料.pdf', PDF)).statusCode).toBe(201);
    });
  });

  it('answers a JSON body with 415', async () => {
    const json = await t.request('POST', `/api/cases/${caseId}/attachments?fileName=a.pdf`, {
      session: enterprise,
      body: {},
    });
    expect(json.statusCode).toBe(415);
  });

  it('reads names safely', () => {
    expect(cleanFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFileName('  .hidden.pdf. ')).toBe('hidden.pdf');
    expect(cleanFileName('a<b>:c?.pdf')).toBe('a_b__c_.pdf');
    expect(() => cleanFileName('\u0001\u0002')).toThrow();
  });

  it('gives a download an ASCII file name and the name in UTF-8', () => {
    expect(contentDisposition("报告(终稿)'1.pdf")).toBe(
      `attachment; filename="_(_)'1.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%28%E7%BB%88%E7%A8%BF%29%271.pdf`,
    );
    expect(contentDisposition('报告.pdf')).toMatch(/^attachment; filename="attachment\.pdf"/);
  });
});
