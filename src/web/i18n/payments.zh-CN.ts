/** Simplified Chinese messages of the overdue-payment calculator. */
export const paymentsZh = {} as const;
