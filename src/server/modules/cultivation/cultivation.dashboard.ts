/**
 * The officials' cultivation dashboard (issue 18): for the official's region (or a region under it; an admin: the
 * country) the year's applications by tier and stage (the `cultivation_stats` counts the service keeps on every
 * change, summed over the region's counties by code range), the recognitions in force by tier and by sub-region
 * against the national targets (the 14th Five-Year plan's figures for the whole country: no regional split of them
 * exists, so none is made), those ending within 180 days, and the registry's likely candidates — enterprises the
 * last registry-wide scoring found likely for a tier, not holding it and with no open application — to reach out to.
 *
 * Every read is of a code range on an index: the stats' primary key (region_code, …), the applications' queue index
 * (stage, region_code, …), the scores' (tier, status) joined to the registry's enterprises by id. The registry is
 * read only through its index (`enterpriseCards()`, `enterpriseFactsSql.certified`).
 */
import { type Kysely, sql } from 'kysely';
import type { Static } from 'typebox';
import { addDays } from '../../../reference/calendar.ts';
import { findRegion, isPlaceholderCity, regionFullName } from '../../../reference/regions.ts';
import { regionFullNameEn, regionNameEn } from '../../../reference/regions-en.ts';
import type { CandidatesExportQuery, CandidatesQuery } from '../../../shared/api/cultivation-dashboard.ts';
import type { Database } from '../../db/schema.ts';
import { assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { escapeLike } from '../audit/index.ts';
import { JOB_KINDS, recentJobs } from '../jobs/index.ts';
import { countEnterprises, enterpriseCards, enterpriseFactsSql } from '../registry/index.ts';
import { queueScoring, type ScoringProgress } from './cultivation.scoring.ts';
import { CULTIVATION_TIERS } from './cultivation.standards.ts';
import { STAGES, type Stage, type TierCode } from './cultivation.table.ts';

/** How far ahead "expiring soon" looks, in days. */
export const EXPIRING_DAYS = 180;
/** How many of the recognitions expiring soon the dashboard lists. */
export const EXPIRING_LISTED = 20;
/** The stages of an application still open (an enterprise with one is not a candidate to reach out to). */
export const OPEN_STAGES: readonly Stage[] = [
  'county_review',
  'returned',
  'province_review',
  'national_review',
  'notice',
];

const TIER_CODES = CULTIVATION_TIERS.map((t) => t.code) as TierCode[];

/** The region a dashboard read covers: its code (null: the country) and its codes' range ('' prefix: all). */
export interface DashboardScope {
  code: string | null;
  prefix: string;
}

/** The region asked for within the caller's (officials: their own subtree; admins: any), or the caller's own. */
export function dashboardScope(caller: Caller, regionCode: string | undefined): DashboardScope {
  const actor = requireActor(caller);
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const scope = resolveRegionScope(actor, regionCode, 'regionCode');
  if (scope.code !== null) assertInRegion(actor, scope.code);
  return scope;
}

const lo = (prefix: string) => prefix.padEnd(6, '0');
const hi = (prefix: string) => prefix.padEnd(6, '9');

/** The length of the code prefix naming a sub-region of a scope, and their level (null: a county has none). */
function subRegionsOf(scope: DashboardScope): {
  length: number;
  level: 'province' | 'city' | 'county' | null;
} {
  if (scope.prefix.length === 0) return { length: 2, level: 'province' };
  if (scope.prefix.length === 2) return { length: 4, level: 'city' };
  if (scope.prefix.length === 4) return { length: 6, level: 'county' };
  return { length: 6, level: null };
}

/** A sub-region's names: a placeholder grouping (市辖区) is named with its parent's name before it. */
function subRegionNames(code: string): { name: string; nameEn: string } {
  const region = findRegion(code);
  if (!region) return { name: code, nameEn: code };
  if (isPlaceholderCity(region) && region.parentCode !== null)
    return {
      name: `${regionFullName(region.parentCode)}${region.name}`,
      nameEn: `${regionNameEn(region.code)}, ${regionFullNameEn(region.parentCode)}`,
    };
  return { name: region.name, nameEn: regionNameEn(region.code) };
}

const percent = (part: number, whole: number) => (whole > 0 ? ((part * 100) / whole).toFixed(2) : '0.00');

/** The year's applications of the region by tier and stage, every pair (zeros included). */
async function pipelineOf(db: Kysely<Database>, scope: DashboardScope, year: number) {
  let query = db
    .selectFrom('cultivation_stats')
    .select(['tier', 'stage', sql<number>`coalesce(sum(count), 0)::int`.as('n')])
    .where('year', '=', year);
  if (scope.prefix !== '')
    query = query.where('region_code', '>=', lo(scope.prefix)).where('region_code', '<=', hi(scope.prefix));
  const rows = await query.groupBy(['tier', 'stage']).execute();
  const counts = new Map(rows.map((r) => [`${r.tier}:${r.stage}`, Number(r.n)]));
  return TIER_CODES.flatMap((tier) =>
    STAGES.map((stage) => ({ tier, stage, count: counts.get(`${tier}:${stage}`) ?? 0 })),
  );
}

/** The recognitions in force today by tier and sub-region. */
async function recognisedOf(db: Kysely<Database>, scope: DashboardScope, length: number, today: string) {
  let query = db
    .selectFrom('cultivation_applications')
    .select([
      'tier',
      sql<string>`substr(region_code, 1, ${sql.lit(length)})`.as('sub'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('stage', '=', 'recognised')
    .where('valid_from', '<=', today)
    .where('valid_to', '>=', today);
  if (scope.prefix !== '')
    query = query.where('region_code', '>=', lo(scope.prefix)).where('region_code', '<=', hi(scope.prefix));
  return query.groupBy(['tier', sql`substr(region_code, 1, ${sql.lit(length)})`]).execute();
}

/** The recognitions of the region ending from today to `EXPIRING_DAYS` ahead: counts by tier and the first few. */
async function expiringOf(db: Kysely<Database>, scope: DashboardScope, today: string) {
  let base = db
    .selectFrom('cultivation_applications')
    .where('stage', '=', 'recognised')
    .where('valid_to', '>=', today)
    .where('valid_to', '<=', addDays(today, EXPIRING_DAYS));
  if (scope.prefix !== '')
    base = base.where('region_code', '>=', lo(scope.prefix)).where('region_code', '<=', hi(scope.prefix));
  const [counts, first] = await Promise.all([
    base
      .select(['tier', sql<number>`count(*)::int`.as('n')])
      .groupBy('tier')
      .execute(),
    base
      .select(['enterprise_id', 'id', 'tier', 'region_code', 'valid_to'])
      .orderBy('valid_to')
      .orderBy('enterprise_id')
      .orderBy('id')
      .limit(EXPIRING_LISTED)
      .execute(),
  ]);
  const ids = [...new Set(first.map((r) => Number(r.enterprise_id)))];
  const cards = ids.length === 0 ? [] : await enterpriseCards(db).where('id', 'in', ids).execute();
  const names = new Map(cards.map((c) => [Number(c.id), c]));
  return {
    counts: new Map(counts.map((c) => [c.tier, Number(c.n)])),
    items: first.map((r) => ({
      enterpriseId: Number(r.enterprise_id),
      applicationId: Number(r.id),
      enterpriseName: names.get(Number(r.enterprise_id))?.name ?? '',
      uscc: names.get(Number(r.enterprise_id))?.uscc ?? '',
      regionCode: r.region_code,
      tier: r.tier,
      validTo: r.valid_to ?? '',
    })),
  };
}

/**
 * The likely candidates of the region: enterprises the last registry-wide scoring found likely for a tier, neither
 * holding it (the registry's recognition valid today, or a recognised application in force) nor with an open
 * application for it. `q`: a USCC or part of a name.
 */
function candidatesBase(
  db: Kysely<Database>,
  scope: DashboardScope,
  today: string,
  filter: { tier?: TierCode | undefined; q?: string | undefined },
) {
  let query = db
    .selectFrom('cultivation_scores as s')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 's.enterprise_id')
    .where('s.status', '=', 'likely')
    .where('s.tier', 'in', filter.tier ? [filter.tier] : TIER_CODES);
  if (scope.prefix !== '')
    query = query
      .where('e.region_code', '>=', lo(scope.prefix))
      .where('e.region_code', '<=', hi(scope.prefix));
  const q = filter.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    query = query.where((eb) => eb.or([eb('e.uscc', '=', q.toUpperCase()), eb('e.name', 'like', like)]));
  }
  const held = sql.join(
    CULTIVATION_TIERS.map(
      (t) =>
        sql`(s.tier = ${t.code} and ${enterpriseFactsSql.certified(sql.ref('s.enterprise_id'), t.recognition, today)})`,
    ),
    sql` or `,
  );
  return query.where(sql<boolean>`not (${held})`).where(({ not, exists, selectFrom }) =>
    not(
      exists(
        selectFrom('cultivation_applications as a')
          .select(sql.lit(1).as('one'))
          .whereRef('a.enterprise_id', '=', 's.enterprise_id')
          .whereRef('a.tier', '=', 's.tier')
          .where((a) =>
            a.or([
              a('a.stage', 'in', [...OPEN_STAGES]),
              a.and([a('a.stage', '=', 'recognised'), a('a.valid_to', '>=', today)]),
            ]),
          ),
      ),
    ),
  );
}

/** The dashboard of a region and year (this year unless told). */
export async function cultivationDashboard(
  db: Kysely<Database>,
  caller: Caller,
  query: { year?: number | undefined; regionCode?: string | undefined },
  today: string,
) {
  const scope = dashboardScope(caller, query.regionCode);
  const year = query.year ?? Number(today.slice(0, 4));
  const sub = subRegionsOf(scope);
  const [pipeline, recognised, expiring, candidates] = await Promise.all([
    pipelineOf(db, scope, year),
    recognisedOf(db, scope, sub.length, today),
    expiringOf(db, scope, today),
    candidatesBase(db, scope, today, {})
      .select(['s.tier', sql<number>`count(*)::int`.as('n'), sql<Date | null>`max(s.computed_at)`.as('at')])
      .groupBy('s.tier')
      .execute(),
  ]);
  const recognisedBy = new Map<TierCode, number>();
  const subRegions = new Map<string, Record<TierCode, number>>();
  for (const r of recognised) {
    recognisedBy.set(r.tier, (recognisedBy.get(r.tier) ?? 0) + Number(r.n));
    if (sub.level === null) continue;
    const code = r.sub.padEnd(6, '0');
    const counts = subRegions.get(code) ?? { innovative: 0, specialised: 0, little_giant: 0 };
    counts[r.tier] += Number(r.n);
    subRegions.set(code, counts);
  }
  const candidatesBy = new Map(candidates.map((c) => [c.tier, Number(c.n)]));
  const scoredAt = candidates.reduce<Date | null>((latest, c) => {
    const at = c.at === null ? null : new Date(c.at);
    return at !== null && (latest === null || at > latest) ? at : latest;
  }, null);
  return {
    year,
    today,
    regionCode: scope.code,
    regionName: scope.code === null ? '全国' : regionFullName(scope.code),
    regionNameEn: scope.code === null ? 'Nationwide' : regionFullNameEn(scope.code),
    subRegionLevel: sub.level,
    tiers: CULTIVATION_TIERS.map((t) => {
      const count = recognisedBy.get(t.code) ?? 0;
      return {
        tier: t.code,
        nameZh: t.zh,
        nameEn: t.en,
        nationalTarget: t.nationalTarget,
        recognised: count,
        shareOfTarget: percent(count, t.nationalTarget),
        expiring: expiring.counts.get(t.code) ?? 0,
        candidates: candidatesBy.get(t.code) ?? 0,
      };
    }),
    pipeline,
    bySubRegion: [...subRegions.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, counts]) => ({
        code,
        ...subRegionNames(code),
        counts,
        total: counts.innovative + counts.specialised + counts.little_giant,
      })),
    expiringDays: EXPIRING_DAYS,
    expiring: expiring.items,
    scoredAt,
  };
}

export type CultivationDashboard = Awaited<ReturnType<typeof cultivationDashboard>>;

type CandidateRow = {
  enterprise_id: number;
  name: string;
  uscc: string;
  region_code: string;
  tier: TierCode;
  score: number | null;
  status: 'likely' | 'unlikely' | 'incomplete';
  missing: number;
  standard_version: string;
  data_year: number;
  computed_at: Date;
};

function candidateView(r: CandidateRow) {
  return {
    enterpriseId: Number(r.enterprise_id),
    name: r.name,
    uscc: r.uscc,
    regionCode: r.region_code,
    regionName: r.region_code ? regionFullName(r.region_code) : '',
    tier: r.tier,
    score: r.score === null ? null : Number(r.score),
    status: r.status,
    missing: Number(r.missing),
    standardVersion: r.standard_version,
    dataYear: r.data_year,
    computedAt: r.computed_at,
  };
}

export type Candidate = ReturnType<typeof candidateView>;

async function candidateRows(
  db: Kysely<Database>,
  scope: DashboardScope,
  today: string,
  filter: { tier?: TierCode | undefined; q?: string | undefined },
  limit: number,
  offset: number,
): Promise<Candidate[]> {
  const rows = await candidatesBase(db, scope, today, filter)
    .select([
      's.enterprise_id',
      'e.name',
      'e.uscc',
      'e.region_code',
      's.tier',
      's.score',
      's.status',
      's.missing',
      's.standard_version',
      's.data_year',
      's.computed_at',
    ])
    .orderBy(sql`s.score desc nulls last`)
    .orderBy('s.enterprise_id')
    .orderBy('s.tier')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => candidateView(r as CandidateRow));
}

/** A page of the region's likely candidates, best score first. */
export async function listCandidates(
  db: Kysely<Database>,
  caller: Caller,
  query: Static<typeof CandidatesQuery>,
  today: string,
) {
  const scope = dashboardScope(caller, query.regionCode);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const filter = { tier: query.tier, q: query.q };
  const [items, counted] = await Promise.all([
    candidateRows(db, scope, today, filter, pageSize, (page - 1) * pageSize),
    candidatesBase(db, scope, today, filter)
      .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`max(s.computed_at)`.as('at')])
      .executeTakeFirst(),
  ]);
  return {
    items,
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
    scoredAt: counted?.at ? new Date(counted.at) : null,
  };
}

/** Rows read per page of a candidates export. */
const EXPORT_PAGE = 1000;

/** The region's likely candidates page by page, for an export (the scope checked before the first page). */
export function candidatePages(
  db: Kysely<Database>,
  caller: Caller,
  query: Static<typeof CandidatesExportQuery>,
  today: string,
): AsyncGenerator<Candidate[]> {
  const scope = dashboardScope(caller, query.regionCode);
  const filter = { tier: query.tier, q: query.q };
  return (async function* () {
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const rows = await candidateRows(db, scope, today, filter, EXPORT_PAGE, offset);
      if (rows.length > 0) yield rows;
      if (rows.length < EXPORT_PAGE) return;
    }
  })();
}

// ---------------------------------------------------------------------------------------------------------------
// The registry-wide scoring behind the candidates: its last run, the one under way, and starting one

/** How many of the latest queued runs are looked through for the region's (newest first). */
const RUNS_LOOKED_AT = 200;

/** A scoring run as the dashboard shows it (the job's error text stays in the log: no internal words shown). */
export interface ScoringRunView {
  id: number;
  regionCode: string | null;
  regionName: string;
  regionNameEn: string;
  onDate: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  /** Enterprises scored so far (the result when done). */
  enterprises: number;
  /** The registry's enterprises in the run's region (from the roll-up): what `enterprises` runs up to. */
  expected: number;
  /** Results (enterprise × tier) written because they changed. */
  changed: number;
  startedBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Who may start a run: an admin, or an official of a province (for a region in it). */
function mayStartScoring(caller: Caller): boolean {
  const actor = requireActor(caller);
  return (
    actor.role === 'admin' ||
    (actor.role === 'official' && actor.regionPrefix !== null && actor.regionPrefix.length === 2)
  );
}

/**
 * The runs that concern a region: the latest under way (queued or running) over a region that meets it (above,
 * the same or under it: two would score the same enterprises), and the latest finished over the whole of it (a
 * run of a region above also scored this one). Read through the audit entries each queued run left (newest first).
 */
async function runsOf(db: Kysely<Database>, scope: DashboardScope) {
  let current: ScoringRunView | null = null;
  let last: ScoringRunView | null = null;
  for (const job of await recentJobs(db, JOB_KINDS.cultivationScoring, RUNS_LOOKED_AT)) {
    const payload = job.payload as { prefix: string; regionCode: string; onDate: string; startedBy?: string };
    const covers = scope.prefix.startsWith(payload.prefix);
    const meets = covers || payload.prefix.startsWith(scope.prefix);
    const underWay = job.status === 'queued' || job.status === 'running';
    if (!(current === null && underWay && meets) && !(last === null && job.status === 'succeeded' && covers))
      continue;
    const counts = (job.result ?? job.progress ?? null) as ScoringProgress | null;
    const code = payload.regionCode === '' ? null : payload.regionCode;
    const view: ScoringRunView = {
      id: Number(job.id),
      regionCode: code,
      regionName: code === null ? '全国' : regionFullName(code),
      regionNameEn: code === null ? 'Nationwide' : regionFullNameEn(code),
      onDate: payload.onDate,
      status: job.status as ScoringRunView['status'],
      enterprises: counts?.enterprises ?? 0,
      expected: await countEnterprises(db, payload.prefix),
      changed: counts?.changed ?? 0,
      startedBy: payload.startedBy ?? null,
      createdAt: job.created_at,
      finishedAt: job.finished_at,
    };
    if (underWay) current = view;
    else last = view;
    if (current !== null && last !== null) break;
  }
  return { current, last };
}

/**
 * The registry-wide scoring of a region as the candidates' list shows it: whether the caller may start a run, the
 * run under way (with its progress) and the last one finished (when the scores were last computed).
 */
export async function scoringOverview(
  db: Kysely<Database>,
  caller: Caller,
  query: { regionCode?: string | undefined },
) {
  const scope = dashboardScope(caller, query.regionCode);
  const runs = await runsOf(db, scope);
  return { regionCode: scope.code, canStart: mayStartScoring(caller), ...runs };
}

/**
 * Starts a registry-wide scoring of a region (the caller's own unless told; an admin: every enterprise): an admin
 * or an official of a province for a region in it, audited (`cultivation.scoring_queued`). One run at a time: while
 * a run over a region that meets this one is queued or running, the request is refused (409) saying who started it
 * and how far it got.
 */
export async function startScoring(
  db: Kysely<Database>,
  caller: Caller,
  body: { regionCode?: string | undefined },
) {
  if (!mayStartScoring(caller))
    // An official below a province may call the route but not for this: the scoring spans a province at least.
    throw new AppError('OUT_OF_SCOPE', [], {
      zh: '全库评分由省级主管部门或系统管理员启动',
      en: 'the registry-wide scoring is started by a province’s authority or an administrator',
    });
  const scope = dashboardScope(caller, body.regionCode);
  const { current } = await runsOf(db, scope);
  if (current !== null)
    throw new AppError('CONFLICT', [], {
      zh: `${current.regionName}的评分正在进行（${current.startedBy ?? '系统'}启动，已评估 ${current.enterprises} 家企业），完成后才能再次启动`,
      en: `a scoring of ${current.regionNameEn} is under way (started by ${current.startedBy ?? 'the system'}; ${current.enterprises} enterprises scored so far): start another once it has finished`,
    });
  await queueScoring(db, caller, scope.code === null ? {} : { regionCode: scope.code });
  return scoringOverview(db, caller, { regionCode: scope.code ?? undefined });
}
