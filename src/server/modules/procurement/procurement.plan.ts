/**
 * A buying body's year plan (issue 17; docs/reference/procurement.md §3): each project with what the rules in force
 * on its announcement date require (reserved whole, a reserved share with its small/micro part, or the price
 * deductions), the way the buyer reserves and the amounts, and where the choice falls short. Buyers write their
 * body's plan; officials read the plans of their region.
 */
import { type Kysely, sql } from 'kysely';
import type { Static } from 'typebox';
import {
  ProcurementInputError,
  type ProjectRequirement,
  projectRequirement,
} from '../../../reference/procurement.ts';
import type { ProjectBody, ProjectListQuery, ProjectUpdateBody } from '../../../shared/api/procurement.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { audit } from './procurement.audit.ts';
import { buyerBody, type Db } from './procurement.bodies.ts';
import { refreshShares } from './procurement.shares.ts';
import type { ProcurementKind, ProjectState, RequirementMode } from './procurement.table.ts';

/** Runs a rule of the reference layer; its input error becomes a field error. */
export function applying<T>(rule: () => T, prefix = ''): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof ProcurementInputError)
      throw new AppError('VALIDATION_FAILED', [{ field: `${prefix}${error.field}`, message: error.reason }]);
    throw error;
  }
}

export interface ProjectRow {
  body_id: number;
  id: number;
  body_name: string;
  region_code: string;
  plan_year: number;
  code: string;
  name: string;
  kind: ProcurementKind;
  budget: string;
  suited: boolean;
  exemption: string | null;
  exemption_note: string;
  quota: string | null;
  announcement_date: string;
  rules_id: string;
  mode: RequirementMode;
  reserved_min: string | null;
  small_micro_min: string | null;
  way: 'whole' | 'lots' | 'consortium' | 'subcontract' | null;
  reserved_amount: string;
  small_micro_reserved: string;
  partner_share: string | null;
  state: ProjectState;
  note: string;
  updated_at: Date;
  version: number;
  awarded: string;
  awards: number;
  total?: number;
}

const SELECT = sql`
  select p.body_id, p.id, b.name as body_name, b.region_code, p.plan_year, p.code, p.name, p.kind,
    trim_scale(p.budget)::text as budget, p.suited, p.exemption, p.exemption_note, trim_scale(p.quota)::text as quota,
    to_char(p.announcement_date, 'YYYY-MM-DD') as announcement_date, p.rules_id, p.mode,
    trim_scale(p.reserved_min)::text as reserved_min, trim_scale(p.small_micro_min)::text as small_micro_min, p.way,
    trim_scale(p.reserved_amount)::text as reserved_amount,
    trim_scale(p.small_micro_reserved)::text as small_micro_reserved,
    trim_scale(p.partner_share)::text as partner_share, p.state, p.note, p.updated_at, p.version,
    coalesce((select trim_scale(sum(a.amount))::text from procurement_awards a
      where a.body_id = p.body_id and a.project_id = p.id), '0') as awarded,
    (select count(*)::int from procurement_awards a where a.body_id = p.body_id and a.project_id = p.id) as awards,
    count(*) over ()::int as total
  from procurement_projects p join procurement_bodies b on b.id = p.body_id`;

/** A shortfall: the plan reserves less than the rules require. */
const SHORT = sql`((p.mode = 'whole' and p.reserved_amount < p.budget)
  or (p.mode = 'share' and (p.reserved_amount < p.reserved_min or p.small_micro_reserved < p.small_micro_min)))`;

function requirementOf(r: ProjectRow): ProjectRequirement {
  return projectRequirement({
    kind: r.kind,
    budget: r.budget,
    announcementDate: r.announcement_date,
    suitedToSmes: r.suited,
    ...(r.exemption === null ? {} : { exemption: r.exemption as never }),
    ...(r.quota === null ? {} : { quota: r.quota }),
  });
}

const lt = (a: string, b: string) => Number(a) < Number(b);

/** Where the reservation chosen falls short of what the rules require. */
function shortfallsOf(r: ProjectRow, requirement: ProjectRequirement): FieldError[] {
  const out: FieldError[] = [];
  if (requirement.mode === 'whole' && lt(r.reserved_amount, r.budget))
    out.push({
      field: 'reservedAmount',
      message: {
        zh: `${requirement.wholeReservationMax}元以下（含）适宜中小企业的项目应整体预留：预留${r.reserved_amount}元，预算${r.budget}元`,
        en: `a suited project up to ${requirement.wholeReservationMax} yuan is reserved whole: ${r.reserved_amount} of ${r.budget} yuan reserved`,
      },
    });
  if (requirement.mode === 'share') {
    if (lt(r.reserved_amount, requirement.reservedAmountMin))
      out.push({
        field: 'reservedAmount',
        message: {
          zh: `应预留不低于${requirement.reservedShareMin}%（${requirement.reservedAmountMin}元），现为${r.reserved_amount}元`,
          en: `at least ${requirement.reservedShareMin}% (${requirement.reservedAmountMin} yuan) must be reserved; ${r.reserved_amount} is`,
        },
      });
    if (lt(r.small_micro_reserved, requirement.smallMicroAmountMin))
      out.push({
        field: 'smallMicroReserved',
        message: {
          zh: `预留给小微企业的部分应不低于预留金额的${requirement.smallMicroOfReservedMin}%（${requirement.smallMicroAmountMin}元），现为${r.small_micro_reserved}元`,
          en: `at least ${requirement.smallMicroOfReservedMin}% of the reserved part (${requirement.smallMicroAmountMin} yuan) must go to small and micro enterprises; ${r.small_micro_reserved} does`,
        },
      });
  }
  return out;
}

export function projectView(r: ProjectRow) {
  const requirement = requirementOf(r);
  return {
    id: Number(r.id),
    bodyId: Number(r.body_id),
    bodyName: r.body_name,
    regionCode: r.region_code,
    planYear: r.plan_year,
    code: r.code,
    name: r.name,
    kind: r.kind,
    budget: r.budget,
    suitedToSmes: r.suited,
    exemption: r.exemption as never,
    exemptionNote: r.exemption_note,
    quota: r.quota,
    announcementDate: r.announcement_date,
    requirement: {
      ...requirement,
      documents: [...requirement.documents],
      provisions: [...requirement.provisions],
    },
    way: r.way,
    reservedAmount: r.reserved_amount,
    smallMicroReserved: r.small_micro_reserved,
    partnerShare: r.partner_share,
    shortfalls: shortfallsOf(r, requirement).map((f) => ({
      field: f.field,
      message: f.message as Localized,
    })),
    state: r.state,
    note: r.note,
    awarded: r.awarded,
    awards: r.awards,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** Who may read which bodies' projects: a buyer their own; an official their region's; an admin all. */
export function scopeOf(actor: Actor) {
  if (actor.role === 'buyer') return sql`b.uscc = ${actor.organizationUscc ?? ''}`;
  if (actor.role === 'admin') return sql`true`;
  if (actor.role === 'official') return sql`b.region_code like ${`${actor.regionPrefix ?? ''}%`}`;
  throw new AppError('FORBIDDEN');
}

/**
 * The bodies of a list's region filter (`regionCode`): a region within an official's (and below it; an admin's any);
 * refused on the field when it is not a region or lies outside the official's; a buyer lists their own body only.
 */
export function regionFilterOf(actor: Actor, regionCode: string | undefined) {
  if (regionCode === undefined || regionCode === '') return sql`true`;
  if (actor.role === 'buyer')
    throw AppError.field('regionCode', {
      zh: '采购人只查看本单位的数据，不能按地区筛选',
      en: "a buyer sees their own body's records only: no region filter",
    });
  const { prefix } = resolveRegionScope(actor, regionCode, 'regionCode');
  return sql`b.region_code like ${`${prefix}%`}`;
}

export async function listProjects(db: Db, caller: Caller, query: Static<typeof ProjectListQuery>) {
  const actor = requireActor(caller);
  const inRegion = regionFilterOf(actor, query.regionCode);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const q = query.q?.trim() ?? '';
  const { rows } = await sql<ProjectRow>`${SELECT}
    where ${scopeOf(actor)} and ${inRegion}
      and (${query.year ?? 0} = 0 or p.plan_year = ${query.year ?? 0})
      and (${query.state ?? ''} = '' or p.state = ${query.state ?? ''})
      and (${query.kind ?? ''} = '' or p.kind = ${query.kind ?? ''})
      and (${query.bodyId ?? 0} = 0 or p.body_id = ${query.bodyId ?? 0})
      and (${query.short ?? false} = false or ${SHORT})
      and (${q} = '' or p.name like ${`%${q}%`} or p.code = ${q})
    order by p.plan_year desc, b.name, p.code, p.id
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  return { items: rows.map(projectView), total: rows[0]?.total ?? 0, page, pageSize };
}

/** One project the actor may read. */
export async function loadProject(db: Db, actor: Actor, id: number, lock = false): Promise<ProjectRow> {
  // A buyer's read is routed to its body's shard; an official's looks the id up.
  const body = actor.role === 'buyer' ? await buyerBody(db, actor) : null;
  if (lock)
    await sql`select id from procurement_projects where id = ${id}
      and (${body?.id ?? 0} = 0 or body_id = ${body?.id ?? 0}) for update`.execute(db);
  const { rows } = await sql<ProjectRow>`${SELECT}
    where p.id = ${id} and (${body?.id ?? 0} = 0 or p.body_id = ${body?.id ?? 0})`.execute(db);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  if (actor.role !== 'buyer') assertInRegion(actor, row.region_code);
  return row;
}

export async function getProject(db: Db, caller: Caller, id: number) {
  return projectView(await loadProject(db, requireActor(caller), id));
}

type Input = Static<typeof ProjectBody>;

/** Checks a project's input beyond its schema and gives the requirement; every problem at once, by field. */
function checked(input: Input) {
  const errors: FieldError[] = [];
  if (input.suitedToSmes && input.exemption !== undefined)
    errors.push({
      field: 'exemption',
      message: {
        zh: '适宜由中小企业提供的项目不填不适宜的理由',
        en: 'a project suited to SMEs has no exemption',
      },
    });
  const budget = Number(input.budget);
  const reserved = input.reservedAmount ?? (input.way === 'whole' ? input.budget : '0');
  const smallMicro = input.smallMicroReserved ?? '0';
  if (Number(reserved) > budget)
    errors.push({
      field: 'reservedAmount',
      message: { zh: `超过预算（${input.budget}元）`, en: `is above the budget (${input.budget} yuan)` },
    });
  if (Number(smallMicro) > Number(reserved))
    errors.push({
      field: 'smallMicroReserved',
      message: { zh: `超过预留金额（${reserved}元）`, en: `is above the amount reserved (${reserved} yuan)` },
    });
  if (input.way === 'whole' && Number(reserved) !== budget)
    errors.push({
      field: 'reservedAmount',
      message: { zh: '整体预留即预留全部预算', en: 'reserving the whole project reserves its whole budget' },
    });
  const partner = input.way === 'consortium' || input.way === 'subcontract';
  if (input.partnerShare !== undefined && !partner)
    errors.push({
      field: 'partnerShare',
      message: { zh: '只有联合体或分包方式才有份额要求', en: 'only a consortium or subcontract has a share' },
    });
  if (input.partnerShare !== undefined && Number(input.partnerShare) > 100)
    errors.push({ field: 'partnerShare', message: { zh: '不能超过100%', en: 'cannot be above 100%' } });
  if (partner && input.partnerShare === undefined)
    errors.push({
      field: 'partnerShare',
      message: {
        zh: '联合体或分包方式须写明中小企业的合同份额',
        en: 'a consortium or subcontract needs the SME share of the contract',
      },
    });
  // A plan year's project is announced in that year, or already in the year before (an early tender); never later.
  const announcedIn = Number(input.announcementDate.slice(0, 4));
  if (announcedIn < input.planYear - 1)
    errors.push({
      field: 'announcementDate',
      message: { zh: '早于计划年度的前一年', en: 'is before the year ahead of the plan year' },
    });
  if (announcedIn > input.planYear)
    errors.push({
      field: 'announcementDate',
      message: {
        zh: `晚于计划年度（${input.planYear}年）：本年度计划的项目应在本年度内（或提前一年）公告`,
        en: `is after the plan year (${input.planYear}): a project of this year's plan is announced within it (or a year early)`,
      },
    });
  let requirement: ProjectRequirement | null = null;
  try {
    requirement = projectRequirement({
      kind: input.kind,
      budget: input.budget,
      announcementDate: input.announcementDate,
      suitedToSmes: input.suitedToSmes,
      ...(input.exemption === undefined ? {} : { exemption: input.exemption }),
      ...(input.quota === undefined ? {} : { quota: input.quota }),
    });
  } catch (error) {
    if (!(error instanceof ProcurementInputError)) throw error;
    errors.push({ field: error.field, message: error.reason });
  }
  if (errors.length > 0 || requirement === null) throw new AppError('VALIDATION_FAILED', errors);
  return {
    requirement,
    values: {
      plan_year: input.planYear,
      code: input.code.trim(),
      name: input.name.trim(),
      kind: input.kind,
      budget: input.budget,
      suited: input.suitedToSmes,
      exemption: input.exemption ?? null,
      exemption_note: input.exemptionNote?.trim() ?? '',
      quota: input.quota ?? null,
      announcement_date: input.announcementDate,
      rules_id: requirement.rulesId,
      mode: requirement.mode,
      reserved_min: requirement.mode === 'share' ? requirement.reservedAmountMin : null,
      small_micro_min: requirement.mode === 'share' ? requirement.smallMicroAmountMin : null,
      way: input.way ?? null,
      reserved_amount: reserved,
      small_micro_reserved: smallMicro,
      partner_share: input.partnerShare ?? null,
      note: input.note?.trim() ?? '',
    },
  };
}

const DUPLICATE_CODE = (year: number) => ({
  zh: `${year}年计划中已有该项目编号`,
  en: `the ${year} plan has a project of this number already`,
});

/** Adds a project to the buyer's body's plan. */
export async function createProject(db: Kysely<Database>, caller: Caller, input: Input) {
  const actor = requireActor(caller);
  const { values } = checked(input);
  return db.transaction().execute(async (trx) => {
    const body = await buyerBody(trx, actor);
    const taken = await trx
      .selectFrom('procurement_projects')
      .select('id')
      .where('body_id', '=', body.id)
      .where('plan_year', '=', values.plan_year)
      .where('code', '=', values.code)
      .executeTakeFirst();
    if (taken) throw AppError.field('code', DUPLICATE_CODE(values.plan_year));
    const { id } = await trx
      .insertInto('procurement_projects')
      .values({ ...values, body_id: body.id, created_by: actor.userId, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshShares(trx, body.id, [values.plan_year]);
    await audit(
      trx,
      caller,
      actor,
      'project_created',
      { type: 'procurement_project', id: Number(id) },
      { bodyId: body.id, ...input },
    );
    return projectView(await loadProject(trx, actor, Number(id)));
  });
}

/** Changes a project of the buyer's plan (not a cancelled one). */
export async function updateProject(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  input: Static<typeof ProjectUpdateBody>,
) {
  const actor = requireActor(caller);
  const { version, ...fields } = input;
  const { values } = checked(fields);
  return db.transaction().execute(async (trx) => {
    const body = await buyerBody(trx, actor);
    const current = await loadProject(trx, actor, id, true);
    if (current.version !== version) throw new AppError('CONFLICT');
    if (current.state === 'cancelled')
      throw AppError.field('version', { zh: '项目已取消，不能修改', en: 'the project is cancelled' });
    if (current.awards > 0 && (values.kind !== current.kind || values.suited !== current.suited))
      throw AppError.field(values.kind !== current.kind ? 'kind' : 'suitedToSmes', {
        zh: '已有成交结果，不能再改项目类别或是否适宜中小企业',
        en: 'the project has awards: its kind and whether it suits SMEs stay as they are',
      });
    if (values.plan_year !== current.plan_year || values.code !== current.code) {
      const taken = await trx
        .selectFrom('procurement_projects')
        .select('id')
        .where('body_id', '=', body.id)
        .where('plan_year', '=', values.plan_year)
        .where('code', '=', values.code)
        .where('id', '<>', id)
        .executeTakeFirst();
      if (taken) throw AppError.field('code', DUPLICATE_CODE(values.plan_year));
    }
    await trx
      .updateTable('procurement_projects')
      .set((eb) => ({
        ...values,
        updated_by: actor.userId,
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('body_id', '=', body.id)
      .where('id', '=', id)
      .execute();
    await refreshShares(trx, body.id, [current.plan_year, values.plan_year]);
    await audit(
      trx,
      caller,
      actor,
      'project_changed',
      { type: 'procurement_project', id },
      { bodyId: body.id, from: projectView(current), to: fields },
    );
    return projectView(await loadProject(trx, actor, id));
  });
}

/** Cancels a project without awards (it leaves the year's figures). */
export async function cancelProject(db: Kysely<Database>, caller: Caller, id: number, version: number) {
  const actor = requireActor(caller);
  return db.transaction().execute(async (trx) => {
    const body = await buyerBody(trx, actor);
    const current = await loadProject(trx, actor, id, true);
    if (current.version !== version) throw new AppError('CONFLICT');
    if (current.awards > 0)
      throw AppError.field('version', {
        zh: '已有成交结果的项目不能取消',
        en: 'a project with awards is not cancelled',
      });
    if (current.state === 'cancelled')
      throw AppError.field('version', { zh: '已取消', en: 'already cancelled' });
    await trx
      .updateTable('procurement_projects')
      .set((eb) => ({
        state: 'cancelled',
        updated_by: actor.userId,
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('body_id', '=', body.id)
      .where('id', '=', id)
      .execute();
    await refreshShares(trx, body.id, [current.plan_year]);
    await audit(
      trx,
      caller,
      actor,
      'project_cancelled',
      { type: 'procurement_project', id },
      { bodyId: body.id },
    );
    return projectView(await loadProject(trx, actor, id));
  });
}
