/**
 * Applications to 需申报 policies (issue 12). A policy obtained by application (需申报, or 快申快享) names where to
 * apply — its application link, its office, else its original link and contact — and the enterprise records that
 * it applied (channel, note; audited), once per policy version. Its card then says "已于 … 申报", and the officials
 * count and list the enterprises of their region that applied, with an export.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { loadEnterpriseFacts } from '../registry/index.ts';
import {
  type ApplicationRow,
  applicationsAfter,
  applicationsPage,
  insertApplication,
  listApplicationsOfEnterprise,
} from './policies.applications.repository.ts';
import { inForce } from './policies.matching.ts';
import { appliesIn, findPolicyRow, findVersion } from './policies.repository.ts';
import type { ApplicationChannel } from './policies.table.ts';
import type { PolicyMethod } from './policy.yaml.ts';

/** Methods by which a benefit is applied for (the others are granted without an application). */
export const APPLIED_METHODS: readonly PolicyMethod[] = ['application', 'fast'];

/** Whether a policy obtained by `method` is applied for. */
export function isAppliedFor(method: string): boolean {
  return (APPLIED_METHODS as readonly string[]).includes(method);
}

function scopePrefix(actor: Actor): string {
  if (actor.role === 'admin') return '';
  if (actor.role !== 'official' || actor.regionPrefix === null) throw new AppError('FORBIDDEN');
  return actor.regionPrefix;
}

/** The enterprise records that it applied for the current version of a policy. */
export async function applyForPolicy(
  db: Kysely<Database>,
  caller: Caller,
  policyId: number,
  body: { channel: ApplicationChannel; note?: string },
  date: string,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const row = await findPolicyRow(db, policyId);
  if (row?.status !== 'published' || row.current_version === null) throw new AppError('NOT_FOUND');
  const version = await findVersion(db, policyId, row.current_version);
  if (!version) throw new AppError('NOT_FOUND');
  if (!isAppliedFor(version.method))
    throw new AppError('CONFLICT', [], {
      zh: '该政策无需申报（免申即享）',
      en: 'This policy needs no application (免申即享)',
    });
  if (!inForce(version, date))
    throw new AppError('CONFLICT', [], { zh: '该政策不在有效期内', en: 'This policy is not in force' });
  const facts = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  if (!facts) throw new AppError('NOT_FOUND');
  if (!appliesIn(version.regions, facts.regionCode))
    throw new AppError('CONFLICT', [], {
      zh: '该政策不适用于贵企业所在地区',
      en: "This policy does not apply in your enterprise's region",
    });
  const note = body.note?.trim() || null;
  return db.transaction().execute(async (trx) => {
    const inserted = await insertApplication(trx, {
      enterpriseId,
      policyId,
      version: version.version,
      channel: body.channel,
      note,
      recordedBy: actor.userId,
    });
    if (!inserted)
      throw new AppError('CONFLICT', [], {
        zh: '已记录过对本版本政策的申报',
        en: 'Your application for this version of the policy is recorded already',
      });
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'policy.applied',
        targetType: 'policy',
        targetId: policyId,
        requestId: caller.requestId,
        summary: { enterpriseId, version: version.version, channel: body.channel, note },
      },
    );
    return {
      policyId,
      version: version.version,
      appliedAt: inserted.applied_at.toISOString(),
      channel: body.channel,
      note,
    };
  });
}

/** The latest application of an enterprise to each policy (for its cards). */
export async function myApplications(db: Kysely<Database>, enterpriseId: number) {
  const rows = await listApplicationsOfEnterprise(db, enterpriseId);
  const latest = new Map<number, ApplicationOfEnterprise>();
  for (const r of rows)
    latest.set(r.policy_id, {
      version: r.version,
      appliedAt: r.applied_at.toISOString(),
      channel: r.channel,
      note: r.note,
    });
  return latest;
}

/** What an enterprise's card shows of its application. */
export interface ApplicationOfEnterprise {
  version: number;
  appliedAt: string;
  channel: ApplicationChannel;
  note: string | null;
}

function applicationView(r: ApplicationRow) {
  return {
    enterpriseId: r.enterprise_id,
    uscc: r.uscc,
    name: r.name,
    regionCode: r.region_code,
    version: r.version,
    appliedAt: r.applied_at.toISOString(),
    channel: r.channel,
    note: r.note,
  };
}

/** An application as the officials' list and export show it. */
export type ApplicationView = ReturnType<typeof applicationView>;

async function assertPolicyExists(db: Kysely<Database>, policyId: number) {
  const row = await findPolicyRow(db, policyId);
  if (!row || row.current_version === null) throw new AppError('NOT_FOUND');
}

/** A page of the enterprises of the official's region that applied for a policy (newest first), and the count. */
export async function listApplications(
  db: Kysely<Database>,
  actor: Actor,
  policyId: number,
  query: { q?: string; page?: number; pageSize?: number },
) {
  const prefix = scopePrefix(actor);
  await assertPolicyExists(db, policyId);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await applicationsPage(db, policyId, prefix, query.q, page, pageSize);
  return { items: rows.map(applicationView), total, page, pageSize };
}

/** Every application of the official's region to a policy (for export), in pages of enterprise order. */
export async function* streamApplications(db: Kysely<Database>, actor: Actor, policyId: number) {
  const prefix = scopePrefix(actor);
  await assertPolicyExists(db, policyId);
  let after = { enterpriseId: 0, version: 0 };
  for (;;) {
    const rows = await applicationsAfter(db, policyId, prefix, after, 2000);
    if (rows.length === 0) return;
    yield rows.map(applicationView);
    const last = rows[rows.length - 1] as ApplicationRow;
    after = { enterpriseId: last.enterprise_id, version: last.version };
  }
}
