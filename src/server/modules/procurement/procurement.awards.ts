/**
 * Results of a body's projects (issue 17; docs/reference/procurement.md §3.5, §5): each award with the winner's
 * declared size and role, what it counts for SMEs and for small and micro enterprises, the winner's registry match,
 * and each 声明函 item checked against the size standard and the registry. Recording an award updates the body's
 * year figures in the same transaction.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import { normaliseIndustryCode } from '../../../reference/industries.ts';
import { declarationFiguresYear } from '../../../reference/procurement.ts';
import { validateUscc } from '../../../reference/uscc.ts';
import type {
  AwardBody,
  AwardCorrectBody,
  AwardListQuery,
  AwardWithdrawBody,
  DeclarationBody,
} from '../../../shared/api/procurement.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { enterpriseFactsSql, findEnterpriseSizeByUscc } from '../registry/index.ts';
import { audit } from './procurement.audit.ts';
import { buyerBody, type Db } from './procurement.bodies.ts';
import { checkDeclaration, type DeclarationCheck, hasMismatch } from './procurement.declarations.rules.ts';
import { applying, loadProject, regionFilterOf, scopeOf } from './procurement.plan.ts';
import { IS_FLAGGED_AWARD, NEEDS_DECLARATION, refreshShares } from './procurement.shares.ts';
import type { BidderSize } from './procurement.table.ts';

/** Yuan as cents, and back. */
const cents = (yuan: string) => {
  const [int = '0', frac = ''] = yuan.split('.');
  return BigInt(int) * 100n + BigInt(`${frac}00`.slice(0, 2));
};
const yuan = (c: bigint) => `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`;

/** A per cent share of an amount in cents, half up (the share has at most four decimals). */
function shareOf(amount: bigint, percent: string): bigint {
  const [int = '0', frac = ''] = percent.split('.');
  const scaled = BigInt(int) * 10_000n + BigInt(`${frac}0000`.slice(0, 4));
  return (amount * scaled * 2n + 1_000_000n) / 2_000_000n;
}

const SME: readonly string[] = ['medium', 'small', 'micro'];
const SMALL_MICRO: readonly string[] = ['small', 'micro'];

/**
 * What an award counts for SMEs and for small and micro enterprises (Huiqi's reading, docs/reference/procurement.md
 * "Huiqi's own rules"): a single winner counts whole by its declared size; a consortium's declared size is its
 * largest member's — an SME-only consortium counts whole for SMEs, and its small/micro share for small and micro
 * enterprises; a subcontracting winner counts whole when an SME itself, and the subcontracted share otherwise.
 */
export function awardCounts(
  amount: string,
  declaredSize: BidderSize | null,
  role: 'single' | 'consortium' | 'subcontract',
  smallMicroShare: string | null,
): { sme: string; smallMicro: string } {
  const whole = cents(amount);
  const sme = declaredSize !== null && SME.includes(declaredSize);
  const smallMicro = declaredSize !== null && SMALL_MICRO.includes(declaredSize);
  const partner = smallMicroShare === null ? 0n : shareOf(whole, smallMicroShare);
  const rest = role === 'single' ? 0n : partner;
  return { sme: yuan(sme ? whole : rest), smallMicro: yuan(smallMicro ? whole : rest) };
}

/** The registry's figures of one year for one enterprise (万元), when it has them. */
async function registryFigures(db: Db, enterpriseId: number, year: number) {
  const { rows } = await sql<{
    employees: number | null;
    operating_revenue: string | null;
    total_assets: string | null;
  }>`select employees, operating_revenue::text, total_assets::text
    from ${enterpriseFactsSql.figures(year, (id) => sql<boolean>`${id} = ${enterpriseId}`)} f`.execute(db);
  const row = rows[0];
  if (!row) return null;
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    employees: row.employees,
    operatingRevenue: num(row.operating_revenue),
    totalAssets: num(row.total_assets),
  };
}

/** Checks one declaration against the standard and, for a registered supplier, the registry of its year. */
export async function checkedDeclaration(
  db: Db,
  declaration: Static<typeof DeclarationBody>,
  enterpriseId: number | null,
  field: string,
): Promise<DeclarationCheck> {
  const year = declaration.figuresYear ?? Number(declaration.signedOn.slice(0, 4)) - 1;
  const figures = enterpriseId === null ? null : await registryFigures(db, enterpriseId, year);
  return applying(
    () =>
      checkDeclaration(
        {
          signedOn: declaration.signedOn,
          tenderIndustryCode: declaration.tenderIndustryCode,
          declaredIndustryCode: declaration.declaredIndustryCode ?? null,
          figuresYear: declaration.figuresYear ?? null,
          employees: declaration.employees ?? null,
          operatingRevenue: declaration.operatingRevenue ?? null,
          totalAssets: declaration.totalAssets ?? null,
          declaredSize: declaration.declaredSize,
        },
        // The registry holds no ownership links: a large parent is not looked for here (ADR 0031).
        { figures, largeRelated: null },
      ),
    field,
  );
}

/** A USCC's problem as a field error (GB 32100 check character included), or none. */
export function usccProblem(field: string, uscc: string | undefined): FieldError[] {
  if (uscc === undefined) return [];
  const checked = validateUscc(uscc);
  return checked.ok ? [] : [{ field, message: checked.message }];
}

/**
 * What a 声明函 item must be to be recorded (issue 17, "Bad input"), every problem named on its field under
 * `prefix`: a real signing day, not after the award; figures given of the year before the signing (the year is
 * named); industry codes of GB/T 4754-2017. A declaration that passes is then checked against the standard and the
 * registry, and its mismatches flagged.
 */
export function declarationProblems(
  d: DeclarationDraft,
  prefix: string,
  awardedOn: string | null,
): FieldError[] {
  const errors: FieldError[] = [];
  let priorYear: number | null = null;
  const signedOn = d.signedOn;
  if (signedOn !== undefined)
    try {
      priorYear = applying(() => declarationFiguresYear(signedOn, 'signedOn'), prefix);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      errors.push(...error.errors);
    }
  const today = todayInChina();
  if (priorYear !== null && signedOn !== undefined && signedOn > today)
    errors.push({
      field: `${prefix}signedOn`,
      message: {
        zh: `声明函签署日期（${signedOn}）晚于今天（${today}），不能填写将来的日期`,
        en: `the declaration's signing day (${signedOn}) is after today (${today}): a day to come cannot be given`,
      },
    });
  else if (priorYear !== null && awardedOn !== null && signedOn !== undefined && signedOn > awardedOn)
    errors.push({
      field: `${prefix}signedOn`,
      message: {
        zh: `声明函签署日期（${signedOn}）晚于成交日期（${awardedOn}）`,
        en: `the declaration is signed (${signedOn}) after the award (${awardedOn})`,
      },
    });
  // Blank: no figure given at all (one given that failed its schema still calls for its year, told at once).
  const blank = FIGURES.every((key) => d[key] === undefined && !d.dropped?.includes(key));
  if (priorYear !== null && !blank && d.figuresYear !== priorYear)
    errors.push({
      field: `${prefix}figuresYear`,
      message:
        d.figuresYear === undefined
          ? {
              zh: `须注明数据年度：${signedOn}签署的声明函应填${priorYear}年数据`,
              en: `give the figures' year: a declaration signed on ${signedOn} gives ${priorYear}'s figures`,
            }
          : {
              zh: `${signedOn}签署的声明函应填上一年度（${priorYear}年）数据，所填为${d.figuresYear}年`,
              en: `a declaration signed on ${signedOn} gives the prior year's (${priorYear}) figures, not ${d.figuresYear}'s`,
            },
    });
  for (const key of ['tenderIndustryCode', 'declaredIndustryCode'] as const) {
    const code = d[key]?.trim();
    if (code !== undefined && normaliseIndustryCode(code) === null)
      errors.push({
        field: `${prefix}${key}`,
        message: {
          zh: `行业代码“${code}”不是有效的 GB/T 4754-2017 代码（如 F52、I6513）`,
          en: `"${code}" is not a GB/T 4754-2017 industry code (such as F52, I6513)`,
        },
      });
  }
  return errors;
}

/**
 * A 声明函 item as far as it is known: a body failing its schema is checked on the fields that pass it; `dropped`
 * names those given that failed it (procurement.input.ts `validParts`).
 */
export type DeclarationDraft = Partial<Static<typeof DeclarationBody>> & { dropped?: readonly string[] };

/** A declaration's figures: any of them given calls for the figures' year. */
const FIGURES = ['employees', 'operatingRevenue', 'totalAssets'] as const;
/** An award as far as it is known (see DeclarationDraft). */
export type AwardDraft = Partial<Omit<Static<typeof AwardBody>, 'declarations'>> & {
  declarations?: DeclarationDraft[];
};

/** What an award's project must be for the award: not cancelled, announced before it, reserving for a reserved one. */
interface ProjectFacts {
  state: string;
  announcement_date: string;
  reserved_amount: string;
}

/**
 * Every problem of an award beyond its schema, each on its field: the project cancelled, an award before the
 * project's announcement, a share with a single winner (or none with a consortium or subcontract), a reserved award
 * in a project that reserves nothing, declarations of a large winner, a bad USCC and each declaration's problems.
 * A field left out of the draft (absent, or failing the schema) is not checked.
 */
export function awardProblems(project: ProjectFacts, input: AwardDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (project.state === 'cancelled')
    errors.push({ field: 'projectId', message: { zh: '项目已取消', en: 'the project is cancelled' } });
  const today = todayInChina();
  if (input.awardedOn !== undefined && input.awardedOn > today)
    errors.push({
      field: 'awardedOn',
      message: {
        zh: `成交日期（${input.awardedOn}）晚于今天（${today}），不能填写将来的日期`,
        en: `the award's day (${input.awardedOn}) is after today (${today}): a day to come cannot be given`,
      },
    });
  else if (input.awardedOn !== undefined && input.awardedOn < project.announcement_date)
    errors.push({
      field: 'awardedOn',
      message: {
        zh: `早于项目的采购公告日期（${project.announcement_date}）`,
        en: `is before the project's announcement (${project.announcement_date})`,
      },
    });
  const partner = input.role === undefined ? null : input.role !== 'single';
  if (partner === true && input.smallMicroShare === undefined)
    errors.push({
      field: 'smallMicroShare',
      message: {
        zh: '联合体或分包须填写小微企业的合同份额',
        en: 'a consortium or subcontract needs the small and micro share of the contract',
      },
    });
  if (partner === false && input.smallMicroShare !== undefined)
    errors.push({
      field: 'smallMicroShare',
      message: { zh: '独立投标没有合同份额', en: 'a single bidder has no share' },
    });
  if (input.smallMicroShare !== undefined && Number(input.smallMicroShare) > 100)
    errors.push({ field: 'smallMicroShare', message: { zh: '不能超过100%', en: 'cannot be above 100%' } });
  if (input.reserved === true && Number(project.reserved_amount) === 0)
    errors.push({
      field: 'reserved',
      message: {
        zh: '该项目未预留份额，成交结果不能计入预留部分',
        en: 'the project reserves nothing: the award is not in a reserved part',
      },
    });
  if (input.declaredSize === 'large' && (input.declarations?.length ?? 0) > 0)
    errors.push({
      field: 'declarations',
      message: {
        zh: '大型企业不提交中小企业声明函',
        en: 'a large enterprise files no SME declaration',
      },
    });
  errors.push(...usccProblem('supplierUscc', input.supplierUscc));
  for (const [i, d] of (input.declarations ?? []).entries())
    errors.push(...declarationProblems(d, `declarations[${i}].`, input.awardedOn ?? null));
  return errors;
}

/**
 * The problems beyond its schema of an award a buyer sends that fails its schema, so that both are told at once
 * (a project not found, or not the buyer's, is left to the request once its schema passes).
 */
export async function awardDraftProblems(
  db: Db,
  caller: Caller,
  projectId: number,
  draft: AwardDraft,
): Promise<FieldError[]> {
  const actor = requireActor(caller);
  await buyerBody(db, actor);
  return awardProblems(await loadProject(db, actor, projectId), draft);
}

interface AwardRow {
  body_id: number;
  id: number;
  body_name: string;
  project_id: number | null;
  project_name: string | null;
  year: number;
  awarded_on: string;
  kind: 'goods' | 'services' | 'works';
  suited: boolean;
  reserved: boolean;
  title: string;
  supplier_uscc: string | null;
  supplier_name: string;
  enterprise_id: number | null;
  registry_size: string | null;
  registry_checked_at: Date;
  registry_figures_year: number | null;
  amount: string;
  declared_size: BidderSize | null;
  role: 'single' | 'consortium' | 'subcontract';
  small_micro_share: string | null;
  sme_amount: string;
  small_micro_amount: string;
  source: 'huiqi' | 'ocds';
  flags: string[];
  declaration_count: number;
  version: number;
  total?: number;
}

/**
 * An award with its project and body; its registry size as its check used it (the first declaration's, when it has
 * declarations) and when; its flags: its declarations' mismatches, and `no_declaration` for an SME award without one.
 */
const SELECT = sql`
  select a.body_id, a.id, b.name as body_name, a.project_id, p.name as project_name, a.year,
    to_char(a.awarded_on, 'YYYY-MM-DD') as awarded_on, a.kind, a.suited, a.reserved, a.title, a.supplier_uscc,
    a.supplier_name, a.enterprise_id,
    case when fd.id is null then a.registry_size else fd.registry_size end as registry_size,
    coalesce(fd.checked_at, a.created_at) as registry_checked_at,
    case when fd.id is null then null
      else coalesce(fd.figures_year, extract(year from fd.signed_on)::int - 1) end as registry_figures_year,
    trim_scale(a.amount)::text as amount, a.declared_size, a.role,
    trim_scale(a.small_micro_share)::text as small_micro_share, trim_scale(a.sme_amount)::text as sme_amount,
    trim_scale(a.small_micro_amount)::text as small_micro_amount, a.source, a.version,
    array(select distinct f from procurement_declarations d, unnest(d.flags) f
      where d.body_id = a.body_id and d.award_id = a.id and f <> 'figures_blank' order by f)
      || case when fd.id is null and a.declared_size in ${NEEDS_DECLARATION} then array['no_declaration']::text[]
        else '{}'::text[] end as flags,
    (select count(*) from procurement_declarations d where d.body_id = a.body_id and d.award_id = a.id)::int
      as declaration_count,
    count(*) over ()::int as total
  from procurement_awards a join procurement_bodies b on b.id = a.body_id
  left join procurement_projects p on p.body_id = a.body_id and p.id = a.project_id
  left join lateral (select d.id, d.registry_size, d.checked_at, d.figures_year, d.signed_on
    from procurement_declarations d where d.body_id = a.body_id and d.award_id = a.id
    order by d.id limit 1) fd on true`;

function awardView(r: AwardRow) {
  return {
    id: Number(r.id),
    bodyId: Number(r.body_id),
    bodyName: r.body_name,
    projectId: r.project_id === null ? null : Number(r.project_id),
    projectName: r.project_name,
    year: r.year,
    awardedOn: r.awarded_on,
    kind: r.kind,
    suitedToSmes: r.suited,
    reserved: r.reserved,
    title: r.title,
    supplierUscc: r.supplier_uscc,
    supplierName: r.supplier_name,
    enterpriseId: r.enterprise_id === null ? null : Number(r.enterprise_id),
    registrySize: r.registry_size,
    registryCheckedAt: r.registry_checked_at,
    registryFiguresYear: r.registry_figures_year === null ? null : Number(r.registry_figures_year),
    amount: r.amount,
    declaredSize: r.declared_size,
    role: r.role,
    smallMicroShare: r.small_micro_share,
    smeAmount: r.sme_amount,
    smallMicroAmount: r.small_micro_amount,
    source: r.source,
    flags: r.flags,
    declarationCount: Number(r.declaration_count),
    version: Number(r.version),
  };
}

export async function listAwards(db: Db, caller: Caller, query: Static<typeof AwardListQuery>) {
  const actor = requireActor(caller);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const q = query.q?.trim() ?? '';
  const inRegion = regionFilterOf(actor, query.regionCode);
  const { rows } = await sql<AwardRow>`${SELECT}
    where ${scopeOf(actor)} and ${inRegion}
      and (${query.year ?? 0} = 0 or a.year = ${query.year ?? 0})
      and (${query.bodyId ?? 0} = 0 or a.body_id = ${query.bodyId ?? 0})
      and (${query.projectId ?? 0} = 0 or a.project_id = ${query.projectId ?? 0})
      and (${query.flagged ?? false} = false or ${IS_FLAGGED_AWARD})
      and (${q} = '' or a.supplier_name like ${`%${q}%`} or a.supplier_uscc = ${q.toUpperCase()}
        or a.title like ${`%${q}%`})
    order by a.awarded_on desc, a.id desc
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  return { items: rows.map(awardView), total: rows[0]?.total ?? 0, page, pageSize };
}

async function loadAward(db: Db, actor: Actor, id: number) {
  const { rows } = await sql<AwardRow>`${SELECT} where a.id = ${id} and ${scopeOf(actor)}`.execute(db);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function declarationsOf(db: Db, bodyId: number, awardId: number) {
  const { rows } = await sql<{
    id: number;
    item: string;
    tender_industry_code: string;
    declared_industry_code: string | null;
    signed_on: string;
    figures_year: number | null;
    employees: number | null;
    operating_revenue: string | null;
    total_assets: string | null;
    declared_size: string;
    standard_size: string | null;
    registry_size: string | null;
    findings: { code: string; detail: { zh: string; en: string } }[];
    checked_at: Date;
  }>`
    select id, item, tender_industry_code, declared_industry_code, to_char(signed_on, 'YYYY-MM-DD') as signed_on,
      figures_year, employees, trim_scale(operating_revenue)::text as operating_revenue,
      trim_scale(total_assets)::text as total_assets, declared_size, standard_size, registry_size, findings, checked_at
    from procurement_declarations where body_id = ${bodyId} and award_id = ${awardId} order by id`.execute(
    db,
  );
  return rows.map((d) => ({
    id: Number(d.id),
    item: d.item,
    tenderIndustryCode: d.tender_industry_code,
    declaredIndustryCode: d.declared_industry_code,
    signedOn: d.signed_on,
    figuresYear: d.figures_year,
    employees: d.employees,
    operatingRevenue: d.operating_revenue,
    totalAssets: d.total_assets,
    declaredSize: d.declared_size,
    standardSize: d.standard_size,
    registrySize: d.registry_size,
    findings: d.findings,
    checkedAt: d.checked_at,
  }));
}

export async function getAward(db: Db, caller: Caller, id: number) {
  const actor = requireActor(caller);
  const row = await loadAward(db, actor, id);
  return { ...awardView(row), declarations: await declarationsOf(db, Number(row.body_id), Number(row.id)) };
}

/** Writes an award's declarations with their checks (the i-th check the i-th declaration's). */
async function writeDeclarations(
  trx: Transaction<Database>,
  bodyId: number,
  awardId: number,
  declarations: readonly Static<typeof DeclarationBody>[],
  checks: readonly DeclarationCheck[],
  userId: number,
) {
  for (const [i, d] of declarations.entries()) {
    const check = checks[i] as DeclarationCheck;
    await trx
      .insertInto('procurement_declarations')
      .values({
        body_id: bodyId,
        award_id: awardId,
        item: d.item.trim(),
        tender_industry_code: d.tenderIndustryCode.trim(),
        declared_industry_code: d.declaredIndustryCode?.trim() ?? null,
        signed_on: d.signedOn,
        figures_year: d.figuresYear ?? null,
        employees: d.employees ?? null,
        operating_revenue: d.operatingRevenue === undefined ? null : String(d.operatingRevenue),
        total_assets: d.totalAssets === undefined ? null : String(d.totalAssets),
        declared_size: d.declaredSize,
        standard_size: check.standardSize,
        registry_size: check.registrySize,
        flags: check.findings.map((f) => f.code),
        findings: JSON.stringify(check.findings),
        created_by: userId,
      })
      .execute();
  }
}

/**
 * What recording and correcting an award both check and count: the winner in the registry (by USCC), each
 * declaration checked against the standard and the registry (the i-th check the i-th declaration's, problems on
 * `declarations[i].…`), what the award counts for in the shares, and its year.
 */
async function checkedAward(trx: Transaction<Database>, award: Static<typeof AwardBody>) {
  const registered = award.supplierUscc ? await findEnterpriseSizeByUscc(trx, award.supplierUscc) : undefined;
  const enterpriseId = registered ? Number(registered.id) : null;
  const checks: DeclarationCheck[] = [];
  for (const [i, d] of (award.declarations ?? []).entries())
    checks.push(await checkedDeclaration(trx, d, enterpriseId, `declarations[${i}].`));
  const counts = awardCounts(
    award.amount,
    award.declaredSize ?? null,
    award.role,
    award.smallMicroShare ?? null,
  );
  return { registered, enterpriseId, checks, counts, year: Number(award.awardedOn.slice(0, 4)) };
}

/**
 * Records an award of one of the buyer's projects, with its declarations checked: an award before the project's
 * announcement, a share with a single winner (or none with a consortium or subcontract), or a reserved award in a
 * project that reserves nothing is refused on its field; nothing is written then.
 */
export async function recordAward(
  db: Kysely<Database>,
  caller: Caller,
  projectId: number,
  input: Static<typeof AwardBody>,
) {
  const actor = requireActor(caller);
  return db.transaction().execute(async (trx) => {
    const body = await buyerBody(trx, actor);
    const project = await loadProject(trx, actor, projectId, true);
    const errors = awardProblems(project, input);
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);

    const { registered, enterpriseId, checks, counts, year } = await checkedAward(trx, input);
    const { id } = await trx
      .insertInto('procurement_awards')
      .values({
        body_id: body.id,
        project_id: projectId,
        year,
        awarded_on: input.awardedOn,
        kind: project.kind,
        suited: project.suited,
        reserved: input.reserved,
        title: input.title?.trim() ?? project.name,
        supplier_uscc: input.supplierUscc ?? null,
        supplier_name: input.supplierName.trim(),
        enterprise_id: enterpriseId,
        amount: input.amount,
        declared_size: input.declaredSize ?? null,
        registry_size: registered?.size ?? null,
        role: input.role,
        small_micro_share: input.smallMicroShare ?? null,
        sme_amount: counts.sme,
        small_micro_amount: counts.smallMicro,
        source: 'huiqi',
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeDeclarations(trx, body.id, Number(id), input.declarations ?? [], checks, actor.userId);
    await trx
      .updateTable('procurement_projects')
      .set((eb) => ({ state: 'awarded', updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('body_id', '=', body.id)
      .where('id', '=', projectId)
      .execute();
    await refreshShares(trx, body.id, [year, project.plan_year]);
    await audit(
      trx,
      caller,
      actor,
      'award_recorded',
      { type: 'procurement_award', id: Number(id) },
      {
        bodyId: body.id,
        projectId,
        supplier: input.supplierUscc ?? input.supplierName,
        amount: input.amount,
        declaredSize: input.declaredSize ?? null,
        flagged: checks.some(hasMismatch),
      },
    );
    return getAward(trx, caller, Number(id));
  });
}

/** The problems beyond its schema of a correction that fails its schema (see awardDraftProblems). */
export async function correctionDraftProblems(
  db: Db,
  caller: Caller,
  id: number,
  draft: AwardDraft & { reason?: string },
): Promise<FieldError[]> {
  const actor = requireActor(caller);
  await buyerBody(db, actor);
  const row = await loadAward(db, actor, id);
  if (row.source !== 'huiqi' || row.project_id === null) return [];
  const errors = awardProblems(await loadProject(db, actor, Number(row.project_id)), draft);
  if (draft.reason !== undefined && draft.reason.trim().length < 2)
    errors.push({
      field: 'reason',
      message: { zh: '请说明更正的原因', en: 'say why the award is corrected' },
    });
  return errors;
}

/** The fields of an award a correction may change, as the audit names them, read from a stored row. */
function correctable(row: AwardRow) {
  return {
    awardedOn: row.awarded_on,
    title: row.title,
    supplierUscc: row.supplier_uscc,
    supplierName: row.supplier_name,
    amount: row.amount,
    reserved: row.reserved,
    declaredSize: row.declared_size,
    role: row.role,
    smallMicroShare: row.small_micro_share,
  };
}

/**
 * Corrects an award of the buyer's body recorded in Huiqi (amount, winner, size, role, declarations…) on the version
 * the buyer read: checked as a new award is (every problem at once), its declarations all checked again against the
 * standard and the registry, the year figures of the years it leaves and enters recomputed, audited with what changed
 * and why. The award as stored must be the buyer's body's (else not found), and as it will be stays in its project,
 * which must be the buyer's too. An imported (OCDS) award is corrected by importing its corrected release.
 */
export async function correctAward(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  input: Static<typeof AwardCorrectBody>,
) {
  const actor = requireActor(caller);
  return db.transaction().execute(async (trx) => {
    const body = await buyerBody(trx, actor);
    await sql`select id from procurement_awards where body_id = ${body.id} and id = ${id} for update`.execute(
      trx,
    );
    const row = await loadAward(trx, actor, id);
    if (Number(row.version) !== input.version) throw new AppError('CONFLICT');
    if (row.source !== 'huiqi' || row.project_id === null)
      throw AppError.field('id', {
        zh: '从 OCDS 导入的成交结果随发布方的更正而变更：请导入更正后的发布',
        en: 'an award imported from OCDS changes with its publisher’s correction: import the corrected release',
      });
    const projectId = Number(row.project_id);
    const project = await loadProject(trx, actor, projectId, true);
    const { version: _version, reason: rawReason, ...award } = input;
    const errors = awardProblems(project, award);
    const reason = rawReason.trim();
    if (reason.length < 2)
      errors.push({
        field: 'reason',
        message: { zh: '请说明更正的原因', en: 'say why the award is corrected' },
      });
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);

    const before = correctable(row);
    const beforeDeclarations = await declarationsOf(trx, body.id, id);
    const { registered, enterpriseId, checks, counts, year } = await checkedAward(trx, award);
    await trx
      .updateTable('procurement_awards')
      .set((eb) => ({
        year,
        awarded_on: award.awardedOn,
        reserved: award.reserved,
        title: award.title?.trim() || project.name,
        supplier_uscc: award.supplierUscc ?? null,
        supplier_name: award.supplierName.trim(),
        enterprise_id: enterpriseId,
        amount: award.amount,
        declared_size: award.declaredSize ?? null,
        registry_size: registered?.size ?? null,
        role: award.role,
        small_micro_share: award.smallMicroShare ?? null,
        sme_amount: counts.sme,
        small_micro_amount: counts.smallMicro,
        version: eb('version', '+', 1),
      }))
      .where('body_id', '=', body.id)
      .where('id', '=', id)
      .execute();
    await trx
      .deleteFrom('procurement_declarations')
      .where('body_id', '=', body.id)
      .where('award_id', '=', id)
      .execute();
    await writeDeclarations(trx, body.id, id, award.declarations ?? [], checks, actor.userId);
    await refreshShares(trx, body.id, [...new Set([row.year, year, project.plan_year])]);

    const corrected = await loadAward(trx, actor, id);
    const after = correctable(corrected);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(before) as (keyof typeof before)[])
      if (before[key] !== after[key]) changed[key] = { from: before[key], to: after[key] };
    const shape = (list: { item: string; signedOn: string; declaredSize: string }[]) =>
      list.map((d) => `${d.item} ${d.declaredSize} ${d.signedOn}`);
    const afterDeclarations = await declarationsOf(trx, body.id, id);
    const declarationKey = (list: Awaited<ReturnType<typeof declarationsOf>>) =>
      JSON.stringify(
        list.map(({ id: _id, checkedAt: _at, findings: _f, standardSize: _s, registrySize: _r, ...d }) => d),
      );
    if (declarationKey(beforeDeclarations) !== declarationKey(afterDeclarations))
      changed.declarations = { from: shape(beforeDeclarations), to: shape(afterDeclarations) };
    await audit(
      trx,
      caller,
      actor,
      'award_corrected',
      { type: 'procurement_award', id },
      {
        bodyId: body.id,
        projectId,
        supplier: after.supplierUscc ?? after.supplierName,
        changed,
        flagged: checks.some(hasMismatch),
        reason,
      },
    );
    return getAward(trx, caller, id);
  });
}

/**
 * Withdraws an award of the buyer's body recorded in error, with the reason (audited with what the award was): the
 * award and its declarations go, the body's year figures follow, and a project left without awards is announced
 * again. An imported (OCDS) award is changed by importing its corrected release, not here.
 */
export async function withdrawAward(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  input: Static<typeof AwardWithdrawBody>,
) {
  const actor = requireActor(caller);
  return db.transaction().execute(async (trx) => {
    const body = await buyerBody(trx, actor);
    await sql`select id from procurement_awards where body_id = ${body.id} and id = ${id} for update`.execute(
      trx,
    );
    const row = await loadAward(trx, actor, id);
    const errors: FieldError[] = [];
    const reason = input.reason.trim();
    if (reason.length < 2)
      errors.push({
        field: 'reason',
        message: { zh: '请说明撤回的原因', en: 'say why the award is withdrawn' },
      });
    if (row.source !== 'huiqi')
      errors.push({
        field: 'id',
        message: {
          zh: '从 OCDS 导入的成交结果随发布方的更正而变更：请导入更正后的发布',
          en: 'an award imported from OCDS changes with its publisher’s correction: import the corrected release',
        },
      });
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
    await trx
      .deleteFrom('procurement_declarations')
      .where('body_id', '=', body.id)
      .where('award_id', '=', id)
      .execute();
    await trx.deleteFrom('procurement_awards').where('body_id', '=', body.id).where('id', '=', id).execute();
    const projectId = row.project_id === null ? null : Number(row.project_id);
    const years = [row.year];
    if (projectId !== null) {
      const project = await trx
        .selectFrom('procurement_projects')
        .select(['plan_year', 'state'])
        .where('body_id', '=', body.id)
        .where('id', '=', projectId)
        .executeTakeFirst();
      if (project) {
        years.push(project.plan_year);
        const left = await trx
          .selectFrom('procurement_awards')
          .select('id')
          .where('body_id', '=', body.id)
          .where('project_id', '=', projectId)
          .executeTakeFirst();
        if (!left && project.state === 'awarded')
          await trx
            .updateTable('procurement_projects')
            .set((eb) => ({ state: 'announced', updated_at: new Date(), version: eb('version', '+', 1) }))
            .where('body_id', '=', body.id)
            .where('id', '=', projectId)
            .execute();
      }
    }
    await refreshShares(trx, body.id, years);
    await audit(
      trx,
      caller,
      actor,
      'award_withdrawn',
      { type: 'procurement_award', id },
      {
        bodyId: body.id,
        projectId,
        supplier: row.supplier_uscc ?? row.supplier_name,
        amount: row.amount,
        declaredSize: row.declared_size,
        awardedOn: row.awarded_on,
        reason,
      },
    );
    return { id, projectId };
  });
}
