/** List filters in the URL: reading typed values and patching parameters the same way on every list page. */
import { describe, expect, it } from 'vitest';
import {
  flagParam,
  matching,
  oneOf,
  paramReader,
  patchParams,
  positiveParam,
  textParam,
  trimmedParam,
} from './urlFilters.ts';

describe('patching URL parameters', () => {
  it('sets and removes parameters, keeping the others', () => {
    const next = patchParams(new URLSearchParams('region=320500&type=demand'), {
      region: undefined,
      from: '2026-02',
    });
    expect(next.toString()).toBe('type=demand&from=2026-02');
  });

  it('removes a parameter patched to null or to an empty string', () => {
    const next = patchParams(new URLSearchParams('q=abc&type=demand&year=2026'), { q: '', type: null });
    expect(next.toString()).toBe('year=2026');
  });

  it('goes back to the first page on a filter change', () => {
    const next = patchParams(new URLSearchParams('q=abc&page=3&pageSize=50'), { status: 'published' });
    expect(next.toString()).toBe('q=abc&pageSize=50&status=published');
  });

  it('keeps the page a patch sets, writing numbers as text', () => {
    const next = patchParams(new URLSearchParams('q=abc&page=3'), { page: 4, pageSize: 50 });
    expect(next.toString()).toBe('q=abc&page=4&pageSize=50');
  });

  it('leaves the parameters it was given unchanged', () => {
    const params = new URLSearchParams('q=abc&page=2');
    patchParams(params, { q: 'def' });
    expect(params.toString()).toBe('q=abc&page=2');
  });
});

describe('reading typed filters', () => {
  it('reads each parameter with its parser, absent ones as nothing', () => {
    const read = paramReader({
      q: trimmedParam,
      region: matching(/^\d{6}$/),
      size: (value) => oneOf(['micro', 'small'] as const, value),
      overdue: flagParam,
      page: (value) => positiveParam(value) ?? 1,
    });
    expect(read(new URLSearchParams('q=%20steel%20&region=320500&size=small&overdue=true&page=3'))).toEqual({
      q: 'steel',
      region: '320500',
      size: 'small',
      overdue: true,
      page: 3,
    });
    expect(read(new URLSearchParams(''))).toEqual({
      q: undefined,
      region: undefined,
      size: undefined,
      overdue: undefined,
      page: 1,
    });
  });

  it('reads malformed values as nothing instead of sending them', () => {
    expect(matching(/^\d{6}$/)('3205')).toBeUndefined();
    expect(oneOf(['micro', 'small'] as const, 'huge')).toBeUndefined();
    expect(flagParam('1')).toBeUndefined();
    expect(textParam('')).toBeUndefined();
    expect(trimmedParam('   ')).toBeUndefined();
    for (const value of ['0', '-2', '1.5', 'x', '9007199254740993', ''])
      expect(positiveParam(value), value).toBeUndefined();
  });

  it('caps a whole number at its maximum', () => {
    expect(positiveParam('200', 200)).toBe(200);
    expect(positiveParam('201', 200)).toBeUndefined();
  });
});
