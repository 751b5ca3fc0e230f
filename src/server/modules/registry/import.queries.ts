/** Read-side SQL of import jobs, scoped to the caller. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { findUserDisplays } from '../accounts/index.ts';

/** Import jobs with the name of who submitted them (null: the command line), names fetched in one query. */
async function withSubmitters<J extends { created_by: number | null }>(
  db: Kysely<Database>,
  jobs: J[],
): Promise<(J & { created_by_name: string | null })[]> {
  const users = await findUserDisplays(
    db,
    jobs.map((job) => job.created_by),
  );
  return jobs.map((job) => ({
    ...job,
    created_by_name: job.created_by === null ? null : (users.get(job.created_by)?.displayName ?? null),
  }));
}

/** Jobs an actor may see: an official those of their region subtree, an admin all. */
export async function listJobs(db: Kysely<Database>, actor: Actor, page: number, pageSize: number) {
  let base = db.selectFrom('import_jobs');
  if (actor.role === 'official') base = base.where('region_prefix', 'like', `${actor.regionPrefix ?? ''}%`);
  const [jobs, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await withSubmitters(db, jobs), total: count.n };
}

/** One job, if the actor may see it. */
export async function getJob(db: Kysely<Database>, actor: Actor, id: number) {
  const found = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');
  if (actor.role === 'official' && !found.region_prefix.startsWith(actor.regionPrefix ?? '\u0000'))
    throw new AppError('OUT_OF_SCOPE');
  const [job] = await withSubmitters(db, [found]);
  return job as NonNullable<typeof job>;
}

/** A page of a job's rejected rows, in row order. */
export async function listJobErrors(db: Kysely<Database>, jobId: number, page: number, pageSize: number) {
  const base = db.selectFrom('import_job_errors').where('job_id', '=', jobId);
  const [items, count] = await Promise.all([
    base
      .select(['row_number', 'field', 'message_zh', 'message_en', 'code'])
      .orderBy('row_number')
      .orderBy('field')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

/** One enterprise an import changed, as an actor may see it. */
export interface JobEnterpriseRow {
  row: number;
  change: 'created' | 'updated';
  enterpriseId: number;
  uscc: string | null;
  name: string | null;
  regionCode: string | null;
  /** The region's full name (GB/T 2260), as the page shows it. */
  regionName: string | null;
}

/**
 * A page of the enterprises a job created or updated, in row order (ADR 0015): by offset, or after a row (to
 * walk the whole list for a download). The job must already be known visible to the actor (`getJob`); an
 * official sees the USCC, name and region only of enterprises still inside their region.
 */
export async function listJobEnterprises(
  db: Kysely<Database>,
  actor: Actor,
  jobId: number,
  options: { change?: 'created' | 'updated' | undefined; pageSize: number; page?: number; afterRow?: number },
): Promise<{ items: JobEnterpriseRow[]; total: number | null }> {
  let base = db.selectFrom('import_job_enterprises as j').where('j.job_id', '=', jobId);
  if (options.change) base = base.where('j.change', '=', options.change);
  let rows = base
    .innerJoin('enterprises as e', 'e.id', 'j.enterprise_id')
    .leftJoin('regions as r', 'r.code', 'e.region_code')
    .select([
      'j.row_number',
      'j.change',
      'j.enterprise_id',
      'e.uscc',
      'e.name',
      'e.region_code',
      'r.full_name as region_name',
    ])
    .orderBy('j.row_number')
    .limit(options.pageSize);
  if (options.afterRow !== undefined) rows = rows.where('j.row_number', '>', options.afterRow);
  else rows = rows.offset(((options.page ?? 1) - 1) * options.pageSize);
  const [found, count] = await Promise.all([
    rows.execute(),
    options.afterRow === undefined
      ? base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      : null,
  ]);
  const prefix = actor.role === 'official' ? (actor.regionPrefix ?? '\u0000') : '';
  return {
    items: found.map((r) => {
      const visible = r.region_code.startsWith(prefix);
      return {
        row: r.row_number,
        change: r.change,
        enterpriseId: r.enterprise_id,
        uscc: visible ? r.uscc.trim() : null,
        name: visible ? r.name : null,
        regionCode: visible ? r.region_code : null,
        regionName: visible ? (r.region_name ?? r.region_code) : null,
      };
    }),
    total: count ? Number(count.n) : null,
  };
}

/** The import queue as the metrics show it: queued and running imports, and how long the oldest queued has waited. */
export async function importQueueStats(
  db: Kysely<Database>,
): Promise<{ queued: number; running: number; oldestQueuedSeconds: number }> {
  const { rows } = await sql<{ queued: number; running: number; oldestQueuedSeconds: number }>`
    select count(*) filter (where status = 'queued')::int as queued,
      count(*) filter (where status = 'running')::int as running,
      coalesce(extract(epoch from now() - min(created_at) filter (where status = 'queued')), 0)::float8
        as "oldestQueuedSeconds"
    from import_jobs where status in ('queued', 'running')`.execute(db);
  return rows[0] ?? { queued: 0, running: 0, oldestQueuedSeconds: 0 };
}
