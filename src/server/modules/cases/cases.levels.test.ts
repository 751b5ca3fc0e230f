/**
 * Issue 12 on the case engine: who sees and handles what at each level (ADR 0016), the actions a case offers
 * being exactly those the server accepts, amending a complaint's claim, the enterprise's name, the 督办 mark and
 * filters of the queue, English titles, and the demo's overdue and supervised cases. Apart from the demo's own
 * test, one app for the file with the SME offices of the province, the city and the county made once (one official
 * each: the handlers the tests expect); each scenario builds its own enterprise and cases.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  aCaseIn,
  anSmeOfficeLadder,
  aSignedInAdmin,
  aSignedInAuditor,
  aSignedInEnterprise,
} from '../../../../test/helpers/cases-factories.ts';
import { aDemand, anActionOn, aPublicBody, type CaseReply } from '../../../../test/helpers/factories.ts';
import { todayInChina } from '../../../shared/today.ts';

type Detail = {
  id: number;
  version: number;
  state: string;
  allowedActions: string[];
  supervisions: { id: number; acknowledgedAt: string | null }[];
  [key: string]: unknown;
};

const DEBTOR = aPublicBody('320583', '某县某局');
const CLAIM = {
  debtorKind: 'government',
  signedOn: '2025-02-10',
  basis: 'acceptance',
  deliveredOn: '2025-02-28',
  acceptedOn: '2025-03-03',
  amount: 300_000,
  payments: [{ date: '2025-05-20', amount: 100_000 }],
};

describe('the demo', () => {
  let t: TestApp;
  let county: Session;
  let city: Session;
  beforeAll(async () => {
    t = await createTestApp();
    [county, city] = await Promise.all([t.login('official.county'), t.login('official.city')]);
  });
  afterAll(() => t.close());

  const overdueQueue = async (session: Session) =>
    (await t.request('GET', '/api/cases?pageSize=100&overdue=true', { session })).json() as {
      total: number;
      items: { deadline: string; regionCode: string }[];
    };

  it('starts with overdue cases in the county’s queue', async () => {
    const overdue = await overdueQueue(county);
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((i) => i.deadline < todayInChina())).toBe(true);
  });

  it('starts with cases under 督办 of the daily run and of the city', async () => {
    const supervised = await t.handle.db
      .selectFrom('case_supervisions as s')
      .innerJoin('cases as c', (join) =>
        join.onRef('c.enterprise_id', '=', 's.enterprise_id').onRef('c.id', '=', 's.case_id'),
      )
      .select(['s.issued_by', 'c.region_code'])
      .where('c.is_demo', '=', true)
      .execute();
    expect(supervised.some((s) => s.issued_by === null)).toBe(true);
    expect(supervised.some((s) => s.issued_by === city.userId)).toBe(true);
  });

  it('starts with an overdue case of another county for the city', async () => {
    const cityOverdue = await overdueQueue(city);
    expect(cityOverdue.items.some((i) => i.regionCode !== '320583')).toBe(true);
  });
});

let t: TestApp;
let county: Session;
let city: Session;
let province: Session;
let admin: Session;
let auditor: Session;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
  ({ county, city, province } = await anSmeOfficeLadder(t));
  [admin, auditor] = await Promise.all([aSignedInAdmin(t), aSignedInAuditor(t)]);
});
afterAll(() => t.close());

const get = async (session: Session, id: number): Promise<Detail> => {
  const response = await t.request('GET', `/api/cases/${id}`, { session });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const act = (session: Session, id: number, body: Record<string, unknown>) =>
  t.request('POST', `/api/cases/${id}/actions`, { session, body });
const queue = async (session: Session, query: Record<string, string> = {}) => {
  const response = await t.request(
    'GET',
    `/api/cases?${new URLSearchParams({ pageSize: '100', ...query })}`,
    {
      session,
    },
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Promise<{ total: number; items: Record<string, unknown>[] }>;
};
/** A help request of the enterprise. */
const demand = (enterprise: Session, title = '层级测试：请求协助') =>
  aDemand(t, enterprise, { kind: 'help', category: 'financing', title, description: '请求协助办理。' });
/** An overdue-payment complaint of the enterprise against the county's body, for 300,000 (100,000 paid). */
const arrears = async (enterprise: Session, contract: string): Promise<CaseReply> => {
  const response = await t.request('POST', '/api/my/cases/arrears', {
    session: enterprise,
    body: {
      debtorUscc: DEBTOR.uscc,
      debtorName: DEBTOR.name,
      contractNumber: contract,
      description: '验收后至今未付清。',
      claim: CLAIM,
    },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const acknowledge = (session: Session, id: number, sid: number) =>
  t.request('POST', `/api/cases/${id}/supervisions/${sid}/acknowledge`, { session });

describe('a case of a county with an office of its own (ADR 0016)', () => {
  let c: CaseReply;
  let accepted: CaseReply;
  let handlers: { id: number; regionCode: string }[];
  beforeAll(async () => {
    const enterprise = await aSignedInEnterprise(t);
    c = await demand(enterprise.session, '层级测试：县级案件');
    accepted = await anActionOn(t, county, await demand(enterprise.session, '层级测试：县级受理'), 'accept');
    handlers = (await t.request('GET', `/api/cases/${accepted.id}/handlers`, { session: province })).json();
  });

  it('is seen by the county office, the city and the province', async () => {
    for (const session of [county, city, province]) expect((await get(session, c.id)).id).toBe(c.id);
  });

  it('is in the city’s queue', async () => {
    const cityQueue = await queue(city);
    expect(cityQueue.items.some((i) => i.id === c.id)).toBe(true);
    expect(cityQueue.total).toBeGreaterThan(0);
  });

  it('is handled by the county office: the city and the province may not accept it', async () => {
    for (const session of [city, province]) {
      const refused = await act(session, c.id, { action: 'accept', version: c.version });
      expect(refused.statusCode).toBe(403);
    }
  });

  it('is assigned to the county’s own officials, never the province’s', async () => {
    expect(handlers.map((h) => h.id)).toEqual([county.userId]);
    expect(handlers.every((h) => h.regionCode === '320583')).toBe(true);
    const toProvince = await act(county, accepted.id, {
      action: 'assign',
      assigneeId: province.userId,
      version: accepted.version,
    });
    expect(toProvince.statusCode).toBe(400);
    expect(toProvince.json().errors[0].field).toBe('assigneeId');
  });

  it('keeps the county’s queue to its county', async () => {
    const countyQueue = await queue(county);
    expect(countyQueue.items.every((i) => i.regionCode === '320583')).toBe(true);
  });
});

describe('a case of a county with no office of its own (ADR 0016)', () => {
  let firm: Session;
  let elsewhere: CaseReply;
  let cityView: Detail;
  let provinceView: Detail;
  beforeAll(async () => {
    firm = (await aSignedInEnterprise(t, { region: '320581' })).session;
    elsewhere = await demand(firm, '层级测试：无办公室的县');
    [cityView, provinceView] = await Promise.all([get(city, elsewhere.id), get(province, elsewhere.id)]);
  });

  it('is the city’s to accept, not to supervise', () => {
    expect(cityView.allowedActions).toContain('accept');
    expect(cityView.allowedActions).not.toContain('supervise');
  });

  it('is the province’s to supervise, not to accept', () => {
    expect(provinceView.allowedActions).not.toContain('accept');
    expect(provinceView.allowedActions).toContain('supervise');
  });

  it('is not seen by another county’s office', async () => {
    expect((await t.request('GET', `/api/cases/${elsewhere.id}`, { session: county })).statusCode).toBe(404);
  });

  it('is assigned to the city’s officials', async () => {
    const cityHandlers = (
      await t.request('GET', `/api/cases/${elsewhere.id}/handlers`, { session: city })
    ).json();
    expect(cityHandlers.map((h: { id: number }) => h.id)).toEqual([city.userId]);
  });

  it('is accepted by the city', async () => {
    const own = await demand(firm, '层级测试：市级受理');
    const cityAccepts = await act(city, own.id, { action: 'accept', version: own.version });
    expect(cityAccepts.statusCode).toBe(200);
  });

  it('is in the city’s queue, and the province’s holds at least the city’s', async () => {
    expect((await queue(city)).items.some((i) => i.id === elsewhere.id)).toBe(true);
    expect((await queue(province)).total).toBeGreaterThanOrEqual((await queue(city)).total);
  });
});

describe('the actions a case offers, for each role and state', () => {
  let enterprise: Session;
  let target: CaseReply;
  let sessions: Record<string, Session>;
  beforeAll(async () => {
    enterprise = (await aSignedInEnterprise(t)).session;
    target = await demand(enterprise, '层级测试：合并目标');
    sessions = { enterprise, county, city, province, admin, auditor };
  });

  const bodies = (): Record<string, Record<string, unknown>> => ({
    accept: {},
    return: { note: '退回' },
    assign: { assigneeId: county.userId },
    transfer: { note: '转办', departmentCode: 'miit' },
    request_info: { note: '请补充' },
    provide_info: { note: '已补充' },
    reply: { note: '答复' },
    extend: { days: 1 },
    rate: { rating: 'satisfied' },
    reopen: {},
    close: {},
    merge: { mergeInto: target.id },
    comment: { note: '留言' },
    amend_claim: { claim: { ...CLAIM, amount: 310_000 } },
  });
  const states = ['submitted', 'accepted', 'in_progress', 'info_requested', 'replied', 'closed', 'returned'];
  const who = ['enterprise', 'county', 'city', 'province', 'admin', 'auditor'];

  for (const type of ['demand', 'arrears'] as const)
    for (const state of type === 'demand' ? [...states, 'merged'] : states)
      it(`offers exactly the actions the server accepts on a ${state} ${type} (${who.join(', ')})`, async () => {
        const caseIn = () =>
          aCaseIn(t, state, {
            office: county,
            enterprise,
            mergeInto: target.id,
            file: () =>
              type === 'demand' ? demand(enterprise) : arrears(enterprise, `HT-${state}-${Math.random()}`),
          });
        const body = bodies();
        for (const name of who) {
          const session = sessions[name] as Session;
          let c = await caseIn();
          const universe = type === 'demand' ? Object.keys(body) : ['accept', 'comment', 'amend_claim'];
          const offered = (await get(session, c.id)).allowedActions;
          const accepted: string[] = [];
          for (const action of universe) {
            const response = await act(session, c.id, { action, version: c.version, ...body[action] });
            if (response.statusCode === 200) {
              accepted.push(action);
              c = await caseIn();
            }
          }
          const supervise = await t.request('POST', `/api/cases/${c.id}/supervisions`, {
            session,
            body: { reason: '请加快办理' },
          });
          if (supervise.statusCode === 200) accepted.push('supervise');
          const relevant = offered.filter((a) => a === 'supervise' || universe.includes(a));
          expect(relevant.sort(), `${type} ${state} ${name}`).toEqual(accepted.sort());
        }
      }, 120_000);
});

describe('签收 of a supervised case', () => {
  let enterprise: Session;
  let c: CaseReply;
  let issued: LightMyRequestResponse;
  beforeAll(async () => {
    enterprise = (await aSignedInEnterprise(t)).session;
    c = await demand(enterprise, '层级测试：督办签收');
    issued = await t.request('POST', `/api/cases/${c.id}/supervisions`, {
      session: city,
      body: { reason: '企业来电反映' },
    });
  });

  it('is issued by the city', () => {
    expect(issued.statusCode).toBe(200);
  });

  it('is offered to the handler and an admin, not to who issued it or the province', async () => {
    for (const [session, may] of [
      [city, false],
      [province, false],
      [county, true],
      [admin, true],
    ] as const) {
      const offered = (await get(session, c.id)).allowedActions.includes('acknowledge_supervision');
      expect(offered).toBe(may);
    }
  });

  it('is refused to the city and the province', async () => {
    for (const session of [city, province]) {
      const refused = await acknowledge(session, c.id, issued.json().id);
      expect(refused.statusCode).toBe(403);
    }
  });

  it('is taken by the handler, then no longer offered', async () => {
    const own = await demand(enterprise, '层级测试：督办签收后');
    const sid = (
      await t.request('POST', `/api/cases/${own.id}/supervisions`, {
        session: city,
        body: { reason: '企业来电反映' },
      })
    ).json().id;
    const ok = await acknowledge(county, own.id, sid);
    expect(ok.statusCode).toBe(200);
    expect((await get(county, own.id)).allowedActions).not.toContain('acknowledge_supervision');
  });
});

describe('a complaint’s claim amended by the enterprise while open', () => {
  let enterprise: Session;
  let enterpriseId: number;
  let c: CaseReply;
  let amended: LightMyRequestResponse;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
  let after: Record<string, any>;
  beforeAll(async () => {
    const firm = await aSignedInEnterprise(t);
    enterprise = firm.session;
    enterpriseId = firm.id;
    c = await arrears(enterprise, 'HT-AMEND-1');
    amended = await act(enterprise, c.id, {
      action: 'amend_claim',
      version: c.version,
      note: '合同金额更正',
      claim: { ...CLAIM, amount: 350_000, acceptedOn: '2025-03-10', payments: [] },
    });
    after = amended.json();
  });
  const assessedBefore = () => c.assessment as { totalOutstanding: number; dueDate: string };

  it('re-assesses the claim', () => {
    expect(amended.statusCode, amended.body).toBe(200);
    expect(after).toMatchObject({ state: 'submitted', amount: 350_000, repaid: 0 });
    expect(after.assessment.totalOutstanding).toBeGreaterThan(assessedBefore().totalOutstanding);
    expect(after.assessment.dueDate).not.toBe(assessedBefore().dueDate);
  });

  it('puts the claim before and after on the timeline', () => {
    const event = after.events.at(-1);
    expect(event).toMatchObject({ action: 'amend_claim', note: '合同金额更正' });
    expect(event.data.before.claim.amount).toBe(300_000);
    expect(event.data.after.claim.amount).toBe(350_000);
    expect(event.data.before.totalOutstanding).toBe(assessedBefore().totalOutstanding);
  });

  it('stores the amount and the principal outstanding', async () => {
    const stored = await t.handle.db
      .selectFrom('cases')
      .select(['amount', 'repaid', 'principal_outstanding'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.amount)).toBe(350_000);
    expect(Number(stored.principal_outstanding)).toBe(350_000);
  });

  it('audits the amendment', async () => {
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'case')
      .where('target_id', '=', String(c.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('case.amend_claim');
  });

  it('tells the handling office', async () => {
    const notices = await t.handle.db
      .selectFrom('user_notifications')
      .select(['user_id', 'title_zh'])
      .where('case_id', '=', c.id)
      .where('title_zh', 'like', '%修改了诉求%')
      .execute();
    expect(notices.map((n) => n.user_id)).toEqual([county.userId]);
  });

  it('refuses bad figures, naming the field', async () => {
    const bad = await act(enterprise, c.id, {
      action: 'amend_claim',
      version: after.version,
      claim: { ...CLAIM, acceptedOn: '2025-01-05' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('claim.acceptedOn');
    const wrongKind = await act(enterprise, c.id, {
      action: 'amend_claim',
      version: after.version,
      claim: { ...CLAIM, debtorKind: 'large_enterprise' },
    });
    expect(wrongKind.json().errors[0].field).toBe('claim.debtorKind');
  });

  it('refuses an amendment by an official', async () => {
    const byOfficial = await act(county, c.id, {
      action: 'amend_claim',
      version: after.version,
      claim: CLAIM,
    });
    expect(byOfficial.statusCode).toBe(403);
  });

  it('does not show the complaint to another enterprise', async () => {
    const other = await aSignedInEnterprise(t);
    expect(other.id).not.toBe(enterpriseId);
    const foreign = await act(other.session, c.id, {
      action: 'amend_claim',
      version: after.version,
      claim: CLAIM,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses an amended claim on a demand', async () => {
    const d = await demand(enterprise, '层级测试：诉求不能改金额');
    const onDemand = await act(enterprise, d.id, { action: 'amend_claim', version: d.version, claim: CLAIM });
    expect(onDemand.statusCode).toBe(400);
  });

  it('refuses, and no longer offers, an amendment once the case is closed', async () => {
    const own = await arrears(enterprise, 'HT-AMEND-2');
    const returned = await anActionOn(t, county, own, 'return', { note: '退回' });
    expect(returned.state).toBe('returned');
    const closed = await act(enterprise, own.id, {
      action: 'amend_claim',
      version: returned.version,
      claim: CLAIM,
    });
    expect(closed.statusCode).toBe(409);
    const done = await get(enterprise, own.id);
    expect(done.allowedActions).not.toContain('amend_claim');
  });
});

describe('the queue: the enterprise’s name, the 督办 mark and filters', () => {
  const deadline = '2099-01-05';
  let own: { id: number; name: string };
  let enterprise: Session;
  let c: CaseReply;
  beforeAll(async () => {
    const firm = await aSignedInEnterprise(t, { name: '层级测试名称有限公司' });
    own = firm;
    enterprise = firm.session;
    c = await demand(enterprise, '层级测试：企业名称');
    await t.request('POST', `/api/cases/${c.id}/supervisions`, {
      session: province,
      body: { reason: '请加快', deadline },
    });
  });

  it('names the enterprise on the official’s page', async () => {
    expect((await get(county, c.id)).enterpriseName).toBe(own.name);
  });

  it('names the enterprise and marks 督办 with its deadline in the queue', async () => {
    const row = (await queue(county)).items.find((i) => i.id === c.id);
    expect(row).toMatchObject({ enterpriseName: own.name, supervision: { deadline, acknowledged: false } });
  });

  it('filters the supervised cases, counting them', async () => {
    const supervised = await queue(county, { supervised: 'true' });
    expect(supervised.items.length).toBeGreaterThan(0);
    expect(supervised.items.every((i) => i.supervision !== null)).toBe(true);
    expect(supervised.items.some((i) => i.id === c.id)).toBe(true);
    expect(supervised.total).toBe(supervised.items.length);
  });

  it('filters several states', async () => {
    const two = await queue(county, { state: 'submitted,accepted' });
    expect(two.items.every((i) => ['submitted', 'accepted'].includes(i.state as string))).toBe(true);
  });

  it('lists by default every open state; a region with its subtree; open=true; overdue within the region', async () => {
    const everyOpen = await queue(city, {
      state: 'submitted,accepted,in_progress,info_requested',
      region: '320500',
    });
    expect(everyOpen.total).toBe((await queue(city)).total);
    expect((await queue(city, { open: 'true', region: '320583' })).total).toBe((await queue(county)).total);
    expect(
      (await queue(city, { region: '320583', overdue: 'true' })).items.every(
        (i) => i.regionCode === '320583',
      ),
    ).toBe(true);
  });

  it('refuses an unknown state', async () => {
    const badState = await t.request('GET', '/api/cases?state=bogus', { session: county });
    expect(badState.statusCode).toBe(400);
  });

  it('lists one enterprise’s cases in every state (its registry page links here)', async () => {
    const theirs = await queue(county, { enterprise: String(own.id), open: 'false' });
    const stored = await t.handle.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('enterprise_id', '=', own.id)
      .where('region_code', 'like', '320583%')
      .where('department_code', '=', 'sme')
      .executeTakeFirstOrThrow();
    expect(theirs.total).toBe(Number(stored.n));
    expect(theirs.items.some((i) => i.id === c.id)).toBe(true);
    expect(theirs.items.every((i) => i.enterpriseName === own.name)).toBe(true);
  });

  it('shows the enterprise its own name, not the administration’s 督办', async () => {
    const mine = await get(enterprise, c.id);
    expect(mine.enterpriseName).toBe(own.name);
    expect(mine.supervision).toBeNull();
  });
});

describe('titles in English', () => {
  let enterprise: Session;
  beforeAll(async () => {
    enterprise = (await aSignedInEnterprise(t)).session;
  });

  it('gives a complaint’s system-built title in English', async () => {
    const c = await arrears(enterprise, 'HT-EN-1');
    expect(c.title).toBe('拖欠账款：某县某局（合同 HT-EN-1）');
    expect(c.titleEn).toBe('Overdue payment: 某县某局 (contract HT-EN-1)');
  });

  it('leaves a typed title as typed', async () => {
    const d = await demand(enterprise, '层级测试：英文标题');
    expect(d.titleEn).toBeNull();
  });
});
