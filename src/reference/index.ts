/** Reference data for Huiqi: GB/T 2260 regions, GB/T 4754-2017 industries, GB 32100-2015 USCC, SME-system departments. */
export type { Department } from './departments.ts';
export { allDepartments, findDepartment, isDepartmentCode } from './departments.ts';
export type { Industry, IndustryLevel } from './industries.ts';
export {
  allIndustries,
  findIndustry,
  industryChildren,
  industrySection,
  isIndustryCode,
  normaliseIndustryCode,
} from './industries.ts';
export type { Region, RegionLevel } from './regions.ts';
export {
  allRegions,
  findRegion,
  isInRegion,
  isRegionCode,
  normaliseRegionCode,
  regionChildren,
  regionFullName,
  regionPath,
  regionScopePrefix,
} from './regions.ts';
export type { UsccInvalidReason, UsccValidation, UsccWarning } from './uscc.ts';
export {
  isValidOrgCode,
  isValidUscc,
  makeUscc,
  USCC_CHARSET,
  usccCheckCharacter,
  usccRegionCode,
  validateUscc,
} from './uscc.ts';
