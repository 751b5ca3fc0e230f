/** Public surface of the enterprise registry. */

export { classifyFigures, factsOfInput } from './registry.facts.ts';
export type { EnterpriseFacts, EnterpriseInput, FactFigures } from './registry.model.ts';
export { loadEnterpriseFacts } from './registry.queries.ts';
export {
  countByChildRegion,
  countBySection,
  countEnterprises,
  findEnterpriseView,
  hasDemoEnterprises,
  searchEnterprisesByName,
} from './registry.repository.ts';
export { writeEnterpriseBatch } from './registry.writes.ts';

// For other modules (issue 13)

export { CLASSIFY_CN_COLUMNS, CLASSIFY_EU_COLUMNS, ENTERPRISE_IMPORT_COLUMNS } from './import/columns.ts';
export {
  type ColumnSpec,
  columnHeader,
  parseImportDate,
  parseImportNumber,
  type RowValues,
  type TemplateLayout,
  toHalfWidth,
  writeTemplate,
} from './import/index.ts';
export { validateEnterpriseRow } from './import/row-validation.ts';
export { readTable } from './import/table-reader.ts';
export { codedProblem, outOfScopeProblem, type RowProblem } from './import.batches.ts';
export {
  type ImportJobContext,
  type ImportKindHandler,
  type ImportKindHandlers,
  type ImportRowKind,
  type KindBatch,
  type KindLoadResult,
  type KindRowValidation,
  listImportChanges,
} from './import.kinds.ts';
export { importQueueStats, listJobErrors } from './import.queries.ts';
export { importJobView, importRoutes } from './import.routes.ts';
export {
  claimNextJob,
  createImportJob,
  createLocalImportJob,
  type ImportBatchRows,
  type ImportObserver,
  type ImportProgress,
  type ImportSettings,
  runImportJob,
  startImportRunner,
} from './import.service.ts';
export { findEnterprisesByUscc } from './registry.lookup.ts';
export { endRecognition, grantRecognition } from './registry.qualifications.ts';
export { latestYear as latestSizeYear, sizeStats } from './registry.queries.ts';
export {
  enterpriseCards,
  enterpriseFactsSql,
  enterpriseIdRange,
  enterpriseRegions,
  enterprisesChangedByImport,
  enterprisesWithAnniversary,
  enterprisesWithCertificationChange,
  findEnterpriseBasics,
  findEnterpriseNames,
  findEnterpriseSizeByUscc,
  markDemoEnterprises,
  type RegistryMonthCount,
  registryMonthCounts,
} from './registry.repository.ts';
export {
  compactRollup,
  compactRollups,
  rebuildEnterpriseCounts,
  rebuildSizeStats,
} from './registry.rollups.ts';
export { registryRoutes } from './registry.routes.ts';
export { nameInitials, planSearch, searchTerms } from './search.ts';
export { type CnSizeInput, classifyCn, classifyCnSize, classifyEu, type SizeClass } from './size.rules.ts';
