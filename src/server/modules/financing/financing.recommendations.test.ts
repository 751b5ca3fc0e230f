/**
 * The 2024 coordination mechanism's recommended list (issue 15) through the API: officials list an enterprise
 * passing the five tests (each one not met named), in their region, once per year; push it to a bank serving its
 * county (again to another before contact); the bank records its contact and decision at the version it read, only
 * its own; the enterprise and the banks are told; the counts the mechanism tracks (contact rate, late decisions);
 * the export; the enterprise's view; the audit entries.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aUscc,
  aUser,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { aBank } from '../../../../test/helpers/registry-factories.ts';
import { addDays } from '../../../reference/calendar.ts';
import { endOfPeriod } from '../../../reference/periods.ts';
import { todayInChina } from '../../../shared/today.ts';
import { insertInstitution } from '../institutions/index.ts';
import { tellBanksLate } from './index.ts';

const today = todayInChina();
const year = Number(today.slice(0, 4));

const PRODUCT = {
  name: '小微信用贷',
  kind: 'credit',
  amountMin: '10',
  amountMax: '300',
  termMinMonths: 6,
  termMaxMonths: 36,
  rateMin: '3.2',
  rateMax: '4.8',
};

const FIVE = {
  compliantOperation: true,
  fixedPremises: true,
  realNeed: true,
  goodCredit: true,
  compliantPurpose: true,
};

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
type Reply = { id: number; enterpriseId: number; version: number } & Record<string, any>;

describe('the coordination mechanism’s recommended list', () => {
  let t: TestApp;
  let firm: MadeEnterprise;
  let me: Session;
  let official: Session;
  let farOfficial: Session;
  let admin: Session;
  let bankA: Session;
  let bankB: Session;
  let farBank: Session;
  let bankAId: number;
  let bankBId: number;
  let farBankId: number;
  let guarantorId: number;
  let entry: Reply;

  const post = (session: Session, url: string, body?: unknown) => t.request('POST', url, { session, body });
  const get = (session: Session, url: string) => t.request('GET', url, { session });
  const list = (session: Session, body: Record<string, unknown>) =>
    post(session, '/api/financing/recommendations', body);
  const push = (session: Session, r: Reply, institutionId: number, version = r.version) =>
    post(session, `/api/financing/recommendations/${r.enterpriseId}/${r.id}/push`, {
      institutionId,
      version,
    });
  const contact = (session: Session, r: Reply, version = r.version, note?: string) =>
    post(session, `/api/bank/financing/recommendations/${r.enterpriseId}/${r.id}/contact`, { version, note });
  const decide = (session: Session, r: Reply, body: Record<string, unknown>) =>
    post(session, `/api/bank/financing/recommendations/${r.enterpriseId}/${r.id}/decision`, {
      version: r.version,
      ...body,
    });
  const inbox = async (session: Session) =>
    JSON.stringify((await get(session, '/api/my/notifications')).json());
  // A bank's users have no inbox page: their notices are delivered by email or SMS from user_notifications.
  const bankNotices = async (session: Session) =>
    (
      await t.handle.db
        .selectFrom('user_notifications')
        .select('title_zh')
        .where('user_id', '=', session.userId)
        .where('kind', '=', 'financing')
        .execute()
    )
      .map((n) => n.title_zh)
      .join('\n');
  async function listed(region = '320583'): Promise<Reply> {
    const enterprise = await anEnterprise(t.handle.db, { region });
    const response = await list(official, { uscc: enterprise.uscc, ...FIVE });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    firm = await anEnterprise(db, { region: '320583' });
    me = await signIn(t, await anEnterpriseUser(db, firm));
    official = await signIn(t, await anOfficial(db, { region: '320583' }));
    farOfficial = await signIn(t, await anOfficial(db, { region: '110101' }));
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    bankAId = (await aBank(db)).id;
    bankBId = (await aBank(db)).id;
    farBankId = (await aBank(db, '110101')).id;
    guarantorId = await insertInstitution(db, {
      uscc: aUscc('320583'),
      name: '测试融资担保公司',
      kind: 'guarantee',
      region_code: '320583',
    });
    bankA = await signIn(t, await aUser(db, { role: 'bank', institutionId: bankAId }));
    bankB = await signIn(t, await aUser(db, { role: 'bank', institutionId: bankBId }));
    farBank = await signIn(t, await aUser(db, { role: 'bank', institutionId: farBankId }));
    for (const [session, regions] of [
      [bankA, ['320500']],
      [bankB, ['320583']],
      [farBank, ['110000']],
    ] as const) {
      const response = await post(session, '/api/bank/financing/products', { ...PRODUCT, regions });
      expect(response.statusCode, response.body).toBe(200);
    }
  });
  afterAll(async () => t.close());

  describe('listing', () => {
    it('names each of the five tests not met or not answered, saying the mechanism requires all five', async () => {
      const response = await list(official, {
        uscc: firm.uscc,
        ...FIVE,
        goodCredit: false,
        compliantPurpose: undefined,
      });
      expect(response.statusCode).toBe(400);
      const errors = response.json().errors as { field: string; message: string }[];
      expect(errors.map((e) => e.field)).toEqual(['goodCredit', 'compliantPurpose']);
      expect(errors[0]?.message).toContain('信用状况良好');
      expect(errors[0]?.message).toContain('五项条件全部满足');
      const english = await t.request('POST', '/api/financing/recommendations', {
        session: official,
        body: { uscc: firm.uscc, ...FIVE, realNeed: false },
        headers: { 'accept-language': 'en' },
      });
      expect(english.json().errors).toEqual([
        { field: 'realNeed', message: expect.stringContaining('all five tests') },
      ]);
    });

    it('refuses a code that is not a USCC, one the registry does not hold, and an enterprise classed as large', async () => {
      const valid = aUscc('320583');
      const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('0') ? '1' : '0'}`;
      const bad = await list(official, { uscc: wrongCheck, ...FIVE });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('uscc');
      const unknown = await list(official, { uscc: valid, ...FIVE });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].field).toBe('uscc');
      const large = await anEnterprise(t.handle.db, { region: '320583', employees: 2000, revenue: 90000 });
      const refused = await list(official, { uscc: large.uscc, ...FIVE });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0]).toMatchObject({ field: 'uscc' });
      expect(refused.json().errors[0].message).toContain('小微企业');
    });

    it('refuses an enterprise outside the official’s region (403 OUT_OF_SCOPE)', async () => {
      const response = await list(farOfficial, { uscc: firm.uscc, ...FIVE });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('OUT_OF_SCOPE');
    });

    it('lists an enterprise passing all five tests, with its county; once per year’s list', async () => {
      const response = await list(official, {
        uscc: firm.uscc,
        ...FIVE,
        needAmount: '150.50',
        note: '县工作专班推荐',
      });
      expect(response.statusCode, response.body).toBe(200);
      entry = response.json();
      expect(entry).toMatchObject({
        enterpriseId: firm.id,
        enterpriseName: firm.name,
        uscc: firm.uscc,
        regionCode: '320583',
        listYear: year,
        tests: FIVE,
        needAmount: '150.5',
        state: 'listed',
        institutionId: null,
        late: false,
        actions: ['push', 'remove'],
      });
      const again = await list(admin, { uscc: firm.uscc, ...FIVE });
      expect(again.statusCode).toBe(409);
      expect(again.json().message).toContain(String(year));
      // Next year's list is another list.
      expect((await list(official, { uscc: firm.uscc, ...FIVE, listYear: year + 1 })).statusCode).toBe(200);
      expect(
        (await list(official, { uscc: firm.uscc, ...FIVE, listYear: year + 2 })).json().errors[0].field,
      ).toBe('listYear');
    });
  });

  describe('pushing', () => {
    it('refuses a bank not serving the county and an institution that is not a bank, naming institutionId', async () => {
      const far = await push(official, entry, farBankId);
      expect(far.statusCode).toBe(400);
      expect(far.json().errors[0].field).toBe('institutionId');
      const guarantor = await push(official, entry, guarantorId);
      expect(guarantor.statusCode).toBe(400);
      expect(guarantor.json().errors[0].field).toBe('institutionId');
    });

    it('refuses an official of another region and a stale version', async () => {
      expect((await push(farOfficial, entry, bankAId)).statusCode).toBe(403);
      expect((await push(official, entry, bankAId, entry.version + 1)).statusCode).toBe(409);
    });

    it('pushes to a bank: the decision day starts, the bank’s users and the enterprise are told', async () => {
      const response = await push(official, entry, bankAId);
      expect(response.statusCode, response.body).toBe(200);
      entry = response.json();
      expect(entry).toMatchObject({
        state: 'pushed',
        institutionId: bankAId,
        pushedOn: today,
        decideDue: endOfPeriod(addDays(today, 30)).endsOn,
        actions: ['push', 'remove'],
      });
      expect(await bankNotices(bankA)).toContain(firm.name);
      expect(await inbox(me)).toContain('推荐清单');
      const mine = (await get(bankA, '/api/bank/financing/recommendations')).json();
      expect(mine.items.map((r: Reply) => r.id)).toEqual([entry.id]);
      expect(mine.items[0].actions).toEqual(['contact']);
    });

    it('pushes again to another bank before contact: the first loses it (404) and is told', async () => {
      const response = await push(official, entry, bankBId);
      expect(response.statusCode, response.body).toBe(200);
      entry = response.json();
      expect(entry.institutionId).toBe(bankBId);
      expect(await bankNotices(bankA)).toContain('改推给其他银行');
      expect((await get(bankA, '/api/bank/financing/recommendations')).json().total).toBe(0);
      expect((await contact(bankA, entry)).statusCode).toBe(404);
      expect((await push(official, entry, bankBId)).statusCode).toBe(409);
    });
  });

  describe('the bank', () => {
    it('decides only after its contact, at the version it read; another bank gets 404', async () => {
      expect((await decide(bankB, entry, { outcome: 'no_need' })).statusCode).toBe(409);
      expect((await contact(bankA, entry)).statusCode).toBe(404);
      expect((await contact(farBank, entry)).statusCode).toBe(404);
      expect((await contact(bankB, entry, entry.version + 5)).statusCode).toBe(409);
      const response = await contact(bankB, entry, entry.version, '已电话对接，约定下周走访');
      expect(response.statusCode, response.body).toBe(200);
      const contacted = response.json();
      expect(contacted).toMatchObject({ state: 'contacted', contactNote: '已电话对接，约定下周走访' });
      expect(contacted.contactedAt).not.toBeNull();
      expect((await contact(bankB, contacted)).statusCode).toBe(409);
      // Stale: the version read before the contact.
      expect((await decide(bankB, entry, { outcome: 'no_need' })).statusCode).toBe(409);
      entry = contacted;
    });

    it('is no longer pushed elsewhere nor removed once contacted', async () => {
      expect((await push(official, entry, bankAId)).statusCode).toBe(409);
      const removed = await post(official, `/api/financing/recommendations/${firm.id}/${entry.id}/remove`, {
        reason: '企业已不符合条件',
        version: entry.version,
      });
      expect(removed.statusCode).toBe(409);
    });

    it('refuses a decline without its reason, and a grant without its amount, naming the fields', async () => {
      const decline = await decide(bankB, entry, { outcome: 'declined' });
      expect(decline.statusCode).toBe(400);
      expect(decline.json().errors.map((e: { field: string }) => e.field)).toEqual([
        'declineReason',
        'declineText',
      ]);
      const unknownReason = await decide(bankB, entry, {
        outcome: 'declined',
        declineReason: 'mood',
        declineText: '不想贷',
      });
      expect(unknownReason.json().errors[0].field).toBe('declineReason');
      const grant = await decide(bankB, entry, { outcome: 'granted' });
      expect(grant.json().errors[0].field).toBe('grantedAmount');
      const mixed = await decide(bankB, entry, { outcome: 'no_need', grantedAmount: '10' });
      expect(mixed.json().errors[0].field).toBe('grantedAmount');
    });

    it('records a grant; the enterprise is told and sees the bank and the outcome', async () => {
      const response = await decide(bankB, entry, { outcome: 'granted', grantedAmount: '120.0000' });
      expect(response.statusCode, response.body).toBe(200);
      entry = response.json();
      expect(entry).toMatchObject({
        state: 'decided',
        outcome: 'granted',
        grantedAmount: '120',
        actions: [],
      });
      expect(await inbox(me)).toContain('授信120万元');
      const mine = await get(me, '/api/my/financing/recommendations');
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json().onList).toBe(true);
      expect(mine.json().items).toContainEqual(
        expect.objectContaining({ id: entry.id, listYear: year, outcome: 'granted', grantedAmount: '120' }),
      );
      const bankName = (await get(bankB, '/api/bank/financing/recommendations')).json().items[0]
        .institutionName;
      expect(mine.json().items.find((r: Reply) => r.id === entry.id).institutionName).toBe(bankName);
      expect((await decide(bankB, entry, { outcome: 'no_need' })).statusCode).toBe(409);
    });
  });

  describe('removal', () => {
    it('takes a pushed enterprise off the list with a reason, tells the bank, and frees the year for it', async () => {
      let other = await listed();
      other = (await push(official, other, bankAId)).json();
      const url = `/api/financing/recommendations/${other.enterpriseId}/${other.id}/remove`;
      expect((await post(farOfficial, url, { reason: '不在辖区', version: other.version })).statusCode).toBe(
        403,
      );
      const response = await post(official, url, { reason: '企业已注销经营场所', version: other.version });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        state: 'removed',
        removedReason: '企业已注销经营场所',
        actions: [],
      });
      expect(await bankNotices(bankA)).toContain('移出清单');
      expect((await contact(bankA, response.json())).statusCode).toBe(409);
      const card = (await get(official, `/api/financing/recommendations?state=removed`)).json().items[0];
      const again = await list(official, { uscc: card.uscc, ...FIVE });
      expect(again.statusCode, again.body).toBe(200);
    });
  });

  describe('what the mechanism tracks', () => {
    let region: string;
    it('counts listed, pushed, contacted (the rate to one decimal), decided, granted and late', async () => {
      // A county of its own, so the figures are this test's alone.
      region = '320585';
      const county = await signIn(t, await anOfficial(t.handle.db, { region }));
      const make = async () => {
        const enterprise = await anEnterprise(t.handle.db, { region });
        return (await list(county, { uscc: enterprise.uscc, ...FIVE })).json() as Reply;
      };
      const a = (await push(county, await make(), bankAId)).json();
      const b = (await push(county, await make(), bankAId)).json();
      const c = (await push(county, await make(), bankAId)).json();
      await make();
      const contactedA = (await contact(bankA, a)).json();
      (await contact(bankA, b)).json();
      const grantedA = await decide(bankA, contactedA, { outcome: 'granted', grantedAmount: '80.5' });
      expect(grantedA.statusCode, grantedA.body).toBe(200);
      // c is past its decision day, undecided.
      await sql`update financing_recommendations set decide_due = ${addDays(today, -1)}::date
        where enterprise_id = ${c.enterpriseId} and id = ${c.id}`.execute(t.handle.db);

      const response = await get(county, `/api/financing/recommendations?year=${year}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().counts).toEqual({
        listed: 4,
        pushed: 3,
        contacted: 2,
        contactRate: '66.7',
        contactTarget: '100.0',
        decided: 1,
        granted: 1,
        grantedAmount: '80.5',
        late: 1,
      });
      const late = (await get(county, '/api/financing/recommendations?late=true')).json();
      expect(late.items.map((r: Reply) => r.id)).toEqual([c.id]);
      expect(late.items[0].late).toBe(true);
      const bankLate = (await get(bankA, '/api/bank/financing/recommendations?late=true')).json();
      expect(bankLate.items.map((r: Reply) => r.id)).toEqual([c.id]);
      const byBank = (await get(county, `/api/financing/recommendations?institutionId=${bankBId}`)).json();
      expect(byBank.counts).toMatchObject({ listed: 0, pushed: 0, contactRate: null });
      const city = (await get(official, '/api/financing/recommendations?region=320583')).json();
      expect(city.items.every((r: Reply) => r.regionCode === '320583')).toBe(true);
      expect((await get(official, '/api/financing/recommendations?region=110101')).statusCode).toBe(403);
      // The daily run tells the bank of c, once, and leaves c's version as the bank read it.
      const toldOf = async () =>
        (await get(bankA, '/api/my/notifications?pageSize=100'))
          .json()
          .items.filter((n: { title: { zh: string } }) => n.title.zh.includes('已过决定期限')).length;
      const before = await toldOf();
      expect((await tellBanksLate(t.handle.db, today)).recommendations).toBe(1);
      expect((await tellBanksLate(t.handle.db, addDays(today, 1))).recommendations).toBe(0);
      expect(await toldOf()).toBe(before + 1);
      expect((await contact(bankA, c)).statusCode).toBe(200);
    });

    it('exports the list as CSV and XLSX', async () => {
      const csv = await get(official, `/api/financing/recommendations/export?format=csv&year=${year}`);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain('financing-recommendations-');
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toContain('统一社会信用代码');
      expect(lines.some((l) => l.includes(firm.uscc) && l.includes('授信') && l.includes('120'))).toBe(true);
      const xlsx = await get(official, '/api/financing/recommendations/export?format=xlsx&lang=en');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(
        (await get(farOfficial, '/api/financing/recommendations/export?format=csv&region=320583')).statusCode,
      ).toBe(403);
    });
  });

  it('lets only the roles of each side in', async () => {
    expect((await get(me, '/api/financing/recommendations')).statusCode).toBe(403);
    expect((await get(bankA, '/api/financing/recommendations')).statusCode).toBe(403);
    expect((await list(bankA, { uscc: firm.uscc, ...FIVE })).statusCode).toBe(403);
    expect((await get(official, '/api/bank/financing/recommendations')).statusCode).toBe(403);
    expect((await get(official, '/api/my/financing/recommendations')).statusCode).toBe(403);
  });

  it('writes every change to the audit log', async () => {
    const auditor = await signIn(t, await aUser(t.handle.db, { role: 'auditor' }));
    const items = (await get(auditor, '/api/audit?pageSize=200&action=financing.')).json().items as {
      action: string;
    }[];
    const actions = new Set(items.map((i) => i.action));
    for (const action of ['listed', 'pushed', 'removed', 'contacted', 'decided'])
      expect(actions).toContain(`financing.recommendation_${action}`);
  });
});
