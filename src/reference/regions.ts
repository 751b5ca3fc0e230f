/**
 * GB/T 2260《中华人民共和国行政区划代码》— administrative divisions at province, city
 * (prefecture) and county level, loaded once from divisions-2023.json: the National Bureau of
 * Statistics' 2023 statistical division codes, status of 2023-06-30 (source, counts and what is
 * left out: docs/reference/divisions.md).
 *
 * Every code is held in the 6-digit GB/T 2260 form: province '44' → '440000',
 * city '4401' → '440100', county '440106' unchanged.
 */
import divisionsFile from './divisions-2023.json' with { type: 'json' };

/** Level of a GB/T 2260 division: 省级 province, 地级 city (prefecture), 县级 county. */
export type RegionLevel = 'province' | 'city' | 'county';

/** One GB/T 2260 administrative division with its 6-digit code. */
export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly parentCode: string | null;
}

/** The data file's header: where the divisions come from and as of when (docs/reference/divisions.md). */
export interface DivisionsManifest {
  readonly year: number;
  readonly source: {
    readonly publisher: string;
    readonly title: string;
    readonly cutOff: string;
    readonly published: string;
    readonly url: string;
  };
  readonly counts: Readonly<Record<RegionLevel, number>>;
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

/** True for a placeholder city (a grouping such as 市辖区, not a real city): skipped in full names. */
export function isPlaceholderCity(region: Pick<Region, 'level' | 'name'>): boolean {
  return region.level === 'city' && PLACEHOLDER_CITY_NAMES.has(region.name);
}

const SIX_DIGITS = /^\d{6}$/;

const MANIFEST = divisionsFile.manifest as unknown as DivisionsManifest;
const ROWS = divisionsFile.divisions as unknown as readonly (readonly [string, string, string | null])[];

const REGIONS: readonly Region[] = buildRegions();
const BY_CODE: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [r.code, r]));
const CHILDREN: ReadonlyMap<string | null, readonly Region[]> = buildChildren();
const FULL_NAMES = new Map<string, string>();

/** Rows of the data file, in its order (provinces, cities, counties); the level follows from the code's shape. */
function buildRegions(): Region[] {
  return ROWS.map(([code, name, parentCode]) => {
    const level: RegionLevel = code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county';
    return Object.freeze({ code, name, level, parentCode });
  });
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

/** Source, year and counts of the divisions held (the data file's header). */
export function divisionsManifest(): DivisionsManifest {
  return MANIFEST;
}

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
    if (isPlaceholderCity(r)) continue;
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
