/**
 * The one-year Loan Prime Rate (1年期贷款市场报价利率, LPR) as announced by the National Interbank Funding Center
 * (全国银行间同业拆借中心) under the authority of the People's Bank of China, by the date each value took effect.
 * The payment regulations (保障中小企业款项支付条例) make the one-year LPR **at contract signing** the floor of an
 * agreed overdue-interest rate. Market data, not a regulation figure: a new announcement is a new row.
 */

/** One announced value: from this date (inclusive), percent per year. */
export interface LprEntry {
  from: string;
  percent: number;
}

/** Every change of the one-year LPR since the reformed LPR was first quoted (2019-08-20). */
export const ONE_YEAR_LPR: readonly LprEntry[] = [
  { from: '2019-08-20', percent: 4.25 },
  { from: '2019-09-20', percent: 4.2 },
  { from: '2019-11-20', percent: 4.15 },
  { from: '2020-02-20', percent: 4.05 },
  { from: '2020-04-20', percent: 3.85 },
  { from: '2021-12-20', percent: 3.8 },
  { from: '2022-01-20', percent: 3.7 },
  { from: '2022-08-22', percent: 3.65 },
  { from: '2023-06-20', percent: 3.55 },
  { from: '2023-08-21', percent: 3.45 },
  { from: '2024-07-22', percent: 3.35 },
  { from: '2024-10-21', percent: 3.1 },
  { from: '2025-05-20', percent: 3.0 },
];

/** The last date this table was checked against the announcements. */
export const LPR_CHECKED_ON = '2026-11-25';

/** The one-year LPR in force on a date (percent per year), or null before the first quote. */
export function oneYearLprOn(date: string): LprEntry | null {
  let found: LprEntry | null = null;
  for (const entry of ONE_YEAR_LPR) {
    if (entry.from <= date) found = entry;
    else break;
  }
  return found;
}
