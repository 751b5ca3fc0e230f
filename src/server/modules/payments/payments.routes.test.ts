/** The public overdue-payment calculator over HTTP: answers with the provisions applied; bad input named by field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';

describe('public overdue-payment calculator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  const claim = {
    debtorKind: 'government',
    signedOn: '2025-02-10',
    basis: 'acceptance',
    deliveredOn: '2025-02-28',
    acceptedOn: '2025-03-03',
    amount: 1_000_000,
    asOf: '2025-04-22',
  };

  it('answers the due date, days overdue and interest without an account, citing the provisions', async () => {
    const response = await t.request('POST', '/api/public/payments/assess', { body: claim });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      dueDate: '2025-04-02',
      daysOverdue: 20,
      interestAccrued: 10_000,
      regulation: { documentNumber: '国务院令第728号' },
    });
    expect(body.explanation.some((l: { basis: string | null }) => l.basis?.includes('第十五条'))).toBe(true);
  });

  it('moves a due date on a public holiday to the next working day and says why', async () => {
    // 30 days from 2025-09-03 is 10-03, inside National Day (10-01 … 10-08 off).
    const response = await t.request('POST', '/api/public/payments/assess', {
      body: {
        ...claim,
        signedOn: '2025-08-01',
        acceptedOn: '2025-09-03',
        deliveredOn: '2025-09-01',
        asOf: '2025-10-19',
      },
    });
    expect(response.json()).toMatchObject({
      termLastDay: '2025-10-03',
      dueDate: '2025-10-09',
      dueDateMovedBy: '《中华人民共和国民法典》第二百零三条',
      calendarWarning: null,
      daysOverdue: 10,
      interestAccrued: 5000,
    });
  });

  it('refuses an acceptance before the contract, a future date and an overpayment, naming the field', async () => {
    const before = await t.request('POST', '/api/public/payments/assess', {
      body: { ...claim, acceptedOn: '2025-01-05' },
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().errors.map((e: { field: string }) => e.field)).toContain('acceptedOn');
    const future = await t.request('POST', '/api/public/payments/assess', {
      body: { ...claim, asOf: '2999-01-01' },
    });
    expect(future.json().errors[0].field).toBe('asOf');
    const overpaid = await t.request('POST', '/api/public/payments/assess', {
      body: { ...claim, payments: [{ date: '2025-03-10', amount: 1_500_000 }] },
    });
    expect(overpaid.json().errors[0].field).toBe('payments');
    const negative = await t.request('POST', '/api/public/payments/assess', {
      body: { ...claim, amount: -1 },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe('amount');
  });

  it('publishes the dated data it applies', async () => {
    const rules = (await t.request('GET', '/api/public/payments/rules')).json();
    expect(rules.regulations.map((r: { documentNumber: string }) => r.documentNumber)).toEqual([
      '国务院令第728号',
      '国务院令第802号',
    ]);
    expect(rules.lpr.at(-1)).toMatchObject({ from: '2025-05-20', percent: 3 });
    expect(rules.periodEnd).toMatchObject({
      citation: '《中华人民共和国民法典》第二百零三条',
      effectiveFrom: '2021-01-01',
    });
    expect(rules.holidayCalendar).toEqual({ first: 2004, last: 2026 });
  });
});
