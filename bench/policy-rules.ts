/** Generated policy-like rules for the eligibility and matching benchmarks (deterministic for a seed). */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/server/db/schema.ts';
import { prng } from '../src/server/modules/demo/index.ts';
import {
  type CompareOp,
  FIGURE_FACTS,
  type FigureFact,
  type PolicyDefinition,
  publishPlatformPolicy,
  type Rule,
} from '../src/server/modules/policies/index.ts';

export const POLICY_CERTIFICATIONS = ['专精特新中小企业', '高新技术企业', '创新型中小企业'];

/** Rules like real policies: a region, an industry scope, a size class, two or three thresholds, sometimes more. */
export function policyRules(count: number, seed: number): Rule[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const facts = Object.keys(FIGURE_FACTS) as FigureFact[];
  const rule = (): Rule => {
    const clauses: Rule[] = [];
    if (random() < 0.6) clauses.push({ region: [pick(['320000', '320500', '320583', '440000'])] });
    if (random() < 0.5) clauses.push({ not: { industry: [pick(['F', 'H', 'K', 'C16'])] } });
    if (random() < 0.5) clauses.push({ size: random() < 0.5 ? ['micro', 'small'] : ['small', 'medium'] });
    for (let k = 0; k < 2 + Math.floor(random() * 2); k++) {
      const fact = pick(facts);
      const op = pick(['<', '<=', '>', '>='] as CompareOp[]);
      clauses.push({ compare: [{ fact }, op, Math.round(random() * 500)] });
    }
    if (random() < 0.3) clauses.push({ certified: pick(POLICY_CERTIFICATIONS) });
    if (random() < 0.2)
      clauses.push({ any: [{ taxpayer: 'small_scale' }, { compare: [{ age: 'years' }, '<', 5] }] });
    return { all: clauses };
  };
  return Array.from({ length: count }, rule);
}

/**
 * A clean library of `count` published policies with the generated rules of seed 7 (national, in force from
 * 2026-01-01): earlier matches, notices, benefits, jobs and policies removed first. Their ids and rules, in order.
 */
export async function publishBenchPolicies(
  db: Kysely<Database>,
  count: number,
): Promise<{ ids: number[]; rules: Rule[] }> {
  for (const table of [
    'notification_deliveries',
    'notifications',
    'policy_benefits',
    'policy_matches',
    'jobs',
    'job_cursors',
  ])
    await sql`truncate ${sql.table(table)} cascade`.execute(db);
  await sql`delete from policy_versions`.execute(db);
  await sql`delete from policies`.execute(db);
  const rules = policyRules(count, 7);
  const ids: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (const [i, rule] of rules.entries()) {
      const definition: PolicyDefinition = {
        id: `bench-policy-${i + 1}`,
        title: { zh: `基准政策 ${i + 1}`, en: `Benchmark policy ${i + 1}` },
        issuer: '基准',
        documentNumber: `基准〔2026〕${i + 1}号`,
        issuedOn: null,
        effectiveFrom: '2026-01-01',
        expiresOn: null,
        regions: [],
        method: 'automatic',
        benefit: { zh: '基准', en: 'benchmark' },
        howTo: null,
        interpretation: null,
        fullText: null,
        contact: null,
        link: null,
        topics: [],
        demo: false,
        parameters: {},
        rule,
        tests: [],
      };
      ids.push(await publishPlatformPolicy(trx, definition));
    }
  });
  return { ids, rules };
}
