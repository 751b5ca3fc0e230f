/** The case engine's states, actions and clocks (working days with holidays and 调休; pauses; extensions). */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, holidayCalendarYears } from '../../../reference/calendar.ts';
import {
  automaticReason,
  automaticReasonEn,
  type CaseAction,
  type CaseActor,
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
