/** React side of the i18n: the locale context, `useT()`, and antd's ConfigProvider switched with the language. */
import { App as AntApp, theme as antdTheme, ConfigProvider } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLocale } from '../api/client.ts';
import {
  type BilingualName,
  type Locale,
  type MessageKey,
  type Params,
  pickName,
  translate,
} from './core.ts';
import { LOCALE_STORAGE_KEY, storedLocale } from './storedLocale.ts';

/**
 * antd ships its locales as ES modules in a package without `"type": "module"`, so under NodeNext TypeScript sees
 * the default import as the module namespace while the bundler hands over the default export. Accept both.
 */
function antdLocale(module: unknown): AntdLocale {
  const value = module as AntdLocale & { default?: AntdLocale };
  return value.default ?? value;
}
const ANTD_LOCALES: Record<Locale, AntdLocale> = {
  'zh-CN': antdLocale(zhCNModule),
  en: antdLocale(enUSModule),
};

/** The translate function handed to components. */
export type TFunction = (key: MessageKey, params?: Params) => string;

interface I18nValue {
  locale: Locale;
  /** Switches the language for this browser (persisted in localStorage). Saving to the account is up to the caller. */
  setLocale: (locale: Locale) => void;
  t: TFunction;
  /** The `nameZh`/`nameEn` of an item in the current language. */
  name: (item: BilingualName) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Applies a locale to everything outside React: the API client, dayjs and the document. */
function applyGlobally(locale: Locale): void {
  setApiLocale(locale, translate(locale, 'common.networkError'));
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
  document.title = translate(locale, 'app.documentTitle');
}

/** Blue, calm theme of a government service portal. */
const THEME = {
  algorithm: antdTheme.defaultAlgorithm,
  // Components' styles come from antd's static CSS (imported in main.tsx), not generated at run time (ADR 0017); the
  // tokens below still apply, as CSS variables.
  zeroRuntime: true,
  token: {
    colorPrimary: '#1458c4',
    colorInfo: '#1458c4',
    colorLink: '#1458c4',
    borderRadius: 6,
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0b2a5b', bodyBg: '#f3f6fb', headerPadding: '0 24px' },
    Menu: { darkItemBg: '#0b2a5b', darkSubMenuItemBg: '#08224b', darkItemSelectedBg: '#1458c4' },
  },
};

/** Provides the locale, `t` and the antd locale to the whole app. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = storedLocale();
    applyGlobally(initial);
    return initial;
  });

  const setLocale = useCallback((next: Locale) => {
    applyGlobally(next);
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still applies to this page.
    }
    setLocaleState(next);
  }, []);

  useEffect(() => applyGlobally(locale), [locale]);

  const value = useMemo<I18nValue>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      name: (item) => pickName(item, locale),
    }),
    [locale, setLocale],
  );

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={ANTD_LOCALES[locale]} theme={THEME}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

/** The whole i18n context. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** The translate function of the current language. */
export function useT(): TFunction {
  return useI18n().t;
}
