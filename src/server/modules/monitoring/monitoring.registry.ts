/**
 * The registry's regular statistics (issue 16, measure 3): for a region and an ended month, the registry's counts —
 * active enterprises, entries (established in the month), exits (left "active" in it), new registrations on the
 * platform — by GB/T 4754 section × the next level's region × size class, with every aggregate, as a run (kind
 * `registry`) that is released like an index: draft → reviewed → scheduled, on the same public page.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Static } from 'typebox';
import type { RegistryRunBody, RegistryRunListQuery } from '../../../shared/api/monitoring.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { latestSizeYear, registryMonthCounts } from '../registry/index.ts';
import { audit } from './monitoring.audit.ts';
import { regionFor, surveyPrefix } from './monitoring.repository.ts';
import type { Figure } from './monitoring.rules.ts';

/** The measures of the registry's statistics, in the order a page shows them. */
export const REGISTRY_MEASURES = ['enterprises', 'entries', 'exits', 'registered'] as const;

function monthBounds(period: string): { first: string; last: string } {
  const [year, month] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return { first: `${period}-01`, last };
}

/** Every figure of a month's counts: each cell and every sum over section, region and size ('' = all). */
export function registryFigures(
  counts: readonly { measure: string; section: string; region: string; size: string; count: number }[],
): Figure[] {
  const sums = new Map<string, number>();
  for (const c of counts)
    for (const section of [c.section, ''])
      for (const region of [c.region, ''])
        for (const size of [c.size, '']) {
          const key = `${c.measure}|${section}|${region}|${size}`;
          sums.set(key, (sums.get(key) ?? 0) + c.count);
        }
  for (const measure of REGISTRY_MEASURES) {
    const all = `${measure}|||`;
    if (!sums.has(all)) sums.set(all, 0);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => {
      const [measure = '', industry = '', region = '', size = ''] = key.split('|');
      return { measure, industry, region, size, value: String(n), responses: n };
    });
}

/**
 * Counts a region's month (officials of the region; admins: any, '' national): the month must have ended. Stored as
 * a run with its figures and their digest; audited.
 */
export async function computeRegistryRun(
  db: Kysely<Database>,
  caller: Caller,
  body: Static<typeof RegistryRunBody>,
) {
  const actor = requireActor(caller);
  const regionCode = regionFor(actor, body.regionCode, {
    zh: '全国统计由管理员编制；请填写本地区代码',
    en: 'the national statistics are an admin’s; give your region’s code',
  });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(body.period))
    throw AppError.field('period', { zh: '月份形如 2026-11', en: 'a month is like 2026-11' });
  if (body.period >= todayInChina().slice(0, 7))
    throw AppError.field('period', {
      zh: '该月尚未结束，月度统计须在月份结束后编制',
      en: 'the month has not ended: a month’s statistics are made after it',
    });
  const { first, last } = monthBounds(body.period);
  const sizeYear = (await latestSizeYear(db)) ?? Number(body.period.slice(0, 4)) - 1;
  const counts = await registryMonthCounts(db, surveyPrefix(regionCode), first, last, sizeYear);
  const figures = registryFigures(counts);
  const hash = createHash('sha256');
  for (const f of figures) hash.update(`${f.measure}|${f.industry}|${f.region}|${f.size}|${f.value}\n`);
  const sha256 = hash.digest('hex');
  const active = Number(
    figures.find((f) => f.measure === 'enterprises' && f.industry === '' && f.region === '' && f.size === '')
      ?.value ?? 0,
  );
  const runId = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('monitoring_runs')
      .values({
        kind: 'registry',
        region_code: regionCode,
        period: body.period,
        responses: active,
        weights: JSON.stringify({ sizeYear, standard: 'cn-2011' }),
        figures_sha256: sha256,
        computed_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const runId = Number(id);
    for (let i = 0; i < figures.length; i += 20000) {
      const chunk = figures.slice(i, i + 20000);
      await sql`insert into monitoring_figures (run_id, measure, industry, region_code, size, value, responses)
        select ${runId}, * from unnest(${chunk.map((f) => f.measure)}::text[], ${chunk.map((f) => f.industry)}::text[],
          ${chunk.map((f) => f.region)}::text[], ${chunk.map((f) => f.size)}::text[],
          ${chunk.map((f) => f.value)}::numeric[], ${chunk.map((f) => f.responses)}::int[])`.execute(trx);
    }
    await audit(
      trx,
      caller,
      actor,
      'registry_counted',
      { type: 'region', id: regionCode || 'national' },
      {
        runId,
        period: body.period,
        enterprises: active,
        figuresSha256: sha256,
      },
    );
    return runId;
  });
  return runId;
}

/** The registry statistics counted for the official's region and below (admins: all), latest first. */
export async function listRegistryRuns(
  db: Kysely<Database>,
  caller: Caller,
  query: Static<typeof RegistryRunListQuery>,
) {
  const actor = requireActor(caller);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const scope =
    actor.role === 'admin'
      ? sql`true`
      : sql`r.region_code like ${`${actor.regionPrefix ?? '\u0000'}%`} and r.region_code <> ''`;
  const { rows } = await sql<{
    id: number;
    region_code: string;
    period: string;
    responses: number;
    computed_at: Date;
    released: boolean;
    total: number;
  }>`
    select r.id, r.region_code, r.period, r.responses, r.computed_at,
      exists (select 1 from monitoring_releases rl where rl.run_id = r.id and rl.state <> 'withdrawn') as released,
      count(*) over ()::int as total
    from monitoring_runs r where r.kind = 'registry' and ${scope}
    order by r.period desc, r.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      regionCode: r.region_code,
      period: r.period,
      enterprises: r.responses,
      computedAt: r.computed_at,
      released: r.released,
    })),
    total: rows[0]?.total ?? 0,
    page,
    pageSize,
  };
}
