/** Departments of the SME support system and other credit sources by name, for every page that shows a code. */
import { findCreditSource, SELF_DECLARED_SOURCE } from '../../reference/credit.ts';
import { type Locale, pickName } from '../i18n/core.ts';
import type { useI18n } from '../i18n/I18nProvider.tsx';

type Translate = ReturnType<typeof useI18n>['t'];

/**
 * A department's name in the reader's language (the co-issuers of 工信部联企业〔2020〕108号, the SME authority and
 * the other bodies credit files come from, src/reference/credit.ts), or the code itself when it names none of them.
 */
export function departmentName(code: string, locale: Locale): string {
  const department = findCreditSource(code);
  return department ? pickName(department, locale) : code;
}

/** Where a credit record came from: its department's name, or the enterprise's own declaration, in the language. */
export function recordSourceName(source: string, t: Translate, locale: Locale): string {
  return source === SELF_DECLARED_SOURCE ? t('credit.record.sourceSelf') : departmentName(source, locale);
}
