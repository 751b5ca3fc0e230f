import { describe, expect, it } from 'vitest';
import { chineseNumber, editionInEnglish, legalBasisInEnglish } from './legal-basis.ts';

describe('legal-basis lines in English', () => {
  it.each([
    ['八', 8],
    ['十五', 15],
    ['二十四', 24],
    ['二百零三', 203],
    ['五百六十一', 561],
  ])('reads the Chinese number %s as %i', (text, number) => {
    expect(chineseNumber(text)).toBe(number);
  });

  it.each([
    [
      '《保障中小企业款项支付条例》（国务院令第728号）第十五条',
      'Regulations on Ensuring Payments to SMEs (State Council Decree No. 728), Art. 15',
    ],
    [
      '《保障中小企业款项支付条例》（国务院令第728号）第八条第二款',
      'Regulations on Ensuring Payments to SMEs (State Council Decree No. 728), Art. 8(2)',
    ],
    [
      '《保障中小企业款项支付条例》（国务院令第728号）第八条第三款、第九条',
      'Regulations on Ensuring Payments to SMEs (State Council Decree No. 728), Arts. 8(3), 9',
    ],
    [
      '《保障中小企业款项支付条例》（2025年修订，国务院令第802号）关于逾期利息的规定',
      'Regulations on Ensuring Payments to SMEs (2025 revision, State Council Decree No. 802), provisions on interest on late payment',
    ],
    ['《中华人民共和国民法典》第五百六十一条', 'Civil Code of the People’s Republic of China, Art. 561'],
    ['《民法典》第二百零三条', 'Civil Code, Art. 203'],
    [
      '工信部企业〔2021〕224号；《保障中小企业款项支付条例》（2025年修订）第二十四条、第二十五条',
      'MIIT document 工信部企业〔2021〕224号; Regulations on Ensuring Payments to SMEs (2025 revision), Arts. 24, 25',
    ],
    [
      '受理部门的诉求分派规则（规则未另设时限的，参照工信部企业〔2021〕224号；《保障中小企业款项支付条例》（2025年修订）第二十四条、第二十五条）',
      'the handling department’s routing rule for demands (where it sets no time limits: MIIT document 工信部企业〔2021〕224号; Regulations on Ensuring Payments to SMEs (2025 revision), Arts. 24, 25)',
    ],
  ])('renders %s', (zh, en) => {
    expect(legalBasisInEnglish(zh)).toBe(en);
  });

  it('gives null for a citation it cannot render whole', () => {
    expect(legalBasisInEnglish('《某某条例》第三条')).toBeNull();
    expect(
      legalBasisInEnglish('受理部门的诉求分派规则（规则未另设时限的，参照《某某条例》第三条）'),
    ).toBeNull();
    expect(legalBasisInEnglish('《保障中小企业款项支付条例》关于其他事项的规定')).toBeNull();
  });
});

describe('a decree number in English', () => {
  it('names the State Council decree and the revision', () => {
    expect(editionInEnglish('国务院令第802号')).toBe('State Council Decree No. 802');
    expect(editionInEnglish('2025年修订，国务院令第802号')).toBe(
      '2025 revision, State Council Decree No. 802',
    );
    expect(editionInEnglish('某某文件')).toBeNull();
  });
});
