/** Public surface of government procurement for SMEs (issue 17, measure 8). */
export { checkDeclaration } from './procurement.declarations.rules.ts';

export { type ProcurementDemoInput, seedProcurementDemo } from './procurement.demo.ts';
export { readOcds } from './procurement.ocds.rules.ts';
export {
  HUIQI_OCID_PREFIX,
  importOcds,
  type OcdsImportInput,
  type OcdsImportResult,
} from './procurement.ocds.ts';
export {
  procurementRecheckHandler,
  RECHECK_BATCH,
  recheckDeclarations,
} from './procurement.recheck.ts';
export { procurementRoutes } from './procurement.routes.ts';
export { buyerYear, rebuildShares } from './procurement.shares.ts';
