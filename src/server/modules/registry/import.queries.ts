/** Read-side SQL of import jobs, scoped to the caller. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';

/** Import jobs with the name of who submitted them (null: the command line). */
function jobsWithSubmitter(db: Kysely<Database>) {
  return db
    .selectFrom('import_jobs as j')
    .leftJoin('users as u', 'u.id', 'j.created_by')
    .selectAll('j')
    .select('u.display_name as created_by_name');
}

/** Jobs an actor may see: an official those of their region subtree, an admin all. */
export async function listJobs(db: Kysely<Database>, actor: Actor, page: number, pageSize: number) {
  let base = db.selectFrom('import_jobs');
  if (actor.role === 'official') base = base.where('region_prefix', 'like', `${actor.regionPrefix ?? ''}%`);
  let rows = jobsWithSubmitter(db);
  if (actor.role === 'official') rows = rows.where('j.region_prefix', 'like', `${actor.regionPrefix ?? ''}%`);
  const [items, count] = await Promise.all([
    rows
      .orderBy('j.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

/** One job, if the actor may see it. */
export async function getJob(db: Kysely<Database>, actor: Actor, id: number) {
  const job = await jobsWithSubmitter(db).where('j.id', '=', id).executeTakeFirst();
  if (!job) throw new AppError('NOT_FOUND');
  if (actor.role === 'official' && !job.region_prefix.startsWith(actor.regionPrefix ?? '\u0000'))
    throw new AppError('OUT_OF_SCOPE');
  return job;
}

/** A page of a job's rejected rows, in row order. */
export async function listJobErrors(db: Kysely<Database>, jobId: number, page: number, pageSize: number) {
  const base = db.selectFrom('import_job_errors').where('job_id', '=', jobId);
  const [items, count] = await Promise.all([
    base
      .select(['row_number', 'field', 'message_zh', 'message_en'])
      .orderBy('row_number')
      .orderBy('field')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}
