/** Public surface of the case engine. */
export type { CaseActionBody } from './cases.service.ts';
export { actOnCase, caseQueue, getCase, listMyCases, submitArrears, submitDemand } from './cases.service.ts';
