/** The web's list of declarable items is the sharing list's vocabulary without the adverse items. */
import { describe, expect, it } from 'vitest';
import { CREDIT_CATEGORIES, CREDIT_ITEMS } from '../../reference/credit.ts';
import { CREDIT_COMMITMENT_ZH } from '../../shared/api/credit.ts';
import { creditRecordsZh } from '../i18n/creditRecords.zh-CN.ts';
import { DECLARABLE_ITEMS, itemOf } from './credit.ts';

describe('the declarable credit items', () => {
  it('are every category’s items, adverse ones left out', () => {
    for (const category of CREDIT_CATEGORIES) {
      const all = CREDIT_ITEMS[category.code] ?? [];
      expect(DECLARABLE_ITEMS[category.code]).toEqual(all.filter((item) => !item.adverse));
    }
    expect(DECLARABLE_ITEMS.penalty).toEqual([]);
    expect(DECLARABLE_ITEMS.tax?.map((i) => i.code)).toContain('tax_paid');
  });

  it('names adverse items too, for display', () => {
    expect(itemOf('penalty', 'penalty')?.nameZh).toBe('行政处罚');
    expect(itemOf('penalty', 'nothing')).toBeUndefined();
  });

  it('shows the credit commitment exactly as the server stores it', () => {
    expect(creditRecordsZh['credit.declare.commitmentText']).toBe(CREDIT_COMMITMENT_ZH);
  });
});
