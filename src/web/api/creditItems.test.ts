/** The web's list of declarable items is the server's vocabulary without the adverse items. */
import { describe, expect, it } from 'vitest';
import { CREDIT_CATEGORIES } from '../../reference/credit.ts';
import { CREDIT_ITEMS } from '../../server/modules/credit/index.ts';
import { CREDIT_COMMITMENT_ZH } from '../../shared/api/credit.ts';
import { creditRecordsZh } from '../i18n/creditRecords.zh-CN.ts';
import { DECLARABLE_ITEMS } from './credit.ts';

describe('the declarable credit items', () => {
  it('are the server’s items of each category, adverse ones left out', () => {
    const expected = Object.fromEntries(
      CREDIT_CATEGORIES.map((category) => [
        category.code,
        (CREDIT_ITEMS[category.code] ?? [])
          .filter((item) => !item.adverse)
          .map(({ code, nameZh, nameEn, value, unit, values }) => ({
            code,
            nameZh,
            nameEn,
            value,
            ...(unit ? { unit } : {}),
            ...(values ? { values: [...values] } : {}),
          })),
      ]),
    );
    expect(DECLARABLE_ITEMS).toEqual(expected);
  });

  it('shows the credit commitment exactly as the server stores it', () => {
    expect(creditRecordsZh['credit.declare.commitmentText']).toBe(CREDIT_COMMITMENT_ZH);
  });
});
