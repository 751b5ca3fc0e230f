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
  let lodgedRef = { reference: '', code: '' };

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
  const lookUp = (body: Record<string, string>, lang?: 'en') =>
    t.request('POST', '/api/public/cultivation/objections/lookup', {
      body,
      ...(lang ? { headers: { 'accept-language': 'en' } } : {}),
    });
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
    expect(lodged.json().reference).toBe(`${e.id}-${lodged.json().id}`);
    expect(lodged.json().code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    lodgedRef = { reference: lodged.json().reference, code: lodged.json().code };
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

  it('refuses a contact that is neither a mainland phone number nor an e-mail address, on its field', async () => {
    for (const contact of ['abc', '12345', '1380000000', '23800000000', 'li@example']) {
      const bad = await object({ name: '赵六', contact, content: '该企业研发费用数据不实' });
      expect(bad.statusCode, contact).toBe(400);
      expect(bad.json().errors).toEqual([
        {
          field: 'contact',
          message: '联系方式须为 11 位手机号、带区号的固定电话（如 010-12345678）或电子邮箱',
        },
      ]);
    }
    const english = await t.request('POST', `/api/public/cultivation/notices/${e.id}/${appId}/objections`, {
      body: { name: 'Zhao', contact: 'abc', content: 'the R&D figures are wrong' },
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().errors[0].message).toBe(
      'give an 11-digit mobile number, a landline with its area code (e.g. 010-12345678) or an e-mail address',
    );
  });

  it('lets the objector look the objection up with its reference and code; a wrong code is refused', async () => {
    const open = await lookUp(lodgedRef);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toMatchObject({
      reference: lodgedRef.reference,
      enterpriseName: e.name,
      tier: 'innovative',
      state: 'open',
      answer: null,
      answeredAt: null,
    });
    expect(open.json()).not.toHaveProperty('contact');
    // Typed in lower case, without the hyphen, O for 0: the same code.
    const typed = lodgedRef.code.replace('-', '').toLowerCase().replace(/0/g, 'o');
    expect((await lookUp({ reference: lodgedRef.reference, code: typed })).statusCode).toBe(200);
    const last = lodgedRef.code.at(-1) === 'A' ? 'B' : 'A';
    const wrong = await lookUp({
      reference: lodgedRef.reference,
      code: `${lodgedRef.code.slice(0, -1)}${last}`,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'code', message: '编号或查询码不正确，请核对提交异议时给出的编号和查询码' },
    ]);
    const another = await lookUp({ reference: `${e.id}-999999`, code: lodgedRef.code }, 'en');
    expect(another.json().errors[0]).toEqual({
      field: 'code',
      message: 'the reference or the lookup code is wrong: check those given when the objection was lodged',
    });
    const shapeless = await lookUp({ reference: 'abc', code: lodgedRef.code });
    expect(shapeless.json().errors[0].field).toBe('reference');
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
    const looked = (await lookUp(lodgedRef)).json();
    expect(looked).toMatchObject({ state: 'upheld', answer: '经核实研发费用归集有误' });
    expect(looked.answeredAt).not.toBeNull();
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

  it('limits the look-ups one client makes an hour', async () => {
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++)
      status = (await lookUp({ reference: `${e.id}-${i + 1000}`, code: 'AAAA-AAAA' })).statusCode;
    expect(status).toBe(429);
  });
});

describe('cultivation: the public list of announced recognitions', () => {
  let t: TestApp;
  let e: MadeEnterprise;

  const list = async (query = '') =>
    (await t.request('GET', `/api/public/cultivation/recognitions${query}`)).json();

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    e = await aWorkedCaseEnterprise(t.handle.db);
    const ent = await signIn(t, await anEnterpriseUser(t.handle.db, e));
    const county = await signIn(t, await anOfficial(t.handle.db, { region: '320583' }));
    const province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
    const application = await applyInnovative(t, ent);
    let version = application.version;
    const act = async (session: Session, action: string) => {
      const response = await t.request(
        'POST',
        `/api/cultivation/applications/${e.id}/${application.id}/actions`,
        { session, body: { action, version } },
      );
      expect(response.statusCode, response.body).toBe(200);
      version = response.json().version;
    };
    await act(county, 'recommend');
    await act(province, 'approve');
    expect(await list()).toMatchObject({ items: [], total: 0 });
    await sql`update cultivation_applications set notice_from = ${addDays(TODAY, -8)}::date,
      notice_to = ${addDays(TODAY, -1)}::date where id = ${application.id}`.execute(t.handle.db);
    await act(province, 'announce');
  });
  afterAll(() => t.close());

  it('lists an announced recognition in force with its name, tier, dates and province only', async () => {
    const page = await list();
    expect(page.total).toBe(1);
    expect(page.items).toEqual([
      {
        enterpriseName: e.name,
        tier: 'innovative',
        announcedOn: TODAY,
        validTo: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        provinceCode: '320000',
        provinceName: '江苏省',
        provinceNameEn: expect.stringContaining('Jiangsu'),
      },
    ]);
    expect(page.items[0].validTo > TODAY).toBe(true);
  });

  it('filters by tier, year, province and a part of the name', async () => {
    expect((await list('?tier=innovative')).total).toBe(1);
    expect((await list('?tier=specialised')).total).toBe(0);
    expect((await list(`?year=${YEAR}`)).total).toBe(1);
    expect((await list(`?year=${YEAR - 1}`)).total).toBe(0);
    expect((await list('?provinceCode=320000')).total).toBe(1);
    expect((await list('?provinceCode=330000')).total).toBe(0);
    expect((await list(`?q=${encodeURIComponent(e.name.slice(1, 4))}`)).total).toBe(1);
    expect((await list(`?q=${encodeURIComponent('无此企业')}`)).total).toBe(0);
    expect((await list('?page=2&pageSize=1')).items).toEqual([]);
  });

  it('drops a recognition no longer in force', async () => {
    await sql`update cultivation_applications set valid_from = ${addDays(TODAY, -1100)}::date,
      valid_to = ${addDays(TODAY, -1)}::date
      where enterprise_id = ${e.id}`.execute(t.handle.db);
    expect((await list()).total).toBe(0);
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
