/**
 * Region names for English readers. GB/T 2260 names divisions in Chinese only, and most divisions have no official
 * English name, so the name is romanised in Hanyu Pinyin, the standard for Chinese place names in foreign languages
 * (UNGEGN resolution III/8, 1977; 《中国地名汉语拼音字母拼写规则（汉语地名部分）》, 1984): the specific part
 * written as one word, the generic part (省 Sheng, 市 Shi, 区 Qu, 县 Xian, 自治州 Zizhizhou …) apart, tones
 * dropped, an apostrophe before a syllable starting with a, o or e (西安 Xi'an), a one-syllable specific joined to
 * its generic (单县 Shanxian). Sources and limits: docs/reference/regions-en.md.
 */
import { pinyin } from 'pinyin-pro';
import { findRegion, regionPath } from './regions.ts';

/**
 * Whole names spelt by their own rule or usage: the provinces whose standard spelling differs from plain pinyin
 * (陕西 Shaanxi, the 1976 spellings of minority-language names), the SARs' official names.
 */
const WHOLE_NAMES: Readonly<Record<string, string>> = {
  陕西省: 'Shaanxi Sheng',
  内蒙古自治区: 'Nei Mongol Zizhiqu',
  新疆维吾尔自治区: 'Xinjiang Uygur Zizhiqu',
  西藏自治区: 'Xizang Zizhiqu',
  香港特别行政区: 'Hong Kong SAR',
  澳门特别行政区: 'Macao SAR',
};

/** Characters read otherwise in these names than in everyday words (pinyin-pro reads the everyday sound). */
const SPECIFIC_READINGS: Readonly<Record<string, string>> = {
  乐清: 'yue qing',
  单: 'shan',
  尉氏: 'yu shi',
  洪洞: 'hong tong',
  乐亭: 'lao ting',
  都昌: 'du chang',
  蔚: 'yu',
  东阿: 'dong e',
  铅山: 'yan shan',
  六安: 'lu an',
  蚌埠: 'beng bu',
  番禺: 'pan yu',
};

/** Generic terms, longest first. */
const GENERICS: readonly [string, string][] = [
  ['特别行政区', 'Tebie Xingzhengqu'],
  ['自治区', 'Zizhiqu'],
  ['自治州', 'Zizhizhou'],
  ['自治县', 'Zizhixian'],
  ['自治旗', 'Zizhiqi'],
  ['地区', 'Diqu'],
  ['林区', 'Linqu'],
  ['矿区', 'Kuangqu'],
  ['新区', 'Xinqu'],
  ['省', 'Sheng'],
  ['市', 'Shi'],
  ['区', 'Qu'],
  ['县', 'Xian'],
  ['旗', 'Qi'],
  ['盟', 'Meng'],
];

/** Nationalities named before 自治…, longest first so that 土家 wins over 土. */
const NATIONALITIES = [
  '柯尔克孜',
  '维吾尔',
  '哈萨克',
  '塔吉克',
  '达斡尔',
  '鄂温克',
  '鄂伦春',
  '蒙古',
  '布依',
  '朝鲜',
  '土家',
  '哈尼',
  '傈僳',
  '拉祜',
  '东乡',
  '纳西',
  '景颇',
  '仫佬',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '普米',
  '保安',
  '裕固',
  '独龙',
  '回',
  '藏',
  '苗',
  '彝',
  '壮',
  '满',
  '侗',
  '瑶',
  '白',
  '傣',
  '黎',
  '佤',
  '畲',
  '水',
  '羌',
  '怒',
  '京',
  '土',
];

function syllables(text: string): string[] {
  const reading = SPECIFIC_READINGS[text];
  if (reading) return reading.split(' ');
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) =>
    s.replace(/v/g, 'ü'),
  );
}

/** Syllables written as one word, an apostrophe before a/o/e after the first, the first letter capital. */
function word(parts: string[]): string {
  const joined = parts
    .map((syllable, i) => (i > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable))
    .join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** Splits 湘西土家族苗族 into the place (湘西) and its nationalities (土家族, 苗族). */
function splitNationalities(prefix: string): { place: string; nationalities: string[] } {
  const nationalities: string[] = [];
  let place = prefix;
  for (;;) {
    const found = NATIONALITIES.find(
      (n) => place.endsWith(`${n}族`) || (n.length > 1 && place.endsWith(n) && place.length > n.length),
    );
    if (!found) break;
    const token = place.endsWith(`${found}族`) ? `${found}族` : found;
    nationalities.unshift(token);
    place = place.slice(0, -token.length);
  }
  return { place, nationalities };
}

/** The Hanyu Pinyin form of one division's name, e.g. 浙江省 → 'Zhejiang Sheng', 单县 → 'Shanxian'. */
export function romaniseRegionName(name: string): string {
  const whole = WHOLE_NAMES[name];
  if (whole) return whole;
  const generic = GENERICS.find(([zh]) => name.endsWith(zh) && name.length > zh.length);
  if (!generic) return word(syllables(name));
  const [zh, romanised] = generic;
  const specific = name.slice(0, -zh.length);
  if (zh.startsWith('自治')) {
    const { place, nationalities } = splitNationalities(specific);
    return [place ? word(syllables(place)) : '', ...nationalities.map((n) => word(syllables(n))), romanised]
      .filter(Boolean)
      .join(' ');
  }
  const specificSyllables = syllables(specific);
  // A one-syllable specific is joined to its generic (单县 Shanxian, 城区 Chengqu).
  if (specificSyllables.length === 1) return word([...specificSyllables, romanised.toLowerCase()]);
  return `${word(specificSyllables)} ${romanised}`;
}

const NAMES_EN = new Map<string, string>();
const FULL_NAMES_EN = new Map<string, string>();

/** The romanised name of a GB/T 2260 division; '' for unknown codes. */
export function regionNameEn(code: string): string {
  const cached = NAMES_EN.get(code);
  if (cached !== undefined) return cached;
  const region = findRegion(code);
  const name = region ? romaniseRegionName(region.name) : '';
  NAMES_EN.set(code, name);
  return name;
}

/** Placeholder city names of GB/T 2260, skipped in full names as regionFullName does. */
const PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * The romanised full name, smallest division first as English addresses are written:
 * 320583 → 'Kunshan Shi, Suzhou Shi, Jiangsu Sheng'; '' for unknown codes.
 */
export function regionFullNameEn(code: string): string {
  const cached = FULL_NAMES_EN.get(code);
  if (cached !== undefined) return cached;
  const parts: string[] = [];
  let previous = '';
  for (const region of regionPath(code)) {
    if (region.level === 'city' && PLACEHOLDERS.has(region.name)) continue;
    if (region.name === previous) continue;
    parts.unshift(regionNameEn(region.code));
    previous = region.name;
  }
  const full = parts.join(', ');
  FULL_NAMES_EN.set(code, full);
  return full;
}
