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
