/**
 * 免申即享 (benefits without application, measure 7): the bureau lists the enterprises that qualify for an
 * automatic policy, sends the list for confirmation of willingness (意愿确认), each enterprise confirms or
 * declines, the payout is recorded per enterprise (amount, date; audited), and the list is exported. Each entry
 * keeps the version of the policy it was listed under. Reach statistics follow a policy from match to payout.
 */

import type { Kysely } from 'kysely';
import { findRegion, regionChildren, regionScopePrefix } from '../../../reference/regions.ts';
import { dateInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { appendAudit } from '../audit/index.ts';
import { notify, policyNoticeReach, queueDelivery } from '../notifications/index.ts';
import {
  benefitEnterprise,
  benefitsAfter,
  benefitsPage,
  countBenefitsByRegion,
  findAnyBenefit,
  listBenefitsWithVersions,
  listMatchesForBenefits,
  lockBenefit,
  lockBenefitForPayout,
  recordBenefitPaid,
  recordBenefitResponse,
  sendListedBenefits,
} from './policies.benefits.repository.ts';
import { countMatchesByRegion } from './policies.matching.repository.ts';
import { findPolicyRow, getVersionHead } from './policies.repository.ts';
import type { BenefitStatus } from './policies.table.ts';
import type { PolicyDefinition } from './policy.yaml.ts';

/** An amount of yuan as people write it: 12,800 or 12,800.5. */
function yuan(amount: number, locale: string): string {
  return amount.toLocaleString(locale, { maximumFractionDigits: 2 });
}

function scopePrefix(actor: Actor): string {
  if (actor.role === 'admin') return '';
  if (actor.role !== 'official' || actor.regionPrefix === null) throw new AppError('FORBIDDEN');
  return actor.regionPrefix;
}

/**
 * A policy with a benefit list. Generating and sending need its published version to be 免申即享 and published;
 * an existing list stays readable and exportable after an amendment or a withdrawal.
 */
async function benefitPolicy(db: Kysely<Database>, id: number, forAction: boolean) {
  const row = await findPolicyRow(db, id);
  if (!row || row.current_version === null) throw new AppError('NOT_FOUND');
  const published = await getVersionHead(db, id, row.current_version);
  if (forAction && row.status !== 'published')
    throw new AppError('CONFLICT', [], { zh: '政策未发布或已撤回', en: 'The policy is not published' });
  if (published.method !== 'automatic') {
    const listed = forAction ? undefined : await findAnyBenefit(db, id);
    if (!listed)
      throw new AppError('CONFLICT', [], {
        zh: '只有“免申即享”政策才有兑现名单',
        en: 'Only a 免申即享 (no-application) policy has a benefit list',
      });
  }
  return { row, published };
}

/** Lists every enterprise of the official's subtree that qualifies now and is not on the list yet. */
export async function generateBenefitList(db: Kysely<Database>, caller: Caller, policyId: number) {
  const actor = requireActor(caller);
  const prefix = scopePrefix(actor);
  await benefitPolicy(db, policyId, true);
  return db.transaction().execute(async (trx) => {
    const listed = await listMatchesForBenefits(trx, policyId, prefix);
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'policy.benefits_listed',
        targetType: 'policy',
        targetId: policyId,
        requestId: caller.requestId,
        summary: { listed, region: prefix },
      },
    );
    return { listed };
  });
}

/** Sends the listed entries of the official's subtree for confirmation: each enterprise gets a notice. */
export async function sendForConfirmation(db: Kysely<Database>, caller: Caller, policyId: number) {
  const actor = requireActor(caller);
  const prefix = scopePrefix(actor);
  const { published } = await benefitPolicy(db, policyId, true);
  return db.transaction().execute(async (trx) => {
    const counts = await sendListedBenefits(trx, policyId, prefix, {
      zh: `请确认是否享受：${published.title_zh}`,
      en: `Please confirm whether you take up: ${published.title_en}`,
    });
    if (counts.delivered > 0) await queueDelivery(trx);
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'policy.benefits_sent',
        targetType: 'policy',
        targetId: policyId,
        requestId: caller.requestId,
        summary: { sent: counts.sent, region: prefix },
      },
    );
    return { sent: counts.sent };
  });
}

function benefitView(r: {
  id: number;
  version: number;
  enterprise_id: number;
  uscc: string;
  name: string;
  region_code: string;
  status: BenefitStatus;
  listed_at: Date;
  sent_at: Date | null;
  responded_at: Date | null;
  response_note: string | null;
  amount: string | null;
  paid_on: string | null;
  row_version: number;
}) {
  return {
    id: r.id,
    version: r.version,
    enterpriseId: r.enterprise_id,
    uscc: r.uscc,
    name: r.name,
    regionCode: r.region_code,
    status: r.status,
    listedAt: r.listed_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    respondedAt: r.responded_at?.toISOString() ?? null,
    responseNote: r.response_note,
    amount: r.amount === null ? null : Number(r.amount),
    paidOn: r.paid_on,
    rowVersion: r.row_version,
  };
}

export type BenefitView = ReturnType<typeof benefitView>;

/** A page of a policy's benefit list, with counts per status. */
export async function listBenefits(
  db: Kysely<Database>,
  actor: Actor,
  policyId: number,
  query: { status?: BenefitStatus; q?: string; page?: number; pageSize?: number },
) {
  const prefix = scopePrefix(actor);
  await benefitPolicy(db, policyId, false);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total, byStatus } = await benefitsPage(db, policyId, prefix, query, page, pageSize);
  return {
    items: rows.map(benefitView),
    total,
    page,
    pageSize,
    counts: Object.fromEntries(byStatus.map((s) => [s.status, s.n])) as Partial<
      Record<BenefitStatus, number>
    >,
    paidAmount: Number(byStatus.find((s) => s.status === 'paid')?.amount ?? 0),
  };
}

/** Every entry of the list in the official's subtree (for export), in pages. */
export async function* streamBenefits(
  db: Kysely<Database>,
  actor: Actor,
  policyId: number,
  status?: BenefitStatus,
) {
  const prefix = scopePrefix(actor);
  await benefitPolicy(db, policyId, false);
  let after = 0;
  for (;;) {
    const rows = await benefitsAfter(db, policyId, prefix, status, after, 2000);
    if (rows.length === 0) return;
    yield rows.map(benefitView);
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/** The enterprise confirms or declines a benefit sent to it. */
export async function respondToBenefit(
  db: Kysely<Database>,
  caller: Caller,
  benefitId: number,
  body: { decision: 'confirm' | 'decline'; note?: string; rowVersion: number },
) {
  const actor = requireActor(caller);
  if (actor.role !== 'enterprise' || actor.enterpriseId === null) throw new AppError('FORBIDDEN');
  return db.transaction().execute(async (trx) => {
    const b = await lockBenefit(trx, actor.enterpriseId as number, benefitId);
    if (!b) throw new AppError('NOT_FOUND');
    if (b.row_version !== body.rowVersion) throw new AppError('CONFLICT');
    if (b.status !== 'sent')
      throw new AppError('CONFLICT', [], {
        zh: b.status === 'listed' ? '该事项尚未发送确认' : '已答复过，不能再次答复',
        en:
          b.status === 'listed'
            ? 'This has not been sent for confirmation yet'
            : 'This has been answered already',
      });
    const status = body.decision === 'confirm' ? 'confirmed' : 'declined';
    await recordBenefitResponse(
      trx,
      { enterpriseId: b.enterprise_id, id: benefitId },
      {
        status,
        respondedBy: actor.userId,
        note: body.note?.trim() || null,
        rowVersion: b.row_version + 1,
      },
    );
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: `policy.benefit_${status}`,
        targetType: 'policy_benefit',
        targetId: benefitId,
        requestId: caller.requestId,
        summary: { policyId: b.policy_id, version: b.version, note: body.note ?? null },
      },
    );
    return { id: benefitId, status, rowVersion: b.row_version + 1 };
  });
}

/** Records the payout of a confirmed benefit (amount in yuan, date paid). */
export async function recordPayout(
  db: Kysely<Database>,
  caller: Caller,
  benefitId: number,
  body: { amount: number; paidOn: string; rowVersion: number },
  today: string,
) {
  const actor = requireActor(caller);
  const prefix = scopePrefix(actor);
  const cents = body.amount * 100;
  if (!(body.amount > 0) || body.amount >= 1e12 || Math.abs(cents - Math.round(cents)) > 1e-6)
    throw AppError.field('amount', {
      zh: '金额应为大于 0 的数，最多两位小数',
      en: 'the amount is a number above 0 with at most two decimals',
    });
  if (body.paidOn > today)
    throw AppError.field('paidOn', {
      zh: '支付日期不能晚于今天',
      en: 'the payment date cannot be in the future',
    });
  const enterpriseId = await benefitEnterprise(db, benefitId);
  if (enterpriseId === undefined) throw new AppError('NOT_FOUND');
  return db.transaction().execute(async (trx) => {
    const b = await lockBenefitForPayout(trx, enterpriseId, benefitId);
    if (!b) throw new AppError('NOT_FOUND');
    if (!b.region_code.startsWith(prefix)) throw new AppError('OUT_OF_SCOPE');
    if (b.row_version !== body.rowVersion) throw new AppError('CONFLICT');
    if (b.status !== 'confirmed')
      throw new AppError('CONFLICT', [], {
        zh: b.status === 'paid' ? '已记录过兑现' : '企业确认享受后才能记录兑现',
        en:
          b.status === 'paid'
            ? 'The payout is recorded already'
            : 'A payout is recorded after the enterprise confirms',
      });
    // Both are dates in China: the listing's instant read on Beijing's calendar.
    if (body.paidOn < dateInChina(b.listed_at))
      throw AppError.field('paidOn', {
        zh: '支付日期早于列入名单的日期',
        en: 'the payment date is before the listing',
      });
    await recordBenefitPaid(
      trx,
      { enterpriseId, id: benefitId },
      {
        amount: (Math.round(cents) / 100).toFixed(2),
        paidOn: body.paidOn,
        recordedBy: actor.userId,
        rowVersion: b.row_version + 1,
      },
    );
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'policy.payout_recorded',
        targetType: 'policy_benefit',
        targetId: benefitId,
        requestId: caller.requestId,
        summary: {
          policyId: b.policy_id,
          version: b.version,
          enterpriseId: b.enterprise_id,
          amount: body.amount,
          paidOn: body.paidOn,
        },
      },
    );
    await notify(trx, [
      {
        enterpriseId: b.enterprise_id,
        kind: 'benefit_paid',
        policyId: b.policy_id,
        version: b.version,
        title: {
          zh: `已兑现 ${yuan(body.amount, 'zh-CN')} 元：${b.title_zh}`,
          en: `Paid ${yuan(body.amount, 'en')} yuan: ${b.title_en}`,
        },
      },
    ]);
    return { id: benefitId, status: 'paid' as const, rowVersion: b.row_version + 1 };
  });
}

/** The enterprise's benefits (any policy). */
export async function myBenefits(db: Kysely<Database>, actor: Actor) {
  if (actor.role !== 'enterprise' || actor.enterpriseId === null) throw new AppError('FORBIDDEN');
  const rows = await listBenefitsWithVersions(db, actor.enterpriseId);
  return rows.map((r) => ({
    id: r.id,
    policyId: r.policy_id,
    version: r.version,
    title: { zh: r.title_zh, en: r.title_en },
    benefit: (r.definition as PolicyDefinition).benefit,
    status: r.status,
    amount: r.amount === null ? null : Number(r.amount),
    paidOn: r.paid_on,
    sentAt: r.sent_at?.toISOString() ?? null,
    respondedAt: r.responded_at?.toISOString() ?? null,
    rowVersion: r.row_version,
  }));
}

/** A policy's reach (measure 25) per region one level below the official's: matched, notified, read, confirmed, paid. */
export async function policyReach(db: Kysely<Database>, actor: Actor, policyId: number, regionCode?: string) {
  const row = await findPolicyRow(db, policyId);
  if (!row || row.current_version === null) throw new AppError('NOT_FOUND');
  // Only officials with a region and admins (FORBIDDEN for anyone else).
  scopePrefix(actor);
  const { prefix, code: scopeCode } = resolveRegionScope(actor, regionCode);
  const [matched, notices, benefits] = await Promise.all([
    countMatchesByRegion(db, policyId, prefix),
    policyNoticeReach(db, policyId, prefix),
    countBenefitsByRegion(db, policyId, prefix),
  ]);
  // Group counties into the children of the scope (a province sees its cities, a city its counties).
  const children = regionChildren(scopeCode);
  const groupOf = (code: string): string => {
    const child = children.find((c) => code.startsWith(regionScopePrefix(c.code)));
    return child?.code ?? code;
  };
  type Row = {
    regionCode: string;
    matched: number;
    notified: number;
    read: number;
    confirmed: number;
    paid: number;
    paidAmount: number;
  };
  const groups = new Map<string, Row>();
  const at = (code: string): Row => {
    const key = groupOf(code);
    let g = groups.get(key);
    if (!g) {
      g = { regionCode: key, matched: 0, notified: 0, read: 0, confirmed: 0, paid: 0, paidAmount: 0 };
      groups.set(key, g);
    }
    return g;
  };
  for (const r of matched) at(r.region_code).matched += r.n;
  for (const r of notices) {
    const g = at(r.region_code);
    g.notified += r.notified;
    g.read += r.read;
  }
  for (const r of benefits) {
    const g = at(r.region_code);
    g.confirmed += r.confirmed;
    g.paid += r.paid;
    g.paidAmount += Number(r.amount ?? 0);
  }
  const rows = [...groups.values()]
    .map((g) => ({ ...g, name: findRegion(g.regionCode)?.name ?? g.regionCode }))
    .sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  const total = rows.reduce(
    (t, r) => ({
      matched: t.matched + r.matched,
      notified: t.notified + r.notified,
      read: t.read + r.read,
      confirmed: t.confirmed + r.confirmed,
      paid: t.paid + r.paid,
      paidAmount: t.paidAmount + r.paidAmount,
    }),
    { matched: 0, notified: 0, read: 0, confirmed: 0, paid: 0, paidAmount: 0 },
  );
  return { policyId, regionCode: scopeCode, rows, total };
}
