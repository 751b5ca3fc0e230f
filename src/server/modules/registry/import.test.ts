/** Enterprise imports end to end: upload, modes, per-row errors, re-import, GBK, XLSX, size limit, resume. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { readCsvRecords } from '../../../../test/helpers/csv.ts';
import { aUser, signIn } from '../../../../test/helpers/factories.ts';
import { sizeStatsAsRead, sizeStatsFromSizes } from '../../../../test/helpers/registry-factories.ts';
import { zipBombWorkbook } from '../../../../test/helpers/zip.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { claimNextJob, createLocalImportJob, runImportJob } from './import.service.ts';

const HEADER =
  '统一社会信用代码,企业名称,注册地行政区划代码,行业代码,年度,从业人员,营业收入（万元）,资产总额（万元）';
const uscc = (i: number) => makeUscc(`91320583MA${String(i).padStart(7, '0')}`);
const row = (
  i: number,
  overrides: Partial<Record<'uscc' | 'name' | 'region' | 'industry' | 'employees', string>> = {},
) =>
  [
    overrides.uscc ?? uscc(i),
    overrides.name ?? `导入测试${i}号电子有限公司`,
    overrides.region ?? '320583',
    overrides.industry ?? 'C39',
    '2025',
    overrides.employees ?? String(10 + (i % 300)),
    String(100 + i),
    String(200 + i),
  ].join(',');

const TODAY = new Date().toISOString().slice(0, 10);
/** The display name of the official who imports. */
const OFFICIAL_NAME = '昆山市中小企业服务中心';

describe('enterprise imports', () => {
  let t: TestApp;
  let official: Session;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: false, env: { HUIQI_IMPORT_MAX_BYTES: '200000' } });
    official = await signIn(
      t,
      await aUser(t.handle.db, {
        role: 'official',
        regionCode: '320583',
        departmentCode: 'sme',
        displayName: OFFICIAL_NAME,
      }),
    );
    dir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-import-'));
  });
  afterAll(() => t.close());

  async function upload(
    body: Buffer | string,
    mode: 'all_or_nothing' | 'valid_rows',
    fileName = 'enterprises.csv',
  ) {
    return t.app.inject({
      method: 'POST',
      url: `/api/registry/imports?fileName=${encodeURIComponent(fileName)}&mode=${mode}`,
      headers: {
        cookie: official.cookie,
        'x-csrf-token': official.csrfToken,
        'content-type': 'application/octet-stream',
      },
      payload: body,
    });
  }

  async function runQueued(lanes = 1) {
    for (let id = await claimNextJob(t.handle.db); id !== null; id = await claimNextJob(t.handle.db)) {
      await runImportJob(t.handle.db, id, TODAY, { batchSize: 7, lanes });
    }
  }

  const countEnterprises = async () =>
    (await t.handle.db.selectFrom('enterprises').select('id').execute()).length;

  it('loads the valid rows and reports every rejected row with its row number, field and reason', async () => {
    const lines = [
      HEADER,
      row(1),
      row(2, {
        uscc:
          `${uscc(2).slice(0, 17)}0` === uscc(2) ? `${uscc(2).slice(0, 17)}1` : `${uscc(2).slice(0, 17)}0`,
      }),
      row(3, { region: '999999' }),
      row(4, { employees: '-5' }),
      row(1, { name: '重复的企业' }),
      row(6, { region: '110101' }),
      row(7, { employees: '很多' }),
      ...Array.from({ length: 20 }, (_, k) => row(100 + k)),
    ];
    const before = await countEnterprises();
    const response = await upload(lines.join('\n'), 'valid_rows');
    expect(response.statusCode).toBe(202);
    const jobId = response.json().id;
    await runQueued();
    const job = (await t.request('GET', `/api/registry/imports/${jobId}`, { session: official })).json();
    expect(job).toMatchObject({
      status: 'succeeded',
      rowsRead: 27,
      rowsLoaded: 21,
      rowsRejected: 6,
      createdBy: OFFICIAL_NAME,
      encoding: 'utf-8',
      format: 'csv',
    });
    expect(await countEnterprises()).toBe(before + 21);
    const errors = (
      await t.request('GET', `/api/registry/imports/${jobId}/errors?pageSize=50`, { session: official })
    ).json();
    expect(errors.items.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'uscc'],
      [4, 'region_code'],
      [5, 'employees'],
      [6, 'uscc'],
      [7, 'region_code'],
      [8, 'employees'],
    ]);
    expect(errors.items[3].message).toContain('第 2 行');
    // The column as the file named it, and a code on every row.
    expect(errors.items.map((e: { column: string; code: string }) => [e.column, e.code])).toEqual([
      ['统一社会信用代码', 'IMPORT_VALUE_INVALID'],
      ['注册地行政区划代码', 'IMPORT_VALUE_INVALID'],
      ['从业人员', 'IMPORT_VALUE_INVALID'],
      ['统一社会信用代码', 'IMPORT_DUPLICATE_USCC'],
      ['注册地行政区划代码', 'IMPORT_REGION_OUT_OF_SCOPE'],
      ['从业人员', 'IMPORT_VALUE_INVALID'],
    ]);
    const csv = await t.request('GET', `/api/registry/imports/${jobId}/errors/export`, { session: official });
    expect(csv.body.startsWith('\uFEFF行号,列,问题,错误代码\r\n')).toBe(true);
    expect(csv.body).not.toContain('employees');
    // Each rejected row as the list shows it: row number, the file's column, the message and the code.
    expect(readCsvRecords(csv.body)).toEqual(
      errors.items.map((e: { row: number; column: string; message: string; code: string }) => ({
        行号: String(e.row),
        列: e.column,
        问题: e.message,
        错误代码: e.code,
      })),
    );
  });

  it('reports rejected rows in English to an English reader, naming the columns as the file did', async () => {
    const header =
      'USCC,Name,Region code,Industry code,Year,Employees (persons),Operating revenue,Total assets';
    const response = await upload([header, row(60, { employees: 'many' })].join('\n'), 'all_or_nothing');
    const jobId = response.json().id;
    await runQueued();
    const english = { session: official, headers: { 'accept-language': 'en' } };
    const job = (await t.request('GET', `/api/registry/imports/${jobId}`, english)).json();
    expect(job.status).toBe('rejected');
    expect(job.errorMessage).toBe('1 row has an error; nothing was imported');
    const errors = (await t.request('GET', `/api/registry/imports/${jobId}/errors`, english)).json();
    expect(errors.items).toHaveLength(1);
    expect(errors.items[0]).toMatchObject({
      row: 2,
      column: 'Employees (persons)',
      code: 'IMPORT_VALUE_INVALID',
    });
    expect(errors.items[0].message).not.toMatch(/[\u4e00-\u9fff]/u);
    const chinese = (await t.request('GET', `/api/registry/imports/${jobId}`, { session: official })).json();
    expect(chinese.errorMessage).toBe('有 1 行存在错误，整个文件未导入');
    const csv = await t.request('GET', `/api/registry/imports/${jobId}/errors/export`, english);
    expect(csv.body.startsWith('\uFEFFRow,Column,Problem,Error code\r\n')).toBe(true);
    expect(readCsvRecords(csv.body)).toEqual([
      {
        Row: '2',
        Column: 'Employees (persons)',
        Problem: errors.items[0].message,
        'Error code': 'IMPORT_VALUE_INVALID',
      },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const lines = [HEADER, ...Array.from({ length: 10 }, (_, k) => row(200 + k))].join('\n');
    await upload(lines, 'valid_rows');
    await runQueued();
    const figures = (await t.handle.db.selectFrom('enterprise_figures').select('id').execute()).length;
    const response = await upload(lines, 'valid_rows');
    await runQueued();
    const job = (
      await t.request('GET', `/api/registry/imports/${response.json().id}`, { session: official })
    ).json();
    expect(job).toMatchObject({ status: 'succeeded', rowsLoaded: 0, rowsUnchanged: 10 });
    expect((await t.handle.db.selectFrom('enterprise_figures').select('id').execute()).length).toBe(figures);
  });

  it('finds a USCC repeated in a later batch, whether its first row added, changed or left an enterprise unchanged', async () => {
    await upload([HEADER, row(900), row(901)].join('\n'), 'valid_rows');
    await runQueued();
    // Rows 2-8 are the first batch of 7, rows 9-15 the second, row 16 the third.
    const lines = [
      HEADER,
      row(900), // unchanged
      row(901, { employees: '77' }), // changed
      row(902), // new
      ...Array.from({ length: 8 }, (_, k) => row(903 + k)),
      row(900, { name: '改了名的重复行' }),
      row(901, { employees: '88' }),
      row(902),
      row(900),
    ].join('\n');
    const strict = (await upload(lines, 'all_or_nothing')).json().id;
    await runQueued();
    expect(
      (await t.request('GET', `/api/registry/imports/${strict}`, { session: official })).json(),
    ).toMatchObject({ status: 'rejected', rowsRejected: 4, rowsLoaded: 0 });

    const jobId = (await upload(lines, 'valid_rows')).json().id;
    await runQueued(2);
    const job = (await t.request('GET', `/api/registry/imports/${jobId}`, { session: official })).json();
    expect(job).toMatchObject({
      status: 'succeeded',
      rowsRead: 15,
      rowsLoaded: 10,
      rowsUnchanged: 1,
      rowsRejected: 4,
    });
    const errors = (
      await t.request('GET', `/api/registry/imports/${jobId}/errors`, { session: official })
    ).json();
    expect(
      errors.items.map((e: { row: number; field: string; message: string }) => [e.row, e.field, e.message]),
    ).toEqual([
      [13, 'uscc', '统一社会信用代码与第 2 行重复'],
      [14, 'uscc', '统一社会信用代码与第 3 行重复'],
      [15, 'uscc', '统一社会信用代码与第 4 行重复'],
      [16, 'uscc', '统一社会信用代码与第 2 行重复'],
    ]);
    const stored = await t.handle.db
      .selectFrom('enterprises as e')
      .innerJoin('enterprise_figures as f', 'f.enterprise_id', 'e.id')
      .select(['e.uscc', 'e.name', 'f.employees'])
      .where('e.uscc', 'in', [uscc(900), uscc(901)])
      .where('f.is_current', '=', true)
      .orderBy('e.uscc')
      .execute();
    expect(stored.map((r) => [r.name, r.employees])).toEqual([
      ['导入测试900号电子有限公司', 10 + (900 % 300)],
      ['导入测试901号电子有限公司', 77],
    ]);
  });

  it('writes batches side by side (two lanes) to the same result, committed in file order', async () => {
    const lines = [
      HEADER,
      ...Array.from({ length: 50 }, (_, k) => row(1000 + k)),
      row(1000, { name: '重复' }),
    ];
    const jobId = (await upload(lines.join('\n'), 'valid_rows')).json().id;
    await runQueued(2);
    const job = await t.handle.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({
      status: 'succeeded',
      rows_read: 51,
      rows_loaded: 50,
      rows_rejected: 1,
      last_committed_row: 52,
    });
    const stored = await t.handle.db
      .selectFrom('enterprises as e')
      .innerJoin('enterprise_figures as f', 'f.enterprise_id', 'e.id')
      .innerJoin('enterprise_sizes as s', 's.enterprise_id', 'e.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'e.uscc',
        'in',
        Array.from({ length: 50 }, (_, k) => uscc(1000 + k)),
      )
      .executeTakeFirstOrThrow();
    expect(stored.n).toBe(50);
  });

  it('rejects the whole file in all-or-nothing mode and writes nothing', async () => {
    const before = await countEnterprises();
    const lines = [
      HEADER,
      ...Array.from({ length: 15 }, (_, k) => row(300 + k)),
      row(399, { industry: 'Z99' }),
    ];
    const response = await upload(lines.join('\n'), 'all_or_nothing');
    await runQueued();
    const job = (
      await t.request('GET', `/api/registry/imports/${response.json().id}`, { session: official })
    ).json();
    expect(job).toMatchObject({ status: 'rejected', rowsRejected: 1, rowsLoaded: 0 });
    expect(await countEnterprises()).toBe(before);
    const ok = await upload(
      [HEADER, ...Array.from({ length: 15 }, (_, k) => row(300 + k))].join('\n'),
      'all_or_nothing',
    );
    await runQueued();
    expect(
      (await t.request('GET', `/api/registry/imports/${ok.json().id}`, { session: official })).json().status,
    ).toBe('succeeded');
    expect(await countEnterprises()).toBe(before + 15);
  });

  it('reads a GBK-encoded CSV', async () => {
    const gbk = iconv.encode([HEADER, row(500), row(501)].join('\r\n'), 'gbk');
    const gbkJob = (await upload(gbk, 'all_or_nothing')).json().id;
    await runQueued();
    expect(
      (await t.request('GET', `/api/registry/imports/${gbkJob}`, { session: official })).json(),
    ).toMatchObject({
      status: 'succeeded',
      encoding: 'gb18030',
      rowsLoaded: 2,
    });
    const stored = await t.handle.db
      .selectFrom('enterprises')
      .select('name')
      .where('uscc', '=', uscc(500))
      .executeTakeFirstOrThrow();
    expect(stored.name).toBe('导入测试500号电子有限公司');
  });

  it('reads an XLSX', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(
      row(600)
        .split(',')
        .map((v, i) => (i >= 4 ? Number(v) : v)),
    );
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsxJob = (await upload(xlsx, 'all_or_nothing', 'enterprises.xlsx')).json().id;
    await runQueued();
    expect(
      (await t.request('GET', `/api/registry/imports/${xlsxJob}`, { session: official })).json(),
    ).toMatchObject({
      status: 'succeeded',
      format: 'xlsx',
      rowsLoaded: 1,
    });
  });

  it('refuses a file over the size limit with 413 and keeps nothing', async () => {
    const response = await upload(Buffer.alloc(300_000, 'a'), 'valid_rows');
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(/上限/);
  });

  it('rejects a zip-bomb XLSX with a file-level reason naming the unzipped limit', async () => {
    const bomb = zipBombWorkbook(HEADER.split(','), 4 * 1024 * 1024);
    const response = await upload(bomb, 'valid_rows', 'bomb.xlsx');
    expect(response.statusCode).toBe(202);
    const jobId = response.json().id;
    for (let id = await claimNextJob(t.handle.db); id !== null; id = await claimNextJob(t.handle.db))
      await runImportJob(t.handle.db, id, TODAY, { maxXlsxBytes: 1024 * 1024 });
    const job = (await t.request('GET', `/api/registry/imports/${jobId}`, { session: official })).json();
    expect(job).toMatchObject({ status: 'rejected', rowsLoaded: 0 });
    expect(job.errorMessage).toContain('解压后上限 1 MB');
    const errors = (
      await t.request('GET', `/api/registry/imports/${jobId}/errors`, { session: official })
    ).json();
    expect(errors.items).toEqual([
      {
        row: 0,
        field: '*',
        column: '整行',
        code: 'IMPORT_XLSX_TOO_LARGE',
        message: expect.stringContaining('1 MB'),
      },
    ]);
  });

  it('rejects a truncated file with a file-level reason', async () => {
    const response = await upload(`${HEADER}\n${row(700)}\n"${uscc(701)},未结束的引号`, 'all_or_nothing');
    await runQueued();
    const job = (
      await t.request('GET', `/api/registry/imports/${response.json().id}`, { session: official })
    ).json();
    expect(job.status).toBe('rejected');
    expect(job.errorMessage).toBeTruthy();
  });

  it('resumes an interrupted valid-rows import after the last committed batch, without loading a row twice', async () => {
    const file = path.join(dir, 'resume.csv');
    writeFileSync(file, [HEADER, ...Array.from({ length: 30 }, (_, k) => row(800 + k))].join('\n'));
    const jobId = await createLocalImportJob(t.handle.db, file, 'valid_rows');
    const controller = new AbortController();
    let batches = 0;
    await runImportJob(t.handle.db, jobId, TODAY, {
      batchSize: 10,
      signal: controller.signal,
      onProgress: () => {
        batches += 1;
        if (batches === 1) controller.abort();
      },
    });
    const halfway = await t.handle.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(halfway).toMatchObject({ status: 'running', rows_loaded: 10, last_committed_row: 11 });
    // The committed batch is counted in the size statistics already (its deltas committed with it), the rest not.
    const counted = await sizeStatsAsRead(t.handle.db);
    expect(counted).toEqual(await sizeStatsFromSizes(t.handle.db));
    await runImportJob(t.handle.db, jobId, TODAY, { batchSize: 10 });
    expect(await sizeStatsAsRead(t.handle.db)).toEqual(await sizeStatsFromSizes(t.handle.db));
    const total = (cells: { n: number }[]) => cells.reduce((sum, c) => sum + c.n, 0);
    expect(total(await sizeStatsAsRead(t.handle.db)) - total(counted)).toBe(20);
    const done = await t.handle.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'succeeded', rows_read: 30, rows_loaded: 30, rows_rejected: 0 });
  });

  /** The database as an import sees it until its server dies (kill -9, a cut connection): then every query fails. */
  function dyingDatabase() {
    let dead = false;
    const plugin: KyselyPlugin = {
      transformQuery(args) {
        if (dead) throw new Error('connection lost');
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    };
    return { db: t.handle.db.withPlugin(plugin), die: () => (dead = true) };
  }

  /** Runs a job until its server dies at the given progress report, then lets another runner claim and finish it. */
  async function dieAndResume(jobId: number, phase: 'validating' | 'loading', reports: number) {
    const dying = dyingDatabase();
    let seen = 0;
    await expect(
      runImportJob(dying.db, jobId, TODAY, {
        batchSize: 7,
        onProgress: (progress) => {
          if (progress.phase === phase && ++seen === reports) dying.die();
        },
      }),
    ).rejects.toThrow('connection lost');
    const stopped = await t.handle.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(stopped.status).toBe('running');
    // Its heartbeat is old: another runner takes it over.
    expect(await claimNextJob(t.handle.db, -60_000)).toBe(jobId);
    await runImportJob(t.handle.db, jobId, TODAY, { batchSize: 7 });
    return t.handle.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
  }

  it('counts each row once when an all-or-nothing job stopped while validating is resumed', async () => {
    const file = path.join(dir, 'resume-strict.csv');
    const lines = Array.from({ length: 30 }, (_, k) => row(1200 + k));
    lines[3] = row(1203, { employees: '-1' });
    lines[20] = row(1220, { region: '999999' });
    writeFileSync(file, [HEADER, ...lines].join('\n'));
    const jobId = await createLocalImportJob(t.handle.db, file, 'all_or_nothing');
    const done = await dieAndResume(jobId, 'validating', 2);
    expect(done).toMatchObject({ status: 'rejected', rows_read: 30, rows_rejected: 2, rows_loaded: 0 });
    const errors = await t.handle.db
      .selectFrom('import_job_errors')
      .select('row_number')
      .where('job_id', '=', jobId)
      .orderBy('row_number')
      .execute();
    expect(errors.map((e) => e.row_number)).toEqual([5, 22]);
  });

  it('counts each row once when an all-or-nothing job stopped while loading is resumed', async () => {
    const file = path.join(dir, 'resume-load.csv');
    writeFileSync(file, [HEADER, ...Array.from({ length: 30 }, (_, k) => row(1300 + k))].join('\n'));
    const before = await countEnterprises();
    const jobId = await createLocalImportJob(t.handle.db, file, 'all_or_nothing');
    const done = await dieAndResume(jobId, 'loading', 2);
    expect(done).toMatchObject({ status: 'succeeded', rows_read: 30, rows_loaded: 30, rows_rejected: 0 });
    expect(await countEnterprises()).toBe(before + 30);
  });

  it('counts each row once when a valid-rows job stopped mid-way is resumed', async () => {
    const file = path.join(dir, 'resume-valid.csv');
    const lines = Array.from({ length: 30 }, (_, k) => row(1400 + k));
    lines[25] = row(1425, { employees: '-1' });
    writeFileSync(file, [HEADER, ...lines].join('\n'));
    const before = await countEnterprises();
    const jobId = await createLocalImportJob(t.handle.db, file, 'valid_rows');
    const done = await dieAndResume(jobId, 'loading', 2);
    expect(done).toMatchObject({ status: 'succeeded', rows_read: 30, rows_loaded: 29, rows_rejected: 1 });
    expect(await countEnterprises()).toBe(before + 29);
  });

  it('downloads the template in both formats and languages', async () => {
    const csv = await t.request('GET', '/api/registry/import-template?format=csv&lang=zh', {
      session: official,
    });
    expect(csv.body.startsWith('\uFEFF统一社会信用代码')).toBe(true);
    const xlsx = await t.request('GET', '/api/registry/import-template?format=xlsx&lang=en', {
      session: official,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(2);
  });
});
