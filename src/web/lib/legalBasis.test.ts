import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/core.ts';
import type { TFunction } from '../i18n/I18nProvider.tsx';
import { legalBasisLine } from './legalBasis.ts';

const en: TFunction = (key, params) => translate('en', key, params);
const zh: TFunction = (key, params) => translate('zh-CN', key, params);

describe('a legal-basis line in the reader’s language', () => {
  it('renders the complaint procedure’s basis in English for English readers', () => {
    const line = legalBasisLine(
      en,
      'en',
      '工信部企业〔2021〕224号；《保障中小企业款项支付条例》（2025年修订）第二十四条、第二十五条',
    );
    expect(line).toEqual({
      text: 'Basis: MIIT document 工信部企业〔2021〕224号; Regulations on Ensuring Payments to SMEs (2025 revision), Arts. 24, 25',
      isFallback: false,
    });
  });

  it('renders the Civil Code’s rest-day rule in English', () => {
    expect(legalBasisLine(en, 'en', '《中华人民共和国民法典》第二百零三条').text).toBe(
      'Basis: Civil Code of the People’s Republic of China, Art. 203',
    );
  });

  it('shows a citation with no English source in Chinese, marked as a fallback', () => {
    const line = legalBasisLine(en, 'en', '《某某条例》第三条');
    expect(line.isFallback).toBe(true);
    expect(line.text).toBe('Basis (in Chinese; no English source): 《某某条例》第三条');
  });

  it('keeps the Chinese citation for Chinese readers', () => {
    expect(legalBasisLine(zh, 'zh-CN', '《中华人民共和国民法典》第二百零三条')).toEqual({
      text: '依据：《中华人民共和国民法典》第二百零三条',
      isFallback: false,
    });
  });
});
