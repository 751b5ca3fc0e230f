/** A government department's name in the reader's language, from the list every page shares (src/reference). */
import { findDepartment } from '../../reference/departments.ts';
import { type Locale, pickName } from '../i18n/core.ts';

/**
 * The name of the department of `code` (工信部联企业〔2020〕108号's co-issuers and the SME authority) in the
 * language, or the text itself when it is no department's code (a source written in words, such as 企业自愿填报).
 */
export function departmentName(code: string, locale: Locale): string {
  const department = findDepartment(code);
  return department ? pickName(department, locale) : code;
}
