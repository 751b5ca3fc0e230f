/**
 * The annual disclosure of overdue payments (保障中小企业款项支付条例: government bodies and public institutions
 * publish the previous year's overdue contracts — count and amount — by 31 March). Generated from the complaints
 * registered in Huiqi: each complaint against the body, assessed as at 31 December of the year with the payments
 * made by then, counts when its due date had passed and principal was still unpaid. The body's official (payer)
 * previews and publishes it (audited; once per year); the public reads the published ones; supervising officials
 * see which bodies of their region have published and which are late.
 */
import type { Kysely } from 'kysely';
import { paymentRegulationOn } from '../../../reference/payment-regulations.ts';
import { findRegion } from '../../../reference/regions.ts';
import { usccRegionCode } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { findOrganizationName } from '../accounts/index.ts';
import { appendAudit } from '../audit/index.ts';
import {
  findDisclosure,
  findLatestDebtorKind,
  insertDisclosure,
  listDebtorBodies,
  listDisclosableComplaints,
  listDisclosuresOf,
  pageDisclosures,
} from './cases.disclosure.repository.ts';
import { recordedPaymentsOf } from './cases.repository.ts';
import { assessCase } from './cases.rules.ts';

/** Kinds of debtor that must disclose (large enterprises report in the credit publicity system instead). */
const DISCLOSING = ['government', 'public_institution'] as const;

/**
 * The day by which a year's disclosure is due: the month and day the regulation in force at the year's end sets
 * (docs/reference/payments.md), in the following year.
 */
export function disclosureDueOn(year: number): string {
  const regulation = paymentRegulationOn(`${year}-12-31`);
  if (!regulation) throw new Error(`No payment regulation was in force at the end of ${year}`);
  return `${year + 1}-${regulation.disclosureDeadline}`;
}

/** One overdue contract of a disclosure. */
export interface DisclosedContract {
  contractNumber: string;
  caseNumber: string;
  dueDate: string;
  daysOverdue: number;
  outstanding: number;
}

/** A body's computed disclosure of a year. */
export interface ComputedDisclosure {
  year: number;
  dueOn: string;
  kind: string | null;
  contracts: number;
  amount: number;
  details: DisclosedContract[];
}

/**
 * The overdue contracts of bodies at the end of a year, computed from their complaints (two queries however many
 * bodies): each complaint assessed as at 31 December with the payments made by then.
 */
export async function computeDisclosures(
  db: Kysely<Database>,
  usccs: readonly string[],
  year: number,
): Promise<Map<string, ComputedDisclosure>> {
  const yearEnd = `${year}-12-31`;
  const result = new Map<string, ComputedDisclosure>();
  for (const uscc of usccs)
    result.set(uscc, {
      year,
      dueOn: disclosureDueOn(year),
      kind: null,
      contracts: 0,
      amount: 0,
      details: [],
    });
  if (usccs.length === 0) return result;
  const rows = await listDisclosableComplaints(db, usccs, DISCLOSING);
  // Payments after the year's end are left out by the assessment as at that day.
  const paidByCase = await recordedPaymentsOf(
    db,
    rows.map((r) => r.id),
  );
  const seen = new Set<string>();
  for (const row of rows) {
    const entry = result.get(row.debtor_uscc as string);
    if (!entry) continue;
    entry.kind ??= row.debtor_kind;
    // The claim's dates are checked against the assessment date: only claims signed by the year's end count.
    const claim = row.claim as { signedOn?: string; payments?: { date: string }[] } | null;
    if (!claim?.signedOn || claim.signedOn > yearEnd) continue;
    const declared = (claim.payments ?? []).filter((p) => p.date <= yearEnd);
    const assessed = assessCase(
      { type: row.type, claim: { ...claim, payments: declared } },
      paidByCase.get(row.id) ?? [],
      yearEnd,
    );
    if (!assessed?.ok) continue;
    const a = assessed.assessment;
    if (!a.dueDate || a.dueDate >= yearEnd || a.principalOutstanding <= 0) continue;
    // One contract counts once, whatever number of complaints were filed about it.
    const contract = row.contract_number ?? row.number;
    if (seen.has(`${row.debtor_uscc}|${contract}`)) continue;
    seen.add(`${row.debtor_uscc}|${contract}`);
    entry.details.push({
      contractNumber: contract,
      caseNumber: row.number,
      dueDate: a.dueDate,
      daysOverdue: a.daysOverdue,
      outstanding: a.principalOutstanding,
    });
    entry.contracts += 1;
    entry.amount = Math.round((entry.amount + a.principalOutstanding) * 100) / 100;
  }
  return result;
}

/** One body's computed disclosure of a year. */
export async function computeDisclosure(db: Kysely<Database>, uscc: string, year: number) {
  return (await computeDisclosures(db, [uscc], year)).get(uscc) as ComputedDisclosure;
}

function publishedView(r: {
  id: number;
  organization_uscc: string;
  organization_name: string;
  organization_kind: string;
  region_code: string | null;
  year: number;
  contracts: number;
  amount: string;
  details: unknown;
  note: string | null;
  published_at: Date;
}) {
  const publishedOn = todayInChina(r.published_at);
  return {
    id: r.id,
    organizationUscc: r.organization_uscc,
    organizationName: r.organization_name,
    organizationKind: r.organization_kind,
    regionCode: r.region_code,
    year: r.year,
    contracts: r.contracts,
    amount: Number(r.amount),
    details: r.details as DisclosedContract[],
    note: r.note,
    publishedAt: r.published_at.toISOString(),
    late: publishedOn > disclosureDueOn(r.year),
  };
}

function checkYear(year: number) {
  const current = Number(todayInChina().slice(0, 4));
  if (!Number.isInteger(year) || year < 2020 || year >= current)
    throw AppError.field('year', {
      zh: `应为 2020 年至 ${current - 1} 年之间已结束的年度`,
      en: `must be a year that has ended, 2020 to ${current - 1}`,
    });
}

/** A payer's disclosure of a year: the one published, or the preview generated from the data. */
export async function payerDisclosure(db: Kysely<Database>, actor: Actor, year: number) {
  if (actor.role !== 'payer' || !actor.organizationUscc) throw new AppError('FORBIDDEN');
  checkYear(year);
  const published = await findDisclosure(db, actor.organizationUscc, year);
  const computed = await computeDisclosure(db, actor.organizationUscc, year);
  return { computed, published: published ? publishedView(published) : null };
}

/**
 * What a debtor body is: from its USCC where the code says (GB 32100-2015: 11 机关, 12 事业单位, 9x enterprises),
 * else as the complaints against it say.
 */
async function organizationKind(
  db: Kysely<Database>,
  uscc: string,
): Promise<'government' | 'public_institution' | 'large_enterprise'> {
  const latest = await findLatestDebtorKind(db, uscc);
  // The code decides where it can; the complaints' word otherwise.
  if (uscc.startsWith('11')) return 'government';
  if (uscc.startsWith('12')) return 'public_institution';
  if (uscc.startsWith('9')) return 'large_enterprise';
  return latest ?? 'government';
}

/** A payer publishes its organisation's disclosure of a year (once; audited). */
export async function publishDisclosure(
  db: Kysely<Database>,
  caller: Caller,
  body: { year: number; note?: string | null },
) {
  const actor = requireActor(caller);
  if (actor.role !== 'payer' || !actor.organizationUscc) throw new AppError('FORBIDDEN');
  checkYear(body.year);
  const uscc = actor.organizationUscc;
  const computed = await computeDisclosure(db, uscc, body.year);
  const kind = await organizationKind(db, uscc);
  if (kind === 'large_enterprise')
    throw AppError.field('year', {
      zh: '大型企业应在企业信用信息公示系统的年度报告中公示，不在此发布',
      en: 'a large enterprise reports in its annual report on the credit publicity system, not here',
    });
  return db.transaction().execute(async (trx) => {
    const organizationName = await findOrganizationName(trx, actor.userId);
    const exists = await findDisclosure(trx, uscc, body.year);
    if (exists)
      throw new AppError('ALREADY_EXISTS', [
        { field: 'year', message: { zh: '该年度已公开', en: 'already published' } },
      ]);
    const region = usccRegionCode(uscc);
    const row = await insertDisclosure(trx, {
      organization_uscc: uscc,
      organization_name: organizationName ?? uscc,
      organization_kind: kind,
      region_code: findRegion(region) ? region : null,
      year: body.year,
      contracts: computed.contracts,
      amount: computed.amount.toFixed(2),
      details: JSON.stringify(computed.details),
      note: body.note?.trim() || null,
      published_by: actor.userId,
    });
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'arrears.disclosure_published',
        targetType: 'arrears_disclosure',
        targetId: row.id,
        requestId: caller.requestId,
        summary: {
          organization: uscc,
          year: body.year,
          contracts: computed.contracts,
          amount: computed.amount,
        },
      },
    );
    return publishedView(row);
  });
}

/** Published disclosures, for the public: by year, region and name. */
export async function publicDisclosures(
  db: Kysely<Database>,
  query: { year?: number; region?: string; q?: string; page?: number; pageSize?: number },
) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  if (query.region && !findRegion(query.region))
    throw AppError.field('region', { zh: '未知的地区', en: 'unknown region' });
  const { rows, total } = await pageDisclosures(db, {
    year: query.year,
    regionPrefix: query.region ? query.region.replace(/(00)+$/, '') : undefined,
    q: query.q?.trim() || undefined,
    page,
    pageSize,
  });
  // The public sees the count and the amount the regulation asks for, not the contracts: a contract number can
  // name the complainant, whose identity is confidential.
  return {
    items: rows.map((r) => ({ ...publishedView(r), details: [] })),
    total,
    page,
    pageSize,
  };
}

/**
 * For supervising officials: the public bodies of their region with complaints against them, each with its
 * computed disclosure of the year and whether (and when) it was published — late after 31 March.
 */
export async function disclosureStatus(db: Kysely<Database>, actor: Actor, year: number) {
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  checkYear(year);
  const prefix = actor.role === 'admin' ? '' : (actor.regionPrefix ?? '\u0000');
  const bodies = await listDebtorBodies(db, prefix, DISCLOSING);
  const usccs = bodies.map((b) => b.debtor_uscc as string);
  const published = await listDisclosuresOf(db, usccs, year);
  const byUscc = new Map(published.map((p) => [p.organization_uscc, p]));
  const dueOn = disclosureDueOn(year);
  const date = todayInChina();
  const computedAll = await computeDisclosures(db, usccs, year);
  const items = [];
  for (const body of bodies) {
    const uscc = body.debtor_uscc as string;
    const computed = computedAll.get(uscc) as ComputedDisclosure;
    const p = byUscc.get(uscc);
    items.push({
      uscc,
      name: body.name,
      kind: body.kind,
      contracts: computed.contracts,
      amount: computed.amount,
      published: p ? publishedView(p) : null,
      overdue: !p && date > dueOn && computed.contracts > 0,
    });
  }
  return { year, dueOn, items };
}
