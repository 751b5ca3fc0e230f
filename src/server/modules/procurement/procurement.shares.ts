/**
 * The shares of a body's year (issue 17; docs/reference/procurement.md §3.5, §9): the roll-up
 * `procurement_shares` (body × year × kind) recomputed from the body's projects and awards in the transaction of
 * each change, and what a supervising official reads from it — each body's SME and small/micro shares, reserved and
 * awarded, against 30% and 60%, with an SBA-style grade.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import {
  annualShares,
  type GradeBand,
  getProcurementRules,
  PROCUREMENT_RULES,
  SBA_GRADE_BANDS,
  sbaStyleGrade,
} from '../../../reference/procurement.ts';
import type { SharesQuery } from '../../../shared/api/procurement.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { type BodyRow, buyerBody, type Db, regionPrefixOf } from './procurement.bodies.ts';

/** The declared sizes that count for SMEs only with a 声明函: an award of one without any is flagged. */
export const NEEDS_DECLARATION = sql`('medium', 'small', 'micro')`;

/**
 * Whether the award `a` is flagged: a declaration of it holds a mismatch (a note such as `figures_blank` is none), or
 * its winner declared an SME size and no declaration is recorded. The awards list's filter and the shares' flagged
 * part both ask this.
 */
export const IS_FLAGGED_AWARD = sql`(exists (select 1 from procurement_declarations d
    where d.body_id = a.body_id and d.award_id = a.id and d.flags <> '{}' and d.flags <> '{figures_blank}')
  or (a.declared_size in ${NEEDS_DECLARATION} and not exists (select 1 from procurement_declarations d
    where d.body_id = a.body_id and d.award_id = a.id)))`;

/**
 * Recomputes a body's roll-up rows of these years from its projects (by plan year, cancelled ones left out) and
 * awards (by award year), under a lock per body so two changes of one body take turns.
 */
export async function refreshShares(trx: Transaction<Database>, bodyId: number, years: Iterable<number>) {
  const list = [...new Set(years)].sort();
  if (list.length === 0) return;
  await sql`select pg_advisory_xact_lock(hashtext('procurement_shares'), ${bodyId}::int)`.execute(trx);
  await sql`delete from procurement_shares where body_id = ${bodyId} and year = any(${list}::int2[])`.execute(
    trx,
  );
  await sql`
    insert into procurement_shares (body_id, year, kind, region_code, projects, budget, suited_budget, reserved,
      small_micro_reserved, contracts, awarded, awarded_suited, awarded_sme, awarded_small_micro)
    select ${bodyId}, y.year, k.kind, b.region_code, coalesce(p.projects, 0), coalesce(p.budget, 0),
      coalesce(p.suited_budget, 0), coalesce(p.reserved, 0), coalesce(p.small_micro_reserved, 0),
      coalesce(a.contracts, 0), coalesce(a.awarded, 0), coalesce(a.awarded_suited, 0), coalesce(a.awarded_sme, 0),
      coalesce(a.awarded_small_micro, 0)
    from unnest(${list}::int2[]) y(year)
    cross join (values ('goods'), ('services'), ('works')) k(kind)
    join procurement_bodies b on b.id = ${bodyId}
    left join (
      select plan_year as year, kind, count(*)::int as projects, sum(budget) as budget,
        sum(budget) filter (where suited) as suited_budget, sum(reserved_amount) filter (where suited) as reserved,
        sum(small_micro_reserved) filter (where suited) as small_micro_reserved
      from procurement_projects where body_id = ${bodyId} and plan_year = any(${list}::int2[]) and state <> 'cancelled'
      group by 1, 2) p on p.year = y.year and p.kind = k.kind
    left join (
      select year, kind, count(*)::int as contracts, sum(amount) as awarded,
        sum(amount) filter (where suited) as awarded_suited, sum(sme_amount) filter (where suited) as awarded_sme,
        sum(small_micro_amount) filter (where suited) as awarded_small_micro
      from procurement_awards where body_id = ${bodyId} and year = any(${list}::int2[])
      group by 1, 2) a on a.year = y.year and a.kind = k.kind
    where p.kind is not null or a.kind is not null`.execute(trx);
}

/**
 * Rebuilds the whole roll-up from the rows, set-based (after rows were loaded around the services: a benchmark's
 * bulk load, or to put the roll-up beyond doubt). One transaction; the same figures `refreshShares` keeps.
 */
export async function rebuildShares(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`lock table procurement_shares in exclusive mode`.execute(trx);
    await sql`delete from procurement_shares`.execute(trx);
    await sql`
      insert into procurement_shares (body_id, year, kind, region_code, projects, budget, suited_budget, reserved,
        small_micro_reserved, contracts, awarded, awarded_suited, awarded_sme, awarded_small_micro)
      select k.body_id, k.year, k.kind, b.region_code, coalesce(p.projects, 0), coalesce(p.budget, 0),
        coalesce(p.suited_budget, 0), coalesce(p.reserved, 0), coalesce(p.small_micro_reserved, 0),
        coalesce(a.contracts, 0), coalesce(a.awarded, 0), coalesce(a.awarded_suited, 0), coalesce(a.awarded_sme, 0),
        coalesce(a.awarded_small_micro, 0)
      from (
        select body_id, plan_year as year, kind from procurement_projects where state <> 'cancelled'
        union select body_id, year, kind from procurement_awards) k
      join procurement_bodies b on b.id = k.body_id
      left join (
        select body_id, plan_year as year, kind, count(*)::int as projects, sum(budget) as budget,
          sum(budget) filter (where suited) as suited_budget, sum(reserved_amount) filter (where suited) as reserved,
          sum(small_micro_reserved) filter (where suited) as small_micro_reserved
        from procurement_projects where state <> 'cancelled' group by 1, 2, 3) p
        on p.body_id = k.body_id and p.year = k.year and p.kind = k.kind
      left join (
        select body_id, year, kind, count(*)::int as contracts, sum(amount) as awarded,
          sum(amount) filter (where suited) as awarded_suited, sum(sme_amount) filter (where suited) as awarded_sme,
          sum(small_micro_amount) filter (where suited) as awarded_small_micro
        from procurement_awards group by 1, 2, 3) a on a.body_id = k.body_id and a.year = k.year and a.kind = k.kind`.execute(
      trx,
    );
  });
}

/** The summed figures of some roll-up rows, as the API gives them. */
export interface Sums {
  projects: number;
  budget: string;
  suited_budget: string;
  reserved: string;
  small_micro_reserved: string;
  contracts: number;
  awarded: string;
  awarded_suited: string;
  awarded_sme: string;
  awarded_small_micro: string;
}

/** The select list summing roll-up rows `s` into `Sums`. */
export const SUMS = sql`coalesce(sum(s.projects), 0)::int as projects, trim_scale(coalesce(sum(s.budget), 0))::text as budget,
  trim_scale(coalesce(sum(s.suited_budget), 0))::text as suited_budget, trim_scale(coalesce(sum(s.reserved), 0))::text as reserved,
  trim_scale(coalesce(sum(s.small_micro_reserved), 0))::text as small_micro_reserved,
  coalesce(sum(s.contracts), 0)::int as contracts, trim_scale(coalesce(sum(s.awarded), 0))::text as awarded,
  trim_scale(coalesce(sum(s.awarded_suited), 0))::text as awarded_suited, trim_scale(coalesce(sum(s.awarded_sme), 0))::text as awarded_sme,
  trim_scale(coalesce(sum(s.awarded_small_micro), 0))::text as awarded_small_micro`;

/** Per cent of a part in a whole, four decimals (exact enough to grade; null without a whole). */
function percent(part: string, whole: string): string | null {
  const p = cents(part);
  const w = cents(whole);
  if (w === 0n) return null;
  // Half up at four decimals: p / w × 100 = p × 10^6 / w ten-thousandths.
  const scaled = (p * 2_000_000n + w) / (2n * w);
  const whole4 = scaled.toString().padStart(5, '0');
  return `${whole4.slice(0, -4)}.${whole4.slice(-4)}`.replace(/\.?0+$/, '') || '0';
}

/** Yuan as cents (the roll-up's numbers have at most two decimals). */
function cents(yuan: string): bigint {
  const [int = '0', frac = ''] = yuan.split('.');
  return BigInt(int) * 100n + BigInt(`${frac}00`.slice(0, 2));
}

/** Two decimals for display, half up. */
function shown(share: string | null): string | null {
  if (share === null) return null;
  const [int = '0', frac = ''] = share.split('.');
  const ten = BigInt(int) * 10_000n + BigInt(`${frac}0000`.slice(0, 4));
  const hundredths = (ten + 50n) / 100n;
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/**
 * What a year is judged on, as `annualShares` compares it against the lines in force on the year's last day: what
 * was awarded in projects suited to SMEs; without awards yet, what the plan reserves; with neither, nothing.
 */
export function judgedYear(s: Sums, year: number) {
  const date = `${year}-12-31`;
  if (cents(s.awarded_suited) > 0n)
    return {
      basis: 'awards' as const,
      shares: annualShares({
        suitedBudget: s.awarded_suited,
        smeAmount: s.awarded_sme,
        smallMicroAmount: s.awarded_small_micro,
        date,
      }),
    };
  if (cents(s.suited_budget) > 0n)
    return {
      basis: 'plan' as const,
      shares: annualShares({
        suitedBudget: s.suited_budget,
        smeAmount: s.reserved,
        smallMicroAmount: s.small_micro_reserved,
        date,
      }),
    };
  return { basis: 'none' as const, shares: null };
}

/** A row of sums as the API's figures, with the shares against the lines in force on the year's last day. */
export function figures(s: Sums, year: number) {
  const lastDay = `${year}-12-31`;
  const reservedShare = percent(s.reserved, s.suited_budget);
  const awardedShare = percent(s.awarded_sme, s.awarded_suited);
  // The year is met on what was awarded; without awards yet, on what the plan reserves.
  const judged = judgedYear(s, year).shares;
  const rules = getProcurementRules(lastDay, 'year');
  return {
    projects: s.projects,
    budget: s.budget,
    suitedBudget: s.suited_budget,
    reserved: s.reserved,
    smallMicroReserved: s.small_micro_reserved,
    contracts: s.contracts,
    awarded: s.awarded,
    awardedSuited: s.awarded_suited,
    awardedSme: s.awarded_sme,
    awardedSmallMicro: s.awarded_small_micro,
    reservedShare: shown(reservedShare),
    reservedSmallMicroShare: shown(percent(s.small_micro_reserved, s.reserved)),
    awardedShare: shown(awardedShare),
    awardedSmallMicroShare: shown(percent(s.awarded_small_micro, s.awarded_sme)),
    meetsSme: judged?.meetsSmeShare ?? false,
    meetsSmallMicro: judged?.meetsSmallMicroShare ?? false,
    grade:
      awardedShare === null
        ? null
        : gradeOf(
            awardedShare,
            percent(s.awarded_small_micro, s.awarded_sme),
            rules.annualSmeShareMin.value,
            rules.annualSmallMicroOfSmeMin.value,
          ),
  };
}

/**
 * The SBA-style grade of a year's awards: the SME share graded against its goal (30%) and the small/micro part of it
 * against its own (60%), the lower of the two grades given — a body that awarded SMEs nothing small or micro is not
 * graded above F however large its SME share (no SME amount: the small/micro part counts as 0).
 */
export function gradeOf(
  smeShare: string,
  smallMicroShare: string | null,
  smeGoal: string,
  smallMicroGoal: string,
): GradeBand['grade'] {
  const sme = sbaStyleGrade(smeShare, smeGoal);
  const smallMicro = sbaStyleGrade(smallMicroShare ?? '0', smallMicroGoal);
  const rank = (g: GradeBand['grade']) => SBA_GRADE_BANDS.findIndex((b) => b.grade === g);
  return rank(sme) >= rank(smallMicro) ? sme : smallMicro;
}

/** The lines of the rules in force (30%, 60%), named in the grade's method. */
const LINES = PROCUREMENT_RULES[PROCUREMENT_RULES.length - 1] as (typeof PROCUREMENT_RULES)[number];
const SME_GOAL = LINES.annualSmeShareMin.value;
const SMALL_MICRO_GOAL = LINES.annualSmallMicroOfSmeMin.value;

/** How the SBA-style grade is given (stated with every grade). */
export const GRADE_METHOD = {
  zh: `仿美国小企业管理局（SBA）记分卡，两项各自评级、取较低者：①授予中小企业的金额占适宜中小企业项目授予总额的比例 ÷ ${SME_GOAL}% 目标；②其中授予小微企业的金额占授予中小企业金额的比例 ÷ ${SMALL_MICRO_GOAL}% 目标（没有授予中小企业时按 0 计）。达成率 ≥120% 为 A+，100%—119% 为 A，90%—99% 为 B，80%—89% 为 C，70%—79% 为 D，低于 70% 为 F（SBA 等级划分为未核实资料；SBA 的分包、主承包商数量和同行评议三项在此没有对应，只评主合同授予）`,
  en: `After the US SBA scorecard, two grades and the lower one given: (1) the share of the awards in projects suited to SMEs that went to SMEs ÷ the ${SME_GOAL}% goal; (2) the small and micro part of what went to SMEs ÷ the ${SMALL_MICRO_GOAL}% goal (0 when nothing went to SMEs). Achievement from 120% is A+, 100–119% A, 90–99% B, 80–89% C, 70–79% D, below 70% F (the SBA bands are unverified; SBA’s subcontracting, prime-contractor count and peer-review areas have no counterpart here: prime awards alone are graded)`,
};

/**
 * A region's year for its supervising official: totals, by kind, and each body (those below a line first, the lowest
 * share first), from the roll-up alone.
 */
export async function regionShares(db: Db, caller: Caller, query: Static<typeof SharesQuery>) {
  const actor = requireActor(caller);
  const regionCode = query.regionCode ?? (actor.role === 'admin' ? '' : (actor.regionCode ?? ''));
  if (regionCode !== '') assertInRegion(actor, regionCode);
  else if (actor.role !== 'admin') assertInRegion(actor, '');
  const prefix = regionCode === '' ? '' : regionPrefixOf(regionCode);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = sql`s.year = ${query.year} and s.region_code like ${`${prefix}%`}`;
  const [{ rows: total }, { rows: byKind }, { rows: bodies }] = await Promise.all([
    sql<Sums>`select ${SUMS} from procurement_shares s where ${where}`.execute(db),
    sql<Sums & { kind: 'goods' | 'services' | 'works' }>`
      select s.kind, ${SUMS} from procurement_shares s where ${where} group by s.kind order by s.kind`.execute(
      db,
    ),
    sql<Sums & { body_id: number; region_code: string }>`
      select s.body_id, min(s.region_code) as region_code, ${SUMS}
      from procurement_shares s where ${where} group by s.body_id`.execute(db),
  ]);
  const names = await bodyNames(
    db,
    bodies.map((b) => Number(b.body_id)),
  );
  const suited = await suitedProjects(db, query.year, prefix);
  const flagged = await flaggedParts(db, query.year, prefix);
  const noneFlagged = { awards: 0, smeAmount: '0', smallMicroAmount: '0' };
  const suitedOf = (body: number | null, kind: string | null) => {
    let n = 0;
    for (const r of suited)
      if ((body === null || Number(r.body_id) === body) && (kind === null || r.kind === kind)) n += r.suited;
    return n;
  };
  const all = bodies
    .map((b) => ({
      bodyId: Number(b.body_id),
      bodyName: names.get(Number(b.body_id)) ?? String(b.body_id),
      regionCode: b.region_code,
      ...figures(b, query.year),
      suitedProjects: suitedOf(Number(b.body_id), null),
      flagged: flagged.byBody.get(Number(b.body_id)) ?? noneFlagged,
    }))
    .map((b) => ({ ...b, isBelow: !(b.meetsSme && b.meetsSmallMicro) }));
  const listed = (query.below ? all.filter((b) => b.isBelow) : all).sort(
    (a, b) =>
      Number(b.isBelow) - Number(a.isBelow) ||
      Number(a.awardedShare ?? a.reservedShare ?? 0) - Number(b.awardedShare ?? b.reservedShare ?? 0) ||
      a.bodyId - b.bodyId,
  );
  const rules = getProcurementRules(`${query.year}-12-31`, 'year');
  return {
    year: query.year,
    regionCode,
    smeShareMin: rules.annualSmeShareMin.value,
    smallMicroShareMin: rules.annualSmallMicroOfSmeMin.value,
    gradeMethod: GRADE_METHOD,
    total: {
      ...figures(total[0] as Sums, query.year),
      suitedProjects: suitedOf(null, null),
      flagged: flagged.total,
    },
    byKind: byKind.map((k) => ({
      kind: k.kind,
      ...figures(k, query.year),
      suitedProjects: suitedOf(null, k.kind),
    })),
    bodies: {
      items: listed.slice((page - 1) * pageSize, page * pageSize).map(({ isBelow: _, ...b }) => b),
      total: listed.length,
      page,
      pageSize,
    },
    below: all.filter((b) => b.isBelow).length,
  };
}

/**
 * A region's year's projects suited to SMEs, by body and kind: counted from the projects as the roll-up sums them
 * (by plan year, cancelled ones left out), since the roll-up counts every project, suited or not.
 */
async function suitedProjects(db: Db, year: number, prefix: string) {
  const { rows } = await sql<{ body_id: string; kind: string; suited: number }>`
    select p.body_id, p.kind, count(*)::int as suited
    from procurement_projects p join procurement_bodies b on b.id = p.body_id
    where p.plan_year = ${year} and p.state <> 'cancelled' and p.suited and b.region_code like ${`${prefix}%`}
    group by 1, 2`.execute(db);
  return rows;
}

/**
 * How much of each body's SME and small/micro amounts rests on flagged awards (IS_FLAGGED_AWARD), and how many such
 * awards: the awards the shares count (in projects suited to SMEs, of the year, with an SME amount). They stay counted
 * by the size declared — under 财库〔2020〕46号 the 声明函 is the proof of size the buyer relies on, and a false one is
 * for the supervising departments to deal with — and the page shows this part beside each share.
 */
async function flaggedParts(db: Db, year: number, prefix: string) {
  const { rows } = await sql<{ body_id: string; awards: number; sme: string; small_micro: string }>`
    select a.body_id, count(*)::int as awards, trim_scale(sum(a.sme_amount))::text as sme,
      trim_scale(sum(a.small_micro_amount))::text as small_micro
    from procurement_awards a join procurement_bodies b on b.id = a.body_id
    where a.year = ${year} and a.suited and a.sme_amount > 0 and b.region_code like ${`${prefix}%`}
      and ${IS_FLAGGED_AWARD}
    group by a.body_id`.execute(db);
  const byBody = new Map(
    rows.map((r) => [
      Number(r.body_id),
      { awards: r.awards, smeAmount: r.sme, smallMicroAmount: r.small_micro },
    ]),
  );
  let awards = 0;
  let sme = 0n;
  let smallMicro = 0n;
  for (const r of rows) {
    awards += r.awards;
    sme += cents(r.sme);
    smallMicro += cents(r.small_micro);
  }
  return { byBody, total: { awards, smeAmount: yuanOf(sme), smallMicroAmount: yuanOf(smallMicro) } };
}

/** Cents as yuan, as the roll-up gives sums (trailing zeros trimmed). */
function yuanOf(cents: bigint): string {
  const fen = (cents % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fen ? `${cents / 100n}.${fen}` : String(cents / 100n);
}

async function bodyNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('procurement_bodies')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** A buyer's body and its year's figures (the buyer's home page); null while the body is not registered. */
export async function buyerYear(db: Db, actor: Actor, year: number) {
  if (!actor.organizationUscc) return null;
  const found = await db
    .selectFrom('procurement_bodies')
    .select('id')
    .where('uscc', '=', actor.organizationUscc)
    .executeTakeFirst();
  if (!found) return null;
  const body: BodyRow = await buyerBody(db, actor);
  const { rows } = await sql<Sums>`
    select ${SUMS} from procurement_shares s where s.body_id = ${body.id} and s.year = ${year}`.execute(db);
  return {
    id: Number(body.id),
    uscc: body.uscc,
    name: body.name,
    regionCode: body.region_code,
    year,
    ...figures(rows[0] as Sums, year),
  };
}
