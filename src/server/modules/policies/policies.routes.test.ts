/**
 * The policy library end to end: the public searches, reads and checks; an official writes, tests, previews,
 * publishes and amends a policy; matching runs as a job and notifies; an enterprise sees its policies and
 * answers a 免申即享 confirmation; the payout is recorded, exported and counted in the reach statistics.
 * Each scenario builds its own world (enterprises, accounts and policies from the factories), without the demo seed;
 * scenarios that can share a database do, and assert only on what they built.
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import {
  aDailyMatch,
  aDraft,
  anAdmin,
  anAmendmentOf,
  aPlatformDefinition,
  aPlatformPolicy,
  aPolicy,
  aPolicyDefinition,
  type PolicyReply,
} from '../../../../test/helpers/policies-factories.ts';
import { todayInChina } from '../../../shared/today.ts';

/** The national income-tax relief as shipped (its rule and figures), published for the library's tests. */
const SMALL_LOW_PROFIT = aPlatformDefinition({
  id: 'small-low-profit-test',
  title: { zh: '小型微利企业所得税优惠', en: 'Income-tax relief for small low-profit enterprises' },
  issuer: '财政部 税务总局',
  documentNumber: '财政部 税务总局公告2023年第12号',
  topics: ['tax'],
  parameters: {
    taxable_income_max: { unit: '万元', reference: '测试', values: [{ from: '2022-01-01', value: 300 }] },
    employees_max: { unit: 'persons', reference: '测试', values: [{ from: '2022-01-01', value: 300 }] },
    total_assets_max: { unit: '万元', reference: '测试', values: [{ from: '2022-01-01', value: 5000 }] },
  },
  rule: {
    all: [
      { compare: [{ fact: 'taxable_income' }, '<=', { param: 'taxable_income_max' }] },
      { compare: [{ fact: 'employees' }, '<=', { param: 'employees_max' }] },
      { compare: [{ fact: 'total_assets' }, '<=', { param: 'total_assets_max' }] },
    ],
  },
});

describe('the public library of seven published policies', () => {
  let t: TestApp;
  let official: Session;
  let smallLowProfitId: number;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    official = await signIn(t, await anOfficial(t.handle.db));
    smallLowProfitId = await aPlatformPolicy(t.handle.db, SMALL_LOW_PROFIT);
    // Two county financing programmes, one for micro and one for small enterprises.
    await aPlatformPolicy(
      t.handle.db,
      aPlatformDefinition({
        id: 'county-micro-loan',
        regions: ['320583'],
        topics: ['financing'],
        rule: { all: [{ region: ['320583'] }, { size: ['micro'], standard: 'cn-2011' }] },
      }),
    );
    await aPlatformPolicy(
      t.handle.db,
      aPlatformDefinition({
        id: 'county-small-loan',
        regions: ['320583'],
        topics: ['financing'],
        rule: { all: [{ region: ['320583'] }, { size: ['small'], standard: 'cn-2011' }] },
      }),
    );
    await aPlatformPolicy(
      t.handle.db,
      aPlatformDefinition({ id: 'other-county-services', regions: ['320505'], topics: ['services'] }),
    );
    for (const topic of ['services', 'tax', 'services'])
      await aPlatformPolicy(t.handle.db, aPlatformDefinition({ topics: [topic] }));
  });
  afterAll(() => t.close());

  const list = async (query: string) => (await t.request('GET', `/api/public/policies?${query}`)).json();
  const slugs = (page: { items: { slug: string }[] }) => page.items.map((p) => p.slug);

  it('holds every published policy', async () => {
    expect((await list('pageSize=50')).total).toBe(7);
  });

  it('finds a policy by a Chinese word of its title', async () => {
    expect(slugs(await list(`q=${encodeURIComponent('小型微利')}`))).toEqual(['small-low-profit-test']);
  });

  it('finds a policy by its document number', async () => {
    expect(slugs(await list(`q=${encodeURIComponent('2023年第12号')}`))).toContain('small-low-profit-test');
  });

  it('finds nothing for a word no policy has', async () => {
    expect((await list(`q=${encodeURIComponent('住房公积金')}`)).total).toBe(0);
  });

  it('shows a county the national policies and its own, not another county’s', async () => {
    const county = await list('region=320583&pageSize=50');
    expect(county.total).toBe(6);
    expect(slugs(county)).not.toContain('other-county-services');
  });

  it('leaves a county’s programmes out of another county’s list', async () => {
    const otherCounty = await list('region=320505&pageSize=50');
    expect(otherCounty.items.every((p: { regions: string[] }) => !p.regions.includes('320583'))).toBe(true);
    expect(slugs(otherCounty)).toContain('other-county-services');
  });

  it('filters by enterprise size and topic', async () => {
    expect(slugs(await list('size=micro&topic=financing'))).toEqual(['county-micro-loan']);
  });

  it('pages through the library', async () => {
    expect((await list('page=2&pageSize=5')).items).toHaveLength(2);
  });

  it('lists the issuers to filter by', async () => {
    const facets = (await t.request('GET', '/api/public/policies/facets')).json();
    expect(facets.issuers).toContain('财政部 税务总局');
  });

  it('refuses a region that is no region code (400 on region)', async () => {
    const bad = await t.request('GET', '/api/public/policies?region=999999');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('region');
  });

  it.each(['！？。', '……', '-', '%', '😀🎉', ' 《》 ', '\u200d'])(
    'finds nothing for a public search of only punctuation, symbols or emoji, and says why: %j',
    async (q) => {
      const response = await t.request('GET', `/api/public/policies?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, q).toBe(200);
      expect(response.json(), q).toEqual({
        items: [],
        total: 0,
        page: 1,
        pageSize: 20,
        notice: 'query_has_no_words',
      });
    },
  );

  // Officials' list too (its search also looks in slugs, which are full of "-").
  it.each(['-', '——', '🙂'])('finds nothing for an official’s search of only %j, and says why', async (q) => {
    const response = await t.request('GET', `/api/policies?q=${encodeURIComponent(q)}`, {
      session: official,
    });
    expect(response.statusCode, q).toBe(200);
    expect(response.json(), q).toMatchObject({ items: [], total: 0, notice: 'query_has_no_words' });
  });

  it('searches a public query with a word among the punctuation as usual, without the notice', async () => {
    const worded = await list(`q=${encodeURIComponent('《小型微利》！')}`);
    expect(slugs(worded)).toEqual(['small-low-profit-test']);
    expect(worded.notice).toBeUndefined();
  });

  it('searches an official’s query with words as usual, without the notice', async () => {
    const listed = (
      await t.request('GET', `/api/policies?q=${encodeURIComponent('小型微利')}`, { session: official })
    ).json();
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.notice).toBeUndefined();
  });

  describe('a published policy read and checked by anyone, without an account', () => {
    const check = (body: unknown) =>
      t.request('POST', `/api/public/policies/${smallLowProfitId}/check`, { body });

    it('shows the policy with its document number and its one version', async () => {
      const policy = (await t.request('GET', `/api/public/policies/${smallLowProfitId}`)).json();
      expect(policy.documentNumber).toBe('财政部 税务总局公告2023年第12号');
      expect(policy.versions).toHaveLength(1);
    });

    it('finds figures within every limit eligible and explains it', async () => {
      const eligible = await check({
        date: '2026-05-31',
        figures: [{ year: 2025, taxableIncome: 280, employees: 120, totalAssets: 3000 }],
      });
      expect(eligible.statusCode).toBe(200);
      expect(eligible.json().outcome).toBe('eligible');
      expect(JSON.stringify(eligible.json().explanation)).toContain('280 万元 ≤ 300 万元 ✓');
    });

    it('finds figures over one limit not eligible, a near miss naming the figure', async () => {
      const near = (
        await check({
          date: '2026-05-31',
          figures: [{ year: 2025, taxableIncome: 310, employees: 120, totalAssets: 3000 }],
        })
      ).json();
      expect(near.outcome).toBe('not_eligible');
      expect(near.nearMiss.text.zh).toContain('应纳税所得额');
    });

    it('cannot tell without figures, and names what is missing', async () => {
      const unknown = (await check({ date: '2026-05-31' })).json();
      expect(unknown.outcome).toBe('unknown');
      expect(unknown.missing.map((m: { zh: string }) => m.zh).join()).toContain('应纳税所得额');
    });

    it('refuses two sets of figures for one year (400 on the second)', async () => {
      const twice = await check({ figures: [{ year: 2025 }, { year: 2025 }] });
      expect(twice.statusCode).toBe(400);
      expect(twice.json().errors[0].field).toBe('figures.1.year');
    });
  });
});

// Scenarios that share one database: each builds its own accounts and policies and reads only those.
describe('writing policies', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  describe('saving a policy that is not right', () => {
    let official: Session;

    beforeAll(async () => {
      official = await signIn(t, await anOfficial(t.handle.db));
    });

    const create = (definition: unknown) =>
      t.request('POST', '/api/policies', { session: official, body: { definition } });

    it('refuses a rule on an unknown fact with the path of the bad node', async () => {
      const unknownFact = await create(
        aPolicyDefinition({ rule: { all: [{ compare: [{ fact: 'profit' }, '>', 0] }] } }),
      );
      expect(unknownFact.statusCode).toBe(400);
      expect(unknownFact.json().errors[0].field).toBe('definition.rule.all[0].compare[0].fact');
    });

    it('refuses a ratio whose divisor can be zero with the path of the bad node', async () => {
      const zeroable = await create(
        aPolicyDefinition({
          rule: { compare: [{ ratio: [{ fact: 'rd_expense' }, { fact: 'operating_revenue' }] }, '>=', 0.05] },
        }),
      );
      expect(zeroable.statusCode).toBe(400);
      expect(zeroable.json().errors[0].field).toMatch(/^definition\.rule\.compare\[0\]/);
    });

    it('refuses a bad YAML file naming what is missing and the line of a bad value', async () => {
      const yaml = await t.request('POST', '/api/policies/yaml', {
        session: official,
        body: {
          yaml: 'id: kunshan-bad\ntitle: { zh: 测试 }\nissuer: 昆山\neffectiveFrom: 2026-02-30\nregions: ["320583"]\nmethod: fast\nbenefit: { zh: 无 }\nrule: { region: ["320583"] }\n',
        },
      });
      expect(yaml.statusCode).toBe(400);
      const messages = yaml
        .json()
        .errors.map((e: { field: string; message: string }) => `${e.field} ${e.message}`);
      expect(messages.join('\n')).toMatch(/documentNumber .*缺少/);
      expect(messages.join('\n')).toMatch(/effectiveFrom 第 4 行/);
    });

    it('refuses a policy for a region outside the official’s scope (403 on the region)', async () => {
      const outOfScope = await create(aPolicyDefinition({ regions: ['320505'] }));
      expect(outOfScope.statusCode).toBe(403);
      expect(outOfScope.json()).toMatchObject({
        code: 'OUT_OF_SCOPE',
        errors: [{ field: 'definition.regions.0', message: '地区 320505 不在您的管辖范围内' }],
      });
    });

    it('refuses a YAML alias bomb ("billion laughs") with 400 and its line, storing nothing', async () => {
      const lines = ['id: bomb', 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 10; i++)
        lines.push(
          `l${i}: &l${i} [${Array(9)
            .fill(`*l${i - 1}`)
            .join(', ')}]`,
        );
      const response = await t.request('POST', '/api/policies/yaml', {
        session: official,
        body: { yaml: lines.join('\n') },
        headers: { 'accept-language': 'en' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'yaml', message: expect.stringMatching(/line 6.*alias bomb/) }],
      });
      const stored = await t.handle.db
        .selectFrom('policies')
        .select('id')
        .where('slug', '=', 'bomb')
        .execute();
      expect(stored).toEqual([]);
    });
  });

  describe('a county draft and an official of another county', () => {
    let official: Session;
    let outsider: Session;
    let draft: PolicyReply;
    let definition: Record<string, unknown>;

    beforeAll(async () => {
      official = await signIn(t, await anOfficial(t.handle.db));
      outsider = await signIn(t, await anOfficial(t.handle.db, { region: '320505' }));
      definition = aPolicyDefinition();
      draft = await aDraft(t, official, definition);
    });

    const saveAs = (session: Session, body: { definition: unknown; version: number }, id = draft.id) =>
      t.request('PUT', `/api/policies/${id}`, { session, body });

    // The outsider is answered 403 before anything they sent is looked at.
    it.each([
      ['a definition that is not a policy', () => ({ nonsense: true }), 0],
      ['a definition with another id', () => ({ ...definition, id: 'renamed' }), 0],
      ['a definition moved into the outsider’s county', () => ({ ...definition, regions: ['320505'] }), 0],
      ['a valid definition', () => definition, 0],
      ['a stale version', () => definition, 5],
    ] as const)('answers the outsider 403 for %s', async (what, definitionOf, versionAhead) => {
      const response = await saveAs(outsider, {
        definition: definitionOf(),
        version: draft.version + versionAhead,
      });
      expect(response.statusCode, what).toBe(403);
      expect(response.json(), what).toMatchObject({ code: 'OUT_OF_SCOPE' });
      expect(response.json().errors, what).toBeUndefined();
    });

    it('answers 404 for a policy that does not exist', async () => {
      const missing = await saveAs(outsider, { definition: { nonsense: true }, version: 1 }, 999999);
      expect(missing.statusCode).toBe(404);
    });

    it('refuses the owner a move of the draft to a region outside their scope (403 on the region)', async () => {
      const moved = await saveAs(official, {
        definition: { ...definition, regions: ['320583', '320505'] },
        version: draft.version,
      });
      expect(moved.statusCode).toBe(403);
      expect(moved.json()).toMatchObject({
        code: 'OUT_OF_SCOPE',
        errors: [{ field: 'definition.regions.1', message: '地区 320505 不在您的管辖范围内' }],
      });
    });

    it('keeps the draft as it was after the refused saves', async () => {
      await saveAs(outsider, { definition, version: draft.version });
      await saveAs(official, {
        definition: { ...definition, regions: ['320583', '320505'] },
        version: draft.version,
      });
      const stored = await t.handle.db
        .selectFrom('policies')
        .select(['version', 'draft'])
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      expect(stored.version).toBe(draft.version);
      expect((stored.draft as { regions: string[] }).regions).toEqual(['320583']);
    });
  });

  describe('a national policy (admin) and a county’s programme, seen by a county official', () => {
    let admin: Session;
    let official: Session;
    let national: Record<string, unknown>;
    let created: PolicyReply;
    let published: LightMyRequestResponse;
    let edited: LightMyRequestResponse;

    beforeAll(async () => {
      admin = await signIn(t, await anAdmin(t.handle.db));
      official = await signIn(t, await anOfficial(t.handle.db));
      national = aPolicyDefinition({ regions: 'national' });
      created = await aDraft(t, admin, national);
      published = await t.request('POST', `/api/policies/${created.id}/publish`, {
        session: admin,
        body: { version: created.version },
      });
      // The admin starts an amendment; a county official sees the published version only.
      edited = await t.request('PUT', `/api/policies/${created.id}`, {
        session: admin,
        body: {
          definition: { ...national, title: { zh: '草稿中的新标题', en: 'Draft title' } },
          version: published.json().version,
        },
      });
    });

    it('is published by the admin, and its amendment saved as a draft', () => {
      expect(published.statusCode).toBe(200);
      expect(edited.statusCode).toBe(200);
    });

    it('shows a county official the published version only, not editable', async () => {
      const seen = (await t.request('GET', `/api/policies/${created.id}`, { session: official })).json();
      expect(seen).toMatchObject({ editable: false, draftChanged: false });
      expect(seen.draft.title.zh).toBe((national.title as { zh: string }).zh);
    });

    it('keeps the draft’s new title out of a county official’s search', async () => {
      const listed = (
        await t.request('GET', `/api/policies?q=${encodeURIComponent('草稿中')}`, { session: official })
      ).json();
      expect(listed.total).toBe(0);
    });

    it('refuses a county official’s save of it (403)', async () => {
      const saveOther = await t.request('PUT', `/api/policies/${created.id}`, {
        session: official,
        body: { definition: national, version: edited.json().version },
      });
      expect(saveOther.statusCode).toBe(403);
    });

    it('refuses a county official a move of the county’s programme to another province (403 on the region)', async () => {
      const programme = await aPolicy(t, official);
      const stored = await t.handle.db
        .selectFrom('policies')
        .select(['version', 'draft'])
        .where('id', '=', programme.id)
        .executeTakeFirstOrThrow();
      const moved = await t.request('PUT', `/api/policies/${programme.id}`, {
        session: official,
        body: { definition: { ...(stored.draft as object), regions: ['110101'] }, version: stored.version },
      });
      expect(moved.statusCode).toBe(403);
      expect(moved.json()).toMatchObject({
        code: 'OUT_OF_SCOPE',
        errors: [{ field: 'definition.regions.0' }],
      });
    });

    // The public check refuses impossible dates and unknown regions.
    it('refuses an impossible date in the public check (400 on date)', async () => {
      const badDate = await t.request('POST', `/api/public/policies/${created.id}/check`, {
        body: { date: '2026-02-30' },
      });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().errors[0].field).toBe('date');
    });

    it('refuses an unknown region in the public check (400 on regionCode)', async () => {
      const badRegion = await t.request('POST', `/api/public/policies/${created.id}/check`, {
        body: { regionCode: '999999' },
      });
      expect(badRegion.json().errors[0].field).toBe('regionCode');
    });
  });

  describe('a YAML file for an existing policy', () => {
    let admin: Session;
    let id: number;

    beforeAll(async () => {
      admin = await signIn(t, await anAdmin(t.handle.db));
      id = (await aPolicy(t, admin, aPolicyDefinition({ regions: 'national' }))).id;
    });

    // Each test reads the policy as an editor opens it: its YAML and version.
    const opened = async () => (await t.request('GET', `/api/policies/${id}`, { session: admin })).json();
    const upload = (body: { yaml: string; version?: number }) =>
      t.request('POST', '/api/policies/yaml', { session: admin, body });

    it('is refused without the version the editor opened (409)', async () => {
      const { yaml } = await opened();
      expect((await upload({ yaml })).statusCode).toBe(409);
    });

    it('is refused with a stale version (409)', async () => {
      const { yaml, version } = await opened();
      expect((await upload({ yaml, version: version - 1 })).statusCode).toBe(409);
    });

    it('replaces the draft with the version the editor opened', async () => {
      const { yaml, version } = await opened();
      expect((await upload({ yaml, version })).statusCode).toBe(200);
    });
  });
});

// Scenarios that share one database: each builds its own enterprises, accounts and policies; what they assert holds whatever the others added.
describe('matching, notices and withdrawal', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  describe('a county policy from draft through tests, preview, publication, matching, notices and amendment', () => {
    let official: Session;
    const definition = aPolicyDefinition();
    // What each step answered, in the order an official takes them.
    let created: PolicyReply;
    let tests: { passed: number; failed: number };
    let preview: { eligible: number };
    let underLimit: { id: number }[];
    let saved: LightMyRequestResponse;
    let stale: LightMyRequestResponse;
    let refused: LightMyRequestResponse;
    let published: LightMyRequestResponse;
    let matches: { enterprise_id: number; version: number }[];
    let notices: { enterprise_id: number | null }[];
    let noNote: LightMyRequestResponse;
    let amended: LightMyRequestResponse;

    beforeAll(async () => {
      const db = t.handle.db;
      official = await signIn(t, await anOfficial(db));
      // Revenue within the limit, at it, over it, not reported; and one within it in another county.
      for (const revenue of [3000, 5000, 9000]) await anEnterprise(db, { revenue, employees: 30 });
      await anEnterprise(db);
      await anEnterprise(db, { region: '320505', revenue: 1000, employees: 30 });

      created = await aDraft(t, official, definition);
      tests = (
        await t.request('POST', `/api/policies/${created.id}/test`, { session: official, body: {} })
      ).json();
      preview = (await t.request('GET', `/api/policies/${created.id}/preview`, { session: official })).json();
      underLimit = await db
        .selectFrom('enterprises as e')
        .innerJoin('enterprise_figures as f', 'f.enterprise_id', 'e.id')
        .select('e.id')
        .where('e.region_code', '=', '320583')
        .where('e.status', '=', 'active')
        .where('f.year', '=', 2025)
        .where('f.is_current', '=', true)
        .where('f.operating_revenue', '<=', 5000)
        .execute();

      // A test that fails blocks publication.
      const broken = {
        ...definition,
        tests: [{ ...(definition.tests as object[])[0], expect: 'not_eligible' }],
      };
      saved = await t.request('PUT', `/api/policies/${created.id}`, {
        session: official,
        body: { definition: broken, version: created.version },
      });
      stale = await t.request('PUT', `/api/policies/${created.id}`, {
        session: official,
        body: { definition, version: created.version },
      });
      refused = await t.request('POST', `/api/policies/${created.id}/publish`, {
        session: official,
        body: { version: saved.json().version },
      });
      const fixed = (
        await t.request('PUT', `/api/policies/${created.id}`, {
          session: official,
          body: { definition, version: saved.json().version },
        })
      ).json();
      published = await t.request('POST', `/api/policies/${created.id}/publish`, {
        session: official,
        body: { version: fixed.version },
      });
      await t.runJobs();
      matches = await db
        .selectFrom('policy_matches')
        .select(['enterprise_id', 'version'])
        .where('policy_id', '=', created.id)
        .execute();
      notices = await db
        .selectFrom('notifications')
        .select('enterprise_id')
        .where('policy_id', '=', created.id)
        .execute();

      // Amending needs a note, makes version 2, and moves the matches to it.
      const draft2 = { ...definition, benefit: { zh: '按投入的 40% 发放', en: '40% of the cost' } };
      const v = (
        await t.request('PUT', `/api/policies/${created.id}`, {
          session: official,
          body: { definition: draft2, version: published.json().version },
        })
      ).json();
      noNote = await t.request('POST', `/api/policies/${created.id}/publish`, {
        session: official,
        body: { version: v.version },
      });
      amended = await t.request('POST', `/api/policies/${created.id}/publish`, {
        session: official,
        body: { version: v.version, changeNote: '比例提高到 40%' },
      });
      await t.runJobs();
    });

    it('saves a new policy as a draft, with its YAML', () => {
      expect(created.status).toBe('draft');
      expect(created.yaml).toContain(`documentNumber: ${definition.documentNumber}`);
    });

    it('runs the draft’s own tests', () => {
      expect(tests).toMatchObject({ passed: 2, failed: 0 });
    });

    it('previews how many enterprises it would match', () => {
      expect(preview.eligible).toBe(underLimit.length);
      expect(preview.eligible).toBeGreaterThan(0);
    });

    it('saves a draft whose test fails', () => {
      expect(saved.statusCode).toBe(200);
    });

    it('refuses a save on a version that is not the current one (409)', () => {
      expect(stale.statusCode).toBe(409);
    });

    it('refuses to publish while a test fails, naming the test', () => {
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('tests.0');
    });

    it('publishes the fixed draft as version 1', () => {
      expect(published.statusCode).toBe(200);
      expect(published.json()).toMatchObject({ status: 'published', currentVersion: 1, draftChanged: false });
    });

    it('matches the enterprises the preview counted, at version 1', () => {
      expect(matches.map((m) => m.enterprise_id).sort()).toEqual(underLimit.map((r) => r.id).sort());
      expect(matches.every((m) => m.version === 1)).toBe(true);
    });

    it('notifies each matched enterprise', () => {
      expect(notices).toHaveLength(matches.length);
    });

    it('refuses an amendment without a change note (400 on changeNote)', () => {
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().errors[0].field).toBe('changeNote');
    });

    it('publishes the amendment as version 2 and moves the matches to it', async () => {
      expect(amended.json().currentVersion).toBe(2);
      const moved = await t.handle.db
        .selectFrom('policy_matches')
        .select('version')
        .where('policy_id', '=', created.id)
        .execute();
      expect(moved.every((m) => m.version === 2)).toBe(true);
    });

    it('notifies nobody twice for the same policy', async () => {
      const after = await t.handle.db
        .selectFrom('notifications')
        .select('id')
        .where('policy_id', '=', created.id)
        .execute();
      expect(after).toHaveLength(notices.length);
    });

    it('keeps version 1 readable in the library', async () => {
      const v1 = (await t.request('GET', `/api/public/policies/${created.id}?version=1`)).json();
      expect(v1.benefit.zh).toContain('30%');
    });

    it('audits every save, the publication and the amendment', async () => {
      const audit = await t.handle.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'policy')
        .where('target_id', '=', String(created.id))
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'policy.created',
        'policy.draft_saved',
        'policy.draft_saved',
        'policy.published',
        'policy.draft_saved',
        'policy.amended',
      ]);
    });

    it('lets an official of the city above the county edit it', async () => {
      const city = await signIn(t, await anOfficial(t.handle.db, { region: '320500' }));
      const cityView = (await t.request('GET', `/api/policies/${created.id}`, { session: city })).json();
      expect(cityView.editable).toBe(true);
    });

    it('refuses the officials’ view of it to an enterprise user (403)', async () => {
      const enterprise = await signIn(
        t,
        await anEnterpriseUser(t.handle.db, await anEnterprise(t.handle.db)),
      );
      const enterpriseView = await t.request('GET', `/api/policies/${created.id}`, { session: enterprise });
      expect(enterpriseView.statusCode).toBe(403);
    });
  });

  describe('an enterprise’s policies: eligible, almost and unknown, with a notice of each match', () => {
    let official: Session;
    let firm: MadeEnterprise;
    let enterprise: Session;
    // Enterprises like `firm`, each for one test that changes the state of its inbox.
    let opener: Session;
    let reader: Session;
    let voucher: PolicyReply;
    // Matched before it reports new figures; only the test of reporting touches it.
    let reporter: MadeEnterprise;

    const ownEnterpriseId = async (session: Session) =>
      (
        await t.handle.db
          .selectFrom('users')
          .select('enterprise_id')
          .where('id', '=', session.userId)
          .executeTakeFirstOrThrow()
      ).enterprise_id as number;
    const storedMatches = async (enterpriseId: number) =>
      t.handle.db
        .selectFrom('policy_matches')
        .select('policy_id')
        .where('enterprise_id', '=', enterpriseId)
        .execute();
    const matchNotices = async (session: Session, query = '') =>
      (await t.request('GET', `/api/my/notifications?pageSize=100${query}`, { session }))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'policy_match');

    beforeAll(async () => {
      const db = t.handle.db;
      official = await signIn(t, await anOfficial(db));
      firm = await anEnterprise(db, { revenue: 3000, employees: 50 });
      enterprise = await signIn(t, await anEnterpriseUser(db, firm));
      opener = await signIn(
        t,
        await anEnterpriseUser(db, await anEnterprise(db, { revenue: 3000, employees: 50 })),
      );
      reader = await signIn(
        t,
        await anEnterpriseUser(db, await anEnterprise(db, { revenue: 3000, employees: 50 })),
      );
      reporter = await anEnterprise(db, { revenue: 3000, employees: 50 });
      // Eligible (revenue up to 5000), almost (the county's, revenue up to 2000) and unknown (taxable income).
      voucher = await aPolicy(t, official);
      await aPolicy(
        t,
        official,
        aPolicyDefinition({
          parameters: {},
          rule: { all: [{ region: ['320583'] }, { compare: [{ fact: 'operating_revenue' }, '<=', 2000] }] },
          tests: [],
        }),
      );
      await aPolicy(
        t,
        official,
        aPolicyDefinition({
          parameters: {},
          rule: { compare: [{ fact: 'taxable_income' }, '<=', 300] },
          tests: [],
        }),
      );
      // Also by the policies other scenarios published before these enterprises were written.
      await aDailyMatch(t);
    });

    it('lists the policies it qualifies for as eligible', async () => {
      const mine = (await t.request('GET', '/api/my/policies', { session: enterprise })).json();
      expect(mine.eligible.length + mine.almost.length + mine.unknown.length).toBeGreaterThan(0);
      for (const p of mine.eligible) expect(p.outcome).toBe('eligible');
    });

    it('lists a near miss for each policy it almost qualifies for', async () => {
      const mine = (await t.request('GET', '/api/my/policies', { session: enterprise })).json();
      for (const p of mine.almost) expect(p.nearMiss).not.toBeNull();
    });

    it('qualifies in memory for what the matching job stored', async () => {
      const mine = (await t.request('GET', '/api/my/policies', { session: enterprise })).json();
      const stored = await storedMatches(firm.id);
      expect(mine.eligible.map((p: { id: number }) => p.id).sort()).toEqual(
        stored.map((s) => s.policy_id).sort(),
      );
    });

    it('has an unread notice of each new match in its inbox', async () => {
      const inbox = await matchNotices(enterprise);
      expect(inbox).toHaveLength((await storedMatches(firm.id)).length);
      expect(inbox.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);
    });

    it('has each notice sent by email once (its user has an email address)', async () => {
      expect(t.sent.filter((m) => m.channel === 'email')).toHaveLength(
        await t.handle.db
          .selectFrom('notification_deliveries')
          .select('id')
          .where('status', '=', 'sent')
          .execute()
          .then((r) => r.length),
      );
    });

    it('reads a policy’s notice when the enterprise opens the policy', async () => {
      const stored = await storedMatches(await ownEnterpriseId(opener));
      expect(stored.length).toBeGreaterThan(0);
      const inbox = await matchNotices(opener);
      await t.request('GET', `/api/my/policies/${inbox[0].policyId}`, { session: opener });
      expect(await matchNotices(opener, '&unread=true')).toHaveLength(stored.length - 1);
    });

    it('reads all its notices at once', async () => {
      const all = await t.request('POST', '/api/my/notifications/read', {
        session: reader,
        body: { all: true },
      });
      expect(all.statusCode).toBe(200);
      expect((await t.request('GET', '/api/my/notifications', { session: reader })).json().unread).toBe(0);
    });

    describe('seen by an official of its region', () => {
      let mine: Record<string, { id: number }[]>;
      let response: LightMyRequestResponse;

      beforeAll(async () => {
        mine = (await t.request('GET', '/api/my/policies', { session: enterprise })).json();
        response = await t.request('GET', `/api/enterprises/${firm.id}/policies`, { session: official });
      });

      it('shows the enterprise as active', () => {
        expect(response.statusCode).toBe(200);
        expect(response.json().isActive).toBe(true);
      });

      it('lists its policies as the enterprise sees them', () => {
        const theirs = response.json();
        const ids = (list: { id: number }[]) => list.map((p) => p.id).sort();
        expect(ids(theirs.eligible)).toEqual(ids(mine.eligible ?? []));
        expect(ids(theirs.almost)).toEqual(ids(mine.almost ?? []));
        expect(ids(theirs.unknown)).toEqual(ids(mine.unknown ?? []));
      });

      it('explains each policy it qualifies for', () => {
        for (const p of response.json().eligible) expect(p.explanation.text.zh).toBeTruthy();
      });
    });

    it('refuses an enterprise of another region to the official (403)', async () => {
      const outside = await anEnterprise(t.handle.db, { region: '320505' });
      const refused = await t.request('GET', `/api/enterprises/${outside.id}/policies`, {
        session: official,
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('OUT_OF_SCOPE');
    });

    it('answers 404 for an enterprise that does not exist', async () => {
      expect(
        (await t.request('GET', '/api/enterprises/99999999/policies', { session: official })).statusCode,
      ).toBe(404);
    });

    it('recomputes matches when an enterprise reports new figures', async () => {
      const session = await signIn(t, await anEnterpriseUser(t.handle.db, reporter));
      const id = reporter.id;
      const currentFigures = () =>
        t.handle.db
          .selectFrom('enterprise_figures')
          .selectAll()
          .where('enterprise_id', '=', id)
          .where('year', '=', 2025)
          .where('is_current', '=', true)
          .executeTakeFirstOrThrow();
      const current = await currentFigures();
      const report = async (revenue: number, basedOn: number) =>
        t.request('PUT', `/api/enterprises/${id}/figures/2025`, {
          session,
          body: {
            employees: current.employees,
            operatingRevenue: revenue,
            totalAssets: current.total_assets,
            basedOn,
          },
        });
      const has = async () =>
        (
          await t.handle.db
            .selectFrom('policy_matches')
            .select('enterprise_id')
            .where('policy_id', '=', voucher.id)
            .where('enterprise_id', '=', id)
            .execute()
        ).length;
      expect(await has()).toBe(1);
      const high = await report(9000, current.id);
      expect(high.statusCode).toBe(200);
      await t.runJobs();
      expect(await has()).toBe(0);
      await report(1200, (await currentFigures()).id);
      await t.runJobs();
      expect(await has()).toBe(1);
    });
  });

  describe('a withdrawn policy', () => {
    let policyId: number;
    let withdrawn: LightMyRequestResponse;

    beforeAll(async () => {
      // In a county of its own, so that no other scenario's enterprise is matched (and notified) by it.
      const official = await signIn(t, await anOfficial(t.handle.db, { region: '320506' }));
      await anEnterprise(t.handle.db, { region: '320506', revenue: 3000, employees: 50 });
      const policy = await aPolicy(
        t,
        official,
        aPolicyDefinition({
          regions: ['320506'],
          rule: { all: [{ region: ['320506'] }, { compare: [{ fact: 'operating_revenue' }, '<=', 5000] }] },
          parameters: {},
          tests: [],
        }),
      );
      policyId = policy.id;
      await t.runJobs();
      const generated = await t.request('POST', `/api/policies/${policyId}/benefits/generate`, {
        session: official,
      });
      if (generated.json().listed < 1) throw new Error(`no benefit listed: ${generated.body}`);
      withdrawn = await t.request('POST', `/api/policies/${policyId}/withdraw`, {
        session: official,
        body: { version: policy.version, reason: '资金用完' },
      });
      await t.runJobs();
    });

    it('is withdrawn', () => {
      expect(withdrawn.statusCode).toBe(200);
    });

    it('is out of the library', async () => {
      expect((await t.request('GET', `/api/public/policies/${policyId}`)).statusCode).toBe(404);
    });

    it('keeps its published version readable', async () => {
      expect((await t.request('GET', `/api/public/policies/${policyId}?version=1`)).statusCode).toBe(200);
    });

    it('matches nobody any more', async () => {
      const left = await t.handle.db
        .selectFrom('policy_matches')
        .select('enterprise_id')
        .where('policy_id', '=', policyId)
        .execute();
      expect(left).toHaveLength(0);
    });

    it('keeps its benefits', async () => {
      const benefits = await t.handle.db
        .selectFrom('policy_benefits')
        .select('id')
        .where('policy_id', '=', policyId)
        .execute();
      expect(benefits.length).toBeGreaterThan(0);
    });
  });
});

describe('a 免申即享 benefit: list, confirmation, payout, export and reach', () => {
  let t: TestApp;
  let official: Session;
  let enterprise: Session;
  let voucher: PolicyReply;
  const today = todayInChina();
  // What each step answered, in the order the official and the enterprise take them.
  let listed: { listed: number };
  let sent: { sent: number };
  let mine: { id: number; status: string; version: number; rowVersion: number }[];
  let confirm: LightMyRequestResponse;
  let twice: LightMyRequestResponse;
  let future: LightMyRequestResponse;
  let paid: LightMyRequestResponse;
  let stale: LightMyRequestResponse;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    official = await signIn(t, await anOfficial(db));
    enterprise = await signIn(
      t,
      await anEnterpriseUser(db, await anEnterprise(db, { revenue: 3000, employees: 50 })),
    );
    await anEnterprise(db, { revenue: 4000, employees: 20 });
    await anEnterprise(db, { revenue: 9000, employees: 20 });
    // Published, then amended: the benefits are listed under version 2.
    const definition = aPolicyDefinition();
    const first = await aPolicy(t, official, definition);
    voucher = await anAmendmentOf(t, official, first, {
      ...definition,
      benefit: { zh: '按投入的 40% 发放', en: '40%' },
    });
    await t.runJobs();

    const post = (url: string, session: Session, body?: unknown) => t.request('POST', url, { session, body });
    listed = (await post(`/api/policies/${voucher.id}/benefits/generate`, official)).json();
    sent = (await post(`/api/policies/${voucher.id}/benefits/send`, official)).json();
    mine = (await t.request('GET', '/api/my/benefits', { session: enterprise })).json();
    const benefit = mine[0] as { id: number; rowVersion: number };
    confirm = await post(`/api/my/benefits/${benefit.id}/respond`, enterprise, {
      decision: 'confirm',
      rowVersion: benefit.rowVersion,
    });
    twice = await post(`/api/my/benefits/${benefit.id}/respond`, enterprise, {
      decision: 'decline',
      rowVersion: confirm.json().rowVersion,
    });
    future = await post(`/api/benefits/${benefit.id}/payout`, official, {
      amount: 30000,
      paidOn: '2099-01-01',
      rowVersion: confirm.json().rowVersion,
    });
    paid = await post(`/api/benefits/${benefit.id}/payout`, official, {
      amount: 30000.15,
      paidOn: today,
      rowVersion: confirm.json().rowVersion,
    });
    stale = await post(`/api/benefits/${benefit.id}/payout`, official, {
      amount: 30000,
      paidOn: today,
      rowVersion: confirm.json().rowVersion,
    });
  });
  afterAll(() => t.close());

  it('lists the matched enterprises', () => {
    expect(listed.listed).toBeGreaterThan(0);
  });

  it('lists nobody twice', async () => {
    const again = (
      await t.request('POST', `/api/policies/${voucher.id}/benefits/generate`, { session: official })
    ).json();
    expect(again.listed).toBe(0);
  });

  it('sends a confirmation to each listed enterprise', () => {
    expect(sent.sent).toBe(listed.listed);
  });

  it('shows the enterprise its benefit, sent, under the policy’s current version', () => {
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'sent', version: 2 });
  });

  it('takes the enterprise’s confirmation', () => {
    expect(confirm.statusCode).toBe(200);
  });

  it('refuses a second answer (409)', () => {
    expect(twice.statusCode).toBe(409);
  });

  it('refuses a payout dated in the future (400 on paidOn)', () => {
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('paidOn');
  });

  it('records the payout', () => {
    expect(paid.statusCode).toBe(200);
  });

  it('refuses a payout on a stale row version (409)', () => {
    expect(stale.statusCode).toBe(409);
  });

  it('lists the paid benefit with its amount', async () => {
    const list = (
      await t.request('GET', `/api/policies/${voucher.id}/benefits?status=paid`, { session: official })
    ).json();
    expect(list.total).toBe(1);
    expect(list.paidAmount).toBe(30000.15);
  });

  it('exports a CSV line per listed enterprise, the paid one as the page shows it', async () => {
    const csv = await t.request('GET', `/api/policies/${voucher.id}/benefits/export?format=csv&lang=zh`, {
      session: official,
    });
    expect(csv.statusCode).toBe(200);
    // One line per listed enterprise; the paid one reads as the page shows it: status, amount and dates.
    const [header = [], ...lines] = csv.body
      .replace('\uFEFF', '')
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(','));
    expect(lines).toHaveLength(listed.listed);
    const cell = (row: string[], title: string) => row[header.indexOf(title)];
    const paidLines = lines.filter((row) => cell(row, '状态') === '已兑现');
    expect(paidLines).toHaveLength(1);
    const paidLine = paidLines[0] as string[];
    expect(cell(paidLine, '兑现金额（元）')).toBe('30000.15');
    expect(cell(paidLine, '兑现日期')).toBe(today);
    expect(cell(paidLine, '政策版本')).toBe('2');
    expect(cell(paidLine, '统一社会信用代码')).toMatch(/^[0-9A-Z]{18}$/);
  });

  it('exports the same in an English XLSX workbook', async () => {
    const csv = await t.request('GET', `/api/policies/${voucher.id}/benefits/export?format=csv&lang=zh`, {
      session: official,
    });
    const [header = [], ...lines] = csv.body
      .replace('\uFEFF', '')
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(','));
    const paidLine = lines.find((row) => row[header.indexOf('状态')] === '已兑现') as string[];
    const xlsx = await t.request('GET', `/api/policies/${voucher.id}/benefits/export?format=xlsx&lang=en`, {
      session: official,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const titles = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(titles).toEqual([
      'USCC',
      'Name',
      'Region code',
      'Policy version',
      'Status',
      'Listed at',
      'Sent',
      'Answered',
      'Note',
      'Amount (yuan)',
      'Paid on',
    ]);
    expect(sheet.actualRowCount).toBe(listed.listed + 1);
    const paidRows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(5).value === 'Paid') paidRows.push(row);
    });
    expect(paidRows).toHaveLength(1);
    expect(paidRows[0]?.getCell(1).value).toBe(paidLine[header.indexOf('统一社会信用代码')]);
    expect(paidRows[0]?.getCell(10).value).toBe(30000.15);
    expect(paidRows[0]?.getCell(11).value).toBe(today);
    // Listed today on Beijing's calendar (a listing at 01:30 in Beijing is not yesterday's, as its UTC date would be).
    expect(paidRows[0]?.getCell(6).value).toBe(today);
  });

  it('counts the policy’s reach in the county', async () => {
    const reach = (await t.request('GET', `/api/policies/${voucher.id}/reach`, { session: official })).json();
    expect(reach.total).toMatchObject({ paid: 1, confirmed: 1, paidAmount: 30000.15 });
    expect(reach.total.matched).toBeGreaterThan(0);
    expect(reach.total.notified).toBeGreaterThanOrEqual(reach.total.read);
  });

  it('counts the reach by city for a provincial official', async () => {
    const province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
    const byCity = (
      await t.request('GET', `/api/policies/${voucher.id}/reach`, { session: province })
    ).json();
    expect(byCity.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual(['320500']);
  });

  it('audits the payout once', async () => {
    const payoutAudit = await t.handle.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'policy.payout_recorded')
      .execute();
    expect(payoutAudit).toHaveLength(1);
  });

  it('keeps another county’s reach out of the official’s reach (403 on region)', async () => {
    const outsider = await t.request('GET', `/api/policies/${voucher.id}/reach?region=320505`, {
      session: official,
    });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json()).toMatchObject({ code: 'OUT_OF_SCOPE', errors: [{ field: 'region' }] });
  });
});
