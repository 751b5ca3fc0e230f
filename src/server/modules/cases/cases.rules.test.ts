/** The case engine's states, actions and clocks (working days with holidays and 调休; pauses; extensions). */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, holidayCalendarYears } from '../../../reference/calendar.ts';
import { complaintTimeLimitsOn } from '../../../reference/complaint-procedure.ts';
import {
  automaticReason,
  automaticReasonEn,
  type CaseAction,
  type CaseActor,
  type CaseCommand,
  type CaseFacts,
  type CaseSnapshot,
  type CaseState,
  clockFor,
  clockStatus,
  deadlineOf,
  explainDeadline,
  extendClock,
  limitsFor,
  nextState,
  pauseClock,
  refuseAction,
  resumeClock,
  TRANSITIONS,
  type TransitionContext,
  transition,
} from './cases.rules.ts';

const snapshot = (state: CaseState, extra: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  type: 'arrears',
  state,
  reopenedCount: 0,
  rating: null,
  ...extra,
});

describe('states and actions', () => {
  it.each([
    ['submitted', 'accept', 'official', 'accepted'],
    ['submitted', 'return', 'official', 'returned'],
    ['accepted', 'assign', 'official', 'in_progress'],
    ['in_progress', 'request_info', 'official', 'info_requested'],
    ['info_requested', 'provide_info', 'enterprise', 'in_progress'],
    ['in_progress', 'reply', 'official', 'replied'],
    ['replied', 'rate', 'enterprise', 'closed'],
    ['in_progress', 'transfer', 'official', 'submitted'],
    ['accepted', 'merge', 'official', 'merged'],
    ['in_progress', 'comment', 'enterprise', 'in_progress'],
  ] as const)('%s --%s by %s--> %s', (from, action, actor, to) => {
    expect(refuseAction(snapshot(from), action, actor)).toBeNull();
    expect(nextState(from, action)).toBe(to);
  });

  it('refuses an action from a state that does not allow it, naming the state', () => {
    const refusal = refuseAction(snapshot('closed'), 'reply', 'official');
    expect(refusal?.code).toBe('NOT_ALLOWED_FROM_STATE');
    expect(refusal?.message.zh).toContain('已办结');
    expect(refuseAction(snapshot('submitted'), 'reply', 'official')?.code).toBe('NOT_ALLOWED_FROM_STATE');
  });

  it('refuses an actor whose role may not take the action', () => {
    expect(refuseAction(snapshot('submitted'), 'accept', 'enterprise')?.code).toBe('NOT_YOUR_ROLE');
    expect(refuseAction(snapshot('replied'), 'rate', 'official')?.code).toBe('NOT_YOUR_ROLE');
  });

  it('lets an unsatisfied enterprise reopen a case once', () => {
    expect(refuseAction(snapshot('closed', { rating: 'unsatisfied' }), 'reopen', 'enterprise')).toBeNull();
    expect(refuseAction(snapshot('closed', { rating: 'satisfied' }), 'reopen', 'enterprise')?.code).toBe(
      'NOT_UNSATISFIED',
    );
    expect(
      refuseAction(snapshot('closed', { rating: 'unsatisfied', reopenedCount: 1 }), 'reopen', 'enterprise')
        ?.code,
    ).toBe('ALREADY_REOPENED');
  });

  it('leaves no terminal state with an exit except reopening a closed case', () => {
    for (const state of ['returned', 'merged'] as CaseState[])
      for (const action of Object.keys(TRANSITIONS) as CaseAction[])
        for (const actor of ['enterprise', 'official', 'system'] as CaseActor[])
          expect(refuseAction(snapshot(state, { rating: 'unsatisfied' }), action, actor)).not.toBeNull();
  });
});

describe('clocks', () => {
  const limits = limitsFor('arrears', '2025-09-30');

  it('gives the accepting department 10 working days, across the National Day holiday and its make-up Saturday', () => {
    const clock = clockFor('submitted', '2025-09-30', limits);
    expect(clock).toMatchObject({ stage: 'accept', unit: 'working', limit: 10 });
    expect(deadlineOf(clock as NonNullable<typeof clock>)).toBe('2025-10-21');
  });

  it('gives the handler 30 calendar days, stops while waiting for the enterprise and adds the wait back', () => {
    const running = clockFor('in_progress', '2025-11-03', limits) as NonNullable<ReturnType<typeof clockFor>>;
    expect(deadlineOf(running)).toBe('2025-12-03');
    const paused = pauseClock(running, '2025-11-10');
    expect(clockStatus(paused, '2025-12-20')).toBe('paused');
    expect(deadlineOf(paused, '2025-11-15')).toBe('2025-12-08');
    const resumed = resumeClock(paused, '2025-11-20');
    expect(resumed.pausedDays).toBe(10);
    // 40 days from 11-03 is Saturday 12-13, a rest day: the limit ends on Monday 12-15 (民法典第二百零三条).
    expect(deadlineOf(resumed)).toBe('2025-12-15');
  });

  it('adds back paused working days to a working-day clock', () => {
    const clock = clockFor('submitted', '2025-09-26', limits) as NonNullable<ReturnType<typeof clockFor>>;
    const resumed = resumeClock(pauseClock(clock, '2025-09-30'), '2025-10-10');
    expect(resumed.pausedDays).toBe(2);
    expect(deadlineOf(resumed)).toBe(addWorkingDays('2025-09-26', 12));
  });

  it('extends the handling limit up to 90 days in all, no further', () => {
    const clock = clockFor('in_progress', '2025-11-03', limits) as NonNullable<ReturnType<typeof clockFor>>;
    const extended = extendClock(clock, 60, limits.resultMaxDays);
    // 90 days from 2025-11-03 is Sunday 2026-02-01: the limit ends on Monday 02-02.
    expect(extended.ok && deadlineOf(extended.clock)).toBe('2026-02-02');
    const tooFar = extendClock(clock, 61, limits.resultMaxDays);
    expect(tooFar.ok).toBe(false);
    expect(
      extendClock(clockFor('submitted', '2025-11-03', limits) as NonNullable<typeof clock>, 5, 90).ok,
    ).toBe(false);
  });

  it('flags clocks due within two working days and overdue ones', () => {
    const clock = clockFor('submitted', '2025-09-30', limits) as NonNullable<ReturnType<typeof clockFor>>;
    expect(clockStatus(clock, '2025-10-09')).toBe('on_time');
    expect(clockStatus(clock, '2025-10-17')).toBe('due_soon');
    expect(clockStatus(clock, '2025-10-21')).toBe('due_soon');
    expect(clockStatus(clock, '2025-10-22')).toBe('overdue');
  });

  it("cites the complaint procedure for an arrears complaint, and a demand's routing rule (the procedure by default)", () => {
    const clock = clockFor('submitted', '2025-09-03', limits) as NonNullable<ReturnType<typeof clockFor>>;
    const procedure = complaintTimeLimitsOn('2025-09-03').reference;
    expect(explainDeadline(clock, undefined, 'arrears')[0]?.basis).toBe(procedure);
    expect(explainDeadline(clock, undefined, 'demand')[0]?.basis).toBe(
      `受理部门的诉求分派规则（规则未另设时限的，参照${procedure}）`,
    );
  });

  it('ends a calendar-day limit whose last day is a rest day on the next working day, and says why', () => {
    // 30 days from 2025-09-03 is Friday 10-03, inside National Day (10-01 … 10-08 off).
    const clock = clockFor('in_progress', '2025-09-03', limits) as NonNullable<ReturnType<typeof clockFor>>;
    expect(deadlineOf(clock)).toBe('2025-10-09');
    expect(clockStatus(clock, '2025-10-08')).not.toBe('overdue');
    expect(clockStatus(clock, '2025-10-09')).not.toBe('overdue');
    expect(clockStatus(clock, '2025-10-10')).toBe('overdue');
    const lines = explainDeadline(clock);
    expect(lines.map((l) => l.text.zh)).toEqual([
      '办理期限：自 2025-09-03 起 30 日 → 2025-10-09',
      '期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日（《民法典》第二百零三条）：期间最后一日 2025-10-03（国庆节）是法定休假日，顺延至 2025-10-09',
    ]);
    expect(lines[1]?.basis).toBe('《中华人民共和国民法典》第二百零三条');
    expect(lines[1]?.text.en).toContain('Civil Code, art. 203');
    // A make-up Saturday (调休上班 2025-10-11) is a working day: 30 days from 09-11 end there.
    const makeUp = clockFor('in_progress', '2025-09-11', limits) as NonNullable<ReturnType<typeof clockFor>>;
    expect(deadlineOf(makeUp)).toBe('2025-10-11');
  });

  it('says when a deadline depends on a holiday calendar not published yet', () => {
    const gap = (holidayCalendarYears()?.last ?? 0) + 1;
    const warning = `${gap} 年的法定节假日安排尚未公布或尚未收录`;
    const calendar = clockFor('in_progress', `${gap}-03-01`, limits) as NonNullable<
      ReturnType<typeof clockFor>
    >;
    expect(explainDeadline(calendar).some((l) => l.text.zh.startsWith(warning))).toBe(true);
    const working = clockFor('submitted', `${gap - 1}-12-20`, limits) as NonNullable<
      ReturnType<typeof clockFor>
    >;
    expect(explainDeadline(working).some((l) => l.text.zh.startsWith(warning))).toBe(true);
    const settled = clockFor('submitted', '2025-09-30', limits) as NonNullable<ReturnType<typeof clockFor>>;
    expect(explainDeadline(settled)).toHaveLength(1);
    expect(explainDeadline(settled)[0]?.text.zh).toBe(
      '受理期限：自 2025-09-30 起 10 个工作日（法定节假日不计，调休上班日计入） → 2025-10-21',
    );
  });

  it('lets a demand follow its routing rule and an arrears complaint the procedure', () => {
    expect(limitsFor('demand', '2025-09-30', { resultDays: 15 }).resultDays).toBe(15);
    expect(limitsFor('arrears', '2025-09-30', { resultDays: 15 } as never).resultDays).toBe(30);
  });
});

describe('the reason of an automatic 督办', () => {
  it('is written in Chinese and read back in English; a person’s words have no English', () => {
    const reason = automaticReason('2026-11-30');
    expect(reason).toBe('超过办理期限（2026-11-30）未办结，系统自动督办');
    expect(automaticReasonEn(reason)).toBe(
      'Not dealt with by its deadline (2026-11-30): supervised automatically by the system',
    );
    expect(automaticReasonEn('请尽快办理')).toBeNull();
    expect(automaticReasonEn(`${reason}。另请说明原因`)).toBeNull();
  });
});

describe('transition (what an action does to a case)', () => {
  const today = '2025-11-03';
  const limits = limitsFor('demand', '2025-11-03');
  const running = clockFor('in_progress', '2025-11-03', limits);
  const aCase = (extra: Partial<CaseFacts> = {}): CaseFacts => ({
    id: 1,
    type: 'demand',
    state: 'in_progress',
    clock: running,
    received_on: '2025-11-03',
    region_code: '320505',
    department_code: 'sme',
    reopened_count: 0,
    first_replied_on: null,
    claim: null,
    debtor_uscc: null,
    ...extra,
  });
  const context = (extra: Partial<TransitionContext> = {}): TransitionContext => ({
    today,
    handlingOfficeIds: [7],
    ...extra,
  });
  const command = (action: CaseAction, extra: Partial<CaseCommand> = {}): CaseCommand => ({
    action,
    note: null,
    ...extra,
  });
  const decided = (facts: CaseFacts, cmd: CaseCommand, ctx = context()) => {
    const result = transition(facts, cmd, ctx);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
    return result;
  };
  const refusedField = (facts: CaseFacts, cmd: CaseCommand, ctx = context()) => {
    const result = transition(facts, cmd, ctx);
    return result.ok ? null : { code: result.code, fields: result.errors.map((e) => e.field) };
  };

  it('accepting a submitted case dates it and starts the forwarding clock', () => {
    const result = decided(
      aCase({ state: 'submitted', clock: clockFor('submitted', today, limits) }),
      command('accept'),
    );
    expect(result.changes).toEqual({ state: 'accepted', accepted_on: today });
    expect(result.clock).toMatchObject({ stage: 'forward', startedOn: today });
  });

  it('records the event with its states, note and data', () => {
    const result = decided(aCase(), command('comment', { note: '请补充合同' }));
    expect(result.event).toEqual({
      action: 'comment',
      fromState: 'in_progress',
      toState: 'in_progress',
      note: '请补充合同',
      data: {},
    });
  });

  it.each([
    ['by the deadline', today, true],
    ['after the deadline', '2025-12-20', false],
  ] as const)('a first reply %s is on time: %s', (_, on, onTime) => {
    const result = decided(aCase(), command('reply', { note: 'answer' }), context({ today: on }));
    expect(result.changes).toMatchObject({ state: 'replied', first_replied_on: on, replied_on_time: onTime });
    expect(result.clock).toBeNull();
  });

  it('a later reply keeps the first reply and its timeliness', () => {
    const result = decided(aCase({ first_replied_on: '2025-11-05' }), command('reply', { note: 'again' }));
    expect(result.changes).toEqual({ state: 'replied', replied_on: today });
  });

  it('assigning an accepted case to an official of the handling office starts the result clock', () => {
    const result = decided(aCase({ state: 'accepted' }), command('assign', { assigneeId: 7 }));
    expect(result.changes).toEqual({ state: 'in_progress', assignee_id: 7 });
    expect(result.clock).toMatchObject({ stage: 'result', startedOn: today });
  });

  it('re-assigning a case in progress keeps its clock', () => {
    expect(decided(aCase(), command('assign', { assigneeId: 7 })).clock).toEqual(running);
  });

  it.each([
    ['no handler', undefined],
    ['an official outside the handling office', 8],
  ])('refuses to assign %s (400 on assigneeId)', (_, assigneeId) => {
    expect(refusedField(aCase(), command('assign', { assigneeId }))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: ['assigneeId'],
    });
  });

  it('transferring moves the case, clears the handler and restarts the acceptance clock', () => {
    const result = decided(aCase(), command('transfer', { departmentCode: 'mof', note: 'theirs' }));
    expect(result.changes).toEqual({
      state: 'submitted',
      department_code: 'mof',
      region_code: '320505',
      assignee_id: null,
    });
    expect(result.event.data).toEqual({
      from: { departmentCode: 'sme', regionCode: '320505' },
      to: { departmentCode: 'mof', regionCode: '320505' },
    });
    expect(result.clock).toMatchObject({ stage: 'accept' });
  });

  it.each([
    ['to an unknown department', { departmentCode: 'nowhere' }, 'departmentCode'],
    ['to an unknown region', { regionCode: '999999' }, 'regionCode'],
    ['to where it already is', {}, 'departmentCode'],
  ])('refuses a transfer %s', (_, extra, field) => {
    expect(refusedField(aCase(), command('transfer', { note: 'x', ...extra }))?.fields).toEqual([field]);
  });

  it('asking for information pauses the clock; providing it resumes it', () => {
    const paused = decided(aCase(), command('request_info', { note: '?' })).clock;
    expect(paused?.pausedSince).toBe(today);
    const resumed = decided(
      aCase({ state: 'info_requested', clock: paused }),
      command('provide_info', { note: '!' }),
      context({ today: '2025-11-13' }),
    ).clock;
    expect(resumed).toMatchObject({ pausedSince: null, pausedDays: 10 });
  });

  it('extends a result clock by the days asked and records them', () => {
    const result = decided(aCase(), command('extend', { days: 30 }));
    expect(result.clock?.extendedDays).toBe(30);
    expect(result.event.data).toEqual({ days: 30 });
  });

  it.each([
    ['with no clock running', { clock: null }, 30],
    ['past the maximum', {}, 90],
  ])('refuses an extension %s (400 on days)', (_, extra, days) => {
    expect(refusedField(aCase(extra), command('extend', { days }))?.fields).toEqual(['days']);
  });

  it('rating closes the case with the rating and its note', () => {
    const result = decided(
      aCase({ state: 'replied', clock: null }),
      command('rate', { rating: 'satisfied', note: 'ok' }),
    );
    expect(result.changes).toEqual({
      state: 'closed',
      rating: 'satisfied',
      rating_note: 'ok',
      closed_on: today,
    });
  });

  it('reopening counts it, clears the closing and starts a new result clock', () => {
    const result = decided(aCase({ state: 'closed', clock: null }), command('reopen'));
    expect(result.changes).toEqual({
      state: 'in_progress',
      reopened_count: 1,
      closed_on: null,
      replied_on: null,
    });
    expect(result.clock).toMatchObject({ stage: 'result', startedOn: today });
  });

  it('merging into an open case the actor sees records the target and stops the clock', () => {
    const result = decided(
      aCase(),
      command('merge', { mergeInto: 2 }),
      context({ mergeTarget: { id: 2, state: 'accepted', visible: true } }),
    );
    expect(result.changes).toEqual({ state: 'merged', merged_into: 2 });
    expect(result.clock).toBeNull();
  });

  it.each([
    ['no case', undefined],
    ['itself', { id: 1, state: 'in_progress', visible: true }],
    ['a closed case', { id: 2, state: 'closed', visible: true }],
  ])('refuses to merge into %s (400 on mergeInto)', (_, mergeTarget) => {
    expect(refusedField(aCase(), command('merge', { mergeInto: 2 }), context({ mergeTarget }))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: ['mergeInto'],
    });
  });

  it('answers a merge into a case the actor may not see as not found', () => {
    const mergeTarget = { id: 2, state: 'accepted', visible: false };
    expect(refusedField(aCase(), command('merge', { mergeInto: 2 }), context({ mergeTarget }))?.code).toBe(
      'NOT_FOUND',
    );
  });

  describe('amending a claim', () => {
    const claim: NonNullable<CaseCommand['claim']> = {
      debtorKind: 'government',
      signedOn: '2025-01-02',
      basis: 'delivery',
      deliveredOn: '2025-01-10',
      amount: 100000,
    };
    const complaint = aCase({ type: 'arrears', claim, debtor_uscc: '11320500MB0000000X' });

    it('re-assesses the claim, counting the payments recorded since, and keeps the figures before and after', () => {
      const amended = { ...claim, amount: 120000 };
      const result = decided(
        complaint,
        command('amend_claim', { claim: amended }),
        context({ recordedPayments: [{ paidOn: '2025-10-01', amount: 20000 }] }),
      );
      expect(result.changes).toMatchObject({
        amount: '120000.00',
        repaid: '20000.00',
        debtor_kind: 'government',
      });
      expect(result.event.data).toMatchObject({ before: { claim }, after: { claim: amended } });
    });

    it('refuses a debtor kind the debtor code does not allow (400 on claim.debtorKind)', () => {
      const result = refusedField(
        complaint,
        command('amend_claim', { claim: { ...claim, debtorKind: 'large_enterprise' } }),
      );
      expect(result?.fields).toEqual(['claim.debtorKind']);
    });

    it('refuses an amendment without a claim (400 on claim)', () => {
      expect(refusedField(complaint, command('amend_claim'))?.fields).toEqual(['claim']);
    });
  });
});
