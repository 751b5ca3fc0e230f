/** Cases end to end: a demand from submission to rating and one reopening; an arrears complaint's checks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { addDays, addWorkingDays } from '../../../reference/calendar.ts';
import { endOfPeriod } from '../../../reference/periods.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';

describe('cases', () => {
  let t: TestApp;
  let enterprise: Session;
  let official: Session;
  beforeAll(async () => {
    t = await createTestApp();
    enterprise = await t.login('enterprise');
    official = await t.login('official.county');
  });
  afterAll(() => t.close());

  const act = (session: Session, id: number, body: Record<string, unknown>) =>
    t.request('POST', `/api/cases/${id}/actions`, { session, body });

  it('takes a demand from submission through acceptance, handling, a question, a reply, a rating and one reopening', async () => {
    const today = todayInChina();
    const submitted = await t.request('POST', '/api/my/cases/demands', {
      session: enterprise,
      body: {
        kind: 'consultation',
        category: 'financing',
        title: '首贷贴息怎么申请',
        description: '想了解首贷贴息的申请材料和流程。',
      },
    });
    expect(submitted.statusCode).toBe(200);
    let c = submitted.json();
    expect(c).toMatchObject({
      state: 'submitted',
      regionCode: '320583',
      departmentCode: 'sme',
      clockStage: 'accept',
    });
    expect(c.number).toMatch(/^SQ\d{14}$/);
    expect(c.deadline).toBe(addWorkingDays(today, 10));

    const queue = (await t.request('GET', '/api/cases', { session: official })).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(c.id);

    // Two officials act at once: the second, on the version it saw, gets a conflict.
    const accepted = await act(official, c.id, { action: 'accept', version: c.version });
    expect(accepted.statusCode).toBe(200);
    const late = await act(official, c.id, { action: 'return', version: c.version, note: '不属于受理范围' });
    expect(late.statusCode).toBe(409);
    c = accepted.json();
    expect(c.state).toBe('accepted');

    const me = (await t.request('GET', '/api/auth/me', { session: official })).json();
    const handlers = (await t.request('GET', `/api/cases/${c.id}/handlers`, { session: official })).json();
    expect(handlers.map((h: { id: number }) => h.id)).toContain(me.user.id);
    c = (await act(official, c.id, { action: 'assign', version: c.version, assigneeId: me.user.id })).json();
    // 30 calendar days, moved to the next working day when the 30th is a statutory rest day.
    expect(c).toMatchObject({
      state: 'in_progress',
      clockStage: 'result',
      deadline: endOfPeriod(addDays(today, 30)).endsOn,
    });

    const noNote = await act(official, c.id, { action: 'request_info', version: c.version });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].field).toBe('note');
    c = (
      await act(official, c.id, { action: 'request_info', version: c.version, note: '请提供贷款合同' })
    ).json();
    expect(c).toMatchObject({ state: 'info_requested', clockStatus: 'paused' });
    const notEnterprise = await act(official, c.id, {
      action: 'provide_info',
      version: c.version,
      note: 'x',
    });
    expect(notEnterprise.statusCode).toBe(403);
    c = (
      await act(enterprise, c.id, { action: 'provide_info', version: c.version, note: '已上传合同' })
    ).json();
    expect(c.state).toBe('in_progress');
    c = (
      await act(official, c.id, { action: 'reply', version: c.version, note: '请携带合同到服务中心办理。' })
    ).json();
    expect(c.state).toBe('replied');

    c = (
      await act(enterprise, c.id, {
        action: 'rate',
        version: c.version,
        rating: 'unsatisfied',
        note: '没讲清楚',
      })
    ).json();
    expect(c).toMatchObject({ state: 'closed', rating: 'unsatisfied' });
    c = (await act(enterprise, c.id, { action: 'reopen', version: c.version })).json();
    expect(c).toMatchObject({ state: 'in_progress', reopenedCount: 1 });
    c = (await act(official, c.id, { action: 'reply', version: c.version, note: '补充说明：…' })).json();
    c = (await act(enterprise, c.id, { action: 'rate', version: c.version, rating: 'unsatisfied' })).json();
    const again = await act(enterprise, c.id, { action: 'reopen', version: c.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].message).toContain('一次');

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
    const audited = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'case')
      .where('target_id', '=', String(c.id))
      .execute();
    expect(audited).toHaveLength(c.events.length);
    const notices = await t.handle.db
      .selectFrom('notifications')
      .select('title_zh')
      .where('kind', '=', 'case_update')
      .where('case_id', '=', c.id)
      .where('enterprise_id', 'is not', null)
      .execute();
    // The enterprise: accept, request_info and the two replies (an assignment is internal).
    expect(notices).toHaveLength(4);
    // The officials: the new case (the county's office), the assignment (none: self-assigned), the information
    // provided, the rating, the reopening and the second rating (to the handler).
    const toOfficials = await t.handle.db
      .selectFrom('notifications')
      .select(['title_zh', 'user_id'])
      .where('case_id', '=', c.id)
      .where('user_id', 'is not', null)
      .orderBy('id')
      .execute();
    expect(toOfficials.map((n) => n.title_zh)).toEqual([
      `新诉求待受理：${c.number}`,
      `案件 ${c.number}：企业已补充材料`,
      `案件 ${c.number}：企业已评价办理结果`,
      `案件 ${c.number}：企业不满意，申请重新办理`,
      `案件 ${c.number}：企业已评价办理结果`,
    ]);
    expect(new Set(toOfficials.slice(1).map((n) => n.user_id))).toEqual(new Set([official.userId]));
    // The province's and the city's SME authorities see it (their regions cover the case).
    const province = await t.login('official.province');
    expect((await t.request('GET', `/api/cases/${c.id}`, { session: province })).statusCode).toBe(200);
    const city = await t.login('official.city');
    expect((await t.request('GET', `/api/cases/${c.id}`, { session: city })).statusCode).toBe(200);
  });

  it('routes an overdue-payment complaint to the debtor’s locality and checks the claim', async () => {
    const debtor = makeUscc('11320583MB0123456');
    const claim = {
      debtorKind: 'government',
      signedOn: '2025-02-10',
      basis: 'acceptance',
      deliveredOn: '2025-02-28',
      acceptedOn: '2025-03-03',
      amount: 1_000_000,
    };
    const body = {
      debtorUscc: debtor,
      debtorName: '某县某局',
      contractNumber: 'HT-2025-001',
      description: '验收后至今未付款。',
      claim,
    };
    const ok = await t.request('POST', '/api/my/cases/arrears', { session: enterprise, body });
    expect(ok.statusCode).toBe(200);
    const c = ok.json();
    expect(c).toMatchObject({
      type: 'arrears',
      regionCode: '320583',
      amount: 1_000_000,
      debtor: { uscc: debtor },
    });
    expect(c.assessment).toMatchObject({ dueDate: '2025-04-02' });

    const before = await t.request('POST', '/api/my/cases/arrears', {
      session: enterprise,
      body: { ...body, claim: { ...claim, acceptedOn: '2025-01-05' } },
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().errors.map((e: { field: string }) => e.field)).toContain('claim.acceptedOn');

    const sme = await t.handle.db
      .selectFrom('enterprises as e')
      .innerJoin('enterprise_sizes as s', 's.enterprise_id', 'e.id')
      .select('e.uscc')
      .where('s.size', '=', 'micro')
      .where('e.id', '<>', c.enterpriseId)
      .limit(1)
      .executeTakeFirstOrThrow();
    const smeDebtor = await t.request('POST', '/api/my/cases/arrears', {
      session: enterprise,
      body: { ...body, debtorUscc: sme.uscc },
    });
    expect(smeDebtor.statusCode).toBe(400);
    expect(smeDebtor.json().errors[0].message).toContain('中小企业');
    // A government body's code (11…) is not a large enterprise's.
    const wrongKind = await t.request('POST', '/api/my/cases/arrears', {
      session: enterprise,
      body: { ...body, claim: { ...claim, debtorKind: 'large_enterprise' } },
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors[0].field).toBe('claim.debtorKind');
    const noContract = await t.request('POST', '/api/my/cases/arrears', {
      session: enterprise,
      body: { ...body, contractNumber: '' },
    });
    expect(noContract.statusCode).toBe(400);
    expect(noContract.json().errors[0].field).toBe('contractNumber');

    // The demo data's complaint and this one.
    const mine = (await t.request('GET', '/api/my/cases?type=arrears', { session: enterprise })).json();
    expect(mine.total).toBe(2);
  });

  it('routes by the most specific active rule an admin sets, and keeps arrears limits to the procedure', async () => {
    const admin = await t.login('admin');
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
    const created = await t.request('POST', '/api/admin/case-routing-rules', { session: admin, body: rule });
    expect(created.statusCode).toBe(200);
    const arrearsLimits = await t.request('POST', '/api/admin/case-routing-rules', {
      session: admin,
      body: { ...rule, caseType: 'arrears', category: null },
    });
    expect(arrearsLimits.statusCode).toBe(400);
    expect(arrearsLimits.json().errors[0].field).toBe('resultDays');
    const badRegion = await t.request('POST', '/api/admin/case-routing-rules', {
      session: admin,
      body: { ...rule, regionPrefix: '3205x' },
    });
    expect(badRegion.json().errors[0].field).toBe('regionPrefix');
    const tax = (
      await t.request('POST', '/api/my/cases/demands', {
        session: enterprise,
        body: {
          kind: 'consultation',
          category: 'tax',
          title: '六税两费减半',
          description: '我公司能否享受六税两费减半？',
        },
      })
    ).json();
    expect(tax).toMatchObject({ departmentCode: 'mof', deadline: addWorkingDays(todayInChina(), 5) });
    const stale = await t.request('PUT', `/api/admin/case-routing-rules/${created.json().id}`, {
      session: admin,
      body: { ...rule, isActive: false, version: created.json().version + 1 },
    });
    expect(stale.statusCode).toBe(409);
    const off = await t.request('PUT', `/api/admin/case-routing-rules/${created.json().id}`, {
      session: admin,
      body: { ...rule, isActive: false, version: created.json().version },
    });
    expect(off.json().isActive).toBe(false);
    const again = (
      await t.request('POST', '/api/my/cases/demands', {
        session: enterprise,
        body: {
          kind: 'consultation',
          category: 'tax',
          title: '六税两费减半',
          description: '再次咨询六税两费减半。',
        },
      })
    ).json();
    expect(again.departmentCode).toBe('sme');
  });

  it("answers a queue asked for a region outside the official's with 403 OUT_OF_SCOPE naming the field", async () => {
    const outside = await t.request('GET', '/api/cases?region=110101', { session: official });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'OUT_OF_SCOPE', errors: [{ field: 'region' }] });
  });
});
