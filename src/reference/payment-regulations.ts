/**
 * 《保障中小企业款项支付条例》 as dated data: the 2020 text (国务院令第728号, in force 2020-09-01) and its 2025 revision
 * (国务院令第802号, in force 2025-06-01). Source: docs/reference/payments.md.
 * A contract is judged under the version in force on its signing date.
 */

/** One version of the regulations: its deadlines, rates and where they are written. */
export interface PaymentRegulation {
  id: '2020' | '2025';
  name: string;
  documentNumber: string;
  effectiveFrom: string;
  /** Government bodies and public institutions: days from delivery when the contract is silent. */
  governmentDefaultDays: number;
  /** …and the longest term a contract may agree. */
  governmentMaxDays: number;
  /** Large enterprises: days from delivery when the contract is silent (null: no fixed number in this version). */
  largeEnterpriseDefaultDays: number | null;
  /** Overdue interest where no rate is agreed, per day (万分之五). */
  defaultDailyRate: number;
  /** An agreed rate may not be below the one-year LPR at signing. */
  agreedRateFloor: 'one_year_lpr_at_signing';
  /** The undisputed part of an amount is due on time even while the rest is disputed. */
  undisputedPartDueOnTime: boolean;
  /** Days within which a buyer confirms a receivable at the SME's request. */
  receivableConfirmationDays: number;
  /**
   * A payment term whose last day is a statutory rest day ends on the next working day (《民法典》第二百零三条,
   * src/reference/periods.ts); false only if this text said otherwise (neither version does).
   */
  periodEndsOnWorkingDay: boolean;
  /** Government bodies publish last year's overdue contracts by this day (MM-DD). */
  disclosureDeadline: string;
  /** Where each rule is written, for the explanations. */
  provisions: {
    governmentTerm: string;
    largeEnterpriseTerm: string;
    clockStart: string;
    interest: string;
    undisputed: string | null;
  };
}

const NAME = '保障中小企业款项支付条例';

/** Both versions, oldest first. */
export const PAYMENT_REGULATIONS: readonly PaymentRegulation[] = [
  {
    id: '2020',
    name: NAME,
    documentNumber: '国务院令第728号',
    effectiveFrom: '2020-09-01',
    governmentDefaultDays: 30,
    governmentMaxDays: 60,
    largeEnterpriseDefaultDays: null,
    defaultDailyRate: 0.0005,
    agreedRateFloor: 'one_year_lpr_at_signing',
    undisputedPartDueOnTime: false,
    receivableConfirmationDays: 30,
    periodEndsOnWorkingDay: true,
    disclosureDeadline: '03-31',
    provisions: {
      governmentTerm: '《保障中小企业款项支付条例》（国务院令第728号）第八条',
      largeEnterpriseTerm: '《保障中小企业款项支付条例》（国务院令第728号）第八条第二款',
      clockStart: '《保障中小企业款项支付条例》（国务院令第728号）第八条第三款、第九条',
      interest: '《保障中小企业款项支付条例》（国务院令第728号）第十五条',
      undisputed: null,
    },
  },
  {
    id: '2025',
    name: NAME,
    documentNumber: '国务院令第802号',
    effectiveFrom: '2025-06-01',
    governmentDefaultDays: 30,
    governmentMaxDays: 60,
    largeEnterpriseDefaultDays: 60,
    defaultDailyRate: 0.0005,
    agreedRateFloor: 'one_year_lpr_at_signing',
    undisputedPartDueOnTime: true,
    receivableConfirmationDays: 30,
    periodEndsOnWorkingDay: true,
    disclosureDeadline: '03-31',
    provisions: {
      governmentTerm:
        '《保障中小企业款项支付条例》（2025年修订，国务院令第802号）关于机关、事业单位付款期限的规定',
      largeEnterpriseTerm:
        '《保障中小企业款项支付条例》（2025年修订，国务院令第802号）关于大型企业付款期限的规定',
      clockStart: '《保障中小企业款项支付条例》（2025年修订，国务院令第802号）关于付款期限起算的规定',
      interest: '《保障中小企业款项支付条例》（2025年修订，国务院令第802号）关于逾期利息的规定',
      undisputed: '《保障中小企业款项支付条例》（2025年修订，国务院令第802号）关于无争议部分按期支付的规定',
    },
  },
];

/** The version in force on a date (a contract's signing date), or null before 2020-09-01. */
export function paymentRegulationOn(date: string): PaymentRegulation | null {
  let found: PaymentRegulation | null = null;
  for (const r of PAYMENT_REGULATIONS) if (r.effectiveFrom <= date) found = r;
  return found;
}
