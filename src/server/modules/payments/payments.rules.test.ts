/** The payment rules against the worked cases of docs/reference/payments.md, and their edges. */
import { describe, expect, it } from 'vitest';
import { dayNumber, holidayCalendarYears } from '../../../reference/calendar.ts';
import { oneYearLprOn } from '../../../reference/lpr.ts';
import { paymentRegulationOn } from '../../../reference/payment-regulations.ts';
import { type Assessment, assessClaim, type ClaimInput, explainAssessment } from './payments.rules.ts';

function assess(input: ClaimInput, asOf = '2026-06-30'): Assessment {
  const result = assessClaim(input, asOf);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.assessment;
}

const county: ClaimInput = {
  debtorKind: 'government',
  signedOn: '2025-02-10',
  basis: 'acceptance',
  deliveredOn: '2025-02-28',
  acceptedOn: '2025-03-03',
  amount: 1_000_000,
};

describe('worked cases (payments.md)', () => {
  it('county bureau, accepted 2025-03-03, contract silent → due 2025-04-02 (30 days)', () => {
    const a = assess(county);
    expect(a).toMatchObject({
      regulation: '2020',
      clockStart: '2025-03-03',
      termDays: 30,
      termSource: 'statutory',
    });
    expect(a.dueDate).toBe('2025-04-02');
  });

  it('same, contract agrees 90 days → capped at 60: the 60th day, 2025-05-02, is in the May Day holiday → due 2025-05-06', () => {
    const a = assess({ ...county, agreedTermDays: 90 });
    expect(a).toMatchObject({
      termDays: 60,
      termSource: 'capped',
      termLastDay: '2025-05-02',
      dueDate: '2025-05-06',
      dueDateMovedBy: '《中华人民共和国民法典》第二百零三条',
      calendarWarning: null,
    });
  });

  it('large enterprise, signed 2025-07-01, delivered 2025-07-10, contract silent → due 2025-09-08 (60 days)', () => {
    const a = assess({
      debtorKind: 'large_enterprise',
      signedOn: '2025-07-01',
      basis: 'delivery',
      deliveredOn: '2025-07-10',
      amount: 500_000,
    });
    expect(a).toMatchObject({
      regulation: '2025',
      termDays: 60,
      termSource: 'statutory',
      dueDate: '2025-09-08',
    });
  });

  it('1,000,000 CNY overdue 20 days, no agreed rate → interest 10,000 CNY', () => {
    const a = assess(county, '2025-04-22');
    expect(a.daysOverdue).toBe(20);
    expect(a.rateKind).toBe('default_daily');
    expect(a.interestAccrued).toBe(10_000);
    expect(a.totalOutstanding).toBe(1_010_000);
  });
});

describe('a due date on a statutory rest day moves to the next working day (民法典第二百零三条)', () => {
  const claim = (deliveredOn: string, signedOn = '2025-01-02'): ClaimInput => ({
    debtorKind: 'government',
    signedOn,
    basis: 'delivery',
    deliveredOn,
    amount: 1_000_000,
  });

  it('a Saturday: delivered 2025-02-13, 30 days → Saturday 03-15 → due Monday 03-17; overdue and interest from 03-18', () => {
    const a = assess(claim('2025-02-13'), '2025-03-27');
    expect(a).toMatchObject({ termLastDay: '2025-03-15', dueDate: '2025-03-17', daysOverdue: 10 });
    expect(a.interestAccrued).toBe(5000);
    // Paying on the moved due date is on time.
    const onTime = assess({ ...claim('2025-02-13'), payments: [{ date: '2025-03-17', amount: 1_000_000 }] });
    expect(onTime).toMatchObject({ daysOverdue: 0, interestAccrued: 0, totalOutstanding: 0 });
  });

  it('National Day: delivered 2025-09-03, 30 days → 10-03 (国庆节, 10-01 … 10-08 off) → due 10-09', () => {
    const a = assess(claim('2025-09-03', '2025-08-01'), '2025-10-19');
    expect(a).toMatchObject({ regulation: '2025', termLastDay: '2025-10-03', dueDate: '2025-10-09' });
    expect(a).toMatchObject({ daysOverdue: 10, interestAccrued: 5000 });
    const text = explainAssessment(claim('2025-09-03', '2025-08-01'), a).map((l) => l.text.zh);
    expect(text).toContain(
      '期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日（《民法典》第二百零三条）：期间最后一日 2025-10-03（国庆节）是法定休假日，顺延至 2025-10-09',
    );
    expect(text.join('\n')).toContain('逾期天数和逾期利息自 2025-10-09 的次日起算');
    expect(text.join('\n')).toContain('已逾期 10 日');
  });

  it('a make-up Saturday (调休上班 2025-10-11) is a working day: no move', () => {
    const a = assess(claim('2025-09-11', '2025-08-01'), '2025-10-21');
    expect(a).toMatchObject({ termLastDay: '2025-10-11', dueDate: '2025-10-11', dueDateMovedBy: null });
    expect(a.daysOverdue).toBe(10);
    const lines = explainAssessment(claim('2025-09-11', '2025-08-01'), a);
    expect(lines.some((l) => l.text.zh.includes('调休上班日，不是法定休假日，期限不顺延'))).toBe(true);
  });

  it('across the 2026 Spring Festival: 02-15 … 02-23 off → due 02-24', () => {
    const a = assess(claim('2026-01-16'), '2026-03-06');
    expect(a).toMatchObject({ termLastDay: '2026-02-15', dueDate: '2026-02-24', daysOverdue: 10 });
  });

  it('says when the holiday calendar of the due year is not published yet, instead of guessing', () => {
    const gap = (holidayCalendarYears()?.last ?? 0) + 1;
    // A large enterprise's agreed term ending on 1 March of the uncovered year.
    const input: ClaimInput = {
      debtorKind: 'large_enterprise',
      signedOn: '2026-06-01',
      basis: 'delivery',
      deliveredOn: '2026-06-10',
      agreedTermDays: dayNumber(`${gap}-03-01`) - dayNumber('2026-06-10'),
      amount: 100,
    };
    const a = assess(input, '2026-06-30');
    expect(a.termLastDay).toBe(`${gap}-03-01`);
    expect(a.calendarWarning?.en).toContain(`The holiday calendar for ${gap} is not published yet`);
    expect(
      explainAssessment(input, a).some((l) => l.text.zh.includes(`${gap} 年的法定节假日安排尚未公布`)),
    ).toBe(true);
    expect(assess(county).calendarWarning).toBeNull();
  });
});

describe('versions, rates and payments', () => {
  it('applies the version in force at signing', () => {
    expect(paymentRegulationOn('2020-08-31')).toBeNull();
    expect(paymentRegulationOn('2020-09-01')?.documentNumber).toBe('国务院令第728号');
    expect(paymentRegulationOn('2025-05-31')?.id).toBe('2020');
    expect(paymentRegulationOn('2025-06-01')?.documentNumber).toBe('国务院令第802号');
  });

  it('fixes no due date for a large enterprise under the 2020 text when the contract is silent', () => {
    const a = assess({
      debtorKind: 'large_enterprise',
      signedOn: '2024-03-01',
      basis: 'delivery',
      deliveredOn: '2024-03-10',
      amount: 100,
    });
    expect(a).toMatchObject({ termSource: 'none', dueDate: null, daysOverdue: 0, interestAccrued: 0 });
    expect(
      explainAssessment(
        {
          debtorKind: 'large_enterprise',
          signedOn: '2024-03-01',
          basis: 'delivery',
          deliveredOn: '2024-03-10',
          amount: 100,
        },
        a,
      )[2]?.text.zh,
    ).toContain('未规定大型企业');
  });

  it('starts the clock at the end of the agreed acceptance period when the buyer accepts late or never', () => {
    const late = assess({ ...county, acceptedOn: '2025-04-20', acceptanceDeadline: '2025-03-15' });
    expect(late).toMatchObject({ clockStart: '2025-03-15', lateAcceptance: true, dueDate: '2025-04-14' });
    const never = assess({ ...county, acceptedOn: null, acceptanceDeadline: '2025-03-15' });
    expect(never.clockStart).toBe('2025-03-15');
  });

  it('starts a settlement-based contract on the settlement date', () => {
    const a = assess({ ...county, basis: 'settlement', settledOn: '2025-05-06' });
    expect(a).toMatchObject({ clockStart: '2025-05-06', dueDate: '2025-06-05' });
  });

  it('raises an agreed rate below the one-year LPR at signing to the LPR (daily = annual ÷ 360)', () => {
    expect(oneYearLprOn('2025-02-10')?.percent).toBe(3.1);
    const low = assess({ ...county, agreedAnnualRate: 2 }, '2025-04-22');
    expect(low.rateKind).toBe('agreed_raised_to_lpr');
    expect(low.interestAccrued).toBe(Math.round(((1_000_000 * 0.031) / 360) * 20 * 100) / 100);
    const high = assess({ ...county, agreedAnnualRate: 7.2 }, '2025-04-22');
    expect(high.rateKind).toBe('agreed');
    expect(high.interestAccrued).toBe(4000);
  });

  it('charges interest on the undisputed part only', () => {
    const a = assess({ ...county, disputed: 400_000 }, '2025-04-22');
    expect(a.undisputed).toBe(600_000);
    expect(a.interestAccrued).toBe(6000);
  });

  it('applies a late partial payment to the interest first, then the principal', () => {
    // Due 04-02; 10 days later 5,000 of interest has accrued; a 105,000 payment clears it and 100,000 of principal.
    const a = assess({ ...county, payments: [{ date: '2025-04-12', amount: 105_000 }] }, '2025-04-22');
    expect(a.interestPaid).toBe(5000);
    expect(a.principalOutstanding).toBe(900_000);
    // Then 10 more days on 900,000.
    expect(a.interestOutstanding).toBe(4500);
    expect(a.interestAccrued).toBe(9500);
    expect(a.totalOutstanding).toBe(904_500);
  });

  it('reduces the principal with payments made before the due date, and stops interest once all is paid', () => {
    const early = assess({ ...county, payments: [{ date: '2025-03-20', amount: 400_000 }] }, '2025-04-22');
    expect(early.interestAccrued).toBe(6000);
    const settled = assess(
      { ...county, payments: [{ date: '2025-04-12', amount: 1_005_000 }] },
      '2025-06-30',
    );
    expect(settled).toMatchObject({ principalOutstanding: 0, interestOutstanding: 0, totalOutstanding: 0 });
  });

  it('explains each figure with its legal basis, in both languages', () => {
    const a = assess(county, '2025-04-22');
    const lines = explainAssessment(county, a);
    expect(lines.map((l) => l.text.zh).join('\n')).toContain('已逾期 20 日');
    expect(lines.find((l) => l.text.zh.includes('逾期利息'))?.basis).toContain('第十五条');
    expect(lines.every((l) => l.text.en.length > 0)).toBe(true);
  });
});

describe('bad input', () => {
  const problems = (input: Partial<ClaimInput>, asOf = '2026-06-30') => {
    const result = assessClaim({ ...county, ...input } as ClaimInput, asOf);
    return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);
  };

  it('names the field and the reason', () => {
    expect(problems({ acceptedOn: '2025-01-05' })).toContain('acceptedOn:BEFORE_CONTRACT');
    expect(problems({ payments: [{ date: '2025-04-01', amount: 1_200_000 }] })).toContain(
      'payments:OVERPAID',
    );
    expect(
      problems({ deliveredOn: '2026-07-01', acceptedOn: null, acceptanceDeadline: '2026-08-01' }),
    ).toContain('deliveredOn:FUTURE_DATE');
    expect(problems({ amount: -5 })).toContain('amount:INVALID_AMOUNT');
    expect(problems({ payments: [{ date: '2025-04-01', amount: -1 }] })).toContain(
      'payments.0.amount:INVALID_AMOUNT',
    );
    expect(problems({ signedOn: '2020-05-01' })).toContain('signedOn:BEFORE_REGULATIONS');
    expect(problems({ acceptedOn: '2025-02-30' })).toContain('acceptedOn:INVALID_DATE');
    expect(problems({ agreedTermDays: 1.5 })).toContain('agreedTermDays:INVALID_TERM');
    expect(problems({ acceptedOn: null, acceptanceDeadline: null })).toContain('acceptedOn:REQUIRED');
    expect(problems({ disputed: 2_000_000 })).toContain('disputed:INVALID_AMOUNT');
  });
});
