/** The web client's pure helpers. */
import { describe, expect, it } from 'vitest';
import { buildUrl, fileNameOf } from './client.ts';

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
});
