/**
 * The policy library end to end: the public searches, reads and checks; an official writes, tests, previews,
 * publishes and amends a policy; matching runs as a job and notifies; an enterprise sees its policies and
 * answers a 免申即享 confirmation; the payout is recorded, exported and counted in the reach statistics.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';

const DRAFT = {
  id: 'kunshan-test-digital-voucher',
  title: { zh: '昆山市中小企业数字化改造券（测试）', en: 'Kunshan digital upgrade voucher (test)' },
  issuer: '昆山市中小企业服务中心（演示）',
  documentNumber: '昆中小〔2026〕9号',
  effectiveFrom: '2026-01-01',
  expiresOn: '2027-12-31',
  regions: ['320583'],
  method: 'automatic',
  topics: ['services'],
  benefit: { zh: '按改造投入的 30% 发放数字化改造券', en: 'A voucher for 30% of the upgrade cost' },
  interpretation: {
    zh: '昆山市的中小企业，上年营业收入不超过 5000 万元即可享受。',
    en: 'Kunshan SMEs with revenue up to 50m.',
  },
  fullText: '第一条 为推动中小企业数字化转型……',
  contact: '昆山市中小企业服务中心 0512-00000000',
  parameters: {
    revenue_max: {
      unit: '万元',
      reference: '昆中小〔2026〕9号',
      values: [{ from: '2026-01-01', value: 5000 }],
    },
  },
  rule: { all: [{ compare: [{ fact: 'operating_revenue' }, '<=', { param: 'revenue_max' }] }] },
  tests: [
    {
      name: '营业收入 3000 万元 → 符合',
      date: '2026-06-30',
      facts: { regionCode: '320583', figures: { 2025: { operating_revenue: 3000 } } },
      expect: 'eligible',
    },
    {
      name: '未报营业收入 → 无法判断',
      date: '2026-06-30',
      facts: { regionCode: '320583' },
      expect: 'unknown',
    },
  ],
};

describe('policy library, matching and delivery', () => {
  let t: TestApp;
  let official: Session;
  let enterprise: Session;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp({ policies: true });
    official = await t.login('official.county');
    enterprise = await t.login('enterprise');
    admin = await t.login('admin');
    await t.runJobs();
  });
  afterAll(() => t.close());

  it('lets the public search the library in Chinese, filter it and page through it', async () => {
    const all = (await t.request('GET', '/api/public/policies?pageSize=50')).json();
    expect(all.total).toBe(7);
    const search = (
      await t.request('GET', `/api/public/policies?q=${encodeURIComponent('小型微利')}`)
    ).json();
    expect(search.items.map((p: { slug: string }) => p.slug)).toEqual(['small-low-profit-income-tax']);
    const byNumber = (
      await t.request('GET', `/api/public/policies?q=${encodeURIComponent('2023年第12号')}`)
    ).json();
    expect(byNumber.items.map((p: { slug: string }) => p.slug)).toContain('small-low-profit-income-tax');
    const none = (
      await t.request('GET', `/api/public/policies?q=${encodeURIComponent('住房公积金')}`)
    ).json();
    expect(none.total).toBe(0);
    const demoCounty = (await t.request('GET', '/api/public/policies?region=320583&pageSize=50')).json();
    expect(demoCounty.total).toBe(7);
    const otherCounty = (await t.request('GET', '/api/public/policies?region=320505&pageSize=50')).json();
    expect(otherCounty.items.every((p: { demo: boolean }) => !p.demo)).toBe(true);
    const micro = (await t.request('GET', '/api/public/policies?size=micro&topic=financing')).json();
    expect(micro.items.map((p: { slug: string }) => p.slug)).toEqual(['demo-micro-first-loan-subsidy']);
    const page2 = (await t.request('GET', '/api/public/policies?page=2&pageSize=5')).json();
    expect(page2.items).toHaveLength(2);
    const facets = (await t.request('GET', '/api/public/policies/facets')).json();
    expect(facets.issuers).toContain('财政部 税务总局');
    const bad = await t.request('GET', '/api/public/policies?region=999999');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('region');
  });

  it('finds nothing for a search of only punctuation, symbols or emoji, and says why', async () => {
    for (const q of ['！？。', '……', '-', '%', '😀🎉', ' 《》 ', '\u200d']) {
      const response = await t.request('GET', `/api/public/policies?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, q).toBe(200);
      expect(response.json(), q).toEqual({
        items: [],
        total: 0,
        page: 1,
        pageSize: 20,
        notice: 'query_has_no_words',
      });
    }
    // Officials' list too (its search also looks in slugs, which are full of "-").
    for (const q of ['-', '——', '🙂']) {
      const response = await t.request('GET', `/api/policies?q=${encodeURIComponent(q)}`, {
        session: official,
      });
      expect(response.statusCode, q).toBe(200);
      expect(response.json(), q).toMatchObject({ items: [], total: 0, notice: 'query_has_no_words' });
    }
    // A query with a word among the punctuation is searched as usual, without the notice.
    const worded = (
      await t.request('GET', `/api/public/policies?q=${encodeURIComponent('《小型微利》！')}`)
    ).json();
    expect(worded.items.map((p: { slug: string }) => p.slug)).toEqual(['small-low-profit-income-tax']);
    expect(worded.notice).toBeUndefined();
    const listed = (
      await t.request('GET', `/api/policies?q=${encodeURIComponent('小型微利')}`, { session: official })
    ).json();
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.notice).toBeUndefined();
  });

  it('answers an official outside a policy’s region 403 before looking at what they sent, and 404 for no policy', async () => {
    const own = await t.request('POST', '/api/policies', {
      session: official,
      body: { definition: { ...DRAFT, id: 'kunshan-scope-test' } },
    });
    expect(own.statusCode, own.body).toBe(200);
    const admin = await t.login('admin');
    const password = 'Huiqi-Demo-2026';
    const created = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: {
        username: 'official.huqiu.policies',
        displayName: '虎丘区中小企业局',
        role: 'official',
        regionCode: '320505',
        password,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const outsider = await t.login('official.huqiu.policies', password);
    const { id, version } = own.json();
    const attempts: [string, unknown, number][] = [
      ['a definition that is not a policy', { nonsense: true }, version],
      ['a definition with another id', { ...DRAFT, id: 'renamed' }, version],
      [
        'a definition moved into the outsider’s county',
        { ...DRAFT, id: 'kunshan-scope-test', regions: ['320505'] },
        version,
      ],
      ['a valid definition', { ...DRAFT, id: 'kunshan-scope-test' }, version],
      ['a stale version', { ...DRAFT, id: 'kunshan-scope-test' }, version + 5],
    ];
    for (const [what, definition, v] of attempts) {
      const response = await t.request('PUT', `/api/policies/${id}`, {
        session: outsider,
        body: { definition, version: v },
      });
      expect(response.statusCode, what).toBe(403);
      expect(response.json(), what).toMatchObject({ code: 'OUT_OF_SCOPE' });
      expect(response.json().errors, what).toBeUndefined();
    }
    const missing = await t.request('PUT', '/api/policies/999999', {
      session: outsider,
      body: { definition: { nonsense: true }, version: 1 },
    });
    expect(missing.statusCode).toBe(404);
    // As it will be: the owner may not move the draft to a region outside their own scope either.
    const moved = await t.request('PUT', `/api/policies/${id}`, {
      session: official,
      body: { definition: { ...DRAFT, id: 'kunshan-scope-test', regions: ['320583', '320505'] }, version },
    });
    expect(moved.statusCode).toBe(403);
    expect(moved.json()).toMatchObject({
      code: 'OUT_OF_SCOPE',
      errors: [{ field: 'definition.regions.1', message: '地区 320505 不在您的管辖范围内' }],
    });
    const stored = await t.handle.db
      .selectFrom('policies')
      .select(['version', 'draft'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.version).toBe(version);
    expect((stored.draft as { regions: string[] }).regions).toEqual(['320583']);
  });

  it('lets anyone read a policy and check eligibility with figures, without an account', async () => {
    const list = (await t.request('GET', `/api/public/policies?q=${encodeURIComponent('小型微利')}`)).json();
    const id = list.items[0].id;
    const policy = (await t.request('GET', `/api/public/policies/${id}`)).json();
    expect(policy.documentNumber).toBe('财政部 税务总局公告2023年第12号');
    expect(policy.versions).toHaveLength(1);
    const check = await t.request('POST', `/api/public/policies/${id}/check`, {
      body: {
        date: '2026-05-31',
        figures: [{ year: 2025, taxableIncome: 280, employees: 120, totalAssets: 3000 }],
      },
    });
    expect(check.statusCode).toBe(200);
    expect(check.json().outcome).toBe('eligible');
    expect(JSON.stringify(check.json().explanation)).toContain('280 万元 ≤ 300 万元 ✓');
    const near = (
      await t.request('POST', `/api/public/policies/${id}/check`, {
        body: {
          date: '2026-05-31',
          figures: [{ year: 2025, taxableIncome: 310, employees: 120, totalAssets: 3000 }],
        },
      })
    ).json();
    expect(near.outcome).toBe('not_eligible');
    expect(near.nearMiss.text.zh).toContain('应纳税所得额');
    const unknown = (
      await t.request('POST', `/api/public/policies/${id}/check`, { body: { date: '2026-05-31' } })
    ).json();
    expect(unknown.outcome).toBe('unknown');
    expect(unknown.missing.map((m: { zh: string }) => m.zh).join()).toContain('应纳税所得额');
    const twice = await t.request('POST', `/api/public/policies/${id}/check`, {
      body: { figures: [{ year: 2025 }, { year: 2025 }] },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].field).toBe('figures.1.year');
  });

  it('refuses a bad rule at save with the path of the bad node, and a bad YAML file with its line', async () => {
    const unknownFact = await t.request('POST', '/api/policies', {
      session: official,
      body: { definition: { ...DRAFT, rule: { all: [{ compare: [{ fact: 'profit' }, '>', 0] }] } } },
    });
    expect(unknownFact.statusCode).toBe(400);
    expect(unknownFact.json().errors[0].field).toBe('definition.rule.all[0].compare[0].fact');
    const zeroable = await t.request('POST', '/api/policies', {
      session: official,
      body: {
        definition: {
          ...DRAFT,
          rule: { compare: [{ ratio: [{ fact: 'rd_expense' }, { fact: 'operating_revenue' }] }, '>=', 0.05] },
        },
      },
    });
    expect(zeroable.statusCode).toBe(400);
    expect(zeroable.json().errors[0].field).toMatch(/^definition\.rule\.compare\[0\]/);
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
    const outOfScope = await t.request('POST', '/api/policies', {
      session: official,
      body: { definition: { ...DRAFT, regions: ['320505'] } },
    });
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
    const stored = await t.handle.db.selectFrom('policies').select('id').where('slug', '=', 'bomb').execute();
    expect(stored).toEqual([]);
  });

  it('takes a policy from draft through tests, preview, publication, matching, notices and amendment', async () => {
    const created = await t.request('POST', '/api/policies', {
      session: official,
      body: { definition: DRAFT },
    });
    expect(created.statusCode).toBe(200);
    const policy = created.json();
    expect(policy.status).toBe('draft');
    expect(policy.yaml).toContain('documentNumber: 昆中小〔2026〕9号');

    const tests = (
      await t.request('POST', `/api/policies/${policy.id}/test`, { session: official, body: {} })
    ).json();
    expect(tests).toMatchObject({ passed: 2, failed: 0 });

    const preview = (
      await t.request('GET', `/api/policies/${policy.id}/preview`, { session: official })
    ).json();
    const { rows } = await t.handle.db
      .selectFrom('enterprises as e')
      .innerJoin('enterprise_figures as f', 'f.enterprise_id', 'e.id')
      .select('e.id')
      .where('e.region_code', '=', '320583')
      .where('e.status', '=', 'active')
      .where('f.year', '=', 2025)
      .where('f.is_current', '=', true)
      .where('f.operating_revenue', '<=', 5000)
      .execute()
      .then((r) => ({ rows: r }));
    expect(preview.eligible).toBe(rows.length);
    expect(preview.eligible).toBeGreaterThan(0);

    // A test that fails blocks publication.
    const broken = { ...DRAFT, tests: [{ ...DRAFT.tests[0], expect: 'not_eligible' }] };
    const saved = await t.request('PUT', `/api/policies/${policy.id}`, {
      session: official,
      body: { definition: broken, version: policy.version },
    });
    expect(saved.statusCode).toBe(200);
    const stale = await t.request('PUT', `/api/policies/${policy.id}`, {
      session: official,
      body: { definition: DRAFT, version: policy.version },
    });
    expect(stale.statusCode).toBe(409);
    const refused = await t.request('POST', `/api/policies/${policy.id}/publish`, {
      session: official,
      body: { version: saved.json().version },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('tests.0');
    const fixed = (
      await t.request('PUT', `/api/policies/${policy.id}`, {
        session: official,
        body: { definition: DRAFT, version: saved.json().version },
      })
    ).json();
    const published = await t.request('POST', `/api/policies/${policy.id}/publish`, {
      session: official,
      body: { version: fixed.version },
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', currentVersion: 1, draftChanged: false });

    await t.runJobs();
    const matches = await t.handle.db
      .selectFrom('policy_matches')
      .select(['enterprise_id', 'version'])
      .where('policy_id', '=', policy.id)
      .execute();
    expect(matches.map((m) => m.enterprise_id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(matches.every((m) => m.version === 1)).toBe(true);
    const notices = await t.handle.db
      .selectFrom('notifications')
      .select('enterprise_id')
      .where('policy_id', '=', policy.id)
      .execute();
    expect(notices).toHaveLength(matches.length);

    // Amending needs a note, makes version 2, and moves the matches to it.
    const draft2 = { ...DRAFT, benefit: { zh: '按改造投入的 40% 发放', en: '40% of the cost' } };
    const v = (
      await t.request('PUT', `/api/policies/${policy.id}`, {
        session: official,
        body: { definition: draft2, version: published.json().version },
      })
    ).json();
    const noNote = await t.request('POST', `/api/policies/${policy.id}/publish`, {
      session: official,
      body: { version: v.version },
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].field).toBe('changeNote');
    const amended = await t.request('POST', `/api/policies/${policy.id}/publish`, {
      session: official,
      body: { version: v.version, changeNote: '比例提高到 40%' },
    });
    expect(amended.json().currentVersion).toBe(2);
    await t.runJobs();
    const moved = await t.handle.db
      .selectFrom('policy_matches')
      .select('version')
      .where('policy_id', '=', policy.id)
      .execute();
    expect(moved.every((m) => m.version === 2)).toBe(true);
    // Nobody is notified twice for the same policy.
    const after = await t.handle.db
      .selectFrom('notifications')
      .select('id')
      .where('policy_id', '=', policy.id)
      .execute();
    expect(after).toHaveLength(notices.length);
    const v1 = (await t.request('GET', `/api/public/policies/${policy.id}?version=1`)).json();
    expect(v1.benefit.zh).toContain('30%');

    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'policy')
      .where('target_id', '=', String(policy.id))
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
    // Another county's official cannot edit it.
    const city = await t.login('official.city');
    const cityView = (await t.request('GET', `/api/policies/${policy.id}`, { session: city })).json();
    expect(cityView.editable).toBe(true);
    const enterpriseView = await t.request('GET', `/api/policies/${policy.id}`, { session: enterprise });
    expect(enterpriseView.statusCode).toBe(403);
  });

  it('shows an enterprise its policies with reasons, near misses, and an inbox of new matches', async () => {
    const mine = (await t.request('GET', '/api/my/policies', { session: enterprise })).json();
    const total = mine.eligible.length + mine.almost.length + mine.unknown.length;
    expect(total).toBeGreaterThan(0);
    for (const p of mine.eligible) expect(p.outcome).toBe('eligible');
    for (const p of mine.almost) expect(p.nearMiss).not.toBeNull();
    // What it qualifies for in memory is what the matching job stored.
    const stored = await t.handle.db
      .selectFrom('policy_matches')
      .select('policy_id')
      .where(
        'enterprise_id',
        '=',
        (
          await t.handle.db
            .selectFrom('users')
            .select('enterprise_id')
            .where('username', '=', 'enterprise')
            .executeTakeFirstOrThrow()
        ).enterprise_id as number,
      )
      .execute();
    expect(mine.eligible.map((p: { id: number }) => p.id).sort()).toEqual(
      stored.map((s) => s.policy_id).sort(),
    );
    // The inbox holds a notice of each new match, unread (and whatever else the enterprise was told).
    const matchNotices = async (query = '') =>
      (await t.request('GET', `/api/my/notifications?pageSize=100${query}`, { session: enterprise }))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'policy_match');
    const inbox = await matchNotices();
    expect(inbox).toHaveLength(stored.length);
    expect(inbox.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);
    if (stored.length > 0) {
      // The demo enterprise user has an email address: each notice went out through the transport once.
      expect(t.sent.filter((m) => m.channel === 'email')).toHaveLength(
        await t.handle.db
          .selectFrom('notification_deliveries')
          .select('id')
          .where('status', '=', 'sent')
          .execute()
          .then((r) => r.length),
      );
      // Opening a policy reads its notice.
      await t.request('GET', `/api/my/policies/${inbox[0].policyId}`, { session: enterprise });
      expect(await matchNotices('&unread=true')).toHaveLength(stored.length - 1);
    }
    const all = await t.request('POST', '/api/my/notifications/read', {
      session: enterprise,
      body: { all: true },
    });
    expect(all.statusCode).toBe(200);
    expect((await t.request('GET', '/api/my/notifications', { session: enterprise })).json().unread).toBe(0);
  });

  it("shows an official an enterprise's policies in their region as the enterprise sees them", async () => {
    const mine = (await t.request('GET', '/api/my/policies', { session: enterprise })).json();
    const { enterprise_id: enterpriseId } = await t.handle.db
      .selectFrom('users')
      .select('enterprise_id')
      .where('username', '=', 'enterprise')
      .executeTakeFirstOrThrow();
    const response = await t.request('GET', `/api/enterprises/${enterpriseId}/policies`, {
      session: official,
    });
    expect(response.statusCode).toBe(200);
    const theirs = response.json();
    expect(theirs.isActive).toBe(true);
    const ids = (list: { id: number }[]) => list.map((p) => p.id).sort();
    expect(ids(theirs.eligible)).toEqual(ids(mine.eligible));
    expect(ids(theirs.almost)).toEqual(ids(mine.almost));
    expect(ids(theirs.unknown)).toEqual(ids(mine.unknown));
    for (const p of theirs.eligible) expect(p.explanation.text.zh).toBeTruthy();
  });

  it("refuses an enterprise's policies to an official of another region (403) and a missing one (404)", async () => {
    const outside = await t.handle.db
      .selectFrom('enterprises')
      .select('id')
      .where('region_code', '<>', '320583')
      .executeTakeFirstOrThrow();
    const refused = await t.request('GET', `/api/enterprises/${outside.id}/policies`, { session: official });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('OUT_OF_SCOPE');
    expect(
      (await t.request('GET', '/api/enterprises/99999999/policies', { session: official })).statusCode,
    ).toBe(404);
  });

  it('recomputes matches when an enterprise reports new figures', async () => {
    const id = (
      await t.handle.db
        .selectFrom('users')
        .select('enterprise_id')
        .where('username', '=', 'enterprise')
        .executeTakeFirstOrThrow()
    ).enterprise_id as number;
    const voucher = await t.handle.db
      .selectFrom('policies')
      .select('id')
      .where('slug', '=', DRAFT.id)
      .executeTakeFirstOrThrow();
    const current = await t.handle.db
      .selectFrom('enterprise_figures')
      .selectAll()
      .where('enterprise_id', '=', id)
      .where('year', '=', 2025)
      .where('is_current', '=', true)
      .executeTakeFirstOrThrow();
    const report = async (revenue: number, basedOn: number) =>
      t.request('PUT', `/api/enterprises/${id}/figures/2025`, {
        session: enterprise,
        body: {
          employees: current.employees,
          operatingRevenue: revenue,
          totalAssets: current.total_assets,
          basedOn,
        },
      });
    const high = await report(9000, current.id);
    expect(high.statusCode).toBe(200);
    await t.runJobs();
    const has = async () =>
      (
        await t.handle.db
          .selectFrom('policy_matches')
          .select('enterprise_id')
          .where('policy_id', '=', voucher.id)
          .where('enterprise_id', '=', id)
          .execute()
      ).length;
    expect(await has()).toBe(0);
    const next = await t.handle.db
      .selectFrom('enterprise_figures')
      .select('id')
      .where('enterprise_id', '=', id)
      .where('year', '=', 2025)
      .where('is_current', '=', true)
      .executeTakeFirstOrThrow();
    await report(1200, next.id);
    await t.runJobs();
    expect(await has()).toBe(1);
  });

  it('delivers a 免申即享 benefit: list, confirmation, payout, export and reach', async () => {
    const voucher = await t.handle.db
      .selectFrom('policies')
      .select('id')
      .where('slug', '=', DRAFT.id)
      .executeTakeFirstOrThrow();
    const listed = (
      await t.request('POST', `/api/policies/${voucher.id}/benefits/generate`, { session: official })
    ).json();
    expect(listed.listed).toBeGreaterThan(0);
    const again = (
      await t.request('POST', `/api/policies/${voucher.id}/benefits/generate`, { session: official })
    ).json();
    expect(again.listed).toBe(0);
    const sent = (
      await t.request('POST', `/api/policies/${voucher.id}/benefits/send`, { session: official })
    ).json();
    expect(sent.sent).toBe(listed.listed);

    const mine = (await t.request('GET', '/api/my/benefits', { session: enterprise })).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'sent', version: 2 });
    const confirm = await t.request('POST', `/api/my/benefits/${mine[0].id}/respond`, {
      session: enterprise,
      body: { decision: 'confirm', rowVersion: mine[0].rowVersion },
    });
    expect(confirm.statusCode).toBe(200);
    const twice = await t.request('POST', `/api/my/benefits/${mine[0].id}/respond`, {
      session: enterprise,
      body: { decision: 'decline', rowVersion: confirm.json().rowVersion },
    });
    expect(twice.statusCode).toBe(409);

    const future = await t.request('POST', `/api/benefits/${mine[0].id}/payout`, {
      session: official,
      body: { amount: 30000, paidOn: '2099-01-01', rowVersion: confirm.json().rowVersion },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('paidOn');
    const today = new Date().toISOString().slice(0, 10);
    const paid = await t.request('POST', `/api/benefits/${mine[0].id}/payout`, {
      session: official,
      body: { amount: 30000.15, paidOn: today, rowVersion: confirm.json().rowVersion },
    });
    expect(paid.statusCode).toBe(200);
    const stale = await t.request('POST', `/api/benefits/${mine[0].id}/payout`, {
      session: official,
      body: { amount: 30000, paidOn: today, rowVersion: confirm.json().rowVersion },
    });
    expect(stale.statusCode).toBe(409);

    const list = (
      await t.request('GET', `/api/policies/${voucher.id}/benefits?status=paid`, { session: official })
    ).json();
    expect(list.total).toBe(1);
    expect(list.paidAmount).toBe(30000.15);
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
    expect(paidRows[0]?.getCell(1).value).toBe(cell(paidLine, '统一社会信用代码'));
    expect(paidRows[0]?.getCell(10).value).toBe(30000.15);
    expect(paidRows[0]?.getCell(11).value).toBe(today);

    const reach = (await t.request('GET', `/api/policies/${voucher.id}/reach`, { session: official })).json();
    expect(reach.total).toMatchObject({ paid: 1, confirmed: 1, paidAmount: 30000.15 });
    expect(reach.total.matched).toBeGreaterThan(0);
    expect(reach.total.notified).toBeGreaterThanOrEqual(reach.total.read);
    const province = await t.login('official.province');
    const byCity = (
      await t.request('GET', `/api/policies/${voucher.id}/reach`, { session: province })
    ).json();
    expect(byCity.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual(['320500']);

    const payoutAudit = await t.handle.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'policy.payout_recorded')
      .execute();
    expect(payoutAudit).toHaveLength(1);
    // Another county's payout is out of the official's reach.
    const outsider = await t.request('GET', `/api/policies/${voucher.id}/reach?region=320505`, {
      session: official,
    });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json()).toMatchObject({ code: 'OUT_OF_SCOPE', errors: [{ field: 'region' }] });
    void admin;
  });

  it('publishes a national policy (admin), keeps drafts from other regions, and keeps policies in their region', async () => {
    const national = { ...DRAFT, id: 'national-test-policy', regions: 'national' };
    const created = (
      await t.request('POST', '/api/policies', { session: admin, body: { definition: national } })
    ).json();
    const published = await t.request('POST', `/api/policies/${created.id}/publish`, {
      session: admin,
      body: { version: created.version },
    });
    expect(published.statusCode).toBe(200);
    // The admin starts an amendment; a county official sees the published version only.
    const edited = await t.request('PUT', `/api/policies/${created.id}`, {
      session: admin,
      body: {
        definition: { ...national, title: { zh: '草稿中的新标题', en: 'Draft title' } },
        version: published.json().version,
      },
    });
    expect(edited.statusCode).toBe(200);
    const seen = (await t.request('GET', `/api/policies/${created.id}`, { session: official })).json();
    expect(seen).toMatchObject({ editable: false, draftChanged: false });
    expect(seen.draft.title.zh).toBe(DRAFT.title.zh);
    const listed = (
      await t.request('GET', `/api/policies?q=${encodeURIComponent('草稿中')}`, { session: official })
    ).json();
    expect(listed.total).toBe(0);
    const saveOther = await t.request('PUT', `/api/policies/${created.id}`, {
      session: official,
      body: { definition: national, version: edited.json().version },
    });
    expect(saveOther.statusCode).toBe(403);
    // A county official cannot move the county's programme to another province.
    const demo = await t.handle.db
      .selectFrom('policies')
      .select(['id', 'version', 'draft'])
      .where('slug', '=', 'demo-specialised-reward')
      .executeTakeFirstOrThrow();
    const moved = await t.request('PUT', `/api/policies/${demo.id}`, {
      session: official,
      body: { definition: { ...(demo.draft as object), regions: ['110101'] }, version: demo.version },
    });
    expect(moved.statusCode).toBe(403);
    expect(moved.json()).toMatchObject({ code: 'OUT_OF_SCOPE', errors: [{ field: 'definition.regions.0' }] });
    // A YAML file for an existing id replaces its draft only with the version the editor opened.
    const yamlText = (await t.request('GET', `/api/policies/${created.id}`, { session: admin })).json();
    const fromList = await t.request('POST', '/api/policies/yaml', {
      session: admin,
      body: { yaml: yamlText.yaml },
    });
    expect(fromList.statusCode).toBe(409);
    const stale = await t.request('POST', '/api/policies/yaml', {
      session: admin,
      body: { yaml: yamlText.yaml, version: yamlText.version - 1 },
    });
    expect(stale.statusCode).toBe(409);
    const applied = await t.request('POST', '/api/policies/yaml', {
      session: admin,
      body: { yaml: yamlText.yaml, version: yamlText.version },
    });
    expect(applied.statusCode).toBe(200);
    // The public check refuses impossible dates and unknown regions.
    const badDate = await t.request('POST', `/api/public/policies/${created.id}/check`, {
      body: { date: '2026-02-30' },
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe('date');
    const badRegion = await t.request('POST', `/api/public/policies/${created.id}/check`, {
      body: { regionCode: '999999' },
    });
    expect(badRegion.json().errors[0].field).toBe('regionCode');
  });

  it('withdraws a policy: out of the library, matches gone, history kept', async () => {
    const voucher = await t.handle.db
      .selectFrom('policies')
      .select(['id', 'version'])
      .where('slug', '=', DRAFT.id)
      .executeTakeFirstOrThrow();
    const withdrawn = await t.request('POST', `/api/policies/${voucher.id}/withdraw`, {
      session: official,
      body: { version: voucher.version, reason: '资金用完' },
    });
    expect(withdrawn.statusCode).toBe(200);
    await t.runJobs();
    expect((await t.request('GET', `/api/public/policies/${voucher.id}`)).statusCode).toBe(404);
    expect((await t.request('GET', `/api/public/policies/${voucher.id}?version=1`)).statusCode).toBe(200);
    const left = await t.handle.db
      .selectFrom('policy_matches')
      .select('enterprise_id')
      .where('policy_id', '=', voucher.id)
      .execute();
    expect(left).toHaveLength(0);
    const benefits = await t.handle.db
      .selectFrom('policy_benefits')
      .select('id')
      .where('policy_id', '=', voucher.id)
      .execute();
    expect(benefits.length).toBeGreaterThan(0);
  });
});
