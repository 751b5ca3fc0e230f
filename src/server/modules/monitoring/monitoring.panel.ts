/**
 * A survey's panel (issue 16, ADR 0030): drawn from the registry, the sampling frame being the survey region's
 * active small, medium and micro enterprises of a SMEDI industry, stratified by industry × region (the survey
 * region's next level down) × size, allocated in proportion to the stratum's enterprises or revenue, each stratum's
 * members taken in a seeded order (md5 of seed and id), so the same seed over the same registry draws the same
 * panel. Design weights (enterprises per member) are written with each member. A member who drops out is replaced
 * by the next enterprise of its stratum in the same order. The panel's make-up beside the frame's.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Static } from 'typebox';
import { SMEDI_INDUSTRIES } from '../../../reference/monitoring.ts';
import {
  type DrawBody,
  type DropMemberBody,
  type PanelQuery,
  SAMPLE_SIZE_MAX,
} from '../../../shared/api/monitoring.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { enterpriseFactsSql, latestSizeYear } from '../registry/index.ts';
import { audit } from './monitoring.audit.ts';
import { type Db, loadSurvey, type SurveyRow, surveyPrefix } from './monitoring.repository.ts';
import { allocate, designWeight } from './monitoring.rules.ts';
import type { DrawStratum } from './monitoring.table.ts';

/** The SQL CASE giving a GB/T 4754 section's SMEDI industry (null outside the SMEDI). */
function industryCase(section: RawBuilder<unknown>): RawBuilder<string | null> {
  const whens = SMEDI_INDUSTRIES.flatMap((i) => i.sections.map((s) => sql`when ${s} then ${i.code}`));
  return sql<string | null>`(case ${section} ${sql.join(whens, sql` `)} else null end)`;
}

/** The region a stratum is: the survey region's next level down (a county survey: the county itself). */
function stratumRegion(prefix: string, regionCode: RawBuilder<unknown>): RawBuilder<string> {
  if (prefix.length === 0) return sql<string>`(left(${regionCode}, 2) || '0000')`;
  if (prefix.length === 2) return sql<string>`(left(${regionCode}, 4) || '00')`;
  return sql<string>`${regionCode}::text`;
}

/**
 * The sampling frame as a subquery: `id`, `industry`, `region`, `size`, `revenue` (万元, 0 when unknown) of the
 * region's active SMEs of a SMEDI industry, by the size classes of a year (the 2011 standard). Without `revenue`
 * (`{ revenue: false }`) the registry's figures are not joined: what a draw that only orders the frame reads.
 */
export function frameSql(
  regionCode: string,
  sizeYear: number,
  options: { revenue?: boolean } = {},
): RawBuilder<unknown> {
  const prefix = surveyPrefix(regionCode);
  const revenue = options.revenue ?? true;
  return sql`(select e.id, ${industryCase(sql`left(e.industry_code, 1)`)} as industry,
      ${stratumRegion(prefix, sql`e.region_code`)} as region, z.size
      ${revenue ? sql`, coalesce(f.operating_revenue, 0) as revenue` : sql``}
    from ${enterpriseFactsSql.enterprises()} e
    join ${enterpriseFactsSql.sizes('cn-2011', sizeYear)} z on z.enterprise_id = e.id
    ${revenue ? sql`left join ${enterpriseFactsSql.figures(sizeYear)} f on f.enterprise_id = e.id` : sql``}
    where e.status = 'active' and e.region_code like ${`${prefix}%`} and z.size in ('medium', 'small', 'micro')
      and ${industryCase(sql`left(e.industry_code, 1)`)} is not null)`;
}

const NO_FRAME = {
  zh: '抽样框为空：本地区没有可抽取的中小微企业（须为存续、有规模划型且属于指数所含行业）',
  en: 'the sampling frame is empty: the region has no active small, medium or micro enterprise of an index industry with a size class',
};

async function sizeYearOf(db: Db): Promise<number> {
  const year = await latestSizeYear(db as Kysely<Database>);
  if (year === null) throw new AppError('VALIDATION_FAILED', [{ field: 'sampleSize', message: NO_FRAME }]);
  return year;
}

/**
 * The frame's strata in a fixed order, with their counts and, when asked (an allocation by revenue), their revenue:
 * without it the registry's figures are not joined (a third of the count's time on a national frame).
 */
async function strataOf(db: Db, regionCode: string, sizeYear: number, withRevenue = false) {
  const { rows } = await sql<{
    industry: string;
    region: string;
    size: string;
    frame: number;
    revenue: string | null;
  }>`
    select industry, region, size, count(*)::int as frame,
      ${withRevenue ? sql`trim_scale(sum(revenue)::numeric)::text` : sql`null`} as revenue
    from ${frameSql(regionCode, sizeYear, { revenue: withRevenue })} f group by 1, 2, 3 order by 1, 2, 3`.execute(
    db,
  );
  return rows;
}

const EXCLUSIONS = ['inactive', 'outside_index', 'no_size', 'invalid', 'not_covered', 'large'] as const;

/**
 * The survey region's enterprises the frame leaves out, counted by the first reason that applies: not active; a
 * GB/T 4754 section in no SMEDI industry (or no industry code); no size class in the year; a size the 2011 standard
 * could not give (an industry code too coarse for it, e.g. K70, or figures missing: `invalid`); an industry the
 * standard does not cover; large. What a statistician needs to know the frame is the registry less these.
 */
async function frameExclusions(db: Db, regionCode: string, sizeYear: number) {
  const prefix = surveyPrefix(regionCode);
  const { rows } = await sql<{ reason: (typeof EXCLUSIONS)[number]; enterprises: number }>`
    select reason, count(*)::int as enterprises from (
      select case when e.status <> 'active' then 'inactive'
          when ${industryCase(sql`left(e.industry_code, 1)`)} is null then 'outside_index'
          when z.size is null then 'no_size'
          when z.size in ('invalid', 'not_covered', 'large') then z.size end as reason
      from ${enterpriseFactsSql.enterprises()} e
      left join ${enterpriseFactsSql.sizes('cn-2011', sizeYear)} z on z.enterprise_id = e.id
      where e.region_code like ${`${prefix}%`}) x
    where reason is not null group by reason`.execute(db);
  return EXCLUSIONS.flatMap((reason) => {
    const row = rows.find((r) => r.reason === reason);
    return row ? [{ reason, enterprises: row.enterprises }] : [];
  });
}

/** Whether a draw of `n` by proportional allocation with this seed takes the enterprise (the demo's seed). */
export async function drawTakes(
  db: Db,
  regionCode: string,
  sizeYear: number,
  seed: string,
  n: number,
  enterpriseId: number,
): Promise<boolean> {
  const strata = await strataOf(db, regionCode, sizeYear);
  const samples = allocate(
    strata.map((s) => ({
      key: `${s.industry}|${s.region}|${s.size}`,
      frame: s.frame,
      revenue: s.revenue ?? '0',
    })),
    n,
    'proportional',
  );
  const { rows } = await sql<{ industry: string; region: string; size: string; rank: number }>`
    select x.industry, x.region, x.size, x.rank from (select f.id, f.industry, f.region, f.size,
        row_number() over (partition by f.industry, f.region, f.size order by md5(${seed} || ':' || f.id::text), f.id)::int
          as rank
      from ${frameSql(regionCode, sizeYear)} f) x
    where x.id = ${enterpriseId}`.execute(db);
  const row = rows[0];
  if (!row) return false;
  const i = strata.findIndex(
    (s) => s.industry === row.industry && s.region === row.region && s.size === row.size,
  );
  return row.rank <= (samples[i] ?? 0);
}

/** A drawn member: its stratum, design weight and rank in the stratum's seeded order. */
interface DrawnMember {
  id: number;
  industry: string;
  region: string;
  size: string;
  weight: string;
  rank: number;
}

/**
 * The seeded order's key of an enterprise: md5 of the seed and its id, lower-case hex (ties, never seen, by id).
 * Compared byte by byte, as JavaScript compares strings and as `collate "C"` does: for hex of one length, the
 * order of every collation.
 */
const seededKey = (seed: string, id: RawBuilder<unknown>) => sql<string>`md5(${seed} || ':' || ${id}::text)`;

/**
 * Every stratum's first n_h enterprises in the seeded order (md5 of seed and id, then id), with their ranks, without
 * sorting the frame: the keys are uniform, so a stratum's first n_h lie below a bound set for n_h and a margin
 * (n_h + 6√n_h + 20 of its N_h; all of it when that is most of it), and only the enterprises below their
 * stratum's bound are read and ordered here. A stratum with fewer below its bound than it needs (the margin makes
 * it very unlikely) is read whole. The same members and ranks as ranking the whole frame in SQL.
 */
async function drawMembers(
  db: Db,
  regionCode: string,
  sizeYear: number,
  seed: string,
  taken: readonly DrawStratum[],
): Promise<DrawnMember[]> {
  const keyOf = (s: { industry: string; regionCode: string; size: string }) =>
    `${s.industry}|${s.regionCode}|${s.size}`;
  /** A bound on the first 8 hex digits of the key ('g': above every key, the whole stratum). */
  const boundOf = (s: DrawStratum) => {
    const share = (s.sample + 6 * Math.sqrt(s.sample) + 20) / s.frame;
    return share >= 0.5
      ? 'g'
      : Math.floor(share * 2 ** 32)
          .toString(16)
          .padStart(8, '0');
  };
  const candidates = async (strata: readonly DrawStratum[], bounds: readonly string[]) => {
    // Each row's bound looked up by its stratum in one JSON object (no join to plan: the frame's joins stay as
    // they are, in parallel); a stratum not drawn from has none, and its rows are left out.
    const boundBy = Object.fromEntries(strata.map((s, i) => [keyOf(s), bounds[i]]));
    const { rows } = await sql<{ id: number; industry: string; region: string; size: string; key: string }>`
      select f.id, f.industry, f.region, f.size, ${seededKey(seed, sql`f.id`)} as key
      from ${frameSql(regionCode, sizeYear, { revenue: false })} f
      where ${seededKey(seed, sql`f.id`)} collate "C"
        < (${JSON.stringify(boundBy)}::jsonb ->> (f.industry || '|' || f.region || '|' || f.size)) collate "C"`.execute(
      db,
    );
    const by = new Map<string, { id: number; key: string }[]>();
    for (const r of rows) {
      const k = keyOf({ industry: r.industry, regionCode: r.region, size: r.size });
      const list = by.get(k) ?? [];
      list.push({ id: Number(r.id), key: r.key });
      by.set(k, list);
    }
    return by;
  };
  const found = await candidates(
    taken,
    taken.map((s) => boundOf(s)),
  );
  const short = taken.filter((s) => (found.get(keyOf(s))?.length ?? 0) < s.sample);
  if (short.length > 0) {
    const whole = await candidates(
      short,
      short.map(() => 'g'),
    );
    for (const s of short) found.set(keyOf(s), whole.get(keyOf(s)) ?? []);
  }
  const members: DrawnMember[] = [];
  for (const s of taken) {
    const list = (found.get(keyOf(s)) ?? []).sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id,
    );
    const weight = designWeight(s.frame, s.sample);
    list.slice(0, s.sample).forEach((m, i) => {
      members.push({
        id: m.id,
        industry: s.industry,
        region: s.regionCode,
        size: s.size,
        weight,
        rank: i + 1,
      });
    });
  }
  return members;
}

/** Whether a draw's size is one: a whole number from 1 to SAMPLE_SIZE_MAX (a JSON number, never text). */
export function isSampleSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= SAMPLE_SIZE_MAX;
}

/**
 * Draws a survey's panel: strata from the frame, the allocation, then every stratum's first n_h enterprises in the
 * seeded order, in one statement. An existing panel is replaced only when asked (its members leave it).
 */
export async function drawPanel(
  db: Kysely<Database>,
  caller: Caller,
  surveyId: number,
  body: Static<typeof DrawBody>,
) {
  const actor = requireActor(caller);
  if (!isSampleSize(body.sampleSize))
    throw AppError.field('sampleSize', {
      zh: `样本量须为 1 至 ${SAMPLE_SIZE_MAX.toLocaleString('en-US')} 之间的整数`,
      en: `must be a whole number from 1 to ${SAMPLE_SIZE_MAX.toLocaleString('en-US')}`,
    });
  const seed = body.seed ?? randomBytes(8).toString('hex');
  const today = todayInChina();
  return db.transaction().execute(async (trx) => {
    const survey = await loadSurvey(trx, actor, surveyId, true);
    const active = await trx
      .selectFrom('monitoring_panel_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', surveyId)
      .where('state', '=', 'active')
      .executeTakeFirstOrThrow();
    if (Number(active.n) > 0 && !body.replace)
      throw new AppError('CONFLICT', [
        {
          field: 'replace',
          message: {
            zh: `本调查已有${active.n}家样本企业；重新抽样将替换整个样本，请确认`,
            en: `the survey has a panel of ${active.n}; drawing again replaces it — confirm to go on`,
          },
        },
      ]);
    const open = await trx
      .selectFrom('monitoring_waves')
      .select('period')
      .where('survey_id', '=', surveyId)
      .where('state', '=', 'open')
      .executeTakeFirst();
    if (open)
      throw AppError.field('replace', {
        zh: `第${open.period}期调查进行中，结束后才能重新抽样`,
        en: `wave ${open.period} is open; close it before drawing again`,
      });
    const sizeYear = await sizeYearOf(trx);
    // The frame is read twice (its strata, then each stratum's first enterprises): hash joins over a national
    // registry spill to disk at the default work_mem (4 MB), and compiling the scans (JIT) costs more than it saves.
    await sql`set local work_mem = '64MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    const strata = await strataOf(trx, survey.region_code, sizeYear, body.allocation === 'revenue');
    const frame = strata.reduce((s, x) => s + x.frame, 0);
    if (frame === 0) throw new AppError('VALIDATION_FAILED', [{ field: 'sampleSize', message: NO_FRAME }]);
    if (body.sampleSize > frame)
      throw AppError.field('sampleSize', {
        zh: `样本量大于抽样框（${frame}家）`,
        en: `is above the frame's ${frame} enterprises`,
      });
    const samples = allocate(
      strata.map((s) => ({
        key: `${s.industry}|${s.region}|${s.size}`,
        frame: s.frame,
        revenue: s.revenue ?? '0',
      })),
      body.sampleSize,
      body.allocation,
    );
    const drawn: DrawStratum[] = strata.map((s, i) => ({
      industry: s.industry,
      regionCode: s.region,
      size: s.size,
      frame: s.frame,
      revenue: s.revenue,
      sample: samples[i] ?? 0,
    }));
    const { id: drawId } = await trx
      .insertInto('monitoring_draws')
      .values({
        survey_id: surveyId,
        seed,
        sample_size: body.sampleSize,
        allocation: body.allocation,
        size_year: sizeYear,
        frame,
        drawn: body.sampleSize,
        strata: JSON.stringify(drawn),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (Number(active.n) > 0)
      await trx
        .updateTable('monitoring_panel_members')
        .set((eb) => ({
          state: 'dropped',
          left_on: today,
          left_reason: '重新抽样',
          version: eb('version', '+', 1),
        }))
        .where('survey_id', '=', surveyId)
        .where('state', '=', 'active')
        .execute();
    const taken = drawn.filter((s) => s.sample > 0);
    const members = await drawMembers(trx, survey.region_code, sizeYear, seed, taken);
    await sql`
      insert into monitoring_panel_members (enterprise_id, survey_id, industry, region_code, size, design_weight,
        draw_id, draw_rank, state, joined_on)
      select m.id, ${surveyId}, m.industry, m.region, m.size, m.weight::numeric, ${drawId}, m.rank, 'active',
        ${today}::date
      from unnest(${members.map((m) => m.id)}::bigint[], ${members.map((m) => m.industry)}::text[],
          ${members.map((m) => m.region)}::text[], ${members.map((m) => m.size)}::text[],
          ${members.map((m) => m.weight)}::text[], ${members.map((m) => m.rank)}::int[])
        as m(id, industry, region, size, weight, rank)
      on conflict (enterprise_id, survey_id) do update set industry = excluded.industry,
        region_code = excluded.region_code, size = excluded.size, design_weight = excluded.design_weight,
        draw_id = excluded.draw_id, draw_rank = excluded.draw_rank, state = 'active', joined_on = excluded.joined_on,
        left_on = null, left_reason = null, replaces_enterprise_id = null,
        version = monitoring_panel_members.version + 1`.execute(trx);
    await audit(
      trx,
      caller,
      actor,
      'panel_drawn',
      { type: 'monitoring_survey', id: surveyId },
      {
        drawId,
        seed,
        sampleSize: body.sampleSize,
        allocation: body.allocation,
        frame,
        strata: drawn.length,
        replaced: Number(active.n),
      },
    );
    return drawView(await findDraw(trx, drawId));
  });
}

async function findDraw(db: Db, id: number) {
  return db.selectFrom('monitoring_draws').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function drawView(d: Awaited<ReturnType<typeof findDraw>>) {
  return {
    id: Number(d.id),
    seed: d.seed,
    sampleSize: d.sample_size,
    allocation: d.allocation,
    sizeYear: d.size_year,
    frame: d.frame,
    drawn: d.drawn,
    strata: d.strata.map((s) => ({
      ...s,
      designWeight: s.sample > 0 ? designWeight(s.frame, s.sample) : null,
    })),
    createdAt: d.created_at,
  };
}

interface MemberRow {
  enterprise_id: number;
  uscc: string;
  name: string;
  industry: string;
  region_code: string;
  size: 'medium' | 'small' | 'micro';
  design_weight: string;
  state: 'active' | 'dropped';
  joined_on: string;
  left_on: string | null;
  left_reason: string | null;
  replaces_enterprise_id: number | null;
  replaced_by: number | null;
  version: number;
}

function memberView(r: MemberRow) {
  return {
    enterpriseId: Number(r.enterprise_id),
    uscc: r.uscc,
    name: r.name,
    industry: r.industry,
    regionCode: r.region_code,
    size: r.size,
    designWeight: r.design_weight,
    state: r.state,
    joinedOn: r.joined_on,
    leftOn: r.left_on,
    leftReason: r.left_reason,
    replacesEnterpriseId: r.replaces_enterprise_id === null ? null : Number(r.replaces_enterprise_id),
    replacedBy: r.replaced_by === null ? null : Number(r.replaced_by),
    version: r.version,
  };
}

function memberSelect(surveyId: number, where: RawBuilder<unknown>) {
  return sql<MemberRow & { total: number }>`
    select m.enterprise_id, e.uscc, e.name, m.industry, m.region_code, m.size,
      trim_scale(m.design_weight)::text as design_weight, m.state, to_char(m.joined_on, 'YYYY-MM-DD') as joined_on,
      to_char(m.left_on, 'YYYY-MM-DD') as left_on, m.left_reason, m.replaces_enterprise_id,
      (select r.enterprise_id from monitoring_panel_members r where r.survey_id = m.survey_id
        and r.replaces_enterprise_id = m.enterprise_id limit 1) as replaced_by, m.version,
      count(*) over ()::int as total
    from monitoring_panel_members m join ${enterpriseFactsSql.enterprises()} e on e.id = m.enterprise_id
    where m.survey_id = ${surveyId} and ${where}`;
}

/** The panel's members, filtered and paged (name order). */
export async function panelPage(db: Db, caller: Caller, surveyId: number, query: Static<typeof PanelQuery>) {
  const actor = requireActor(caller);
  await loadSurvey(db, actor, surveyId);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (query.state) conditions.push(sql`m.state = ${query.state}`);
  if (query.industry) conditions.push(sql`m.industry = ${query.industry}`);
  if (query.regionCode) conditions.push(sql`m.region_code like ${`${query.regionCode}%`}`);
  if (query.size) conditions.push(sql`m.size = ${query.size}`);
  const q = query.q?.trim();
  if (q) conditions.push(sql`(e.name like ${`%${q}%`} or e.uscc = ${q.toUpperCase()})`);
  const { rows } = await sql<
    MemberRow & { total: number }
  >`${memberSelect(surveyId, sql.join(conditions, sql` and `))}
    order by m.state, e.name, m.enterprise_id limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  return { items: rows.map(memberView), total: rows[0]?.total ?? 0, page, pageSize };
}

/**
 * Drops a member (with the reason), and by default draws its replacement: the next enterprise of the same stratum
 * in the draw's seeded order that was never in the panel. Its pending questionnaire of an open wave is withdrawn and
 * the replacement gets one.
 */
export async function dropMember(
  db: Kysely<Database>,
  caller: Caller,
  surveyId: number,
  enterpriseId: number,
  body: Static<typeof DropMemberBody>,
) {
  const actor = requireActor(caller);
  const today = todayInChina();
  return db.transaction().execute(async (trx) => {
    const survey = await loadSurvey(trx, actor, surveyId, true);
    const member = await trx
      .selectFrom('monitoring_panel_members')
      .selectAll()
      .where('survey_id', '=', surveyId)
      .where('enterprise_id', '=', enterpriseId)
      .forUpdate()
      .executeTakeFirst();
    if (!member) throw new AppError('NOT_FOUND');
    if (member.version !== body.version) throw new AppError('CONFLICT');
    if (member.state !== 'active')
      throw AppError.field('version', { zh: '该企业已退出样本', en: 'the enterprise has left the panel' });
    await trx
      .updateTable('monitoring_panel_members')
      .set({ state: 'dropped', left_on: today, left_reason: body.reason.trim(), version: member.version + 1 })
      .where('survey_id', '=', surveyId)
      .where('enterprise_id', '=', enterpriseId)
      .execute();
    await withdrawOpenQuestionnaires(trx, surveyId, [enterpriseId]);
    let replacement: number | null = null;
    let noReplacement: string | null = null;
    if (body.replace ?? true) {
      const draw = await findDraw(trx, member.draw_id);
      const { rows } = await sql<{ id: number; rank: number }>`
        select x.id, x.rank from (select f.id, f.industry, f.region, f.size,
            row_number() over (order by md5(${draw.seed} || ':' || f.id::text), f.id)::int as rank
          from ${frameSql(survey.region_code, draw.size_year)} f
          where f.industry = ${member.industry} and f.region = ${member.region_code} and f.size = ${member.size}) x
        where not exists (select 1 from monitoring_panel_members m where m.survey_id = ${surveyId}
          and m.enterprise_id = x.id)
        order by x.rank limit 1`.execute(trx);
      const next = rows[0];
      if (!next) noReplacement = '该层已无可替换的企业（抽样框中同行业、地区、规模的企业均已入样）';
      else {
        replacement = Number(next.id);
        await trx
          .insertInto('monitoring_panel_members')
          .values({
            enterprise_id: replacement,
            survey_id: surveyId,
            industry: member.industry,
            region_code: member.region_code,
            size: member.size,
            design_weight: String(member.design_weight),
            draw_id: member.draw_id,
            draw_rank: next.rank,
            state: 'active',
            joined_on: today,
            replaces_enterprise_id: enterpriseId,
          })
          .execute();
        await openQuestionnairesFor(trx, survey, [replacement]);
      }
    }
    await audit(
      trx,
      caller,
      actor,
      'member_dropped',
      { type: 'monitoring_survey', id: surveyId },
      {
        enterpriseId,
        reason: body.reason.trim(),
        replacement,
      },
    );
    const read = async (id: number) => {
      const { rows } = await memberSelect(surveyId, sql`m.enterprise_id = ${id}`).execute(trx);
      return memberView(rows[0] as MemberRow);
    };
    return {
      dropped: await read(enterpriseId),
      replacement: replacement === null ? null : await read(replacement),
      noReplacement,
    };
  });
}

/** A dropped member's questionnaires of open waves that it has not submitted are withdrawn (answers with them). */
async function withdrawOpenQuestionnaires(trx: Db, surveyId: number, enterpriseIds: number[]) {
  const open = sql`(select id from monitoring_waves where survey_id = ${surveyId} and state = 'open')`;
  await sql`delete from monitoring_answers a using monitoring_responses r
    where a.wave_id = r.wave_id and a.enterprise_id = r.enterprise_id and r.wave_id in ${open}
      and r.enterprise_id = any(${enterpriseIds}::bigint[]) and r.state in ('pending', 'draft')`.execute(trx);
  await sql`delete from monitoring_responses where wave_id in ${open}
    and enterprise_id = any(${enterpriseIds}::bigint[]) and state in ('pending', 'draft')`.execute(trx);
}

/** A new member gets the questionnaire of every open wave of the survey. */
async function openQuestionnairesFor(trx: Db, survey: SurveyRow, enterpriseIds: number[]) {
  const waves = await trx
    .selectFrom('monitoring_waves')
    .select(['id', 'period'])
    .where('survey_id', '=', survey.id)
    .where('state', '=', 'open')
    .execute();
  for (const wave of waves) await createResponses(trx, survey, Number(wave.id), enterpriseIds);
}

/**
 * The questionnaires of a wave for the survey's active members (or those listed): each with its stratum and its
 * weight as of now — the design weight, times the enterprise's revenue (万元) when the survey weights by revenue (a
 * member without revenue takes its stratum's mean). Returns the enterprises given one.
 */
export async function createResponses(
  trx: Db,
  survey: Pick<SurveyRow, 'id' | 'weighting'>,
  waveId: number,
  only: number[] | null = null,
): Promise<number[]> {
  const onlyThese = only === null ? sql`true` : sql`m.enterprise_id = any(${only}::bigint[])`;
  const sizeYear = survey.weighting === 'design_revenue' ? await sizeYearOf(trx) : 0;
  const weight =
    survey.weighting === 'design_revenue'
      ? sql`m.design_weight * greatest(coalesce(nullif(f.operating_revenue, 0),
          avg(nullif(f.operating_revenue, 0)) over (partition by m.industry, m.region_code, m.size), 1), 0.000001)`
      : sql`m.design_weight`;
  const figures =
    survey.weighting === 'design_revenue'
      ? sql`left join ${enterpriseFactsSql.figures(sizeYear)} f on f.enterprise_id = m.enterprise_id`
      : sql``;
  const { rows } = await sql<{ enterprise_id: number }>`
    insert into monitoring_responses (wave_id, enterprise_id, survey_id, industry, region_code, size, weight, state)
    select ${waveId}, m.enterprise_id, m.survey_id, m.industry, m.region_code, m.size, round(${weight}, 6), 'pending'
    from monitoring_panel_members m ${figures}
    where m.survey_id = ${survey.id} and m.state = 'active' and ${onlyThese}
    on conflict do nothing
    returning enterprise_id`.execute(trx);
  return rows.map((r) => Number(r.enterprise_id));
}

/** The panel's make-up beside the frame's, by industry, region and size (counts, shares, weighted shares). */
export async function panelMakeup(db: Db, caller: Caller, surveyId: number) {
  const actor = requireActor(caller);
  const survey = await loadSurvey(db, actor, surveyId);
  const drawRow = await db
    .selectFrom('monitoring_draws')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const sizeYear = drawRow?.size_year ?? (await latestSizeYear(db as Kysely<Database>));
  const strata = sizeYear === null ? [] : await strataOf(db, survey.region_code, sizeYear);
  const { rows: members } = await sql<{
    industry: string;
    region: string;
    size: string;
    n: number;
    w: string;
  }>`
    select industry, region_code as region, size, count(*)::int as n, sum(design_weight)::text as w
    from monitoring_panel_members where survey_id = ${surveyId} and state = 'active'
    group by 1, 2, 3`.execute(db);
  const outside = sizeYear === null ? [] : await frameExclusions(db, survey.region_code, sizeYear);
  const frame = strata.reduce((s, x) => s + x.frame, 0);
  const panel = members.reduce((s, x) => s + x.n, 0);
  const weighted = members.reduce((s, x) => s + Number(x.w), 0);
  const by = (key: 'industry' | 'region' | 'size') => {
    const rows = new Map<string, { frame: number; panel: number; weight: number }>();
    for (const s of strata) {
      const r = rows.get(s[key]) ?? { frame: 0, panel: 0, weight: 0 };
      r.frame += s.frame;
      rows.set(s[key], r);
    }
    for (const m of members) {
      const r = rows.get(m[key]) ?? { frame: 0, panel: 0, weight: 0 };
      r.panel += m.n;
      r.weight += Number(m.w);
      rows.set(m[key], r);
    }
    const share = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);
    return [...rows.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, r]) => ({
        key: k,
        frame: r.frame,
        frameShare: share(r.frame, frame),
        panel: r.panel,
        panelShare: share(r.panel, panel),
        weightedShare: share(r.weight, weighted),
      }));
  };
  return {
    draw: drawRow ? drawView(drawRow) : null,
    frame,
    panel,
    outside,
    byIndustry: by('industry'),
    byRegion: by('region'),
    bySize: by('size'),
  };
}

/** For exports: the whole panel page by page. */
export async function* panelPages(
  db: Db,
  caller: Caller,
  surveyId: number,
  query: Static<typeof PanelQuery>,
) {
  for (let page = 1; ; page++) {
    const { items } = await panelPage(db, caller, surveyId, { ...query, page, pageSize: 200 });
    if (items.length === 0) return;
    yield items;
    if (items.length < 200) return;
  }
}
