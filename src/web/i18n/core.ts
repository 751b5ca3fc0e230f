/** The typed i18n core without React: dictionaries, interpolation and name picking (used by the unit test too). */
import type { Locale } from '../api/client.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { Locale };

/** Every message key; the Chinese dictionary is the reference. */
export type MessageKey = keyof typeof zhCN;
/** A dictionary: one string per key. */
export type Messages = Record<MessageKey, string>;
/** Values for `{name}` placeholders. */
export type Params = Record<string, string | number>;

export { DEFAULT_LOCALE, isLocale, LOCALES } from './storedLocale.ts';

export const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** Whether a string (e.g. built from an API code) is a message key. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** Replaces `{name}` placeholders with their values; unknown placeholders are left as they are. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/** The message of `key` in `locale`, with placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[locale][key], params);
}

/** Something named in both languages (API counts, industries, departments). */
export interface BilingualName {
  nameZh: string;
  nameEn: string;
}

/** The name in the current language (English falls back to Chinese when it is empty). */
export function pickName(item: BilingualName, locale: Locale): string {
  return locale === 'en' ? item.nameEn || item.nameZh : item.nameZh || item.nameEn;
}
