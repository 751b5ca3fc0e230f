/**
 * Imports change only enterprises inside the importer's region (issue 11, finding 1): a row about an enterprise
 * registered elsewhere is rejected with its reason, in both modes, also when the enterprise leaves the region
 * between validation and loading; what an import created or updated is listed for its audit entry.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { readCsvRecords } from '../../../../test/helpers/csv.ts';
import { anOfficial, aUser, signIn } from '../../../../test/helpers/factories.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { ERROR_CODES } from '../../../shared/errors.ts';
import { claimNextJob, createLocalImportJob, runImportJob } from './import.service.ts';

const HEADER =
  '统一社会信用代码,企业名称,法定代表人,注册地行政区划代码,行业代码,年度,从业人员,营业收入（万元）,资产总额（万元）';
const uscc = (i: number) => makeUscc(`91320500MA${String(i).padStart(7, '0')}`);
/** 昆山市 (the county official's county) and 常熟市, another county of 苏州市. */
const KUNSHAN = '320583';
const CHANGSHU = '320581';
const row = (i: number, region: string, name = `范围测试${i}号有限公司`, legal = '王五') =>
  [uscc(i), name, legal, region, 'C39', '2025', '20', '500', '800'].join(',');

const TODAY = new Date().toISOString().slice(0, 10);

describe('import scope', () => {
  let t: TestApp;
  let county: Session;
  let city: Session;
  let auditor: Session;
  let admin: Session;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    county = await signIn(t, await anOfficial(db, { region: KUNSHAN }));
    city = await signIn(t, await anOfficial(db, { region: '320500' }));
    auditor = await signIn(t, await aUser(db, { role: 'auditor' }));
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    dir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-import-scope-'));
    // The command line imports with all regions in scope: an enterprise of each county.
    const file = path.join(dir, 'seed.csv');
    writeFileSync(
      file,
      [HEADER, row(1, CHANGSHU, '常熟邻县精密机械有限公司', '赵六'), row(2, KUNSHAN)].join('\n'),
    );
    const jobId = await createLocalImportJob(t.handle.db, file, 'valid_rows');
    await runImportJob(t.handle.db, jobId, TODAY);
    expect((await jobOf(jobId)).rows_loaded).toBe(2);
  });
  afterAll(() => t.close());

  const jobOf = (id: number) =>
    t.handle.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const stored = (i: number) =>
    t.handle.db
      .selectFrom('enterprises')
      .select(['name', 'legal_representative', 'region_code', 'version'])
      .where('uscc', '=', uscc(i))
      .executeTakeFirst();

  async function upload(lines: string[], mode: 'all_or_nothing' | 'valid_rows'): Promise<number> {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/registry/imports?fileName=scope.csv&mode=${mode}`,
      headers: {
        cookie: county.cookie,
        'x-csrf-token': county.csrfToken,
        'content-type': 'application/octet-stream',
      },
      payload: [HEADER, ...lines].join('\n'),
    });
    expect(response.statusCode).toBe(202);
    return response.json().id;
  }

  async function runQueued(options: Parameters<typeof runImportJob>[3] = {}, db = t.handle.db) {
    for (let id = await claimNextJob(t.handle.db); id !== null; id = await claimNextJob(t.handle.db))
      await runImportJob(db, id, TODAY, { batchSize: 2, ...options });
  }

  const takeover = () => row(1, KUNSHAN, '被改名的企业', '冒名人');

  /** Enterprises of Kunshan loaded by the command line (all regions in scope), as a test's starting point. */
  async function seeded(...numbers: number[]): Promise<void> {
    const file = path.join(dir, `seed${numbers.join('-')}.csv`);
    writeFileSync(file, [HEADER, ...numbers.map((i) => row(i, KUNSHAN))].join('\n'));
    await runImportJob(t.handle.db, await createLocalImportJob(t.handle.db, file, 'valid_rows'), TODAY);
  }

  /**
   * A valid-rows import by the county's official of four rows: the takeover of the other county's enterprise
   * (rejected), a new enterprise, a renamed one (updated) and one as it was (unchanged), all of Kunshan.
   */
  async function anImportThatCreatesAndUpdates(base: number) {
    await seeded(base + 1, base + 2);
    const jobId = await upload(
      [
        row(base, KUNSHAN),
        row(base + 1, KUNSHAN, `范围测试${base + 1}号有限公司（再更名）`),
        row(base + 2, KUNSHAN),
        takeover(),
      ],
      'valid_rows',
    );
    await runQueued();
    const expected = [
      { row: 2, change: 'created', uscc: uscc(base), name: `范围测试${base}号有限公司`, regionCode: KUNSHAN },
      {
        row: 3,
        change: 'updated',
        uscc: uscc(base + 1),
        name: `范围测试${base + 1}号有限公司（再更名）`,
        regionCode: KUNSHAN,
      },
    ];
    return { jobId, expected };
  }

  /** A valid-rows import with a takeover (row 2) and a row of another county (row 5) besides two good rows. */
  async function anImportWithRowsOutOfScope(base: number) {
    await seeded(base + 1);
    const jobId = await upload(
      [
        takeover(),
        row(base, KUNSHAN),
        row(base + 1, KUNSHAN, `范围测试${base + 1}号有限公司（更名）`),
        row(base + 2, CHANGSHU),
      ],
      'valid_rows',
    );
    await runQueued();
    return jobId;
  }

  it('rejects a valid-rows row about an enterprise of another county, loads the others, and keeps the enterprise as it was', async () => {
    const before = await stored(1);
    const jobId = await anImportWithRowsOutOfScope(100);
    expect(await jobOf(jobId)).toMatchObject({
      status: 'succeeded',
      rows_read: 4,
      rows_loaded: 2,
      rows_rejected: 2,
    });
    expect(await stored(1)).toEqual(before);
    expect(await stored(102)).toBeUndefined();
    expect((await stored(100))?.region_code).toBe(KUNSHAN);
  });

  it('names the rows out of scope, each with its reason', async () => {
    const jobId = await anImportWithRowsOutOfScope(110);
    const errors = (
      await t.request('GET', `/api/registry/imports/${jobId}/errors`, { session: county })
    ).json();
    expect(errors.items).toEqual([
      {
        row: 2,
        field: 'uscc',
        column: '统一社会信用代码',
        code: 'IMPORT_ENTERPRISE_OUT_OF_SCOPE',
        message: ERROR_CODES.IMPORT_ENTERPRISE_OUT_OF_SCOPE.zh,
      },
      {
        row: 5,
        field: 'region_code',
        column: '注册地行政区划代码',
        code: 'IMPORT_REGION_OUT_OF_SCOPE',
        message: ERROR_CODES.IMPORT_REGION_OUT_OF_SCOPE.zh,
      },
    ]);
  });

  it('exports the rows out of scope as the page lists them', async () => {
    const jobId = await anImportWithRowsOutOfScope(120);
    const errors = (
      await t.request('GET', `/api/registry/imports/${jobId}/errors`, { session: county })
    ).json();
    const csv = await t.request('GET', `/api/registry/imports/${jobId}/errors/export`, { session: county });
    expect(readCsvRecords(csv.body)).toEqual(
      errors.items.map((e: { row: number; column: string; message: string; code: string }) => ({
        行号: String(e.row),
        列: e.column,
        问题: e.message,
        错误代码: e.code,
      })),
    );
  });

  it('rejects an all-or-nothing file with such a row, naming the row, and writes nothing', async () => {
    const before = await stored(1);
    const jobId = await upload([row(20, KUNSHAN), row(21, KUNSHAN), takeover()], 'all_or_nothing');
    await runQueued();
    const job = await jobOf(jobId);
    expect(job).toMatchObject({ status: 'rejected', rows_read: 3, rows_rejected: 1, rows_loaded: 0 });
    expect(job.error_message).toContain('第 4 行的企业登记在您的管辖区域之外');
    expect(job.error_message_en).toContain('the enterprise of row 4 is registered outside your region');
    expect(await stored(1)).toEqual(before);
    expect(await stored(20)).toBeUndefined();
  });

  it('rejects an all-or-nothing file whose enterprise left the region after validation, writing nothing', async () => {
    // Between the validation pass and the load, enterprise 30 moves to 常熟 (as a city official's import could).
    await seeded(30);
    const jobId = await upload(
      [row(31, KUNSHAN), row(30, KUNSHAN, '范围测试30号有限公司（改）')],
      'all_or_nothing',
    );
    // The first statement of the load's transaction moves the enterprise as well: after the validation pass
    // found it in the region, before the load writes it (deterministic on both engines).
    const moveWhenLoading: KyselyPlugin = {
      transformQuery(args) {
        if (args.node.kind !== 'RawNode' || !JSON.stringify(args.node).includes('synchronous_commit'))
          return args.node;
        return sql`with moved as (update enterprises set region_code = ${CHANGSHU} where uscc = ${uscc(30)})
          select set_config('synchronous_commit', 'off', true)`.toOperationNode();
      },
      async transformResult(args) {
        return args.result;
      },
    };
    await runQueued({}, t.handle.db.withPlugin(moveWhenLoading));
    const job = await jobOf(jobId);
    expect(job).toMatchObject({ status: 'rejected', rows_rejected: 1, rows_loaded: 0 });
    expect(job.error_message).toContain('第 3 行');
    expect(await stored(31)).toBeUndefined();
    // The move, made inside the load's transaction, rolled back with it; the load never renamed the enterprise.
    expect(await stored(30)).toMatchObject({ name: '范围测试30号有限公司', version: 1 });
    const errors = await t.handle.db
      .selectFrom('import_job_errors')
      .select(['row_number', 'code'])
      .where('job_id', '=', jobId)
      .execute();
    expect(errors).toEqual([{ row_number: 3, code: 'IMPORT_ENTERPRISE_OUT_OF_SCOPE' }]);
    expect(
      await t.handle.db
        .selectFrom('import_job_enterprises')
        .selectAll()
        .where('job_id', '=', jobId)
        .execute(),
    ).toEqual([]);
  });

  it('points the audit entry of an import to the list of what it created and updated', async () => {
    const { jobId } = await anImportThatCreatesAndUpdates(200);
    expect(await jobOf(jobId)).toMatchObject({ rows_loaded: 2, rows_unchanged: 1, rows_rejected: 1 });
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('summary')
      .where('target_type', '=', 'import_job')
      .where('target_id', '=', String(jobId))
      .where('action', '=', 'import.succeeded')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({
      enterprises: { created: 1, updated: 1, list: `/api/registry/imports/${jobId}/enterprises` },
    });
  });

  it.each([
    ['the county official', () => county, 210],
    ['the city official', () => city, 220],
    ['an auditor', () => auditor, 230],
    ['an admin', () => admin, 240],
  ])('lists what an import created and updated for %s', async (_, session, base) => {
    const { jobId, expected } = await anImportThatCreatesAndUpdates(base);
    const page = (
      await t.request('GET', `/api/registry/imports/${jobId}/enterprises`, { session: session() })
    ).json();
    expect(page).toMatchObject({ total: 2, page: 1, items: expected });
  });

  it('lists only what an import created when asked', async () => {
    const { jobId } = await anImportThatCreatesAndUpdates(300);
    const created = (
      await t.request('GET', `/api/registry/imports/${jobId}/enterprises?change=created`, { session: county })
    ).json();
    expect(created.items.map((e: { row: number }) => e.row)).toEqual([2]);
  });

  it("exports what an import created and updated in the page's headers and words", async () => {
    const { jobId, expected } = await anImportThatCreatesAndUpdates(310);
    const csv = await t.request('GET', `/api/registry/imports/${jobId}/enterprises/export`, {
      session: auditor,
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.split('\r\n').filter(Boolean);
    // The page's headers and words: 新建 / 更新 and the region's name, not codes in their place.
    expect(lines[0]).toBe('\uFEFF行号,变更,统一社会信用代码,企业名称,行政区划,行政区划代码,企业编号');
    const records = readCsvRecords(csv.body);
    expect(records.map(({ 企业编号: id, ...cells }) => cells)).toEqual(
      expected.map((e) => ({
        行号: String(e.row),
        变更: e.change === 'created' ? '新建' : '更新',
        统一社会信用代码: e.uscc,
        企业名称: e.name,
        行政区划: expect.stringContaining('昆山市'),
        行政区划代码: e.regionCode,
      })),
    );
    expect(records.every((r) => /^\d+$/.test(r.企业编号 as string))).toBe(true);
  });

  it("hides the list from an official of another region and hides an enterprise that has since left the official's region", async () => {
    const jobId = await upload([row(50, KUNSHAN)], 'valid_rows');
    await runQueued();
    await t.handle.db
      .updateTable('enterprises')
      .set({ region_code: CHANGSHU })
      .where('uscc', '=', uscc(50))
      .execute();
    const page = (
      await t.request('GET', `/api/registry/imports/${jobId}/enterprises`, { session: county })
    ).json();
    expect(page.items).toEqual([
      {
        row: 2,
        change: 'created',
        enterpriseId: expect.any(Number),
        uscc: null,
        name: null,
        regionCode: null,
        regionName: null,
      },
    ]);
    const other = await signIn(t, await anOfficial(t.handle.db, { region: CHANGSHU }));
    const refused = await t.request('GET', `/api/registry/imports/${jobId}/enterprises`, { session: other });
    expect(refused.statusCode).toBe(403);
  });
});
