/**
 * Time limits of complaints about payments overdue to SMEs, as dated data. Source: docs/reference/payments.md
 * — 《保障中小企业款项支付条例》 (2025 revision, 国务院令第802号) Art. 24–25 and the complaint procedure
 * 工信部企业〔2021〕224号.
 */

/** One version of the time limits. */
export interface ComplaintTimeLimits {
  effectiveFrom: string;
  reference: string;
  /** The accepting department decides whether to accept within this many working days of receipt. */
  acceptWorkingDays: number;
  /** …and forwards an accepted complaint to the handling department within this many working days. */
  forwardWorkingDays: number;
  /** The handling department issues a written result within this many days of receiving it. */
  resultDays: number;
  /** …extendable with approval to at most this many days in all. */
  resultMaxDays: number;
  /**
   * A time limit in calendar days whose last day is a statutory rest day ends on the next working day
   * (《民法典》第二百零三条, src/reference/periods.ts); false only if the procedure said otherwise (it does not).
   */
  periodEndsOnWorkingDay: boolean;
}

export const COMPLAINT_TIME_LIMITS: readonly ComplaintTimeLimits[] = [
  {
    // Applied from the regulations' entry into force; the reference does not date the procedure itself.
    effectiveFrom: '2020-09-01',
    reference: '工信部企业〔2021〕224号；《保障中小企业款项支付条例》（2025年修订）第二十四条、第二十五条',
    acceptWorkingDays: 10,
    forwardWorkingDays: 10,
    resultDays: 30,
    resultMaxDays: 90,
    periodEndsOnWorkingDay: true,
  },
];

/** The time limits in force on a date (the first version for earlier dates). */
export function complaintTimeLimitsOn(date: string): ComplaintTimeLimits {
  let found = COMPLAINT_TIME_LIMITS[0] as ComplaintTimeLimits;
  for (const limits of COMPLAINT_TIME_LIMITS) if (limits.effectiveFrom <= date) found = limits;
  return found;
}
