/**
 * Pieces shared by the library list, the policy page and the eligibility check: labels of methods, states and
 * topics, their tags, text in the current language and region names looked up (once per page load).
 */
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { isMessageKey, type Locale, type MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { lookupRegion, regionFullName, regionName } from '../../lib/regions.ts';

export const METHODS = ['automatic', 'fast', 'application'] as const;
export type Method = (typeof METHODS)[number];
export const STATES = ['in_force', 'upcoming', 'expired'] as const;
export type PolicyState = (typeof STATES)[number];
/** Size classes a policy can be filtered by (smallest first, as enterprises think of themselves). */
export const POLICY_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type PolicySize = (typeof POLICY_SIZES)[number];

const METHOD_COLORS: Record<string, string> = { automatic: 'cyan', fast: 'geekblue', application: 'default' };
const STATE_COLORS: Record<string, string> = { in_force: 'green', upcoming: 'blue', expired: 'default' };

/** Text of both languages in the current one. */
export function pickText(text: { zh: string; en: string } | null | undefined, locale: Locale): string {
  if (!text) return '';
  return locale === 'en' ? text.en || text.zh : text.zh || text.en;
}

/**
 * Whether a text has its own English: a definition without English repeats the Chinese in `en` (the server fills
 * it so), and an empty `en` says the same.
 */
export function hasEnglish(text: { zh: string; en: string }): boolean {
  const en = text.en.trim();
  return en !== '' && en !== text.zh.trim();
}

/**
 * A text in the current language; in English, a text without English shows the Chinese marked "Chinese only"
 * (issue 12), never as if it were English.
 */
export function LocalizedText({
  text,
  testId,
}: {
  text: { zh: string; en: string } | null | undefined;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  if (!text) return null;
  if (locale !== 'en' || hasEnglish(text)) return <span data-testid={testId}>{pickText(text, locale)}</span>;
  return (
    <span data-testid={testId} data-chinese-only="true">
      <Tag
        color="purple"
        title={t('library.chineseOnlyHint')}
        data-testid="chinese-only"
        style={{ marginInlineEnd: 6 }}
      >
        {t('library.chineseOnly')}
      </Tag>
      <span lang="zh-CN">{text.zh}</span>
    </span>
  );
}

/** A message key built from an API value, when there is one. */
function keyOf(prefix: string, value: string): MessageKey | null {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? key : null;
}

/** The label of a topic code (the code itself when unknown). */
export function useLabels() {
  const { t } = useI18n();
  const label = (prefix: string, value: string) => {
    const key = keyOf(prefix, value);
    return key ? t(key) : value;
  };
  return {
    topic: (code: string) => label('library.topic', code),
    method: (code: string) => label('library.method', code),
    state: (code: string) => label('library.state', code),
    size: (code: string) => label('size', code),
  };
}

export function MethodTag({ method }: { method: string }) {
  const labels = useLabels();
  return (
    <Tag color={METHOD_COLORS[method] ?? 'default'} data-testid="policy-method">
      {labels.method(method)}
    </Tag>
  );
}

export function StateTag({ state }: { state: string }) {
  const labels = useLabels();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-testid="policy-state" data-state={state}>
      {labels.state(state)}
    </Tag>
  );
}

export function DemoTag() {
  const { t } = useI18n();
  return (
    <Tag color="orange" data-testid="policy-demo">
      {t('common.demoData')}
    </Tag>
  );
}

/**
 * The full names of region codes in the reader's language (romanised in English), the code until its name has
 * loaded or when the look-up failed.
 */
export function useRegionNames(codes: readonly string[]): Record<string, string> {
  const { locale } = useI18n();
  const key = codes.join(',');
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!key) return;
    let active = true;
    for (const code of key.split(',')) {
      lookupRegion(code).then(
        (region) => {
          if (active)
            setNames((current) => ({
              ...current,
              [code]: regionFullName(region, locale) || regionName(region, locale),
            }));
        },
        () => {
          // The code stays shown.
        },
      );
    }
    return () => {
      active = false;
    };
  }, [key, locale]);
  return Object.fromEntries(codes.map((code) => [code, names[code] ?? code]));
}

/** A date of a URL parameter, when it is one (YYYY-MM-DD). */
export function dateParam(value: string | null): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}
