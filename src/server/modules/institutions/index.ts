/** Public surface of the financial-institutions module. */
export {
  findInstitutionNames,
  findInstitutionView,
  insertInstitution,
  searchInstitutions,
} from './institutions.repository.ts';
