/** Departments' credit files through the import pipeline: every category, bad input, updates, resume, template. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { readCsv } from '../../../../test/helpers/csv.ts';
import { anEnterprise, aUser, type MadeEnterprise, signIn } from '../../../../test/helpers/factories.ts';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { claimNextJob, runImportJob } from '../registry/index.ts';
import { creditImportKind } from './index.ts';

const TODAY = new Date().toISOString().slice(0, 10);
const HEADER =
  '统一社会信用代码,信息类别,事项,内容,数值,取值,决定日期,公示截止日期,来源编号,法定代表人姓名,法定代表人证件号码';
const KINDS = { credit_records: creditImportKind };
/** A well-formed code the registry does not know. */
const UNKNOWN_USCC = makeUscc('91320583MA0999999');

/** One line of a department's file. */
function line(
  uscc: string,
  ref: string,
  overrides: Partial<
    Record<'category' | 'item' | 'title' | 'number' | 'value' | 'decided' | 'until' | 'name' | 'id', string>
  > = {},
): string {
  return [
    uscc,
    overrides.category ?? '行政处罚',
    overrides.item ?? '行政处罚',
    overrides.title ?? '未按规定公示年度报告',
    overrides.number ?? '1.5',
    overrides.value ?? '',
    overrides.decided ?? '2026-03-15',
    overrides.until ?? '',
    ref,
    overrides.name ?? '',
    overrides.id ?? '',
  ].join(',');
}

describe('credit imports', () => {
  let t: TestApp;
  let official: Session;
  let inRegion: MadeEnterprise;
  let another: MadeEnterprise;
  let outside: MadeEnterprise;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    official = await signIn(
      t,
      await aUser(t.handle.db, { role: 'official', regionCode: '320583', departmentCode: 'samr' }),
    );
    inRegion = await anEnterprise(t.handle.db, { region: '320583' });
    another = await anEnterprise(t.handle.db, { region: '320583' });
    outside = await anEnterprise(t.handle.db, { region: '320582' });
  });
  afterAll(() => t.close());

  async function upload(body: string, mode: 'all_or_nothing' | 'valid_rows', department = 'samr') {
    return t.app.inject({
      method: 'POST',
      url: `/api/credit/imports?fileName=credit.csv&mode=${mode}&department=${department}`,
      headers: {
        cookie: official.cookie,
        'x-csrf-token': official.csrfToken,
        'content-type': 'application/octet-stream',
      },
      payload: body,
    });
  }

  async function runQueued(batchSize = 3) {
    for (let id = await claimNextJob(t.handle.db); id !== null; id = await claimNextJob(t.handle.db))
      await runImportJob(t.handle.db, id, TODAY, { batchSize, kinds: KINDS });
  }

  /** Uploads a file, runs it, and returns the job and its rejected rows. */
  async function imported(lines: string[], mode: 'all_or_nothing' | 'valid_rows' = 'valid_rows') {
    const response = await upload([HEADER, ...lines].join('\n'), mode);
    expect(response.statusCode).toBe(202);
    await runQueued();
    const id = response.json().id as number;
    const job = (await t.request('GET', `/api/registry/imports/${id}`, { session: official })).json();
    const errors = (
      await t.request('GET', `/api/registry/imports/${id}/errors?pageSize=100`, { session: official })
    ).json().items as { row: number; field: string; message: string; code: string | null }[];
    return { id, job, errors };
  }

  const recordsOf = (jobId: number) =>
    t.handle.db
      .selectFrom('credit_records')
      .selectAll()
      .where('import_job_id', '=', jobId)
      .orderBy('id')
      .execute();

  it('loads a record of every category of the sharing list, with the department, the job and its dates', async () => {
    const rows: Record<string, Parameters<typeof line>[2]> = {
      registration: { category: '登记注册', item: '登记信息', number: '' },
      licence: { category: 'licence', item: 'licence', number: '' },
      penalty: {
        category: '行政处罚',
        item: '行政处罚',
        number: '2',
        name: '张三',
        id: '320583199001011234',
      },
      judgment: { category: '司法判决及执行', item: '执行案件', number: '', value: 'open' },
      dishonesty: { category: '严重失信主体名单', item: '严重失信主体名单', number: '' },
      honour: { category: '荣誉及政策扶持', item: '政策扶持', number: '30' },
      tax: { category: '纳税', item: '纳税信用等级', number: '', value: 'a' },
      social_insurance: { category: '社会保险', item: '近12个月缴纳月数', number: '12' },
      housing_fund: { category: '住房公积金', item: 'months_paid', number: '11' },
      trade: { category: '进出口', item: '年度进出口额', number: '500' },
      utilities: { category: '水电气', item: '近12个月欠费月数', number: '0' },
      real_estate: { category: '不动产', item: '自有不动产', number: '' },
      ip: { category: '知识产权', item: '专利', number: '' },
      rd: { category: '科技研发', item: '年度研发投入', number: '80', until: '2027-12-31' },
    };
    expect(Object.keys(rows).sort()).toEqual(CREDIT_CATEGORIES.map((c) => c.code).sort());
    const { id, job, errors } = await imported(
      Object.entries(rows).map(([code, o]) => line(inRegion.uscc, `ALL-${code}`, o)),
    );
    expect(errors).toEqual([]);
    expect(job).toMatchObject({
      status: 'succeeded',
      rowsLoaded: 14,
      kind: 'credit_records',
      sourceDepartment: 'samr',
    });
    const stored = await recordsOf(id);
    expect(stored.map((r) => r.category).sort()).toEqual(Object.keys(rows).sort());
    for (const r of stored)
      expect(r).toMatchObject({
        enterprise_id: inRegion.id,
        source_kind: 'department',
        source_department: 'samr',
        status: 'active',
        decided_on: '2026-03-15',
        corrects: null,
      });
    const byCategory = new Map(stored.map((r) => [r.category, r]));
    // A penalty without an end is published for the longest period (3 years): to the day before.
    expect(byCategory.get('penalty')).toMatchObject({
      item: 'penalty',
      value_number: 2,
      publish_until: '2029-03-14',
      personal: { legalRepName: '张三', legalRepId: '320583199001011234' },
    });
    expect(byCategory.get('tax')).toMatchObject({
      item: 'credit_grade',
      value_text: 'A',
      value_number: null,
    });
    expect(byCategory.get('judgment')).toMatchObject({ item: 'enforcement', value_text: 'open' });
    expect(byCategory.get('rd')).toMatchObject({ publish_until: '2027-12-31', value_number: 80 });
    expect(byCategory.get('licence')).toMatchObject({ publish_until: null, personal: null });
    // The job lists the enterprise it changed, for a later job to rescore.
    const listed = (
      await t.request('GET', `/api/registry/imports/${id}/enterprises`, { session: official })
    ).json();
    expect(listed.items).toMatchObject([{ enterpriseId: inRegion.id, change: 'updated', row: 2 }]);
  });

  it('rejects a file with bad rows as a whole, naming each row and field, and writes nothing', async () => {
    const future = `${Number(TODAY.slice(0, 4)) + 1}-01-01`;
    const { id, job, errors } = await imported(
      [
        line(inRegion.uscc, 'BAD-1'),
        line(UNKNOWN_USCC, 'BAD-2'),
        line(outside.uscc, 'BAD-3'),
        line(inRegion.uscc, 'BAD-4', { decided: future }),
        line(inRegion.uscc, 'BAD-5', { category: '天气' }),
        line(inRegion.uscc, 'BAD-6', { item: '专利' }),
        line(inRegion.uscc, 'BAD-7', { number: '' }),
        line(inRegion.uscc, 'BAD-8', { category: '知识产权', item: '专利', number: '3' }),
        line(inRegion.uscc, 'BAD-9', { category: '纳税', item: '纳税信用等级', number: '', value: 'E' }),
        line(inRegion.uscc, 'BAD-1'),
        line(inRegion.uscc, 'BAD-11', { until: '2026-01-01' }),
        line(inRegion.uscc, 'BAD-12', { title: '' }),
      ],
      'all_or_nothing',
    );
    expect(job.status).toBe('rejected');
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'uscc', 'IMPORT_UNKNOWN_USCC'],
      [4, 'uscc', 'IMPORT_ENTERPRISE_OUT_OF_SCOPE'],
      [5, 'decided_on', 'IMPORT_VALUE_INVALID'],
      [6, 'category', 'IMPORT_VALUE_INVALID'],
      [7, 'item', 'IMPORT_VALUE_INVALID'],
      [8, 'value_number', 'IMPORT_VALUE_MISSING'],
      [9, 'value_number', 'IMPORT_VALUE_INVALID'],
      [10, 'value_text', 'IMPORT_VALUE_INVALID'],
      [11, 'source_ref', 'IMPORT_DUPLICATE_SOURCE_REF'],
      [12, 'publish_until', 'IMPORT_VALUE_INVALID'],
      [13, 'title', 'IMPORT_VALUE_MISSING'],
    ]);
    expect(errors.find((e) => e.row === 5)?.message).toContain('晚于今天');
    expect(errors.find((e) => e.row === 11)?.message).toBe('来源编号与第 2 行重复');
    expect(await recordsOf(id)).toEqual([]);
  });

  it('names a USCC the registry lacks', async () => {
    const { errors } = await imported([line(UNKNOWN_USCC, 'UNKNOWN-1')]);
    expect(errors).toEqual([
      {
        row: 2,
        field: 'uscc',
        column: '统一社会信用代码',
        code: 'IMPORT_UNKNOWN_USCC',
        message: `企业名录中没有统一社会信用代码为 ${UNKNOWN_USCC} 的企业`,
      },
    ]);
  });

  it('loads the valid rows of a valid-rows file and rejects the others, a repeat of an earlier batch too', async () => {
    const { id, job, errors } = await imported([
      line(inRegion.uscc, 'VR-1'),
      line(outside.uscc, 'VR-2'),
      line(another.uscc, 'VR-3'),
      line(another.uscc, 'VR-4', { category: '荣誉及政策扶持', item: '荣誉表彰', number: '' }),
      line(another.uscc, 'VR-1'),
    ]);
    expect(job).toMatchObject({ status: 'succeeded', rowsLoaded: 3, rowsRejected: 2 });
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'uscc', 'IMPORT_ENTERPRISE_OUT_OF_SCOPE'],
      [6, 'source_ref', 'IMPORT_DUPLICATE_SOURCE_REF'],
    ]);
    expect((await recordsOf(id)).map((r) => r.source_ref)).toEqual(['VR-1', 'VR-3', 'VR-4']);
  });

  it("supersedes a stored record with the department's update and counts an identical one unchanged", async () => {
    const first = await imported([line(inRegion.uscc, 'UPD-1'), line(inRegion.uscc, 'UPD-2')]);
    const [old1, old2] = await recordsOf(first.id);
    const second = await imported([
      line(inRegion.uscc, 'UPD-1', { title: '未按规定公示年度报告（更正）', number: '1' }),
      line(inRegion.uscc, 'UPD-2'),
    ]);
    expect(second.job).toMatchObject({ status: 'succeeded', rowsLoaded: 1, rowsUnchanged: 1 });
    const [fresh] = await recordsOf(second.id);
    expect(fresh).toMatchObject({
      source_ref: 'UPD-1',
      corrects: old1?.id,
      status: 'active',
      value_number: 1,
    });
    const history = await t.handle.db
      .selectFrom('credit_records')
      .select(['id', 'status'])
      .where('id', 'in', [old1?.id as number, old2?.id as number])
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { id: old1?.id, status: 'superseded' },
      { id: old2?.id, status: 'active' },
    ]);
    // The superseded record is not matched again: a third file updates the new one.
    const third = await imported([line(inRegion.uscc, 'UPD-1', { title: '第三版', number: '1' })]);
    expect((await recordsOf(third.id))[0]).toMatchObject({ corrects: fresh?.id });
  });

  it('resumes an interrupted valid-rows import after its last committed batch, without a record twice', async () => {
    const file = [HEADER, ...Array.from({ length: 7 }, (_, k) => line(another.uscc, `RES-${k}`))].join('\n');
    const response = await upload(file, 'valid_rows');
    const jobId = response.json().id as number;
    expect(await claimNextJob(t.handle.db)).toBe(jobId);
    const controller = new AbortController();
    await runImportJob(t.handle.db, jobId, TODAY, {
      batchSize: 3,
      kinds: KINDS,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const halfway = await t.handle.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(halfway).toMatchObject({ status: 'running', rows_loaded: 3, last_committed_row: 4 });
    await runImportJob(t.handle.db, jobId, TODAY, { batchSize: 3, kinds: KINDS });
    const records = await recordsOf(jobId);
    expect(records.map((r) => r.source_ref)).toEqual(Array.from({ length: 7 }, (_, k) => `RES-${k}`));
    const job = (await t.request('GET', `/api/registry/imports/${jobId}`, { session: official })).json();
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: 7, rowsLoaded: 7, rowsRejected: 0 });
  });

  it('audits the upload and the end of a credit import with its kind and source department', async () => {
    const { id } = await imported([line(inRegion.uscc, 'AUD-1')]);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', 'import_job')
      .where('target_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['import.created', 'import.succeeded']);
    for (const entry of audit)
      expect(entry.summary).toMatchObject({ importKind: 'credit_records', department: 'samr' });
    expect(audit[1]?.summary).toMatchObject({
      loaded: 1,
      enterprises: { updated: 1, list: `/api/registry/imports/${id}/enterprises` },
    });
  });

  it("lets an admin import records about any region's enterprises", async () => {
    const admin = await signIn(t, await aUser(t.handle.db, { role: 'admin' }));
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/credit/imports?fileName=admin.csv&mode=all_or_nothing&department=sat',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': 'application/octet-stream',
      },
      payload: [HEADER, line(outside.uscc, 'ADM-1'), line(inRegion.uscc, 'ADM-2')].join('\n'),
    });
    expect(response.statusCode).toBe(202);
    await runQueued();
    const id = response.json().id as number;
    expect((await recordsOf(id)).map((r) => [r.enterprise_id, r.source_department])).toEqual([
      [outside.id, 'sat'],
      [inRegion.id, 'sat'],
    ]);
    // The official of 320583 does not see the admin's job of all regions.
    const seen = await t.request('GET', `/api/registry/imports/${id}`, { session: official });
    expect(seen.statusCode).toBe(403);
  });

  it('starts an all-or-nothing import stopped while loading again from the beginning, each record once', async () => {
    const file = [HEADER, ...Array.from({ length: 7 }, (_, k) => line(another.uscc, `AON-${k}`))].join('\n');
    const jobId = (await upload(file, 'all_or_nothing')).json().id as number;
    expect(await claimNextJob(t.handle.db)).toBe(jobId);
    const controller = new AbortController();
    await runImportJob(t.handle.db, jobId, TODAY, {
      batchSize: 3,
      kinds: KINDS,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'loading') controller.abort();
      },
    });
    expect(await recordsOf(jobId)).toEqual([]);
    expect(await claimNextJob(t.handle.db)).toBe(jobId);
    await runImportJob(t.handle.db, jobId, TODAY, { batchSize: 3, kinds: KINDS });
    expect((await recordsOf(jobId)).map((r) => r.source_ref)).toEqual(
      Array.from({ length: 7 }, (_, k) => `AON-${k}`),
    );
    const job = (await t.request('GET', `/api/registry/imports/${jobId}`, { session: official })).json();
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: 7, rowsLoaded: 7, rowsRejected: 0 });
  });

  it("tells the kind's handler once when a job that wrote records ends, so it can queue what follows", async () => {
    const told: number[] = [];
    const kinds = {
      credit_records: {
        ...creditImportKind,
        loaded: async (_trx: unknown, job: { id: number }) => {
          told.push(job.id);
        },
      },
    };
    const response = await upload([HEADER, line(inRegion.uscc, 'HOOK-1')].join('\n'), 'valid_rows');
    const id = response.json().id as number;
    expect(await claimNextJob(t.handle.db)).toBe(id);
    await runImportJob(t.handle.db, id, TODAY, { kinds });
    expect(told).toEqual([id]);
  });

  it('reads an XLSX file, its dates as Excel dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('信用信息');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      inRegion.uscc,
      '纳税',
      '年度纳税额',
      '年度纳税',
      12.5,
      '',
      new Date(Date.UTC(2026, 0, 31)),
      '',
      'XLSX-1',
    ]);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/credit/imports?fileName=credit.xlsx&mode=all_or_nothing&department=sat',
      headers: {
        cookie: official.cookie,
        'x-csrf-token': official.csrfToken,
        'content-type': 'application/octet-stream',
      },
      payload: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    expect(response.statusCode).toBe(202);
    await runQueued();
    const [record] = await recordsOf(response.json().id);
    expect(record).toMatchObject({
      category: 'tax',
      item: 'tax_paid',
      value_number: 12.5,
      decided_on: '2026-01-31',
      source_department: 'sat',
    });
  });

  it("names a rejected row's column in the file's words, or in the credit file's when the file lacks it", async () => {
    const header = '统一社会信用代码,信息类别,事项,内容,决定日期,来源编号';
    const response = await upload(
      [header, `${inRegion.uscc},行政处罚,行政处罚,无数值列,2026-03-15,COL-1`].join('\n'),
      'valid_rows',
    );
    await runQueued();
    const errors = (
      await t.request('GET', `/api/registry/imports/${response.json().id}/errors`, { session: official })
    ).json().items;
    expect(errors).toMatchObject([
      { row: 2, field: 'value_number', column: '数值', code: 'IMPORT_VALUE_MISSING' },
    ]);
  });

  it('takes a court’s file: judgments come from a body outside the system’s departments', async () => {
    const response = await upload(
      [
        HEADER,
        line(inRegion.uscc, 'COURT-1', {
          category: '司法判决及执行',
          item: '执行案件',
          title: '（2026）苏0583执123号',
          number: '',
          value: 'open',
        }),
      ].join('\n'),
      'valid_rows',
      'court',
    );
    expect(response.statusCode).toBe(202);
    await runQueued();
    const [record] = await recordsOf(response.json().id);
    expect(record).toMatchObject({ category: 'judgment', source_department: 'court' });
  });

  it('refuses a department that is not on the list (400)', async () => {
    const response = await upload([HEADER, line(inRegion.uscc, 'DEP-1')].join('\n'), 'valid_rows', 'weather');
    expect(response.statusCode).toBe(400);
  });

  it('offers the template with every column, in Chinese and English', async () => {
    const zh = await t.request('GET', '/api/credit/import-template?format=csv&lang=zh', {
      session: official,
    });
    expect(zh.statusCode).toBe(200);
    const [header] = readCsv(zh.body.replace(/^\uFEFF/, ''));
    expect(header).toEqual(HEADER.split(','));
    const en = await t.request('GET', '/api/credit/import-template?format=csv&lang=en', {
      session: official,
    });
    expect(readCsv(en.body.replace(/^\uFEFF/, ''))[0]?.[0]).toBe('Unified social credit code');
  });

  it('lists the categories, their items and values in a sheet of the Excel template', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/credit/import-template?format=xlsx&lang=zh',
      headers: { cookie: official.cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['信用信息', '说明', '类别与事项']);
    const items = workbook.getWorksheet('类别与事项');
    const rows = (items?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    const texts = rows.map((r) => r.slice(1).join('|'));
    expect(texts).toContain('纳税|tax|纳税信用等级|credit_grade|取值: A, B, M, C, D');
    expect(texts).toContain('行政处罚|penalty|行政处罚|penalty|数值（万元，必填）');
  });
});
