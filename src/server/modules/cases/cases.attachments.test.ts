/**
 * Attachments of cases: uploads stored on disk with their hash, sniffed and allow-listed by content, limited in
 * size and number, downloaded only as attachments, seen only by those who may see the case, audited.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
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

  const newDemand = async (title: string) => {
    const response = await t.request('POST', '/api/my/cases/demands', {
      session: enterprise,
      body: { kind: 'help', category: 'rights', title, description: '附证据材料，请协助处理。' },
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { id: number; version: number };
  };

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
      env: {
        HUIQI_DATA_DIR: dataDir,
        HUIQI_ATTACHMENT_MAX_BYTES: String(LIMIT),
        HUIQI_ATTACHMENTS_PER_CASE: String(PER_CASE),
      },
    });
    enterprise = await t.login('enterprise');
    official = await t.login('official.county');
    caseId = (await newDemand('拖欠货款的证据')).id;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores a PDF and a PNG with their hash, lists them and serves them back as downloads', async () => {
    const pdf = await upload(enterprise, caseId, '发票 2025-03.pdf', PDF);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({
      caseId,
      fileName: '发票 2025-03.pdf',
      kind: 'pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedBy: { name: '企业用户（演示）', role: 'enterprise' },
    });
    const png = await upload(official, caseId, 'C:\\Users\\li\\截图.PNG', PNG);
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ fileName: '截图.PNG', kind: 'png', contentType: 'image/png' });

    const list = await t.request('GET', `/api/cases/${caseId}/attachments`, { session: official });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      maxBytes: LIMIT,
      maxFiles: PER_CASE,
      canUpload: true,
      items: [
        { fileName: '发票 2025-03.pdf', uploadedBy: { role: 'enterprise' } },
        { fileName: '截图.PNG', uploadedBy: { name: '昆山市中小企业服务中心（演示）', role: 'official' } },
      ],
    });
    expect(list.json().extensions).toContain('ofd');

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
    const image = await t.request('GET', png.json().url, { session: enterprise });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);
    // The rows and the files on disk match; the temporary folder is empty.
    expect(storedFiles()).toHaveLength(2);
    expect(storedFiles().some((f) => f.startsWith('tmp'))).toBe(false);
  });

  it('writes a timeline event and an audit entry for each file, in the upload’s transaction', async () => {
    const detail = (await t.request('GET', `/api/cases/${caseId}`, { session: enterprise })).json();
    const attached = detail.events.filter((e: { action: string }) => e.action === 'attach');
    expect(attached).toHaveLength(2);
    expect(attached[0]).toMatchObject({
      actorRole: 'enterprise',
      data: { fileName: '发票 2025-03.pdf', kind: 'pdf', sizeBytes: PDF.length },
    });
    // Attaching does not change the case's version: an official acting on what they saw is not in conflict.
    expect(detail.version).toBe(1);
    const audits = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'actor_role'])
      .where('action', '=', 'case.attach')
      .where('target_id', '=', String(caseId))
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
      .where('case_id', '=', caseId)
      .execute();
    expect(rows.every((r) => r.event_id !== null)).toBe(true);
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
    const list = (await t.request('GET', `/api/cases/${own.id}/attachments`, { session: enterprise })).json();
    const csv = list.items.find((i: { fileName: string }) => i.fileName === '明细.csv');
    expect(csv.contentType).toBe('text/csv; charset=gb18030');
    const jpeg = await upload(enterprise, own.id, '现场照片.jpeg', JPEG);
    expect(jpeg.json().kind).toBe('jpeg');
    // A PNG saved as .jpg (as phones and WeChat do) is kept, and served as what it is.
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
    // Refused by name before anything is read.
    for (const name of ['page.html', 'drawing.svg', 'tool.exe', 'archive.zip', 'noextension']) {
      const response = await upload(enterprise, caseId, name, PDF);
      expect(response.statusCode, name).toBe(415);
      expect(response.json().errors[0].field).toBe('fileName');
    }
    const english = await upload(enterprise, caseId, 'invoice.pdf', Buffer.from('MZ\0\0'), {
      'accept-language': 'en',
    });
    expect(english.json().message).toContain('a Windows executable (MZ/PE)');
    expect(await rowCount()).toBe(rowsBefore);
    expect(storedFiles()).toHaveLength(filesBefore);
  });

  it('refuses a file over the size limit with 413 naming the limit, read or declared, and keeps nothing', async () => {
    const rowsBefore = await rowCount();
    const filesBefore = storedFiles().length;
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT)]);
    const declared = await upload(enterprise, caseId, 'big.pdf', big);
    expect(declared.statusCode).toBe(413);
    expect(declared.json()).toMatchObject({
      code: 'BODY_TOO_LARGE',
      errors: [{ field: 'file', message: '超过 64 KB 的上限' }],
    });
    expect(declared.headers.connection).toBe('close');
    // Without a Content-Length the upload is counted as it streams, and reading stops past the limit.
    const streamed = await upload(enterprise, caseId, 'big.pdf', Readable.from([PDF, Buffer.alloc(LIMIT)]));
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().message).toContain('64 KB');
    const exact = await upload(
      enterprise,
      caseId,
      'exact.pdf',
      Buffer.concat([PDF, Buffer.alloc(LIMIT - PDF.length)]),
    );
    expect(exact.statusCode).toBe(201);
    expect(await rowCount()).toBe(rowsBefore + 1);
    expect(storedFiles()).toHaveLength(filesBefore + 1);
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

  it('refuses more files than a case may have with 409 TOO_MANY_ATTACHMENTS naming the limit, before reading the body', async () => {
    const own = await newDemand('附件数量上限');
    for (let i = 0; i < PER_CASE; i++)
      expect((await upload(enterprise, own.id, `p${i}.pdf`, PDF)).statusCode).toBe(201);
    const over = await upload(enterprise, own.id, 'one-more.pdf', PDF);
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'TOO_MANY_ATTACHMENTS',
      message: `该案件已有 ${PER_CASE} 个附件，已达上限`,
      errors: [{ field: 'attachments', message: `每件案件最多 ${PER_CASE} 个附件` }],
    });
    const english = await upload(enterprise, own.id, 'one-more.pdf', PDF, { 'accept-language': 'en' });
    expect(english.json().message).toBe(`This case already has ${PER_CASE} attachments, the most allowed`);
    // A file over the size limit too gets the count's answer: the body is not read (the connection closes).
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += LIMIT;
        this.push(pulled > 100 * LIMIT ? null : Buffer.alloc(LIMIT));
      },
    });
    const big = await upload(enterprise, own.id, 'big.pdf', endless);
    expect(big.statusCode).toBe(409);
    expect(big.json().code).toBe('TOO_MANY_ATTACHMENTS');
    expect(big.headers.connection).toBe('close');
    expect(pulled).toBeLessThan(100 * LIMIT);
  });

  it('hides a case’s files from another enterprise and from officials of another region or department', async () => {
    const admin = await t.login('admin');
    const own = await t.handle.db
      .selectFrom('users')
      .select('enterprise_id')
      .where('username', '=', 'enterprise')
      .executeTakeFirstOrThrow();
    const other = await t.handle.db
      .selectFrom('enterprises')
      .select('id')
      .where('id', '<>', own.enterprise_id as number)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const password = 'Huiqi-Demo-2026';
    for (const body of [
      { username: 'other.enterprise', displayName: '另一家企业', role: 'enterprise', enterpriseId: other.id },
      {
        username: 'official.huqiu',
        displayName: '虎丘区中小企业局',
        role: 'official',
        regionCode: '320505',
        departmentCode: 'sme',
      },
      {
        username: 'official.county.tax',
        displayName: '昆山市税务局',
        role: 'official',
        regionCode: '320583',
        departmentCode: 'sat',
      },
    ]) {
      const created = await t.request('POST', '/api/admin/users', {
        session: admin,
        body: { ...body, password },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const list = (await t.request('GET', `/api/cases/${caseId}/attachments`, { session: enterprise })).json();
    const url = list.items[0].url as string;
    for (const username of ['other.enterprise', 'official.huqiu', 'official.county.tax']) {
      const session = await t.login(username, password);
      expect(
        (await t.request('GET', `/api/cases/${caseId}/attachments`, { session })).statusCode,
        username,
      ).toBe(404);
      expect((await t.request('GET', url, { session })).statusCode, username).toBe(404);
      expect((await upload(session, caseId, 'x.pdf', PDF)).statusCode, username).toBe(404);
    }
    // An attachment id of another case is not found through this one.
    const another = await newDemand('另一件诉求');
    const elsewhere = url.replace(`/cases/${caseId}/`, `/cases/${another.id}/`);
    expect((await t.request('GET', elsewhere, { session: enterprise })).statusCode).toBe(404);
    // The province's SME authority and the auditor may read; the auditor may not add files.
    const province = await t.login('official.province');
    expect((await t.request('GET', url, { session: province })).statusCode).toBe(200);
    const auditor = await t.login('auditor');
    expect((await t.request('GET', url, { session: auditor })).statusCode).toBe(200);
    expect((await upload(auditor, caseId, 'x.pdf', PDF)).statusCode).toBe(403);
  });

  it('lets the enterprise add files only until its case is closed; officials may still add theirs', async () => {
    let c = await newDemand('办结后不能再上传');
    const act = async (session: Session, body: Record<string, unknown>) => {
      const response = await t.request('POST', `/api/cases/${c.id}/actions`, {
        session,
        body: { ...body, version: c.version },
      });
      expect(response.statusCode, response.body).toBe(200);
      c = response.json();
    };
    await act(official, { action: 'accept' });
    await act(official, { action: 'assign', assigneeId: official.userId });
    await act(official, { action: 'reply', note: '已协调对方付款。' });
    await act(enterprise, { action: 'rate', rating: 'satisfied' });
    const refused = await upload(enterprise, c.id, '补充.pdf', PDF);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('办结');
    const list = (await t.request('GET', `/api/cases/${c.id}/attachments`, { session: enterprise })).json();
    expect(list.canUpload).toBe(false);
    expect((await upload(official, c.id, '办结材料.pdf', PDF)).statusCode).toBe(201);
  });

  it('answers a JSON body with 415 and reads names safely', async () => {
    const json = await t.request('POST', `/api/cases/${caseId}/attachments?fileName=a.pdf`, {
      session: enterprise,
      body: {},
    });
    expect(json.statusCode).toBe(415);
    expect(cleanFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFileName('  .hidden.pdf. ')).toBe('hidden.pdf');
    expect(cleanFileName('a<b>:c?.pdf')).toBe('a_b__c_.pdf');
    expect(() => cleanFileName('\u0001\u0002')).toThrow();
    expect(contentDisposition("报告(终稿)'1.pdf")).toBe(
      `attachment; filename="_(_)'1.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%28%E7%BB%88%E7%A8%BF%29%271.pdf`,
    );
    expect(contentDisposition('报告.pdf')).toMatch(/^attachment; filename="attachment\.pdf"/);
  });
});
