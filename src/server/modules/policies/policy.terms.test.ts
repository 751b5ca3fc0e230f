import { describe, expect, it } from 'vitest';
import { documentTerms, hasSearchableWords, queryTerms } from './policy.terms.ts';

describe('policy search terms', () => {
  const doc = documentTerms(['小型微利企业所得税优惠', '财税〔2023〕12号', 'VAT relief']);

  it('finds a document by any Chinese substring of two characters or more, and by words', () => {
    for (const query of ['小型微利', '所得税', '微利企业', '2023', '财税', 'vat', 'ＶＡＴ', '税']) {
      const terms = queryTerms(query);
      expect(terms.length, query).toBeGreaterThan(0);
      expect(
        terms.every((t) => doc.includes(t)),
        query,
      ).toBe(true);
    }
  });

  it('does not find a document lacking a query bigram', () => {
    for (const query of ['微小企业', '增值税', '2024']) {
      expect(
        queryTerms(query).every((t) => doc.includes(t)),
        query,
      ).toBe(false);
    }
  });

  it('ignores punctuation and spaces in queries', () => {
    expect(queryTerms('  小微，企业 ')).toEqual(['小微', '企业']);
    expect(queryTerms('，。')).toEqual([]);
  });

  it('tells a query with words from one of only punctuation, symbols or emoji', () => {
    for (const query of ['，。', '!!!', '-', '%_', '😀🎉', '《》', '\u200d', '   '])
      expect(hasSearchableWords(query), query).toBe(false);
    for (const query of ['税', 'VAT!', '《2023》', '😀小微'])
      expect(hasSearchableWords(query), query).toBe(true);
  });
});
