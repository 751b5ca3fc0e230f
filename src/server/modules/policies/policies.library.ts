/**
 * The public library (issue 4): search, facets, a published policy with its history, and the eligibility
 * self-check.
 */
import type { Kysely } from 'kysely';
import { findDepartment } from '../../../reference/departments.ts';
import { isRegionCode } from '../../../reference/regions.ts';
import type { Localized } from '../../../shared/errors.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { findUserDisplays } from '../accounts/index.ts';
import type { EnterpriseFacts } from '../registry/index.ts';
import { evaluateRule } from './eligibility.rules.ts';
import { inForce } from './policies.matching.ts';
import {
  appliesIn,
  findPolicyRow,
  findVersion,
  type LibraryFilter,
  libraryFacetRows,
  libraryPage,
  listVersions,
} from './policies.repository.ts';
import { hasSearchableWords } from './policy.terms.ts';
import type { PolicyDefinition } from './policy.yaml.ts';

const today = todayInChina;

/** A published version as the library shows it. */
function libraryItem(
  v: {
    policy_id: number;
    version: number;
    title_zh: string;
    title_en: string;
    issuer: string;
    document_number: string;
    issued_on: string | null;
    effective_from: string;
    expires_on: string | null;
    regions: string[];
    method: string;
    topics: string[];
    sizes: string[];
    is_demo: boolean;
    definition: unknown;
  },
  date: string,
) {
  const def = v.definition as PolicyDefinition;
  return {
    id: v.policy_id,
    version: v.version,
    slug: def.id,
    title: { zh: v.title_zh, en: v.title_en },
    issuer: v.issuer,
    documentNumber: v.document_number,
    issuedOn: v.issued_on,
    effectiveFrom: v.effective_from,
    expiresOn: v.expires_on,
    regions: v.regions,
    method: v.method,
    topics: v.topics,
    sizes: v.sizes,
    demo: v.is_demo,
    benefit: def.benefit,
    state: v.effective_from > date ? 'upcoming' : inForce(v, date) ? 'in_force' : 'expired',
  };
}

/** Searches the library. */
export async function searchLibrary(
  db: Kysely<Database>,
  query: Omit<LibraryFilter, 'today' | 'includeDemo'> & { page?: number; pageSize?: number },
) {
  const { page = 1, pageSize = 20, ...rest } = query;
  if (rest.region && !isRegionCode(rest.region))
    throw AppError.field('region', { zh: '不是有效的行政区划代码', en: 'is not a GB/T 2260 region code' });
  const date = today();
  const filter: LibraryFilter = { ...rest, today: date, includeDemo: true };
  const q = rest.q?.trim() ?? '';
  // Only punctuation, symbols or emoji: nothing to look for, so nothing found, and the page says why.
  if (q && !hasSearchableWords(q))
    return { items: [], total: 0, page, pageSize, notice: 'query_has_no_words' as const };
  const { rows, total } = await libraryPage(db, filter, q, page, pageSize);
  return { items: rows.map((r) => libraryItem(r, date)), total, page, pageSize };
}

/** The values the library can be filtered by. */
export async function libraryFacets(db: Kysely<Database>) {
  const rows = await libraryFacetRows(db, today());
  return {
    issuers: [...new Set(rows.map((r) => r.issuer))].sort(),
    topics: [...new Set(rows.flatMap((r) => r.topics))].sort(),
  };
}

/**
 * A version as the public sees it: who published it — shipped with the platform (its note, a file name in the
 * repository, is not shown) or an official of a department — and the change note.
 */
function departmentName(code: string | null): Localized | null {
  const found = code ? findDepartment(code) : undefined;
  return found ? { zh: found.nameZh, en: found.nameEn } : null;
}

function publicVersion(x: {
  version: number;
  published_at: Date;
  change_note: string | null;
  published_by: number | null;
  department_code: string | null;
}) {
  const shipped = x.published_by === null;
  return {
    version: x.version,
    publishedAt: x.published_at.toISOString(),
    changeNote: shipped && x.change_note?.startsWith('rules/policies/') ? null : x.change_note,
    source: shipped ? ('platform' as const) : ('official' as const),
    department: departmentName(x.department_code),
  };
}

/** A policy's versions, newest first, each with its publisher's name and department (null: shipped). */
export async function listVersionsWithPublishers(db: Kysely<Database>, id: number) {
  const versions = await listVersions(db, id);
  const publishers = await findUserDisplays(
    db,
    versions.map((v) => v.published_by),
  );
  return versions.map((v) => {
    const publisher = v.published_by === null ? undefined : publishers.get(v.published_by);
    return {
      ...v,
      display_name: publisher?.displayName ?? null,
      department_code: publisher?.departmentCode ?? null,
    };
  });
}

/** One published policy (its current version, or an earlier one) with its history. */
export async function getPublishedPolicy(db: Kysely<Database>, id: number, version?: number) {
  const row = await findPolicyRow(db, id);
  if (!row || row.current_version === null || (row.status !== 'published' && version === undefined))
    throw new AppError('NOT_FOUND');
  const v = await findVersion(db, id, version ?? row.current_version);
  if (!v) throw new AppError('NOT_FOUND');
  const def = v.definition as PolicyDefinition;
  const versions = await listVersionsWithPublishers(db, id);
  return {
    ...libraryItem(v, today()),
    status: row.status,
    currentVersion: row.current_version,
    howTo: def.howTo,
    interpretation: def.interpretation,
    fullText: def.fullText,
    contact: def.contact,
    link: def.link,
    applyUrl: def.applyUrl ?? null,
    applyOffice: def.applyOffice ?? null,
    rule: def.rule,
    parameters: def.parameters,
    versions: versions.map((x) => publicVersion(x)),
  };
}

/** The public self-check: a policy's current rule against the facts someone typed in. */
export async function checkEligibility(
  db: Kysely<Database>,
  id: number,
  facts: EnterpriseFacts,
  date = today(),
) {
  const row = await findPolicyRow(db, id);
  if (row?.status !== 'published' || row.current_version === null) throw new AppError('NOT_FOUND');
  const v = await findVersion(db, id, row.current_version);
  if (!v) throw new AppError('NOT_FOUND');
  const def = v.definition as PolicyDefinition;
  const answer = evaluateRule(def.rule, facts, date, def.parameters);
  const applies = appliesIn(def.regions, facts.regionCode);
  return { date, version: v.version, inForce: inForce(v, date), appliesInRegion: applies, ...answer };
}
