/** The award form's supplier name filled from the registry: only an empty field, or one a look-up filled. */
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../../reference/uscc.ts';
import { supplierCodeOf, supplierNameToFill } from './supplierPrefill.ts';

describe('the supplier name from the registry', () => {
  it('fills an empty name with the registry’s', () => {
    expect(supplierNameToFill(undefined, null, '昆山小型制造有限公司')).toBe('昆山小型制造有限公司');
    expect(supplierNameToFill('  ', null, '昆山小型制造有限公司')).toBe('昆山小型制造有限公司');
  });

  it('keeps a name the buyer typed', () => {
    expect(supplierNameToFill('我自己写的名称', null, '昆山小型制造有限公司')).toBeNull();
    expect(supplierNameToFill('我自己写的名称', '另一家公司', '昆山小型制造有限公司')).toBeNull();
  });

  it('replaces a name an earlier look-up filled when another code is typed', () => {
    expect(supplierNameToFill('另一家公司', '另一家公司', '昆山小型制造有限公司')).toBe(
      '昆山小型制造有限公司',
    );
  });

  it('looks up only a whole valid code, typed in any case', () => {
    const code = makeUscc('91320583MA0ABC000');
    expect(supplierCodeOf(` ${code.toLowerCase()} `)).toBe(code);
    expect(supplierCodeOf(code.slice(0, 17))).toBeNull();
    expect(supplierCodeOf(`${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`)).toBeNull();
  });
});
