import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { PaymentRules } from '../../api/client.ts';
import {
  bodyOf,
  complaintUrl,
  fieldNameOf,
  formatMoney,
  latestLpr,
  type PaymentValues,
  parseDay,
  queryIsComplete,
  queryOf,
  regulationOn,
  todayInChina,
  valuesFromQuery,
} from './paymentForm.ts';

const county: PaymentValues = {
  debtorKind: 'government',
  signedOn: dayjs('2025-02-10'),
  basis: 'acceptance',
  deliveredOn: dayjs('2025-02-28'),
  acceptedOn: dayjs('2025-03-03'),
  acceptanceDeadline: null,
  settledOn: dayjs('2025-03-10'),
  agreedTermDays: null,
  agreedAnnualRate: null,
  amount: 1_000_000,
  disputed: null,
  payments: [],
  asOf: dayjs('2025-04-22'),
};

describe('bodyOf', () => {
  it('sends the dates of the chosen basis only and leaves empty optional fields out', () => {
    expect(bodyOf(county)).toEqual({
      debtorKind: 'government',
      signedOn: '2025-02-10',
      basis: 'acceptance',
      deliveredOn: '2025-02-28',
      acceptedOn: '2025-03-03',
      amount: 1_000_000,
      asOf: '2025-04-22',
    });
    const settlement = bodyOf({ ...county, basis: 'settlement', agreedTermDays: 0, agreedAnnualRate: 3 });
    expect(settlement).toMatchObject({ settledOn: '2025-03-10', agreedTermDays: 0, agreedAnnualRate: 3 });
    expect(settlement).not.toHaveProperty('acceptedOn');
  });

  it('keeps every payment row, so the server errors point at the rows shown', () => {
    const body = bodyOf({
      ...county,
      disputed: 500,
      payments: [
        { date: dayjs('2025-05-01'), amount: 1000 },
        { date: null, amount: 20 },
      ],
    });
    expect(body.disputed).toBe(500);
    expect(body.payments).toEqual([
      { date: '2025-05-01', amount: 1000 },
      { date: '', amount: 20 },
    ]);
  });
});

describe('the page query', () => {
  it('round-trips a claim with its payments', () => {
    const values: PaymentValues = {
      ...county,
      agreedAnnualRate: 2.5,
      disputed: 100.5,
      payments: [{ date: dayjs('2025-05-01'), amount: 1000.25 }],
    };
    const query = queryOf(values);
    expect(query.get('paid')).toBe('2025-05-01_1000.25');
    expect(query.has('settledOn')).toBe(false);
    expect(queryIsComplete(query)).toBe(true);
    const back = valuesFromQuery(new URLSearchParams(query.toString()), '2026-01-01');
    expect(bodyOf(back)).toEqual(bodyOf(values));
  });

  it('falls back to the defaults on missing or malformed values', () => {
    const values = valuesFromQuery(
      new URLSearchParams('debtorKind=sme&basis=x&signedOn=2025-02-30&amount=abc&asOf=2099-01-01'),
      '2026-01-01',
    );
    expect(values.debtorKind).toBe('government');
    expect(values.basis).toBe('delivery');
    expect(values.signedOn).toBeUndefined();
    expect(values.amount).toBeUndefined();
    expect(values.asOf?.format('YYYY-MM-DD')).toBe('2026-01-01');
    expect(values.payments).toEqual([]);
    expect(queryIsComplete(new URLSearchParams('debtorKind=government&basis=delivery'))).toBe(false);
  });

  it('parses real dates only', () => {
    expect(parseDay('2024-02-29')?.format('YYYY-MM-DD')).toBe('2024-02-29');
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('20250101')).toBeNull();
  });
});

describe('fieldNameOf', () => {
  const values: PaymentValues = { ...county, payments: [{}, {}] };
  it('maps server fields to form items', () => {
    expect(fieldNameOf('acceptedOn', values)).toEqual(['acceptedOn']);
    expect(fieldNameOf('body.amount', values)).toEqual(['amount']);
    expect(fieldNameOf('payments', values)).toEqual(['payments']);
    expect(fieldNameOf('payments.1.date', values)).toEqual(['payments', 1, 'date']);
    expect(fieldNameOf('payments.0.amount', values)).toEqual(['payments', 0, 'amount']);
    expect(fieldNameOf('asOf', values)).toEqual(['asOf']);
  });

  it('leaves what the form does not show to the alert', () => {
    expect(fieldNameOf('payments.2.date', values)).toBeNull();
    expect(fieldNameOf('payments.1.note', values)).toBeNull();
    expect(fieldNameOf('settledOn', values)).toBeNull();
    expect(fieldNameOf('body', values)).toBeNull();
    expect(fieldNameOf('somethingElse', values)).toBeNull();
  });
});

describe('rules and formatting', () => {
  const rules: PaymentRules = {
    regulations: [
      {
        id: '2025',
        name: 'n',
        documentNumber: '国务院令第802号',
        effectiveFrom: '2025-06-01',
        governmentDefaultDays: 30,
        governmentMaxDays: 60,
        largeEnterpriseDefaultDays: 60,
        defaultDailyRate: 0.0005,
      },
      {
        id: '2020',
        name: 'n',
        documentNumber: '国务院令第728号',
        effectiveFrom: '2020-09-01',
        governmentDefaultDays: 30,
        governmentMaxDays: 60,
        largeEnterpriseDefaultDays: null,
        defaultDailyRate: 0.0005,
      },
    ],
    lpr: [
      { from: '2025-05-20', percent: 3 },
      { from: '2024-10-21', percent: 3.1 },
    ],
    lprCheckedOn: '2026-11-25',
    periodEnd: { citation: 'c', effectiveFrom: '2021-01-01', text: { zh: 'z', en: 'e' } },
    holidayCalendar: { first: 2004, last: 2026 },
  };

  it('picks the version in force at signing and the latest LPR', () => {
    expect(regulationOn(rules, '2020-08-31')).toBeNull();
    expect(regulationOn(rules, '2025-05-31')?.documentNumber).toBe('国务院令第728号');
    expect(regulationOn(rules, '2025-06-01')?.documentNumber).toBe('国务院令第802号');
    expect(regulationOn(undefined, '2025-06-01')).toBeNull();
    expect(latestLpr(rules)).toEqual({ from: '2025-05-20', percent: 3 });
  });

  it('formats money with two decimals and today in China', () => {
    expect(formatMoney(12800.5, 'zh-CN')).toBe('12,800.50');
    expect(formatMoney(10000, 'en')).toBe('10,000.00');
    expect(todayInChina(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });
});

describe('the complaint link', () => {
  it('opens the complaint form with the calculator’s claim, without the date of the calculation', () => {
    const query = new URLSearchParams(
      'debtorKind=large_enterprise&signedOn=2025-02-10&basis=delivery&deliveredOn=2025-02-28&amount=1000&paid=2025-05-01_100&asOf=2026-01-05',
    );
    const url = new URL(complaintUrl(query), 'http://x');
    expect(url.pathname).toBe('/app/my-cases');
    expect(url.searchParams.get('new')).toBe('arrears');
    expect(url.searchParams.get('asOf')).toBeNull();
    expect(url.searchParams.get('debtorKind')).toBe('large_enterprise');
    expect(url.searchParams.getAll('paid')).toEqual(['2025-05-01_100']);
  });
});
