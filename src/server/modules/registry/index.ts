/** Public surface of the enterprise registry. */
export {
  countByChildRegion,
  countBySection,
  countEnterprises,
  findEnterpriseView,
  hasDemoEnterprises,
  searchEnterprisesByName,
} from './registry.repository.ts';
