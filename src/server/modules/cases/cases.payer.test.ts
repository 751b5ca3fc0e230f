/**
 * The debtor body's answers are offered as the server accepts them (ADR 0016 for the debtor's side): a payer sees
 * in `allowedActions` exactly the answers it may give now, each offered answer succeeds, and one not offered is
 * refused.
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
  let id: number;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const { db } = t.handle;
    const debtor = aPublicBody('320583');
    const firm = await anEnterprise(db, { region: '320583', employees: 12, revenue: 800 });
    const [official, payerUser, firmUser] = await Promise.all([
      anOfficial(db, { region: '320583', department: 'sme' }),
      aPayer(db, debtor),
      anEnterpriseUser(db, firm),
    ]);
    [county, payer] = await Promise.all([signIn(t, official), signIn(t, payerUser)]);
    const complaint = await anArrearsComplaint(t, await signIn(t, firmUser), debtor);
    id = complaint.id;
    await anActionOn(t, county, complaint, 'accept');
  });
  afterAll(() => t.close());

  const claim = async () => (await t.request('GET', `/api/payer/claims/${id}`, { session: payer })).json();
  const answer = (body: Record<string, unknown>) =>
    t.request('POST', `/api/payer/claims/${id}/answers`, { session: payer, body });

  it('offers every answer on a complaint before it, in the list and on its page alike', async () => {
    const detail = await claim();
    expect(detail.allowedActions).toEqual(['acknowledge', 'dispute', 'pay']);
    const list = (await t.request('GET', '/api/payer/claims', { session: payer })).json();
    expect(list.items.find((c: { id: number }) => c.id === id).allowedActions).toEqual(detail.allowedActions);
  });

  it('accepts the answer offered, then no longer offers acknowledging an acknowledged debt (and refuses it)', async () => {
    const before = await claim();
    const acknowledged = await answer({ action: 'acknowledge', version: before.version });
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json().allowedActions).toEqual(['dispute', 'pay']);
    const again = await answer({ action: 'acknowledge', version: acknowledged.json().version });
    expect(again.statusCode).toBe(409);
  });

  it('stops offering a payment once nothing is owed, and refuses one naming the amount', async () => {
    const before = await claim();
    const owed = before.assessment.totalOutstanding as number;
    expect(before.allowedActions).toContain('pay');
    const paid = await answer({
      action: 'pay',
      version: before.version,
      amount: owed,
      paidOn: todayInChina(),
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().allowedActions).toEqual(['dispute']);
    const more = await answer({
      action: 'pay',
      version: paid.json().version,
      amount: 1,
      paidOn: todayInChina(),
    });
    expect(more.statusCode).toBe(400);
    expect(more.json().errors[0].field).toBe('amount');
  });

  it('offers nothing once the complaint is replied to and paid, and refuses a late dispute (409, never 403)', async () => {
    let c = (await t.request('GET', `/api/cases/${id}`, { session: county })).json();
    const act = async (body: Record<string, unknown>) => {
      const response = await t.request('POST', `/api/cases/${id}/actions`, { session: county, body });
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    c = await act({ action: 'assign', version: c.version, assigneeId: county.userId });
    c = await act({ action: 'reply', version: c.version, note: '已答复' });
    const detail = await claim();
    expect(detail.state).toBe('replied');
    expect(detail.allowedActions).toEqual([]);
    const late = await answer({ action: 'dispute', version: detail.version, note: '有异议' });
    expect(late.statusCode).toBe(409);
  });
});
