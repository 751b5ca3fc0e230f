/**
 * Text helpers shared by the table reader, the column specs and row validation: full-width → half-width,
 * header-name and unit normalisation, column letters. These run per cell: no allocation when nothing changes.
 */

/** Full-width ASCII and the ideographic space (compiled once). */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/**
 * Full-width ASCII (U+FF01–U+FF5E, e.g. `１２３`, `（`, `：`) → ASCII, ideographic space (U+3000) → space.
 * Returns the input itself when there is nothing to change (the common case).
 */
export function toHalfWidth(s: string): string {
  const i = s.search(FULL_WIDTH);
  if (i < 0) return s;
  const n = s.length;
  let out = s.slice(0, i);
  let c: number;
  for (let k = i; k < n; k++) {
    c = s.charCodeAt(k);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s.charAt(k);
  }
  return out;
}

/** Opening bracket → its closing bracket (after half-width folding). */
const BRACKETS: Readonly<Record<string, string>> = {
  '(': ')',
  '[': ']',
  '{': '}',
  '【': '】',
  '〔': '〕',
  '《': '》',
  '〈': '〉',
  '<': '>',
};

/** Characters dropped from header names: whitespace, separators and "required" markers. */
const DROPPED = new Set([
  ' ',
  '\t',
  '\n',
  '\r',
  '\u00a0',
  '\ufeff',
  '_',
  '-',
  '*',
  ':',
  '.',
  '·',
  '・',
  '"',
  "'",
]);

/** A header cell split into its name (normalised) and the text of its bracketed parts (e.g. units). */
export interface NormalisedHeader {
  /** Lower-case, half-width, without whitespace, `_`, `-`, `*`, `:` and bracketed parts. */
  name: string;
  /** Bracketed parts, normalised with `normaliseUnit` ('营业收入（万元）' → ['万元']). */
  brackets: string[];
}

/**
 * Normalise a header cell or an alias: case-, width- and whitespace-insensitive, bracketed parts split off
 * ('营业收入（万元）' → name '营业收入', brackets ['万元']; 'Operating revenue (10,000 CNY)' → 'operatingrevenue').
 */
export function normaliseHeader(raw: string): NormalisedHeader {
  const s = toHalfWidth(raw).toLowerCase();
  let name = '';
  const brackets: string[] = [];
  let close: string | undefined;
  let depth = 0;
  let inner = '';
  for (const ch of s) {
    if (depth > 0) {
      if (ch === close) {
        depth--;
        if (depth === 0) {
          brackets.push(normaliseUnit(inner));
          inner = '';
          continue;
        }
      } else if (BRACKETS[ch] === close) depth++;
      inner += ch;
      continue;
    }
    const closing = BRACKETS[ch];
    if (closing !== undefined) {
      close = closing;
      depth = 1;
      continue;
    }
    if (!DROPPED.has(ch)) name += ch;
  }
  // An unclosed bracket: keep its text as part of the name rather than losing it.
  if (depth > 0) for (const ch of inner) if (!DROPPED.has(ch)) name += ch;
  return { name, brackets };
}

/** Words around a unit that carry no meaning ('单位：万元', 'in 10,000 CNY', 'unit: persons'). */
const UNIT_NOISE = ['单位', 'units', 'unit', '人民币'];

/**
 * Normalise the text of a unit: half-width, lower case, without whitespace, commas, colons and the words
 * 单位 / unit / 人民币 / a leading 'in' ('单位：万元' → '万元', 'in 10,000 CNY' → '10000cny').
 */
export function normaliseUnit(raw: string): string {
  let s = '';
  for (const ch of toHalfWidth(raw).toLowerCase()) {
    if (ch === ' ' || ch === ',' || ch === ':' || ch === '、' || ch === '\u00a0' || ch === '\t') continue;
    s += ch;
  }
  for (const noise of UNIT_NOISE) s = s.split(noise).join('');
  // 'in 10,000 CNY' → '10000cny'
  if (s.startsWith('in') && s.length > 2 && !isLetter(s.charCodeAt(2))) s = s.slice(2);
  return s;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Spreadsheet column letters of a 0-based column index (0 → 'A', 26 → 'AA'). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 1-based column number of spreadsheet letters ('A' → 1, 'AA' → 27); 0 for anything else. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n;
}
