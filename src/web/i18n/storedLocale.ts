/**
 * The languages and the one this browser last chose, without the dictionaries: read by the i18n provider and by
 * boot.ts (which asks the API in the language the app will use before the app has loaded).
 */
import type { Locale } from '../api/client.ts';

/** Where the chosen language is kept in this browser. */
export const LOCALE_STORAGE_KEY = 'huiqi.locale';

/** The supported languages, default first. */
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Type guard for a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** The language this browser last chose, or the default. */
export function storedLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage may be unavailable (private mode); fall back to the default.
  }
  return DEFAULT_LOCALE;
}
