/**
 * Payments owed to SMEs (measure 21; 《保障中小企业款项支付条例》, 2020 and 2025 versions as dated data): the
 * statutory due date, days overdue, the undisputed amount and the overdue interest to a date, under the version
 * in force when the contract was signed. Pure: no I/O, no clock (`asOf` is an argument); dates are day numbers,
 * so a million claims are assessed in well under a second.
 *
 * - Clock start: the delivery date; for acceptance-based contracts the acceptance date, or the end of the agreed
 *   acceptance period when the buyer accepts late or not at all; for settlement-based contracts the date both
 *   sides confirmed the settled amount.
 * - Term: government bodies and public institutions 30 days, an agreed term at most 60; large enterprises the
 *   agreed term, or 60 days when the contract is silent (2025; the 2020 text fixes no number).
 * - Due date: the term's last day, or the next working day when that is a statutory rest day — a weekend day that
 *   is not a make-up workday, or a public holiday (《民法典》第二百零三条; src/reference/periods.ts and
 *   docs/reference/periods.md). A due date in a year whose holiday arrangement is not in the calendar is marked.
 * - Interest: the agreed rate, raised to the one-year LPR at signing when below it (daily rate = annual ÷ 360), or
 *   0.05% per day when none was agreed, on the undisputed amount still unpaid, from the day after the due date
 *   (so days overdue and interest count from the moved due date).
 * - Partial payments made after the due date pay the interest accrued so far first, then the principal
 *   (《民法典》第五百六十一条); payments up to the due date reduce the principal.
 */
import { dateOfDay, dayNumber } from '../../../reference/calendar.ts';
import { oneYearLprOn } from '../../../reference/lpr.ts';
import { type PaymentRegulation, paymentRegulationOn } from '../../../reference/payment-regulations.ts';
import { endOfPeriod, periodEndLines, unsettledWarning } from '../../../reference/periods.ts';
import type { Localized } from '../../../shared/errors.ts';
import { editionInEnglish } from '../../../shared/legal-basis.ts';

/** Who owes the money. */
export type DebtorKind = 'government' | 'public_institution' | 'large_enterprise';
/** What starts the payment term. */
export type ClockBasis = 'delivery' | 'acceptance' | 'settlement';

/** An overdue-payment claim as an enterprise registers it (money in yuan, rates in percent per year). */
export interface ClaimInput {
  debtorKind: DebtorKind;
  signedOn: string;
  basis: ClockBasis;
  deliveredOn: string;
  acceptedOn?: string | null;
  /** End of the acceptance period the contract agreed. */
  acceptanceDeadline?: string | null;
  settledOn?: string | null;
  agreedTermDays?: number | null;
  agreedAnnualRate?: number | null;
  amount: number;
  disputed?: number | null;
  payments?: readonly { date: string; amount: number }[];
}

/** Something wrong with a claim: the field (payments.2.date…), a stable code and why. */
export interface ClaimProblem {
  field: string;
  code: string;
  message: Localized;
}

/** How the overdue interest is computed. */
export type RateKind = 'agreed' | 'agreed_raised_to_lpr' | 'default_daily';

/** The assessment of a claim on a date. */
export interface Assessment {
  regulation: PaymentRegulation['id'];
  clockStart: string;
  /** The clock started at the end of the agreed acceptance period (the buyer accepted late or not at all). */
  lateAcceptance: boolean;
  /** Null: no statutory term applies and the contract agreed none (large enterprises under the 2020 text). */
  termDays: number | null;
  termSource: 'statutory' | 'agreed' | 'capped' | 'none';
  /** The last day of the term by counting (clock start + term days). */
  termLastDay: string | null;
  /** The due date: the term's last day, moved to the next working day when that is a statutory rest day. */
  dueDate: string | null;
  /** The article that moved the due date (null: it did not move). */
  dueDateMovedBy: string | null;
  /** The due date depends on a year's holiday arrangement that is not in the calendar yet: it may move. */
  calendarWarning: Localized | null;
  daysOverdue: number;
  undisputed: number;
  /** Paid in all, and of it on the principal and on interest. */
  paid: number;
  principalOutstanding: number;
  interestAccrued: number;
  interestPaid: number;
  interestOutstanding: number;
  /** What is owed now: the unpaid undisputed principal and the unpaid interest. */
  totalOutstanding: number;
  rateKind: RateKind;
  dailyRate: number;
  agreedAnnualRate: number | null;
  lprAtSigning: number | null;
}

export type ClaimResult = { ok: true; assessment: Assessment } | { ok: false; problems: ClaimProblem[] };

const cents = (x: number) => Math.round(x * 100) / 100;
const byDay = (a: { day: number }, b: { day: number }) => a.day - b.day;

function problem(field: string, code: string, zh: string, en: string): ClaimProblem {
  return { field, code, message: { zh, en } };
}

/** A date of a claim as a day number: required or not, real, not after today; null (and a problem) otherwise. */
function checkedDay(
  problems: ClaimProblem[],
  today: number,
  field: string,
  value: string | null | undefined,
  required: boolean,
): number | null {
  if (value === null || value === undefined || value === '') {
    if (required) problems.push(problem(field, 'REQUIRED', '必填', 'is required'));
    return null;
  }
  const n = dayNumber(value);
  if (Number.isNaN(n)) {
    problems.push(problem(field, 'INVALID_DATE', `${value} 不是有效日期`, `${value} is not a valid date`));
    return null;
  }
  if (n > today) {
    problems.push(problem(field, 'FUTURE_DATE', '不能晚于今天', 'cannot be in the future'));
    return null;
  }
  return n;
}

/** A date that cannot precede the signing of the contract. */
function notBefore(
  problems: ClaimProblem[],
  signed: number | null,
  field: string,
  n: number | null,
  zh: string,
  en: string,
) {
  if (n !== null && signed !== null && n < signed) problems.push(problem(field, 'BEFORE_CONTRACT', zh, en));
}

/** Checks and assesses a claim on `asOf` (today, or a date in the past to see the figures then). */
export function assessClaim(input: ClaimInput, asOf: string): ClaimResult {
  const problems: ClaimProblem[] = [];
  const today = dayNumber(asOf);
  const signed = checkedDay(problems, today, 'signedOn', input.signedOn, true);
  const regulation = paymentRegulationOn(input.signedOn);
  if (signed !== null && !regulation)
    problems.push(
      problem(
        'signedOn',
        'BEFORE_REGULATIONS',
        '《保障中小企业款项支付条例》自 2020 年 9 月 1 日起施行，此前签订的合同不适用',
        'the regulations apply to contracts signed from 2020-09-01',
      ),
    );
  const delivered = checkedDay(problems, today, 'deliveredOn', input.deliveredOn, true);
  const accepted = checkedDay(problems, today, 'acceptedOn', input.acceptedOn, false);
  // The agreed acceptance deadline may lie in the future.
  const deadline =
    input.acceptanceDeadline === null ||
    input.acceptanceDeadline === undefined ||
    input.acceptanceDeadline === ''
      ? null
      : dayNumber(input.acceptanceDeadline);
  if (deadline !== null && Number.isNaN(deadline))
    problems.push(problem('acceptanceDeadline', 'INVALID_DATE', '不是有效日期', 'is not a valid date'));
  const settled = checkedDay(problems, today, 'settledOn', input.settledOn, input.basis === 'settlement');
  notBefore(
    problems,
    signed,
    'deliveredOn',
    delivered,
    '交付日期早于合同签订日期',
    'delivery is before the contract was signed',
  );
  notBefore(
    problems,
    signed,
    'acceptedOn',
    accepted,
    '验收日期早于合同签订日期',
    'acceptance is before the contract was signed',
  );
  notBefore(
    problems,
    signed,
    'settledOn',
    settled,
    '结算确认日期早于合同签订日期',
    'settlement is before the contract was signed',
  );
  if (accepted !== null && delivered !== null && accepted < delivered)
    problems.push(
      problem('acceptedOn', 'BEFORE_DELIVERY', '验收日期早于交付日期', 'acceptance is before delivery'),
    );
  if (deadline !== null && delivered !== null && !Number.isNaN(deadline) && deadline < delivered)
    problems.push(
      problem(
        'acceptanceDeadline',
        'BEFORE_DELIVERY',
        '约定验收期限早于交付日期',
        'the acceptance deadline is before delivery',
      ),
    );
  if (input.basis === 'acceptance' && accepted === null && deadline === null)
    problems.push(
      problem(
        'acceptedOn',
        'REQUIRED',
        '以验收合格为付款条件的，需填写验收日期或约定的验收期限',
        'an acceptance-based contract needs the acceptance date or the agreed acceptance deadline',
      ),
    );
  if (!(input.amount > 0) || !Number.isFinite(input.amount) || input.amount > 1e13)
    problems.push(problem('amount', 'INVALID_AMOUNT', '金额应大于 0', 'the amount must be above 0'));
  const disputed = input.disputed ?? 0;
  if (!(disputed >= 0) || disputed > input.amount)
    problems.push(
      problem(
        'disputed',
        'INVALID_AMOUNT',
        '有争议金额应在 0 与合同金额之间',
        'the disputed amount is between 0 and the amount',
      ),
    );
  const term = input.agreedTermDays;
  if (term !== null && term !== undefined && (!Number.isInteger(term) || term < 0 || term > 3650))
    problems.push(
      problem(
        'agreedTermDays',
        'INVALID_TERM',
        '约定付款期限应为 0–3650 的整数天',
        'the agreed term is 0–3650 whole days',
      ),
    );
  const rate = input.agreedAnnualRate;
  if (rate !== null && rate !== undefined && !(rate >= 0 && rate <= 100))
    problems.push(
      problem(
        'agreedAnnualRate',
        'INVALID_RATE',
        '约定年利率应在 0–100% 之间',
        'the agreed rate is 0–100% a year',
      ),
    );
  const payments: { day: number; amount: number }[] = [];
  let paidTotal = 0;
  const claimed = input.payments ?? [];
  for (let i = 0; i < claimed.length; i++) {
    const p = claimed[i] as { date: string; amount: number };
    const n = checkedDay(problems, today, `payments.${i}.date`, p.date, true);
    if (!(p.amount > 0) || !Number.isFinite(p.amount))
      problems.push(
        problem(`payments.${i}.amount`, 'INVALID_AMOUNT', '金额应大于 0', 'the amount must be above 0'),
      );
    else paidTotal += p.amount;
    if (n !== null && signed !== null && n < signed)
      problems.push(
        problem(
          `payments.${i}.date`,
          'BEFORE_CONTRACT',
          '付款日期早于合同签订日期',
          'paid before the contract was signed',
        ),
      );
    if (n !== null && p.amount > 0) payments.push({ day: n, amount: p.amount });
  }
  if (problems.length > 0 || !regulation || signed === null || delivered === null)
    return { ok: false, problems };

  // The clock.
  let start = delivered;
  let lateAcceptance = false;
  if (input.basis === 'settlement' && settled !== null) start = settled;
  else if (input.basis === 'acceptance') {
    if (accepted !== null && (deadline === null || accepted <= deadline)) start = accepted;
    else {
      start = deadline as number;
      lateAcceptance = true;
    }
  }

  // The term.
  let termDays: number | null;
  let termSource: Assessment['termSource'];
  if (input.debtorKind === 'large_enterprise') {
    if (term !== null && term !== undefined) {
      termDays = term;
      termSource = 'agreed';
    } else if (regulation.largeEnterpriseDefaultDays !== null) {
      termDays = regulation.largeEnterpriseDefaultDays;
      termSource = 'statutory';
    } else {
      termDays = null;
      termSource = 'none';
    }
  } else if (term !== null && term !== undefined) {
    termDays = Math.min(term, regulation.governmentMaxDays);
    termSource = term > regulation.governmentMaxDays ? 'capped' : 'agreed';
  } else {
    termDays = regulation.governmentDefaultDays;
    termSource = 'statutory';
  }
  // The due date: the term's last day, or the next working day after a statutory rest day (periods.ts).
  const end =
    termDays === null ? null : endOfPeriod(dateOfDay(start + termDays), regulation.periodEndsOnWorkingDay);
  const due = end === null ? null : dayNumber(end.endsOn);

  // The rate.
  const lpr = rate !== null && rate !== undefined ? (oneYearLprOn(input.signedOn)?.percent ?? null) : null;
  let rateKind: RateKind = 'default_daily';
  let dailyRate = regulation.defaultDailyRate;
  if (rate !== null && rate !== undefined) {
    const annual = lpr !== null && rate < lpr ? lpr : rate;
    rateKind = annual === rate ? 'agreed' : 'agreed_raised_to_lpr';
    dailyRate = annual / 100 / 360;
  }

  // Principal and interest, payment by payment.
  const undisputed = input.amount - disputed;
  let principal = undisputed;
  let accrued = 0;
  let interestPaid = 0;
  let unpaidInterest = 0;
  let excess = 0;
  let last = due ?? Number.POSITIVE_INFINITY;
  if (payments.length > 1) payments.sort(byDay);
  for (const p of payments) {
    let amount = p.amount;
    if (due !== null && p.day > due) {
      const accruing = principal > 0 ? principal * dailyRate * (p.day - last) : 0;
      accrued += accruing;
      unpaidInterest += accruing;
      last = p.day;
      const toInterest = Math.min(amount, unpaidInterest);
      interestPaid += toInterest;
      unpaidInterest -= toInterest;
      amount -= toInterest;
    }
    excess += Math.max(0, amount - principal);
    principal = Math.max(0, principal - amount);
  }
  // Paying more than the principal and the interest owed at the time is not a payment of this debt.
  if (excess > 0.005 + disputed)
    return {
      ok: false,
      problems: [
        problem(
          'payments',
          'OVERPAID',
          '已付金额超过应付本金和逾期利息',
          'the payments exceed the principal and the interest owed',
        ),
      ],
    };
  const daysOverdue = due !== null && today > due ? today - due : 0;
  if (due !== null && today > last && principal > 0) {
    const accruing = principal * dailyRate * (today - Math.max(last, due));
    accrued += accruing;
    unpaidInterest += accruing;
  }
  return {
    ok: true,
    assessment: {
      regulation: regulation.id,
      clockStart: dateOfDay(start),
      lateAcceptance,
      termDays,
      termSource,
      termLastDay: end?.lastCounted ?? null,
      dueDate: end?.endsOn ?? null,
      dueDateMovedBy: end?.movedBy?.citation ?? null,
      calendarWarning: unsettledWarning(end?.unsettledYear ?? null),
      daysOverdue: principal > 0 || unpaidInterest > 0.005 ? daysOverdue : 0,
      undisputed: cents(undisputed),
      paid: cents(paidTotal),
      principalOutstanding: cents(principal),
      interestAccrued: cents(accrued),
      interestPaid: cents(interestPaid),
      interestOutstanding: cents(unpaidInterest),
      totalOutstanding: cents(principal + unpaidInterest),
      rateKind,
      dailyRate,
      agreedAnnualRate: rate ?? null,
      lprAtSigning: lpr,
    },
  };
}

const KIND_TEXT: Record<DebtorKind, Localized> = {
  government: { zh: '机关', en: 'a government body' },
  public_institution: { zh: '事业单位', en: 'a public institution' },
  large_enterprise: { zh: '大型企业', en: 'a large enterprise' },
};
const BASIS_TEXT: Record<ClockBasis, Localized> = {
  delivery: { zh: '交付之日', en: 'the delivery date' },
  acceptance: { zh: '验收合格之日', en: 'the acceptance date' },
  settlement: { zh: '双方确认结算金额之日', en: 'the date the settled amount was confirmed' },
};

function yuan(amount: number, lang: 'zh' | 'en'): string {
  return amount.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 2 });
}

/** One line of an explanation, with the provision it rests on. */
export interface ExplanationLine {
  text: Localized;
  basis: string | null;
}

/** Why the figures are what they are, line by line, each with its legal basis. */
export function explainAssessment(input: ClaimInput, a: Assessment): ExplanationLine[] {
  const reg = paymentRegulationOn(input.signedOn) as PaymentRegulation;
  const lines: ExplanationLine[] = [];
  const add = (zh: string, en: string, basis: string | null) => lines.push({ text: { zh, en }, basis });
  add(
    `合同签订于 ${input.signedOn}，适用《${reg.name}》（${reg.documentNumber}，${reg.effectiveFrom} 起施行）`,
    `Signed on ${input.signedOn}: the ${reg.id} version applies (${editionInEnglish(reg.documentNumber) ?? reg.documentNumber}, in force from ${reg.effectiveFrom})`,
    null,
  );
  const basis = BASIS_TEXT[input.basis];
  if (a.lateAcceptance)
    add(
      `买方未在约定验收期限内完成验收，付款期限自约定验收期限届满之日 ${a.clockStart} 起算`,
      `The buyer did not accept within the agreed period: the term runs from its end, ${a.clockStart}`,
      reg.provisions.clockStart,
    );
  else
    add(
      `付款期限自${basis.zh} ${a.clockStart} 起算`,
      `The term runs from ${basis.en}, ${a.clockStart}`,
      reg.provisions.clockStart,
    );
  const kind = KIND_TEXT[input.debtorKind];
  const termBasis =
    input.debtorKind === 'large_enterprise'
      ? reg.provisions.largeEnterpriseTerm
      : reg.provisions.governmentTerm;
  // When a rest day moved the due date, the term line ends on the term's last day and the next lines say why.
  const moved = a.dueDateMovedBy !== null;
  const due = moved
    ? { zh: `期限最后一日为 ${a.termLastDay}`, en: `its last day is ${a.termLastDay}` }
    : { zh: `应于 ${a.dueDate} 前付款`, en: `due ${a.dueDate}` };
  if (a.termSource === 'none')
    add(
      `${reg.documentNumber}未规定大型企业的法定付款期限，合同也未约定：无法确定到期日，请补充合同约定的付款期限`,
      `The ${reg.id} text sets no term for large enterprises and the contract agreed none: no due date can be set; add the agreed term`,
      termBasis,
    );
  else if (a.termSource === 'capped')
    add(
      `${kind.zh}付款期限：合同约定 ${input.agreedTermDays} 日，超过最长 ${reg.governmentMaxDays} 日，按 ${a.termDays} 日计 → ${due.zh}`,
      `Term for ${kind.en}: the contract's ${input.agreedTermDays} days exceed the ${reg.governmentMaxDays}-day maximum, so ${a.termDays} days → ${due.en}`,
      termBasis,
    );
  else if (a.termSource === 'agreed')
    add(
      `${kind.zh}付款期限：合同约定 ${a.termDays} 日 → ${due.zh}`,
      `Term for ${kind.en}: ${a.termDays} days as agreed → ${due.en}`,
      termBasis,
    );
  else
    add(
      `${kind.zh}付款期限：合同未约定，法定 ${a.termDays} 日 → ${due.zh}`,
      `Term for ${kind.en}: none agreed, ${a.termDays} days by law → ${due.en}`,
      termBasis,
    );
  if (a.termLastDay !== null) {
    const end = endOfPeriod(a.termLastDay, reg.periodEndsOnWorkingDay);
    for (const line of periodEndLines(end)) lines.push(line);
    if (moved)
      add(
        `应于 ${a.dueDate} 前付款：当日付款不算逾期，逾期天数和逾期利息自 ${a.dueDate} 的次日起算`,
        `Due ${a.dueDate}: paying on that day is not late; days overdue and interest count from the day after`,
        a.dueDateMovedBy,
      );
  }
  if ((input.disputed ?? 0) > 0)
    add(
      `有争议 ${yuan(input.disputed ?? 0, 'zh')} 元，无争议部分 ${yuan(a.undisputed, 'zh')} 元应按期支付`,
      `${yuan(input.disputed ?? 0, 'en')} yuan disputed; the undisputed ${yuan(a.undisputed, 'en')} yuan is due on time`,
      reg.provisions.undisputed,
    );
  if (a.paid > 0)
    add(
      `已付 ${yuan(a.paid, 'zh')} 元（逾期后的付款先抵逾期利息，再抵本金）；尚欠本金 ${yuan(a.principalOutstanding, 'zh')} 元`,
      `${yuan(a.paid, 'en')} yuan paid (after the due date, interest first, then principal); ${yuan(a.principalOutstanding, 'en')} yuan principal unpaid`,
      '《中华人民共和国民法典》第五百六十一条',
    );
  if (a.dueDate !== null && a.daysOverdue > 0) {
    const rate =
      a.rateKind === 'default_daily'
        ? { zh: '未约定利率，按每日万分之五', en: 'no rate agreed: 0.05% a day' }
        : a.rateKind === 'agreed'
          ? {
              zh: `约定年利率 ${a.agreedAnnualRate}%（日利率＝年利率÷360）`,
              en: `the agreed ${a.agreedAnnualRate}% a year (daily = annual ÷ 360)`,
            }
          : {
              zh: `约定年利率 ${a.agreedAnnualRate}% 低于签约时 1 年期 LPR ${a.lprAtSigning}%，按 ${a.lprAtSigning}% 计（日利率＝年利率÷360）`,
              en: `the agreed ${a.agreedAnnualRate}% is below the one-year LPR at signing, ${a.lprAtSigning}%, which applies (daily = annual ÷ 360)`,
            };
    add(
      `已逾期 ${a.daysOverdue} 日；逾期利息${rate.zh}，累计 ${yuan(a.interestAccrued, 'zh')} 元，未付 ${yuan(a.interestOutstanding, 'zh')} 元`,
      `${a.daysOverdue} days overdue; interest at ${rate.en}: ${yuan(a.interestAccrued, 'en')} yuan accrued, ${yuan(a.interestOutstanding, 'en')} yuan unpaid`,
      reg.provisions.interest,
    );
  } else if (a.dueDate !== null)
    add(
      a.principalOutstanding > 0 ? `尚未逾期（应付日 ${a.dueDate}）` : '款项已付清',
      a.principalOutstanding > 0 ? `Not overdue yet (due ${a.dueDate})` : 'Paid in full',
      null,
    );
  add(
    `目前应付合计 ${yuan(a.totalOutstanding, 'zh')} 元`,
    `Owed now in all: ${yuan(a.totalOutstanding, 'en')} yuan`,
    null,
  );
  return lines;
}
