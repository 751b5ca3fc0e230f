/**
 * The annual public report of SME procurement per buying body (issue 17, measure 8; docs/reference/procurement.md
 * "Huiqi's own rules here"). A buyer — or a supervising official of the body's region, for a body that has no buyer
 * or on its behalf — generates the body's report of a year: a snapshot of the year from the module's own data (the
 * roll-up the shares page reads, the year's projects not suited to SMEs with their reasons, the rules used) with a
 * commentary. The draft is the preview; saving it again takes the figures afresh. Publishing fixes it: a published
 * version is never changed, and a correction is the next version with a note saying what changed. The public reads
 * each body's latest published version and sees that it was corrected, and why.
 *
 * Publishing checks that the figures are still those of the draft: what is published is what was previewed.
 * The region's supervising officials are told when a body publishes or corrects its report.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import {
  getProcurementRules,
  PROCUREMENT_DOCUMENTS,
  PROCUREMENT_RULES,
  PROCUREMENT_RULES_START,
} from '../../../reference/procurement.ts';
import { findRegion, regionScopePrefix } from '../../../reference/regions.ts';
import type {
  PublicReportListQuery,
  ReportFiguresSchema,
  ReportGenerateBody,
  ReportListQuery,
  ReportUpdateBody,
} from '../../../shared/api/procurement-reports.ts';
import type { Localized } from '../../../shared/errors.ts';
import { dateInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { activeOfficialsOver, userLabelsOf } from '../accounts/index.ts';
import { escapeLike } from '../audit/index.ts';
import { notifyUsers } from '../notifications/index.ts';
import { audit } from './procurement.audit.ts';
import { type BodyRow, buyerBody, type Db } from './procurement.bodies.ts';
import { figures, GRADE_METHOD, judgedYear, SUMS, type Sums } from './procurement.shares.ts';
import type { ProcurementKind } from './procurement.table.ts';

/** What a report states of its body's year. */
export type ReportFigures = Static<typeof ReportFiguresSchema>;

const KINDS: readonly ProcurementKind[] = ['goods', 'services', 'works'];

/** The first year a report can be made of: the year 财库〔2020〕46号 came into force. */
export const FIRST_REPORT_YEAR = Number(PROCUREMENT_RULES_START.slice(0, 4));

/**
 * A report's year: not before the rules' start, not after the current year (in China). The current year may be
 * reported before it ends; the report says when its figures were taken.
 */
export function checkReportYear(year: number, today: string): void {
  if (year < FIRST_REPORT_YEAR)
    throw AppError.field('year', {
      zh: `${year} 年早于财库〔2020〕46号的施行日期 ${PROCUREMENT_RULES_START}，此前的规则未收录，不能生成年度报告`,
      en: `${year} is before ${PROCUREMENT_RULES_START}, when 财库〔2020〕46号 came into force; earlier rules are not held, so no report is made of it`,
    });
  const current = Number(today.slice(0, 4));
  if (year > current)
    throw AppError.field('year', {
      zh: `${year} 年尚未到来（今年是 ${current} 年），不能生成年度报告`,
      en: `${year} is in the future (this is ${current}): no report is made of it`,
    });
}

/** The snapshot of a body's year, from the roll-up and the body's projects. */
export async function reportSnapshot(db: Db, body: BodyRow, year: number): Promise<ReportFigures> {
  const [{ rows: totals }, { rows: byKind }, notSuited, projectRules] = await Promise.all([
    sql<Sums>`select ${SUMS} from procurement_shares s
      where s.body_id = ${body.id} and s.year = ${year}`.execute(db),
    sql<Sums & { kind: ProcurementKind }>`select s.kind, ${SUMS} from procurement_shares s
      where s.body_id = ${body.id} and s.year = ${year} group by s.kind`.execute(db),
    db
      .selectFrom('procurement_projects')
      .select(['code', 'name', 'kind', sql<string>`trim_scale(budget)::text`.as('budget'), 'exemption'])
      .select('exemption_note')
      .where('body_id', '=', body.id)
      .where('plan_year', '=', year)
      .where('suited', '=', false)
      .where('state', '<>', 'cancelled')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('procurement_projects')
      .select('rules_id')
      .distinct()
      .where('body_id', '=', body.id)
      .where('plan_year', '=', year)
      .where('state', '<>', 'cancelled')
      .execute(),
  ]);
  const total = totals[0] as Sums;
  const zero = { ...total, projects: 0, contracts: 0 };
  for (const key of Object.keys(zero) as (keyof Sums)[])
    if (typeof zero[key] === 'string') (zero as Record<string, unknown>)[key] = '0';
  const rules = getProcurementRules(`${year}-12-31`, 'year');
  const rulesIds = [...new Set(projectRules.map((r) => r.rules_id))].sort();
  // The documents of the year's rules and of the rules each project was judged by, in the reference's order.
  const used = new Set(
    [rules.id, ...rulesIds].flatMap((id) => PROCUREMENT_RULES.find((r) => r.id === id)?.documents ?? []),
  );
  const judged = judgedYear(total, year);
  const all = figures(total, year);
  return {
    body: { uscc: body.uscc, name: body.name, regionCode: body.region_code, kind: body.kind },
    year,
    rulesId: rules.id,
    projectRulesIds: rulesIds,
    documents: PROCUREMENT_DOCUMENTS.filter((d) => used.has(d.documentNumber)).map((d) => ({
      documentNumber: d.documentNumber,
      titleZh: d.titleZh,
      titleEn: d.titleEn,
      effectiveFrom: d.effectiveFrom,
    })),
    smeShareMin: rules.annualSmeShareMin.value,
    smallMicroShareMin: rules.annualSmallMicroOfSmeMin.value,
    judgedOn: judged.basis,
    shares: judged.shares && {
      smeShare: judged.shares.smeShare,
      smallMicroShare: judged.shares.smallMicroShare,
      meetsSmeShare: judged.shares.meetsSmeShare,
      meetsSmallMicroShare: judged.shares.meetsSmallMicroShare,
    },
    grade: { grade: all.grade, method: { ...GRADE_METHOD } },
    total: all,
    byKind: KINDS.map((kind) => ({
      kind,
      ...figures(byKind.find((k) => k.kind === kind) ?? zero, year),
    })),
    notSuited: notSuited.map((p) => ({
      code: p.code,
      name: p.name,
      kind: p.kind,
      budget: p.budget,
      exemption: p.exemption ?? '',
      exemptionNote: p.exemption_note,
    })),
  };
}

/** A value as JSON with its objects' keys sorted (jsonb keeps keys in an order of its own). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const NO_NOTE: Localized = {
  zh: '该年度已有发布的报告：更正须说明更改了什么',
  en: 'the year has a published report: a correction says what it changes',
};
const NOTE_WITHOUT_CORRECTION: Localized = {
  zh: '该年度尚无发布的报告，第一版不是更正，不填更正说明',
  en: 'the year has no published report yet: the first version is no correction and has no note',
};

/** The correction note a version takes: required from version 2 on, none on version 1 (field `correctionNote`). */
function noteFor(reportVersion: number, given: string | undefined): string | null {
  const note = given?.trim() ?? '';
  if (reportVersion > 1 && note === '') throw AppError.field('correctionNote', NO_NOTE);
  if (reportVersion === 1 && note !== '') throw AppError.field('correctionNote', NOTE_WITHOUT_CORRECTION);
  return reportVersion > 1 ? note : null;
}

/** Reports of one body take turns (one draft per year, versions numbered in order). */
async function lockBody(trx: Transaction<Database>, bodyId: number) {
  await sql`select pg_advisory_xact_lock(hashtext('procurement_reports'), ${bodyId}::int)`.execute(trx);
}

async function findBody(db: Db, id: number): Promise<BodyRow | undefined> {
  return db
    .selectFrom('procurement_bodies')
    .select(['id', 'uscc', 'name', 'region_code', 'kind', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
}

const OTHER_BODY: Localized = {
  zh: '采购人只能为本单位生成报告',
  en: 'a buyer makes the reports of their own body only',
};
const OUTSIDE_REGION: Localized = { zh: '不在您的管辖范围内', en: 'is outside your scope' };

/**
 * The body a report is generated for: a buyer's own (naming another is refused on `bodyId`); an official's body of
 * their region, named by `bodyId`.
 */
async function bodyToReport(db: Db, actor: Actor, bodyId: number | undefined): Promise<BodyRow> {
  if (actor.role === 'buyer') {
    const own = await buyerBody(db, actor);
    if (bodyId !== undefined && bodyId !== Number(own.id))
      throw new AppError('OUT_OF_SCOPE', [{ field: 'bodyId', message: OTHER_BODY }]);
    return own;
  }
  if (bodyId === undefined)
    throw AppError.field('bodyId', {
      zh: '请选择采购单位',
      en: 'name the buying body',
    });
  const body = await findBody(db, bodyId);
  if (!body)
    throw new AppError('NOT_FOUND', [
      { field: 'bodyId', message: { zh: '该采购单位未登记', en: 'no such buying body' } },
    ]);
  if (!inRegion(actor, body.region_code))
    throw new AppError('OUT_OF_SCOPE', [{ field: 'bodyId', message: OUTSIDE_REGION }]);
  return body;
}

function inRegion(actor: Actor, regionCode: string): boolean {
  try {
    assertInRegion(actor, regionCode);
    return true;
  } catch {
    return false;
  }
}

interface ReportRow {
  body_id: number;
  id: number;
  year: number;
  report_version: number;
  state: 'draft' | 'published';
  body_name: string;
  region_code: string;
  figures: ReportFigures;
  rules_id: string;
  documents: string[];
  commentary_zh: string;
  commentary_en: string;
  correction_note: string | null;
  generated_by: number;
  generated_at: Date;
  published_by: number | null;
  published_at: Date | null;
  version: number;
}

const COLUMNS = [
  'body_id',
  'id',
  'year',
  'report_version',
  'state',
  'body_name',
  'region_code',
  'figures',
  'rules_id',
  'documents',
  'commentary_zh',
  'commentary_en',
  'correction_note',
  'generated_by',
  'generated_at',
  'published_by',
  'published_at',
  'version',
] as const;

/** A report's row by id (its body found first, so the row is read, and locked, on its body's shard). */
async function reportRow(db: Db, id: number, lock: boolean): Promise<ReportRow> {
  const found = await db
    .selectFrom('procurement_reports')
    .select('body_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');
  const bodyId = Number(found.body_id);
  if (lock) await lockBody(db as Transaction<Database>, bodyId);
  let query = db
    .selectFrom('procurement_reports')
    .select(COLUMNS)
    .where('body_id', '=', bodyId)
    .where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row as unknown as ReportRow;
}

/**
 * Who may read a report: the body's buyer; an official whose region covers the body as it is or as the report
 * gives it (a body that moved keeps its earlier reports readable by their supervisors); an admin.
 */
function assertReadable(actor: Actor, row: ReportRow, body: BodyRow) {
  if (actor.role === 'buyer') {
    if (actor.organizationUscc !== body.uscc) throw new AppError('OUT_OF_SCOPE');
    return;
  }
  if (!inRegion(actor, row.region_code) && !inRegion(actor, body.region_code))
    throw new AppError('OUT_OF_SCOPE');
}

/**
 * Who may change a report: the body's buyer; an official whose region covers the body both as the report stored it
 * and as it is now (what the saved or published report will carry); an admin.
 */
function assertChangeable(actor: Actor, row: ReportRow, body: BodyRow) {
  if (actor.role === 'buyer') {
    if (actor.organizationUscc !== body.uscc) throw new AppError('OUT_OF_SCOPE');
    return;
  }
  assertInRegion(actor, row.region_code);
  assertInRegion(actor, body.region_code);
}

const PUBLISHED_FIXED = (row: ReportRow): Localized => ({
  zh: `第${row.report_version}版已于 ${dateOf(row.published_at)} 发布，发布后不能修改；如需更正，请生成新版本并说明更改内容`,
  en: `version ${row.report_version} was published on ${dateOf(row.published_at)} and is fixed: a correction is a new version with a note`,
});

const dateOf = (d: Date | null) => (d === null ? '' : dateInChina(d));

/** Generates the draft of a body's report of a year: the first version, or (with a note) a correction. */
export async function generateReport(
  db: Kysely<Database>,
  caller: Caller,
  input: Static<typeof ReportGenerateBody>,
  today: string,
) {
  const actor = requireActor(caller);
  checkReportYear(input.year, today);
  const id = await db.transaction().execute(async (trx) => {
    const body = await bodyToReport(trx, actor, input.bodyId);
    await lockBody(trx, Number(body.id));
    const existing = await trx
      .selectFrom('procurement_reports')
      .select(['id', 'report_version', 'state'])
      .where('body_id', '=', body.id)
      .where('year', '=', input.year)
      .execute();
    const draft = existing.find((r) => r.state === 'draft');
    if (draft)
      throw new AppError('CONFLICT', [
        {
          field: 'year',
          message: {
            zh: `${input.year} 年度报告已有草稿（第${draft.report_version}版，编号 ${draft.id}），请打开该草稿修改或发布`,
            en: `the ${input.year} report has a draft already (version ${draft.report_version}, number ${draft.id}): open it to change or publish it`,
          },
        },
      ]);
    const reportVersion = existing.length + 1;
    const note = noteFor(reportVersion, input.correctionNote);
    const snapshot = await reportSnapshot(trx, body, input.year);
    const row = await trx
      .insertInto('procurement_reports')
      .values({
        body_id: body.id,
        year: input.year,
        report_version: reportVersion,
        body_name: body.name,
        region_code: body.region_code,
        figures: JSON.stringify(snapshot),
        rules_id: snapshot.rulesId,
        documents: snapshot.documents.map((d) => d.documentNumber),
        commentary_zh: input.commentaryZh?.trim() ?? '',
        commentary_en: input.commentaryEn?.trim() ?? '',
        correction_note: note,
        generated_by: actor.userId,
        generated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      caller,
      actor,
      'report_drafted',
      { type: 'procurement_report', id: Number(row.id) },
      { bodyId: Number(body.id), year: input.year, reportVersion, correctionNote: note },
    );
    return Number(row.id);
  });
  return getReport(db, caller, id);
}

/** Saves a draft's commentary (and correction note), taking the year's figures afresh. */
export async function updateReport(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  input: Static<typeof ReportUpdateBody>,
) {
  const actor = requireActor(caller);
  await db.transaction().execute(async (trx) => {
    const row = await reportRow(trx, id, true);
    const body = (await findBody(trx, row.body_id)) as BodyRow;
    assertChangeable(actor, row, body);
    if (row.state === 'published')
      throw new AppError('CONFLICT', [{ field: 'id', message: PUBLISHED_FIXED(row) }]);
    if (row.version !== input.version) throw new AppError('CONFLICT');
    const note = noteFor(row.report_version, input.correctionNote);
    const snapshot = await reportSnapshot(trx, body, row.year);
    await trx
      .updateTable('procurement_reports')
      .set((eb) => ({
        body_name: body.name,
        region_code: body.region_code,
        figures: JSON.stringify(snapshot),
        rules_id: snapshot.rulesId,
        documents: snapshot.documents.map((d) => d.documentNumber),
        commentary_zh: input.commentaryZh.trim(),
        commentary_en: input.commentaryEn?.trim() ?? '',
        correction_note: note,
        generated_by: actor.userId,
        generated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('body_id', '=', row.body_id)
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      caller,
      actor,
      'report_changed',
      { type: 'procurement_report', id },
      { bodyId: Number(row.body_id), year: row.year, reportVersion: row.report_version },
    );
  });
  return getReport(db, caller, id);
}

/**
 * Publishes a draft: public and fixed from now on. Refused when it was published already, when the Chinese
 * commentary is empty, or when the year's figures changed since the draft was saved (save it again to preview them).
 */
export async function publishReport(db: Kysely<Database>, caller: Caller, id: number, version: number) {
  const actor = requireActor(caller);
  await db.transaction().execute(async (trx) => {
    const row = await reportRow(trx, id, true);
    const body = (await findBody(trx, row.body_id)) as BodyRow;
    assertChangeable(actor, row, body);
    if (row.state === 'published')
      throw new AppError('CONFLICT', [{ field: 'id', message: PUBLISHED_FIXED(row) }]);
    if (row.version !== version) throw new AppError('CONFLICT');
    if (row.commentary_zh.trim() === '')
      throw AppError.field('commentaryZh', {
        zh: '发布前请填写中文说明',
        en: 'a report is published with its commentary in Chinese',
      });
    const fresh = await reportSnapshot(trx, body, row.year);
    if (canonical(fresh) !== canonical(row.figures))
      throw new AppError('CONFLICT', [
        {
          field: 'figures',
          message: {
            zh: '草稿保存后本年度的数据已有变化：请重新保存草稿，预览最新数据后再发布',
            en: 'the year’s figures changed since the draft was saved: save it again to preview them, then publish',
          },
        },
      ]);
    await trx
      .updateTable('procurement_reports')
      .set((eb) => ({
        state: 'published',
        published_by: actor.userId,
        published_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('body_id', '=', row.body_id)
      .where('id', '=', id)
      .execute();
    const corrected = row.report_version > 1;
    await audit(
      trx,
      caller,
      actor,
      corrected ? 'report_corrected' : 'report_published',
      { type: 'procurement_report', id },
      {
        bodyId: Number(row.body_id),
        year: row.year,
        reportVersion: row.report_version,
        correctionNote: row.correction_note,
      },
    );
    // The region's supervising officials hear of it (not the one who published it).
    const officials = (await activeOfficialsOver(trx, body.region_code)).filter((u) => u !== actor.userId);
    await notifyUsers(
      trx,
      officials.map((userId) => ({
        userId,
        kind: 'procurement' as const,
        link: `/app/procurement/reports/${id}`,
        title: corrected
          ? {
              zh: `${body.name}更正了 ${row.year} 年度中小企业采购报告（第${row.report_version}版）：${row.correction_note ?? ''}`,
              en: `${body.name} corrected its ${row.year} report on SME procurement (version ${row.report_version}): ${row.correction_note ?? ''}`,
            }
          : {
              zh: `${body.name}发布了 ${row.year} 年度中小企业采购报告`,
              en: `${body.name} published its ${row.year} report on SME procurement`,
            },
      })),
    );
  });
  return getReport(db, caller, id);
}

/** The roles of some users, by id (who generated or published a report, as a role only). */
async function rolesOf(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const labels = await userLabelsOf(
    db,
    ids.map((i) => (i === null ? null : Number(i))),
  );
  return new Map([...labels].map(([id, label]) => [Number(id), label.role]));
}

/** Every version of a body's report of a year, oldest first. */
async function versionsOf(db: Db, bodyId: number, year: number) {
  return db
    .selectFrom('procurement_reports')
    .select(['id', 'report_version', 'state', 'generated_at', 'published_at', 'correction_note'])
    .where('body_id', '=', bodyId)
    .where('year', '=', year)
    .orderBy('report_version')
    .execute();
}

/** A report as its body's buyer or a supervising official reads it (drafts too), with every version of the year. */
export async function getReport(db: Db, caller: Caller, id: number) {
  const actor = requireActor(caller);
  const row = await reportRow(db, id, false);
  const body = (await findBody(db, row.body_id)) as BodyRow;
  assertReadable(actor, row, body);
  const [versions, roles] = await Promise.all([
    versionsOf(db, Number(row.body_id), row.year),
    rolesOf(db, [row.generated_by, row.published_by]),
  ]);
  return {
    id: Number(row.id),
    bodyId: Number(row.body_id),
    bodyName: row.body_name,
    regionCode: row.region_code,
    year: row.year,
    reportVersion: row.report_version,
    state: row.state,
    figures: row.figures,
    rulesId: row.rules_id,
    documents: row.documents,
    commentaryZh: row.commentary_zh,
    commentaryEn: row.commentary_en,
    correctionNote: row.correction_note,
    generatedAt: row.generated_at,
    generatedByRole: roles.get(Number(row.generated_by)) ?? null,
    publishedAt: row.published_at,
    publishedByRole: row.published_by === null ? null : (roles.get(Number(row.published_by)) ?? null),
    version: row.version,
    versions: versions.map((v) => ({
      id: Number(v.id),
      reportVersion: v.report_version,
      state: v.state,
      generatedAt: v.generated_at,
      publishedAt: v.published_at,
      correctionNote: v.correction_note,
    })),
  };
}

type ListState = 'none' | 'draft' | 'published';
const STATE_ORDER: Record<ListState, number> = { none: 0, draft: 1, published: 2 };

/** A body of the list with its report of the year. */
export interface ReportListItem {
  bodyId: number;
  bodyName: string;
  uscc: string;
  regionCode: string;
  state: ListState;
  reportId: number | null;
  reportVersion: number | null;
  publishedAt: Date | null;
  draft: { id: number; reportVersion: number; generatedAt: Date } | null;
}

/**
 * A year's reports as the officials follow them: every buying body of the region (searched by name or USCC) with
 * its report's state — none, a draft, published (its latest version, when) — those without a published report
 * first. A buyer's list is their own body. The bodies (a reference table) and their reports (distributed by body)
 * are read apart and matched here, as the shares page matches the roll-up with the bodies' names.
 */
export async function listReports(db: Db, caller: Caller, query: Static<typeof ReportListQuery>) {
  const actor = requireActor(caller);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let bodies: BodyRow[];
  if (actor.role === 'buyer') bodies = [await buyerBody(db, actor)];
  else {
    const scope = resolveRegionScope(actor, query.regionCode, 'regionCode');
    const q = query.q?.trim() ?? '';
    let select = db
      .selectFrom('procurement_bodies')
      .select(['id', 'uscc', 'name', 'region_code', 'kind', 'version'])
      .where('region_code', 'like', `${scope.prefix}%`);
    if (q !== '')
      select = select.where((eb) =>
        eb.or([eb('name', 'like', `%${escapeLike(q)}%`), eb('uscc', '=', q.toUpperCase())]),
      );
    bodies = await select.execute();
  }
  const ids = bodies.map((b) => Number(b.id));
  const reports =
    ids.length === 0
      ? []
      : await db
          .selectFrom('procurement_reports')
          .select(['body_id', 'id', 'report_version', 'state', 'published_at', 'generated_at'])
          .where('year', '=', query.year)
          // One array parameter however many bodies a province has (a list of ids would pass PostgreSQL's limit).
          .where(sql<boolean>`body_id = any(${ids}::bigint[])`)
          .orderBy('report_version')
          .execute();
  const byBody = new Map<number, typeof reports>();
  for (const r of reports) byBody.set(Number(r.body_id), [...(byBody.get(Number(r.body_id)) ?? []), r]);
  const all: ReportListItem[] = bodies.map((b) => {
    const rows = byBody.get(Number(b.id)) ?? [];
    const published = rows.filter((r) => r.state === 'published').at(-1);
    const draft = rows.find((r) => r.state === 'draft');
    return {
      bodyId: Number(b.id),
      bodyName: b.name,
      uscc: b.uscc,
      regionCode: b.region_code,
      state: published ? 'published' : draft ? 'draft' : 'none',
      reportId: published ? Number(published.id) : null,
      reportVersion: published ? published.report_version : null,
      publishedAt: published?.published_at ?? null,
      draft: draft
        ? { id: Number(draft.id), reportVersion: draft.report_version, generatedAt: draft.generated_at }
        : null,
    };
  });
  const counts = { none: 0, draft: 0, published: 0 };
  for (const item of all) counts[item.state] += 1;
  const listed = (query.state ? all.filter((i) => i.state === query.state) : all).sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      a.regionCode.localeCompare(b.regionCode) ||
      a.bodyName.localeCompare(b.bodyName, 'zh-CN') ||
      a.bodyId - b.bodyId,
  );
  return {
    items: listed.slice((page - 1) * pageSize, page * pageSize),
    total: listed.length,
    page,
    pageSize,
    year: query.year,
    counts,
  };
}

/** The region a public list asks for: a GB/T 2260 code (400 on `regionCode` when it is not one). */
function publicPrefix(regionCode: string | undefined): string {
  if (regionCode === undefined) return '';
  if (!findRegion(regionCode))
    throw AppError.field('regionCode', {
      zh: '不是有效的行政区划代码',
      en: 'is not a GB/T 2260 region code',
    });
  return regionScopePrefix(regionCode);
}

/**
 * The published reports (no account): each body's latest published version of a year, filtered by year, region
 * (as the report gives it) and the body's name, newest year first.
 */
export async function publicReports(db: Db, query: Static<typeof PublicReportListQuery>) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const prefix = publicPrefix(query.regionCode);
  const q = query.q?.trim() ?? '';
  const { rows } = await sql<{
    id: number;
    body_name: string;
    region_code: string;
    year: number;
    report_version: number;
    published_at: Date;
    figures: ReportFigures;
    total: number;
  }>`
    select r.id, r.body_name, r.region_code, r.year, r.report_version, r.published_at, r.figures,
      count(*) over ()::int as total
    from (
      select distinct on (body_id, year) body_id, id, body_name, region_code, year, report_version, published_at,
        figures
      from procurement_reports
      where state = 'published' and (${query.year ?? 0}::int = 0 or year = ${query.year ?? 0}::int)
      order by body_id, year, report_version desc
    ) r
    where r.region_code like ${`${prefix}%`}
      and (${q} = '' or r.body_name like ${`%${escapeLike(q)}%`})
    order by r.year desc, r.region_code, r.body_name, r.body_id
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      bodyName: r.body_name,
      regionCode: r.region_code,
      year: r.year,
      reportVersion: r.report_version,
      publishedAt: r.published_at,
      judgedOn: r.figures.judgedOn,
      smeShare: r.figures.shares?.smeShare ?? null,
      smallMicroShare: r.figures.shares?.smallMicroShare ?? null,
      meetsSmeShare: r.figures.shares?.meetsSmeShare ?? false,
      meetsSmallMicroShare: r.figures.shares?.meetsSmallMicroShare ?? false,
      grade: r.figures.grade.grade,
    })),
    total: rows[0]?.total ?? 0,
    page,
    pageSize,
  };
}

/**
 * A published report as the public reads it: the latest published version of its body's year, whichever of its
 * versions was asked for, with every published version's date and correction note. A draft is not found.
 */
export async function publicReport(db: Db, id: number) {
  const asked = await db
    .selectFrom('procurement_reports')
    .select(['body_id', 'year'])
    .where('id', '=', id)
    .where('state', '=', 'published')
    .executeTakeFirst();
  if (!asked) throw new AppError('NOT_FOUND');
  const versions = (await versionsOf(db, Number(asked.body_id), asked.year)).filter(
    (v) => v.state === 'published',
  );
  const latest = versions.at(-1);
  if (!latest) throw new AppError('NOT_FOUND');
  const row = (await db
    .selectFrom('procurement_reports')
    .select(COLUMNS)
    .where('body_id', '=', asked.body_id)
    .where('id', '=', latest.id)
    .executeTakeFirstOrThrow()) as unknown as ReportRow;
  return {
    id: Number(row.id),
    bodyName: row.body_name,
    regionCode: row.region_code,
    year: row.year,
    reportVersion: row.report_version,
    figures: row.figures,
    rulesId: row.rules_id,
    documents: row.documents,
    commentaryZh: row.commentary_zh,
    commentaryEn: row.commentary_en,
    correctionNote: row.correction_note,
    publishedAt: row.published_at as Date,
    history: versions.map((v) => ({
      id: Number(v.id),
      reportVersion: v.report_version,
      publishedAt: v.published_at as Date,
      correctionNote: v.correction_note,
    })),
  };
}
