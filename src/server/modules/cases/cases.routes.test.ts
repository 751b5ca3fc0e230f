/**
 * Cases end to end: a demand from submission to rating and one reopening; an arrears complaint's checks; routing
 * rules. One app for the file, the SME offices of the province, the city and the county made once; each scenario
 * builds its own enterprise and cases, then each `it` asserts one behaviour of it.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anSmeOfficeLadder,
  aSignedInAdmin,
  aSignedInEnterprise,
} from '../../../../test/helpers/cases-factories.ts';
import {
  aDemand,
  anArrearsComplaint,
  anEnterprise,
  aPublicBody,
  type CaseReply,
} from '../../../../test/helpers/factories.ts';
import { addDays, addWorkingDays } from '../../../reference/calendar.ts';
import { endOfPeriod } from '../../../reference/periods.ts';
import { todayInChina } from '../../../shared/today.ts';

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
type Json = Record<string, any>;

let t: TestApp;
let offices: { province: Session; city: Session; county: Session };
beforeAll(async () => {
  t = await createTestApp({ demo: false });
  offices = await anSmeOfficeLadder(t);
});
afterAll(() => t.close());

const act = (session: Session, id: number, body: Record<string, unknown>) =>
  t.request('POST', `/api/cases/${id}/actions`, { session, body });

describe('a demand from submission through acceptance, handling, a question, a reply, a rating and one reopening', () => {
  const today = todayInChina();
  let official: Session;
  let submitted: LightMyRequestResponse;
  let filed: Json;
  let queue: Json;
  let accepted: LightMyRequestResponse;
  let late: LightMyRequestResponse;
  let me: Json;
  let handlers: { id: number }[];
  let assigned: Json;
  let noNote: LightMyRequestResponse;
  let infoRequested: Json;
  let notEnterprise: LightMyRequestResponse;
  let provided: Json;
  let replied: Json;
  let rated: Json;
  let reopened: Json;
  let c: Json;
  let again: LightMyRequestResponse;
  let audited: { action: string }[];
  let notices: { title_zh: string }[];
  let toOfficials: { title_zh: string; user_id: number | null }[];
  let seenBy: { province: number; city: number };
  beforeAll(async () => {
    official = offices.county;
    const enterprise = (await aSignedInEnterprise(t)).session;
    submitted = await t.request('POST', '/api/my/cases/demands', {
      session: enterprise,
      body: {
        kind: 'consultation',
        category: 'financing',
        title: '首贷贴息怎么申请',
        description: '想了解首贷贴息的申请材料和流程。',
      },
    });
    filed = submitted.json();
    queue = (await t.request('GET', '/api/cases', { session: official })).json();
    // Two officials act at once: the second, on the version it saw, gets a conflict.
    accepted = await act(official, filed.id, { action: 'accept', version: filed.version });
    late = await act(official, filed.id, {
      action: 'return',
      version: filed.version,
      note: '不属于受理范围',
    });
    c = accepted.json();
    me = (await t.request('GET', '/api/auth/me', { session: official })).json();
    handlers = (await t.request('GET', `/api/cases/${c.id}/handlers`, { session: official })).json();
    assigned = (
      await act(official, c.id, { action: 'assign', version: c.version, assigneeId: me.user.id })
    ).json();
    noNote = await act(official, c.id, { action: 'request_info', version: assigned.version });
    infoRequested = (
      await act(official, c.id, { action: 'request_info', version: assigned.version, note: '请提供贷款合同' })
    ).json();
    notEnterprise = await act(official, c.id, {
      action: 'provide_info',
      version: infoRequested.version,
      note: 'x',
    });
    provided = (
      await act(enterprise, c.id, {
        action: 'provide_info',
        version: infoRequested.version,
        note: '已上传合同',
      })
    ).json();
    replied = (
      await act(official, c.id, {
        action: 'reply',
        version: provided.version,
        note: '请携带合同到服务中心办理。',
      })
    ).json();
    rated = (
      await act(enterprise, c.id, {
        action: 'rate',
        version: replied.version,
        rating: 'unsatisfied',
        note: '没讲清楚',
      })
    ).json();
    reopened = (await act(enterprise, c.id, { action: 'reopen', version: rated.version })).json();
    c = (
      await act(official, c.id, { action: 'reply', version: reopened.version, note: '补充说明：…' })
    ).json();
    c = (await act(enterprise, c.id, { action: 'rate', version: c.version, rating: 'unsatisfied' })).json();
    again = await act(enterprise, c.id, { action: 'reopen', version: c.version });
    audited = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'case')
      .where('target_id', '=', String(c.id))
      .execute();
    notices = await t.handle.db
      .selectFrom('notifications')
      .select('title_zh')
      .where('kind', '=', 'case_update')
      .where('case_id', '=', c.id)
      .execute();
    toOfficials = await t.handle.db
      .selectFrom('user_notifications')
      .select(['title_zh', 'user_id'])
      .where('case_id', '=', c.id)
      .orderBy('id')
      .execute();
    seenBy = {
      province: (await t.request('GET', `/api/cases/${c.id}`, { session: offices.province })).statusCode,
      city: (await t.request('GET', `/api/cases/${c.id}`, { session: offices.city })).statusCode,
    };
  });

  it('files a demand with the county’s SME office, numbered, with ten working days to accept it', () => {
    expect(submitted.statusCode).toBe(200);
    expect(filed).toMatchObject({
      state: 'submitted',
      regionCode: '320583',
      departmentCode: 'sme',
      clockStage: 'accept',
    });
    expect(filed.number).toMatch(/^SQ\d{14}$/);
    expect(filed.deadline).toBe(addWorkingDays(today, 10));
  });

  it('puts it in the county office’s queue', () => {
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(filed.id);
  });

  it('refuses the second of two actions on the same version with 409', () => {
    expect(accepted.statusCode).toBe(200);
    expect(late.statusCode).toBe(409);
    expect(accepted.json().state).toBe('accepted');
  });

  it('assigns it to one of the office’s officials, with 30 calendar days to deal with it', () => {
    expect(handlers.map((h) => h.id)).toContain(me.user.id);
    // 30 calendar days, moved to the next working day when the 30th is a statutory rest day.
    expect(assigned).toMatchObject({
      state: 'in_progress',
      clockStage: 'result',
      deadline: endOfPeriod(addDays(today, 30)).endsOn,
    });
  });

  it('refuses a request for information without a note, naming the field', () => {
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].field).toBe('note');
  });

  it('pauses the clock while information is requested', () => {
    expect(infoRequested).toMatchObject({ state: 'info_requested', clockStatus: 'paused' });
  });

  it('lets the enterprise, not an official, provide the information', () => {
    expect(notEnterprise.statusCode).toBe(403);
    expect(provided.state).toBe('in_progress');
  });

  it('closes the case when the enterprise rates the reply', () => {
    expect(replied.state).toBe('replied');
    expect(rated).toMatchObject({ state: 'closed', rating: 'unsatisfied' });
  });

  it('reopens a case once, and only once', () => {
    expect(reopened).toMatchObject({ state: 'in_progress', reopenedCount: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].message).toContain('一次');
  });

  it('records every step on the timeline and in the audit log', () => {
    expect(c.events.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'accept',
      'assign',
      'request_info',
      'provide_info',
      'reply',
      'rate',
      'reopen',
      'reply',
      'rate',
    ]);
    expect(audited).toHaveLength(c.events.length);
  });

  it('tells the enterprise of the acceptance, the question and the replies (not of the assignment)', () => {
    expect(notices).toHaveLength(4);
  });

  it('tells the office of the new case, then the handler of the enterprise’s answers, ratings and reopening', () => {
    // The new case (the county's office), the assignment (none: self-assigned), the information provided, the
    // rating, the reopening and the second rating (to the handler).
    expect(toOfficials.map((n) => n.title_zh)).toEqual([
      `新诉求待受理：${c.number}`,
      `案件 ${c.number}：企业已补充材料`,
      `案件 ${c.number}：企业已评价办理结果`,
      `案件 ${c.number}：企业不满意，申请重新办理`,
      `案件 ${c.number}：企业已评价办理结果`,
    ]);
    expect(new Set(toOfficials.slice(1).map((n) => n.user_id))).toEqual(new Set([official.userId]));
  });

  it('shows it to the province’s and the city’s SME authorities, whose regions cover it', () => {
    expect(seenBy).toEqual({ province: 200, city: 200 });
  });
});

describe('an overdue-payment complaint', () => {
  const debtor = aPublicBody('320583', '某县某局');
  const claim = {
    debtorKind: 'government',
    signedOn: '2025-02-10',
    basis: 'acceptance',
    deliveredOn: '2025-02-28',
    acceptedOn: '2025-03-03',
    amount: 1_000_000,
  };
  const body = {
    debtorUscc: debtor.uscc,
    debtorName: debtor.name,
    contractNumber: 'HT-2025-001',
    description: '验收后至今未付款。',
    claim,
  };
  let enterprise: Session;
  let ok: LightMyRequestResponse;
  let c: CaseReply;
  beforeAll(async () => {
    enterprise = (await aSignedInEnterprise(t)).session;
    // A complaint it filed before.
    await anArrearsComplaint(t, enterprise, aPublicBody('320583'));
    ok = await t.request('POST', '/api/my/cases/arrears', { session: enterprise, body });
    c = ok.json();
  });

  const file = (changed: Record<string, unknown>) =>
    t.request('POST', '/api/my/cases/arrears', { session: enterprise, body: { ...body, ...changed } });

  it('routes it to the debtor’s locality', () => {
    expect(ok.statusCode).toBe(200);
    expect(c).toMatchObject({
      type: 'arrears',
      regionCode: '320583',
      amount: 1_000_000,
      debtor: { uscc: debtor.uscc },
    });
  });

  it('assesses when the claim fell due', () => {
    expect(c.assessment).toMatchObject({ dueDate: '2025-04-02' });
  });

  it('refuses an acceptance before the delivery, naming the field', async () => {
    const before = await file({ claim: { ...claim, acceptedOn: '2025-01-05' } });
    expect(before.statusCode).toBe(400);
    expect(before.json().errors.map((e: { field: string }) => e.field)).toContain('claim.acceptedOn');
  });

  it('refuses a complaint against a small or medium enterprise', async () => {
    const sme = await anEnterprise(t.handle.db, { employees: 5, revenue: 100 });
    const smeDebtor = await file({ debtorUscc: sme.uscc });
    expect(smeDebtor.statusCode).toBe(400);
    expect(smeDebtor.json().errors[0].message).toContain('中小企业');
  });

  it('refuses a government body’s code (11…) given as a large enterprise’s, naming the field', async () => {
    const wrongKind = await file({ claim: { ...claim, debtorKind: 'large_enterprise' } });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors[0].field).toBe('claim.debtorKind');
  });

  it('refuses a complaint without a contract number, naming the field', async () => {
    const noContract = await file({ contractNumber: '' });
    expect(noContract.statusCode).toBe(400);
    expect(noContract.json().errors[0].field).toBe('contractNumber');
  });

  it('lists the enterprise’s complaints: the earlier one and this one', async () => {
    const mine = (await t.request('GET', '/api/my/cases?type=arrears', { session: enterprise })).json();
    expect(mine.total).toBe(2);
  });
});

describe('routing by the most specific active rule an admin sets', () => {
  const rule = {
    caseType: 'demand',
    category: 'tax',
    regionPrefix: '320583',
    departmentCode: 'mof',
    acceptWorkingDays: 5,
    resultDays: 15,
    priority: 0,
    isActive: true,
  };
  let created: LightMyRequestResponse;
  let arrearsLimits: LightMyRequestResponse;
  let badRegion: LightMyRequestResponse;
  let tax: CaseReply;
  let stale: LightMyRequestResponse;
  let off: LightMyRequestResponse;
  let again: CaseReply;
  beforeAll(async () => {
    const [admin, enterprise] = await Promise.all([aSignedInAdmin(t), aSignedInEnterprise(t)]);
    const post = (body: Record<string, unknown>) =>
      t.request('POST', '/api/admin/case-routing-rules', { session: admin, body });
    created = await post(rule);
    arrearsLimits = await post({ ...rule, caseType: 'arrears', category: null });
    badRegion = await post({ ...rule, regionPrefix: '3205x' });
    tax = await aDemand(t, enterprise.session, {
      kind: 'consultation',
      category: 'tax',
      title: '六税两费减半',
      description: '我公司能否享受六税两费减半？',
    });
    const put = (version: number) =>
      t.request('PUT', `/api/admin/case-routing-rules/${created.json().id}`, {
        session: admin,
        body: { ...rule, isActive: false, version },
      });
    stale = await put(created.json().version + 1);
    off = await put(created.json().version);
    again = await aDemand(t, enterprise.session, {
      kind: 'consultation',
      category: 'tax',
      title: '六税两费减半',
      description: '再次咨询六税两费减半。',
    });
  });

  it('accepts a rule', () => {
    expect(created.statusCode).toBe(200);
  });

  it('keeps an arrears complaint’s limits to the procedure, naming the field', () => {
    expect(arrearsLimits.statusCode).toBe(400);
    expect(arrearsLimits.json().errors[0].field).toBe('resultDays');
  });

  it('refuses a malformed region prefix, naming the field', () => {
    expect(badRegion.json().errors[0].field).toBe('regionPrefix');
  });

  it('routes a demand by the active rule, with its time to accept', () => {
    expect(tax).toMatchObject({ departmentCode: 'mof', deadline: addWorkingDays(todayInChina(), 5) });
  });

  it('refuses a change on a stale version with 409', () => {
    expect(stale.statusCode).toBe(409);
  });

  it('routes by the default once the rule is switched off', () => {
    expect(off.json().isActive).toBe(false);
    expect(again.departmentCode).toBe('sme');
  });
});

describe('the queue', () => {
  it("answers a region outside the official's with 403 OUT_OF_SCOPE naming the field", async () => {
    const outside = await t.request('GET', '/api/cases?region=110101', { session: offices.county });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'OUT_OF_SCOPE', errors: [{ field: 'region' }] });
  });
});
