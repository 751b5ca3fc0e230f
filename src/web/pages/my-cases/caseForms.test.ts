import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  arrearsBodyOf,
  arrearsFieldNameOf,
  claimOf,
  claimValuesOf,
  enterpriseActions,
  usccProblem,
} from './caseForms.ts';

describe('arrears form', () => {
  const values = {
    debtorUscc: ' 91320583mA1XXXXXXX ',
    debtorName: ' 某县某局 ',
    contractNumber: ' HT-2025-001 ',
    description: '验收后至今未付款。',
    claim: {
      debtorKind: 'government' as const,
      signedOn: dayjs('2025-02-10'),
      basis: 'acceptance' as const,
      deliveredOn: dayjs('2025-02-28'),
      acceptedOn: dayjs('2025-03-03'),
      settledOn: dayjs('2025-03-05'),
      amount: 1_000_000,
      payments: [{ date: dayjs('2025-05-01'), amount: 1000 }],
      asOf: dayjs('2025-06-01'),
    },
  };

  it('builds the body: trimmed, the code upper-cased, the claim without asOf or unused dates', () => {
    const body = arrearsBodyOf(values);
    expect(body).toEqual({
      debtorUscc: '91320583MA1XXXXXXX',
      debtorName: '某县某局',
      contractNumber: 'HT-2025-001',
      description: '验收后至今未付款。',
      claim: {
        debtorKind: 'government',
        signedOn: '2025-02-10',
        basis: 'acceptance',
        deliveredOn: '2025-02-28',
        acceptedOn: '2025-03-03',
        amount: 1_000_000,
        payments: [{ date: '2025-05-01', amount: 1000 }],
      },
    });
  });

  it('puts server errors on their fields', () => {
    expect(arrearsFieldNameOf('debtorUscc', values)).toEqual(['debtorUscc']);
    expect(arrearsFieldNameOf('body.contractNumber', values)).toEqual(['contractNumber']);
    expect(arrearsFieldNameOf('claim.acceptedOn', values)).toEqual(['claim', 'acceptedOn']);
    expect(arrearsFieldNameOf('claim.payments.0.date', values)).toEqual(['claim', 'payments', 0, 'date']);
    expect(arrearsFieldNameOf('claim.payments', values)).toEqual(['claim', 'payments']);
    expect(arrearsFieldNameOf('claim.settledOn', values)).toBeNull();
    expect(arrearsFieldNameOf('claim.payments.3.date', values)).toBeNull();
    expect(arrearsFieldNameOf('other', values)).toBeNull();
  });

  it('checks the shape of a credit code', () => {
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(usccProblem('91350100m000100y43')).toBeNull();
    expect(usccProblem('9135010')).toBe('length');
    expect(usccProblem('91350100M000100Y4I')).toBe('charset');
    expect(usccProblem('91350100M000100Y44')).toBe('check');
  });
});

describe('enterprise actions', () => {
  it('are those the server offers, in order, without officials’ ones', () => {
    expect(enterpriseActions({ allowedActions: ['comment', 'amend_claim'] })).toEqual([
      'amend_claim',
      'comment',
    ]);
    expect(enterpriseActions({ allowedActions: ['comment', 'provide_info'] })).toEqual([
      'provide_info',
      'comment',
    ]);
    expect(enterpriseActions({ allowedActions: ['accept', 'supervise'] })).toEqual([]);
    expect(enterpriseActions({ allowedActions: [] })).toEqual([]);
  });
});

describe('amending a claim', () => {
  it('fills the form with the stored claim and gives it back unchanged', () => {
    const stored = {
      debtorKind: 'government' as const,
      signedOn: '2025-02-10',
      basis: 'acceptance' as const,
      deliveredOn: '2025-02-28',
      acceptedOn: '2025-03-03',
      amount: 186_000,
      payments: [{ date: '2025-05-20', amount: 50_000 }],
    };
    const values = claimValuesOf(stored);
    expect(values.signedOn?.format('YYYY-MM-DD')).toBe('2025-02-10');
    expect(claimOf({ claim: values })).toEqual(stored);
  });
});
