/**
 * The debtor body's answers are offered as the server accepts them (ADR 0016 for the debtor's side): a payer sees
 * in `allowedActions` exactly the answers it may give now, each offered answer succeeds, and one not offered is
 * refused. The accounts are made once; each `it` files and brings to its state a complaint of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anActionOn,
  anArrearsComplaint,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { todayInChina } from '../../../shared/today.ts';

describe('the actions offered to a debtor body', () => {
  let t: TestApp;
  let county: Session;
  let payer: Session;
  let complainant: Session;
  let debtor: { uscc: string; name: string };
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const { db } = t.handle;
    debtor = aPublicBody('320583');
    const firm = await anEnterprise(db, { region: '320583', employees: 12, revenue: 800 });
    const [official, payerUser, firmUser] = await Promise.all([
      anOfficial(db, { region: '320583', department: 'sme' }),
      aPayer(db, debtor),
      anEnterpriseUser(db, firm),
    ]);
    [county, payer, complainant] = await Promise.all([
      signIn(t, official),
      signIn(t, payerUser),
      signIn(t, firmUser),
    ]);
  });
  afterAll(() => t.close());

  /** A complaint against the payer's body, accepted by the county: its id. */
  const anAcceptedComplaint = async (): Promise<number> => {
    const complaint = await anArrearsComplaint(t, complainant, debtor);
    await anActionOn(t, county, complaint, 'accept');
    return complaint.id;
  };
  const claim = async (id: number) =>
    (await t.request('GET', `/api/payer/claims/${id}`, { session: payer })).json();
  const answer = (id: number, body: Record<string, unknown>) =>
    t.request('POST', `/api/payer/claims/${id}/answers`, { session: payer, body });
  /** The payer acknowledges the debt of the complaint; expects success. */
  const acknowledge = async (id: number) => {
    const response = await answer(id, { action: 'acknowledge', version: (await claim(id)).version });
    expect(response.statusCode).toBe(200);
    return response;
  };
  /** The payer pays all that is owed today; expects success. */
  const payInFull = async (id: number) => {
    const before = await claim(id);
    const response = await answer(id, {
      action: 'pay',
      version: before.version,
      amount: before.assessment.totalOutstanding,
      paidOn: todayInChina(),
    });
    expect(response.statusCode).toBe(200);
    return response;
  };

  it('offers every answer on a complaint before it, in the list and on its page alike', async () => {
    const id = await anAcceptedComplaint();
    const detail = await claim(id);
    expect(detail.allowedActions).toEqual(['acknowledge', 'dispute', 'pay']);
    const list = (await t.request('GET', '/api/payer/claims', { session: payer })).json();
    expect(list.items.find((c: { id: number }) => c.id === id).allowedActions).toEqual(detail.allowedActions);
  });

  it('accepts the answer offered, then no longer offers acknowledging an acknowledged debt (and refuses it)', async () => {
    const id = await anAcceptedComplaint();
    const acknowledged = await acknowledge(id);
    expect(acknowledged.json().allowedActions).toEqual(['dispute', 'pay']);
    const again = await answer(id, { action: 'acknowledge', version: acknowledged.json().version });
    expect(again.statusCode).toBe(409);
  });

  it('stops offering a payment once nothing is owed, and refuses one naming the amount', async () => {
    const id = await anAcceptedComplaint();
    await acknowledge(id);
    expect((await claim(id)).allowedActions).toContain('pay');
    const paid = await payInFull(id);
    expect(paid.json().allowedActions).toEqual(['dispute']);
    const more = await answer(id, {
      action: 'pay',
      version: paid.json().version,
      amount: 1,
      paidOn: todayInChina(),
    });
    expect(more.statusCode).toBe(400);
    expect(more.json().errors[0].field).toBe('amount');
  });

  it('offers nothing once the complaint is replied to and paid, and refuses a late dispute (409, never 403)', async () => {
    const id = await anAcceptedComplaint();
    await acknowledge(id);
    await payInFull(id);
    let c = (await t.request('GET', `/api/cases/${id}`, { session: county })).json();
    c = await anActionOn(t, county, c, 'assign', { assigneeId: county.userId });
    await anActionOn(t, county, c, 'reply', { note: '已答复' });
    const detail = await claim(id);
    expect(detail.state).toBe('replied');
    expect(detail.allowedActions).toEqual([]);
    const late = await answer(id, { action: 'dispute', version: detail.version, note: '有异议' });
    expect(late.statusCode).toBe(409);
  });
});
