/**
 * The fast matcher agrees with `productFit`: on generated products (regions at every level, ranges, kinds, rules of
 * the policy rule language) and generated demands and enterprises, `matchOne` names exactly the products `productFit`
 * finds eligible or nearly eligible, with the same outcome.
 */
import { describe, expect, it } from 'vitest';
import { COLLATERAL, PRODUCT_KINDS } from '../../../reference/financing.ts';
import { prng } from '../demo/index.ts';
import type { EnterpriseFacts, Rule } from '../policies/index.ts';
import { compileProducts, matchOne } from './financing.match.rules.ts';
import { type FitDemand, type FitProduct, productFit } from './financing.rules.ts';

const random = prng(20261215);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const DATE = '2026-12-06';
const REGIONS = ['320000', '320500', '320583', '320581', '320100', '320102', '110000', '110101'];
const COUNTIES = ['320583', '320581', '320102', '110101', '320585'];

function aRule(): Rule | null {
  const clauses: Rule[] = [
    { compare: [{ age: 'years' }, '>=', Math.floor(random() * 15)] },
    { industry: [pick(['C', 'C34', 'F', 'I'])] },
    { size: [pick(['small', 'micro', 'medium'] as const)] },
    { compare: [{ fact: 'employees', year: { relative: -1 } }, '>=', Math.floor(random() * 200)] },
    { status: ['active'] },
  ];
  const r = random();
  if (r < 0.3) return null;
  if (r < 0.5) return pick(clauses);
  const chosen = clauses.filter(() => random() < 0.5);
  return chosen.length === 0 ? null : { all: chosen };
}

function aProduct(id: number): FitProduct & { id: number; institutionId: number } {
  const min = 1 + Math.floor(random() * 200);
  const termMin = 1 + Math.floor(random() * 24);
  const rateMin = (2 + random() * 3).toFixed(2);
  return {
    id,
    institutionId: 1 + (id % 7),
    kind: pick(PRODUCT_KINDS).code,
    amountMin: String(min),
    amountMax: String(min + Math.floor(random() * 800)),
    termMinMonths: termMin,
    termMaxMonths: termMin + Math.floor(random() * 48),
    rateMin,
    regions: random() < 0.2 ? [pick(REGIONS), pick(REGIONS)] : [pick(REGIONS)],
    rule: aRule(),
  };
}

function anEnterprise(): EnterpriseFacts {
  const sizes =
    random() < 0.8
      ? [{ standard: 'cn-2011', year: 2025, size: pick(['small', 'micro', 'medium', 'large']) }]
      : [];
  return {
    industryCode: random() < 0.9 ? pick(['C3411', 'C1711', 'F5123', 'I6510']) : null,
    regionCode: pick(COUNTIES),
    establishedOn:
      random() < 0.9 ? `${2000 + Math.floor(random() * 26)}-0${1 + Math.floor(random() * 9)}-15` : null,
    status: random() < 0.95 ? 'active' : 'revoked',
    certifications: [],
    sizes,
    figures: random() < 0.7 ? { 2025: { employees: Math.floor(random() * 300) } as never } : {},
  } as EnterpriseFacts;
}

function aDemand(): FitDemand {
  return {
    amount: String(1 + Math.floor(random() * 900)),
    termMonths: 1 + Math.floor(random() * 72),
    collateral: COLLATERAL.filter(() => random() < 0.2).map((c) => c.code),
    maxRate: random() < 0.5 ? null : (2 + random() * 4).toFixed(1),
  };
}

describe('the fast matcher', () => {
  it('agrees with productFit on 300 products × 400 demands', () => {
    const products = Array.from({ length: 300 }, (_, i) => aProduct(i + 1));
    const index = compileProducts(products);
    let eligible = 0;
    let near = 0;
    for (let i = 0; i < 400; i++) {
      const facts = anEnterprise();
      const demand = aDemand();
      const expected = products
        .map((p) => {
          const fit = productFit(p, facts, demand, DATE);
          const outcome = fit.outcome === 'eligible' ? 'eligible' : fit.nearMiss ? 'near' : null;
          return outcome ? { productId: p.id, institutionId: p.institutionId, outcome } : null;
        })
        .filter((x) => x !== null);
      const actual = matchOne(index, demand, facts, DATE).sort((a, b) => a.productId - b.productId);
      expect(actual).toEqual(expected);
      const onlyEligible = matchOne(index, demand, facts, DATE, { eligibleOnly: true });
      expect(onlyEligible.sort((a, b) => a.productId - b.productId)).toEqual(
        expected.filter((e) => e.outcome === 'eligible'),
      );
      eligible += expected.filter((e) => e.outcome === 'eligible').length;
      near += expected.filter((e) => e.outcome === 'near').length;
    }
    // The generator reaches both outcomes often enough to mean something.
    expect(eligible).toBeGreaterThan(200);
    expect(near).toBeGreaterThan(200);
  });
});
