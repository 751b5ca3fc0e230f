/** Public surface of the enterprise registry. */

export { classifyFigures, factsOfInput } from './registry.facts.ts';
export type { EnterpriseFacts, EnterpriseInput, FactFigures } from './registry.model.ts';
export { loadEnterpriseFacts } from './registry.queries.ts';
// For other modules (issue 13)
export {
  countByChildRegion,
  countBySection,
  countEnterprises,
  enterpriseNamesOf,
  findEnterpriseBasics,
  findEnterpriseSizeByUscc,
  findEnterpriseView,
  hasDemoEnterprises,
  searchEnterprisesByName,
} from './registry.repository.ts';
export { writeEnterpriseBatch } from './registry.writes.ts';
