/** Public surface of the enterprise registry. */

export type { EnterpriseInput } from './registry.model.ts';
export { type EnterpriseFactsRecord, loadEnterpriseFacts } from './registry.queries.ts';
export {
  countByChildRegion,
  countBySection,
  countEnterprises,
  findEnterpriseView,
  hasDemoEnterprises,
  searchEnterprisesByName,
} from './registry.repository.ts';
export { writeEnterpriseBatch } from './registry.writes.ts';
