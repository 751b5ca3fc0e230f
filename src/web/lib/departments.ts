/** Departments of the SME support system by name (src/reference/departments.ts), for every page that shows a code. */
import { findDepartment } from '../../reference/departments.ts';
import { type Locale, pickName } from '../i18n/core.ts';

/**
 * A department's name in the reader's language (the co-issuers of 工信部联企业〔2020〕108号 and the SME authority),
 * or the code itself when it names none of them.
 */
export function departmentName(code: string, locale: Locale): string {
  const department = findDepartment(code);
  return department ? pickName(department, locale) : code;
}
