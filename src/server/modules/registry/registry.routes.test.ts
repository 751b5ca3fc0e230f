/** The registry over HTTP: scoped search, detail, self-service corrections, statistics, exports, self-test. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { anEnterpriseReporting } from '../../../../test/helpers/registry-factories.ts';

describe('enterprise registry routes', () => {
  let t: TestApp;
  let county: Session;
  let city: Session;
  let enterprise: Session;
  let own: MadeEnterprise;
  let neighbour: MadeEnterprise;
  let elsewhereInCity: MadeEnterprise;

  // A world only read: enterprises of Kunshan (320583), one of Taicang (320585, the same city) and one of Beijing.
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    own = await anEnterpriseReporting(
      db,
      [
        { year: 2024, employees: 8, revenue: 250 },
        { year: 2025, employees: 9, revenue: 300 },
      ],
      { name: '昆山精密机械制造有限公司', industryCode: 'C34' },
    );
    neighbour = await anEnterprise(db, {
      name: '昆山智云软件科技有限公司',
      industryCode: 'I65',
      employees: 150,
      revenue: 30_000,
    });
    await anEnterprise(db, {
      name: '昆山华盛纺织有限公司',
      industryCode: 'C17',
      employees: 30,
      revenue: 3000,
    });
    await anEnterprise(db, { name: '昆山小微五金加工厂', industryCode: 'C33', employees: 5, revenue: 100 });
    elsewhereInCity = await anEnterprise(db, {
      region: '320585',
      name: '太仓港口物流有限公司',
      industryCode: 'G58',
      employees: 60,
      revenue: 8000,
    });
    await anEnterprise(db, {
      region: '110105',
      name: '北京朝阳商贸有限公司',
      industryCode: 'F51',
      employees: 12,
      revenue: 900,
    });
    county = await signIn(t, await anOfficial(db, { region: '320583' }));
    city = await signIn(t, await anOfficial(db, { region: '320500' }));
    enterprise = await signIn(t, await anEnterpriseUser(db, own));
  });
  afterAll(() => t.close());

  /** An enterprise of the county with 2025 figures, and its signed-in user (for a test that changes it). */
  async function anEnterpriseOfOurOwn(): Promise<{ made: MadeEnterprise; session: Session }> {
    const made = await anEnterprise(t.handle.db, { industryCode: 'C34', employees: 40, revenue: 4000 });
    return { made, session: await signIn(t, await anEnterpriseUser(t.handle.db, made)) };
  }

  describe('the list', () => {
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
    });

    it("lists more for the city's official than for the county's", async () => {
      const countyTotal = (await t.request('GET', '/api/enterprises', { session: county })).json().total;
      const cityTotal = (await t.request('GET', '/api/enterprises', { session: city })).json().total;
      expect(cityTotal).toBeGreaterThan(countyTotal);
    });

    it("refuses a region outside the official's", async () => {
      const outside = await t.request('GET', '/api/enterprises?region=110000', { session: county });
      expect(outside.statusCode).toBe(403);
      expect(outside.json().code).toBe('OUT_OF_SCOPE');
    });
  });

  describe('search', () => {
    const search = async (q: string) =>
      (await t.request('GET', `/api/enterprises?q=${encodeURIComponent(q)}`, { session: city })).json();

    it('finds an enterprise by part of its name', async () => {
      const part = [...own.name].slice(2, 6).join('');
      const byName = await search(part);
      expect(byName.items.map((e: { name: string }) => e.name)).toContain(own.name);
      expect(byName.items.every((e: { name: string }) => e.name.includes(part))).toBe(true);
    });

    it('puts the exact name first', async () => {
      expect((await search(own.name)).items[0].name).toBe(own.name);
    });

    it('finds an enterprise by its pinyin initials', async () => {
      const { name_initials } = await t.handle.db
        .selectFrom('enterprises')
        .select('name_initials')
        .where('id', '=', own.id)
        .executeTakeFirstOrThrow();
      const initials = await search(name_initials.slice(0, 4));
      expect(initials.items.map((e: { name: string }) => e.name)).toContain(own.name);
    });

    it('finds an enterprise by a prefix of its USCC', async () => {
      const byUscc = await search(own.uscc.slice(0, 12));
      expect(byUscc.items.map((e: { uscc: string }) => e.uscc)).toContain(own.uscc);
    });
  });

  describe('filters and pages', () => {
    it('filters by size', async () => {
      const micro = (
        await t.request('GET', '/api/enterprises?size=micro&pageSize=5', { session: city })
      ).json();
      expect(micro.items.length).toBeLessThanOrEqual(5);
      expect(micro.items.every((e: { size: string }) => e.size === 'micro')).toBe(true);
    });

    it('filters by industry', async () => {
      const manufacturing = (
        await t.request('GET', '/api/enterprises?industry=C&pageSize=200', { session: city })
      ).json();
      expect(manufacturing.items.every((e: { industryCode: string }) => e.industryCode.startsWith('C'))).toBe(
        true,
      );
    });

    it('pages', async () => {
      const page2 = (await t.request('GET', '/api/enterprises?page=2&pageSize=3', { session: city })).json();
      const page1 = (await t.request('GET', '/api/enterprises?page=1&pageSize=3', { session: city })).json();
      expect(page2.items[0].id).not.toBe(page1.items[0].id);
    });
  });

  describe('the detail', () => {
    it('shows the enterprise its own figures and the reason for its size', async () => {
      const detail = await t.request('GET', `/api/enterprises/${own.id}`, { session: enterprise });
      expect(detail.statusCode).toBe(200);
      expect(detail.json().sizes[0]).toMatchObject({
        standard: 'cn-2011',
        reasonZh: expect.stringMatching(/→/),
      });
      expect(detail.json().figures.length).toBeGreaterThanOrEqual(2);
    });

    it("refuses an enterprise another enterprise's detail", async () => {
      expect(
        (await t.request('GET', `/api/enterprises/${neighbour.id}`, { session: enterprise })).statusCode,
      ).toBe(403);
    });

    it("refuses an official an enterprise outside the official's county", async () => {
      expect(
        (await t.request('GET', `/api/enterprises/${elsewhereInCity.id}`, { session: county })).json().code,
      ).toBe('OUT_OF_SCOPE');
    });
  });

  describe('the enterprise corrects its figures', () => {
    const figures = { employees: 19, operatingRevenue: 5000, totalAssets: 3000 };

    it('keeps the history, and the size follows while the statistics keep their total', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      const before = (await t.request('GET', '/api/registry/stats?year=2025', { session: county })).json();
      const response = await t.request('PUT', `/api/enterprises/${made.id}/figures/2025`, {
        session,
        body: figures,
      });
      expect(response.statusCode).toBe(200);
      const detail = response.json();
      const size2025 = detail.sizes.find((s: { year: number }) => s.year === 2025);
      expect(size2025.reasonZh).toContain('19');
      expect(detail.figures.filter((f: { year: number }) => f.year === 2025)).toHaveLength(2);
      const after = (await t.request('GET', '/api/registry/stats?year=2025', { session: county })).json();
      expect(after.totals.total).toBe(before.totals.total);
    });

    it('adds nothing when the same figures come again, and audits the report once', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      await t.request('PUT', `/api/enterprises/${made.id}/figures/2025`, { session, body: figures });
      const again = await t.request('PUT', `/api/enterprises/${made.id}/figures/2025`, {
        session,
        body: figures,
      });
      expect(again.json().figures.filter((f: { year: number }) => f.year === 2025)).toHaveLength(2);
      const audits = await t.handle.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'enterprise.figures_reported')
        .where('target_id', '=', String(made.id))
        .execute();
      expect(audits).toHaveLength(1);
    });

    it('refuses a future year', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      const future = await t.request('PUT', `/api/enterprises/${made.id}/figures/2099`, {
        session,
        body: figures,
      });
      expect(future.json().errors[0].field).toBe('year');
    });

    it('refuses a negative headcount', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      const negative = await t.request('PUT', `/api/enterprises/${made.id}/figures/2025`, {
        session,
        body: { ...figures, employees: -1 },
      });
      expect(negative.json().errors[0].field).toBe('employees');
    });

    /** The enterprise's 2025 figures after one correction: the current report and the one it replaced. */
    async function correctedOnce(made: MadeEnterprise, session: Session) {
      const detail = (
        await t.request('PUT', `/api/enterprises/${made.id}/figures/2025`, { session, body: figures })
      ).json();
      const of2025 = (current: boolean) =>
        detail.figures.find(
          (f: { year: number; isCurrent: boolean }) => f.year === 2025 && f.isCurrent === current,
        );
      return { current: of2025(true), older: of2025(false) };
    }

    it('refuses a correction based on figures someone has replaced since, not applying it over them', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      const { older } = await correctedOnce(made, session);
      const stale = await t.request('PUT', `/api/enterprises/${made.id}/figures/2025`, {
        session,
        body: { ...figures, employees: 25, basedOn: older.id },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'CONFLICT' });
      expect(stale.json().message).toContain('2025');
    });

    it('accepts a correction based on the current figures', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      const { current } = await correctedOnce(made, session);
      const fresh = await t.request('PUT', `/api/enterprises/${made.id}/figures/2025`, {
        session,
        body: { ...figures, employees: 25, basedOn: current.id },
      });
      expect(fresh.statusCode).toBe(200);
    });

    it('refuses "none on file" while some are (someone else\'s report too)', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      await correctedOnce(made, session);
      const assumedNone = await t.request('PUT', `/api/enterprises/${made.id}/figures/2025`, {
        session,
        body: { ...figures, basedOn: null },
      });
      expect(assumedNone.statusCode).toBe(409);
    });
  });

  describe('the enterprise corrects its profile', () => {
    it('refuses an unknown industry', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      const current = (await t.request('GET', '/api/my/enterprise', { session })).json();
      const bad = await t.request('PATCH', `/api/enterprises/${made.id}`, {
        session,
        body: { version: current.version, industryCode: 'Z99' },
      });
      expect(bad.json().errors[0].field).toBe('industryCode');
    });

    it('reclassifies under a new industry', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      const current = (await t.request('GET', '/api/my/enterprise', { session })).json();
      const ok = await t.request('PATCH', `/api/enterprises/${made.id}`, {
        session,
        body: { version: current.version, industryCode: 'I65', legalRepresentative: '李四' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().sizes.find((s: { year: number }) => s.year === 2025).category).toEqual({
        code: 'software-it',
        nameZh: '软件和信息技术服务业',
        nameEn: 'Software and information technology services',
      });
    });

    it('refuses a change based on a version replaced since (optimistic locking)', async () => {
      const { made, session } = await anEnterpriseOfOurOwn();
      const current = (await t.request('GET', '/api/my/enterprise', { session })).json();
      await t.request('PATCH', `/api/enterprises/${made.id}`, {
        session,
        body: { version: current.version, legalRepresentative: '李四' },
      });
      const stale = await t.request('PATCH', `/api/enterprises/${made.id}`, {
        session,
        body: { version: current.version, legalRepresentative: '王五' },
      });
      expect(stale.statusCode).toBe(409);
    });
  });

  describe('statistics', () => {
    const sum = (rows: { total: number }[]) => rows.reduce((n, r) => n + r.total, 0);
    const cityStats = async () => (await t.request('GET', '/api/registry/stats', { session: city })).json();

    it('counts the latest year by default and lists the years on file', async () => {
      const stats = await cityStats();
      expect(stats.year).toBe(2025);
      expect(stats.years).toEqual([2025, 2024]);
    });

    it('adds up: regions, industries and size classes each make the total', async () => {
      const stats = await cityStats();
      expect(sum(stats.byRegion)).toBe(stats.totals.total);
      expect(sum(stats.byIndustry)).toBe(stats.totals.total);
      const t2 = stats.totals;
      expect(t2.large + t2.medium + t2.small + t2.micro + t2.notCovered + t2.invalid).toBe(t2.total);
    });

    it("counts every enterprise classified for the year in the official's region", async () => {
      const stats = await cityStats();
      const classified = await t.handle.db
        .selectFrom('enterprise_sizes')
        .innerJoin('enterprises', 'enterprises.id', 'enterprise_sizes.enterprise_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('year', '=', 2025)
        .where('region_code', 'like', '3205%')
        .executeTakeFirstOrThrow();
      expect(stats.totals.total).toBe(classified.n);
    });

    it('drills down to a region and an industry', async () => {
      const drill = (
        await t.request('GET', '/api/registry/stats?region=320583&industry=C', { session: city })
      ).json();
      expect(drill.region.code).toBe('320583');
      expect(drill.byIndustry.every((r: { key: string }) => r.key.startsWith('C'))).toBe(true);
    });

    it("has no row of the city's own level when no enterprise is registered at its code", async () => {
      const stats = await cityStats();
      expect(stats.byRegion.some((r: { ownLevel?: boolean }) => r.ownLevel)).toBe(false);
    });

    it("gives an enterprise registered at the city's own code a row of its own, flagged, after the child regions", async () => {
      // Another city (Wuxi), so that the city of the other tests keeps no own-level row.
      const db = t.handle.db;
      const wuxi = await signIn(t, await anOfficial(db, { region: '320200' }));
      await anEnterprise(db, { region: '320205', industryCode: 'C39', employees: 50, revenue: 6000 });
      await anEnterprise(db, {
        region: '320200',
        name: '无锡市本级登记企业有限公司',
        industryCode: 'C39',
        employees: 5,
        revenue: 100,
      });
      const withOwn = (await t.request('GET', '/api/registry/stats', { session: wuxi })).json();
      const ownLevel = withOwn.byRegion.filter((r: { ownLevel?: boolean }) => r.ownLevel);
      expect(ownLevel).toEqual([expect.objectContaining({ key: '320200', total: 1, micro: 1 })]);
      expect(withOwn.byRegion.at(-1).ownLevel).toBe(true);
      expect(sum(withOwn.byRegion)).toBe(withOwn.totals.total);
    });
  });

  describe('exports', () => {
    const total = async () =>
      (await t.request('GET', '/api/enterprises?region=320583', { session: city })).json().total;
    const csvLines = async () => {
      const csv = await t.request('GET', '/api/enterprises/export?format=csv&region=320583&lang=zh', {
        session: city,
      });
      return { csv, lines: csv.body.trim().split('\r\n') };
    };

    it("exports the filtered list as CSV with a BOM, the page's headers in its order, then the year and codes", async () => {
      const expected = await total();
      const { csv, lines } = await csvLines();
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body.startsWith('\uFEFF')).toBe(true);
      expect(lines[0]).toBe(
        '企业名称,统一社会信用代码,所在地区,所属行业,规模,登记状态,成立日期,规模年度,行政区划代码,行业代码',
      );
      expect(lines).toHaveLength(expected + 1);
    });

    it('writes in the CSV what the page says: 存续, not `active`; size and industry by name', async () => {
      const { lines } = await csvLines();
      const cells = lines.slice(1).map((line) => line.split(','));
      expect(cells.some((c) => c[5] === '存续')).toBe(true);
      expect(
        cells.every((c) => !['active', 'suspended', 'revoked', 'cancelled'].includes(c[5] as string)),
      ).toBe(true);
      expect(cells.every((c) => !['micro', 'small', 'medium', 'large'].includes(c[4] as string))).toBe(true);
      expect(cells.every((c) => /[\u4e00-\u9fff]/u.test(c[3] as string))).toBe(true);
    });

    it('exports the filtered list as XLSX, in English with the region romanised', async () => {
      const expected = await total();
      const xlsx = await t.request('GET', '/api/enterprises/export?format=xlsx&region=320583&lang=en', {
        session: city,
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet?.getRow(1).getCell(1).value).toBe('Name');
      expect(sheet?.getRow(1).getCell(6).value).toBe('Registration status');
      expect(sheet?.getRow(2).getCell(6).value).toMatch(/^(Active|Suspended|Revoked|Cancelled)$/);
      expect(sheet?.getRow(2).getCell(3).value).toBe('Kunshan Shi, Suzhou Shi, Jiangsu Sheng');
      expect(sheet?.actualRowCount).toBe(expected + 1);
    });
  });

  describe('the public size self-test (worked cases)', () => {
    it.each([
      [{ industryCode: 'C13', employees: 20, operatingRevenue: 300 }, 'small'],
      [{ industryCode: 'C13', employees: 19, operatingRevenue: 5000 }, 'micro'],
      [{ industryCode: 'F52', employees: 60, operatingRevenue: 20000 }, 'medium'],
      [{ industryCode: 'J66' }, 'not_covered'],
    ] as const)('classifies %o as %s under the 2011 standard', async (input, size) => {
      const response = await t.request('POST', '/api/size/self-test', {
        body: { standard: 'cn-2011', ...input },
      });
      expect(response.json()).toMatchObject({ size, documentNumber: '工信部联企业〔2011〕300号' });
    });

    it('gives the reason in English', async () => {
      const reason = (
        await t.request('POST', '/api/size/self-test', {
          body: { standard: 'cn-2011', industryCode: 'C13', employees: 19, operatingRevenue: 5000 },
          headers: { 'accept-language': 'en' },
        })
      ).json().reason;
      expect(reason).toMatch(/19/);
    });
  });
});
