/**
 * Writing a policy (issue 4): officials create it (form or YAML), save its draft, publish and amend it (versions;
 * audited; matched by a job) or withdraw it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { enqueueJobs } from '../jobs/index.ts';
import { assertMayEdit, assertRegionsInScope, checked, problemsError } from './policies.access.ts';
import { POLICY_MATCH_JOB } from './policies.matching.ts';
import { getPolicyForOfficial } from './policies.officials.ts';
import {
  findPolicyBySlug,
  findPolicyRow,
  insertDraftPolicy,
  insertVersion,
  markPublished,
  markWithdrawn,
  updateDraft,
} from './policies.repository.ts';
import { ownerRegionOf } from './policies.sync.ts';
import { type PolicyDefinition, parsePolicyYaml, runPolicyTests } from './policy.yaml.ts';

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
    if (await findPolicyBySlug(trx, policy.id))
      throw new AppError('ALREADY_EXISTS', [
        {
          field: 'definition.id',
          message: { zh: `编号“${policy.id}”已被使用`, en: `the id "${policy.id}" is taken` },
        },
      ]);
    const row = await insertDraftPolicy(trx, {
      definition: policy,
      ownerRegion: actor.role === 'official' ? (actor.regionCode ?? '') : ownerRegionOf(policy),
      createdBy: actor.userId,
    });
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

/**
 * The policy row locked for a change by `actor`, who opened it at `version`: 404 when missing, 403 out of scope
 * (checked first, as stored: someone who may not edit the policy learns nothing from what they sent), 409 when
 * someone else changed it since.
 */
async function lockForEdit(trx: Transaction<Database>, actor: Actor, id: number, version: number) {
  const row = await findPolicyRow(trx, id, true);
  if (!row) throw new AppError('NOT_FOUND');
  assertMayEdit(actor, row);
  if (row.version !== version) throw new AppError('CONFLICT');
  return row;
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
    const row = await lockForEdit(trx, actor, id, body.version);
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
    await updateDraft(trx, id, policy, row.version + 1);
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
  const existing = await findPolicyBySlug(db, parsed.policy.id);
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

/** Publishes the draft as the next version (its tests must pass); matching follows in a job. */
export async function publishPolicy(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: { version: number; changeNote?: string },
) {
  const actor = requireActor(caller);
  await db.transaction().execute(async (trx) => {
    const row = await lockForEdit(trx, actor, id, body.version);
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
    await markPublished(trx, id, version, row.version + 1);
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
    await enqueueJobs(trx, [
      { kind: POLICY_MATCH_JOB, payload: { policyIds: [id] }, requestId: caller.requestId },
    ]);
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
    const row = await lockForEdit(trx, actor, id, body.version);
    if (row.status !== 'published')
      throw new AppError('CONFLICT', [], {
        zh: '只能撤回已发布的政策',
        en: 'Only a published policy can be withdrawn',
      });
    await markWithdrawn(trx, id, row.version + 1);
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
    await enqueueJobs(trx, [
      { kind: POLICY_MATCH_JOB, payload: { policyIds: [id] }, requestId: caller.requestId },
    ]);
  });
  return getPolicyForOfficial(db, actor, id);
}

/**
 * Publishes a definition at once as a platform policy (no draft stage, no actor, no audit): for tools such as the
 * matching benchmark that fill a library; returns the policy's id.
 */
export async function publishPlatformPolicy(trx: Transaction<Database>, definition: PolicyDefinition) {
  const { id } = await insertDraftPolicy(trx, {
    definition,
    ownerRegion: ownerRegionOf(definition),
    createdBy: null,
  });
  const version = await insertVersion(trx, id, definition, null, null);
  await markPublished(trx, id, version, 1);
  return id;
}
