/**
 * Use cases of the policy library (issue 4): officials write a policy (form or YAML), run its test cases, preview
 * who qualifies, publish and amend it (versions; audited; matched by a job) or withdraw it; the public searches
 * and reads the library and tries the eligibility check; an enterprise sees what it qualifies for and why.
 */
import { type Kysely, sql } from 'kysely';
import { stringify } from 'yaml';
import { findDepartment } from '../../../reference/departments.ts';
import { isRegionCode } from '../../../reference/regions.ts';
import type { Localized } from '../../../shared/errors.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { findUserDisplays } from '../accounts/index.ts';
import { appendAudit, escapeLike } from '../audit/index.ts';
import { enqueueJobs } from '../jobs/index.ts';
import { findUnreadPolicyIds, markPolicyRead } from '../notifications/index.ts';
import {
  type EnterpriseFacts,
  enterpriseCards,
  enterpriseRegions,
  loadEnterpriseFacts,
} from '../registry/index.ts';
import { type Eligibility, evaluateRule } from './eligibility.rules.ts';
import { compileRule } from './eligibility.sql.ts';
import { myApplications } from './policies.applications.ts';
import { inForce, POLICY_MATCH_JOB, regionCondition } from './policies.matching.ts';
import {
  appliesIn,
  findPolicyRow,
  findVersion,
  insertVersion,
  type LibraryFilter,
  libraryQuery,
  listVersions,
  type PolicyRow,
  publishedVersions,
} from './policies.repository.ts';
import { ownerRegionOf } from './policies.sync.ts';
import { hasSearchableWords } from './policy.terms.ts';
import {
  checkPolicy,
  type PolicyDefinition,
  type PolicyFileProblem,
  parsePolicyYaml,
  runPolicyTests,
} from './policy.yaml.ts';

const today = todayInChina;

/** Problems of a policy as field errors (the line first when it came from a file). */
function problemsError(problems: readonly PolicyFileProblem[], prefix: string): AppError {
  const errors: FieldError[] = problems.map((p) => ({
    field: p.field === '*' ? prefix.replace(/\.$/, '') || 'definition' : `${prefix}${p.field}`,
    message:
      p.line > 0
        ? { zh: `第 ${p.line} 行：${p.message.zh}`, en: `line ${p.line}: ${p.message.en}` }
        : p.message,
  }));
  return new AppError('VALIDATION_FAILED', errors);
}

/** An official may edit a policy owned by a region of their subtree; an admin any. */
function assertMayEdit(actor: Actor, row: Pick<PolicyRow, 'owner_region'>): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'official' || actor.regionPrefix === null) throw new AppError('FORBIDDEN');
  if (!row.owner_region.startsWith(actor.regionPrefix)) throw new AppError('OUT_OF_SCOPE');
}

/**
 * The regions of a policy as it will be must lie in the official's subtree (a national policy needs a national
 * official): 403 OUT_OF_SCOPE naming the field, like any write outside the actor's scope.
 */
function assertRegionsInScope(actor: Actor, definition: PolicyDefinition): void {
  if (actor.role === 'admin') return;
  const outOfScope = (field: string, message: Localized) =>
    new AppError('OUT_OF_SCOPE', [{ field, message }]);
  if (definition.regions.length === 0) {
    if (actor.regionPrefix !== '')
      throw outOfScope('definition.regions', {
        zh: '只有全国层级的工作人员可以发布全国性政策，请填写适用地区',
        en: 'only national officials may publish a national policy; list the regions it applies to',
      });
    return;
  }
  definition.regions.forEach((code, i) => {
    if (!code.startsWith(actor.regionPrefix ?? '\u0000'))
      throw outOfScope(`definition.regions.${i}`, {
        zh: `地区 ${code} 不在您的管辖范围内`,
        en: `region ${code} is outside your scope`,
      });
  });
}

function checked(definition: unknown, prefix = 'definition.'): PolicyDefinition {
  const parsed = checkPolicy(definition);
  if (!parsed.ok) throw problemsError(parsed.problems, prefix);
  return parsed.policy;
}

/** An official writes a new policy (a draft until published). */
export async function createPolicy(db: Kysely<Database>, caller: Caller, definition: unknown) {
  const actor = requireActor(caller);
  const policy = checked(definition);
  return insertDraft(db, caller, actor, policy);
}

async function insertDraft(db: Kysely<Database>, caller: Caller, actor: Actor, policy: PolicyDefinition) {
  assertRegionsInScope(actor, policy);
  if (policy.demo && actor.role !== 'admin')
    throw AppError.field('definition.demo', {
      zh: '演示政策只随演示数据提供',
      en: 'demonstration policies come with the demo data only',
    });
  const id = await db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('policies')
      .select('id')
      .where('slug', '=', policy.id)
      .executeTakeFirst();
    if (taken)
      throw new AppError('ALREADY_EXISTS', [
        {
          field: 'definition.id',
          message: { zh: `编号“${policy.id}”已被使用`, en: `the id "${policy.id}" is taken` },
        },
      ]);
    const row = await trx
      .insertInto('policies')
      .values({
        slug: policy.id,
        source: 'official',
        draft: JSON.stringify(policy),
        current_version: null,
        owner_region: actor.role === 'official' ? (actor.regionCode ?? '') : ownerRegionOf(policy),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'policy.created',
        targetType: 'policy',
        targetId: row.id,
        requestId: caller.requestId,
        summary: { slug: policy.id, title: policy.title.zh, documentNumber: policy.documentNumber },
      },
    );
    return row.id;
  });
  return getPolicyForOfficial(db, actor, id);
}

/** Saves a policy's draft; `version` is the one the editor opened (a later save by someone else is a conflict). */
export async function saveDraft(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: { definition: unknown; version: number },
) {
  const actor = requireActor(caller);
  await db.transaction().execute(async (trx) => {
    const row = await findPolicyRow(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND');
    // Scope first, as stored: someone who may not edit the policy learns nothing from checking what they sent.
    assertMayEdit(actor, row);
    if (row.version !== body.version) throw new AppError('CONFLICT');
    const policy = checked(body.definition);
    if (policy.id !== row.slug)
      throw AppError.field('definition.id', {
        zh: `政策编号不能修改（应为“${row.slug}”）`,
        en: `a policy's id cannot change (it is "${row.slug}")`,
      });
    // And as it will be: the regions it is to apply in must be in the official's scope too.
    assertRegionsInScope(actor, policy);
    if (policy.demo !== row.is_demo)
      throw AppError.field('definition.demo', { zh: '不能更改演示标记', en: 'the demo mark cannot change' });
    await trx
      .updateTable('policies')
      .set({
        draft: JSON.stringify(policy),
        draft_changed: true,
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'policy.draft_saved',
        targetType: 'policy',
        targetId: id,
        requestId: caller.requestId,
        summary: {},
      },
    );
  });
  return getPolicyForOfficial(db, actor, id);
}

/** A YAML file from an official: a new policy, or the draft of the policy with its id. */
export async function importPolicyYaml(db: Kysely<Database>, caller: Caller, text: string, version?: number) {
  const actor = requireActor(caller);
  const parsed = parsePolicyYaml(text);
  if (!parsed.ok) throw problemsError(parsed.problems, 'yaml.');
  const existing = await db
    .selectFrom('policies')
    .select(['id', 'version'])
    .where('slug', '=', parsed.policy.id)
    .executeTakeFirst();
  if (!existing) return insertDraft(db, caller, actor, parsed.policy);
  // Replacing a draft needs the version the editor opened, as any save does (a file from the list is refused).
  if (version === undefined)
    throw new AppError(
      'ALREADY_EXISTS',
      [
        {
          field: 'yaml.id',
          message: {
            zh: `编号“${parsed.policy.id}”的政策已存在`,
            en: `a policy "${parsed.policy.id}" exists`,
          },
        },
      ],
      {
        zh: `编号“${parsed.policy.id}”的政策已存在；请打开该政策，在 YAML 页替换其草稿`,
        en: `A policy "${parsed.policy.id}" exists; open it and replace its draft on the YAML tab`,
      },
    );
  return saveDraft(db, caller, existing.id, { definition: parsed.policy, version });
}

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

function mayEdit(actor: Actor, row: Pick<PolicyRow, 'owner_region'>): boolean {
  try {
    assertMayEdit(actor, row);
    return true;
  } catch {
    return false;
  }
}

/**
 * A policy as an official may see it: its editors (officials of the owning region, admins) see the draft; other
 * officials see only what is published (the last published version), never a draft.
 */
async function loadForOfficial(db: Kysely<Database>, actor: Actor, id: number) {
  const row = await findPolicyRow(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (mayEdit(actor, row)) return { row, editable: true, definition: row.draft as PolicyDefinition };
  if (row.current_version === null) throw new AppError('OUT_OF_SCOPE');
  const published = await findVersion(db, id, row.current_version);
  if (!published) throw new AppError('NOT_FOUND');
  return { row, editable: false, definition: published.definition as PolicyDefinition };
}

/** A policy's versions, newest first, each with its publisher's name and department (null: shipped). */
async function listVersionsWithPublishers(db: Kysely<Database>, id: number) {
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

/** A policy as its editors see it: the draft, the versions, the matches. */
export async function getPolicyForOfficial(db: Kysely<Database>, actor: Actor, id: number) {
  const { row, editable, definition } = await loadForOfficial(db, actor, id);
  const [versions, matches, published] = await Promise.all([
    listVersionsWithPublishers(db, id),
    db
      .selectFrom('policy_matches as m')
      .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'm.enterprise_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('m.policy_id', '=', id)
      .where(sql<boolean>`starts_with(e.region_code, ${actor.regionPrefix ?? ''})`)
      .executeTakeFirstOrThrow(),
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
    matched: matches.n,
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
  let base = db
    .selectFrom('policies as p')
    .leftJoin('policy_versions as v', (join) =>
      join.onRef('v.policy_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
    )
    .where((eb) =>
      eb.or([
        eb('p.status', '=', 'published'),
        eb(sql<boolean>`starts_with(p.owner_region, ${prefix})`, '=', true),
      ]),
    );
  if (query.status) base = base.where('p.status', '=', query.status);
  // Officials outside the owning region see the published version, never the draft.
  const visible = sql<unknown>`(case when starts_with(p.owner_region, ${prefix}) then p.draft else v.definition end)`;
  if (query.q?.trim()) {
    const like = `%${escapeLike(query.q.trim())}%`;
    base = base.where((eb) =>
      eb.or([
        eb(sql<string>`${visible}->'title'->>'zh'`, 'ilike', like),
        eb(sql<string>`${visible}->>'documentNumber'`, 'ilike', like),
        eb('p.slug', 'ilike', like),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .select([
        'p.id',
        'p.slug',
        'p.status',
        'p.current_version',
        sql<boolean>`(p.draft_changed and starts_with(p.owner_region, ${prefix}))`.as('draft_changed'),
        'p.is_demo',
        'p.owner_region',
        'p.updated_at',
        sql<string>`${visible}->'title'->>'zh'`.as('title_zh'),
        sql<string>`${visible}->'title'->>'en'`.as('title_en'),
        sql<string>`${visible}->>'documentNumber'`.as('document_number'),
        sql<string>`${visible}->>'method'`.as('method'),
        'v.effective_from',
        'v.expires_on',
        sql<number>`(select count(*)::int from policy_matches m join ${enterpriseRegions()} e on e.id = m.enterprise_id
          where m.policy_id = p.id and starts_with(e.region_code, ${actor.regionPrefix ?? ''}))`.as(
          'matched',
        ),
      ])
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
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
    total: total.n,
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
  const regions = regionCondition(policy.regions);
  const scope = sql`e.status = 'active' and starts_with(e.region_code, ${prefix}) and ${regions}`;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const [counts, items] = await Promise.all([
    sql<{ eligible: number; unknown: number; total: number }>`
      select (count(*) filter (where ${condition}))::int as eligible,
        (count(*) filter (where (${condition}) is null))::int as unknown, count(*)::int as total
      from ${source} where ${scope}`.execute(db),
    sql<{ id: number; uscc: string; name: string; region_code: string }>`
      select e.id, e.uscc, e.name, e.region_code from ${source}
      where ${scope} and ${condition} order by e.id limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(
      db,
    ),
  ]);
  const c = counts.rows[0] ?? { eligible: 0, unknown: 0, total: 0 };
  return {
    date,
    eligible: c.eligible,
    unknown: c.unknown,
    notEligible: c.total - c.eligible - c.unknown,
    total: c.total,
    items: items.rows.map((e) => ({ id: e.id, uscc: e.uscc, name: e.name, regionCode: e.region_code })),
    page,
    pageSize,
  };
}

/** Publishes the draft as the next version (its tests must pass); matching follows in a job. */
export async function publishPolicy(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: { version: number; changeNote?: string },
) {
  const actor = requireActor(caller);
  await db.transaction().execute(async (trx) => {
    const row = await findPolicyRow(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND');
    assertMayEdit(actor, row);
    if (row.version !== body.version) throw new AppError('CONFLICT');
    if (row.status === 'published' && !row.draft_changed)
      throw new AppError('CONFLICT', [], {
        zh: '草稿与已发布版本相同，无需再次发布',
        en: 'The draft is the published version; there is nothing new to publish',
      });
    const policy = checked(row.draft, 'draft.');
    assertRegionsInScope(actor, policy);
    const failing = runPolicyTests(policy).filter((r) => !r.passed);
    if (failing.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        failing.map((f) => ({
          field: `tests.${policy.tests.indexOf(f.test)}`,
          message: {
            zh: `测试用例“${f.test.name}”未通过：${f.reason}`,
            en: `test "${f.test.name}" failed: ${f.reason}`,
          },
        })),
        {
          zh: '测试用例未全部通过，不能发布',
          en: 'Not every test case passes; the policy cannot be published',
        },
      );
    const amended = row.current_version !== null;
    if (amended && !body.changeNote?.trim())
      throw AppError.field('changeNote', {
        zh: '修订已发布的政策需要说明修改内容',
        en: 'amending a published policy needs a note of what changed',
      });
    const version = await insertVersion(trx, id, policy, actor.userId, body.changeNote?.trim() || null);
    await trx
      .updateTable('policies')
      .set({
        status: 'published',
        current_version: version,
        draft_changed: false,
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: amended ? 'policy.amended' : 'policy.published',
        targetType: 'policy',
        targetId: id,
        requestId: caller.requestId,
        summary: {
          version,
          documentNumber: policy.documentNumber,
          changeNote: body.changeNote ?? null,
          ...(amended ? { previousVersion: row.current_version } : {}),
        },
      },
    );
    await enqueueJobs(trx, [{ kind: POLICY_MATCH_JOB, payload: { policyIds: [id] } }]);
  });
  return getPolicyForOfficial(db, actor, id);
}

/** Takes a policy out of the library (its matches go; versions, benefits and payouts stay). */
export async function withdrawPolicy(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: { version: number; reason: string },
) {
  const actor = requireActor(caller);
  await db.transaction().execute(async (trx) => {
    const row = await findPolicyRow(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND');
    assertMayEdit(actor, row);
    if (row.version !== body.version) throw new AppError('CONFLICT');
    if (row.status !== 'published')
      throw new AppError('CONFLICT', [], {
        zh: '只能撤回已发布的政策',
        en: 'Only a published policy can be withdrawn',
      });
    await trx
      .updateTable('policies')
      .set({ status: 'withdrawn', version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'policy.withdrawn',
        targetType: 'policy',
        targetId: id,
        requestId: caller.requestId,
        summary: { reason: body.reason, version: row.current_version },
      },
    );
    await enqueueJobs(trx, [{ kind: POLICY_MATCH_JOB, payload: { policyIds: [id] } }]);
  });
  return getPolicyForOfficial(db, actor, id);
}

// ---------------------------------------------------------------------------------------------------------
// The public library

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
  const [rows, total] = await Promise.all([
    libraryQuery(db, filter)
      .select([
        'v.policy_id',
        'v.version',
        'v.title_zh',
        'v.title_en',
        'v.issuer',
        'v.document_number',
        'v.issued_on',
        'v.effective_from',
        'v.expires_on',
        'v.regions',
        'v.method',
        'v.topics',
        'v.sizes',
        'v.is_demo',
        'v.definition',
      ])
      .orderBy(sql`case when ${q} <> '' and strpos(v.title_zh, ${q}) > 0 then 0 else 1 end`)
      .orderBy('v.effective_from', 'desc')
      .orderBy('v.policy_id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    libraryQuery(db, filter).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => libraryItem(r, date)), total: total.n, page, pageSize };
}

/** The values the library can be filtered by. */
export async function libraryFacets(db: Kysely<Database>) {
  const rows = await libraryQuery(db, { today: today(), includeDemo: true })
    .select(['v.issuer', 'v.topics'])
    .execute();
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

// ---------------------------------------------------------------------------------------------------------
// An enterprise's policies

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
    db
      .selectFrom('policy_benefits')
      .select(['id', 'policy_id', 'status', 'amount', 'paid_on', 'row_version'])
      .where('enterprise_id', '=', enterpriseId)
      .where('status', '<>', 'listed')
      .execute(),
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
