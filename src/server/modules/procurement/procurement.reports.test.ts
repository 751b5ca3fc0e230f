/**
 * The annual public report of SME procurement per buying body through the API (issue 17): a buyer generates their
 * body's report of last year from the module's own figures, previews the draft, publishes it and corrects it as a
 * new version with a note; the public reads the latest version and that it was corrected; the region's officials
 * follow every body's report, export the list, may act for a body of their region and are told of each
 * publication; a buyer is told once when a recheck newly flags the body's awards. Bad input is refused on its field
 * with nothing written.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  aBuyer,
  anEnterprise,
  anOfficial,
  aPublicBody,
  aUser,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { ProcurementInputError, projectRequirement } from '../../../reference/procurement.ts';
import { todayInChina } from '../../../shared/today.ts';
import { recheckDeclarations } from './index.ts';
import { figures, GRADE_METHOD, type Sums } from './procurement.shares.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever fields of the reply they assert on
type Reply = any;

/** Last year: a whole year that can be reported (the current one may be too; the next may not). */
const YEAR = Number(todayInChina().slice(0, 4)) - 1;

describe('a rules error for a value not given', () => {
  it('says nothing was given, never 得到 undefined', () => {
    const reasons = (input: Record<string, unknown>) => {
      try {
        projectRequirement(input as never);
      } catch (error) {
        expect(error).toBeInstanceOf(ProcurementInputError);
        return (error as ProcurementInputError).reason;
      }
      throw new Error('no error');
    };
    const base = { kind: 'goods', budget: '1000000', announcementDate: `${YEAR}-03-01`, suitedToSmes: true };
    for (const field of ['kind', 'budget', 'announcementDate']) {
      const reason = reasons({ ...base, [field]: undefined });
      expect(reason.zh).not.toContain('undefined');
      expect(reason.en).not.toContain('undefined');
      expect(reason.zh).toContain('未填写');
    }
    // A value given is still quoted as it came.
    expect(reasons({ ...base, budget: '-5' }).zh).toContain('"-5"');
  });
});

describe('the SBA-style grade reflects the small and micro part as well as the SME share', () => {
  const sums = (awardedSme: string, awardedSmallMicro: string): Sums => ({
    projects: 1,
    budget: '1000000',
    suited_budget: '1000000',
    reserved: '1000000',
    small_micro_reserved: '600000',
    contracts: 1,
    awarded: '1000000',
    awarded_suited: '1000000',
    awarded_sme: awardedSme,
    awarded_small_micro: awardedSmallMicro,
  });
  it('a body whose SME awards went to no small or micro firm is graded F, however large its SME share', () => {
    const year = figures(sums('1000000', '0'), YEAR);
    expect(year).toMatchObject({ awardedShare: '100.00', awardedSmallMicroShare: '0.00', meetsSme: true });
    expect(year.meetsSmallMicro).toBe(false);
    expect(year.grade).toBe('F');
  });
  it('gives the lower of the two grades, each share against its own line', () => {
    // SME 100% of 30% → A+; small/micro 540,000 of 1,000,000 = 54% of 60% = 90% → B.
    expect(figures(sums('1000000', '540000'), YEAR).grade).toBe('B');
    // SME 27% of 30% = 90% → B; small/micro 100% → A+: B.
    expect(figures(sums('270000', '270000'), YEAR).grade).toBe('B');
    // Both at their lines → A.
    expect(figures(sums('300000', '180000'), YEAR).grade).toBe('A');
    // Nothing awarded to SMEs: F (the small/micro part counts as 0).
    expect(figures(sums('0', '0'), YEAR).grade).toBe('F');
  });
  it('states the method with both lines', () => {
    expect(GRADE_METHOD.zh).toContain('30%');
    expect(GRADE_METHOD.zh).toContain('60%');
    expect(GRADE_METHOD.en).toContain('lower');
  });
});

describe('annual reports of SME procurement', () => {
  let t: TestApp;
  let official: Session;
  let cityOfficial: Session;
  let farOfficial: Session;
  let buyer: Session;
  let otherBuyer: Session;
  let admin: Session;
  let officialUserId = 0;
  const body = aPublicBody('320583', '昆山市报告测试局');
  const other = aPublicBody('320583', '昆山市另一报告局');
  let bodyId = 0;
  let otherId = 0;
  let draftId = 0;

  const request = (method: 'GET' | 'POST' | 'PUT', session: Session | null, url: string, payload?: unknown) =>
    t.request(method, url, { session, ...(payload === undefined ? {} : { body: payload }) });
  const ok = (response: { statusCode: number; body: string; json: () => unknown }): Reply => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const fields = (response: { json: () => unknown }) =>
    ((response.json() as Reply).errors ?? []).map((e: { field: string }) => e.field);
  const reports = async () =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from procurement_reports`.execute(t.handle.db))
        .rows[0]?.n,
    );
  const notices = async (userId: number) =>
    (
      await sql<{ title_zh: string; link: string }>`
        select title_zh, link from user_notifications where user_id = ${userId} and kind = 'procurement'
        order by id`.execute(t.handle.db)
    ).rows;
  const project = (over: Record<string, unknown>) => ({
    planYear: YEAR,
    kind: 'goods',
    suitedToSmes: true,
    announcementDate: `${YEAR}-03-01`,
    ...over,
  });
  const award = (over: Record<string, unknown>) => ({
    awardedOn: `${YEAR}-04-10`,
    supplierName: '某供应商',
    reserved: true,
    declaredSize: 'small',
    role: 'single',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    const made = await anOfficial(db, { region: '320583' });
    officialUserId = made.id;
    official = await signIn(t, made);
    cityOfficial = await signIn(t, await anOfficial(db, { region: '320500' }));
    farOfficial = await signIn(t, await anOfficial(db, { region: '110101' }));
    buyer = await signIn(t, await aBuyer(db, body));
    otherBuyer = await signIn(t, await aBuyer(db, other));
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    bodyId = ok(
      await request('POST', official, '/api/procurement/bodies', {
        ...body,
        regionCode: '320583',
        kind: 'government',
      }),
    ).id;
    otherId = ok(
      await request('POST', official, '/api/procurement/bodies', {
        ...other,
        regionCode: '320583',
        kind: 'public_institution',
      }),
    ).id;
    // The body's year: goods reserved whole and awarded to a small firm, services not suited (a reason stated).
    const goods = ok(
      await request(
        'POST',
        buyer,
        '/api/procurement/projects',
        project({ code: 'R-001', name: '办公家具采购', budget: '1500000', way: 'whole' }),
      ),
    );
    ok(
      await request(
        'POST',
        buyer,
        '/api/procurement/projects',
        project({
          code: 'R-002',
          name: '专用软件运维',
          kind: 'services',
          budget: '3000000',
          suitedToSmes: false,
          exemption: 'irreplaceable',
          exemptionNote: '原厂专有技术',
        }),
      ),
    );
    ok(
      await request(
        'POST',
        buyer,
        `/api/procurement/projects/${goods.id}/awards`,
        award({ supplierName: '某家具厂', amount: '1400000' }),
      ),
    );
  });
  afterAll(() => t.close());

  it('a buyer generates the draft of last year: the shares page’s figures, the projects not suited and why, the rules and their documents', async () => {
    const draft = ok(
      await request('POST', buyer, '/api/procurement/reports', { year: YEAR, commentaryZh: '' }),
    );
    draftId = draft.id;
    expect(draft).toMatchObject({
      bodyId,
      bodyName: body.name,
      regionCode: '320583',
      year: YEAR,
      reportVersion: 1,
      state: 'draft',
      correctionNote: null,
      rulesId: '2023-01',
      documents: ['财库〔2020〕46号', '财库〔2022〕19号'],
      generatedByRole: 'buyer',
      publishedAt: null,
    });
    const shares = ok(await request('GET', official, `/api/procurement/shares?year=${YEAR}`));
    const row = shares.bodies.items.find((b: Reply) => b.bodyId === bodyId);
    // The shares page also counts the suited projects beside the suited budget, and the part resting on flagged
    // declarations; the report holds the roll-up's figures.
    const {
      bodyId: _,
      bodyName: __,
      regionCode: ___,
      suitedProjects: ____,
      flagged: _____,
      ...figures
    } = row;
    expect(draft.figures.total).toEqual(figures);
    expect(draft.figures.total).toMatchObject({
      budget: '4500000',
      suitedBudget: '1500000',
      reserved: '1500000',
      awardedSuited: '1400000',
      awardedSme: '1400000',
      awardedShare: '100.00',
      meetsSme: true,
      grade: 'A+',
    });
    expect(draft.figures).toMatchObject({
      judgedOn: 'awards',
      smeShareMin: '30',
      smallMicroShareMin: '60',
      shares: {
        smeShare: '100',
        smallMicroShare: '100',
        meetsSmeShare: true,
        meetsSmallMicroShare: true,
      },
      grade: { grade: 'A+' },
      notSuited: [
        {
          code: 'R-002',
          name: '专用软件运维',
          kind: 'services',
          budget: '3000000',
          exemption: 'irreplaceable',
          exemptionNote: '原厂专有技术',
        },
      ],
    });
    expect(draft.figures.grade.method.zh).toContain('30%');
    expect(draft.figures.byKind.map((k: Reply) => [k.kind, k.budget])).toEqual([
      ['goods', '1500000'],
      ['services', '3000000'],
      ['works', '0'],
    ]);
    expect(draft.figures.documents.map((d: Reply) => d.documentNumber)).toEqual([
      '财库〔2020〕46号',
      '财库〔2022〕19号',
    ]);
    // A draft is not public.
    expect((await request('GET', null, `/api/public/procurement/reports/${draftId}`)).statusCode).toBe(404);
  });

  it('refuses a year in the future or before the rules, another body, a second draft and a stray note, on the field, writing nothing', async () => {
    const before = await reports();
    const future = await request('POST', buyer, '/api/procurement/reports', { year: YEAR + 2 });
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual(['year']);
    expect(future.json().errors[0].message).toContain('尚未到来');
    const early = await request('POST', buyer, '/api/procurement/reports', { year: 2020 });
    expect(fields(early)).toEqual(['year']);
    expect(early.json().errors[0].message).toContain('财库〔2020〕46号');
    const foreign = await request('POST', buyer, '/api/procurement/reports', { year: YEAR, bodyId: otherId });
    expect(foreign.statusCode).toBe(403);
    expect(fields(foreign)).toEqual(['bodyId']);
    const nameless = await request('POST', official, '/api/procurement/reports', { year: YEAR });
    expect(fields(nameless)).toEqual(['bodyId']);
    const far = await request('POST', farOfficial, '/api/procurement/reports', { year: YEAR, bodyId });
    expect(far.statusCode).toBe(403);
    expect(fields(far)).toEqual(['bodyId']);
    const twice = await request('POST', buyer, '/api/procurement/reports', { year: YEAR });
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual(['year']);
    const stray = await request('POST', otherBuyer, '/api/procurement/reports', {
      year: YEAR,
      correctionNote: '没有可更正的',
    });
    expect(fields(stray)).toEqual(['correctionNote']);
    expect(await reports()).toBe(before);
    // Another body's buyer sees none of this body's drafts.
    expect((await request('GET', otherBuyer, `/api/procurement/reports/${draftId}`)).statusCode).toBe(403);
    expect((await request('GET', farOfficial, `/api/procurement/reports/${draftId}`)).statusCode).toBe(403);
  });

  it('publishes what was previewed: a Chinese commentary first, and figures changed since the draft are saved again first', async () => {
    let draft = ok(await request('GET', buyer, `/api/procurement/reports/${draftId}`));
    const bare = await request('POST', buyer, `/api/procurement/reports/${draftId}/publish`, {
      version: draft.version,
    });
    expect(fields(bare)).toEqual(['commentaryZh']);
    draft = ok(
      await request('PUT', buyer, `/api/procurement/reports/${draftId}`, {
        commentaryZh: '本单位全年采购均预留给中小企业。',
        commentaryEn: 'All our suited procurement was reserved for SMEs.',
        version: draft.version,
      }),
    );
    // An award recorded after the draft was saved: the draft no longer shows the year as it is.
    const plan = ok(await request('GET', buyer, `/api/procurement/projects?year=${YEAR}&q=R-001`));
    ok(
      await request(
        'POST',
        buyer,
        `/api/procurement/projects/${plan.items[0].id}/awards`,
        award({ supplierName: '某大型集团', amount: '100000', reserved: false, declaredSize: 'large' }),
      ),
    );
    const stale = await request('POST', buyer, `/api/procurement/reports/${draftId}/publish`, {
      version: draft.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(fields(stale)).toEqual(['figures']);
    const outdated = await request('PUT', buyer, `/api/procurement/reports/${draftId}`, {
      commentaryZh: '旧版本',
      version: draft.version - 1,
    });
    expect(outdated.statusCode).toBe(409);
    draft = ok(
      await request('PUT', buyer, `/api/procurement/reports/${draftId}`, {
        commentaryZh: draft.commentaryZh,
        commentaryEn: draft.commentaryEn,
        version: draft.version,
      }),
    );
    expect(draft.figures.total).toMatchObject({ awardedSuited: '1500000', awardedSme: '1400000' });
    const published = ok(
      await request('POST', buyer, `/api/procurement/reports/${draftId}/publish`, { version: draft.version }),
    );
    expect(published).toMatchObject({ state: 'published', publishedByRole: 'buyer', reportVersion: 1 });
    const again = await request('POST', buyer, `/api/procurement/reports/${draftId}/publish`, {
      version: published.version,
    });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['id']);
    expect(again.json().errors[0].message).toContain('更正');
    const changed = await request('PUT', buyer, `/api/procurement/reports/${draftId}`, {
      commentaryZh: '改写已发布的报告',
      version: published.version,
    });
    expect(fields(changed)).toEqual(['id']);
    // The region's officials are told (the city's too); the one who published is the buyer.
    const told = await notices(officialUserId);
    expect(told.map((n) => n.title_zh)).toEqual([`${body.name}发布了 ${YEAR} 年度中小企业采购报告`]);
    expect(told[0]?.link).toBe(`/app/procurement/reports/${draftId}`);
    const inbox = ok(await request('GET', cityOfficial, '/api/my/notifications'));
    expect(inbox.items.some((n: Reply) => n.kind === 'procurement')).toBe(true);
  });

  it('a correction is a new version with a note; the public sees the latest, that it was corrected and why', async () => {
    const first = ok(await request('GET', null, `/api/public/procurement/reports/${draftId}`));
    expect(first).toMatchObject({ id: draftId, reportVersion: 1, correctionNote: null });
    expect(first.history).toHaveLength(1);
    const before = await reports();
    const noteless = await request('POST', buyer, '/api/procurement/reports', { year: YEAR });
    expect(fields(noteless)).toEqual(['correctionNote']);
    const blank = await request('POST', buyer, '/api/procurement/reports', {
      year: YEAR,
      correctionNote: '   ',
    });
    expect(fields(blank)).toEqual(['correctionNote']);
    expect(await reports()).toBe(before);
    const correction = ok(
      await request('POST', buyer, '/api/procurement/reports', {
        year: YEAR,
        commentaryZh: '更正：补记一项成交结果。',
        correctionNote: '补记漏报的一项成交结果',
      }),
    );
    expect(correction).toMatchObject({
      reportVersion: 2,
      state: 'draft',
      correctionNote: '补记漏报的一项成交结果',
    });
    // While the correction is a draft the public still reads version 1.
    expect(ok(await request('GET', null, `/api/public/procurement/reports/${draftId}`)).reportVersion).toBe(
      1,
    );
    ok(
      await request('POST', buyer, `/api/procurement/reports/${correction.id}/publish`, {
        version: correction.version,
      }),
    );
    for (const id of [draftId, correction.id]) {
      const read = ok(await request('GET', null, `/api/public/procurement/reports/${id}`));
      expect(read).toMatchObject({
        id: correction.id,
        reportVersion: 2,
        correctionNote: '补记漏报的一项成交结果',
        commentaryZh: '更正：补记一项成交结果。',
      });
      expect(read.history.map((h: Reply) => [h.reportVersion, h.correctionNote])).toEqual([
        [1, null],
        [2, '补记漏报的一项成交结果'],
      ]);
    }
    // Every version is kept: version 1 still reads as it was published.
    const kept = ok(await request('GET', official, `/api/procurement/reports/${draftId}`));
    expect(kept).toMatchObject({ reportVersion: 1, state: 'published' });
    expect(kept.versions.map((v: Reply) => [v.reportVersion, v.state])).toEqual([
      [1, 'published'],
      [2, 'published'],
    ]);
    expect((await notices(officialUserId)).at(-1)?.title_zh).toContain('更正');
    const csv = await request('GET', null, `/api/public/procurement/reports/${draftId}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`procurement-report-${YEAR}-${body.uscc}-v2.csv`);
    expect(csv.body).toContain('全年合计');
    expect(csv.body).toContain('1500000');
    // The file says what it is: body, year, version (a correction, with its note) above the figures.
    const rows = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(rows.slice(0, 7)).toEqual(
      expect.arrayContaining([
        `采购单位,${body.name}`,
        `统一社会信用代码,${body.uscc}`,
        `年度,${YEAR}`,
        '版本,第 2 版（更正）',
      ]),
    );
    expect(rows.some((r: string) => r.startsWith('更正说明,'))).toBe(true);
    expect(rows.indexOf('')).toBeLessThan(rows.findIndex((r: string) => r.startsWith('项目,项目数')));
    // No works in the year: its line says '—' where the page does, not 否.
    const works = rows.find((r: string) => r.startsWith('工程,')) as string;
    expect(works.split(',').slice(-3, -1)).toEqual(['—', '—']);
    const csvEn = await request(
      'GET',
      null,
      `/api/public/procurement/reports/${draftId}/export?format=csv&lang=en`,
    );
    expect(csvEn.body).toContain('Version,2 (a correction)');
    const xlsx = await request('GET', null, `/api/public/procurement/reports/${draftId}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('报告');
    expect(sheet?.getRow(2).getCell(2).value).toBe(body.name);
  });

  it('lists the published reports to the public by year, region and name, each body’s latest version once', async () => {
    const all = ok(await request('GET', null, '/api/public/procurement/reports'));
    expect(all.items).toHaveLength(1);
    expect(all.items[0]).toMatchObject({
      bodyName: body.name,
      year: YEAR,
      reportVersion: 2,
      judgedOn: 'awards',
      smeShare: '93.33',
      meetsSmeShare: true,
      grade: 'A+',
    });
    expect(ok(await request('GET', null, `/api/public/procurement/reports?year=${YEAR - 1}`)).total).toBe(0);
    expect(ok(await request('GET', null, '/api/public/procurement/reports?regionCode=320500')).total).toBe(1);
    expect(ok(await request('GET', null, '/api/public/procurement/reports?regionCode=110000')).total).toBe(0);
    expect(
      ok(await request('GET', null, `/api/public/procurement/reports?q=${encodeURIComponent('报告测试')}`))
        .total,
    ).toBe(1);
    expect(
      ok(await request('GET', null, `/api/public/procurement/reports?q=${encodeURIComponent('%')}`)).total,
    ).toBe(0);
    const bad = await request('GET', null, '/api/public/procurement/reports?regionCode=999999');
    expect(fields(bad)).toEqual(['regionCode']);
  });

  it('officials follow every body of their region with its report’s state, filtered, searched, paged and exported', async () => {
    const list = ok(await request('GET', official, `/api/procurement/reports?year=${YEAR}`));
    expect(list.counts).toEqual({ none: 1, draft: 0, published: 1 });
    // Those without a published report first.
    expect(list.items.map((i: Reply) => [i.bodyName, i.state, i.reportVersion])).toEqual([
      [other.name, 'none', null],
      [body.name, 'published', 2],
    ]);
    expect(
      ok(await request('GET', official, `/api/procurement/reports?year=${YEAR}&state=published`)).items.map(
        (i: Reply) => i.bodyId,
      ),
    ).toEqual([bodyId]);
    expect(
      ok(
        await request(
          'GET',
          official,
          `/api/procurement/reports?year=${YEAR}&q=${encodeURIComponent('另一')}`,
        ),
      ).total,
    ).toBe(1);
    expect(
      ok(await request('GET', official, `/api/procurement/reports?year=${YEAR}&q=${other.uscc}`)).total,
    ).toBe(1);
    const paged = ok(
      await request('GET', official, `/api/procurement/reports?year=${YEAR}&pageSize=1&page=2`),
    );
    expect(paged).toMatchObject({ total: 2, page: 2 });
    expect(paged.items.map((i: Reply) => i.bodyId)).toEqual([bodyId]);
    expect(ok(await request('GET', farOfficial, `/api/procurement/reports?year=${YEAR}`)).total).toBe(0);
    expect(
      (await request('GET', farOfficial, `/api/procurement/reports?year=${YEAR}&regionCode=320583`))
        .statusCode,
    ).toBe(403);
    expect(ok(await request('GET', admin, `/api/procurement/reports?year=${YEAR}`)).total).toBe(2);
    // A buyer's list is their own body.
    expect(
      ok(await request('GET', otherBuyer, `/api/procurement/reports?year=${YEAR}`)).items.map(
        (i: Reply) => i.bodyId,
      ),
    ).toEqual([otherId]);
    const csv = await request('GET', official, `/api/procurement/reports/export?year=${YEAR}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`procurement-reports-${YEAR}-all.csv`);
    expect(csv.body).toContain(body.name);
    expect(csv.body).toContain('已发布');
    expect(csv.body).toContain('未生成');
    const xlsx = await request(
      'GET',
      official,
      `/api/procurement/reports/export?year=${YEAR}&format=xlsx&state=none&lang=en`,
    );
    expect(xlsx.statusCode).toBe(200);
  });

  it('a supervising official acts for a body of their region, as the report was stored and as the body is now', async () => {
    const draft = ok(
      await request('POST', official, '/api/procurement/reports', {
        year: YEAR,
        bodyId: otherId,
        commentaryZh: '由主管部门代为编制。',
      }),
    );
    expect(draft).toMatchObject({ bodyId: otherId, generatedByRole: 'official', state: 'draft' });
    // The city moves the body to another county of its own: the county official of the old one acts no more.
    const current = ok(await request('GET', official, `/api/procurement/bodies?q=${other.uscc}`)).items[0];
    ok(
      await request('PUT', cityOfficial, `/api/procurement/bodies/${otherId}`, {
        uscc: other.uscc,
        name: other.name,
        regionCode: '320582',
        kind: 'public_institution',
        version: current.version,
      }),
    );
    const county = await request('POST', official, `/api/procurement/reports/${draft.id}/publish`, {
      version: draft.version,
    });
    expect(county.statusCode).toBe(403);
    const newCounty = await signIn(t, await anOfficial(t.handle.db, { region: '320582' }));
    const moved = await request('POST', newCounty, `/api/procurement/reports/${draft.id}/publish`, {
      version: draft.version,
    });
    expect(moved.statusCode).toBe(403);
    // The city covers both: saving takes the body as it is now, then publishing goes through.
    const saved = ok(
      await request('PUT', cityOfficial, `/api/procurement/reports/${draft.id}`, {
        commentaryZh: draft.commentaryZh,
        version: draft.version,
      }),
    );
    expect(saved).toMatchObject({ regionCode: '320582' });
    const published = ok(
      await request('POST', cityOfficial, `/api/procurement/reports/${draft.id}/publish`, {
        version: saved.version,
      }),
    );
    expect(published).toMatchObject({ state: 'published', publishedByRole: 'official' });
    expect(published.figures).toMatchObject({ judgedOn: 'none', shares: null, grade: { grade: null } });
    // The new county's official reads it now; the buyer of the body too.
    ok(await request('GET', newCounty, `/api/procurement/reports/${draft.id}`));
    ok(await request('GET', otherBuyer, `/api/procurement/reports/${draft.id}`));
    expect(ok(await request('GET', null, '/api/public/procurement/reports?regionCode=320582')).total).toBe(1);
  });

  it('audits every change of a report', async () => {
    const { rows } = await sql<{ action: string }>`
      select action from audit_log where target_type = 'procurement_report' order by seq`.execute(
      t.handle.db,
    );
    expect(rows.map((r) => r.action)).toEqual([
      'procurement.report_drafted',
      'procurement.report_changed',
      'procurement.report_changed',
      'procurement.report_published',
      'procurement.report_drafted',
      'procurement.report_corrected',
      'procurement.report_drafted',
      'procurement.report_changed',
      'procurement.report_published',
    ]);
  });
});

describe('a recheck tells the buyers of a body whose awards it newly flags', () => {
  let t: TestApp;
  let buyerId = 0;
  let quietBuyerId = 0;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('once per body and run, with the number of its awards newly flagged, however the batches fall', async () => {
    const db = t.handle.db;
    const official = await signIn(t, await anOfficial(db, { region: '320583' }));
    const admin = await signIn(t, await aUser(db, { role: 'admin' }));
    const body = aPublicBody('320583', '昆山市复核测试局');
    const quiet = aPublicBody('320583', '昆山市无问题局');
    const buyerUser = await aBuyer(db, body);
    const quietUser = await aBuyer(db, quiet);
    buyerId = buyerUser.id;
    quietBuyerId = quietUser.id;
    const buyer = await signIn(t, buyerUser);
    const quietBuyer = await signIn(t, quietUser);
    for (const b of [body, quiet])
      expect(
        (
          await t.request('POST', '/api/procurement/bodies', {
            session: official,
            body: { ...b, regionCode: '320583', kind: 'government' },
          })
        ).statusCode,
      ).toBe(200);
    const supplier = await anEnterprise(db, {
      region: '320583',
      industryCode: 'F52',
      employees: 5,
      revenue: 50,
      year: YEAR - 1,
    });
    const steady = await anEnterprise(db, {
      region: '320583',
      industryCode: 'F52',
      employees: 6,
      revenue: 60,
      year: YEAR - 1,
    });
    const record = async (session: Session, s: typeof supplier, n: number) => {
      const made = await t.request('POST', '/api/procurement/projects', {
        session,
        body: {
          planYear: YEAR,
          code: `C-${n}`,
          name: `文具采购${n}`,
          kind: 'goods',
          budget: '100000',
          suitedToSmes: true,
          announcementDate: `${YEAR}-03-01`,
          way: 'whole',
        },
      });
      expect(made.statusCode, made.body).toBe(200);
      const awarded = await t.request('POST', `/api/procurement/projects/${made.json().id}/awards`, {
        session,
        body: {
          awardedOn: `${YEAR}-04-0${n}`,
          supplierUscc: s.uscc,
          supplierName: s.name,
          amount: '10000',
          reserved: true,
          declaredSize: 'micro',
          role: 'single',
          declarations: [
            {
              item: `文具${n}`,
              tenderIndustryCode: 'F52',
              signedOn: `${YEAR}-03-20`,
              figuresYear: YEAR - 1,
              employees: s === supplier ? 5 : 6,
              operatingRevenue: s === supplier ? 50 : 60,
              declaredSize: 'micro',
            },
          ],
        },
      });
      expect(awarded.statusCode, awarded.body).toBe(200);
      expect(awarded.json().flags).toEqual([]);
    };
    for (const n of [1, 2, 3]) await record(buyer, supplier, n);
    await record(quietBuyer, steady, 4);
    // The registry learns other figures of the year declared: the body's three awards are now flagged.
    const figures = await t.request('PUT', `/api/enterprises/${supplier.id}/figures/${YEAR - 1}`, {
      session: admin,
      body: { employees: 80, operatingRevenue: 9000, totalAssets: null },
    });
    expect(figures.statusCode, figures.body).toBe(200);
    // Batches of two: the body's declarations run over a batch's end.
    const done = await recheckDeclarations(
      db,
      { prefix: '320583', year: YEAR },
      async () => {},
      undefined,
      2,
    );
    expect(done).toMatchObject({ checked: 4, changed: 3 });
    const told = (
      await sql<{ title_zh: string; link: string }>`
        select title_zh, link from user_notifications where user_id = ${buyerId} and kind = 'procurement'`.execute(
        db,
      )
    ).rows;
    expect(told).toEqual([
      {
        title_zh: `声明函复核：${body.name} ${YEAR} 年有 3 项成交结果的声明函被新标记，请核实`,
        link: `/app/procurement/awards?year=${YEAR}&flagged=true`,
      },
    ]);
    const inbox = await t.request('GET', '/api/my/notifications', { session: buyer });
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json().items[0]).toMatchObject({ kind: 'procurement' });
    // Nothing new for the body whose declarations still agree; nothing again when the run is repeated.
    const repeat = await recheckDeclarations(db, { prefix: '320583', year: YEAR });
    expect(repeat.changed).toBe(0);
    const count = async (userId: number) =>
      Number(
        (
          await sql<{ n: number }>`select count(*)::int as n from user_notifications
            where user_id = ${userId} and kind = 'procurement'`.execute(db)
        ).rows[0]?.n,
      );
    expect(await count(buyerId)).toBe(1);
    expect(await count(quietBuyerId)).toBe(0);
  });
});
