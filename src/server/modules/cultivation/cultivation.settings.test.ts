/**
 * A province's settings refuse what would be wrong the day they are saved, worded for the official on the field
 * it concerns (issue 18; docs/reference/cultivation.md §3.4 and §8.3): a gap, an overlap or a boundary value in
 * two bands of a 特色化 indicator, named with the indicator, the bands and their ends; a yearly quota below the
 * approvals the province has made that year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { applyInnovative, aWorkedCaseEnterprise } from '../../../../test/helpers/cultivation-factories.ts';
import { anEnterpriseUser, anOfficial, signIn } from '../../../../test/helpers/factories.ts';
import { todayInChina } from '../../../shared/today.ts';
import { indicatorProblems } from './cultivation.settings.ts';
import type { Band, ProvinceIndicator } from './cultivation.standards.ts';

const YEAR = Number(todayInChina().slice(0, 4));
const SLOT = { minIndicators: 1, maxIndicators: 3, points: 15 };
const end = (value: number, included: boolean) => ({ value, included });
const indicator = (bands: Band[], max = 15): ProvinceIndicator => ({
  id: 'exports',
  zh: '出口交货值占比',
  en: 'export share',
  unit: { zh: '%', en: '%' },
  max,
  bands,
});

describe('cultivation settings: the words of a 特色化 indicator’s bands', () => {
  const cases: { name: string; bands: Band[]; field: string; zh: string; en: string }[] = [
    {
      name: 'a gap between two bands names both and their ends, on the upper band’s lower end',
      bands: [
        { points: 0, lower: null, upper: end(3, false) },
        { points: 15, lower: end(5, true), upper: null },
      ],
      field: 'indicators[0].bands[1].lower',
      zh: '指标“出口交货值占比”的第 2 档下限 5% 与第 1 档上限 3% 之间有空档',
      en: "indicator “export share”: there is a gap between band 2's lower end 5% and band 1's upper end 3%",
    },
    {
      name: 'bands entered out of order keep the numbers the form shows',
      bands: [
        { points: 15, lower: end(20, true), upper: null },
        { points: 0, lower: null, upper: end(10, false) },
        { points: 5, lower: end(10, true), upper: end(15, false) },
      ],
      field: 'indicators[0].bands[0].lower',
      zh: '指标“出口交货值占比”的第 1 档下限 20% 与第 3 档上限 15% 之间有空档',
      en: "indicator “export share”: there is a gap between band 1's lower end 20% and band 3's upper end 15%",
    },
    {
      name: 'an overlap',
      bands: [
        { points: 0, lower: null, upper: end(10, false) },
        { points: 15, lower: end(8, true), upper: null },
      ],
      field: 'indicators[0].bands[1].lower',
      zh: '指标“出口交货值占比”的第 2 档下限 8% 低于第 1 档上限 10%，两档重叠',
      en: "indicator “export share”: band 2's lower end 8% is below band 1's upper end 10%; the bands overlap",
    },
    {
      name: 'a boundary value in both bands',
      bands: [
        { points: 0, lower: null, upper: end(10, true) },
        { points: 15, lower: end(10, true), upper: null },
      ],
      field: 'indicators[0].bands[1].lower',
      zh: '指标“出口交货值占比”的 10% 同时属于第 1 档和第 2 档：两档只能有一档含该值',
      en: 'indicator “export share”: 10% is in both band 1 and band 2; only one of them may include it',
    },
    {
      name: 'no band below the lowest',
      bands: [{ points: 15, lower: end(0, true), upper: null }],
      field: 'indicators[0].bands[0].lower',
      zh: '指标“出口交货值占比”没有一档包含低于 0% 的数值：第 1 档的下限应为“不限”',
      en: 'indicator “export share”: no band takes values below 0%; band 1 should have no lower end',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const problems = indicatorProblems([indicator(c.bands)], SLOT);
      expect(problems).toEqual([{ field: c.field, message: { zh: c.zh, en: c.en } }]);
    });

  it('finds nothing in bands that cover every value once', () => {
    const bands: Band[] = [
      { points: 0, lower: null, upper: end(10, false) },
      { points: 15, lower: end(10, true), upper: null },
    ];
    expect(indicatorProblems([indicator(bands)], SLOT)).toEqual([]);
  });

  it('names maximums that do not add up to the dimension’s 15 points', () => {
    const bands: Band[] = [
      { points: 0, lower: null, upper: end(10, false) },
      { points: 10, lower: end(10, true), upper: null },
    ];
    expect(indicatorProblems([indicator(bands, 10)], SLOT)).toEqual([
      {
        field: 'indicators',
        message: {
          zh: '各项指标的满分合计须为 15 分，现为 10 分',
          en: "the indicators' maximums must add up to 15 points; they add up to 10",
        },
      },
    ]);
  });
});

describe('cultivation settings over HTTP: refusals on their fields', () => {
  let t: TestApp;
  let province: Session;
  let elsewhere: Session;

  const body = (over: Record<string, unknown> = {}) => ({
    quota: null,
    opensOn: null,
    closesOn: null,
    noticeDays: 5,
    countyDays: 15,
    provinceDays: 20,
    indicators: [],
    version: 0,
    ...over,
  });
  const put = (session: Session, tier: string, payload: unknown, lang?: 'en') =>
    t.request('PUT', `/api/cultivation/settings/320000/${tier}/${YEAR}`, {
      session,
      body: payload,
      ...(lang ? { headers: { 'accept-language': 'en' } } : {}),
    });
  const version = async (tier: string) =>
    (await t.request('GET', '/api/cultivation/settings', { session: province }))
      .json()
      .tiers.find((x: { tier: string }) => x.tier === tier).version as number;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
    elsewhere = await signIn(t, await anOfficial(t.handle.db, { region: '330000' }));
    const county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    // One innovative application of the year approved (on notice) in the province.
    const e = await aWorkedCaseEnterprise(t.handle.db);
    const ent = await signIn(t, await anEnterpriseUser(t.handle.db, e));
    const application = await applyInnovative(t, ent);
    let v = application.version;
    for (const [session, action] of [
      [county, 'recommend'],
      [province, 'approve'],
    ] as const) {
      const done = await t.request(
        'POST',
        `/api/cultivation/applications/${e.id}/${application.id}/actions`,
        {
          session,
          body: { action, version: v },
        },
      );
      expect(done.statusCode, done.body).toBe(200);
      v = done.json().version;
    }
  });
  afterAll(() => t.close());

  it('refuses a band gap on the band’s lower end, worded in Chinese and in English', async () => {
    const indicators = [
      indicator([
        { points: 0, lower: null, upper: end(3, false) },
        { points: 15, lower: end(5, true), upper: null },
      ]),
    ];
    const zh = await put(province, 'specialised', body({ indicators }));
    expect(zh.statusCode).toBe(400);
    expect(zh.json().errors).toEqual([
      {
        field: 'indicators[0].bands[1].lower',
        message: '指标“出口交货值占比”的第 2 档下限 5% 与第 1 档上限 3% 之间有空档',
      },
    ]);
    const en = await put(province, 'specialised', body({ indicators }), 'en');
    expect(en.json().errors[0].message).toBe(
      "indicator “export share”: there is a gap between band 2's lower end 5% and band 1's upper end 3%",
    );
    expect(await version('specialised')).toBe(0);
  });

  it('refuses a quota below the approvals of the year, with their count', async () => {
    expect(
      (await t.request('GET', '/api/cultivation/settings', { session: province })).json().tiers[0].used,
    ).toBe(1);
    const refused = await put(province, 'innovative', body({ quota: 0 }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'quota', message: '本年度已批准 1 家，名额不能少于 1' }]);
    const en = await put(province, 'innovative', body({ quota: 0 }), 'en');
    expect(en.json().errors[0].message).toBe(
      `1 enterprise has been approved in ${YEAR} already; the quota cannot be less than 1`,
    );
    expect(await version('innovative')).toBe(0);
    const saved = await put(province, 'innovative', body({ quota: 1 }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ quota: 1, used: 1, version: 1 });
  });

  it('takes any quota for a tier with no approval, and none from another province', async () => {
    expect((await put(province, 'little_giant', body({ quota: 0 }))).statusCode).toBe(200);
    expect((await put(elsewhere, 'little_giant', body({ quota: 5, version: 1 }))).statusCode).toBe(403);
  });
});
