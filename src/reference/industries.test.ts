import { describe, expect, it } from 'vitest';
import {
  allIndustries,
  findIndustry,
  industryChildren,
  industrySection,
  isIndustryCode,
  normaliseIndustryCode,
} from './industries.ts';

/** GB/T 4754-2017 division ranges per section. */
const RANGES: ReadonlyArray<readonly [string, number, number]> = [
  ['A', 1, 5],
  ['B', 6, 12],
  ['C', 13, 43],
  ['D', 44, 46],
  ['E', 47, 50],
  ['F', 51, 52],
  ['G', 53, 60],
  ['H', 61, 62],
  ['I', 63, 65],
  ['J', 66, 69],
  ['K', 70, 70],
  ['L', 71, 72],
  ['M', 73, 75],
  ['N', 76, 79],
  ['O', 80, 82],
  ['P', 83, 83],
  ['Q', 84, 85],
  ['R', 86, 90],
  ['S', 91, 96],
  ['T', 97, 97],
];

describe('GB/T 4754-2017 table', () => {
  const all = allIndustries();
  const sections = all.filter((i) => i.level === 'section');
  const divisions = all.filter((i) => i.level === 'division');

  it('has 20 sections A–T and 97 divisions 01–97', () => {
    expect(sections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(divisions).toHaveLength(97);
    expect(divisions.map((d) => Number(d.code.slice(1)))).toEqual(
      Array.from({ length: 97 }, (_, i) => i + 1),
    );
  });

  it.each(RANGES)('section %s holds divisions %i–%i', (letter, from, to) => {
    const codes = divisions.filter((d) => d.section === letter).map((d) => Number(d.code.slice(1)));
    expect(codes).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
    for (const d of industryChildren(letter)) {
      expect(d.parentCode).toBe(letter);
      expect(d.code.charAt(0)).toBe(letter);
    }
  });

  it('has unique codes, names in both languages, and existing parents', () => {
    expect(new Set(all.map((i) => i.code)).size).toBe(all.length);
    for (const i of all) {
      expect(i.nameZh.length, i.code).toBeGreaterThan(0);
      expect(i.nameEn, i.code).toMatch(/^[A-Z]/);
      expect(i.code.charAt(0)).toBe(i.section);
      const shape = {
        section: /^[A-T]$/,
        division: /^[A-T]\d{2}$/,
        group: /^[A-T]\d{3}$/,
        class: /^[A-T]\d{4}$/,
      };
      expect(i.code).toMatch(shape[i.level]);
      if (i.level !== 'section') {
        const parent = findIndustry(i.parentCode ?? '');
        expect(parent, i.code).toBeDefined();
        expect(i.code.startsWith(parent?.code ?? '?')).toBe(true);
      }
      expect(isIndustryCode(i.code)).toBe(true);
    }
  });

  it.each([
    ['C', 'section', '制造业', null],
    ['C13', 'division', '农副食品加工业', 'C'],
    ['I65', 'division', '软件和信息技术服务业', 'I'],
    ['Q85', 'division', '社会工作', 'Q'],
    ['G591', 'group', '装卸搬运', 'G59'],
    ['G592', 'group', '通用仓储', 'G59'],
    ['G599', 'group', '其他仓储业', 'G59'],
    ['K701', 'group', '房地产开发经营', 'K70'],
    ['K7010', 'class', '房地产开发经营', 'K701'],
    ['K702', 'group', '物业管理', 'K70'],
    ['K703', 'group', '房地产中介服务', 'K70'],
    ['K704', 'group', '房地产租赁经营', 'K70'],
    ['K709', 'group', '其他房地产业', 'K70'],
  ])('findIndustry(%s)', (code, level, nameZh, parentCode) => {
    expect(findIndustry(code)).toMatchObject({ code, level, nameZh, parentCode });
  });

  it('holds the G59 storage groups the SME standard needs', () => {
    expect(
      industryChildren('G59')
        .map((i) => i.code)
        .sort(),
    ).toEqual(['G591', 'G592', 'G593', 'G594', 'G595', 'G596', 'G599']);
  });
});

describe('normaliseIndustryCode', () => {
  it.each([
    ['C13', 'C13'],
    ['c13', 'C13'],
    ['13', 'C13'],
    [' 13 ', 'C13'],
    ['C', 'C'],
    ['t', 'T'],
    ['01', 'A01'],
    ['97', 'T97'],
    ['C1311', 'C1311'],
    ['1311', 'C1311'],
    ['591', 'G591'],
    ['G591', 'G591'],
    ['g591', 'G591'],
    ['7010', 'K7010'],
    ['K7010', 'K7010'],
    ['C131', 'C131'],
    // unknown division / mismatched letter / garbage
    ['00', null],
    ['98', null],
    ['C98', null],
    ['A13', null],
    ['G13', null],
    ['U', null],
    ['Z01', null],
    ['C1', null],
    ['1', null],
    ['C13111', null],
    ['1301', null],
    ['C13-1', null],
    ['', null],
    ['manufacturing', null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseIndustryCode(input)).toBe(expected);
  });
});

describe('industrySection / isIndustryCode', () => {
  it.each([
    ['C13', 'C'],
    ['13', 'C'],
    ['591', 'G'],
    ['K7010', 'K'],
    ['Q', 'Q'],
    ['98', undefined],
  ])('industrySection(%j) → %j', (input, section) => {
    expect(industrySection(input)?.code).toBe(section);
  });

  it.each([
    ['C13', true],
    ['C1311', true],
    ['G591', true],
    ['c13', false],
    ['13', false],
    ['A13', false],
    ['C98', false],
  ])('isIndustryCode(%j) → %s', (input, expected) => {
    expect(isIndustryCode(input)).toBe(expected);
  });
});
