/**
 * A legal-basis line in the page's language (issue 12): Chinese readers get the citation as the rules give it;
 * English readers get it in English where src/shared/legal-basis.ts renders it, else the Chinese marked as having
 * no English source (a fallback, never a half-translated line). One helper, so the calculator and the case pages
 * say it the same way.
 */
import { legalBasisInEnglish } from '../../shared/legal-basis.ts';
import type { Locale } from '../i18n/core.ts';
import type { TFunction } from '../i18n/I18nProvider.tsx';

/** The line "Basis: …" and whether it is the Chinese shown for want of an English source. */
export function legalBasisLine(
  t: TFunction,
  locale: Locale,
  basis: string,
): { text: string; isFallback: boolean } {
  if (locale !== 'en') return { text: t('pay.basisOf', { basis }), isFallback: false };
  const english = legalBasisInEnglish(basis);
  return english
    ? { text: t('pay.basisOf', { basis: english }), isFallback: false }
    : { text: t('pay.basisOfChinese', { basis }), isFallback: true };
}
