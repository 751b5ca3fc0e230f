/** All SQL of the policies module's applications table: what enterprises applied for, and the officials' lists of them. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { escapeLike } from '../audit/index.ts';
import { enterpriseCards } from '../registry/index.ts';
import type { ApplicationChannel, PolicyApplicationsTable } from './policies.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Records an enterprise's application to a version of a policy; undefined when it is recorded already. */
export function insertApplication(
  trx: Transaction<Database>,
  a: {
    enterpriseId: number;
    policyId: number;
    version: number;
    channel: ApplicationChannel;
    note: string | null;
    recordedBy: number;
  },
) {
  return trx
    .insertInto('policy_applications')
    .values({
      enterprise_id: a.enterpriseId,
      policy_id: a.policyId,
      version: a.version,
      channel: a.channel,
      note: a.note,
      recorded_by: a.recordedBy,
    })
    .onConflict((oc) => oc.columns(['enterprise_id', 'policy_id', 'version']).doNothing())
    .returning(['applied_at'])
    .executeTakeFirst();
}

/** An enterprise's applications, oldest first. */
export function listApplicationsOfEnterprise(db: Db, enterpriseId: number) {
  return db
    .selectFrom('policy_applications')
    .select(['policy_id', 'version', 'applied_at', 'channel', 'note'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('applied_at')
    .execute();
}

/** Applications to a policy by enterprises of the official's subtree (optionally one region or a search). */
function applicationRows(db: Db, policyId: number, prefix: string, q?: string) {
  let query = db
    .selectFrom('policy_applications as a')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'a.enterprise_id')
    .where('a.policy_id', '=', policyId)
    .where(sql<boolean>`starts_with(e.region_code, ${prefix})`);
  if (q?.trim()) {
    const like = `%${escapeLike(q.trim())}%`;
    query = query.where((eb) =>
      eb.or([eb('e.name', 'like', like), eb('e.uscc', 'like', like.toUpperCase())]),
    );
  }
  return query;
}

const APPLICATION_COLUMNS = [
  'a.enterprise_id',
  'a.version',
  'a.applied_at',
  'a.channel',
  'a.note',
  'e.uscc',
  'e.name',
  'e.region_code',
] as const;

/** An application with its enterprise, as the officials' list and export read it. */
export type ApplicationRow = Pick<
  PolicyApplicationsTable,
  'enterprise_id' | 'version' | 'channel' | 'note'
> & {
  applied_at: Date;
  uscc: string;
  name: string;
  region_code: string;
};

/** A page of a policy's applications by enterprises of a region subtree (newest first), and their count. */
export async function applicationsPage(
  db: Db,
  policyId: number,
  prefix: string,
  q: string | undefined,
  page: number,
  pageSize: number,
) {
  const [rows, total] = await Promise.all([
    applicationRows(db, policyId, prefix, q)
      .select([...APPLICATION_COLUMNS])
      .orderBy('a.applied_at', 'desc')
      .orderBy('a.enterprise_id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    applicationRows(db, policyId, prefix, q)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ApplicationRow[], total: total.n };
}

/** The next applications of a policy by enterprises of a region subtree, in (enterprise, version) order. */
export async function applicationsAfter(
  db: Db,
  policyId: number,
  prefix: string,
  after: { enterpriseId: number; version: number },
  limit: number,
): Promise<ApplicationRow[]> {
  return applicationRows(db, policyId, prefix)
    .select([...APPLICATION_COLUMNS])
    .where(sql<boolean>`(a.enterprise_id, a.version) > (${after.enterpriseId}, ${after.version})`)
    .orderBy('a.enterprise_id')
    .orderBy('a.version')
    .limit(limit)
    .execute();
}
