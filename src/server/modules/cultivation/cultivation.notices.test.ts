/**
 * The public notice and a province's settings over HTTP (issue 18; docs/reference/cultivation.md §3.4, §6.2):
 * anyone reads the notices and lodges an objection within the notice period only; the objector stays hidden from the
 * enterprise; an open or upheld objection stops the announcement; a province's officials set its quota, window,
 * days and 特色化 indicators (checked against the standard), others read them or are refused.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { applyInnovative, aWorkedCaseEnterprise } from '../../../../test/helpers/cultivation-factories.ts';
import {
  anEnterpriseUser,
  anOfficial,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { addDays } from '../../../reference/calendar.ts';
import { todayInChina } from '../../../shared/today.ts';

const TODAY = todayInChina();
const YEAR = Number(TODAY.slice(0, 4));

describe('cultivation: public notices and objections', () => {
  let t: TestApp;
  let e: MadeEnterprise;
  let ent: Session;
  let county: Session;
  let province: Session;
  let appId = 0;
  let version = 0;

  const fields = (response: { json: () => unknown }) =>
    ((response.json() as { errors?: { field: string }[] }).errors ?? []).map((x) => x.field);
  const act = async (session: Session, action: string, comment?: string) => {
    const response = await t.request('POST', `/api/cultivation/applications/${e.id}/${appId}/actions`, {
      session,
      body: { action, version, ...(comment ? { comment } : {}) },
    });
    if (response.statusCode === 200) version = response.json().version;
    return response;
  };
  const object = (body: Record<string, string>) =>
    t.request('POST', `/api/public/cultivation/notices/${e.id}/${appId}/objections`, { body });
  const noticeIds = async () =>
    (await t.request('GET', '/api/public/cultivation/notices'))
      .json()
      .items.map((n: { applicationId: number }) => n.applicationId);

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    e = await aWorkedCaseEnterprise(t.handle.db);
    ent = await signIn(t, await anEnterpriseUser(t.handle.db, e));
    county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
    const application = await applyInnovative(t, ent);
    appId = application.id;
    version = application.version;
    expect((await act(county, 'recommend')).statusCode).toBe(200);
    expect((await act(province, 'approve')).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('lists a notice from its first day, and takes no objection before it', async () => {
    expect(await noticeIds()).not.toContain(appId);
    const early = await object({ name: '李四', contact: '13800000000', content: '该企业研发费用数据不实' });
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual(['content']);
    await sql`update cultivation_applications set notice_from = ${TODAY}::date where id = ${appId}`.execute(
      t.handle.db,
    );
    const notices = (await t.request('GET', '/api/public/cultivation/notices?tier=innovative')).json();
    const notice = notices.items.find((n: { applicationId: number }) => n.applicationId === appId);
    expect(notice).toMatchObject({ enterpriseName: e.name, uscc: e.uscc, score: 80, open: true });
    expect(notice.regionName).toContain('江苏省');
  });

  it('names each missing part of an objection, then takes it; the enterprise sees it without the objector', async () => {
    const bad = await object({ name: ' ', contact: '1', content: '不实' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['contact', 'content', 'name']);
    const lodged = await object({ name: '李四', contact: '13800000000', content: '该企业研发费用数据不实' });
    expect(lodged.statusCode, lodged.body).toBe(200);
    const seen = (
      await t.request('GET', `/api/my/cultivation/applications/${appId}`, { session: ent })
    ).json();
    expect(seen.objections).toEqual([
      expect.objectContaining({ name: '', contact: '', content: '该企业研发费用数据不实', state: 'open' }),
    ]);
    const reviewed = (
      await t.request('GET', `/api/cultivation/applications/${e.id}/${appId}`, { session: province })
    ).json();
    expect(reviewed.objections[0]).toMatchObject({ name: '李四', contact: '13800000000' });
  });

  it('is not announced while an objection is open; answered by the region’s reviewer only', async () => {
    await sql`update cultivation_applications set notice_to = ${addDays(TODAY, -1)}::date,
      notice_from = ${addDays(TODAY, -5)}::date where id = ${appId}`.execute(t.handle.db);
    const blocked = await act(province, 'announce');
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().errors[0].message).toContain('异议未答复');
    const detail = (
      await t.request('GET', `/api/cultivation/applications/${e.id}/${appId}`, { session: province })
    ).json();
    const objectionId = detail.objections[0].id;
    const stranger = await signIn(t, await anOfficial(t.handle.db, { region: '330000' }));
    const refused = await t.request('POST', `/api/cultivation/objections/${e.id}/${objectionId}`, {
      session: stranger,
      body: { state: 'dismissed', answer: '经核实不成立' },
    });
    expect(refused.statusCode).toBe(403);
    const answered = await t.request('POST', `/api/cultivation/objections/${e.id}/${objectionId}`, {
      session: province,
      body: { state: 'upheld', answer: '经核实研发费用归集有误' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const upheld = await act(province, 'announce');
    expect(upheld.statusCode).toBe(400);
    expect(upheld.json().errors[0].message).toContain('异议经核实成立');
    const rejected = await act(province, 'reject', '异议成立：研发费用归集有误');
    expect(rejected.json().stage).toBe('rejected');
  });

  it('takes no objection after the notice period', async () => {
    const late = await object({ name: '王五', contact: '13900000000', content: '补充反映有关情况' });
    expect(late.statusCode).toBe(400);
    expect(fields(late)).toEqual(['content']);
  });
});

describe('cultivation: a province’s settings', () => {
  let t: TestApp;
  let county: Session;
  let province: Session;
  let elsewhere: Session;
  let ent: Session;

  const indicator = (id: string, max: number) => ({
    id,
    zh: `指标${id}`,
    en: `indicator ${id}`,
    unit: { zh: '%', en: '%' },
    max,
    bands: [
      { points: 0, lower: null, upper: { value: 10, included: false } },
      { points: max, lower: { value: 10, included: true }, upper: null },
    ],
  });
  const body = (over: Record<string, unknown> = {}) => ({
    quota: null,
    opensOn: null,
    closesOn: null,
    noticeDays: 7,
    countyDays: 10,
    provinceDays: 15,
    indicators: [],
    version: 0,
    ...over,
  });
  const put = (session: Session, tier: string, payload: unknown) =>
    t.request('PUT', `/api/cultivation/settings/320000/${tier}/${YEAR}`, { session, body: payload });
  const fields = (response: { json: () => unknown }) =>
    ((response.json() as { errors?: { field: string }[] }).errors ?? []).map((x) => x.field);

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
    elsewhere = await signIn(t, await anOfficial(t.handle.db, { region: '330000' }));
    ent = await signIn(t, await anEnterpriseUser(t.handle.db, await aWorkedCaseEnterprise(t.handle.db)));
  });
  afterAll(() => t.close());

  it('shows the province’s officials Huiqi’s defaults with their basis; another province’s may not read them', async () => {
    const read = (await t.request('GET', '/api/cultivation/settings', { session: county })).json();
    expect(read).toMatchObject({ provinceCode: '320000', year: YEAR, canEdit: false });
    expect(read.tiers.map((x: { tier: string }) => x.tier)).toEqual([
      'innovative',
      'specialised',
      'little_giant',
    ]);
    expect(read.tiers[0]).toMatchObject({ noticeDays: 5, countyDays: 15, provinceDays: 20, version: 0 });
    expect(read.tiers[0].defaults.basis.zh).toContain('未核实');
    expect(read.provinceSlot).toMatchObject({ minIndicators: 1, maxIndicators: 3, points: 15 });
    const other = await t.request('GET', '/api/cultivation/settings?provinceCode=320000', {
      session: elsewhere,
    });
    expect(other.statusCode).toBe(403);
  });

  it('lets only the province’s own officials change them, each problem on its field', async () => {
    expect((await put(county, 'innovative', body())).statusCode).toBe(403);
    expect((await put(elsewhere, 'innovative', body())).statusCode).toBe(403);
    const window = await put(
      province,
      'innovative',
      body({ opensOn: `${YEAR}-06-01`, closesOn: `${YEAR}-05-01` }),
    );
    expect(fields(window)).toEqual(['closesOn']);
    const notSpecialised = await put(
      province,
      'innovative',
      body({ indicators: [indicator('exports', 15)] }),
    );
    expect(fields(notSpecialised)).toEqual(['indicators']);
    const short = await put(province, 'specialised', body({ indicators: [indicator('exports', 10)] }));
    expect(fields(short)).toEqual(['indicators']);
    const saved = await put(
      province,
      'specialised',
      body({ indicators: [indicator('exports', 10), indicator('patents', 5)], quota: 50 }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ quota: 50, noticeDays: 7, version: 1 });
    expect(saved.json().indicators.map((i: { id: string }) => i.id)).toEqual(['exports', 'patents']);
    const stale = await put(province, 'specialised', body({ quota: 60 }));
    expect(stale.statusCode).toBe(409);
  });

  it('closes applications outside the window the province set', async () => {
    const closed = await put(
      province,
      'innovative',
      body({ opensOn: addDays(TODAY, 10), closesOn: addDays(TODAY, 40) }),
    );
    expect(closed.statusCode, closed.body).toBe(200);
    await expect(applyInnovative(t, ent)).rejects.toThrow(/apply: 400/);
  });
});
