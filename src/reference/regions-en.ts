/**
 * Region names for English readers. GB/T 2260 names divisions in Chinese only, and most divisions have no official
 * English name, so the name is romanised in Hanyu Pinyin, the standard for Chinese place names in foreign languages
 * (UNGEGN resolution III/8, 1977; 《中国地名汉语拼音字母拼写规则（汉语地名部分）》, 1984): the specific part
 * written as one word, the generic part (省 Sheng, 市 Shi, 区 Qu, 县 Xian, 自治州 Zizhizhou …) apart, tones
 * dropped, an apostrophe before a syllable starting with a, o or e (西安 Xi'an), a one-syllable specific joined to
 * its generic (单县 Shanxian). A character with more than one reading is read as the reviewed list
 * regions-en.readings.ts says, not as pinyin-pro guesses. Sources and limits: docs/reference/regions-en.md.
 */
import { pinyin } from 'pinyin-pro';
import { allRegions, findRegion, isPlaceholderCity, regionPath } from './regions.ts';
import { POLYPHONES } from './regions-en.readings.ts';

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

/** The readings pinyin-pro knows for a character, toneless; more than one makes it a polyphone to review. */
export function readingsOf(char: string): string[] {
  const all = pinyin(char, { toneType: 'none', type: 'array', multiple: true }) as string[];
  return [...new Set(all.map((s) => s.replace(/v/g, 'ü')))];
}

const POLYPHONE_BY_CHAR = new Map(POLYPHONES.map((p) => [p.char, p]));

/** The syllables of a part of a name; each polyphone read as reviewed (the part's exception, else the default). */
function syllables(part: string): string[] {
  const read = pinyin(part, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) =>
    s.replace(/v/g, 'ü'),
  );
  const chars = [...part];
  if (read.length !== chars.length) return read;
  return read.map((syllable, i) => {
    const reviewed = POLYPHONE_BY_CHAR.get(chars[i] ?? '');
    return reviewed ? (reviewed.except?.[part]?.reading ?? reviewed.reading) : syllable;
  });
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

/**
 * Words of the names of development zones, industrial parks and other units that the statistical codes list at
 * county level (苏州工业园区, 石家庄高新技术产业开发区): read from the end of such a name, each written apart, so
 * that 苏州工业园区 is 'Suzhou Gongye Yuanqu', not one run-on word. Longest first.
 */
const ZONE_WORDS: readonly [string, string][] = [
  ['风景名胜区', 'Fengjing Mingshengqu'],
  ['一体化', 'Yitihua'],
  ['委员会', 'Weiyuanhui'],
  ['高技术', 'Gaojishu'],
  ['开发区', 'Kaifaqu'],
  ['管理区', 'Guanliqu'],
  ['示范区', 'Shifanqu'],
  ['实验区', 'Shiyanqu'],
  ['聚集区', 'Jujiqu'],
  ['食品区', 'Shipinqu'],
  ['管委会', 'Guanweihui'],
  ['航空港', 'Hangkonggang'],
  ['园区', 'Yuanqu'],
  ['新城', 'Xincheng'],
  ['新区', 'Xinqu'],
  ['经济', 'Jingji'],
  ['技术', 'Jishu'],
  ['高新', 'Gaoxin'],
  ['产业', 'Chanye'],
  ['工业', 'Gongye'],
  ['综合', 'Zonghe'],
  ['现代', 'Xiandai'],
  ['城乡', 'Chengxiang'],
  ['循环', 'Xunhuan'],
  ['化工', 'Huagong'],
  ['文化', 'Wenhua'],
  ['旅游', 'Lüyou'],
  ['创意', 'Chuangyi'],
  ['物流', 'Wuliu'],
  ['行政', 'Xingzheng'],
  ['改革', 'Gaige'],
  ['转型', 'Zhuanxing'],
  ['临港', 'Lingang'],
  ['汽车', 'Qiche'],
  ['火炬', 'Huoju'],
];

/**
 * How a zone's name ends; such a name is read word by word (ZONE_WORDS). Not 园区 alone: 下花园区, 绿园区 and
 * 梁园区 are districts (区) named 下花园, 绿园, 梁园.
 */
const ZONE_ENDINGS = [
  '开发区',
  '工业园区',
  '产业园区',
  '化工园区',
  '创意园区',
  '管理区',
  '示范区',
  '实验区',
  '聚集区',
  '食品区',
  '名胜区',
  '新区',
  '新城',
  '管委会',
  '委员会',
];

/** Whether a name is a zone's: one of ZONE_ENDINGS after at least two characters (清新区 is 清新 + 区). */
function isZone(name: string): boolean {
  return ZONE_ENDINGS.some((ending) => name.endsWith(ending) && name.length >= ending.length + 2);
}

/** 清新区 is the district (区) of 清新, not a new area (新区) of 清. */
function isNewAreaOf(name: string, generic: string): boolean {
  return generic === '新区' && name.length < 4;
}

/** Reads a part of a name in pinyin; the romaniser's only way to the readings (the tests list the parts). */
type Reader = (part: string) => string[];

/** The Hanyu Pinyin form of one division's name, e.g. 浙江省 → 'Zhejiang Sheng', 单县 → 'Shanxian'. */
export function romaniseRegionName(name: string): string {
  return romanise(name, syllables);
}

/**
 * The parts of a name the romaniser reads in pinyin: the specific part (乐清 of 乐清市), the place and each
 * nationality of an autonomous division, the place names of a zone; none for a name spelt whole (陕西省).
 */
export function pinyinParts(name: string): string[] {
  const parts: string[] = [];
  romanise(name, (part) => {
    parts.push(part);
    return syllables(part);
  });
  return parts;
}

function romanise(name: string, read: Reader): string {
  const whole = WHOLE_NAMES[name];
  if (whole) return whole;
  if (isZone(name)) return romaniseZone(name, read);
  const generic = GENERICS.find(
    ([zh]) => name.endsWith(zh) && name.length > zh.length && !isNewAreaOf(name, zh),
  );
  if (!generic) return word(read(name));
  const [zh, romanised] = generic;
  const specific = name.slice(0, -zh.length);
  if (zh.startsWith('自治')) {
    const { place, nationalities } = splitNationalities(specific);
    return [place ? word(read(place)) : '', ...nationalities.map((n) => word(read(n))), romanised]
      .filter(Boolean)
      .join(' ');
  }
  const specificSyllables = read(specific);
  // A one-syllable specific is joined to its generic (单县 Shanxian, 城区 Chengqu).
  if (specificSyllables.length === 1) return word([...specificSyllables, romanised.toLowerCase()]);
  return `${word(specificSyllables)} ${romanised}`;
}

/**
 * A zone's name: the words of ZONE_WORDS read off its end, then the places before them, each a word of its own
 * where it is the name of a division (河北唐山芦台经济开发区 → 'Hebei Tangshan Lutai Jingji Kaifaqu').
 */
function romaniseZone(name: string, read: Reader): string {
  const tail: string[] = [];
  let rest = name;
  for (;;) {
    const found = ZONE_WORDS.find(([zh]) => rest.endsWith(zh) && rest.length > zh.length);
    if (!found) break;
    tail.unshift(found[1]);
    rest = rest.slice(0, -found[0].length);
  }
  // Places read off the front: known ones with their writer, the rest character by character.
  const segments: { zh: string; write?: PlaceWriter }[] = [];
  while (rest) {
    const known = placeLexicon().find(([zh]) => rest.startsWith(zh));
    const last = segments[segments.length - 1];
    if (known) {
      segments.push({ zh: known[0], write: known[1] });
      rest = rest.slice(known[0].length);
    } else {
      if (last && !last.write) last.zh += rest.charAt(0);
      else segments.push({ zh: rest.charAt(0) });
      rest = rest.slice(1);
    }
  }
  // A lone character left between known places belongs to a neighbour: 大通湖, 五台山, 东营港, 回龙圩.
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (!segment || segment.write || segment.zh.length > 1 || segments.length === 1) continue;
    const previous = segments[i - 1];
    const next = segments[i + 1];
    const host = previous && !(previous.write && isDivisionName(previous.zh)) ? previous : next;
    if (!host) continue;
    host.zh = host === previous ? host.zh + segment.zh : segment.zh + host.zh;
    delete host.write;
    segments.splice(i, 1);
    i -= 1;
  }
  const places = segments.map((segment) => (segment.write ? segment.write(read) : word(read(segment.zh))));
  return [...places, ...tail].join(' ');
}

/** Writes a known place name found in a zone's name. */
type PlaceWriter = (read: Reader) => string;

/** Places named in zones that are not a division's name less its generic: the autonomous regions, the partners. */
const REGION_PLACES: Readonly<Record<string, PlaceWriter>> = {
  内蒙古: () => 'Nei Mongol',
  广西: (read) => word(read('广西')),
  宁夏: (read) => word(read('宁夏')),
  新疆: (read) => word(read('新疆')),
  西藏: (read) => word(read('西藏')),
  中国: () => 'Zhongguo',
  新加坡: () => 'Xinjiapo',
  中新: () => 'Zhongxin',
  苏滁: () => 'Suchu',
};

/** Whether a place found in a zone's name is a division's whole name (蚌埠市), not a specific part. */
function isDivisionName(zh: string): boolean {
  return GENERICS.some(([generic]) => zh.endsWith(generic) && zh.length > generic.length);
}

let lexicon: [string, PlaceWriter][] | undefined;

/**
 * Place names a zone's name may start with, longest first: each division's name with its generic (蚌埠市, written
 * as that division) and without it (蚌埠, written as its specific part).
 */
function placeLexicon(): [string, PlaceWriter][] {
  if (lexicon) return lexicon;
  const entries = new Map<string, PlaceWriter>(Object.entries(REGION_PLACES));
  for (const region of allRegions()) {
    if (isZone(region.name)) continue;
    const generic = GENERICS.find(([zh]) => region.name.endsWith(zh) && region.name.length > zh.length);
    if (!generic || generic[0].startsWith('自治') || generic[0] === '特别行政区') continue;
    const specific = region.name.slice(0, -generic[0].length);
    if (specific.length < 2) continue;
    entries.set(region.name, (read) => romanise(region.name, read));
    if (!entries.has(specific)) entries.set(specific, (read) => word(read(specific)));
  }
  lexicon = [...entries].sort((a, b) => b[0].length - a[0].length);
  return lexicon;
}

const NAMES_EN = new Map<string, string>();
const FULL_NAMES_EN = new Map<string, string>();

/** The romanised name of a GB/T 2260 division; '' for unknown codes. */
export function regionNameEn(code: string): string {
  const cached = NAMES_EN.get(code);
  if (cached !== undefined) return cached;
  const region = findRegion(code);
  const name = !region
    ? ''
    : isPlaceholderCity(region)
      ? (PLACEHOLDERS_EN[region.name] ?? romaniseRegionName(region.name))
      : romaniseRegionName(region.name);
  NAMES_EN.set(code, name);
  return name;
}

/**
 * The placeholder cities (groupings, not places) are described rather than romanised, with the romanised term
 * after: a reader choosing 北京市 → 市辖区 sees "Districts (Shixiaqu)", not a made-up place "Shixia Qu".
 */
const PLACEHOLDERS_EN: Readonly<Record<string, string>> = {
  市辖区: 'Districts (Shixiaqu)',
  县: 'Counties (Xian)',
  省直辖县级行政区划: 'County-level divisions under the province',
  自治区直辖县级行政区划: 'County-level divisions under the autonomous region',
};

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
    if (isPlaceholderCity(region)) continue;
    if (region.name === previous) continue;
    parts.unshift(regionNameEn(region.code));
    previous = region.name;
  }
  const full = parts.join(', ');
  FULL_NAMES_EN.set(code, full);
  return full;
}
