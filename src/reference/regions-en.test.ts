/** Region names romanised in Hanyu Pinyin by the 1984 place-name rules (docs/reference/regions-en.md). */
import { describe, expect, it } from 'vitest';
import { allRegions, findRegion } from './regions.ts';
import { POLYPHONES } from './regions-en.readings.ts';
import { pinyinParts, readingsOf, regionFullNameEn, regionNameEn, romaniseRegionName } from './regions-en.ts';

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

  it.each([
    ['110100', 'Districts (Shixiaqu)'],
    ['429000', 'County-level divisions under the province'],
    ['659000', 'County-level divisions under the autonomous region'],
  ])('describes the placeholder city %s as %s rather than romanising it as a place', (code, expected) => {
    expect(regionNameEn(code)).toBe(expected);
  });

  it('gives every GB/T 2260 division a name in Latin letters', () => {
    const odd = allRegions().filter((r) => !/^[A-Z][A-Za-z'ü ,()-]*$/.test(regionNameEn(r.code)));
    expect(odd.map((r) => r.name)).toEqual([]);
  });
});

describe('romanised region names: place-name readings of polyphones', () => {
  it.each([
    ['341500', "Lu'an Shi"],
    ['340300', 'Bengbu Shi'],
    ['340303', 'Bengshan Qu'],
    ['440113', 'Panyu Qu'],
    ['330382', 'Yueqing Shi'],
    ['141024', 'Hongtong Xian'],
    ['361124', 'Yanshan Xian'],
    ['371524', "Dong'e Xian"],
    ['371722', 'Shanxian'],
    ['130726', 'Yuxian'],
    ['410223', 'Yushi Xian'],
    ['130225', 'Laoting Xian'],
    ['371481', 'Laoling Shi'],
    ['360428', 'Duchang Xian'],
    ['500000', 'Chongqing Shi'],
    ['350200', 'Xiamen Shi'],
    ['441422', 'Dabu Xian'],
    ['410182', 'Xingyang Shi'],
    ['511822', 'Yingjing Xian'],
    ['341621', 'Guoyang Xian'],
    ['340722', 'Zongyang Xian'],
    ['420116', 'Huangpi Qu'],
    ['371522', 'Shenxian'],
    ['510117', 'Pidu Qu'],
    ['511123', 'Qianwei Xian'],
    ['511527', 'Junlian Xian'],
    ['222404', 'Hunchun Shi'],
    ['360733', 'Huichang Xian'],
    ['431225', 'Huitong Xian'],
    ['511381', 'Langzhong Shi'],
    ['320830', 'Xuyi Xian'],
    ['341021', 'Shexian'],
    ['341023', 'Yixian'],
    ['341600', 'Bozhou Shi'],
    ['411726', 'Biyang Xian'],
    ['410621', 'Xunxian'],
    ['410425', 'Jiaxian'],
    ['410783', 'Changyuan Shi'],
    ['140428', 'Zhangzi Xian'],
    ['510100', 'Chengdu Shi'],
    ['540300', 'Changdu Shi'],
    ['653101', 'Kashi Shi'],
    ['310112', 'Minhang Qu'],
    ['320116', 'Luhe Qu'],
    ['131025', 'Dacheng Xian'],
    ['620722', 'Minle Xian'],
  ])('writes %s as %s', (code, expected) => {
    expect(regionNameEn(code)).toBe(expected);
  });
});

describe('romanised region names: the reviewed polyphones (regions-en.readings.ts)', () => {
  /** Every pinyin-read part of a division's name, with the characters pinyin-pro reads more than one way. */
  function polyphonicParts(): Map<string, Set<string>> {
    const byChar = new Map<string, Set<string>>();
    for (const region of allRegions()) {
      for (const part of pinyinParts(region.name)) {
        for (const char of part) {
          if (readingsOf(char).length < 2) continue;
          const parts = byChar.get(char) ?? new Set<string>();
          parts.add(part);
          byChar.set(char, parts);
        }
      }
    }
    return byChar;
  }

  it('reviews every polyphonic character of every division name', () => {
    const reviewed = new Set(POLYPHONES.map((p) => p.char));
    expect([...polyphonicParts().keys()].filter((char) => !reviewed.has(char))).toEqual([]);
  });

  it('lists, for each character, exactly the names holding it (a new name must be reviewed)', () => {
    const found = polyphonicParts();
    const mismatched = POLYPHONES.filter((p) => {
      const listed = p.names.split(' ');
      const actual = [...(found.get(p.char) ?? [])];
      return listed.length !== actual.length || !actual.every((part) => listed.includes(part));
    });
    expect(mismatched.map((p) => p.char)).toEqual([]);
  });

  it('reviews each character once, and only characters with more than one reading', () => {
    const chars = POLYPHONES.map((p) => p.char);
    expect(new Set(chars).size).toBe(chars.length);
    expect(chars.filter((char) => readingsOf(char).length < 2)).toEqual([]);
  });

  it('takes every reading, default or exception, from the readings pinyin-pro knows for the character', () => {
    const unknown = POLYPHONES.flatMap((p) =>
      [p.reading, ...Object.values(p.except ?? {}).map((e) => e.reading)]
        .filter((reading) => !readingsOf(p.char).includes(reading))
        .map((reading) => `${p.char} ${reading}`),
    );
    expect(unknown).toEqual([]);
  });

  it('makes each exception about a name listed for its character', () => {
    const stray = POLYPHONES.flatMap((p) =>
      Object.keys(p.except ?? {})
        .filter((part) => !p.names.split(' ').includes(part))
        .map((part) => `${p.char} ${part}`),
    );
    expect(stray).toEqual([]);
  });

  it('gives each entry and each exception a note and a confidence', () => {
    const entries = POLYPHONES.flatMap((p) => [p, ...Object.values(p.except ?? {})]);
    expect(entries.filter((e) => e.note.trim() === '')).toEqual([]);
    expect(entries.filter((e) => e.confidence !== 'agreed' && e.confidence !== 'memory')).toEqual([]);
  });
});

describe('romanised region names: development zones and parks', () => {
  it.each([
    ['苏州工业园区', 'Suzhou Gongye Yuanqu'],
    ['石家庄高新技术产业开发区', 'Shijiazhuang Gaoxin Jishu Chanye Kaifaqu'],
    ['河北唐山芦台经济开发区', 'Hebei Tangshan Lutai Jingji Kaifaqu'],
    ['蚌埠市高新技术开发区', 'Bengbu Shi Gaoxin Jishu Kaifaqu'],
    ['益阳市大通湖管理区', 'Yiyang Shi Datonghu Guanliqu'],
    ['郑州航空港经济综合实验区', 'Zhengzhou Hangkonggang Jingji Zonghe Shiyanqu'],
    ['内蒙古阿拉善高新技术产业开发区', 'Nei Mongol Alashan Gaoxin Jishu Chanye Kaifaqu'],
    ['五台山风景名胜区', 'Wutaishan Fengjing Mingshengqu'],
    ['德州天衢新区', 'Dezhou Tianqu Xinqu'],
    ['大柴旦行政委员会', 'Dachaidan Xingzheng Weiyuanhui'],
  ])('writes the zone %s word by word: %s', (name, expected) => {
    expect(romaniseRegionName(name)).toBe(expected);
  });

  it.each([
    ['下花园区', 'Xiahuayuan Qu'],
    ['绿园区', 'Lüyuan Qu'],
    ['清新区', 'Qingxin Qu'],
    ['浦东新区', 'Pudong Xinqu'],
  ])('keeps the district %s a district: %s', (name, expected) => {
    expect(romaniseRegionName(name)).toBe(expected);
  });

  it('writes the full name of a zone from the zone up', () => {
    expect(findRegion('320576')?.name).toBe('苏州工业园区');
    expect(regionFullNameEn('320576')).toBe('Suzhou Gongye Yuanqu, Suzhou Shi, Jiangsu Sheng');
  });
});
