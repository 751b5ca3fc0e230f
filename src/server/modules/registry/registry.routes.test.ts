/** The registry over HTTP: scoped search, detail, self-service corrections, statistics, exports, self-test. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { refreshSizeStats, writeEnterpriseBatch } from './registry.writes.ts';

describe('enterprise registry routes', () => {
  let t: TestApp;
  let county: Session;
  let city: Session;
  let enterprise: Session;
  let ownId: number;

  beforeAll(async () => {
    t = await createTestApp();
    county = await t.login('official.county');
    city = await t.login('official.city');
    enterprise = await t.login('enterprise');
    ownId = (await t.request('GET', '/api/my/enterprise', { session: enterprise })).json().id;
  });
  afterAll(() => t.close());

  it("lists only the official's region subtree, with the latest year's size", async () => {
    const countyList = await t.request('GET', '/api/enterprises?pageSize=200', { session: county });
    expect(countyList.statusCode).toBe(200);
    const body = countyList.json();
    expect(body.items.every((e: { regionCode: string }) => e.regionCode === '320583')).toBe(true);
    expect(body.items.every((e: { year: number }) => e.year === 2025)).toBe(true);
    const inCounty = await t.handle.db
      .selectFrom('enterprises')
      .select('id')
      .where('region_code', '=', '320583')
      .execute();
    expect(body.total).toBe(inCounty.length);
    const cityTotal = (await t.request('GET', '/api/enterprises', { session: city })).json().total;
    expect(cityTotal).toBeGreaterThan(body.total);
    const outside = await t.request('GET', '/api/enterprises?region=110000', { session: county });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('OUT_OF_SCOPE');
  });

  it('finds an enterprise by part of its name, by pinyin initials and by USCC prefix, best match first', async () => {
    const sample = await t.handle.db
      .selectFrom('enterprises')
      .select(['name', 'uscc', 'name_initials'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const part = [...sample.name].slice(2, 6).join('');
    const byName = (
      await t.request('GET', `/api/enterprises?q=${encodeURIComponent(part)}`, { session: city })
    ).json();
    expect(byName.items.map((e: { name: string }) => e.name)).toContain(sample.name);
    expect(byName.items.every((e: { name: string }) => e.name.includes(part))).toBe(true);
    const exact = (
      await t.request('GET', `/api/enterprises?q=${encodeURIComponent(sample.name)}`, { session: city })
    ).json();
    expect(exact.items[0].name).toBe(sample.name);
    const initials = (
      await t.request('GET', `/api/enterprises?q=${sample.name_initials.slice(0, 4)}`, { session: city })
    ).json();
    expect(initials.items.map((e: { name: string }) => e.name)).toContain(sample.name);
    const byUscc = (
      await t.request('GET', `/api/enterprises?q=${sample.uscc.slice(0, 12)}`, { session: city })
    ).json();
    expect(byUscc.items.map((e: { uscc: string }) => e.uscc)).toContain(sample.uscc);
  });

  it('filters by size and industry, and pages', async () => {
    const micro = (
      await t.request('GET', '/api/enterprises?size=micro&pageSize=5', { session: city })
    ).json();
    expect(micro.items.length).toBeLessThanOrEqual(5);
    expect(micro.items.every((e: { size: string }) => e.size === 'micro')).toBe(true);
    const manufacturing = (
      await t.request('GET', '/api/enterprises?industry=C&pageSize=200', { session: city })
    ).json();
    expect(manufacturing.items.every((e: { industryCode: string }) => e.industryCode.startsWith('C'))).toBe(
      true,
    );
    const page2 = (await t.request('GET', '/api/enterprises?page=2&pageSize=3', { session: city })).json();
    const page1 = (await t.request('GET', '/api/enterprises?page=1&pageSize=3', { session: city })).json();
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
  });

  it('shows an enterprise with its figures and the reason for its size; only within scope', async () => {
    const own = await t.request('GET', `/api/enterprises/${ownId}`, { session: enterprise });
    expect(own.statusCode).toBe(200);
    expect(own.json().sizes[0]).toMatchObject({ standard: 'cn-2011', reasonZh: expect.stringMatching(/→/) });
    expect(own.json().figures.length).toBeGreaterThanOrEqual(2);
    const other = await t.handle.db
      .selectFrom('enterprises')
      .select('id')
      .where('id', '!=', ownId)
      .limit(1)
      .executeTakeFirstOrThrow();
    expect((await t.request('GET', `/api/enterprises/${other.id}`, { session: enterprise })).statusCode).toBe(
      403,
    );
    const outsideCounty = await t.handle.db
      .selectFrom('enterprises')
      .select('id')
      .where('region_code', 'not like', '320583%')
      .executeTakeFirstOrThrow();
    expect(
      (await t.request('GET', `/api/enterprises/${outsideCounty.id}`, { session: county })).json().code,
    ).toBe('OUT_OF_SCOPE');
  });

  it('lets the enterprise correct its figures: history kept, size and statistics follow, audited', async () => {
    const before = (await t.request('GET', '/api/registry/stats?year=2025', { session: county })).json();
    const figures = { employees: 19, operatingRevenue: 5000, totalAssets: 3000 };
    const response = await t.request('PUT', `/api/enterprises/${ownId}/figures/2025`, {
      session: enterprise,
      body: figures,
    });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    const size2025 = detail.sizes.find((s: { year: number }) => s.year === 2025);
    expect(size2025.reasonZh).toContain('19');
    expect(detail.figures.filter((f: { year: number }) => f.year === 2025)).toHaveLength(2);
    const after = (await t.request('GET', '/api/registry/stats?year=2025', { session: county })).json();
    expect(after.totals.total).toBe(before.totals.total);
    const again = await t.request('PUT', `/api/enterprises/${ownId}/figures/2025`, {
      session: enterprise,
      body: figures,
    });
    expect(again.json().figures.filter((f: { year: number }) => f.year === 2025)).toHaveLength(2);
    const audits = await t.handle.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'enterprise.figures_reported')
      .where('target_id', '=', String(ownId))
      .execute();
    expect(audits).toHaveLength(1);
    const future = await t.request('PUT', `/api/enterprises/${ownId}/figures/2099`, {
      session: enterprise,
      body: figures,
    });
    expect(future.json().errors[0].field).toBe('year');
    const negative = await t.request('PUT', `/api/enterprises/${ownId}/figures/2025`, {
      session: enterprise,
      body: { ...figures, employees: -1 },
    });
    expect(negative.json().errors[0].field).toBe('employees');

    // A correction based on figures someone has replaced since is refused, not applied over them.
    const current = detail.figures.find(
      (f: { year: number; isCurrent: boolean }) => f.year === 2025 && f.isCurrent,
    );
    const older = detail.figures.find(
      (f: { year: number; isCurrent: boolean }) => f.year === 2025 && !f.isCurrent,
    );
    const stale = await t.request('PUT', `/api/enterprises/${ownId}/figures/2025`, {
      session: enterprise,
      body: { ...figures, employees: 25, basedOn: older.id },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT' });
    expect(stale.json().message).toContain('2025');
    const fresh = await t.request('PUT', `/api/enterprises/${ownId}/figures/2025`, {
      session: enterprise,
      body: { ...figures, employees: 25, basedOn: current.id },
    });
    expect(fresh.statusCode).toBe(200);
    // "None on file" while some are: also someone else's report.
    const assumedNone = await t.request('PUT', `/api/enterprises/${ownId}/figures/2025`, {
      session: enterprise,
      body: { ...figures, basedOn: null },
    });
    expect(assumedNone.statusCode).toBe(409);
  });

  it('lets the enterprise correct its profile with optimistic locking; a new industry reclassifies', async () => {
    const current = (await t.request('GET', '/api/my/enterprise', { session: enterprise })).json();
    const bad = await t.request('PATCH', `/api/enterprises/${ownId}`, {
      session: enterprise,
      body: { version: current.version, industryCode: 'Z99' },
    });
    expect(bad.json().errors[0].field).toBe('industryCode');
    const ok = await t.request('PATCH', `/api/enterprises/${ownId}`, {
      session: enterprise,
      body: { version: current.version, industryCode: 'I65', legalRepresentative: '李四' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().sizes.find((s: { year: number }) => s.year === 2025).category).toEqual({
      code: 'software-it',
      nameZh: '软件和信息技术服务业',
      nameEn: 'Software and information technology services',
    });
    const stale = await t.request('PATCH', `/api/enterprises/${ownId}`, {
      session: enterprise,
      body: { version: current.version, legalRepresentative: '王五' },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('counts enterprises by size for a region subtree; the parts add up to the total', async () => {
    const stats = (await t.request('GET', '/api/registry/stats', { session: city })).json();
    expect(stats.year).toBe(2025);
    expect(stats.years).toEqual([2025, 2024]);
    const sum = (rows: { total: number }[]) => rows.reduce((n, r) => n + r.total, 0);
    expect(sum(stats.byRegion)).toBe(stats.totals.total);
    expect(sum(stats.byIndustry)).toBe(stats.totals.total);
    const t2 = stats.totals;
    expect(t2.large + t2.medium + t2.small + t2.micro + t2.notCovered + t2.invalid).toBe(t2.total);
    const classified = await t.handle.db
      .selectFrom('enterprise_sizes')
      .innerJoin('enterprises', 'enterprises.id', 'enterprise_sizes.enterprise_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('year', '=', 2025)
      .where('region_code', 'like', '3205%')
      .executeTakeFirstOrThrow();
    expect(stats.totals.total).toBe(classified.n);
    const drill = (
      await t.request('GET', '/api/registry/stats?region=320583&industry=C', { session: city })
    ).json();
    expect(drill.region.code).toBe('320583');
    expect(drill.byIndustry.every((r: { key: string }) => r.key.startsWith('C'))).toBe(true);
    expect(stats.byRegion.some((r: { ownLevel?: boolean }) => r.ownLevel)).toBe(false);

    // An enterprise registered at the city's own code gets a row of its own, flagged, after the child regions.
    await writeEnterpriseBatch(
      t.handle.db,
      [
        {
          uscc: makeUscc('91320500MA0WNLT00'),
          name: '苏州市本级登记企业有限公司',
          formerNames: [],
          legalRepresentative: null,
          regionCode: '320500',
          industryCode: 'C39',
          establishedOn: null,
          status: null,
          ownershipType: null,
          certifications: [],
          figures: {
            year: 2025,
            employees: 5,
            operatingRevenue: 100,
            mainBusinessRevenue: null,
            totalAssets: 100,
            totalLiabilities: null,
            rdExpense: null,
            rdStaff: null,
            taxableIncome: null,
            vatTaxpayerType: null,
          },
        },
      ],
      'test',
    );
    await refreshSizeStats(t.handle.db, [2025]);
    const withOwn = (await t.request('GET', '/api/registry/stats', { session: city })).json();
    const own = withOwn.byRegion.filter((r: { ownLevel?: boolean }) => r.ownLevel);
    expect(own).toEqual([expect.objectContaining({ key: '320500', total: 1, micro: 1 })]);
    expect(withOwn.byRegion.at(-1).ownLevel).toBe(true);
    expect(sum(withOwn.byRegion)).toBe(withOwn.totals.total);
  });

  it('exports the filtered list as CSV with a BOM and as XLSX', async () => {
    const total = (await t.request('GET', '/api/enterprises?region=320583', { session: city })).json().total;
    const csv = await t.request('GET', '/api/enterprises/export?format=csv&region=320583&lang=zh', {
      session: city,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    // The page's headers in its order, then the year and the codes.
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(
      '企业名称,统一社会信用代码,所在地区,所属行业,规模,登记状态,成立日期,规模年度,行政区划代码,行业代码',
    );
    expect(lines).toHaveLength(total + 1);
    // What the page says: 存续, not `active`; size and industry by name.
    const cells = lines.slice(1).map((line) => line.split(','));
    expect(cells.some((c) => c[5] === '存续')).toBe(true);
    expect(
      cells.every((c) => !['active', 'suspended', 'revoked', 'cancelled'].includes(c[5] as string)),
    ).toBe(true);
    expect(cells.every((c) => !['micro', 'small', 'medium', 'large'].includes(c[4] as string))).toBe(true);
    expect(cells.every((c) => /[\u4e00-\u9fff]/u.test(c[3] as string))).toBe(true);
    const xlsx = await t.request('GET', '/api/enterprises/export?format=xlsx&region=320583&lang=en', {
      session: city,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Name');
    expect(sheet?.getRow(1).getCell(6).value).toBe('Registration status');
    expect(sheet?.getRow(2).getCell(6).value).toMatch(/^(Active|Suspended|Revoked|Cancelled)$/);
    // The region romanised, as the English page shows it.
    expect(sheet?.getRow(2).getCell(3).value).toBe('Kunshan Shi, Suzhou Shi, Jiangsu Sheng');
    expect(sheet?.actualRowCount).toBe(total + 1);
  });

  it('answers the public size self-test with the class and the reason (worked cases)', async () => {
    const cases = [
      [{ industryCode: 'C13', employees: 20, operatingRevenue: 300 }, 'small'],
      [{ industryCode: 'C13', employees: 19, operatingRevenue: 5000 }, 'micro'],
      [{ industryCode: 'F52', employees: 60, operatingRevenue: 20000 }, 'medium'],
      [{ industryCode: 'J66' }, 'not_covered'],
    ] as const;
    for (const [input, size] of cases) {
      const response = await t.request('POST', '/api/size/self-test', {
        body: { standard: 'cn-2011', ...input },
      });
      expect(response.json()).toMatchObject({ size, documentNumber: '工信部联企业〔2011〕300号' });
    }
    const reason = (
      await t.request('POST', '/api/size/self-test', {
        body: { standard: 'cn-2011', industryCode: 'C13', employees: 19, operatingRevenue: 5000 },
        headers: { 'accept-language': 'en' },
      })
    ).json().reason;
    expect(reason).toMatch(/19/);
  });
});
