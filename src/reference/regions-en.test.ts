/** Region names romanised in Hanyu Pinyin by the 1984 place-name rules (docs/reference/regions-en.md). */
import { describe, expect, it } from 'vitest';
import { allRegions } from './regions.ts';
import { regionFullNameEn, regionNameEn, romaniseRegionName } from './regions-en.ts';

describe('romanised region names', () => {
  it.each([
    ['浙江省', 'Zhejiang Sheng'],
    ['苏州市', 'Suzhou Shi'],
    ['吴中区', 'Wuzhong Qu'],
    ['西安市', "Xi'an Shi"],
    ['单县', 'Shanxian'],
    ['乐清市', 'Yueqing Shi'],
    ['宁夏回族自治区', 'Ningxia Huizu Zizhiqu'],
    ['湘西土家族苗族自治州', 'Xiangxi Tujiazu Miaozu Zizhizhou'],
    ['阿克苏地区', 'Akesu Diqu'],
    ['陕西省', 'Shaanxi Sheng'],
    ['内蒙古自治区', 'Nei Mongol Zizhiqu'],
    ['香港特别行政区', 'Hong Kong SAR'],
  ])('writes %s as %s', (name, expected) => {
    expect(romaniseRegionName(name)).toBe(expected);
  });

  it('writes a full name from the smallest division up, skipping placeholder cities', () => {
    expect(regionFullNameEn('320583')).toBe('Kunshan Shi, Suzhou Shi, Jiangsu Sheng');
    expect(regionFullNameEn('110101')).toBe('Dongcheng Qu, Beijing Shi');
  });

  it('gives every GB/T 2260 division a name in Latin letters', () => {
    const odd = allRegions().filter((r) => !/^[A-Z][A-Za-z'ü ,-]*$/.test(regionNameEn(r.code)));
    expect(odd.map((r) => r.name)).toEqual([]);
  });
});
