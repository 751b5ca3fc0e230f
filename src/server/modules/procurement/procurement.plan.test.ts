/**
 * A buying body's year through the API (issue 17): the supervising official registers the body, its buyer plans
 * projects with what the rules require and where the plan falls short, records awards with declarations checked,
 * and the official reads the region's shares against 30% / 60%. Bad input is refused on its field with nothing
 * written; a buyer of another body and an official of another region see nothing.
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
import { runDueJobs } from '../jobs/index.ts';
import { procurementRecheckHandler, rebuildShares, recheckDeclarations } from './index.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever fields of the reply they assert on
type Reply = any;

describe('procurement plan, awards and shares', () => {
  let t: TestApp;
  let official: Session;
  let farOfficial: Session;
  let buyer: Session;
  let otherBuyer: Session;
  let strayBuyer: Session;
  let admin: Session;
  const body = aPublicBody('320583', '昆山市测试局');
  const other = aPublicBody('320583', '昆山市另一局');
  let bodyId = 0;

  const request = (method: 'GET' | 'POST' | 'PUT', session: Session, url: string, payload?: unknown) =>
    t.request(method, url, { session, ...(payload === undefined ? {} : { body: payload }) });
  const ok = (response: { statusCode: number; body: string; json: () => unknown }): Reply => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const fields = (response: { json: () => unknown }) =>
    ((response.json() as Reply).errors ?? []).map((e: { field: string }) => e.field);
  const count = async (table: string) =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.handle.db))
        .rows[0]?.n,
    );
  const project = (over: Record<string, unknown> = {}) => ({
    planYear: 2026,
    code: 'P-001',
    name: '办公设备采购',
    kind: 'goods',
    budget: '5000000',
    suitedToSmes: true,
    announcementDate: '2026-03-01',
    way: 'lots',
    reservedAmount: '1000000',
    smallMicroReserved: '600000',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    official = await signIn(t, await anOfficial(db, { region: '320583' }));
    farOfficial = await signIn(t, await anOfficial(db, { region: '110101' }));
    buyer = await signIn(t, await aBuyer(db, body));
    otherBuyer = await signIn(t, await aBuyer(db, other));
    strayBuyer = await signIn(t, await aBuyer(db, aPublicBody('320583', '未登记单位')));
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
  });
  afterAll(() => t.close());

  it('a supervising official registers the bodies of their region; a USCC once, another region refused', async () => {
    const made = ok(
      await request('POST', official, '/api/procurement/bodies', {
        uscc: body.uscc,
        name: body.name,
        regionCode: '320583',
        kind: 'government',
      }),
    );
    bodyId = made.id;
    expect(made).toMatchObject({ buyers: 0, version: 1 });
    ok(
      await request('POST', official, '/api/procurement/bodies', {
        uscc: other.uscc,
        name: other.name,
        regionCode: '320583',
        kind: 'public_institution',
      }),
    );
    const again = await request('POST', official, '/api/procurement/bodies', {
      uscc: body.uscc,
      name: '重名',
      regionCode: '320583',
      kind: 'government',
    });
    expect(fields(again)).toEqual(['uscc']);
    const far = await request('POST', farOfficial, '/api/procurement/bodies', {
      uscc: aPublicBody('320583').uscc,
      name: '越权登记',
      regionCode: '320583',
      kind: 'government',
    });
    expect(far.statusCode).toBe(403);
    const listed = ok(await request('GET', official, '/api/procurement/bodies'));
    expect(listed.items.find((b: Reply) => b.id === bodyId)).toMatchObject({ buyers: 1 });
    expect(ok(await request('GET', farOfficial, '/api/procurement/bodies')).total).toBe(0);
  });

  it('a buyer of a body not registered is told so', async () => {
    const response = await request('POST', strayBuyer, '/api/procurement/projects', project());
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain('尚未登记');
  });

  it('plans a project with what the rules require, and says where the plan falls short', async () => {
    const made = ok(await request('POST', buyer, '/api/procurement/projects', project()));
    expect(made.requirement).toMatchObject({
      mode: 'share',
      rulesId: '2023-01',
      reservedAmountMin: '1500000',
      smallMicroAmountMin: '900000',
    });
    expect(made.shortfalls.map((s: Reply) => s.field)).toEqual(['reservedAmount', 'smallMicroReserved']);
    const fixed = ok(
      await request('PUT', buyer, `/api/procurement/projects/${made.id}`, {
        ...project({ reservedAmount: '1500000', smallMicroReserved: '900000' }),
        version: made.version,
      }),
    );
    expect(fixed.shortfalls).toEqual([]);
    const stale = await request('PUT', buyer, `/api/procurement/projects/${made.id}`, {
      ...project(),
      version: made.version,
    });
    expect(stale.statusCode).toBe(409);
    const whole = ok(
      await request(
        'POST',
        buyer,
        '/api/procurement/projects',
        project({
          code: 'P-002',
          budget: '1800000',
          way: 'whole',
          reservedAmount: undefined,
          smallMicroReserved: '1200000',
        }),
      ),
    );
    expect(whole).toMatchObject({
      reservedAmount: '1800000',
      shortfalls: [],
      requirement: { mode: 'whole' },
    });
    const short = ok(await request('GET', official, '/api/procurement/projects?short=true'));
    expect(short.total).toBe(0);
  });

  it('refuses bad input on its field and writes nothing', async () => {
    const before = await count('procurement_projects');
    const audits = await count('audit_log');
    const noReason = await request(
      'POST',
      buyer,
      '/api/procurement/projects',
      project({
        code: 'X-1',
        suitedToSmes: false,
        way: undefined,
        reservedAmount: undefined,
        smallMicroReserved: undefined,
      }),
    );
    expect(fields(noReason)).toEqual(['exemption']);
    const early = await request(
      'POST',
      buyer,
      '/api/procurement/projects',
      project({ code: 'X-2', announcementDate: '2020-12-31', planYear: 2021 }),
    );
    expect(fields(early)).toEqual(['announcementDate']);
    // Announced after its plan year: refused, saying so.
    const late = await request(
      'POST',
      buyer,
      '/api/procurement/projects',
      project({ code: 'X-2b', announcementDate: '2027-02-01', planYear: 2026 }),
    );
    expect(fields(late)).toEqual(['announcementDate']);
    expect(late.json().errors[0].message).toContain('晚于计划年度（2026年）');
    const share = await request(
      'POST',
      buyer,
      '/api/procurement/projects',
      project({ code: 'X-3', way: 'consortium', partnerShare: '100.01' }),
    );
    expect(fields(share)).toEqual(['partnerShare']);
    const over = await request(
      'POST',
      buyer,
      '/api/procurement/projects',
      project({ code: 'X-4', reservedAmount: '6000000' }),
    );
    expect(fields(over)).toContain('reservedAmount');
    const negative = await request(
      'POST',
      buyer,
      '/api/procurement/projects',
      project({ code: 'X-5', budget: '-1' }),
    );
    expect(negative.statusCode).toBe(400);
    expect(fields(negative)).toEqual(['budget']);
    const noKind = await request(
      'POST',
      buyer,
      '/api/procurement/projects',
      project({ code: 'X-6', kind: undefined }),
    );
    expect(fields(noKind)).toEqual(['kind']);
    const duplicate = await request('POST', buyer, '/api/procurement/projects', project());
    expect(fields(duplicate)).toEqual(['code']);
    expect(await count('procurement_projects')).toBe(before);
    expect(await count('audit_log')).toBe(audits);
  });

  it('keeps one body’s plan from another body’s buyer and another region’s official', async () => {
    const mine = ok(await request('GET', buyer, '/api/procurement/projects'));
    const id = mine.items[0].id;
    expect((await request('GET', otherBuyer, `/api/procurement/projects/${id}`)).statusCode).toBe(404);
    const acting = await request('PUT', otherBuyer, `/api/procurement/projects/${id}`, {
      ...project(),
      version: 9,
    });
    expect(acting.statusCode).toBe(404);
    expect(ok(await request('GET', otherBuyer, '/api/procurement/projects')).total).toBe(0);
    expect((await request('GET', farOfficial, `/api/procurement/projects/${id}`)).statusCode).toBe(403);
    expect(ok(await request('GET', official, '/api/procurement/projects')).total).toBe(2);
  });

  it('records awards with declarations checked; the year’s shares follow', async () => {
    const plan = ok(await request('GET', buyer, '/api/procurement/projects?q=P-001'));
    const p1 = plan.items[0];
    const retailer = await anEnterprise(t.handle.db, {
      region: '320583',
      industryCode: 'F52',
      employees: 60,
      revenue: 600,
    });
    const beforeAwards = await count('procurement_awards');
    const early = await request('POST', buyer, `/api/procurement/projects/${p1.id}/awards`, {
      awardedOn: '2026-02-01',
      supplierName: '早到公司',
      amount: '100000',
      reserved: true,
      declaredSize: 'small',
      role: 'single',
    });
    expect(fields(early)).toEqual(['awardedOn']);
    const consortium = await request('POST', buyer, `/api/procurement/projects/${p1.id}/awards`, {
      awardedOn: '2026-04-01',
      supplierName: '联合体',
      amount: '100000',
      reserved: false,
      declaredSize: 'medium',
      role: 'consortium',
    });
    expect(fields(consortium)).toEqual(['smallMicroShare']);
    const badDate = await request('POST', buyer, `/api/procurement/projects/${p1.id}/awards`, {
      awardedOn: '2026-04-01',
      supplierName: '某公司',
      amount: '100000',
      reserved: true,
      declaredSize: 'small',
      role: 'single',
      declarations: [
        {
          item: '打印机',
          tenderIndustryCode: 'F52',
          signedOn: '2026-02-30',
          figuresYear: 2025,
          employees: 1,
          operatingRevenue: 1,
          declaredSize: 'micro',
        },
      ],
    });
    expect(fields(badDate)).toEqual(['declarations[0].signedOn']);
    expect(await count('procurement_awards')).toBe(beforeAwards);

    const award = ok(
      await request('POST', buyer, `/api/procurement/projects/${p1.id}/awards`, {
        awardedOn: '2026-04-10',
        supplierUscc: retailer.uscc,
        supplierName: retailer.name,
        amount: '1500000',
        reserved: true,
        declaredSize: 'small',
        role: 'single',
        declarations: [
          {
            item: '打印机',
            tenderIndustryCode: 'F52',
            signedOn: '2026-03-20',
            figuresYear: 2025,
            employees: 60,
            operatingRevenue: 600,
            declaredSize: 'small',
          },
        ],
      }),
    );
    expect(award).toMatchObject({
      smeAmount: '1500000',
      smallMicroAmount: '1500000',
      enterpriseId: retailer.id,
    });
    expect(award.flags).toEqual(['size_differs']);
    expect(award.declarations[0]).toMatchObject({ standardSize: 'medium' });
    expect(award.declarations[0].findings[0].detail.zh).toContain('中型');
    ok(
      await request('POST', buyer, `/api/procurement/projects/${p1.id}/awards`, {
        awardedOn: '2026-05-10',
        supplierName: '某大型集团',
        amount: '3000000',
        reserved: false,
        declaredSize: 'large',
        role: 'subcontract',
        smallMicroShare: '30',
      }),
    );
    const flagged = ok(await request('GET', official, '/api/procurement/awards?flagged=true'));
    expect(flagged.items.map((a: Reply) => a.id)).toEqual([award.id]);

    const shares = ok(await request('GET', official, '/api/procurement/shares?year=2026'));
    // Awarded in suited projects 4,500,000: to SMEs 1,500,000 + 900,000 (30% subcontracted) = 2,400,000 → 53.33%.
    expect(shares.total).toMatchObject({
      contracts: 2,
      awardedSuited: '4500000',
      awardedSme: '2400000',
      awardedSmallMicro: '2400000',
      awardedShare: '53.33',
      meetsSme: true,
      meetsSmallMicro: true,
      grade: 'A+',
    });
    expect(shares.bodies.items.find((b: Reply) => b.bodyId === bodyId)).toMatchObject({ contracts: 2 });
    expect(shares.below).toBe(0);
    // The roll-up rebuilt from the rows holds what the changes kept.
    const kept = await sql`select * from procurement_shares order by body_id, year, kind`.execute(
      t.handle.db,
    );
    await rebuildShares(t.handle.db);
    expect(
      (await sql`select * from procurement_shares order by body_id, year, kind`.execute(t.handle.db)).rows,
    ).toEqual(kept.rows);
    const csv = await request('GET', official, '/api/procurement/shares/export?year=2026&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('procurement-shares-2026-320583.csv');
    expect(csv.body).toContain('昆山市测试局');
    expect(csv.body).toContain('53.33');
    expect(ok(await request('GET', admin, '/api/procurement/shares?year=2026')).total.contracts).toBe(2);
    expect(
      (await request('GET', farOfficial, '/api/procurement/shares?year=2026&regionCode=320583')).statusCode,
    ).toBe(403);
    const home = ok(await request('GET', buyer, '/api/home'));
    expect(home.buyingBody).toMatchObject({ id: bodyId, contracts: 2 });
  });

  it('a project with awards is not cancelled; one without leaves the year’s figures', async () => {
    const plan = ok(await request('GET', buyer, '/api/procurement/projects'));
    const awarded = plan.items.find((p: Reply) => p.code === 'P-001');
    const refused = await request('POST', buyer, `/api/procurement/projects/${awarded.id}/cancel`, {
      version: awarded.version,
    });
    expect(fields(refused)).toEqual(['version']);
    const open = plan.items.find((p: Reply) => p.code === 'P-002');
    ok(
      await request('POST', buyer, `/api/procurement/projects/${open.id}/cancel`, { version: open.version }),
    );
    const shares = ok(await request('GET', official, '/api/procurement/shares?year=2026'));
    expect(shares.total).toMatchObject({ projects: 1, suitedProjects: 1, suitedBudget: '5000000' });
  });

  it('counts beside the suited budget the projects suited to SMEs, of all the year’s projects', async () => {
    const notSuited = ok(
      await request(
        'POST',
        buyer,
        '/api/procurement/projects',
        project({
          code: 'N-001',
          name: '专用设备采购',
          suitedToSmes: false,
          exemption: 'irreplaceable',
          exemptionNote: '原厂专有技术',
          way: undefined,
          reservedAmount: undefined,
          smallMicroReserved: undefined,
        }),
      ),
    );
    const shares = ok(await request('GET', official, '/api/procurement/shares?year=2026'));
    expect(shares.total).toMatchObject({ projects: 2, suitedProjects: 1, suitedBudget: '5000000' });
    expect(shares.byKind).toEqual([
      expect.objectContaining({ kind: 'goods', projects: 2, suitedProjects: 1, suitedBudget: '5000000' }),
    ]);
    expect(shares.bodies.items.find((b: Reply) => b.bodyId === bodyId)).toMatchObject({
      projects: 2,
      suitedProjects: 1,
    });
    const csv = await request('GET', official, '/api/procurement/shares/export?year=2026&format=csv');
    expect(csv.body).toContain('其中适宜中小企业的项目数');
    ok(
      await request('POST', buyer, `/api/procurement/projects/${notSuited.id}/cancel`, {
        version: notSuited.version,
      }),
    );
    expect(ok(await request('GET', official, '/api/procurement/shares?year=2026')).total).toMatchObject({
      projects: 1,
      suitedProjects: 1,
    });
  });

  it('checks a declaration on its own against the standard; a wrong year, an unknown industry, a bad USCC refused at once', async () => {
    const declaration = {
      item: '复印纸',
      tenderIndustryCode: 'F52',
      declaredIndustryCode: 'C22',
      signedOn: '2024-05-10',
      figuresYear: 2023,
      employees: 60,
      operatingRevenue: 600,
      declaredSize: 'small',
    };
    const check = ok(await request('POST', official, '/api/procurement/declarations/check', { declaration }));
    expect(check.findings.map((f: Reply) => f.code)).toEqual(['wrong_industry', 'size_differs']);
    const bad = aPublicBody('320583').uscc;
    const refused = await request('POST', official, '/api/procurement/declarations/check', {
      declaration: { ...declaration, figuresYear: 2022, tenderIndustryCode: 'Z99' },
      supplierUscc: `${bad.slice(0, 17)}${bad.endsWith('0') ? '1' : '0'}`,
    });
    expect(refused.statusCode).toBe(400);
    expect(fields(refused).sort()).toEqual([
      'declaration.figuresYear',
      'declaration.tenderIndustryCode',
      'supplierUscc',
    ]);
    const messages = refused.json().errors.map((e: Reply) => e.message);
    expect(messages.join()).toContain('2023年');
    expect(messages.join()).toContain('校验位');
  });

  it('rechecks the region’s declarations against the registry as it is now, as a background job', async () => {
    const flagged = ok(await request('GET', official, '/api/procurement/awards?flagged=true'));
    const award = ok(await request('GET', official, `/api/procurement/awards/${flagged.items[0].id}`));
    expect(award.declarations[0].findings.map((f: Reply) => f.code)).toEqual(['size_differs']);
    // The registry learns other 2025 figures for the supplier.
    const figures = await request('PUT', admin, `/api/enterprises/${award.enterpriseId}/figures/2025`, {
      employees: 400,
      operatingRevenue: 30000,
      totalAssets: null,
    });
    expect(figures.statusCode, figures.body).toBe(200);
    const queued = ok(
      await request('POST', official, '/api/procurement/declarations/recheck', { year: 2026 }),
    );
    expect(queued).toMatchObject({ status: 'queued', regionCode: '320583', year: 2026 });
    // Asked again while queued: the same job answers.
    expect(
      ok(await request('POST', official, '/api/procurement/declarations/recheck', { year: 2026 })).id,
    ).toBe(queued.id);
    expect(
      (await request('GET', farOfficial, `/api/procurement/declarations/recheck/${queued.id}`)).statusCode,
    ).toBe(403);
    expect(await runDueJobs(t.handle.db, { 'procurement-recheck': procurementRecheckHandler() })).toBe(1);
    const done = ok(await request('GET', official, `/api/procurement/declarations/recheck/${queued.id}`));
    expect(done).toMatchObject({ status: 'succeeded', checked: 1, changed: 1, flagged: 1 });
    const after = ok(await request('GET', official, `/api/procurement/awards/${award.id}`));
    expect(after.declarations[0].findings.map((f: Reply) => f.code)).toEqual([
      'size_differs',
      'figures_differ',
    ]);
    expect(after.declarations[0].registrySize).toBe('large');
    // The award shows the size its check used, and when: the recheck's.
    expect(after.registrySize).toBe('large');
    expect(after.registryFiguresYear).toBe(2025);
    expect(after.registryCheckedAt).toBe(after.declarations[0].checkedAt);
    expect(new Date(after.registryCheckedAt).getTime()).toBeGreaterThan(
      new Date(award.registryCheckedAt).getTime(),
    );
    // The run's result by body: its declarations newly flagged, with the awards; the earlier runs listed.
    expect(done).toMatchObject({ newlyFlagged: 1, cleared: 0 });
    expect(done.bodies).toEqual([
      { bodyId, bodyName: body.name, newlyFlagged: 1, cleared: 0, awards: [award.id] },
    ]);
    const runs = ok(await request('GET', official, '/api/procurement/declarations/recheck?year=2026'));
    expect(runs.items.map((r: Reply) => [r.id, r.status])).toEqual([[queued.id, 'succeeded']]);
    expect(
      ok(await request('GET', official, '/api/procurement/declarations/recheck?year=2025')).items,
    ).toEqual([]);
    expect(ok(await request('GET', farOfficial, '/api/procurement/declarations/recheck')).items).toEqual([]);
    expect(ok(await request('GET', admin, '/api/procurement/declarations/recheck')).items).toHaveLength(1);
  });

  it('a recheck cut off after its first batch keeps that batch, and running it again finishes the rest', async () => {
    // Three more declarations on the flagged award's supplier, checked as they were (nothing flagged then).
    const plan = ok(await request('GET', buyer, '/api/procurement/projects?q=P-001'));
    const supplier = await anEnterprise(t.handle.db, {
      region: '320583',
      industryCode: 'F52',
      employees: 5,
      revenue: 50,
    });
    for (const n of [1, 2, 3])
      ok(
        await request('POST', buyer, `/api/procurement/projects/${plan.items[0].id}/awards`, {
          awardedOn: `2026-06-0${n}`,
          supplierUscc: supplier.uscc,
          supplierName: supplier.name,
          amount: '10000',
          reserved: true,
          declaredSize: 'micro',
          role: 'single',
          declarations: [
            {
              item: `文具${n}`,
              tenderIndustryCode: 'F52',
              signedOn: '2026-05-01',
              figuresYear: 2025,
              employees: 5,
              operatingRevenue: 50,
              declaredSize: 'micro',
            },
          ],
        }),
      );
    ok(
      await request('PUT', admin, `/api/enterprises/${supplier.id}/figures/2025`, {
        employees: 80,
        operatingRevenue: 9000,
        totalAssets: null,
      }),
    );
    const stop = new AbortController();
    const seen: number[] = [];
    await expect(
      recheckDeclarations(
        t.handle.db,
        { prefix: '320583', year: 2026 },
        async (p) => {
          seen.push(p.checked);
          stop.abort(new Error('the process was killed'));
        },
        stop.signal,
        2,
      ),
    ).rejects.toThrow('killed');
    expect(seen).toEqual([2]);
    const again = await recheckDeclarations(
      t.handle.db,
      { prefix: '320583', year: 2026 },
      async () => {},
      undefined,
      2,
    );
    // All four declarations read again; the three new ones' results changed, whichever run wrote them.
    expect(again.checked).toBe(4);
    const flaggedNow = ok(await request('GET', official, '/api/procurement/awards?flagged=true&pageSize=50'));
    expect(flaggedNow.total).toBe(4);
    // The first supplier's registry figures corrected to those it declared: 'figures apart' goes, the size
    // mismatch stays; the run counts the declaration as cleared of a flag, not as unchanged.
    const firstId = flaggedNow.items.find((a: Reply) => a.supplierUscc !== supplier.uscc).id;
    const first = ok(await request('GET', official, `/api/procurement/awards/${firstId}`));
    expect(first.declarations[0].findings.map((f: Reply) => f.code)).toContain('figures_differ');
    ok(
      await request('PUT', admin, `/api/enterprises/${first.enterpriseId}/figures/2025`, {
        employees: first.declarations[0].employees,
        operatingRevenue: Number(first.declarations[0].operatingRevenue),
        totalAssets: null,
      }),
    );
    const corrected = await recheckDeclarations(
      t.handle.db,
      { prefix: '320583', year: 2026 },
      async () => {},
    );
    expect(corrected).toMatchObject({ checked: 4, changed: 1, newlyFlagged: 0, cleared: 1 });
    expect(corrected.bodies).toEqual([{ bodyId, newlyFlagged: 0, cleared: 1, awards: [] }]);
    const cleared = ok(await request('GET', official, `/api/procurement/awards/${firstId}`));
    expect(cleared.declarations[0].findings.map((f: Reply) => f.code)).toEqual(['size_differs']);
  });

  it('refuses an award’s every problem at once: a bad supplier USCC, a declaration of the wrong year, signed after the award, of an unknown industry', async () => {
    const plan = ok(await request('GET', buyer, '/api/procurement/projects?q=P-001'));
    const before = await count('procurement_awards');
    const good = aPublicBody('320583').uscc;
    const refused = await request('POST', buyer, `/api/procurement/projects/${plan.items[0].id}/awards`, {
      awardedOn: '2026-06-10',
      supplierUscc: `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`,
      supplierName: '某公司',
      amount: '10000',
      reserved: true,
      declaredSize: 'small',
      role: 'single',
      declarations: [
        {
          item: '文具',
          tenderIndustryCode: 'F52',
          signedOn: '2026-05-01',
          figuresYear: 2024,
          employees: 5,
          operatingRevenue: 50,
          declaredSize: 'micro',
        },
        {
          item: '纸张',
          tenderIndustryCode: 'F52',
          declaredIndustryCode: 'X1',
          signedOn: '2026-06-20',
          figuresYear: 2025,
          employees: 5,
          declaredSize: 'micro',
        },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual([
      'supplierUscc',
      'declarations[0].figuresYear',
      'declarations[1].signedOn',
      'declarations[1].declaredIndustryCode',
    ]);
    expect(refused.json().errors[1].message).toContain('2025');
    expect(await count('procurement_awards')).toBe(before);
    // A body's USCC is checked to its check character too.
    const badBody = await request('POST', official, '/api/procurement/bodies', {
      uscc: `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`,
      name: '校验位错误的单位',
      regionCode: '320583',
      kind: 'government',
    });
    expect(fields(badBody)).toEqual(['uscc']);
    expect(badBody.json().errors[0].message).toContain('校验位');
  });

  it('flags a small or micro award recorded without a declaration: “no declaration”, among the flagged', async () => {
    const plan = ok(await request('GET', buyer, '/api/procurement/projects?q=P-001'));
    const bare = ok(
      await request('POST', buyer, `/api/procurement/projects/${plan.items[0].id}/awards`, {
        awardedOn: '2026-06-11',
        supplierName: '无声明函的小微企业',
        amount: '20000',
        reserved: true,
        declaredSize: 'small',
        role: 'single',
      }),
    );
    expect(bare.flags).toEqual(['no_declaration']);
    expect(bare.declarations).toEqual([]);
    const flagged = ok(await request('GET', official, '/api/procurement/awards?flagged=true&pageSize=50'));
    expect(flagged.items.find((a: Reply) => a.id === bare.id)?.flags).toEqual(['no_declaration']);
    // A large winner files none: nothing to flag.
    const large = ok(await request('GET', official, '/api/procurement/awards?q=某大型集团'));
    expect(large.items[0].flags).toEqual([]);
  });

  it('shows beside each body’s shares how much rests on flagged declarations, still counted by the size declared', async () => {
    const flaggedAwards = ok(
      await request('GET', official, '/api/procurement/awards?flagged=true&year=2026&pageSize=100'),
    ).items.filter((a: Reply) => a.bodyId === bodyId && a.suitedToSmes && Number(a.smeAmount) > 0);
    // The size_differs award (1,500,000) and the one without a declaration (20,000) at least.
    expect(flaggedAwards.length).toBeGreaterThanOrEqual(2);
    const sum = (key: 'smeAmount' | 'smallMicroAmount') =>
      String(flaggedAwards.reduce((total: number, a: Reply) => total + Number(a[key]), 0));
    const shares = ok(await request('GET', official, '/api/procurement/shares?year=2026'));
    const body = shares.bodies.items.find((b: Reply) => b.bodyId === bodyId);
    expect(body.flagged).toEqual({
      awards: flaggedAwards.length,
      smeAmount: sum('smeAmount'),
      smallMicroAmount: sum('smallMicroAmount'),
    });
    // Still counted: the flagged part is within the SME amount the share is computed from.
    expect(Number(body.awardedSme)).toBeGreaterThanOrEqual(Number(body.flagged.smeAmount));
    expect(shares.total.flagged.awards).toBeGreaterThanOrEqual(body.flagged.awards);
    // The large subcontracting winner's 900,000 for SMEs rests on no declaration to flag.
    expect(Number(body.flagged.smeAmount)).toBeLessThan(Number(body.awardedSme));
  });

  it('filters an official’s lists by a region under theirs; one outside or not a region is refused on its field', async () => {
    const all = ok(await request('GET', official, '/api/procurement/awards?pageSize=50'));
    expect(all.total).toBeGreaterThan(0);
    const county = ok(
      await request('GET', official, '/api/procurement/awards?pageSize=50&regionCode=320583'),
    );
    expect(county.total).toBe(all.total);
    expect(ok(await request('GET', admin, '/api/procurement/awards?regionCode=110101')).total).toBe(0);
    expect(
      ok(await request('GET', admin, '/api/procurement/projects?regionCode=320500')).total,
    ).toBeGreaterThan(0);
    const outside = await request('GET', official, '/api/procurement/projects?regionCode=110101');
    expect(outside.statusCode).toBe(403);
    expect(fields(outside)).toEqual(['regionCode']);
    const notRegion = await request('GET', admin, '/api/procurement/awards?regionCode=999999');
    expect(notRegion.statusCode).toBe(400);
    expect(fields(notRegion)).toEqual(['regionCode']);
    expect(fields(await request('GET', buyer, '/api/procurement/awards?regionCode=320583'))).toEqual([
      'regionCode',
    ]);
  });
  it('lets a buyer withdraw an award recorded in error, saying why: audited, the year’s figures follow', async () => {
    const listed = ok(await request('GET', buyer, '/api/procurement/awards?q=无声明函的小微企业'));
    const award = listed.items[0];
    expect(award).toBeDefined();
    const before = ok(await request('GET', official, '/api/procurement/shares?year=2026')).total.contracts;
    const short = await request('POST', buyer, `/api/procurement/awards/${award.id}/withdraw`, {
      reason: ' 错',
    });
    expect(fields(short)).toEqual(['reason']);
    expect(
      (
        await request('POST', official, `/api/procurement/awards/${award.id}/withdraw`, {
          reason: '登记有误',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await request('POST', otherBuyer, `/api/procurement/awards/${award.id}/withdraw`, {
          reason: '登记有误',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      ok(
        await request('POST', buyer, `/api/procurement/awards/${award.id}/withdraw`, {
          reason: '供应商名称登记有误',
        }),
      ),
    ).toEqual({ id: award.id, projectId: award.projectId });
    expect((await request('GET', buyer, `/api/procurement/awards/${award.id}`)).statusCode).toBe(404);
    expect(ok(await request('GET', official, '/api/procurement/shares?year=2026')).total.contracts).toBe(
      before - 1,
    );
    const { rows } = await sql<{ summary: Reply }>`select summary from audit_log
      where action = 'procurement.award_withdrawn' and target_id = ${String(award.id)}`.execute(t.handle.db);
    expect(rows[0]?.summary).toMatchObject({ reason: '供应商名称登记有误', amount: '20000' });
  });

  it('refuses a budget of 0 on its field: a budget must be more than 0, in either language; nothing written', async () => {
    const before = await count('procurement_projects');
    const zero = await request(
      'POST',
      buyer,
      '/api/procurement/projects',
      project({ code: 'P-ZERO', budget: '0' }),
    );
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors).toContainEqual({ field: 'budget', message: '预算须大于 0' });
    const english = await t.request('POST', '/api/procurement/projects', {
      session: buyer,
      headers: { 'accept-language': 'en' },
      body: project({ code: 'P-ZERO', budget: '0.00', reservedAmount: '0', smallMicroReserved: '0' }),
    });
    expect(english.json().errors).toEqual([{ field: 'budget', message: 'must be more than 0' }]);
    expect(await count('procurement_projects')).toBe(before);
  });
});
