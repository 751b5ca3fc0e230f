/** The extraction that regenerates src/reference/divisions-2023.json from a crawl of the NBS codes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type DivisionsFile,
  type DivisionsSource,
  divisionsFile,
  extractDivisions,
  formatDivisionsFile,
} from './divisions-extract.ts';

/** A source in the package's shape: one province, a placeholder city, a city without counties (listed twice). */
function aSource(): DivisionsSource {
  return {
    provinces: [{ code: '44', name: '广东省' }],
    cities: [
      { code: '4401', name: '广州市', provinceCode: '44' },
      { code: '4419', name: '东莞市', provinceCode: '44' },
    ],
    areas: [
      { code: '440106', name: '天河区', cityCode: '4401', provinceCode: '44' },
      { code: '441900', name: '东莞市', cityCode: '4419', provinceCode: '44' },
    ],
  };
}

describe('extracting the divisions', () => {
  it('widens codes to 6 digits and names each parent, provinces first', () => {
    expect(extractDivisions(aSource()).slice(0, 3)).toEqual([
      ['440000', '广东省', null],
      ['440100', '广州市', '440000'],
      ['441900', '东莞市', '440000'],
    ]);
  });

  it('drops the county row that repeats a city without counties', () => {
    expect(extractDivisions(aSource()).filter(([code]) => code === '441900')).toEqual([
      ['441900', '东莞市', '440000'],
    ]);
  });

  it('refuses a code of the wrong length', () => {
    const source = { ...aSource(), areas: [{ code: '44010', name: '?', cityCode: '4401' }] };
    expect(() => extractDivisions(source)).toThrow('Expected a 6-digit code, got "44010"');
  });

  it('counts the levels into the header', () => {
    const file = divisionsFile({ year: 2023 }, extractDivisions(aSource()));
    expect(file.manifest.counts).toEqual({ province: 1, city: 2, county: 1 });
    expect(file.manifest.columns).toEqual(['code', 'name', 'parent']);
  });

  it('writes one division a line, as JSON that reads back the same', () => {
    const file = divisionsFile({ year: 2023 }, extractDivisions(aSource()));
    const text = formatDivisionsFile(file);
    expect(text).toContain('\n    ["440106", "天河区", "440100"]');
    expect(JSON.parse(text)).toEqual(file);
  });

  it('writes the repository file exactly as it is (the file is this script’s output)', () => {
    const url = new URL('../reference/divisions-2023.json', import.meta.url);
    const text = readFileSync(url, 'utf8');
    const file = JSON.parse(text) as DivisionsFile;
    expect(formatDivisionsFile(divisionsFile(file.manifest, file.divisions))).toBe(text);
  });
});
