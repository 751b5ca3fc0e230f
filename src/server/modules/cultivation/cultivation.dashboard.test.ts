/**
 * The officials' cultivation dashboard over HTTP (issue 18): the pipeline's counts follow an application as it moves
 * (applied → with the county; recommended → with the province; announced → recognised, in force, by sub-region), an
 * official sees only their region, a recognition ending within 180 days is listed, the likely candidates leave out
 * the enterprises holding the tier or applying for it, and the exports give the same numbers.
 */
import { sql } from 'kysely';
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
import { addDays } from '../../../reference/calendar.ts';
import { todayInChina } from '../../../shared/today.ts';
import { writeEnterpriseBatch } from '../registry/index.ts';

const TODAY = todayInChina();
const YEAR = Number(TODAY.slice(0, 4));
const DATA_YEAR = YEAR - 1;

/** Registry figures (and recognitions) that let the enterprise apply for the innovative tier. */
async function giveFigures(
  t: TestApp,
  e: MadeEnterprise,
  certifications: { name: string; validFrom: string; validTo: string | null }[] = [],
) {
  const row = (year: number, main: number, rd: number) => ({
    uscc: e.uscc,
    name: e.name,
    formerNames: [],
    legalRepresentative: '张三',
    regionCode: e.regionCode,
    industryCode: 'C34',
    establishedOn: '2015-06-01',
    status: 'active' as const,
    ownershipType: '私营',
    certifications,
    figures: {
      year,
      employees: 120,
      operatingRevenue: 10000,
      mainBusinessRevenue: main,
      totalAssets: 20000,
      totalLiabilities: 10000,
      rdExpense: rd,
      rdStaff: 20,
      taxableIncome: null,
      vatTaxpayerType: null,
    },
  });
  await writeEnterpriseBatch(t.handle.db, [row(DATA_YEAR - 1, 6400, 380)], 'test');
  await writeEnterpriseBatch(t.handle.db, [row(DATA_YEAR, 7200, 400)], 'test');
}

/** A scoring result as the registry-wide job writes it. */
async function score(t: TestApp, e: MadeEnterprise, status: 'likely' | 'unlikely', points: number) {
  await sql`insert into cultivation_scores (enterprise_id, tier, standard_version, data_year, status, score, missing)
    values (${e.id}, 'innovative', 'test', ${DATA_YEAR}, ${status}, ${points}, 2)`.execute(t.handle.db);
}

/** A CSV export's rows (header first), its byte-order mark dropped, quoted cells unquoted. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\r\n')) {
    if (line === '') continue;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

/** A path with its query string. */
function withQuery(path: string, query: Record<string, string | number> = {}): string {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return search === '' ? path : `${path}?${search}`;
}

interface Dashboard {
  tiers: {
    tier: string;
    recognised: number;
    nationalTarget: number;
    shareOfTarget: string;
    expiring: number;
    candidates: number;
  }[];
  pipeline: { tier: string; stage: string; count: number }[];
  bySubRegion: { code: string; name: string; counts: Record<string, number>; total: number }[];
  expiring: { enterpriseId: number; applicationId: number; enterpriseName: string; validTo: string }[];
  subRegionLevel: string | null;
  scoredAt: string | null;
}

describe('cultivation: the officials’ dashboard', () => {
  let t: TestApp;
  let e: MadeEnterprise;
  let applicant: MadeEnterprise;
  let candidate: MadeEnterprise;
  let holder: MadeEnterprise;
  let elsewhere: MadeEnterprise;
  let unlikely: MadeEnterprise;
  let county: Session;
  let otherCounty: Session;
  let city: Session;
  let province: Session;
  let admin: Session;
  let appId = 0;
  let version = 0;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    e = await anEnterprise(t.handle.db, { region: '320583', name: '昆山培育测试甲有限公司' });
    applicant = await anEnterprise(t.handle.db, { region: '320583', name: '昆山培育测试乙有限公司' });
    candidate = await anEnterprise(t.handle.db, { region: '320583', name: '昆山培育测试丙有限公司' });
    holder = await anEnterprise(t.handle.db, { region: '320583', name: '昆山培育测试丁有限公司' });
    elsewhere = await anEnterprise(t.handle.db, { region: '320582', name: '张家港培育测试戊有限公司' });
    unlikely = await anEnterprise(t.handle.db, { region: '320583', name: '昆山培育测试己有限公司' });
    await giveFigures(t, e);
    await giveFigures(t, applicant);
    await giveFigures(t, holder, [
      { name: '创新型中小企业', validFrom: addDays(TODAY, -100), validTo: addDays(TODAY, 900) },
    ]);
    county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    otherCounty = await signIn(t, await anOfficial(t.handle.db, { region: '320582' }));
    city = await signIn(t, await anOfficial(t.handle.db, { region: '320500' }));
    province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
    admin = await signIn(t, await aUser(t.handle.db, { role: 'admin' }));
  });
  afterAll(() => t.close());

  const dashboard = async (session: Session, query: Record<string, string | number> = {}) => {
    const response = await t.request('GET', withQuery('/api/cultivation/dashboard', query), { session });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Dashboard;
  };
  const count = (d: Dashboard, tier: string, stage: string) =>
    d.pipeline.find((p) => p.tier === tier && p.stage === stage)?.count;
  const act = (session: Session, action: string) =>
    t.request('POST', `/api/cultivation/applications/${e.id}/${appId}/actions`, {
      session,
      body: { action, version },
    });
  const apply = async (who: MadeEnterprise) => {
    const session = await signIn(t, await anEnterpriseUser(t.handle.db, who));
    const applied = await t.request('POST', '/api/my/cultivation/applications', {
      session,
      body: { tier: 'innovative' },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    return applied.json() as { id: number; version: number };
  };

  it('starts empty: every tier × stage at zero, the national targets as the plan sets them', async () => {
    const d = await dashboard(county);
    expect(d.pipeline).toHaveLength(27);
    expect(d.pipeline.every((p) => p.count === 0)).toBe(true);
    expect(d.tiers.map((x) => [x.tier, x.nationalTarget, x.recognised])).toEqual([
      ['innovative', 1_000_000, 0],
      ['specialised', 100_000, 0],
      ['little_giant', 10_000, 0],
    ]);
    expect(d.subRegionLevel).toBeNull();
  });

  it('counts an application with the county once applied, then with the province once recommended', async () => {
    const applied = await apply(e);
    appId = applied.id;
    version = applied.version;
    expect(count(await dashboard(county), 'innovative', 'county_review')).toBe(1);
    expect(count(await dashboard(province), 'innovative', 'county_review')).toBe(1);
    expect(count(await dashboard(county, { year: YEAR - 1 }), 'innovative', 'county_review')).toBe(0);
    const up = await act(county, 'recommend');
    expect(up.statusCode, up.body).toBe(200);
    version = up.json().version;
    const d = await dashboard(county);
    expect(count(d, 'innovative', 'county_review')).toBe(0);
    expect(count(d, 'innovative', 'province_review')).toBe(1);
  });

  it('shows a county official only its county, and refuses a region outside it', async () => {
    const other = await dashboard(otherCounty);
    expect(other.pipeline.every((p) => p.count === 0)).toBe(true);
    const refused = await t.request(
      'GET',
      withQuery('/api/cultivation/dashboard', { regionCode: '320583' }),
      { session: otherCounty },
    );
    expect(refused.statusCode).toBe(403);
    const candidates = await t.request(
      'GET',
      withQuery('/api/cultivation/candidates', { regionCode: '320000' }),
      { session: county },
    );
    expect(candidates.statusCode).toBe(403);
    // The province may look at a county under it.
    expect(count(await dashboard(province, { regionCode: '320583' }), 'innovative', 'province_review')).toBe(
      1,
    );
    expect(count(await dashboard(province, { regionCode: '320582' }), 'innovative', 'province_review')).toBe(
      0,
    );
  });

  it('counts the recognition in force by sub-region, and lists it as expiring within 180 days', async () => {
    const approved = await act(province, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    version = approved.json().version;
    await sql`update cultivation_applications set notice_from = ${addDays(TODAY, -6)}::date,
      notice_to = ${addDays(TODAY, -1)}::date where id = ${appId}`.execute(t.handle.db);
    const announced = await act(province, 'announce');
    expect(announced.statusCode, announced.body).toBe(200);
    let d = await dashboard(county);
    expect(count(d, 'innovative', 'recognised')).toBe(1);
    expect(count(d, 'innovative', 'province_review')).toBe(0);
    expect(d.tiers[0]).toMatchObject({ recognised: 1, shareOfTarget: '0.00', expiring: 0 });
    expect(d.expiring).toEqual([]);

    const ends = addDays(TODAY, 100);
    await sql`update cultivation_applications set valid_to = ${ends}::date where id = ${appId}`.execute(
      t.handle.db,
    );
    d = await dashboard(county);
    expect(d.tiers[0]?.expiring).toBe(1);
    expect(d.expiring).toEqual([
      expect.objectContaining({
        enterpriseId: e.id,
        applicationId: appId,
        enterpriseName: e.name,
        tier: 'innovative',
        validTo: ends,
      }),
    ]);
    expect((await dashboard(otherCounty)).expiring).toEqual([]);

    const byProvince = await dashboard(province);
    expect(byProvince.subRegionLevel).toBe('city');
    expect(byProvince.bySubRegion).toEqual([
      expect.objectContaining({ code: '320500', name: '苏州市', total: 1 }),
    ]);
    const byCity = await dashboard(city);
    expect(byCity.bySubRegion).toEqual([expect.objectContaining({ code: '320583', total: 1 })]);
    const national = await dashboard(admin);
    expect(national.subRegionLevel).toBe('province');
    expect(national.bySubRegion.find((r) => r.code === '320000')?.counts.innovative).toBe(1);

    // Ending beyond 180 days: in force, not expiring soon.
    await sql`update cultivation_applications set valid_to = ${addDays(TODAY, 181)}::date where id = ${appId}`.execute(
      t.handle.db,
    );
    d = await dashboard(county);
    expect(d.tiers[0]).toMatchObject({ recognised: 1, expiring: 0 });
    await sql`update cultivation_applications set valid_to = ${ends}::date where id = ${appId}`.execute(
      t.handle.db,
    );
  });

  it('lists the likely candidates, leaving out the holders, the applicants and the unlikely', async () => {
    await apply(applicant);
    await score(t, e, 'likely', 85);
    await score(t, applicant, 'likely', 90);
    await score(t, candidate, 'likely', 70);
    await score(t, holder, 'likely', 95);
    await score(t, elsewhere, 'likely', 75);
    await score(t, unlikely, 'unlikely', 40);
    const list = await t.request('GET', withQuery('/api/cultivation/candidates', { tier: 'innovative' }), {
      session: county,
    });
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json();
    expect(page.items.map((c: { enterpriseId: number }) => c.enterpriseId)).toEqual([candidate.id]);
    expect(page.items[0]).toMatchObject({
      name: candidate.name,
      uscc: candidate.uscc,
      regionCode: '320583',
      score: 70,
      status: 'likely',
      missing: 2,
    });
    expect(page.total).toBe(1);
    expect(page.scoredAt).not.toBeNull();
    expect((await dashboard(county)).tiers[0]?.candidates).toBe(1);

    const inProvince = (
      await t.request('GET', withQuery('/api/cultivation/candidates', { pageSize: 1 }), { session: province })
    ).json();
    expect(inProvince.total).toBe(2);
    expect(inProvince.items.map((c: { enterpriseId: number }) => c.enterpriseId)).toEqual([elsewhere.id]);
    const second = (
      await t.request('GET', withQuery('/api/cultivation/candidates', { pageSize: 1, page: 2 }), {
        session: province,
      })
    ).json();
    expect(second.items.map((c: { enterpriseId: number }) => c.enterpriseId)).toEqual([candidate.id]);
    const searched = (
      await t.request('GET', withQuery('/api/cultivation/candidates', { q: '张家港' }), { session: province })
    ).json();
    expect(searched.items.map((c: { enterpriseId: number }) => c.enterpriseId)).toEqual([elsewhere.id]);
    const byUscc = (
      await t.request('GET', withQuery('/api/cultivation/candidates', { q: candidate.uscc }), {
        session: province,
      })
    ).json();
    expect(byUscc.total).toBe(1);
    const none = (
      await t.request('GET', withQuery('/api/cultivation/candidates', { tier: 'specialised' }), {
        session: province,
      })
    ).json();
    expect(none.total).toBe(0);
  });

  it('exports the tiers, the sub-regions and the candidates with the dashboard’s numbers', async () => {
    const d = await dashboard(province);
    const tiers = await t.request(
      'GET',
      withQuery('/api/cultivation/dashboard/export', { format: 'csv', lang: 'en' }),
      { session: province },
    );
    expect(tiers.statusCode, tiers.body).toBe(200);
    expect(tiers.headers['content-disposition']).toContain('.csv');
    const [header, ...rows] = csvRows(tiers.body);
    expect(rows).toHaveLength(3);
    const column = (name: string) => (header ?? []).indexOf(name);
    const innovative = rows[0] ?? [];
    expect(innovative[column('Applications of the year: Recognised')]).toBe(
      String(count(d, 'innovative', 'recognised')),
    );
    expect(innovative[column('Recognitions in force')]).toBe(String(d.tiers[0]?.recognised));
    expect(innovative[column('National target (14th FYP)')]).toBe('1000000');
    expect(innovative[column('Expiring within 180 days')]).toBe(String(d.tiers[0]?.expiring));
    expect(innovative[column('Likely, not applying')]).toBe(String(d.tiers[0]?.candidates));
    expect(innovative[column('Applications of the year: County review')]).toBe(
      String(count(d, 'innovative', 'county_review')),
    );

    const regions = await t.request(
      'GET',
      withQuery('/api/cultivation/dashboard/export', { format: 'csv', table: 'regions', lang: 'zh' }),
      { session: province },
    );
    expect(csvRows(regions.body).slice(1)).toEqual([['320500', '苏州市', '1', '0', '0', '1']]);

    const xlsx = await t.request('GET', withQuery('/api/cultivation/dashboard/export', { format: 'xlsx' }), {
      session: province,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheet');

    const candidates = await t.request(
      'GET',
      withQuery('/api/cultivation/candidates/export', { format: 'csv', lang: 'en' }),
      { session: province },
    );
    expect(candidates.statusCode, candidates.body).toBe(200);
    const list = csvRows(candidates.body);
    expect(list.slice(1).map((r) => r[1])).toEqual([elsewhere.uscc, candidate.uscc]);
    expect(list.length - 1).toBe(d.tiers[0]?.candidates);

    const refused = await t.request(
      'GET',
      withQuery('/api/cultivation/candidates/export', { format: 'csv', regionCode: '320582' }),
      { session: county },
    );
    expect(refused.statusCode).toBe(403);
  });
});
