/**
 * Chinese full-text search of the policy library that behaves the same on PGlite and PostgreSQL: no text-search
 * configuration, no locale. Han text is cut into single characters and bigrams, Latin letters and digits into
 * words; a policy stores the set of its terms (GIN-indexed) and a query matches the policies holding all of its
 * terms (bigrams when the query has two Han characters or more, so "小微" finds 小微企业 but not 微小). Recall is
 * complete by construction (every substring of two characters is indexed); precision is restored by ranking
 * title hits first.
 */

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const WORD = /[a-z0-9]/;

/** Lower case, full-width ASCII to half-width. */
function normalise(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += (code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ch).toLowerCase();
  }
  return out;
}

/** Runs of Han characters and runs of Latin letters/digits, in order. */
function segments(text: string): { han: boolean; text: string }[] {
  const out: { han: boolean; text: string }[] = [];
  let current = '';
  let han = false;
  const flush = () => {
    if (current) out.push({ han, text: current });
    current = '';
  };
  for (const ch of normalise(text)) {
    if (HAN.test(ch)) {
      if (!han) flush();
      han = true;
      current += ch;
    } else if (WORD.test(ch)) {
      if (han) flush();
      han = false;
      current += ch;
    } else flush();
  }
  flush();
  return out;
}

/** The terms stored for a policy's texts: every Han character and bigram, every word. */
export function documentTerms(texts: readonly (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const segment of segments(text)) {
      if (!segment.han) {
        terms.add(segment.text);
        continue;
      }
      const chars = [...segment.text];
      for (let i = 0; i < chars.length; i++) {
        terms.add(chars[i] as string);
        if (i + 1 < chars.length) terms.add(`${chars[i]}${chars[i + 1]}`);
      }
    }
  }
  return [...terms];
}

/** The terms a query must all find: bigrams of its Han runs (a lone character as itself), and its words. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const segment of segments(query)) {
    if (!segment.han) {
      terms.add(segment.text);
      continue;
    }
    const chars = [...segment.text];
    if (chars.length === 1) terms.add(chars[0] as string);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...terms];
}

/**
 * Does a query have anything to search for (a Han character, a Latin letter or a digit)? A query made only of
 * punctuation, symbols or emoji has no terms; it must find nothing rather than be dropped as "no query".
 */
export function hasSearchableWords(query: string): boolean {
  return queryTerms(query).length > 0;
}
