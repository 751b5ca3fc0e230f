/** The web client's pure helpers. */
import { describe, expect, it } from 'vitest';
import { buildUrl, downloadUrl, fileNameOf } from './client.ts';

describe('web client helpers', () => {
  it.each([
    ['attachment; filename="enterprises-20261126.csv"', 'enterprises-20261126.csv'],
    [
      'attachment; filename="x.xlsx"; filename*=UTF-8\'\'%E4%BC%81%E4%B8%9A%E5%90%8D%E5%BD%95.xlsx',
      '企业名录.xlsx',
    ],
    ['attachment; filename=plain.csv', 'plain.csv'],
    ["attachment; filename*=UTF-8''%E0%A4%A", 'fallback.csv'],
    [null, 'fallback.csv'],
  ])('names a download from %j', (header, expected) => {
    expect(fileNameOf(header, 'fallback.csv')).toBe(expected);
  });

  it('leaves empty values out of a query string', () => {
    expect(buildUrl('/api/x', { a: 1, b: '', c: null, d: undefined, e: 'z y' })).toBe('/api/x?a=1&e=z+y');
  });

  it("builds a download's address from its route: parameters filled, empty query values left out", () => {
    expect(
      downloadUrl('/api/policies/:id/benefits/export', {
        params: { id: 7 },
        query: { format: 'xlsx', lang: 'en', status: undefined },
      }),
    ).toBe('/api/policies/7/benefits/export?format=xlsx&lang=en');
    expect(downloadUrl('/api/registry/imports/:id/errors/export', { params: { id: 3 } })).toBe(
      '/api/registry/imports/3/errors/export',
    );
  });

  it("refuses, at compile time, a download's query its route does not take", () => {
    const url = downloadUrl('/api/registry/imports/:id/enterprises/export', {
      params: { id: 1 },
      // @ts-expect-error: the import's enterprises export takes a format, not a language
      query: { format: 'csv', lang: 'en' },
    });
    expect(url).toBe('/api/registry/imports/1/enterprises/export?format=csv&lang=en');
  });
});
