/** Use cases of the registry: scoped listing and search, detail, self-service corrections, statistics. */

import type { Kysely, Selectable, Transaction } from 'kysely';
import { normaliseIndustryCode } from '../../../reference/industries.ts';
import { findRegion } from '../../../reference/regions.ts';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import type { EnterpriseListQuery, FiguresBody } from '../../../shared/api/registry.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, assertOwnEnterprise, type Caller } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { appendAudit } from '../audit/index.ts';
import { enqueueJobs, JOB_KINDS } from '../jobs/index.ts';
import {
  decodeCursor,
  type EnterpriseFilter,
  findEnterpriseDetail,
  isNameOrdered,
  latestYear,
  listEnterprises,
  type PageStart,
  sizeStats,
  statYears,
} from './registry.queries.ts';
import { countedSizes, moveEnterpriseCount, SizeCounts } from './registry.rollups.ts';
import { nameInitials, planSearch, searchTerms } from './search.ts';
import { classifyCn } from './size.rules.ts';

const STANDARD = 'cn-2011';

/** Builds the list filter from a query, within the actor's scope. */
export async function enterpriseFilter(
  db: Kysely<Database>,
  actor: Actor,
  query: Omit<EnterpriseListQuery, 'page' | 'pageSize' | 'sort'>,
): Promise<EnterpriseFilter> {
  const scope = resolveRegionScope(actor, query.region);
  return {
    q: query.q,
    regionPrefix: scope.prefix,
    industry: query.industry,
    size: query.size,
    status: query.status,
    year: query.year ?? (await latestYear(db, STANDARD)),
    standard: STANDARD,
  };
}

/**
 * A page of enterprises for an official or admin: by page number, or (sorted by name) after the cursor of the
 * previous page. Totals above `exactCountLimit` may be estimates (ADR 0011).
 */
export async function listForActor(
  db: Kysely<Database>,
  actor: Actor,
  query: EnterpriseListQuery,
  exactCountLimit: number,
) {
  const { page: pageNumber, pageSize: size, sort: sortAsked, after: cursorText, ...filters } = query;
  const filter = await enterpriseFilter(db, actor, filters);
  const page = pageNumber ?? 1;
  const pageSize = size ?? 20;
  const sort = sortAsked ?? (query.q ? 'relevance' : 'name');
  let start: PageStart = { offset: (page - 1) * pageSize };
  if (cursorText !== undefined) {
    if (!isNameOrdered(sort, query.q ? planSearch(query.q) : null))
      throw AppError.field('after', { zh: '仅在按名称排序时可用', en: 'is only valid when sorted by name' });
    const after = decodeCursor(cursorText);
    if (!after)
      throw AppError.field('after', {
        zh: '不是上一页返回的 nextCursor',
        en: 'is not a nextCursor returned with a previous page',
      });
    start = { after };
  }
  const result = await listEnterprises(db, filter, sort, start, pageSize, exactCountLimit);
  return { ...result, page, pageSize };
}

/** One enterprise, if the actor may see it (its official's region, the enterprise itself, admins). */
export async function getEnterprise(db: Kysely<Database> | Transaction<Database>, actor: Actor, id: number) {
  const detail = await findEnterpriseDetail(db as Kysely<Database>, id);
  if (!detail) throw new AppError('NOT_FOUND');
  if (actor.role === 'enterprise') assertOwnEnterprise(actor, id);
  else assertInRegion(actor, detail.regionCode);
  return detail;
}

/** Classifies one enterprise's current figures of the given years and stores the classes. */
async function reclassify(
  trx: Transaction<Database>,
  enterpriseId: number,
  industryCode: string,
  years: number[],
) {
  if (years.length === 0) return;
  const figures = await trx
    .selectFrom('enterprise_figures')
    .select(['year', 'employees', 'operating_revenue', 'main_business_revenue', 'total_assets'])
    .where('enterprise_id', '=', enterpriseId)
    .where('is_current', '=', true)
    .where('year', 'in', years)
    .execute();
  for (const f of figures) {
    const result = classifyCn({
      industryCode,
      employees: f.employees,
      operatingRevenue: f.operating_revenue,
      mainBusinessRevenue: f.main_business_revenue,
      totalAssets: f.total_assets,
    });
    await trx
      .insertInto('enterprise_sizes')
      .values({
        enterprise_id: enterpriseId,
        year: f.year,
        standard: STANDARD,
        size: result.size,
        category: result.category?.code ?? null,
        reason_zh: result.reason.zh,
        reason_en: result.reason.en,
      })
      .onConflict((oc) =>
        oc.columns(['enterprise_id', 'year', 'standard']).doUpdateSet({
          size: result.size,
          category: result.category?.code ?? null,
          reason_zh: result.reason.zh,
          reason_en: result.reason.en,
          computed_at: new Date(),
        }),
      )
      .execute();
  }
}

/**
 * Reclassifies an enterprise's size classes (of these years; null: every year it has one) under its industry,
 * and moves their counts in the `size_stats` roll-up from the old industry's cell to the new one's (ADR 0026).
 */
async function reclassifyCounted(
  trx: Transaction<Database>,
  enterpriseId: number,
  regionCode: string,
  fromIndustry: string,
  toIndustry: string,
  years: number[] | null,
) {
  const before = (await countedSizes(trx, [enterpriseId])).get(enterpriseId) ?? [];
  await reclassify(trx, enterpriseId, toIndustry, years ?? [...new Set(before.map((s) => s.year))]);
  const counts = new SizeCounts();
  counts.addAll(before, regionCode, fromIndustry, -1);
  counts.addAll((await countedSizes(trx, [enterpriseId])).get(enterpriseId) ?? [], regionCode, toIndustry, 1);
  await counts.write(trx);
}

/** Profile fields an enterprise may correct. */
export interface ProfileChanges {
  version: number;
  name?: string | undefined;
  formerNames?: string[] | undefined;
  legalRepresentative?: string | null | undefined;
  industryCode?: string | undefined;
  establishedOn?: string | null | undefined;
  ownershipType?: string | null | undefined;
}

/** An enterprise (or an admin) corrects the profile; audited with before and after; sizes follow the industry. */
export async function updateProfile(
  db: Kysely<Database>,
  id: number,
  changes: ProfileChanges,
  caller: Caller,
  today: string,
) {
  const actor = caller.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  assertOwnEnterprise(actor, id);
  const industryCode =
    changes.industryCode === undefined ? undefined : normaliseIndustryCode(changes.industryCode);
  if (industryCode === null) {
    throw AppError.field('industryCode', {
      zh: '不是有效的 GB/T 4754-2017 行业代码',
      en: 'is not a GB/T 4754-2017 industry code',
    });
  }
  if (changes.establishedOn && changes.establishedOn > today) {
    throw AppError.field('establishedOn', { zh: '不能晚于今天', en: 'cannot be in the future' });
  }
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('enterprises')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND');
    if (current.version !== changes.version) throw new AppError('CONFLICT');
    const next = {
      name: changes.name ?? current.name,
      former_names: changes.formerNames ?? current.former_names,
      legal_representative:
        changes.legalRepresentative !== undefined
          ? changes.legalRepresentative
          : current.legal_representative,
      industry_code: industryCode ?? current.industry_code,
      established_on: changes.establishedOn !== undefined ? changes.establishedOn : current.established_on,
      ownership_type: changes.ownershipType !== undefined ? changes.ownershipType : current.ownership_type,
    };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) {
        before[key] = current[key];
        after[key] = next[key];
      }
    }
    if (Object.keys(after).length === 0) return getEnterprise(trx, actor, id);
    const initials = nameInitials(next.name);
    await trx
      .updateTable('enterprises')
      .set((eb) => ({
        ...next,
        name_initials: initials,
        search_terms: searchTerms(next.name, next.former_names),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', id)
      .execute();
    if ('industry_code' in after) {
      const cell = { regionCode: current.region_code, status: current.status };
      // The roll-up counts by industry division: a move within one division changes no count.
      if (current.industry_code.slice(0, 3) !== next.industry_code.slice(0, 3))
        await moveEnterpriseCount(
          trx,
          { ...cell, industryCode: current.industry_code },
          { ...cell, industryCode: next.industry_code },
        );
      await reclassifyCounted(trx, id, current.region_code, current.industry_code, next.industry_code, null);
    }
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'enterprise.profile_updated',
        targetType: 'enterprise',
        targetId: id,
        requestId: caller.requestId,
        summary: { before, after },
      },
    );
    if ('industry_code' in after || 'established_on' in after) await queueMatch(trx, id, caller.requestId);
    return getEnterprise(trx, actor, id);
  });
}

/** An enterprise (or an admin) reports or corrects one year's figures: a new fact, the old one kept as history. */
export async function reportFigures(
  db: Kysely<Database>,
  id: number,
  year: number,
  body: FiguresBody,
  caller: Caller,
  today: string,
) {
  const actor = caller.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  assertOwnEnterprise(actor, id);
  if (year > Number(today.slice(0, 4)))
    throw AppError.field('year', { zh: '不能是未来年度', en: 'cannot be a future year' });
  const figures = {
    employees: body.employees,
    operating_revenue: body.operatingRevenue,
    main_business_revenue: body.mainBusinessRevenue ?? null,
    total_assets: body.totalAssets,
    total_liabilities: body.totalLiabilities ?? null,
    rd_expense: body.rdExpense ?? null,
    rd_staff: body.rdStaff ?? null,
    taxable_income: body.taxableIncome ?? null,
    vat_taxpayer_type: body.vatTaxpayerType ?? null,
  };
  return db.transaction().execute(async (trx) => {
    const enterprise = await trx
      .selectFrom('enterprises')
      .select(['region_code', 'industry_code'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!enterprise) throw new AppError('NOT_FOUND');
    const current = await trx
      .selectFrom('enterprise_figures')
      .selectAll()
      .where('enterprise_id', '=', id)
      .where('year', '=', year)
      .where('is_current', '=', true)
      .executeTakeFirst();
    if (body.basedOn !== undefined && (current?.id ?? null) !== body.basedOn) {
      throw new AppError('CONFLICT', [], {
        zh: `${year} 年度的指标在您打开后已被他人报送，请刷新后核对再保存`,
        en: `The ${year} figures were reported by someone else after you opened them; reload, check and save again`,
      });
    }
    const unchanged =
      current && (Object.keys(figures) as (keyof typeof figures)[]).every((k) => current[k] === figures[k]);
    if (!unchanged) {
      if (current)
        await trx
          .updateTable('enterprise_figures')
          .set({ is_current: false })
          .where('id', '=', current.id)
          .execute();
      await trx
        .insertInto('enterprise_figures')
        .values({
          enterprise_id: id,
          year,
          ...figures,
          source: actor.role === 'enterprise' ? 'enterprise' : 'official',
          recorded_by: actor.userId,
        })
        .execute();
      await reclassifyCounted(
        trx,
        id,
        enterprise.region_code,
        enterprise.industry_code,
        enterprise.industry_code,
        [year],
      );
      await appendAudit(
        trx,
        { userId: actor.userId, role: actor.role },
        {
          action: 'enterprise.figures_reported',
          targetType: 'enterprise',
          targetId: id,
          requestId: caller.requestId,
          summary: { year, before: current ? pickFigures(current) : null, after: figures },
        },
      );
      await queueMatch(trx, id, caller.requestId);
    }
    return getEnterprise(trx, actor, id);
  });
}

/** The enterprise's facts changed: its policy matches are recomputed by a background job. */
async function queueMatch(trx: Transaction<Database>, id: number, requestId: string | null): Promise<void> {
  await enqueueJobs(trx, [{ kind: JOB_KINDS.enterpriseMatch, payload: { enterpriseIds: [id] }, requestId }]);
}

/** The figure columns of a stored row (for the audit summary). */
function pickFigures(row: Selectable<Database['enterprise_figures']>) {
  const {
    id: _id,
    enterprise_id: _e,
    year: _y,
    source: _s,
    recorded_by: _r,
    reported_at: _a,
    is_current: _c,
    ...figures
  } = row;
  return figures;
}

/** Size statistics of a region subtree for a year (latest by default). */
export async function statsForActor(
  db: Kysely<Database>,
  actor: Actor,
  query: { region?: string | undefined; year?: number | undefined; industry?: string | undefined },
) {
  const scope = resolveRegionScope(actor, query.region);
  const years = await statYears(db, STANDARD);
  const year = query.year ?? years[0] ?? null;
  const region = scope.code ? findRegion(scope.code) : null;
  const regionInfo = region
    ? {
        code: region.code,
        fullName:
          (
            await db
              .selectFrom('regions')
              .select('full_name')
              .where('code', '=', region.code)
              .executeTakeFirst()
          )?.full_name ?? region.name,
        fullNameEn: regionFullNameEn(region.code),
        level: region.level,
      }
    : { code: '', fullName: '全国', fullNameEn: 'Nationwide', level: 'country' };
  const empty = {
    key: 'total',
    nameZh: '',
    nameEn: '',
    large: 0,
    medium: 0,
    small: 0,
    micro: 0,
    notCovered: 0,
    invalid: 0,
    total: 0,
  };
  if (year === null)
    return {
      region: regionInfo,
      year,
      years,
      standard: STANDARD,
      totals: empty,
      byRegion: [],
      byIndustry: [],
    };
  const stats = await sizeStats(db, scope, year, STANDARD, query.industry ?? null);
  return { region: regionInfo, year, years, standard: STANDARD, ...stats, totals: stats.totals ?? empty };
}
