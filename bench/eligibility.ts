/**
 * Figures of issue 4 (in process): one enterprise against 500 policies in memory, with explanations, p50 ≤ 2 ms;
 * and the same rules and enterprises through json-rules-engine (a library users would otherwise pick), ours ≥ 10×
 * faster. Both in this one process, one after the other, on the same generated data.
 *
 * Usage: npx tsx bench/eligibility.ts [--policies 500] [--enterprises 300]
 */
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { regionScopePrefix } from '../src/reference/regions.ts';
import { prng } from '../src/server/modules/demo/index.ts';
import { type EnterpriseFacts, evaluateRule, type Rule } from '../src/server/modules/policies/index.ts';
import { POLICY_CERTIFICATIONS, policyRules } from './policy-rules.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const POLICIES = arg('--policies', 500);
const ENTERPRISES = arg('--enterprises', 300);
const DATE = '2026-06-30';
const YEAR = 2025;

const random = prng(4);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const CERTIFICATIONS = POLICY_CERTIFICATIONS;

function generateFacts(): EnterpriseFacts {
  const figure = () => (random() < 0.1 ? null : Math.round(random() * 60000) / 100);
  return {
    industryCode: pick(['C3911', 'F5137', 'I6513', 'H6210', 'C1610', 'M7320']),
    regionCode: pick(['320583', '320505', '440106', '110101']),
    establishedOn: `${2010 + Math.floor(random() * 16)}-0${1 + Math.floor(random() * 9)}-15`,
    status: 'active',
    certifications:
      random() < 0.3 ? [{ name: pick(CERTIFICATIONS), validFrom: '2024-01-01', validTo: '2027-12-31' }] : [],
    sizes: [{ standard: 'cn-2011', year: YEAR, size: pick(['micro', 'small', 'medium', 'large']) }],
    figures: {
      [YEAR]: {
        employees: figure(),
        operating_revenue: figure(),
        main_business_revenue: figure(),
        total_assets: figure(),
        total_liabilities: figure(),
        rd_expense: figure(),
        rd_staff: figure(),
        taxable_income: figure(),
        vatTaxpayerType: pick(['general', 'small_scale'] as const),
      },
    },
  };
}

// ----- The same rules for json-rules-engine: flat facts, custom operators for prefixes and regions.
const JRE_OPS: Record<string, string> = {
  '<': 'lessThan',
  '<=': 'lessThanInclusive',
  '>': 'greaterThan',
  '>=': 'greaterThanInclusive',
};

// biome-ignore lint/suspicious/noExplicitAny: json-rules-engine conditions are loosely typed
function toJre(rule: Rule): any {
  if ('all' in rule) return { all: rule.all.map(toJre) };
  if ('any' in rule) return { any: rule.any.map(toJre) };
  if ('not' in rule) return { not: toJre(rule.not) };
  if ('compare' in rule) {
    const [left, op, right] = rule.compare;
    const fact = typeof left === 'object' && 'fact' in left ? `${left.fact}_${YEAR}` : 'age_years';
    return { fact, operator: JRE_OPS[op], value: right };
  }
  if ('industry' in rule) return { fact: 'industry', operator: 'startsWithAny', value: rule.industry };
  if ('region' in rule) return { fact: 'region', operator: 'withinRegions', value: rule.region };
  if ('size' in rule) return { fact: `size_cn-2011_${YEAR}`, operator: 'in', value: rule.size };
  if ('certified' in rule) return { fact: 'certifications', operator: 'contains', value: rule.certified };
  if ('taxpayer' in rule) return { fact: `vat_${YEAR}`, operator: 'equal', value: rule.taxpayer };
  return { fact: 'status', operator: 'in', value: rule.status };
}

function flat(facts: EnterpriseFacts): Record<string, unknown> {
  const out: Record<string, unknown> = {
    industry: facts.industryCode,
    region: facts.regionCode,
    status: facts.status,
    age_years: facts.establishedOn
      ? Number(DATE.slice(0, 4)) - Number(facts.establishedOn.slice(0, 4))
      : undefined,
    certifications: facts.certifications
      .filter((c) => c.validFrom <= DATE && (!c.validTo || c.validTo >= DATE))
      .map((c) => c.name),
  };
  for (const s of facts.sizes) out[`size_${s.standard}_${s.year}`] = s.size;
  for (const [year, row] of Object.entries(facts.figures)) {
    for (const [key, value] of Object.entries(row))
      out[key === 'vatTaxpayerType' ? `vat_${year}` : `${key}_${year}`] = value ?? undefined;
  }
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const rules = policyRules(POLICIES, 4);
const enterprises = Array.from({ length: ENTERPRISES }, generateFacts);

// Ours: every policy for one enterprise, with explanations, missing facts and near misses.
const ours: number[] = [];
let eligibleOurs = 0;
for (let round = 0; round < 2; round++) {
  for (const facts of enterprises) {
    const started = performance.now();
    for (const rule of rules)
      if (evaluateRule(rule, facts, DATE).outcome === 'eligible' && round === 1) eligibleOurs++;
    if (round === 1) ours.push(performance.now() - started); // round 0 warms up
  }
}

// json-rules-engine: one engine holding every policy, run once per enterprise.
const engine = new Engine([], { allowUndefinedFacts: true });
engine.addOperator('startsWithAny', (value: unknown, prefixes: string[]) =>
  typeof value === 'string' ? prefixes.some((p) => value.startsWith(p)) : false,
);
engine.addOperator('withinRegions', (value: unknown, codes: string[]) =>
  typeof value === 'string' ? codes.some((c) => value.startsWith(regionScopePrefix(c))) : false,
);
rules.forEach((rule, i) => {
  engine.addRule({
    conditions: toJre(rule) as TopLevelCondition,
    event: { type: 'eligible', params: { policy: i } },
  });
});
const peer: number[] = [];
let eligiblePeer = 0;
for (let round = 0; round < 2; round++) {
  for (const facts of enterprises) {
    const started = performance.now();
    const { events } = await engine.run(flat(facts));
    if (round === 1) {
      peer.push(performance.now() - started);
      eligiblePeer += events.length;
    }
  }
}

const p50 = percentile(ours, 50);
const peerP50 = percentile(peer, 50);
console.log(`${POLICIES} policies × ${ENTERPRISES} enterprises, one enterprise at a time, in process\n`);
console.log(`${'run'.padEnd(54)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'eligible'.padStart(9)}`);
console.log(
  `${'huiqi evaluateRule (explanations, unknowns, near misses)'.padEnd(54)} ${p50.toFixed(3).padStart(8)} ${percentile(ours, 95).toFixed(3).padStart(8)} ${String(eligibleOurs).padStart(9)}`,
);
console.log(
  `${'json-rules-engine 7 (one engine, all rules)'.padEnd(54)} ${peerP50.toFixed(3).padStart(8)} ${percentile(peer, 95).toFixed(3).padStart(8)} ${String(eligiblePeer).padStart(9)}`,
);
console.log(
  `\nOne enterprise against ${POLICIES} policies: p50 ${p50.toFixed(2)} ms (target ≤ 2 ms); ${(peerP50 / p50).toFixed(1)}× json-rules-engine (target ≥ 10×)`,
);
console.log(p50 <= 2 && peerP50 / p50 >= 10 ? 'TARGET MET' : 'TARGET NOT MET');
