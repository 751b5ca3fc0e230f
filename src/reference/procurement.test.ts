/** Government procurement for SMEs (docs/reference/procurement.md), with the worked examples of §7. */
import { describe, expect, it } from 'vitest';
import {
  annualShares,
  BID_ROLES,
  BIDDER_SIZES,
  type BidInput,
  DECLARATION_FLAGS,
  declarationFiguresYear,
  type EvaluationInput,
  EXEMPTIONS,
  evaluateBids,
  findProcurementRules,
  getProcurementRules,
  OCDS_PARTY_SCALES,
  ocdsScaleMeaning,
  ocdsScaleOf,
  PROCUREMENT_DOCUMENTS,
  PROCUREMENT_KINDS,
  PROCUREMENT_RULES,
  PROCUREMENT_RULES_START,
  ProcurementInputError,
  type ProcurementKind,
  type ProcurementTerm,
  procurementTermName,
  projectRequirement,
  RESERVATION_WAYS,
  SBA_GRADE_BANDS,
  SBA_SCORECARD_AREAS,
  sbaStyleGrade,
} from './procurement.ts';

/** The error a call throws, for its field and message. */
function errorOf(call: () => unknown): ProcurementInputError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ProcurementInputError);
    expect(error).toBeInstanceOf(RangeError);
    return error as ProcurementInputError;
  }
  throw new Error('expected a ProcurementInputError');
}

/** The worked case's two bids (§7.1). */
const SMALL: BidInput = { id: 'small', price: '1000000', declaredSize: 'small', role: 'single' };
const MEDIUM: BidInput = { id: 'medium', price: '900000', declaredSize: 'medium', role: 'single' };

function evaluation(overrides: Partial<EvaluationInput>): EvaluationInput {
  return {
    kind: 'goods',
    announcementDate: '2023-06-15',
    smallMicroDeduction: '15',
    bids: [SMALL, MEDIUM],
    ...overrides,
  };
}

describe('vocabularies', () => {
  it.each([
    ['PROCUREMENT_KINDS', PROCUREMENT_KINDS, 3],
    ['BIDDER_SIZES', BIDDER_SIZES, 4],
    ['BID_ROLES', BID_ROLES, 3],
    ['RESERVATION_WAYS', RESERVATION_WAYS, 4],
    ['EXEMPTIONS', EXEMPTIONS, 5],
    ['DECLARATION_FLAGS', DECLARATION_FLAGS, 6],
    ['OCDS_PARTY_SCALES', OCDS_PARTY_SCALES, 6],
  ] as const)(
    '%s has %i terms with unique codes and both names',
    (_, list: readonly ProcurementTerm[], n) => {
      expect(list).toHaveLength(n);
      expect(new Set(list.map((t) => t.code)).size).toBe(n);
      for (const t of list) {
        expect(t.zh.length, t.code).toBeGreaterThan(0);
        expect(t.en, t.code).toMatch(/^[A-Z]/);
      }
    },
  );

  it('names a term, or shows a stale code as it is', () => {
    expect(procurementTermName(PROCUREMENT_KINDS, 'works')).toEqual({ zh: '工程', en: 'Works' });
    expect(procurementTermName(PROCUREMENT_KINDS, 'gone')).toEqual({ zh: 'gone', en: 'gone' });
  });
});

describe('the rules as dated data (§3, §4, §6)', () => {
  it('holds three versions, back to back, each citing documents it names', () => {
    expect(PROCUREMENT_RULES.map((r) => [r.id, r.effectiveFrom, r.effectiveTo])).toEqual([
      ['2021-01', '2021-01-01', '2022-06-30'],
      ['2022-07', '2022-07-01', '2022-12-31'],
      ['2023-01', '2023-01-01', null],
    ]);
    const numbers: string[] = PROCUREMENT_DOCUMENTS.map((d) => d.documentNumber);
    for (const r of PROCUREMENT_RULES) for (const d of r.documents) expect(numbers).toContain(d);
    expect(PROCUREMENT_RULES[0]?.effectiveFrom).toBe(PROCUREMENT_RULES_START);
    expect(PROCUREMENT_DOCUMENTS.map((d) => d.effectiveFrom)).toEqual(['2021-01-01', '2022-07-01']);
  });

  it('gives every figure a basis and a mark, and every range min ≤ max', () => {
    for (const r of PROCUREMENT_RULES) {
      for (const kind of ['goods', 'services', 'works'] as const) {
        for (const f of [r.wholeReservationMax[kind], r.reservedShareMin[kind]]) {
          expect(f.basis, r.id).toMatch(/财库/);
          expect(['text', 'agreed', 'memory', 'unverified']).toContain(f.confidence);
        }
        for (const g of [r.smallMicroDeduction[kind], r.consortiumDeduction[kind]]) {
          expect(Number(g.min)).toBeLessThanOrEqual(Number(g.max));
          expect(g.basis).toMatch(/财库/);
        }
      }
    }
  });

  it.each([
    ['2021-01-01', '2021-01', '6', '10'],
    ['2022-06-30', '2021-01', '6', '10'],
    ['2022-07-01', '2022-07', '10', '20'],
    ['2022-12-31', '2022-07', '10', '20'],
    ['2023-01-01', '2023-01', '10', '20'],
    ['2026-05-01', '2023-01', '10', '20'],
  ])('a procurement announced on %s is under %s (goods: %s%%–%s%%)', (date, id, min, max) => {
    const rules = getProcurementRules(date);
    expect(rules.id).toBe(id);
    expect(rules.smallMicroDeduction.goods).toMatchObject({ min, max });
    expect(findProcurementRules(date)?.id).toBe(id);
  });

  it('keeps 46号’s works ranges and shares across the 2022-07-01 switch', () => {
    for (const r of PROCUREMENT_RULES) {
      expect(r.smallMicroDeduction.works).toMatchObject({ min: '3', max: '5' });
      expect(r.consortiumDeduction.works).toMatchObject({ min: '1', max: '2' });
      expect(r.consortiumShareMin.value).toBe('30');
      expect(r.smallMicroOfReservedMin.value).toBe('60');
      expect(r.wholeReservationMax.goods.value).toBe('2000000');
      expect(r.wholeReservationMax.works.value).toBe('4000000');
    }
    expect(getProcurementRules('2022-06-30').consortiumDeduction.services).toMatchObject({
      min: '2',
      max: '3',
    });
    expect(getProcurementRules('2022-07-01').consortiumDeduction.services).toMatchObject({
      min: '4',
      max: '6',
    });
  });

  it('refuses a date before 2021-01-01, naming the field, the date and the start', () => {
    expect(findProcurementRules('2020-12-31')).toBeNull();
    const error = errorOf(() => getProcurementRules('2020-12-31'));
    expect(error.field).toBe('announcementDate');
    expect(error.message).toBe(
      'announcementDate: 2020-12-31 is before 2021-01-01, when 财库〔2020〕46号 came into force; earlier rules are not held',
    );
    expect(error.reason.zh).toContain('2020-12-31');
  });

  it.each(['2023-02-30', '2023-13-01', '20230101', '', 'soon'])('refuses %j as a date', (date) => {
    expect(errorOf(() => getProcurementRules(date)).field).toBe('announcementDate');
  });
});

describe('the worked case of the notes (§7.1)', () => {
  const result = evaluateBids(evaluation({}));

  it('evaluates the small enterprise’s 1,000,000 as 850,000 and the medium one’s 900,000 as 900,000', () => {
    expect(result.rulesId).toBe('2023-01');
    expect(
      result.bids.map((b) => [b.id, b.price, b.deduction, b.evaluatedPrice, b.preference, b.rank]),
    ).toEqual([
      ['small', '1000000', '15', '850000', 'small_micro', 1],
      ['medium', '900000', '0', '900000', 'none', 2],
    ]);
  });

  it('ranks the small enterprise first', () => {
    expect(result.ranking).toEqual(['small', 'medium']);
  });

  it('states the provisions applied, in both languages', () => {
    expect(result.documents).toEqual(['财库〔2020〕46号', '财库〔2022〕19号']);
    expect(result.provisions[0]?.zh).toContain('10%—20%，采购文件规定 15%');
    expect(result.provisions[0]?.en).toContain('10%–20%, the tender fixes 15%');
    expect(result.bids[0]?.provision.zh).toContain('小微企业报价扣除15%后参加评审（货物、服务10%—20%）');
    expect(result.bids[0]?.provision.en).toContain('after a 15% deduction (goods and services 10%–20%)');
    expect(result.bids[1]?.provision.en).toBe(
      '财库〔2020〕46号: a medium enterprise gets no price deduction (the deduction is for small and micro enterprises)',
    );
  });
});

describe('the 2022-07-01 switch (§7.2)', () => {
  it('refuses 15% for goods announced on 2022-06-30, naming the field and the range', () => {
    const error = errorOf(() => evaluateBids(evaluation({ announcementDate: '2022-06-30' })));
    expect(error.field).toBe('smallMicroDeduction');
    expect(error.message).toMatch(
      /^smallMicroDeduction: 15% is outside 6%–10%, the range of 财库〔2020〕46号/,
    );
  });

  it('takes 15% from 2022-07-01', () => {
    expect(evaluateBids(evaluation({ announcementDate: '2022-07-01' })).bids[0]?.evaluatedPrice).toBe(
      '850000',
    );
  });

  it('ties at 10% before the switch: both rank 1, in the order given', () => {
    const result = evaluateBids(evaluation({ announcementDate: '2022-06-30', smallMicroDeduction: '10' }));
    expect(result.bids.map((b) => [b.evaluatedPrice, b.rank])).toEqual([
      ['900000', 1],
      ['900000', 1],
    ]);
    expect(result.ranking).toEqual(['small', 'medium']);
  });

  it('lets the medium enterprise win at 8%', () => {
    const result = evaluateBids(evaluation({ announcementDate: '2022-06-30', smallMicroDeduction: '8' }));
    expect(result.bids[0]?.evaluatedPrice).toBe('920000');
    expect(result.ranking).toEqual(['medium', 'small']);
  });

  it.each([
    ['2023-06-15', '10', true],
    ['2023-06-15', '20', true],
    ['2023-06-15', '9.99', false],
    ['2023-06-15', '20.0001', false],
    ['2022-07-01', '6', false],
    ['2022-07-01', '10', true],
    ['2022-07-01', '20', true],
    ['2022-06-30', '6', true],
    ['2022-06-30', '5.9999', false],
  ])('announced %s, a deduction of %s%% is allowed: %s', (date, deduction, allowed) => {
    const call = () => evaluateBids(evaluation({ announcementDate: date, smallMicroDeduction: deduction }));
    if (allowed) expect(call).not.toThrow();
    else expect(errorOf(call).field).toBe('smallMicroDeduction');
  });
});

describe('consortia and subcontracts (§7.3, §7.4)', () => {
  const consortium = (share: string, declaredSize: BidInput['declaredSize'] = 'medium'): BidInput => ({
    id: 'consortium',
    price: '1000000',
    declaredSize,
    role: 'consortium',
    smallMicroShare: share,
  });

  const run = (bid: BidInput, overrides: Partial<EvaluationInput> = {}) =>
    evaluateBids(
      evaluation({
        kind: 'services',
        smallMicroDeduction: '10',
        consortiumDeduction: '5',
        bids: [bid],
        ...overrides,
      }),
    ).bids[0];

  it('deducts 5% for a consortium giving small and micro enterprises exactly 30%', () => {
    expect(run(consortium('30'))).toMatchObject({
      preference: 'consortium',
      deduction: '5',
      evaluatedPrice: '950000',
    });
  });

  it.each(['29.99', '0'])('deducts nothing at a share of %s%%', (share) => {
    const bid = run(consortium(share));
    expect(bid).toMatchObject({ preference: 'none', deduction: '0', evaluatedPrice: '1000000' });
    expect(bid?.provision.en).toContain(`${share}% of the contract, below 30%`);
  });

  it('gives a medium-led consortium at 100% the consortium deduction', () => {
    expect(run(consortium('100'))).toMatchObject({ preference: 'consortium', evaluatedPrice: '950000' });
  });

  it('treats a consortium of small and micro enterprises only as a small or micro bidder', () => {
    expect(run(consortium('100', 'small'))).toMatchObject({
      preference: 'small_micro',
      deduction: '10',
      evaluatedPrice: '900000',
    });
  });

  it('refuses a small-led consortium with a small/micro share below 100%', () => {
    expect(errorOf(() => run(consortium('60', 'micro'))).field).toBe('bids[0].smallMicroShare');
  });

  it('refuses a share above 100%, naming the bid’s field', () => {
    const error = errorOf(() => run(consortium('100.01')));
    expect(error.field).toBe('bids[0].smallMicroShare');
    expect(error.message).toBe('bids[0].smallMicroShare: 100.01% is above 100%');
  });

  it('deducts 4% for a large bidder subcontracting 40% to small and micro enterprises: 800,000 → 768,000', () => {
    const bid = run(
      { id: 'sub', price: '800000', declaredSize: 'large', role: 'subcontract', smallMicroShare: '40' },
      { consortiumDeduction: '4' },
    );
    expect(bid).toMatchObject({ preference: 'subcontract', deduction: '4', evaluatedPrice: '768000' });
    expect(bid?.provision.zh).toContain('分包意向协议约定小微企业合同份额40%');
  });

  it('deducts nothing when the small partners are controlled by the other parties', () => {
    expect(run({ ...consortium('50'), partiesRelated: true })).toMatchObject({ preference: 'none' });
  });

  it('needs the tender’s consortium percentage when a bid qualifies for it', () => {
    const error = errorOf(() => run(consortium('30'), { consortiumDeduction: undefined }));
    expect(error.field).toBe('consortiumDeduction');
    expect(error.message).toContain('bid consortium qualifies');
  });

  it.each([
    ['2023-06-15', '3.99', false],
    ['2023-06-15', '4', true],
    ['2023-06-15', '6', true],
    ['2023-06-15', '6.01', false],
    ['2022-06-30', '3', true],
    ['2022-06-30', '4', false],
  ])('announced %s, a consortium deduction of %s%% is allowed: %s', (date, deduction, allowed) => {
    const call = () =>
      run(consortium('30'), {
        announcementDate: date,
        smallMicroDeduction: date < '2022-07-01' ? '6' : '10',
        consortiumDeduction: deduction,
      });
    if (allowed) expect(call).not.toThrow();
    else expect(errorOf(call).field).toBe('consortiumDeduction');
  });

  it('needs a share for a consortium and refuses one for a single bidder', () => {
    const { smallMicroShare: _, ...noShare } = consortium('30');
    expect(errorOf(() => run(noShare)).field).toBe('bids[0].smallMicroShare');
    expect(errorOf(() => run({ ...SMALL, smallMicroShare: '30' })).field).toBe('bids[0].smallMicroShare');
  });
});

describe('works and goods of several items (§7.5, §4.2)', () => {
  it('deducts 4% for a small works contractor: 4,500,000 → 4,320,000', () => {
    const result = evaluateBids({
      kind: 'works',
      announcementDate: '2023-06-15',
      smallMicroDeduction: '4',
      bids: [{ id: 'builder', price: '4500000', declaredSize: 'small', role: 'single' }],
    });
    expect(result.bids[0]?.evaluatedPrice).toBe('4320000');
    expect(result.provisions[0]?.en).toContain('works 3%–5%');
  });

  it('refuses a goods percentage for works', () => {
    const call = () =>
      evaluateBids({
        kind: 'works',
        announcementDate: '2023-06-15',
        smallMicroDeduction: '10',
        bids: [SMALL],
      });
    expect(errorOf(call).message).toMatch(/^smallMicroDeduction: 10% is outside 3%–5%/);
  });

  it.each([
    [['micro', 'small'], 'small_micro', '850000'],
    [['small', 'medium'], 'none', '1000000'],
    [['small', 'large'], 'none', '1000000'],
  ] as const)('a small bidder with items made by %j gets %s', (itemSizes, preference, price) => {
    const bid = evaluateBids(evaluation({ bids: [{ ...SMALL, itemSizes }] })).bids[0];
    expect(bid).toMatchObject({ preference, evaluatedPrice: price });
  });
});

describe('exact arithmetic (§10)', () => {
  it.each([
    ['999999.99', '15', '849999.9915'],
    ['1234567.89', '7', '1148148.1377'],
    ['1000.1', '12', '880.088'],
    ['0.01', '12.5', '0.00875'],
  ])('%s less %s%% is exactly %s', (price, deduction, expected) => {
    const date = Number(deduction) <= 10 ? '2022-06-30' : '2023-06-15';
    const result = evaluateBids(
      evaluation({ announcementDate: date, smallMicroDeduction: deduction, bids: [{ ...SMALL, price }] }),
    );
    expect(result.bids[0]?.evaluatedPrice).toBe(expected);
  });

  it('differs from binary floating point where that is off', () => {
    expect(1234567.89 * (1 - 7 / 100)).not.toBe(1148148.1377);
  });
});

describe('bad bids', () => {
  it.each<[BidInput, string]>([
    [{ ...SMALL, price: '-5' }, 'bids[0].price'],
    [{ ...SMALL, price: '0' }, 'bids[0].price'],
    [{ ...SMALL, price: 1000 as unknown as string }, 'bids[0].price'],
    [{ ...SMALL, price: '1.00001' }, 'bids[0].price'],
    [{ ...SMALL, declaredSize: 'tiny' as BidInput['declaredSize'] }, 'bids[0].declaredSize'],
    [{ ...SMALL, role: 'joint' as BidInput['role'] }, 'bids[0].role'],
    [{ ...SMALL, itemSizes: ['small', 'huge' as BidInput['declaredSize']] }, 'bids[0].itemSizes[1]'],
    [{ ...SMALL, id: ' ' }, 'bids[0].id'],
  ])('refuses %j naming %s', (bid, field) => {
    expect(errorOf(() => evaluateBids(evaluation({ bids: [bid] }))).field).toBe(field);
  });

  it('refuses a repeated id, no bids, an unknown kind and a date before the start', () => {
    expect(errorOf(() => evaluateBids(evaluation({ bids: [SMALL, SMALL] }))).field).toBe('bids[1].id');
    expect(errorOf(() => evaluateBids(evaluation({ bids: [] }))).field).toBe('bids');
    expect(errorOf(() => evaluateBids(evaluation({ kind: 'food' as ProcurementKind }))).field).toBe('kind');
    expect(errorOf(() => evaluateBids(evaluation({ announcementDate: '2020-06-01' }))).field).toBe(
      'announcementDate',
    );
  });
});

describe('what a project requires (§7.6, §7.7)', () => {
  const project = (kind: ProcurementKind, budget: string, announcementDate = '2023-06-15') =>
    projectRequirement({ kind, budget, announcementDate, suitedToSmes: true });

  it.each([
    ['goods', '2000000', 'whole'],
    ['services', '2000000', 'whole'],
    ['goods', '2000000.01', 'share'],
    ['services', '2000000.01', 'share'],
    ['works', '2000000.01', 'whole'],
    ['works', '4000000', 'whole'],
    ['works', '4000000.01', 'share'],
  ] as const)('%s at %s yuan: %s', (kind, budget, mode) => {
    expect(project(kind, budget).mode).toBe(mode);
  });

  it('reserves at least 30% of a 5,000,000 goods project, and 60% of that for small and micro', () => {
    const r = project('goods', '5000000');
    expect(r).toMatchObject({
      mode: 'share',
      reservedShareMin: '30',
      smallMicroOfReservedMin: '60',
      reservedAmountMin: '1500000',
      smallMicroAmountMin: '900000',
    });
    expect(r.provisions[0]?.zh).toContain('预留不低于30%（1500000元）');
    if (r.mode === 'share') expect(r.deductions.smallMicro).toMatchObject({ min: '10', max: '20' });
  });

  it('computes the minimum amounts exactly just above the line', () => {
    expect(project('goods', '2000000.01')).toMatchObject({
      reservedAmountMin: '600000.003',
      smallMicroAmountMin: '360000.0018',
    });
  });

  it.each([
    ['2022-06-30', '30', 'agreed', '3000000'],
    ['2022-07-01', '40', 'agreed', '4000000'],
    ['2022-12-31', '40', 'agreed', '4000000'],
    ['2023-01-01', '30', 'unverified', '3000000'],
  ])('a 10,000,000 works project announced %s reserves %s%% (%s)', (date, share, confidence, amount) => {
    expect(project('works', '10000000', date)).toMatchObject({
      reservedShareMin: share,
      reservedShareConfidence: confidence,
      reservedAmountMin: amount,
    });
  });

  it('gives the whole reservation no price deduction, citing 46号', () => {
    const r = project('goods', '1500000');
    expect(r.mode).toBe('whole');
    expect(r).not.toHaveProperty('deductions');
    expect(r.provisions[0]?.zh).toContain('200万元以下（含）');
  });

  it('gives a project not suited to SMEs only the price deduction, with its reason', () => {
    const r = projectRequirement({
      kind: 'services',
      budget: '8000000',
      announcementDate: '2023-06-15',
      suitedToSmes: false,
      exemption: 'irreplaceable',
    });
    expect(r).toMatchObject({ mode: 'price_preference', exemption: 'irreplaceable' });
    expect(r.provisions[0]?.en).toContain('It needs irreplaceable patents');
    const missing = () =>
      projectRequirement({
        kind: 'services',
        budget: '8000000',
        announcementDate: '2023-06-15',
        suitedToSmes: false,
      });
    expect(errorOf(missing).field).toBe('exemption');
  });

  it('leaves a project below the quota outside the rules; at the quota it is in', () => {
    const at = (budget: string) =>
      projectRequirement({
        kind: 'goods',
        budget,
        announcementDate: '2023-06-15',
        suitedToSmes: true,
        quota: '1000000',
      });
    expect(at('999999.99').mode).toBe('below_quota');
    expect(at('1000000').mode).toBe('whole');
  });

  it.each([
    [{ budget: '-1' }, 'budget'],
    [{ budget: '0' }, 'budget'],
    [{ budget: 'lots' }, 'budget'],
    [{ kind: undefined }, 'kind'],
    [{ announcementDate: '2020-12-31' }, 'announcementDate'],
    [{ quota: '-3' }, 'quota'],
    [{ suitedToSmes: 'yes' }, 'suitedToSmes'],
  ])('refuses %j naming %s', (bad, field) => {
    const input = {
      kind: 'goods',
      budget: '100',
      announcementDate: '2023-06-15',
      suitedToSmes: true,
      ...bad,
    };
    expect(errorOf(() => projectRequirement(input as Parameters<typeof projectRequirement>[0])).field).toBe(
      field,
    );
  });
});

describe('a department’s year (§7.8)', () => {
  const year = (smeAmount: string, smallMicroAmount: string) =>
    annualShares({ suitedBudget: '10000000', smeAmount, smallMicroAmount, date: '2023-12-31' });

  it('meets 30% and 60% exactly on the line', () => {
    expect(year('3000000', '1800000')).toMatchObject({
      smeShare: '30',
      smallMicroShare: '60',
      meetsSmeShare: true,
      meetsSmallMicroShare: true,
    });
  });

  it('misses 60% at 1,700,000 of 3,000,000 (56.67%)', () => {
    expect(year('3000000', '1700000')).toMatchObject({
      smallMicroShare: '56.67',
      meetsSmallMicroShare: false,
    });
  });

  it('compares exactly: 29.995% shows as 30 but misses 30%', () => {
    expect(year('2999500', '1799700')).toMatchObject({
      smeShare: '30',
      meetsSmeShare: false,
      smallMicroShare: '60',
      meetsSmallMicroShare: true,
    });
  });

  it('refuses amounts above their whole', () => {
    expect(errorOf(() => year('10000001', '0')).field).toBe('smeAmount');
    expect(errorOf(() => year('3000000', '3000001')).field).toBe('smallMicroAmount');
  });
});

describe('the 声明函’s year (§5.2)', () => {
  it.each([
    ['2024-05-10', 2023],
    ['2023-01-01', 2022],
    ['2022-12-31', 2021],
  ])('signed on %s it gives the figures of %i', (date, expected) => {
    expect(declarationFiguresYear(date)).toBe(expected);
  });

  it('refuses a date that is not one', () => {
    expect(errorOf(() => declarationFiguresYear('2024-02-30')).field).toBe('date');
  });
});

describe('OCDS parties[].details.scale (§8)', () => {
  it('holds the six codes of the closed codelist', () => {
    expect(OCDS_PARTY_SCALES.map((s) => s.code)).toEqual([
      'micro',
      'sme',
      'small',
      'medium',
      'large',
      'selfEmployed',
    ]);
  });

  it('exports each size as its own code', () => {
    expect(BIDDER_SIZES.map((s) => ocdsScaleOf(s.code))).toEqual(['large', 'medium', 'small', 'micro']);
  });

  it.each([
    ['micro', { size: 'micro', isSme: true, isSmallMicro: true }],
    ['small', { size: 'small', isSme: true, isSmallMicro: true }],
    ['medium', { size: 'medium', isSme: true, isSmallMicro: false }],
    ['sme', { size: null, isSme: true, isSmallMicro: null }],
    ['large', { size: 'large', isSme: false, isSmallMicro: false }],
    ['selfEmployed', { size: null, isSme: null, isSmallMicro: null }],
    [null, { size: null, isSme: null, isSmallMicro: null }],
  ])('reads %j', (code, meaning) => {
    expect(ocdsScaleMeaning(code)).toEqual(meaning);
  });

  it.each(['SME', 'toString', 'unknown'])('does not know %j', (code) => {
    expect(ocdsScaleMeaning(code)).toBeUndefined();
  });
});

describe('SBA-style grades (§9)', () => {
  it('holds the bands and the areas, their weights summing to 100', () => {
    expect(SBA_GRADE_BANDS.map((b) => b.grade)).toEqual(['A+', 'A', 'B', 'C', 'D', 'F']);
    expect(SBA_SCORECARD_AREAS.reduce((sum, a) => sum + Number(a.weight), 0)).toBe(100);
  });

  it.each([
    ['36', 'A+'],
    ['35.99', 'A'],
    ['30', 'A'],
    ['27', 'B'],
    ['26.99', 'C'],
    ['24', 'C'],
    ['21', 'D'],
    ['20.99', 'F'],
    ['0', 'F'],
  ])('a share of %s%% against a goal of 30%% grades %s', (share, grade) => {
    expect(sbaStyleGrade(share, '30')).toBe(grade);
  });

  it('refuses a goal of 0', () => {
    expect(errorOf(() => sbaStyleGrade('10', '0')).field).toBe('goal');
  });
});
