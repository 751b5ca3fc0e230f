/** Public surface of the financial-institutions module. */
export { findInstitutionView, searchInstitutions } from './institutions.repository.ts';
