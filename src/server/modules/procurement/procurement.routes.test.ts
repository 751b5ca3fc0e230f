/**
 * The public procurement calculators over HTTP (issue 17; docs/reference/procurement.md §7): the worked cases hold
 * through the API, and bad input is refused naming its field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';

describe('public procurement calculators', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  const evaluate = (body: unknown) => t.request('POST', '/api/public/procurement/evaluate', { body });
  const requirement = (body: unknown) => t.request('POST', '/api/public/procurement/requirement', { body });
  const fields = (response: { json: () => unknown }) =>
    ((response.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const twoBids = (announcementDate: string, smallMicroDeduction: string) => ({
    kind: 'goods',
    announcementDate,
    smallMicroDeduction,
    bids: [
      { id: 'A', price: '1000000', declaredSize: 'small', role: 'single' },
      { id: 'B', price: '900000', declaredSize: 'medium', role: 'single' },
    ],
  });

  it('§7.1: the small bidder’s 1,000,000 at 15% off ranks above the medium bidder’s 900,000', async () => {
    const response = await evaluate(twoBids('2023-05-10', '15'));
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.rulesId).toBe('2023-01');
    expect(body.ranking).toEqual(['A', 'B']);
    expect(
      body.bids.map((b: { evaluatedPrice: string; rank: number }) => [b.evaluatedPrice, b.rank]),
    ).toEqual([
      ['850000', 1],
      ['900000', 2],
    ]);
    expect(body.bids[0].provision.zh).toContain('财库〔2022〕19号');
  });

  it('§7.2: the day before 2022-07-01 the range is 6%–10%: 15% is refused on its field, 10% ties', async () => {
    const refused = await evaluate(twoBids('2022-06-30', '15'));
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual(['smallMicroDeduction']);
    const tie = (await evaluate(twoBids('2022-06-30', '10'))).json();
    expect(tie.bids.map((b: { rank: number }) => b.rank)).toEqual([1, 1]);
  });

  it('ranks bids of one evaluated price alike, the next one after all of them (1, 1, 1, 4), in the order given', async () => {
    const response = await evaluate({
      kind: 'goods',
      announcementDate: '2023-05-10',
      smallMicroDeduction: '10',
      bids: [
        { id: '甲', price: '1000000', declaredSize: 'small', role: 'single' },
        { id: '乙', price: '900000', declaredSize: 'large', role: 'single' },
        { id: '丁', price: '950000', declaredSize: 'medium', role: 'single' },
        { id: '丙', price: '1000000', declaredSize: 'micro', role: 'single' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.bids.map((b: { id: string; rank: number }) => [b.id, b.rank])).toEqual([
      ['甲', 1],
      ['乙', 1],
      ['丁', 4],
      ['丙', 1],
    ]);
    expect(body.ranking).toEqual(['甲', '乙', '丙', '丁']);
  });

  it('§7.3: a consortium share above 100% and a date before the rules are refused, naming the field', async () => {
    const share = await evaluate({
      kind: 'services',
      announcementDate: '2023-03-01',
      smallMicroDeduction: '10',
      consortiumDeduction: '5',
      bids: [
        { id: 'C', price: '1000000', declaredSize: 'medium', role: 'consortium', smallMicroShare: '100.01' },
      ],
    });
    expect(fields(share)).toEqual(['bids[0].smallMicroShare']);
    const early = await evaluate(twoBids('2020-12-31', '8'));
    expect(fields(early)).toEqual(['announcementDate']);
    const consortium = (
      await evaluate({
        kind: 'services',
        announcementDate: '2023-03-01',
        smallMicroDeduction: '10',
        consortiumDeduction: '5',
        bids: [
          { id: 'C', price: '1000000', declaredSize: 'medium', role: 'consortium', smallMicroShare: '30' },
        ],
      })
    ).json();
    expect(consortium.bids[0]).toMatchObject({ preference: 'consortium', evaluatedPrice: '950000' });
  });

  it('§7.6: a project’s requirement under the rules of its date; bad input named', async () => {
    const whole = (
      await requirement({
        kind: 'goods',
        budget: '2000000',
        announcementDate: '2023-04-01',
        suitedToSmes: true,
      })
    ).json();
    expect(whole.mode).toBe('whole');
    const share = (
      await requirement({
        kind: 'goods',
        budget: '5000000',
        announcementDate: '2023-04-01',
        suitedToSmes: true,
      })
    ).json();
    expect(share).toMatchObject({
      mode: 'share',
      reservedAmountMin: '1500000',
      smallMicroAmountMin: '900000',
    });
    const noReason = await requirement({
      kind: 'services',
      budget: '8000000',
      announcementDate: '2023-04-01',
      suitedToSmes: false,
    });
    expect(fields(noReason)).toEqual(['exemption']);
    const zero = await requirement({
      kind: 'goods',
      budget: '0',
      announcementDate: '2023-04-01',
      suitedToSmes: true,
    });
    expect(fields(zero)).toEqual(['budget']);
    const negative = await requirement({
      kind: 'goods',
      budget: '-5',
      announcementDate: '2023-04-01',
      suitedToSmes: true,
    });
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json())).toContain('budget');
  });

  it('gives the dated rules with their documents and confidence', async () => {
    const rules = (await t.request('GET', '/api/public/procurement/rules')).json();
    expect(rules.versions.map((v: { id: string }) => v.id)).toEqual(['2021-01', '2022-07', '2023-01']);
    expect(rules.versions[1].smallMicroDeduction.goods).toMatchObject({ min: '10', max: '20' });
    expect(rules.documents.map((d: { documentNumber: string }) => d.documentNumber)).toEqual([
      '财库〔2020〕46号',
      '财库〔2022〕19号',
    ]);
  });
});
