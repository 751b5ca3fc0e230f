/**
 * An enterprise's policies (issue 4): what it qualifies for and why, what it misses by one condition, what needs
 * facts; as the enterprise sees them and as an official sees them on its registry page.
 */
import type { Kysely } from 'kysely';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { findUnreadPolicyIds, markPolicyRead } from '../notifications/index.ts';
import { type EnterpriseFacts, loadEnterpriseFacts } from '../registry/index.ts';
import { type Eligibility, evaluateRule } from './eligibility.rules.ts';
import { myApplications } from './policies.applications.ts';
import { listBenefitsOfEnterprise } from './policies.benefits.repository.ts';
import { getPublishedPolicy } from './policies.library.ts';
import { inForce } from './policies.matching.ts';
import { appliesIn, publishedVersions } from './policies.repository.ts';
import type { PolicyDefinition } from './policy.yaml.ts';

const today = todayInChina;

interface Evaluated {
  id: number;
  version: number;
  definition: PolicyDefinition;
  answer: Eligibility;
}

/** Every policy in force that applies where the enterprise is, evaluated against its facts today. */
async function evaluateForEnterprise(db: Kysely<Database>, enterpriseId: number, date: string) {
  const facts = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  if (!facts) throw new AppError('NOT_FOUND');
  return evaluateFacts(db, facts, date);
}

/** Every policy in force that applies where these facts place the enterprise, evaluated against them. */
async function evaluateFacts(db: Kysely<Database>, facts: EnterpriseFacts, date: string) {
  // Policies are for enterprises in operation, as the matching job holds (a suspended firm is matched again when
  // it is active).
  if (facts.status !== 'active') return [];
  const versions = await publishedVersions(db);
  const out: Evaluated[] = [];
  for (const v of versions) {
    if (!inForce(v, date) || !appliesIn(v.regions, facts.regionCode)) continue;
    out.push({
      id: v.id,
      version: v.version,
      definition: v.definition,
      answer: evaluateRule(v.definition.rule, facts, date, v.definition.parameters),
    });
  }
  return out;
}

/** "My policies": what the enterprise qualifies for and why, what it misses by one condition, what needs facts. */
export async function myPolicies(db: Kysely<Database>, actor: Actor) {
  const enterpriseId = requireEnterprise(actor);
  const date = today();
  const evaluated = await evaluateForEnterprise(db, enterpriseId, date);
  const [benefits, unreadPolicies, applied] = await Promise.all([
    listBenefitsOfEnterprise(db, enterpriseId),
    findUnreadPolicyIds(db, enterpriseId),
    myApplications(db, enterpriseId),
  ]);
  const benefitOf = new Map(benefits.map((b) => [b.policy_id, b]));
  const item = (e: Evaluated) => {
    const b = benefitOf.get(e.id);
    return {
      id: e.id,
      version: e.version,
      title: e.definition.title,
      issuer: e.definition.issuer,
      documentNumber: e.definition.documentNumber,
      method: e.definition.method,
      benefit: e.definition.benefit,
      howTo: e.definition.howTo,
      link: e.definition.link,
      applyUrl: e.definition.applyUrl ?? null,
      applyOffice: e.definition.applyOffice ?? null,
      contact: e.definition.contact,
      expiresOn: e.definition.expiresOn,
      demo: e.definition.demo,
      isNew: unreadPolicies.has(e.id),
      application: applied.get(e.id) ?? null,
      outcome: e.answer.outcome,
      explanation: e.answer.explanation,
      missing: e.answer.missing,
      nearMiss: e.answer.nearMiss,
      benefitStatus: b
        ? {
            id: b.id,
            status: b.status,
            amount: b.amount === null ? null : Number(b.amount),
            paidOn: b.paid_on,
            rowVersion: b.row_version,
          }
        : null,
    };
  };
  return {
    date,
    ...byOutcome(evaluated, item),
  };
}

/**
 * Evaluated policies in the three lists an enterprise's policies are shown in: eligible, missed by one condition
 * it can still meet (a near miss), and needing facts the registry lacks; each shown by `item`.
 */
function byOutcome<T>(evaluated: Evaluated[], item: (e: Evaluated) => T) {
  return {
    eligible: evaluated.filter((e) => e.answer.outcome === 'eligible').map(item),
    almost: evaluated.filter((e) => e.answer.outcome === 'not_eligible' && e.answer.nearMiss).map(item),
    unknown: evaluated.filter((e) => e.answer.outcome === 'unknown').map(item),
  };
}

/**
 * An enterprise's policies as an official sees them on its registry page: the same evaluation as the enterprise's
 * own "my policies" (what it qualifies for and why, what it misses by one condition it can still meet, what needs
 * facts the registry lacks), for an enterprise in the official's region, with what it applied for.
 */
export async function enterprisePoliciesForOfficial(
  db: Kysely<Database>,
  actor: Actor,
  enterpriseId: number,
) {
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const facts = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  if (!facts) throw new AppError('NOT_FOUND');
  assertInRegion(actor, facts.regionCode ?? '');
  const date = today();
  const [evaluated, applied] = await Promise.all([
    evaluateFacts(db, facts, date),
    myApplications(db, enterpriseId),
  ]);
  const item = (e: Evaluated) => ({
    id: e.id,
    version: e.version,
    title: e.definition.title,
    issuer: e.definition.issuer,
    documentNumber: e.definition.documentNumber,
    method: e.definition.method,
    benefit: e.definition.benefit,
    expiresOn: e.definition.expiresOn,
    demo: e.definition.demo,
    application: applied.get(e.id) ?? null,
    outcome: e.answer.outcome,
    explanation: e.answer.explanation,
    missing: e.answer.missing,
    nearMiss: e.answer.nearMiss,
  });
  return {
    date,
    // Policies are for enterprises in operation (see evaluateFacts): the page says why the lists are empty.
    isActive: facts.status === 'active',
    ...byOutcome(evaluated, item),
  };
}

/** One policy for the enterprise: the evaluation, and its notices about it marked read. */
export async function myPolicy(db: Kysely<Database>, actor: Actor, id: number) {
  const enterpriseId = requireEnterprise(actor);
  const policy = await getPublishedPolicy(db, id);
  const facts = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  if (!facts) throw new AppError('NOT_FOUND');
  const date = today();
  const def = { rule: policy.rule, parameters: policy.parameters };
  const answer = evaluateRule(def.rule, facts, date, def.parameters);
  await markPolicyRead(db, enterpriseId, id);
  return { policy, date, appliesInRegion: appliesIn(policy.regions, facts.regionCode), ...answer };
}
