/**
 * Issue 12 on the case engine: who sees and handles what at each level (ADR 0016), the actions a case offers
 * being exactly those the server accepts, amending a complaint's claim, the enterprise's name, the 督办 mark and
 * filters of the queue, English titles, and the demo's overdue and supervised cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';

type Detail = {
  id: number;
  version: number;
  state: string;
  allowedActions: string[];
  supervisions: { id: number; acknowledgedAt: string | null }[];
  [key: string]: unknown;
};

const DEBTOR = makeUscc('11320583MB0123456');
const CLAIM = {
  debtorKind: 'government',
  signedOn: '2025-02-10',
  basis: 'acceptance',
  deliveredOn: '2025-02-28',
  acceptedOn: '2025-03-03',
  amount: 300_000,
  payments: [{ date: '2025-05-20', amount: 100_000 }],
};

describe('cases at each level, offered actions, amended claims', () => {
  let t: TestApp;
  let enterprise: Session;
  let county: Session;
  let city: Session;
  let province: Session;
  let admin: Session;
  let auditor: Session;
  beforeAll(async () => {
    t = await createTestApp();
    [enterprise, county, city, province, admin, auditor] = await Promise.all([
      t.login('enterprise'),
      t.login('official.county'),
      t.login('official.city'),
      t.login('official.province'),
      t.login('admin'),
      t.login('auditor'),
    ]);
  });
  afterAll(() => t.close());

  const get = async (session: Session, id: number): Promise<Detail> => {
    const response = await t.request('GET', `/api/cases/${id}`, { session });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const act = (session: Session, id: number, body: Record<string, unknown>) =>
    t.request('POST', `/api/cases/${id}/actions`, { session, body });
  const demand = async (title = '层级测试：请求协助') => {
    const response = await t.request('POST', '/api/my/cases/demands', {
      session: enterprise,
      body: { kind: 'help', category: 'financing', title, description: '请求协助办理。' },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Detail;
  };
  const arrears = async (contract = 'HT-LV-001') => {
    const response = await t.request('POST', '/api/my/cases/arrears', {
      session: enterprise,
      body: {
        debtorUscc: DEBTOR,
        debtorName: '某县某局',
        contractNumber: contract,
        description: '验收后至今未付清。',
        claim: CLAIM,
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Promise<Detail>;
  };
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

  /** A case brought to a state by the county office and the enterprise. */
  const caseIn = async (state: string, type: 'demand' | 'arrears', mergeInto: number): Promise<Detail> => {
    let c = type === 'demand' ? await demand() : await arrears(`HT-${state}-${Math.random()}`);
    const step = async (session: Session, body: Record<string, unknown>) => {
      const response = await act(session, c.id, { ...body, version: c.version });
      expect(response.statusCode, response.body).toBe(200);
      c = response.json();
    };
    if (state === 'submitted') return c;
    if (state === 'returned') {
      await step(county, { action: 'return', note: '不属于受理范围' });
      return c;
    }
    if (state === 'merged') {
      await step(county, { action: 'merge', mergeInto });
      return c;
    }
    await step(county, { action: 'accept' });
    if (state === 'accepted') return c;
    await step(county, { action: 'assign', assigneeId: county.userId });
    if (state === 'in_progress') return c;
    if (state === 'info_requested') {
      await step(county, { action: 'request_info', note: '请补充合同' });
      return c;
    }
    await step(county, { action: 'reply', note: '已协调' });
    if (state === 'replied') return c;
    await step(enterprise, { action: 'rate', rating: 'unsatisfied' });
    return c;
  };

  it('starts the demo with overdue cases and cases under 督办', async () => {
    const overdue = await queue(county, { overdue: 'true' });
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((i) => (i.deadline as string) < todayInChina())).toBe(true);
    const supervised = await t.handle.db
      .selectFrom('case_supervisions as s')
      .innerJoin('cases as c', 'c.id', 's.case_id')
      .select(['s.issued_by', 'c.region_code'])
      .where('c.is_demo', '=', true)
      .execute();
    expect(supervised.some((s) => s.issued_by === null)).toBe(true);
    expect(supervised.some((s) => s.issued_by === city.userId)).toBe(true);
    const cityOverdue = await queue(city, { overdue: 'true' });
    expect(cityOverdue.items.some((i) => i.regionCode !== '320583')).toBe(true);
  });

  it('lets each level see and handle what ADR 0016 says', async () => {
    const c = await demand('层级测试：县级案件');
    // The county office handles its county's case; the city and the province see it and supervise.
    for (const session of [county, city, province]) expect((await get(session, c.id)).id).toBe(c.id);
    expect((await queue(city)).items.some((i) => i.id === c.id)).toBe(true);
    expect((await queue(city)).total).toBeGreaterThan(0);
    for (const session of [city, province]) {
      const refused = await act(session, c.id, { action: 'accept', version: c.version });
      expect(refused.statusCode).toBe(403);
    }
    // Assignable handlers: the county's own officials, never the province's.
    const accepted = (await act(county, c.id, { action: 'accept', version: c.version })).json();
    const handlers = (await t.request('GET', `/api/cases/${c.id}/handlers`, { session: province })).json();
    expect(handlers.map((h: { id: number }) => h.id)).toEqual([county.userId]);
    expect(handlers.every((h: { regionCode: string }) => h.regionCode === '320583')).toBe(true);
    const toProvince = await act(county, c.id, {
      action: 'assign',
      assigneeId: province.userId,
      version: accepted.version,
    });
    expect(toProvince.statusCode).toBe(400);
    expect(toProvince.json().errors[0].field).toBe('assigneeId');

    // A case of a county with no office of its own (the demo's other county of the city): the city handles it.
    const elsewhere = await t.handle.db
      .selectFrom('cases')
      .select(['id', 'region_code'])
      .where('region_code', 'like', '3205%')
      .where('region_code', '<>', '320583')
      .where('state', '=', 'submitted')
      .executeTakeFirstOrThrow();
    const cityView = await get(city, elsewhere.id);
    expect(cityView.allowedActions).toContain('accept');
    expect(cityView.allowedActions).not.toContain('supervise');
    const provinceView = await get(province, elsewhere.id);
    expect(provinceView.allowedActions).not.toContain('accept');
    expect(provinceView.allowedActions).toContain('supervise');
    expect((await t.request('GET', `/api/cases/${elsewhere.id}`, { session: county })).statusCode).toBe(404);
    const cityHandlers = (
      await t.request('GET', `/api/cases/${elsewhere.id}/handlers`, { session: city })
    ).json();
    expect(cityHandlers.map((h: { id: number }) => h.id)).toEqual([city.userId]);
    const cityAccepts = await act(city, elsewhere.id, { action: 'accept', version: cityView.version });
    expect(cityAccepts.statusCode).toBe(200);
    // The county sees only its county; the city its counties; the province all of them.
    const countyQueue = await queue(county);
    expect(countyQueue.items.every((i) => i.regionCode === '320583')).toBe(true);
    expect((await queue(city)).items.some((i) => i.id === elsewhere.id)).toBe(true);
    expect((await queue(province)).total).toBeGreaterThanOrEqual((await queue(city)).total);
  });

  it('offers exactly the actions the server accepts, for each role and state', async () => {
    const target = await demand('层级测试：合并目标');
    const sessions = { enterprise, county, city, province, admin, auditor };
    const bodies: Record<string, Record<string, unknown>> = {
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
    };
    const states = [
      'submitted',
      'accepted',
      'in_progress',
      'info_requested',
      'replied',
      'closed',
      'returned',
    ];
    for (const type of ['demand', 'arrears'] as const)
      for (const state of type === 'demand' ? [...states, 'merged'] : states)
        for (const [who, session] of Object.entries(sessions)) {
          let c = await caseIn(state, type, target.id);
          const universe = type === 'demand' ? Object.keys(bodies) : ['accept', 'comment', 'amend_claim'];
          const offered = (await get(session, c.id)).allowedActions;
          const accepted: string[] = [];
          for (const action of universe) {
            const response = await act(session, c.id, { action, version: c.version, ...bodies[action] });
            if (response.statusCode === 200) {
              accepted.push(action);
              c = await caseIn(state, type, target.id);
            }
          }
          const supervise = await t.request('POST', `/api/cases/${c.id}/supervisions`, {
            session,
            body: { reason: '请加快办理' },
          });
          if (supervise.statusCode === 200) accepted.push('supervise');
          const relevant = offered.filter((a) => a === 'supervise' || universe.includes(a));
          expect(relevant.sort(), `${type} ${state} ${who}`).toEqual(accepted.sort());
        }
  }, 600_000);

  it('offers 签收 to the handler of a supervised case only, and not to who issued it', async () => {
    const c = await demand('层级测试：督办签收');
    const issued = await t.request('POST', `/api/cases/${c.id}/supervisions`, {
      session: city,
      body: { reason: '企业来电反映' },
    });
    expect(issued.statusCode).toBe(200);
    const sid = issued.json().id;
    for (const [session, may] of [
      [city, false],
      [province, false],
      [county, true],
      [admin, true],
    ] as const) {
      const offered = (await get(session, c.id)).allowedActions.includes('acknowledge_supervision');
      expect(offered).toBe(may);
    }
    for (const session of [city, province]) {
      const refused = await t.request('POST', `/api/cases/${c.id}/supervisions/${sid}/acknowledge`, {
        session,
      });
      expect(refused.statusCode).toBe(403);
    }
    const ok = await t.request('POST', `/api/cases/${c.id}/supervisions/${sid}/acknowledge`, {
      session: county,
    });
    expect(ok.statusCode).toBe(200);
    expect((await get(county, c.id)).allowedActions).not.toContain('acknowledge_supervision');
  });

  it('lets the enterprise amend its complaint’s claim while open: re-assessed, audited, on the timeline', async () => {
    const c = await arrears('HT-AMEND-1');
    const before = c.assessment as { totalOutstanding: number; dueDate: string };
    const amended = await act(enterprise, c.id, {
      action: 'amend_claim',
      version: c.version,
      note: '合同金额更正',
      claim: { ...CLAIM, amount: 350_000, acceptedOn: '2025-03-10', payments: [] },
    });
    expect(amended.statusCode, amended.body).toBe(200);
    const after = amended.json();
    expect(after).toMatchObject({ state: 'submitted', amount: 350_000, repaid: 0 });
    expect(after.assessment.totalOutstanding).toBeGreaterThan(before.totalOutstanding);
    expect(after.assessment.dueDate).not.toBe(before.dueDate);
    const event = after.events.at(-1);
    expect(event).toMatchObject({ action: 'amend_claim', note: '合同金额更正' });
    expect(event.data.before.claim.amount).toBe(300_000);
    expect(event.data.after.claim.amount).toBe(350_000);
    expect(event.data.before.totalOutstanding).toBe(before.totalOutstanding);
    const stored = await t.handle.db
      .selectFrom('cases')
      .select(['amount', 'repaid', 'principal_outstanding'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.amount)).toBe(350_000);
    expect(Number(stored.principal_outstanding)).toBe(350_000);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'case')
      .where('target_id', '=', String(c.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('case.amend_claim');
    const notices = await t.handle.db
      .selectFrom('notifications')
      .select(['user_id', 'title_zh'])
      .where('case_id', '=', c.id)
      .where('title_zh', 'like', '%修改了诉求%')
      .execute();
    expect(notices.map((n) => n.user_id)).toEqual([county.userId]);

    // Bad figures are refused by field; officials, other enterprises and closed cases cannot amend.
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
    const byOfficial = await act(county, c.id, {
      action: 'amend_claim',
      version: after.version,
      claim: CLAIM,
    });
    expect(byOfficial.statusCode).toBe(403);
    const otherUser = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: {
        username: 'other.firm',
        displayName: '另一家企业',
        role: 'enterprise',
        enterpriseId: (
          await t.handle.db
            .selectFrom('enterprises')
            .select('id')
            .where('id', '<>', after.enterpriseId)
            .limit(1)
            .executeTakeFirstOrThrow()
        ).id,
        password: 'Huiqi-Demo-2026',
      },
    });
    expect(otherUser.statusCode).toBe(201);
    const other = await t.login('other.firm');
    const foreign = await act(other, c.id, { action: 'amend_claim', version: after.version, claim: CLAIM });
    expect(foreign.statusCode).toBe(404);
    const d = await demand('层级测试：诉求不能改金额');
    const onDemand = await act(enterprise, d.id, { action: 'amend_claim', version: d.version, claim: CLAIM });
    expect(onDemand.statusCode).toBe(400);
    let done = (await act(county, c.id, { action: 'return', version: after.version, note: '退回' })).json();
    expect(done.state).toBe('returned');
    const closed = await act(enterprise, c.id, {
      action: 'amend_claim',
      version: done.version,
      claim: CLAIM,
    });
    expect(closed.statusCode).toBe(409);
    done = await get(enterprise, c.id);
    expect(done.allowedActions).not.toContain('amend_claim');
  });

  it('names the enterprise, marks 督办 with its deadline, filters supervised and several states', async () => {
    const own = await t.handle.db
      .selectFrom('users as u')
      .innerJoin('enterprises as e', 'e.id', 'u.enterprise_id')
      .select('e.name')
      .where('u.username', '=', 'enterprise')
      .executeTakeFirstOrThrow();
    const c = await demand('层级测试：企业名称');
    expect((await get(county, c.id)).enterpriseName).toBe(own.name);
    const deadline = '2099-01-05';
    await t.request('POST', `/api/cases/${c.id}/supervisions`, {
      session: province,
      body: { reason: '请加快', deadline },
    });
    const row = (await queue(county)).items.find((i) => i.id === c.id);
    expect(row).toMatchObject({ enterpriseName: own.name, supervision: { deadline, acknowledged: false } });
    const supervised = await queue(county, { supervised: 'true' });
    expect(supervised.items.length).toBeGreaterThan(0);
    expect(supervised.items.every((i) => i.supervision !== null)).toBe(true);
    expect(supervised.items.some((i) => i.id === c.id)).toBe(true);
    expect(supervised.total).toBe(supervised.items.length);
    // Several states, every open state (the default queue), a region with its subtree, open=true.
    const two = await queue(county, { state: 'submitted,accepted' });
    expect(two.items.every((i) => ['submitted', 'accepted'].includes(i.state as string))).toBe(true);
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
    const badState = await t.request('GET', '/api/cases?state=bogus', { session: county });
    expect(badState.statusCode).toBe(400);
    // One enterprise's cases (its registry page links here), in every state; another's none of them.
    const ownId = await t.handle.db
      .selectFrom('users')
      .select('enterprise_id')
      .where('username', '=', 'enterprise')
      .executeTakeFirstOrThrow();
    const theirs = await queue(county, { enterprise: String(ownId.enterprise_id), open: 'false' });
    const office = await t.handle.db
      .selectFrom('users')
      .select('department_code')
      .where('username', '=', 'official.county')
      .executeTakeFirstOrThrow();
    const stored = await t.handle.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('enterprise_id', '=', Number(ownId.enterprise_id))
      .where('region_code', 'like', '320583%')
      .where('department_code', '=', String(office.department_code))
      .executeTakeFirstOrThrow();
    expect(theirs.total).toBe(Number(stored.n));
    expect(theirs.items.some((i) => i.id === c.id)).toBe(true);
    expect(theirs.items.every((i) => i.enterpriseName === own.name)).toBe(true);
    // The enterprise sees its own name, not the administration's 督办.
    const mine = await get(enterprise, c.id);
    expect(mine.enterpriseName).toBe(own.name);
    expect(mine.supervision).toBeNull();
  });

  it('gives system-built titles in English and leaves typed ones as typed', async () => {
    const c = await arrears('HT-EN-1');
    expect(c.title).toBe('拖欠账款：某县某局（合同 HT-EN-1）');
    expect(c.titleEn).toBe('Overdue payment: 某县某局 (contract HT-EN-1)');
    const d = await demand('层级测试：英文标题');
    expect(d.titleEn).toBeNull();
  });
});
