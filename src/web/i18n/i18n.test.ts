import { describe, expect, it } from 'vitest';
import { dictionaries, interpolate, isMessageKey, pickName, translate } from './core.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

describe('i18n dictionaries', () => {
  it('have exactly the same keys in zh-CN and en', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('define each key in one area dictionary only (a second definition would silently replace the first)', () => {
    for (const lang of ['zh-CN', 'en']) {
      const areas = import.meta.glob<Record<string, Record<string, string>>>('./*.ts', { eager: true });
      const owners = new Map<string, string[]>();
      for (const [file, module] of Object.entries(areas)) {
        if (!file.endsWith(`.${lang}.ts`)) continue;
        for (const dictionary of Object.values(module))
          for (const key of Object.keys(dictionary)) owners.set(key, [...(owners.get(key) ?? []), file]);
      }
      const repeated = [...owners]
        .filter(([, files]) => files.length > 1)
        .map(([key, files]) => `${key}: ${files}`);
      expect(repeated, lang).toEqual([]);
    }
  });

  it('have no empty Chinese message and the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN)) {
      if (!isMessageKey(key)) throw new Error(`not a key: ${key}`);
      expect(zhCN[key], key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
});

describe('interpolation', () => {
  it('fills in {name} placeholders', () => {
    expect(interpolate('Welcome, {name}! {name}', { name: 'Li' })).toBe('Welcome, Li! Li');
    expect(interpolate('{a}+{b}={c}', { a: 1, b: 2, c: 3 })).toBe('1+2=3');
  });

  it('leaves unknown placeholders and text without params alone', () => {
    expect(interpolate('Hi {who}', { other: 'x' })).toBe('Hi {who}');
    expect(interpolate('Hi {who}')).toBe('Hi {who}');
  });

  it('translates with parameters in both languages', () => {
    expect(translate('zh-CN', 'common.total', { total: 42 })).toBe('共 42 条');
    expect(translate('en', 'common.total', { total: 42 })).toBe('42 in total');
    expect(dictionaries.en['home.title.official']).toBe('Official workspace');
  });
});

describe('pickName', () => {
  it('picks the name of the language, falling back to Chinese', () => {
    expect(pickName({ nameZh: '制造业', nameEn: 'Manufacturing' }, 'en')).toBe('Manufacturing');
    expect(pickName({ nameZh: '制造业', nameEn: 'Manufacturing' }, 'zh-CN')).toBe('制造业');
    expect(pickName({ nameZh: '昆山市', nameEn: '' }, 'en')).toBe('昆山市');
  });
});
