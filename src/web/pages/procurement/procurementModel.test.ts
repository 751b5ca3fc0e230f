/** The procurement pages' model: amounts as text, the form item an error names, the example and the requests. */
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../../reference/uscc.ts';
import { ApiError } from '../../api/client.ts';
import type { ProcurementRules } from '../../api/procurement.ts';
import { evaluationFieldName } from './BidEvaluation.tsx';
import {
  ceilToFen,
  cleanNumber,
  compareDecimal,
  evaluationBody,
  fieldPath,
  formatShare,
  formatWanOfYuan,
  formatYuan,
  needsConsortiumDeduction,
  partPercent,
  planYears,
  rankGroups,
  rankingText,
  ties,
  USCC_PATTERN,
  versionOn,
  WORKED_EXAMPLE,
  yuanToWan,
} from './procurementModel.ts';
import { isBodyMissing } from './procurementParts.tsx';

describe('amounts and shares as the API gives them', () => {
  it('groups yuan without a float, decimals as given', () => {
    expect(formatYuan('600000.003', 'zh-CN')).toBe('600,000.003元');
    expect(formatYuan('1000000', 'en')).toBe('1,000,000 yuan');
    expect(formatYuan(null, 'en')).toBe('—');
  });

  it('shifts yuan to 万元 exactly, for Chinese readers only', () => {
    expect(yuanToWan('2000000')).toBe('200');
    expect(yuanToWan('2000000.01')).toBe('200.000001');
    expect(yuanToWan('15')).toBe('0.0015');
    expect(formatWanOfYuan('4000000', 'zh-CN')).toBe('400万元');
    expect(formatWanOfYuan('4000000', 'en')).toBe('4,000,000 yuan');
  });

  it('reads a typed number with separators, shows shares, compares decimals exactly', () => {
    expect(cleanNumber(' 2,000,000 ')).toBe('2000000');
    expect(formatShare('29.9950')).toBe('29.995%');
    expect(compareDecimal('29.995', '30')).toBe(-1);
    expect(compareDecimal('30.00', '30')).toBe(0);
    expect(compareDecimal('100', '99.9999')).toBe(1);
  });

  it('rounds a minimum up to whole fen, so the amount typed still meets it', () => {
    expect(ceilToFen('600000.003')).toBe('600000.01');
    expect(ceilToFen('360000.0018')).toBe('360000.01');
    expect(ceilToFen('900000')).toBe('900000');
    expect(ceilToFen('1.999')).toBe('2');
  });
});

describe('the form item a server’s field error names', () => {
  it('reads the reference layer’s and the schema’s paths alike', () => {
    expect(fieldPath('bids[0].smallMicroShare')).toEqual(['bids', 0, 'smallMicroShare']);
    expect(fieldPath('body.bids.1.price')).toEqual(['bids', 1, 'price']);
    expect(fieldPath('declarations[2].signedOn')).toEqual(['declarations', 2, 'signedOn']);
    expect(fieldPath('declaration.employees')).toEqual(['declaration', 'employees']);
  });

  it('puts an evaluation’s error on its input, a bid’s on its row', () => {
    expect(evaluationFieldName('smallMicroDeduction')).toEqual(['smallMicroDeduction']);
    expect(evaluationFieldName('announcementDate')).toEqual(['announcementDate']);
    expect(evaluationFieldName('bids[0].smallMicroShare')).toEqual(['bids', 0, 'smallMicroShare']);
    expect(evaluationFieldName('bids[1].itemSizes[0]')).toEqual(['bids', 1, 'itemSizes']);
    expect(evaluationFieldName('bids.3')).toEqual(['bids', 3, 'id']);
    expect(evaluationFieldName('bids')).toEqual(['bids']);
    expect(evaluationFieldName('somethingElse')).toBeNull();
  });
});

describe('the calculators’ requests', () => {
  it('loads the notes’ worked case (§7.1): goods in 2023 at 15%, A small at 1,000,000, B medium at 900,000', () => {
    expect(evaluationBody(WORKED_EXAMPLE)).toEqual({
      kind: 'goods',
      announcementDate: '2023-06-01',
      smallMicroDeduction: '15',
      bids: [
        { id: 'A', price: '1000000', declaredSize: 'small', role: 'single' },
        { id: 'B', price: '900000', declaredSize: 'medium', role: 'single' },
      ],
    });
  });

  it('sends a share and related parties only with a partner, item sizes only for goods', () => {
    const body = evaluationBody({
      kind: 'services',
      announcementDate: '2023-03-01',
      smallMicroDeduction: '10',
      consortiumDeduction: '5',
      bids: [
        { id: ' C ', price: '1,000,000', declaredSize: 'medium', role: 'consortium', smallMicroShare: '30' },
        {
          id: 'D',
          price: '800000',
          declaredSize: 'large',
          role: 'single',
          smallMicroShare: '40',
          itemSizes: ['small'],
          partiesRelated: true,
        },
      ],
    });
    expect(body.consortiumDeduction).toBe('5');
    expect(body.bids).toEqual([
      { id: 'C', price: '1000000', declaredSize: 'medium', role: 'consortium', smallMicroShare: '30' },
      { id: 'D', price: '800000', declaredSize: 'large', role: 'single' },
    ]);
    expect(needsConsortiumDeduction(body.bids)).toBe(true);
    expect(needsConsortiumDeduction(WORKED_EXAMPLE.bids)).toBe(false);
  });
});

describe('the rules of a date', () => {
  const version = (id: string, effectiveFrom: string) =>
    ({ id, effectiveFrom }) as ProcurementRules['versions'][number];
  const rules = {
    versions: [
      version('2023-01', '2023-01-01'),
      version('2021-01', '2021-01-01'),
      version('2022-07', '2022-07-01'),
    ],
  } as ProcurementRules;

  it('picks the version in force on the announcement date, none before the first', () => {
    expect(versionOn(rules, '2022-06-30')?.id).toBe('2021-01');
    expect(versionOn(rules, '2022-07-01')?.id).toBe('2022-07');
    expect(versionOn(rules, '2026-12-06')?.id).toBe('2023-01');
    expect(versionOn(rules, '2020-12-31')).toBeNull();
    expect(versionOn(undefined, '2023-01-01')).toBeNull();
  });

  it('offers next year down to 2021', () => {
    expect(planYears('2023-05-01')).toEqual([2024, 2023, 2022, 2021]);
  });
});

describe('a buyer whose body is not registered', () => {
  const buyer = { role: 'buyer', organizationUscc: '11320583MB0000002L' };
  it('is told so when the 404 names its body, not when a record is missing', () => {
    const missingBody = new ApiError(404, 'NOT_FOUND', '您的采购单位（11320583MB0000002L）尚未登记');
    expect(isBodyMissing(missingBody, buyer)).toBe(true);
    expect(isBodyMissing(new ApiError(404, 'NOT_FOUND', '未找到'), buyer)).toBe(false);
    expect(isBodyMissing(missingBody, { role: 'official', organizationUscc: null })).toBe(false);
    expect(isBodyMissing(new ApiError(403, 'FORBIDDEN', '11320583MB0000002L'), buyer)).toBe(false);
  });
});

describe('a USCC in the forms', () => {
  it('is checked to its check character, as the server checks it', () => {
    const good = makeUscc('91320583MA1XXXXX1'.replace(/X/g, '0'));
    expect(USCC_PATTERN.test(good)).toBe(true);
    const wrong = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    expect(USCC_PATTERN.test(wrong)).toBe(false);
    expect(USCC_PATTERN.test('91320583')).toBe(false);
  });
});

describe('the ranking with ties', () => {
  const bid = (id: string, evaluatedPrice: string, rank: number) => ({
    id,
    price: evaluatedPrice,
    deduction: '0',
    evaluatedPrice,
    preference: 'none' as const,
    rank,
    provision: { zh: '', en: '' },
  });
  const evaluation = {
    bids: [bid('甲', '900000', 1), bid('乙', '900000', 1), bid('丁', '950000', 4), bid('丙', '900000', 1)],
    ranking: ['甲', '乙', '丙', '丁'],
  };

  it('puts bids of one evaluated price in one rank, the next bid four places down (1, 1, 1, 4)', () => {
    expect(rankGroups(evaluation)).toEqual([
      { rank: 1, ids: ['甲', '乙', '丙'] },
      { rank: 4, ids: ['丁'] },
    ]);
  });

  it('writes a tie with “=”, never as an order', () => {
    expect(rankingText(rankGroups(evaluation))).toBe('甲 = 乙 = 丙 > 丁');
  });

  it('names the ties, and none when every evaluated price differs', () => {
    expect(ties(rankGroups(evaluation))).toEqual([{ rank: 1, ids: ['甲', '乙', '丙'] }]);
    expect(ties(rankGroups({ bids: [bid('A', '1', 1), bid('B', '2', 2)], ranking: ['A', 'B'] }))).toEqual([]);
  });
});

describe('the part of a share resting on flagged declarations', () => {
  it('gives the per cent of the SME amount exactly, two decimals half up', () => {
    expect(partPercent('1520000', '2400000')).toBe('63.33');
    expect(partPercent('0.01', '0.03')).toBe('33.33');
    expect(partPercent('2', '3')).toBe('66.67');
    expect(partPercent('2400000', '2400000')).toBe('100.00');
    expect(partPercent('0', '2400000')).toBe('0.00');
  });

  it('gives none without an SME amount', () => {
    expect(partPercent('0', '0')).toBeNull();
  });
});
