/**
 * A policy as officials see it (issue 4): the draft or the published version with its versions and matches, the
 * list of policies, the draft's test cases and a preview of who qualifies.
 */
import type { Kysely } from 'kysely';
import { stringify } from 'yaml';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { compileRule, regionCondition } from './eligibility.sql.ts';
import { checked, loadForOfficial } from './policies.access.ts';
import { listVersionsWithPublishers } from './policies.library.ts';

import { countMatchesIn, previewMatches } from './policies.matching.repository.ts';
import { findVersion, officialPoliciesPage } from './policies.repository.ts';
import { hasSearchableWords } from './policy.terms.ts';
import { type PolicyDefinition, runPolicyTests } from './policy.yaml.ts';

const today = todayInChina;

/** A definition written back as YAML (the form's "view as YAML", and export). */
export function definitionYaml(definition: PolicyDefinition): string {
  const { tests, parameters, rule, ...head } = definition;
  const plain = {
    ...head,
    regions: head.regions.length === 0 ? 'national' : head.regions,
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    rule,
    tests: tests.map((t) => ({
      name: t.name,
      date: t.date,
      facts: t.facts,
      expect: t.expect,
      ...(t.nearMiss ? { nearMiss: t.nearMiss } : {}),
    })),
  };
  return stringify(plain, { lineWidth: 0 });
}

/** A policy as its editors see it: the draft, the versions, the matches. */
export async function getPolicyForOfficial(db: Kysely<Database>, actor: Actor, id: number) {
  const { row, editable, definition } = await loadForOfficial(db, actor, id);
  const [versions, matches, published] = await Promise.all([
    listVersionsWithPublishers(db, id),
    countMatchesIn(db, id, actor.regionPrefix ?? ''),
    row.current_version === null ? undefined : findVersion(db, id, row.current_version),
  ]);
  return {
    id: row.id,
    slug: row.slug,
    source: row.source,
    status: row.status,
    currentVersion: row.current_version,
    /** How the published version is obtained (the 免申即享 list needs 'automatic'). */
    publishedMethod: published?.method ?? null,
    draftChanged: editable && row.draft_changed,
    demo: row.is_demo,
    version: row.version,
    editable,
    draft: definition,
    yaml: definitionYaml(definition),
    matched: matches,
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: v.published_at.toISOString(),
      publishedBy: v.display_name,
      changeNote: v.change_note,
      documentNumber: v.document_number,
    })),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Policies for officials: published ones and their subtree's drafts, filtered like the library. */
export async function listPoliciesForOfficial(
  db: Kysely<Database>,
  actor: Actor,
  query: { q?: string; status?: 'draft' | 'published' | 'withdrawn'; page?: number; pageSize?: number },
) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  // Only punctuation or emoji: nothing to look for, so nothing found (a "-" would otherwise match every slug).
  if (query.q?.trim() && !hasSearchableWords(query.q))
    return { items: [], total: 0, page, pageSize, notice: 'query_has_no_words' as const };
  const prefix = actor.role === 'admin' ? '' : (actor.regionPrefix ?? '\u0000');
  const { rows, total } = await officialPoliciesPage(db, {
    prefix,
    matchPrefix: actor.regionPrefix ?? '',
    status: query.status,
    q: query.q,
    page,
    pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      status: r.status,
      currentVersion: r.current_version,
      draftChanged: r.draft_changed,
      demo: r.is_demo,
      title: { zh: r.title_zh, en: r.title_en },
      documentNumber: r.document_number,
      method: r.method,
      effectiveFrom: r.effective_from,
      expiresOn: r.expires_on,
      matched: r.matched,
      updatedAt: r.updated_at.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

/** Runs the draft's test cases (or those of a definition being edited, not yet saved). */
export async function testPolicy(db: Kysely<Database>, actor: Actor, id: number, definition?: unknown) {
  const visible = await loadForOfficial(db, actor, id);
  const policy = definition === undefined ? visible.definition : checked(definition);
  const results = runPolicyTests(policy);
  return {
    passed: results.filter((r) => r.passed).length,
    failed: results.filter((r) => !r.passed).length,
    results: results.map((r) => ({
      name: r.test.name,
      date: r.test.date,
      expect: r.test.expect,
      outcome: r.answer.outcome,
      passed: r.passed,
      reason: r.reason,
      explanation: r.answer.explanation,
    })),
  };
}

/** How many enterprises of the official's subtree the draft would match today, and the first of them. */
export async function previewPolicy(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  query: { page?: number; pageSize?: number },
) {
  const { definition: policy } = await loadForOfficial(db, actor, id);
  const date = today();
  const { condition, source } = compileRule(policy.rule, date, policy.parameters);
  const prefix = actor.role === 'admin' ? '' : (actor.regionPrefix ?? '\u0000');
  const scope = { prefix, regions: regionCondition(policy.regions) };
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { counts: c, items } = await previewMatches(db, { condition, source }, scope, page, pageSize);
  return {
    date,
    eligible: c.eligible,
    unknown: c.unknown,
    notEligible: c.total - c.eligible - c.unknown,
    total: c.total,
    items: items.map((e) => ({ id: e.id, uscc: e.uscc, name: e.name, regionCode: e.region_code })),
    page,
    pageSize,
  };
}
