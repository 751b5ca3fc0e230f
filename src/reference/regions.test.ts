import { describe, expect, it } from 'vitest';
import {
  allRegions,
  divisionsManifest,
  findRegion,
  isInRegion,
  isRegionCode,
  normaliseRegionCode,
  regionChildren,
  regionFullName,
  regionPath,
  regionScopePrefix,
} from './regions.ts';

describe('GB/T 2260 regions: data integrity', () => {
  const regions = allRegions();

  it('has about 3,400 rows, ordered provinces → cities → counties', () => {
    expect(regions.length).toBeGreaterThan(3000);
    expect(regions.length).toBeLessThan(3600);
    const order = { province: 0, city: 1, county: 2 } as const;
    for (let i = 1; i < regions.length; i++) {
      const prev = regions[i - 1];
      const cur = regions[i];
      if (!prev || !cur) throw new Error('unreachable');
      expect(order[cur.level]).toBeGreaterThanOrEqual(order[prev.level]);
    }
    expect(regions.filter((r) => r.level === 'province')).toHaveLength(31);
  });

  it('has no duplicate codes', () => {
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
  });

  it('uses 6-digit codes whose shape matches the level', () => {
    for (const r of regions) {
      expect(r.code).toMatch(/^\d{6}$/);
      if (r.level === 'province') expect(r.code).toMatch(/^\d{2}0000$/);
      if (r.level === 'city') expect(r.code).toMatch(/^\d{4}00$/);
      if (r.level === 'county') expect(r.code.endsWith('00')).toBe(false);
    }
  });

  it('gives every non-province an existing parent one level up whose prefix it shares', () => {
    for (const r of regions) {
      if (r.level === 'province') {
        expect(r.parentCode).toBeNull();
        continue;
      }
      expect(r.parentCode).not.toBeNull();
      const parent = findRegion(r.parentCode ?? '');
      expect(parent, r.code).toBeDefined();
      expect(parent?.level).toBe(r.level === 'city' ? 'province' : 'city');
      expect(isInRegion(r.code, parent?.code ?? '')).toBe(true);
    }
  });

  it('keeps cities that have no counties (东莞, 中山, 儋州) as leaves', () => {
    for (const code of ['441900', '442000', '460400']) {
      expect(findRegion(code)?.level).toBe('city');
      expect(regionChildren(code)).toEqual([]);
    }
  });
});

describe('GB/T 2260 regions: lookups', () => {
  it.each([
    ['440000', '广东省', 'province', null],
    ['440100', '广州市', 'city', '440000'],
    ['440106', '天河区', 'county', '440100'],
    ['110100', '市辖区', 'city', '110000'],
    ['110101', '东城区', 'county', '110100'],
    ['500200', '县', 'city', '500000'],
    ['429000', '省直辖县级行政区划', 'city', '420000'],
    ['659001', '石河子市', 'county', '659000'],
  ])('findRegion(%s)', (code, name, level, parentCode) => {
    expect(findRegion(code)).toEqual({ code, name, level, parentCode });
    expect(isRegionCode(code)).toBe(true);
  });

  it.each(['', '44', '4401', '440199', '999999', 'abcdef', ' 440106'])('rejects %j', (code) => {
    expect(findRegion(code)).toBeUndefined();
    expect(isRegionCode(code)).toBe(false);
  });

  it.each([
    ['44', '440000'],
    ['4401', '440100'],
    ['440106', '440106'],
    ['1101', '110100'],
    [' 11 ', '110000'],
    ['99', null],
    ['4', null],
    ['44010', null],
    ['4401x6', null],
  ])('normaliseRegionCode(%j) → %j', (input, expected) => {
    expect(normaliseRegionCode(input)).toBe(expected);
  });

  it('lists provinces as children of null and counties under a city', () => {
    const provinces = regionChildren(null);
    expect(provinces).toHaveLength(31);
    expect(provinces.every((r) => r.level === 'province')).toBe(true);
    const guangzhou = regionChildren('440100').map((r) => r.code);
    expect(guangzhou).toContain('440106');
    expect(regionChildren('440106')).toEqual([]);
    expect(regionChildren('nope')).toEqual([]);
  });

  it('builds paths from the province down', () => {
    expect(regionPath('440106').map((r) => r.code)).toEqual(['440000', '440100', '440106']);
    expect(regionPath('440000').map((r) => r.code)).toEqual(['440000']);
    expect(regionPath('000000')).toEqual([]);
  });
});

describe('GB/T 2260 regions: full names', () => {
  it.each([
    ['440106', '广东省广州市天河区'],
    ['440100', '广东省广州市'],
    ['440000', '广东省'],
    ['110101', '北京市东城区'],
    ['110100', '北京市'],
    ['500229', '重庆市城口县'],
    ['429004', '湖北省仙桃市'],
    ['659001', '新疆维吾尔自治区石河子市'],
    ['441900', '广东省东莞市'],
    ['620201', '甘肃省嘉峪关市'],
    ['999999', ''],
  ])('regionFullName(%s) → %s', (code, expected) => {
    expect(regionFullName(code)).toBe(expected);
    expect(regionFullName(code)).toBe(expected); // cached path
  });
});

describe('GB/T 2260 regions: scope prefix and isInRegion', () => {
  it.each([
    ['440000', '44'],
    ['440100', '4401'],
    ['440106', '440106'],
    ['110100', '1101'],
    ['441900', '4419'],
  ])('regionScopePrefix(%s) → %s', (code, prefix) => {
    expect(regionScopePrefix(code)).toBe(prefix);
  });

  it('throws for unknown scope codes', () => {
    expect(() => regionScopePrefix('44')).toThrow(RangeError);
  });

  it.each([
    // province scope
    ['440106', '440000', true],
    ['440100', '440000', true],
    ['440000', '440000', true],
    ['441900', '440000', true],
    ['450103', '440000', false],
    // city scope
    ['440106', '440100', true],
    ['440100', '440100', true],
    ['440000', '440100', false],
    ['440303', '440100', false],
    ['110101', '110100', true],
    // county scope
    ['440106', '440106', true],
    ['440105', '440106', false],
    ['440100', '440106', false],
    // abolished / unknown candidate codes still match by prefix; bad input never matches
    ['440199', '440100', true],
    ['44010', '440000', false],
    ['440106', '44', false],
    ['440106', '999999', false],
  ])('isInRegion(%s, %s) → %s', (candidate, scope, expected) => {
    expect(isInRegion(candidate, scope)).toBe(expected);
  });
});

describe('GB/T 2260 regions: the data file (docs/reference/divisions.md)', () => {
  it('records its source: the NBS 2023 statistical division codes, status of 2023-06-30', () => {
    const { year, source } = divisionsManifest();
    expect(year).toBe(2023);
    expect(source).toEqual({
      publisher: '国家统计局 National Bureau of Statistics of China',
      title: '2023年统计用区划代码和城乡划分代码',
      cutOff: '2023-06-30',
      published: '2023-09-11',
      url: 'http://www.stats.gov.cn/sj/tjbz/tjyqhdmhcxhfdm/2023/index.html',
    });
  });

  it('holds 31 provinces, 342 cities and 2,975 counties, as its header says', () => {
    const counts = { province: 0, city: 0, county: 0 };
    for (const r of allRegions()) counts[r.level] += 1;
    expect(counts).toEqual({ province: 31, city: 342, county: 2975 });
    expect(divisionsManifest().counts).toEqual(counts);
  });

  it.each([
    ['110100', '市辖区', 'city', '110000'],
    ['500200', '县', 'city', '500000'],
    ['500229', '城口县', 'county', '500200'],
    ['659000', '自治区直辖县级行政区划', 'city', '650000'],
    ['620201', '嘉峪关市', 'county', '620200'],
    ['350527', '金门县', 'county', '350500'],
    ['320576', '苏州工业园区', 'county', '320500'],
    ['120116', '滨海新区', 'county', '120100'],
    ['410783', '长垣市', 'county', '410700'],
  ])('holds %s %s (%s)', (code, name, level, parentCode) => {
    expect(findRegion(code)).toEqual({ code, name, level, parentCode });
  });

  it('holds each city without counties (东莞, 中山, 儋州) once, as a city', () => {
    const rows = allRegions().filter((r) => ['441900', '442000', '460400'].includes(r.code));
    expect(rows.map((r) => [r.code, r.name, r.level])).toEqual([
      ['441900', '东莞市', 'city'],
      ['442000', '中山市', 'city'],
      ['460400', '儋州市', 'city'],
    ]);
  });

  it('leaves out Hong Kong, Macao and Taiwan, and everything below county level', () => {
    expect(['710000', '810000', '820000'].map((code) => isRegionCode(code))).toEqual([false, false, false]);
    expect(allRegions().every((r) => /^\d{6}$/.test(r.code))).toBe(true);
  });
});
