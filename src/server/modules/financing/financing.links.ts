/** The in-app pages financing notices open (the web app's routes under /app/). */

/** The enterprise's own demand. */
export const myDemandLink = (demandId: number) => `/app/my/financing/demands/${demandId}`;
/** A demand as a bank handles it. */
export const bankDemandLink = (enterpriseId: number, demandId: number) =>
  `/app/bank/financing/demands/${enterpriseId}/${demandId}`;
/** The officials' desk, on one of its lists. */
export const deskLink = (list: 'escalated' | 'late' | 'unconfirmed') => `/app/financing/desk?list=${list}`;
export const MY_RECEIVABLES_LINK = '/app/my/financing/receivables';
export const PAYER_RECEIVABLES_LINK = '/app/payer/receivables';
export const BANK_RECOMMENDATIONS_LINK = '/app/bank/financing/recommendations';
export const MY_PRODUCTS_LINK = '/app/my/financing/products';
/** The enterprise's demands page (it shows its place on the recommended list). */
export const MY_DEMANDS_LINK = '/app/my/financing/demands';
